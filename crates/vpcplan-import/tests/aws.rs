//! The AWS source: the collector's bundle and raw `describe-*` output into
//! a design, with the whole report pinned; errors that say where; and the
//! collector itself, checked by shellcheck.

use std::fmt::Write as _;
use std::path::Path;

use expect_test::{Expect, expect};
use proptest::prelude::*;
use vpcplan_core::design::{LinkSpec, Vpc};
use vpcplan_core::file::{read_design, write_design};
use vpcplan_import::{Input, Outcome, Source, import};

fn data(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .expect("test data")
}

/// The design and the report, one line per item and entry.
fn summary(inputs: &[(&str, &str)]) -> String {
    let inputs: Vec<Input<'_>> = inputs
        .iter()
        .map(|(name, text)| Input { name, text })
        .collect();
    let imported = import(&inputs, Source::Auto).expect("imports");
    let mut out = String::new();
    let design = &imported.design;
    for vpc in &design.vpcs {
        let Vpc {
            id,
            name,
            account,
            region,
            ipv4_cidrs,
            existing,
            ..
        } = vpc;
        let cidrs: Vec<String> = ipv4_cidrs.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "vpc {id} {name:?} {account} {region} [{}] dns={}/{} aws={}",
            cidrs.join(" "),
            vpc.dns_support,
            vpc.dns_hostnames,
            existing.as_ref().map_or("-", |e| e.id.as_str())
        );
        for subnet in &vpc.subnets {
            let _ = writeln!(
                out,
                "  subnet {} {:?} {:?}",
                subnet.id,
                subnet.ipv4_cidr.map(|c| c.to_string()),
                subnet.availability_zone_id
            );
        }
        for table in &vpc.route_tables {
            let subnets: Vec<&str> = table.subnets.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(
                out,
                "  table {} main={} [{}] routes={:?}",
                table.id,
                table.main,
                subnets.join(" "),
                table.routes
            );
        }
        for group in &vpc.security_groups {
            let _ = writeln!(
                out,
                "  group {} {:?} {:?}",
                group.id, group.name, group.ingress
            );
        }
    }
    for service in &design.services {
        let _ = writeln!(
            out,
            "service {} {:?} {:?}",
            service.id, service.name, service.kind
        );
    }
    for link in &design.links {
        let spec = match &link.spec {
            LinkSpec::Peering(p) => format!(
                "peering {} -> {} dns={} ipv6={} excluded={:?} {:?}",
                p.requester, p.accepter, p.dns_resolution, p.ipv6, p.excluded_route_tables, p.state
            ),
            LinkSpec::InterfaceEndpoint(e) => format!(
                "interface {} {:?} {:?} {:?} dns={}",
                e.vpc, e.target, e.subnets, e.security_groups, e.private_dns
            ),
            LinkSpec::GatewayEndpoint(e) => {
                format!("gateway {} {} {:?}", e.vpc, e.service, e.route_tables)
            }
        };
        let _ = writeln!(out, "link {} {spec}", link.id);
    }
    for entry in &imported.report.entries {
        let outcome = match &entry.outcome {
            Outcome::Mapped { item } => format!("mapped {:?} {}", item.kind, item.id),
            Outcome::Partial { item, lost } => format!(
                "partial {:?} {}: {}",
                item.kind,
                item.id,
                lost.iter()
                    .map(|l| l.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
            Outcome::Skipped { reason } => format!("skipped: {}", reason.en),
        };
        let _ = writeln!(
            out,
            "{} {} {}: {outcome}",
            entry.file, entry.resource_type, entry.resource
        );
    }
    out
}

fn check(inputs: &[(&str, &str)], expect: Expect) {
    expect.assert_eq(&summary(inputs));
}

#[test]
fn a_bundle_imports_with_every_resource_in_the_report() {
    check(
        &[("hub-bundle.json", &data("hub-bundle.json"))],
        expect![[r#"
            vpc vpc-0hub "hub" 111111111111 ap-northeast-1 [10.0.0.0/16 10.1.0.0/16] dns=true/true aws=vpc-0hub
              subnet subnet-0hub1a Some("10.0.0.0/24") Some("apne1-az4")
              table rtb-0hubmain main=true [] routes=[Route { destination: Ipv4(0.0.0.0/0), target: Edge(InternetGateway) }]
              group sg-0vpce "vpce" [SecurityGroupRule { protocol: "tcp", from_port: 443, to_port: 443, source: Cidr(10.20.0.0/16) }, SecurityGroupRule { protocol: "tcp", from_port: 443, to_port: 443, source: SecurityGroup { vpc: VpcId("vpc-0app"), group: SecurityGroupId("sg-0app") } }]
            vpc vpc-0app "app" 111111111111 ap-northeast-1 [10.20.0.0/16] dns=true/false aws=vpc-0app
              subnet subnet-0app1a Some("10.20.0.0/24") Some("apne1-az4")
              subnet subnet-0app1c Some("10.20.1.0/24") Some("apne1-az1")
              table rtb-0appa main=false [subnet-0app1a] routes=[]
              table rtb-0appc main=true [subnet-0app1c] routes=[]
              group sg-0app "app" []
            vpc vpc-0partner "" 333333333333 us-west-2 [172.16.0.0/16] dns=true/false aws=vpc-0partner
            service vpce-svc-0orders "orders-api" EndpointService(EndpointService { provider_vpc: VpcId("vpc-0app"), network_load_balancers: [LoadBalancer { name: "arn:aws:elasticloadbalancing:ap-northeast-1:111111111111:loadbalancer/net/orders/50dc6c495c0c9188", listeners: 1 }], gateway_load_balancers: [], acceptance_required: true, allowed_principals: ["arn:aws:iam::222222222222:root"], supported_regions: [], supported_ip_address_types: [Ipv4], availability_zone_ids: [], port: 443 })
            service svc-s3-ap-northeast-1 "Amazon S3" Aws { service: "s3" }
            service svc-ssm-ap-northeast-1 "AWS Systems Manager" Aws { service: "ssm" }
            link pcx-0hubapp peering vpc-0app -> vpc-0hub dns=true ipv6=false excluded=[RouteTableId("rtb-0appc")] Active
            link pcx-0partner peering vpc-0hub -> vpc-0partner dns=false ipv6=false excluded=[RouteTableId("rtb-0hubmain")] Active
            link vpce-0s3 gateway vpc-0hub svc-s3-ap-northeast-1 [RouteTableId("rtb-0hubmain")]
            link vpce-0ssm interface vpc-0hub Service(ServiceId("svc-ssm-ap-northeast-1")) [SubnetId("subnet-0hub1a")] [SecurityGroupId("sg-0vpce")] dns=true
            link vpce-0orders interface vpc-0app Service(ServiceId("vpce-svc-0orders")) [SubnetId("subnet-0app1a"), SubnetId("subnet-0app1c")] [] dns=false
            hub-bundle.json describe-vpcs vpc-0hub: mapped Vpc vpc-0hub
            hub-bundle.json describe-vpcs vpc-0app: mapped Vpc vpc-0app
            hub-bundle.json describe-subnets subnet-0hub1a: mapped Subnet subnet-0hub1a
            hub-bundle.json describe-subnets subnet-0app1a: mapped Subnet subnet-0app1a
            hub-bundle.json describe-subnets subnet-0app1c: mapped Subnet subnet-0app1c
            hub-bundle.json describe-subnets subnet-0orphan: skipped: its VPC vpc-0gone is not among the imported VPCs
            hub-bundle.json describe-route-tables rtb-0hubmain: mapped RouteTable rtb-0hubmain
            hub-bundle.json describe-route-tables rtb-0appa: mapped RouteTable rtb-0appa
            hub-bundle.json describe-route-tables rtb-0appc: mapped RouteTable rtb-0appc
            hub-bundle.json describe-security-groups sg-0vpce: mapped SecurityGroup sg-0vpce
            hub-bundle.json describe-security-groups sg-0app: partial SecurityGroup sg-0app: an ingress rule from the security group sg-0unknown, which is not imported | its outbound rules: vpcplan models inbound rules only
            hub-bundle.json describe-vpc-peering-connections pcx-0hubapp: mapped Link pcx-0hubapp
            hub-bundle.json describe-vpc-peering-connections vpc-0partner: partial Vpc vpc-0partner: known only from a peering connection: no subnets, route tables or security groups
            hub-bundle.json describe-vpc-peering-connections pcx-0partner: partial Link pcx-0partner: the peer VPC vpc-0partner was not collected: it is drawn from what the peering says of it (CIDRs, account, Region), without subnets, route tables or DNS settings
            hub-bundle.json describe-vpc-peering-connections pcx-0old: skipped: its status is "deleted": it carries no traffic and will not
            hub-bundle.json describe-vpc-endpoint-service-configurations vpce-svc-0orders: partial Service vpce-svc-0orders: the port consumers connect to and the listeners per load balancer: describe output does not show them (443 and one listener assumed)
            hub-bundle.json describe-vpc-endpoints vpce-0s3: mapped Link vpce-0s3
            hub-bundle.json describe-vpc-endpoints vpce-0ssm: mapped Link vpce-0ssm
            hub-bundle.json describe-vpc-endpoints vpce-0orders: mapped Link vpce-0orders
            hub-bundle.json describe-vpc-endpoints vpce-0thirdparty: skipped: its service "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0elsewhere" is neither an AWS service nor an imported endpoint service
        "#]],
    );
}

#[test]
fn raw_describe_outputs_merge_and_the_region_comes_from_the_subnets() {
    check(
        &[
            ("describe-vpcs.json", &data("describe-vpcs.json")),
            ("describe-subnets.json", &data("describe-subnets.json")),
        ],
        expect![[r#"
            vpc vpc-0hub "hub" 111111111111 ap-northeast-1 [10.0.0.0/16 10.1.0.0/16] dns=true/false aws=vpc-0hub
              subnet subnet-0hub1a Some("10.0.0.0/24") Some("apne1-az4")
            vpc vpc-0app "app" 111111111111 ap-northeast-1 [10.20.0.0/16] dns=true/false aws=vpc-0app
              subnet subnet-0app1a Some("10.20.0.0/24") Some("apne1-az4")
              subnet subnet-0app1c Some("10.20.1.0/24") Some("apne1-az1")
            describe-vpcs.json describe-vpcs vpc-0hub: partial Vpc vpc-0hub: the DNS settings: describe-vpcs does not show them (describe-vpc-attribute does, and the collector reads it); AWS's defaults assumed
            describe-vpcs.json describe-vpcs vpc-0app: partial Vpc vpc-0app: the DNS settings: describe-vpcs does not show them (describe-vpc-attribute does, and the collector reads it); AWS's defaults assumed
            describe-subnets.json describe-subnets subnet-0hub1a: mapped Subnet subnet-0hub1a
            describe-subnets.json describe-subnets subnet-0app1a: mapped Subnet subnet-0app1a
            describe-subnets.json describe-subnets subnet-0app1c: mapped Subnet subnet-0app1c
        "#]],
    );
}

#[test]
fn the_same_resource_in_two_files_is_imported_once() {
    let bundle = data("hub-bundle.json");
    let vpcs = data("describe-vpcs.json");
    let inputs = [
        Input {
            name: "hub-bundle.json",
            text: &bundle,
        },
        Input {
            name: "describe-vpcs.json",
            text: &vpcs,
        },
    ];
    let imported = import(&inputs, Source::Aws).unwrap();
    let ids: Vec<&str> = imported.design.vpcs.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["vpc-0hub", "vpc-0app", "vpc-0partner"]);
}

#[test]
fn the_imported_design_saves_and_reads_back_with_its_aws_identities() {
    let bundle = data("hub-bundle.json");
    let imported = import(
        &[Input {
            name: "b",
            text: &bundle,
        }],
        Source::Auto,
    )
    .unwrap();
    let text = write_design(&imported.design);
    assert!(text.contains("\"aws_id\": \"pcx-0hubapp\""), "{text}");
    assert_eq!(read_design(&text), Ok(imported.design));
}

#[test]
fn errors_say_which_file_and_where() {
    let cases = [
        (
            "{\"Vpcs\": [",
            "cut.json:1:10: not valid JSON: EOF while parsing a list at line 1 column 10",
        ),
        (
            "{\"Vpcs\": [{\"VpcId\": 7}]}",
            "wrong.json: Vpcs: not the shape the AWS CLI prints: invalid type: integer `7`, expected a string",
        ),
        (
            "{\"format\": \"vpcplan-aws-bundle\", \"version\": 1}",
            "bundle.json: collections: expected a list `collections` (is the bundle cut short?)",
        ),
        (
            "{\"whatever\": 1}",
            "other.json: not a file vpcplan imports: expected the collector's bundle, the JSON of an `aws ec2 describe-*` call, or a CloudFormation template",
        ),
    ];
    for (name, (text, expected)) in ["cut.json", "wrong.json", "bundle.json", "other.json"]
        .iter()
        .zip(cases)
    {
        let error = import(&[Input { name, text }], Source::Auto).unwrap_err();
        assert_eq!(error.to_string(), expected);
        assert!(!error.message.ja.is_empty());
    }
}

#[test]
fn terraform_state_is_refused_with_a_message_for_now() {
    let state = r#"{"format_version": "1.0", "terraform_version": "1.9.0", "values": {}}"#;
    let error = import(
        &[Input {
            name: "state.json",
            text: state,
        }],
        Source::Auto,
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("state.json: Terraform state is not imported yet"),
        "{error}"
    );
}

#[test]
fn the_collector_is_read_only_and_shellcheck_clean() {
    let script = vpcplan_import::collect_script();
    assert!(script.starts_with("#!/usr/bin/env bash\n"));
    for permission in [
        "sts:GetCallerIdentity",
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcEndpointServicePermissions",
        "elasticloadbalancing:DescribeLoadBalancers",
    ] {
        assert!(script.contains(permission), "{permission}");
    }
    // Every AWS call reads: no create, modify, delete, accept or associate.
    for line in script.lines().filter(|l| !l.trim_start().starts_with('#')) {
        for verb in [
            "create-",
            "modify-",
            "delete-",
            "accept-",
            "associate-",
            "put-",
            "update-",
        ] {
            assert!(!line.contains(verb), "{line}");
        }
    }
    let dir = std::env::temp_dir().join(format!("vpcplan-import-collect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("collect.sh");
    std::fs::write(&path, script).unwrap();
    let output = std::process::Command::new("shellcheck")
        .arg("--severity=style")
        .arg(&path)
        .output()
        .expect("shellcheck is installed (cargo xtask setup)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// Cuts, splices and swaps of real inputs: every one gives a design or an
/// error, never a panic.
fn mutated(text: String) -> impl Strategy<Value = String> {
    let len = text.len();
    (
        0..=len,
        0..=len,
        prop::collection::vec(any::<u8>(), 0..8),
        0u8..4,
    )
        .prop_map(move |(a, b, bytes, how)| {
            let (start, end) = (a.min(b), a.max(b));
            let mut bytes_of = text.as_bytes().to_vec();
            match how {
                0 => bytes_of.truncate(start),
                1 => {
                    bytes_of.splice(start..end, bytes.iter().copied());
                }
                2 => bytes_of.drain(start..end).for_each(drop),
                _ => bytes_of
                    .splice(
                        start..start,
                        b"{\"Vpcs\": [{\"VpcId\": 1}], ".iter().copied(),
                    )
                    .for_each(drop),
            }
            String::from_utf8_lossy(&bytes_of).into_owned()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn mutated_bundles_never_panic(text in mutated(data("hub-bundle.json"))) {
        let _ = import(&[Input { name: "m.json", text: &text }], Source::Auto);
    }
}
