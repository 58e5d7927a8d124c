//! Tests of the CLI scripts: snapshots, the rules every `aws` call follows,
//! shellcheck on every generated script, the quoting layer against a real
//! bash, and a run of both scripts against a fake `aws` that records its
//! arguments, with a design whose names are hostile.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use vpcplan_core::Design;
use vpcplan_core::design::{LinkSpec, ServiceKind};
use vpcplan_core::file::{read_design, write_design};

use super::shell::quote;
use super::{Plan, cli_scripts};
use crate::test_fixtures::{fixture, fixtures_dir};
use crate::{ExportError, ExportOptions, ExportedFile};

mod bash;
mod hostile;
mod ipv6;
mod verify;

use bash::hostile_strings;
use hostile::{MARKER, hostile_design};

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "fixtures missing: {names:?}");
    names
}

fn export(design: &Design) -> (String, String) {
    let files = cli_scripts(design, &ExportOptions { allow_errors: true }).unwrap();
    let [deploy, teardown, verify]: [ExportedFile; 3] = files.try_into().unwrap();
    assert_eq!(deploy.path, "cli/deploy.sh");
    assert_eq!(teardown.path, "cli/teardown.sh");
    assert_eq!(verify.path, "cli/verify.sh");
    (deploy.contents, teardown.contents)
}

/// The script's commands, continuation lines joined, comments dropped.
fn logical_lines(script: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        if current.is_empty() && line.trim_start().starts_with('#') {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => current.push_str(start),
            None => {
                current.push_str(line);
                lines.push(std::mem::take(&mut current));
            }
        }
    }
    lines
}

fn a_temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "vpcplan-cli-{label}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ------------------------------------------------------------- snapshots

#[test]
fn snapshots_of_the_fixture_scripts() {
    for name in fixture_names() {
        let stem = name.trim_end_matches(".json");
        let (deploy, teardown) = export(&fixture(&name));
        if stem.starts_with("mesh-") {
            // 435 peerings make a 900 KB script; its shape is what matters.
            insta::assert_snapshot!(format!("{stem}-summary"), summary(&deploy, &teardown));
        } else {
            insta::assert_snapshot!(format!("{stem}-deploy"), deploy);
            insta::assert_snapshot!(format!("{stem}-teardown"), teardown);
        }
    }
}

/// How many times each AWS operation and teardown step appears.
fn summary(deploy: &str, teardown: &str) -> String {
    let mut out = String::new();
    for (label, script) in [("deploy.sh", deploy), ("teardown.sh", teardown)] {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for line in logical_lines(script) {
            for call in line.split("aws ec2 ").skip(1) {
                let operation = call.split_whitespace().next().unwrap_or_default();
                *counts.entry(format!("aws ec2 {operation}")).or_default() += 1;
            }
            let steps = [
                "find_peerings",
                "revoke_ingress",
                "reject_connections",
                "wait_endpoints_gone",
                "disassociate_cidrs",
                "wait_peering",
            ];
            let first = line.split_whitespace().next().unwrap_or_default();
            if first.starts_with("delete_") || steps.contains(&first) {
                *counts.entry(first.to_owned()).or_default() += 1;
            }
        }
        out.push_str(&format!("{label}: {} lines\n", script.lines().count()));
        for (operation, count) in counts {
            out.push_str(&format!("  {operation}: {count}\n"));
        }
    }
    out
}

// --------------------------------------------------- rules of every call

/// Every `aws` call names its profile and Region, in the script body and in
/// its helper functions alike.
#[test]
fn every_aws_call_has_a_profile_and_a_region() {
    let mut designs: Vec<Design> = fixture_names().iter().map(|name| fixture(name)).collect();
    designs.push(hostile_design(Path::new("/nonexistent")));
    for design in &designs {
        let (deploy, teardown) = export(design);
        for script in [&deploy, &teardown] {
            let mut calls = 0;
            for line in logical_lines(script) {
                let mut rest = line.as_str();
                while let Some(at) = rest.find("aws ") {
                    let after = &rest[at + 4..];
                    rest = after;
                    if line[..line.len() - after.len() - 4].ends_with("command -v ") {
                        continue;
                    }
                    assert!(
                        after.starts_with("ec2 ") || after.starts_with("elbv2 "),
                        "an aws call that is neither ec2 nor elbv2 in:\n{line}"
                    );
                    calls += 1;
                    let end = after.find(" aws ").unwrap_or(after.len());
                    let call = &after[..end];
                    assert!(
                        call.contains(" --profile ") || call.contains(" --profile="),
                        "no --profile:\n{line}"
                    );
                    assert!(
                        call.contains(" --region ") || call.contains(" --region="),
                        "no --region:\n{line}"
                    );
                }
            }
            assert!(calls > 5, "too few calls found in\n{script}");
        }
    }
}

