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
use crate::{ExportError, ExportOptions, ExportedFile};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/designs")
}

fn fixture(name: &str) -> Design {
    let path = fixtures_dir().join(name);
    read_design(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

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
    let [deploy, teardown]: [ExportedFile; 2] = files.try_into().unwrap();
    assert_eq!(deploy.path, "cli/deploy.sh");
    assert_eq!(teardown.path, "cli/teardown.sh");
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
                        after.starts_with("ec2 "),
                        "an aws call that is not ec2 in:\n{line}"
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
    // The NLB ARN comes from the environment, with the design's as default.
    assert!(deploy.contains(
        "NLB_ARN_ORDERS_1=${NLB_ARN_ORDERS_1:-arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188}"
    ));
    assert!(deploy.contains("#   NLB_ARN_ORDERS_1: ARN of the network load balancer"));
}

#[test]
fn an_endpoint_without_security_groups_gets_one_for_the_service_port() {
    let mut design = fixture("interface-endpoint-aws-service.json");
    for link in &mut design.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.security_groups.clear();
        }
    }
    let (deploy, teardown) = export(&design);
    let lines = logical_lines(&deploy);
    let group = lines
        .iter()
        .position(|line| line.starts_with("VPCE_SG_SSM=$(aws ec2 create-security-group"))
        .expect("a generated group");
    let rule = lines[group..]
        .iter()
        .find(|line| line.contains("authorize-security-group-ingress"))
        .unwrap();
    assert!(rule.contains("authorize-security-group-ingress"), "{rule}");
    assert!(rule.contains("--group-id \"${VPCE_SG_SSM}\""), "{rule}");
    assert!(
        rule.contains(r#"{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.20.0.0/16"}]}"#),
        "{rule}"
    );
    let endpoint = lines
        .iter()
        .find(|line| line.starts_with("VPCE_SSM=$("))
        .unwrap();
    assert!(
        endpoint.contains("--security-group-ids \"${VPCE_SG_SSM}\""),
        "{endpoint}"
    );
    assert!(
        teardown.contains("/vpce-sg/vpce-ssm"),
        "teardown misses the generated group"
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

// ----------------------------------------------------------- shellcheck

fn shellcheck(label: &str, script: &str) -> Result<(), String> {
    let dir = a_temp_dir("shellcheck");
    let path = dir.join(format!("{label}.sh"));
    std::fs::write(&path, script).unwrap();
    let output = Command::new("shellcheck")
        .arg("--shell=bash")
        .arg("--severity=style")
        .arg(&path)
        .output()
        .map_err(|error| {
            format!(
                "cannot run shellcheck ({error}); install it (Debian: apt-get install -y shellcheck)"
            )
        });
    let _ = std::fs::remove_dir_all(&dir);
    let output = output?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "shellcheck finds problems in {label}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[test]
fn shellcheck_finds_nothing_in_any_script() {
    let mut failures = Vec::new();
    let mut designs: Vec<(String, Design)> = fixture_names()
        .into_iter()
        .map(|name| (name.trim_end_matches(".json").to_owned(), fixture(&name)))
        .collect();
    designs.push((
        "hostile-names".to_owned(),
        hostile_design(Path::new("/tmp/x")),
    ));
    for (label, design) in designs {
        let (deploy, teardown) = export(&design);
        for (kind, script) in [("deploy", deploy), ("teardown", teardown)] {
            if let Err(error) = shellcheck(&format!("{label}-{kind}"), &script) {
                failures.push(error);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------------ quoting vs bash

/// What bash makes of `words`, each a quoted word: the values it expands
/// them to, NUL-separated.
fn bash_expands(words: &[String], locale: &str) -> Vec<String> {
    let script = format!("printf '%s\\0' {}", words.join(" "));
    let output = Command::new("bash")
        .current_dir(std::env::temp_dir())
        .arg("--norc")
        .arg("-c")
        .arg(&script)
        .env("LC_ALL", locale)
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "bash failed on {script:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut values: Vec<String> = output
        .stdout
        .split(|byte| *byte == 0)
        .map(|bytes| String::from_utf8(bytes.to_vec()).expect("UTF-8 from bash"))
        .collect();
    values.pop();
    values
}

fn hostile_strings() -> Vec<String> {
    vec![
        "it's \"quoted\" $(touch MARKER) `touch MARKER` ${HOME} $HOME \\ back\\".to_owned(),
        "line one\nline two; touch MARKER\r\n".to_owned(),
        ": # {} [] * ? ~ & | < > ; ! %s %n".to_owned(),
        "日本語の名前 — ünïcödé 🚀".to_owned(),
        "a".repeat(255),
        "file:///etc/passwd".to_owned(),
        "--profile evil".to_owned(),
        "-".to_owned(),
        String::new(),
        "  spaced  ".to_owned(),
        "\u{1b}]0;title\u{7}\u{1b}[2J".to_owned(),
        "$'x' \"$'y'\" '\\''".to_owned(),
        "~root".to_owned(),
        "\t\u{b}\u{c}\u{7f}\u{85}\u{2028}".to_owned(),
    ]
}

#[test]
fn quoted_hostile_strings_expand_to_themselves_in_bash() {
    let dir = a_temp_dir("quoting");
    let marker = dir.join("pwned");
    let strings: Vec<String> = hostile_strings()
        .iter()
        .map(|text| text.replace(MARKER, &marker.to_string_lossy()))
        .collect();
    let words: Vec<String> = strings.iter().map(|text| quote(text)).collect();
    for locale in ["C", "C.UTF-8"] {
        assert_eq!(bash_expands(&words, locale), strings, "locale {locale}");
    }
    assert!(!marker.exists(), "a quoted string ran a command");
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any string without NUL (which no argument can hold) comes back from
    /// bash exactly as it went in.
    #[test]
    fn quoting_round_trips_through_bash(
        texts in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                "[ -~]{0,40}",
                prop::collection::vec(
                    prop::sample::select(vec![
                        "'", "\"", "$", "(", ")", "`", "\\", "\n", "\r", "!", "{", "}", "*",
                        "?", "[", "]", "~", "#", ":", " ", "-", "%", "日本", "\u{1b}", ";", "&",
                    ]),
                    0..30,
                ).prop_map(|parts| parts.concat()),
            ],
            1..8,
        )
    ) {
        let texts: Vec<String> = texts.into_iter().map(|text| text.replace('\0', "")).collect();
        let words: Vec<String> = texts.iter().map(|text| quote(text)).collect();
        prop_assert_eq!(bash_expands(&words, "C.UTF-8"), texts);
    }
}

#[test]
fn nul_becomes_a_replacement_character() {
    assert_eq!(bash_expands(&[quote("a\0b")], "C.UTF-8"), ["a\u{FFFD}b"]);
}

// ------------------------------------------------------- IPv6 placement

#[test]
fn ipv6_in_places_networks_inside_the_assigned_block() {
    let functions = super::deploy::FUNCTIONS;
    let cases = [
        (
            "2600:1f14:abc:de00::/56",
            "0 0 64",
            "2600:1f14:abc:de00::/64",
        ),
        (
            "2600:1f14:abc:de00::/56",
            "1 0 64",
            "2600:1f14:abc:de01::/64",
        ),
        (
            "2600:1f14:abc:de00::/56",
            "255 0 64",
            "2600:1f14:abc:deff::/64",
        ),
        ("2600:1f14:0:100::/56", "16 0 60", "2600:1f14:0:110::/60"),
        ("2600::/56", "2 0 64", "2600:0:0:2::/64"),
        (
            "2406:da14:abc:de00::/56",
            "3 10 128",
            "2406:da14:abc:de03:0:0:0:10/128",
        ),
        (
            "fd00:1:2:300::/56",
            "4 ffffffffffffffff 128",
            "fd00:1:2:304:ffff:ffff:ffff:ffff/128",
        ),
    ];
    for (block, args, expected) in cases {
        let script = format!(
            "set -euo pipefail\nVPCPLAN_TIMEOUT=1 VPCPLAN_POLL=1\naws() {{ :; }}\n{functions}\nipv6_in {block} {args}\n"
        );
        let output = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            expected,
            "{block} {args}"
        );
    }
    // The generator computes the offsets: subnet 2406:da14:abc:de01::/64 of
    // the block 2406:da14:abc:de00::/56 is one /64 in.
    let (deploy, _) = export(&fixture("cross-account-cross-region-peering.json"));
    assert!(deploy.contains("--ipv6-cidr-block \"$(ipv6_in \"${V6_TOKYO_1}\" 1 0 64)\""));
}

/// Each IPv6 range of the design is placed in the first block, in design
/// order, that holds it, whatever the blocks' lengths; a range outside every
/// block, or wider than the block holding its start, stays as written.
#[test]
fn ipv6_ranges_are_placed_in_the_first_block_that_holds_them() {
    let mut design = fixture("cross-account-cross-region-peering.json");
    assert!(design.vpcs.len() >= 2);
    let net = |text: &str| text.parse::<ipnet::Ipv6Net>().unwrap();
    design.vpcs[0].ipv6_cidrs = vec![
        net("2600:1f14:abc:de00::/56"),
        net("2600:1f14:abc:df00::/56"),
    ];
    // A /48 holding both blocks of the first VPC, and a repeat of its first.
    design.vpcs[1].ipv6_cidrs = vec![net("2600:1f14:abc::/48"), net("2600:1f14:abc:de00::/56")];
    let plan = Plan::new(&design);
    let var = |vpc: usize, block: usize| plan.vpcs[&design.vpcs[vpc].id].ipv6_vars[block].clone();
    let placed = |text: &str| plan.ipv6(&net(text)).render();
    let whole = |vpc, block| format!("\"${{{}}}\"", var(vpc, block));
    let inside =
        |vpc, block, args: &str| format!("\"$(ipv6_in \"${{{}}}\" {args})\"", var(vpc, block));

    assert_eq!(placed("2600:1f14:abc:de00::/56"), whole(0, 0));
    assert_eq!(placed("2600:1f14:abc:de00:1::/56"), whole(0, 0));
    assert_eq!(placed("2600:1f14:abc:df00::/56"), whole(0, 1));
    assert_eq!(placed("2600:1f14:abc::/48"), whole(1, 0));
    assert_eq!(placed("2600:1f14:abc:df01::/64"), inside(0, 1, "1 0 64"));
    assert_eq!(
        placed("2600:1f14:abc:de00::10/128"),
        inside(0, 0, "0 10 128")
    );
    assert_eq!(placed("2600:1f14:abc:1::/64"), inside(1, 0, "1 0 64"));
    assert_eq!(placed("2600:1f14::/32"), "2600:1f14::/32");
    assert_eq!(placed("2001:db8::/64"), "2001:db8::/64");

    // A VPC the scripts do not create (no IPv4 CIDR) places nothing, and
    // the /48 comes before the repeated /56 in the VPC left.
    design.vpcs[0].ipv4_cidrs.clear();
    let plan = Plan::new(&design);
    let var = |block: usize| plan.vpcs[&design.vpcs[1].id].ipv6_vars[block].clone();
    for (range, args) in [
        ("2600:1f14:abc:de00::/56", "56832 0 56"),
        ("2600:1f14:abc:df01::/64", "57089 0 64"),
    ] {
        assert_eq!(
            plan.ipv6(&net(range)).render(),
            format!("\"$(ipv6_in \"${{{}}}\" {args})\"", var(0))
        );
    }
}

// ---------------------------------------------- hostile names, run for real

const MARKER: &str = "MARKER";

/// Every fixture that creates something, merged into one design, with every
/// name, several ids, an account id, an AZ and a principal made hostile.
/// `marker` is a file the hostile names try to create.
fn hostile_design(marker: &Path) -> Design {
    let marker = marker.to_string_lossy();
    let hostile: Vec<String> = hostile_strings()
        .into_iter()
        .map(|text| text.replace(MARKER, &marker))
        .collect();
    let mut design = Design::default();
    for name in [
        "article-peering.json",
        "cross-account-cross-region-peering.json",
        "interface-endpoint-aws-service.json",
        "endpoint-service-nlb-cross-account.json",
        "s3-gateway-endpoint.json",
    ] {
        let part = fixture(name);
        for account in part.accounts {
            if !design.accounts.iter().any(|known| known.id == account.id) {
                design.accounts.push(account);
            }
        }
        design.vpcs.extend(part.vpcs);
        design.services.extend(part.services);
        design.links.extend(part.links);
        design.intents.extend(part.intents);
    }
    let mut names = hostile.iter().cycle();
    let mut next = || names.next().unwrap().clone();
    design.name = hostile[0].clone();
    for account in &mut design.accounts {
        account.name = next();
    }
    for vpc in &mut design.vpcs {
        vpc.name = next();
        for subnet in &mut vpc.subnets {
            subnet.name = next();
        }
        for table in &mut vpc.route_tables {
            table.name = next();
        }
        for group in &mut vpc.security_groups {
            group.name = next();
        }
    }
    for service in &mut design.services {
        service.name = next();
        if let ServiceKind::EndpointService(endpoint_service) = &mut service.kind {
            endpoint_service
                .allowed_principals
                .push(format!("arn:aws:iam::$(touch {marker}):root"));
            endpoint_service.allowed_principals.push("-x".to_owned());
        }
    }
    // No AZ id, so the hostile AZ name is used.
    design.vpcs[0].subnets[0].availability_zone_id = None;
    design.vpcs[0].subnets[0].availability_zone = "file:///etc/hostname".to_owned();
    for link in &mut design.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.policy = Some(format!(
                "{{\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Sid\":\"$(touch {marker})\"}}]}}"
            ));
        }
    }
    // Hostile ids: rewrite them everywhere in the saved form.
    let mut text = write_design(&design);
    for (id, replacement) in [
        ("vpc-a", format!("vpc-a'$(touch {marker})")),
        ("pcx-a-b", format!("pcx `touch {marker}` \n日本")),
        ("sg-tokyo-app", "sg-*?[]\\ \"".to_owned()),
        ("vpce-orders", "vpce-orders;rm -rf ~".to_owned()),
        ("222222222222", "22222222222'\"$(x)".to_owned()),
    ] {
        text = text.replace(
            &format!("\"{id}\""),
            &serde_json::Value::String(replacement).to_string(),
        );
    }
    read_design(&text).expect("the hostile design reads back")
}

/// A stand-in for the AWS CLI: records each call's arguments, NUL-separated,
/// one file per call, and answers the `--query` forms the scripts use.
const FAKE_AWS: &str = r#"#!/usr/bin/env bash
set -euo pipefail
dir=$FAKE_AWS_DIR
count=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$count" >"$dir/count"
printf '%s\0' "$@" >"$dir/call-$(printf %05d "$count")"
operation=$2
query= filters= previous=
for argument in "$@"; do
    [[ $previous == --query ]] && query=$argument
    [[ $previous == --filters ]] && filters=$argument
    [[ $previous == --vpc-peering-connection-id || $previous == --vpc-peering-connection-ids ]] && pcx=$argument
    previous=$argument
done
case $operation in
    create-vpc) echo "vpc-$count" ;;
    create-subnet) echo "subnet-$count" ;;
    create-route-table) echo "rtb-$count" ;;
    create-security-group) echo "sg-$count" ;;
    create-vpc-peering-connection) echo "pcx-$count" ;;
    create-vpc-endpoint) echo "vpce-$count" ;;
    create-vpc-endpoint-service-configuration) printf 'vpce-svc-%s\tcom.amazonaws.vpce.r.vpce-svc-%s\n' "$count" "$count" ;;
    associate-vpc-cidr-block) [[ -z $query ]] || echo "vpc-cidr-assoc-$count" ;;
    accept-vpc-peering-connection) touch "$dir/accepted-$pcx" ;;
    describe-managed-prefix-lists) echo pl-1234 ;;
    describe-route-tables)
        case $query in
            *Main*) echo rtbassoc-1 ;;
            *DestinationCidrBlock*) echo 10.99.0.0/16 ;;
            *DestinationIpv6CidrBlock*) echo None ;;
            *) if [[ -n $filters && $filters == *vpcplan:key* ]]; then echo rtb-t; else echo "rtb-main-$count"; fi ;;
        esac
        ;;
    describe-vpcs)
        case $query in
            *Ipv6CidrBlockAssociationSet*AssociationId==*) printf 'associated\t2600:1f14:aaaa:bb00::/56\n' ;;
            *CidrBlockState.State*'| [0]'*) echo associated ;;
            Vpcs[0].CidrBlock) echo 10.0.0.0/16 ;;
            *AssociationId*) printf 'vpc-cidr-assoc-1\tvpc-cidr-assoc-2\n' ;;
            *) echo vpc-t ;;
        esac
        ;;
    describe-vpc-peering-connections)
        if [[ -n $filters ]]; then echo pcx-t
        elif [[ -e $dir/accepted-$pcx ]]; then echo active
        else echo pending-acceptance
        fi
        ;;
    describe-vpc-endpoint-connections)
        case $query in
            *'!='*) echo vpce-c ;;
            *) echo pendingAcceptance ;;
        esac
        ;;
    describe-vpc-endpoints)
        if [[ -z $filters ]]; then echo pendingAcceptance
        elif [[ ! -e $dir/endpoints-deleted ]]; then echo vpce-t
        fi
        ;;
    delete-vpc-endpoint-service-configurations)
        # In use the first time, as when endpoints outside the design remain.
        [[ -e $dir/service-refused ]] || { touch "$dir/service-refused"; echo ExistingVpcEndpointConnections; }
        ;;
    delete-vpc-endpoints) touch "$dir/endpoints-deleted" ;;
    describe-vpc-endpoint-service-configurations) echo vpce-svc-t ;;
    describe-security-groups)
        case $query in
            *IpPermissions*) echo '[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443}]' ;;
            *) echo sg-t ;;
        esac
        ;;
    describe-subnets) echo subnet-t ;;