/// The peering is accepted with the accepter's profile, in the accepter's
/// Region, and only after the connection exists there.
#[test]
fn peerings_are_accepted_in_the_accepters_account_and_region() {
    for name in fixture_names() {
        let design = fixture(&name);
        let plan = Plan::new(&design);
        let (deploy, _) = export(&design);
        let lines = logical_lines(&deploy);
        for link in &design.links {
            let LinkSpec::Peering(peering) = &link.spec else {
                continue;
            };
            let accepter = design.vpc(&peering.accepter).unwrap();
            let requester = design.vpc(&peering.requester).unwrap();
            let pcx = format!("\"${{{}}}\"", plan.links[&link.id].var);
            let profile = format!("--profile \"${{{}}}\"", plan.profile_var(&accepter.account));
            let region = format!("--region {}", quote(&accepter.region));
            let find = |needle: &str| {
                lines
                    .iter()
                    .position(|line| line.contains(needle) && line.contains(&pcx))
                    .unwrap_or_else(|| panic!("{name}: no {needle} for {pcx}"))
            };
            let exists = find("wait vpc-peering-connection-exists");
            let accept = find("accept-vpc-peering-connection ");
            assert!(exists < accept, "{name}: accepted before it exists");
            for at in [exists, accept] {
                assert!(lines[at].contains(&profile), "{name}: {}", lines[at]);
                assert!(lines[at].contains(&region), "{name}: {}", lines[at]);
            }
            let create = lines
                .iter()
                .position(|line| {
                    line.starts_with(&format!(
                        "{}=$(aws ec2 create-vpc-peering-connection ",
                        plan.links[&link.id].var
                    ))
                })
                .unwrap_or_else(|| panic!("{name}: no create for {pcx}"));
            assert!(create < exists);
            assert!(
                lines[create].contains(&format!(
                    "--profile \"${{{}}}\"",
                    plan.profile_var(&requester.account)
                )),
                "{name}: {}",
                lines[create]
            );
            let cross_account = requester.account != accepter.account;
            let cross_region = requester.region != accepter.region;
            assert_eq!(lines[create].contains("--peer-owner-id"), cross_account);
            assert_eq!(lines[create].contains("--peer-region"), cross_region);
            // Routes come after the peering is active.
            let active = lines
                .iter()
                .position(|line| line.starts_with("wait_peering ") && line.contains(&pcx))
                .unwrap();
            let first_route = find("create-route ");
            assert!(accept < active && active < first_route, "{name}");
        }
    }
    let design = fixture("cross-account-cross-region-peering.json");
    let (deploy, _) = export(&design);
    let accept = logical_lines(&deploy)
        .into_iter()
        .find(|line| line.contains("accept-vpc-peering-connection"))
        .unwrap();
    assert!(
        accept.contains("--profile \"${PROFILE_222222222222}\""),
        "{accept}"
    );
    assert!(accept.contains("--region us-west-2"), "{accept}");
}

#[test]
fn routes_go_to_both_sides_in_each_sides_account_and_region() {
    let (deploy, _) = export(&fixture("cross-account-cross-region-peering.json"));
    let routes: Vec<String> = logical_lines(&deploy)
        .into_iter()
        .filter(|line| line.contains("create-route "))
        .collect();
    assert_eq!(routes.len(), 4, "{routes:#?}");
    let tokyo = "--profile \"${PROFILE_111111111111}\"     --region ap-northeast-1     --route-table-id \"${RTB_TOKYO}\"";
    let oregon = "--profile \"${PROFILE_222222222222}\"     --region us-west-2     --route-table-id \"${RTB_OREGON}\"";
    assert!(
        routes[0].contains(tokyo) && routes[0].contains("--destination-cidr-block 10.1.0.0/16")
    );
    assert!(
        routes[1].contains(tokyo)
            && routes[1].contains("--destination-ipv6-cidr-block \"${V6_OREGON_1}\"")
    );
    assert!(
        routes[2].contains(oregon) && routes[2].contains("--destination-cidr-block 10.0.0.0/16")
    );
    assert!(
        routes[3].contains(oregon)
            && routes[3].contains("--destination-ipv6-cidr-block \"${V6_TOKYO_1}\"")
    );
}

#[test]
fn gateway_endpoints_get_route_tables_and_never_routes() {
    let (deploy, _) = export(&fixture("s3-gateway-endpoint.json"));
    let lines = logical_lines(&deploy);
    assert!(
        !lines.iter().any(|line| line.contains("create-route ")),
        "a route was created for a gateway endpoint"
    );
    let endpoint = lines
        .iter()
        .find(|line| line.contains("create-vpc-endpoint "))
        .unwrap();
    assert!(
        endpoint.contains("--vpc-endpoint-type Gateway"),
        "{endpoint}"
    );
    assert!(
        endpoint.contains("--service-name com.amazonaws.ap-northeast-1.s3"),
        "{endpoint}"
    );
    assert!(
        endpoint.contains("--route-table-ids \"${RTB_DATA_MAIN}\" \"${RTB_DATA_PRIVATE}\""),
        "{endpoint}"
    );
    assert!(!endpoint.contains("--subnet-ids"), "{endpoint}");
    // No gateway endpoint in any fixture gets a route either.
    for name in fixture_names() {
        let design = fixture(&name);
        let plan = Plan::new(&design);
        let (deploy, _) = export(&design);
        for link in &design.links {
            if let LinkSpec::GatewayEndpoint(_) = link.spec {
                let var = format!("${{{}}}", plan.links[&link.id].var);
                for line in logical_lines(&deploy) {
                    assert!(
                        !(line.contains("create-route") && line.contains(&var)),
                        "{line}"
                    );
                }
            }
        }
    }
}

#[test]
fn interface_endpoints_and_endpoint_services() {
    let (deploy, _) = export(&fixture("interface-endpoint-aws-service.json"));
    let endpoints: Vec<String> = logical_lines(&deploy)
        .into_iter()
        .filter(|line| line.contains("create-vpc-endpoint "))
        .collect();
    assert_eq!(endpoints.len(), 3);
    for (endpoint, service) in endpoints.iter().zip(["ssm", "ssmmessages", "ec2messages"]) {
        for expected in [
            "--vpc-endpoint-type Interface".to_owned(),
            format!("--service-name com.amazonaws.ap-northeast-1.{service} "),
            "--subnet-ids \"${SUBNET_APP_1A}\" \"${SUBNET_APP_1C}\"".to_owned(),
            "--security-group-ids \"${SG_VPCE_HTTPS}\"".to_owned(),
            "--private-dns-enabled".to_owned(),
            "--ip-address-type ipv4".to_owned(),
        ] {
            assert!(
                endpoint.contains(&expected),
                "{expected} missing in {endpoint}"
            );
        }
        assert!(!endpoint.contains("--service-region"), "{endpoint}");
    }

    let (deploy, _) = export(&fixture("endpoint-service-nlb-cross-account.json"));
    let lines = logical_lines(&deploy);
    let position = |needle: &str| {
        lines
            .iter()
            .position(|line| line.contains(needle))
            .unwrap_or_else(|| panic!("no {needle}"))
    };
    let service = position("create-vpc-endpoint-service-configuration");
    let permissions = position("modify-vpc-endpoint-service-permissions");
    let endpoint = position("create-vpc-endpoint ");
    let accept = position("accept-vpc-endpoint-connections");
    assert!(service < permissions && permissions < endpoint && endpoint < accept);
    let provider = "--profile \"${PROFILE_222222222222}\"";
    assert!(lines[service].contains(provider));
    assert!(lines[service].contains("--network-load-balancer-arns \"${NLB_ARN_ORDERS_1}\""));
    assert!(lines[service].contains("--acceptance-required"));
    assert!(lines[permissions].contains(provider));
    assert!(lines[permissions].contains("--add-allowed-principals arn:aws:iam::111111111111:root"));
    assert!(lines[endpoint].contains("--profile \"${PROFILE_111111111111}\""));
    assert!(lines[endpoint].contains("--service-name \"${SVC_NAME_ORDERS}\""));
    assert!(lines[endpoint].contains("--no-private-dns-enabled"));
    assert!(lines[accept].contains(provider));
    assert!(lines[accept].contains("--vpc-endpoint-ids \"${VPCE_ORDERS}\""));
    // The existing NLB's ARN comes from the environment, required: the
    // design's ARN is no default.
    assert!(deploy.contains(
        "[[ -n ${NLB_ARN_ORDERS_1:-} ]] || { printf 'vpcplan: ERROR: set %s to the ARN of the existing load balancer %s\\n' NLB_ARN_ORDERS_1 arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188 >&2; exit 1; }"
    ));
    assert!(!deploy.contains("NLB_ARN_ORDERS_1=${NLB_ARN_ORDERS_1:-"));
    assert!(deploy.contains("#   NLB_ARN_ORDERS_1: ARN of the existing network load balancer"));
    assert!(!deploy.contains("elbv2"), "the script creates no NLB");
}