esac
"#;

/// Runs a script with the fake `aws` first on PATH; returns every call's
/// arguments.
fn run_with_fake_aws(script: &str, dir: &Path) -> Vec<Vec<String>> {
    let calls = dir.join("calls");
    let _ = std::fs::remove_dir_all(&calls);
    std::fs::create_dir_all(&calls).unwrap();
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let aws = bin.join("aws");
    std::fs::write(&aws, FAKE_AWS).unwrap();
    let path = dir.join("script.sh");
    std::fs::write(&path, script).unwrap();
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(&aws)
        .arg(&path)
        .status()
        .unwrap();
    assert!(chmod.success());
    let output = Command::new(&path)
        .current_dir(dir)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("FAKE_AWS_DIR", &calls)
        .env("VPCPLAN_POLL", "0")
        .env("VPCPLAN_TIMEOUT", "5")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the script failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&calls)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("call-")
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(file).unwrap();
            let mut args: Vec<String> = bytes
                .split(|byte| *byte == 0)
                .map(|arg| String::from_utf8(arg.to_vec()).unwrap())
                .collect();
            args.pop();
            args
        })
        .collect()
}

fn option_values<'c>(call: &'c [String], flag: &str) -> Vec<&'c str> {
    call.windows(2)
        .filter(|pair| pair[0] == flag)
        .map(|pair| pair[1].as_str())
        .chain(
            call.iter()
                .filter_map(|arg| arg.strip_prefix(&format!("{flag}="))),
        )
        .collect()
}