/// A network load balancer the design names by name is created: internal,
/// in the provider's designed subnets, with a TCP listener on the service's
/// port forwarding to a target group; the service uses it, and the header
/// leaves the targets to the user.
#[test]
fn endpoint_services_get_the_network_load_balancer_the_design_names() {
    let (deploy, _) = export(&fixture("endpoint-service-new-nlb.json"));
    let lines = logical_lines(&deploy);
    let position = |needle: &str| {
        lines
            .iter()
            .position(|line| line.contains(needle))
            .unwrap_or_else(|| panic!("no {needle}"))
    };
    let nlb = position("aws elbv2 create-load-balancer ");
    let available = position("aws elbv2 wait load-balancer-available ");
    let group = position("aws elbv2 create-target-group ");
    let listener = position("aws elbv2 create-listener ");
    let service = position("create-vpc-endpoint-service-configuration");
    assert!(nlb < available && available < group && group < listener && listener < service);
    for expected in [
        "--profile \"${PROFILE_222222222222}\"",
        "--name payments-nlb ",
        "--type network ",
        "--scheme internal ",
        "--subnets \"${SUBNET_PROVIDER_1A}\" \"${SUBNET_PROVIDER_1C}\" ",
    ] {
        assert!(
            lines[nlb].contains(expected),
            "{expected} missing in {}",
            lines[nlb]
        );
    }
    assert!(lines[nlb].starts_with("NLB_ARN_PAYMENTS_1=$("));
    for expected in [
        "--protocol TCP ",
        "--port 8443 ",
        "--vpc-id \"${VPC_PROVIDER}\"",
    ] {
        assert!(
            lines[group].contains(expected),
            "{expected} missing in {}",
            lines[group]
        );
    }
    assert!(lines[group].starts_with("TG_ARN_PAYMENTS_1=$("));
    for expected in [
        "--load-balancer-arn \"${NLB_ARN_PAYMENTS_1}\"",
        "--protocol TCP ",
        "--port 8443 ",
        "--default-actions $'Type=forward,TargetGroupArn='\"${TG_ARN_PAYMENTS_1}\"",
    ] {
        assert!(
            lines[listener].contains(expected),
            "{expected} missing in {}",
            lines[listener]
        );
    }
    assert!(lines[service].contains("--network-load-balancer-arns \"${NLB_ARN_PAYMENTS_1}\""));
    assert!(
        !deploy.contains("[[ -n ${NLB_ARN_PAYMENTS_1:-} ]]"),
        "nothing to ask for"
    );
    let header: Vec<&str> = deploy
        .lines()
        .take_while(|line| line.starts_with('#'))
        .collect();
    assert!(
        header.iter().any(|line| line.starts_with(
            "#   - targets for load balancer \"payments-nlb\" of endpoint service \"payments-api\": register the instances that serve TCP port 8443 in the target group printed as TG_ARN_PAYMENTS_1"
        )),
        "{header:#?}"
    );
    assert!(
        header
            .iter()
            .any(|line| line.contains("TCP ポート 8443 でサービスを提供するインスタンスを")),
        "{header:#?}"
    );
}

#[test]
fn an_endpoint_without_security_groups_gets_the_vpcs_default_group() {
    let mut design = fixture("interface-endpoint-aws-service.json");
    for link in &mut design.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.security_groups.clear();
        }
    }
    let (deploy, _) = export(&design);
    let lines = logical_lines(&deploy);
    let groups = lines
        .iter()
        .filter(|line| line.contains("create-security-group"))
        .count();
    assert_eq!(groups, 1, "only the designed group is created");
    let endpoint = lines
        .iter()
        .find(|line| line.starts_with("VPCE_SSM=$("))
        .unwrap();
    assert!(!endpoint.contains("--security-group-ids"), "{endpoint}");
}

#[test]
fn the_designed_main_table_is_created_and_associated_and_the_vpcs_own_is_left_alone() {
    let design = fixture("s3-gateway-endpoint.json");
    let (deploy, teardown) = export(&design);
    let lines = logical_lines(&deploy);
    assert!(
        lines.iter().all(|line| !line.contains("association.main")),
        "the VPC's own main table is looked up"
    );
    let main = lines
        .iter()
        .find(|line| line.starts_with("RTB_DATA_MAIN=$("))
        .expect("the design's main table is assigned");
    assert!(main.contains("create-route-table"), "{main}");
    // Every designed subnet is associated explicitly: the two private
    // subnets with the private table here, none left implicit.
    let associations: Vec<&String> = lines
        .iter()
        .filter(|line| line.contains("associate-route-table"))
        .collect();
    assert_eq!(associations.len(), 2, "{associations:#?}");
    // The fixture's main table lists no subnet: give it one, and it gets an
    // explicit association too.
    let mut design = design;
    design.vpcs[0].route_tables[1].subnets.truncate(1);
    let (deploy, _) = export(&design);
    assert!(
        logical_lines(&deploy)
            .iter()
            .any(|line| line.contains("associate-route-table")
                && line.contains("--route-table-id \"${RTB_DATA_MAIN}\"")),
        "no explicit association with the design's main table"
    );
    assert!(
        teardown.contains("/rtb/rtb-data-main"),
        "teardown does not delete the design's main table"
    );
}

#[test]
fn cross_region_endpoints_name_the_service_region() {
    let mut design = fixture("interface-endpoint-aws-service.json");
    design.services[0].kind = ServiceKind::Aws {
        service: "s3".to_owned(),
    };
    if let LinkSpec::InterfaceEndpoint(endpoint) = &mut design.links[0].spec {
        endpoint.service_region = Some("us-east-1".to_owned());
    }
    let (deploy, _) = export(&design);
    let endpoint = logical_lines(&deploy)
        .into_iter()
        .find(|line| line.starts_with("VPCE_SSM=$("))
        .unwrap();
    assert!(
        endpoint.contains("--service-name com.amazonaws.us-east-1.s3 "),
        "{endpoint}"
    );
    assert!(
        endpoint.contains("--service-region us-east-1 "),
        "{endpoint}"
    );
    assert!(endpoint.contains("--region ap-northeast-1 "), "{endpoint}");
}

#[test]
fn designs_with_errors_need_the_option_and_list_the_errors() {
    let design = fixture("mistake-overlapping-cidrs.json");
    let refused = cli_scripts(&design, &ExportOptions::default()).unwrap_err();
    assert!(matches!(refused, ExportError::DesignHasErrors(_)));
    let (deploy, teardown) = export(&design);
    for script in [deploy, teardown] {
        let header: Vec<&str> = script
            .lines()
            .take_while(|line| line.starts_with('#'))
            .collect();
        assert!(
            header.iter().any(|line| line.contains("design has errors")),
            "{header:#?}"
        );
        assert!(
            header
                .iter()
                .any(|line| line.starts_with("#   - PEER-001 ")),
            "{header:#?}"
        );
    }
}

/// What deploy.sh creates for an endpoint service's new NLB goes in the
/// order AWS allows: the service before the NLB it uses, the NLB (and with it
/// its listener) before the target group the listener forwards to, both
/// before the subnets they sit in.
#[test]
fn teardown_deletes_the_created_load_balancer_after_its_service() {
    let (_, teardown) = export(&fixture("endpoint-service-new-nlb.json"));
    let order = [
        "delete_endpoint_services ",
        "delete_load_balancers ",
        "delete_target_groups ",
        "delete_subnets ",
        "delete_vpcs ",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|step| {
            teardown
                .lines()
                .position(|line| line.starts_with(step))
                .unwrap_or_else(|| panic!("no {step}"))
        })
        .collect();
    assert!(positions.is_sorted(), "{positions:?}");
    assert!(teardown.contains("\ndelete_load_balancers() {"));
    // Designs without a created NLB do without those functions.
    let (_, teardown) = export(&fixture("endpoint-service-nlb-cross-account.json"));
    assert!(!teardown.contains("delete_load_balancers"));
}

#[test]
fn teardown_runs_in_reverse_order() {
    let (_, teardown) = export(&fixture("endpoint-service-nlb-cross-account.json"));
    let order = [
        "delete_endpoints ",
        "wait_endpoints_gone ",
        "delete_endpoint_services ",
        "revoke_ingress ",
        "delete_security_groups ",
        "delete_subnets ",
        "delete_vpcs ",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|step| {
            teardown
                .lines()
                .position(|line| line.starts_with(step))
                .unwrap_or_else(|| panic!("no {step}"))
        })
        .collect();
    assert!(positions.is_sorted(), "{positions:?}");

    let (_, teardown) = export(&fixture("mistake-overlapping-cidrs.json"));
    let order = [
        "find_peerings ",
        "    delete_peering_routes ",
        "    tolerant aws ec2 delete-vpc-peering-connection ",
        "delete_subnets ",
        "disassociate_cidrs ",
        "delete_vpcs ",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|step| {
            teardown
                .lines()
                .position(|line| line.starts_with(step))
                .unwrap_or_else(|| panic!("no {step}"))
        })
        .collect();
    assert!(positions.is_sorted(), "{positions:?}");
}