#[test]
fn hostile_names_reach_aws_exactly_and_run_nothing() {
    let dir = a_temp_dir("hostile");
    let marker = dir.join("pwned");
    let design = hostile_design(&marker);
    let (deploy, teardown) = export(&design);
    let plan = Plan::new(&design);

    let calls = run_with_fake_aws(&deploy, &dir);
    assert!(!marker.exists(), "a hostile name ran a command");
    assert!(calls.len() > 50, "{} calls", calls.len());

    // Profiles and Regions: every call has exactly one of each, and the
    // profiles are the accounts' defaults, hostile account ids included.
    let accounts: HashSet<String> = design
        .vpcs
        .iter()
        .map(|vpc| format!("acct-{}", vpc.account))
        .collect();
    let regions: HashSet<&str> = design.vpcs.iter().map(|vpc| vpc.region.as_str()).collect();
    for call in &calls {
        let profiles = option_values(call, "--profile");
        let call_regions = option_values(call, "--region");
        assert_eq!(profiles.len(), 1, "{call:?}");
        assert_eq!(call_regions.len(), 1, "{call:?}");
        assert!(accounts.contains(profiles[0]), "{call:?}");
        assert!(regions.contains(call_regions[0]), "{call:?}");
        // Nothing the CLI would read from a file or take for an option.
        for pair in call.windows(2) {
            if pair[0].starts_with("--") && !pair[0].contains('=') {
                let value = pair[1].to_lowercase();
                assert!(
                    !["file://", "fileb://", "http://", "https://"]
                        .iter()
                        .any(|prefix| value.starts_with(prefix)),
                    "{call:?}"
                );
            }
        }
    }
    assert!(
        calls
            .iter()
            .any(|call| option_values(call, "--profile") == ["acct-22222222222'\"$(x)"]),
        "the hostile account's profile is not used"
    );

    // Tags: every design name arrives exactly, with the design's name.
    let mut tagged_names = HashSet::new();
    for call in &calls {
        for spec in option_values(call, "--tag-specifications") {
            let spec: serde_json::Value = serde_json::from_str(spec).unwrap();
            for tag in spec[0]["Tags"].as_array().unwrap() {
                match tag["Key"].as_str().unwrap() {
                    "Name" => {
                        tagged_names.insert(tag["Value"].as_str().unwrap().to_owned());
                    }
                    "vpcplan:design" => assert_eq!(tag["Value"], design.name.as_str()),
                    "vpcplan:key" => {
                        let key = tag["Value"].as_str().unwrap();
                        assert!(
                            key.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c)),
                            "{key}"
                        );
                    }
                    other => panic!("unexpected tag {other}"),
                }
            }
        }
    }
    for vpc in &design.vpcs {
        assert!(tagged_names.contains(&vpc.name), "VPC name {:?}", vpc.name);
        for subnet in &vpc.subnets {
            assert!(
                tagged_names.contains(&subnet.name),
                "subnet {:?}",
                subnet.name
            );
        }
        for group in &vpc.security_groups {
            assert!(tagged_names.contains(&group.name), "group {:?}", group.name);
        }
    }
    for link in &design.links {
        assert!(
            tagged_names.contains(link.id.as_str()),
            "link {:?}",
            link.id
        );
    }

    // Text the CLI would misread goes through --cli-input-json, intact.
    let zone = calls
        .iter()
        .find_map(|call| {
            option_values(call, "--cli-input-json")
                .into_iter()
                .find(|json| json.contains("AvailabilityZone"))
        })
        .expect("the AZ in --cli-input-json");
    let zone: serde_json::Value = serde_json::from_str(zone).unwrap();
    assert_eq!(zone["AvailabilityZone"], "file:///etc/hostname");
    let principals = calls
        .iter()
        .find(|call| call[1] == "modify-vpc-endpoint-service-permissions")
        .unwrap();
    let principals = option_values(principals, "--cli-input-json")
        .into_iter()
        .chain(option_values(principals, "--add-allowed-principals"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(principals.contains("-x"), "{principals}");
    assert!(
        principals.contains(&format!("$(touch {})", marker.display())),
        "{principals}"
    );

    // The peering with a hostile id is accepted with the accepter's profile.
    let accepts = calls
        .iter()
        .filter(|call| call[1] == "accept-vpc-peering-connection")
        .count();
    let peerings = design
        .links
        .iter()
        .filter(|link| matches!(link.spec, LinkSpec::Peering(_)))
        .count();
    assert_eq!(accepts, peerings);

    // The consumer's endpoint waits for acceptance; the provider accepts.
    let accepted = calls
        .iter()
        .find(|call| call[1] == "accept-vpc-endpoint-connections")
        .expect("the provider accepts the endpoint");
    assert_eq!(
        option_values(accepted, "--profile"),
        ["acct-22222222222'\"$(x)"]
    );

    // Teardown too runs to the end without running anything hostile.
    let calls = run_with_fake_aws(&teardown, &dir);
    assert!(
        calls
            .iter()
            .any(|call| call[1] == "reject-vpc-endpoint-connections"),
        "a service still in use has its connections rejected"
    );
    assert!(!marker.exists(), "a hostile name ran a command in teardown");
    for call in &calls {
        assert_eq!(option_values(call, "--profile").len(), 1, "{call:?}");
        assert_eq!(option_values(call, "--region").len(), 1, "{call:?}");
    }
    let deleted_vpcs = calls.iter().filter(|call| call[1] == "delete-vpc").count();
    assert_eq!(deleted_vpcs, plan.exported_vpcs().len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_fixture_scripts_run_against_the_fake_aws() {
    for name in fixture_names() {
        if name.starts_with("mesh-") {
            continue;
        }
        let design = fixture(&name);
        let dir = a_temp_dir(name.trim_end_matches(".json"));
        let (deploy, teardown) = export(&design);
        let deploy_calls = run_with_fake_aws(&deploy, &dir);
        let creates = deploy_calls
            .iter()
            .filter(|call| call[1] == "create-vpc")
            .count();
        assert_eq!(creates, design.vpcs.len(), "{name}");
        let teardown_calls = run_with_fake_aws(&teardown, &dir);
        let deletes = teardown_calls
            .iter()
            .filter(|call| call[1] == "delete-vpc")
            .count();
        assert_eq!(deletes, design.vpcs.len(), "{name}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn profiles_can_be_overridden_from_the_environment() {
    let design = fixture("article-peering.json");
    let (deploy, _) = export(&design);
    assert!(deploy.contains("PROFILE_111111111111=${PROFILE_111111111111:-acct-111111111111}"));
    let dir = a_temp_dir("override");
    let calls = {
        let script = format!(
            "export PROFILE_111111111111=lab\n{}",
            deploy.replacen("#!/usr/bin/env bash\n", "", 1)
        );
        run_with_fake_aws(&format!("#!/usr/bin/env bash\n{script}"), &dir)
    };
    for call in &calls {
        assert_eq!(option_values(call, "--profile"), ["lab"], "{call:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
