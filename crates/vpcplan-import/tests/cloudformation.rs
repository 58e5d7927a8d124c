//! The CloudFormation source: vpcplan's own exports import back (every
//! fixture, all its templates at once), intrinsic functions in YAML short
//! form and JSON, and errors that say where.

use std::fmt::Write as _;
use std::path::Path;

use vpcplan_core::Design;
use vpcplan_core::design::{EndpointTarget, LinkSpec, RuleSource, ServiceKind};
use vpcplan_core::file::read_design;
use vpcplan_export::{CloudFormationOptions, ExportOptions, TemplateFormat, cloudformation};
use vpcplan_import::{Input, Outcome, Source, import};

fn fixtures() -> Vec<(String, Design)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/designs");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let design = read_design(&std::fs::read_to_string(&path).unwrap()).unwrap();
            found.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                design,
            ));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// What a template holds of a design, one sorted line per fact: VPCs
/// (CIDRs, DNS settings, Region and account), subnets, which table serves
/// each subnet, the routes written by hand, security group rules, and the
/// links with the route tables they leave out. Not held: positions and
/// intents, AWS-assigned IPv6 blocks, which table is the VPC's main one (a
/// template cannot say), peering DNS settings and states (set after
/// deployment), service node ids and names.
fn held(design: &Design) -> String {
    let mut lines = Vec::new();
    for vpc in &design.vpcs {
        let mut cidrs: Vec<String> = vpc.ipv4_cidrs.iter().map(ToString::to_string).collect();
        cidrs.sort();
        lines.push(format!(
            "vpc {} {:?} {} {} {:?} dns={}/{}",
            vpc.id, vpc.name, vpc.account, vpc.region, cidrs, vpc.dns_support, vpc.dns_hostnames
        ));
        for subnet in &vpc.subnets {
            lines.push(format!(
                "subnet {} {} {:?} {:?} {:?} table={:?}",
                vpc.id,
                subnet.id,
                subnet.name,
                subnet.ipv4_cidr.map(|c| c.to_string()),
                subnet.availability_zone_id,
                vpc.route_table_of(&subnet.id).map(|t| t.id.to_string())
            ));
        }
        for table in vpc.route_tables_in_use() {
            let mut routes: Vec<String> = table.routes.iter().map(|r| format!("{r:?}")).collect();
            routes.sort();
            lines.push(format!(
                "table {} {} {:?} {routes:?}",
                vpc.id, table.id, table.name
            ));
        }
        for group in &vpc.security_groups {
            let mut rules: Vec<String> = group
                .ingress
                .iter()
                .map(|r| {
                    format!(
                        "{} {}-{} {:?}",
                        protocol(&r.protocol),
                        r.from_port,
                        r.to_port,
                        r.source
                    )
                })
                .collect();
            rules.sort();
            lines.push(format!(
                "group {} {} {:?} {rules:?}",
                vpc.id, group.id, group.name
            ));
        }
    }
    let service = |id: &vpcplan_core::design::ServiceId| {
        design.service(id).map(|s| match &s.kind {
            ServiceKind::Aws { service } => format!("{service}@{}", s.region),
            ServiceKind::EndpointService(_) => format!("endpoint service {}", s.name),
        })
    };
    for link in &design.links {
        let spec = match &link.spec {
            LinkSpec::Peering(p) => {
                let mut excluded: Vec<&str> =
                    p.excluded_route_tables.iter().map(|t| t.as_str()).collect();
                excluded.sort_unstable();
                format!(
                    "peering {} -> {} ipv6={} excluded={excluded:?}",
                    p.requester, p.accepter, p.ipv6
                )
            }
            LinkSpec::InterfaceEndpoint(e) => format!(
                "interface {} {:?} {:?} {:?} dns={}",
                e.vpc,
                match &e.target {
                    EndpointTarget::Service(s) => service(s),
                    other => Some(format!("{other:?}")),
                },
                e.subnets,
                e.security_groups,
                e.private_dns
            ),
            LinkSpec::GatewayEndpoint(e) => {
                let mut tables: Vec<&str> = e.route_tables.iter().map(|t| t.as_str()).collect();
                tables.sort_unstable();
                format!("gateway {} {:?} {tables:?}", e.vpc, service(&e.service))
            }
        };
        lines.push(format!("link {} {spec}", link.id));
    }
    lines.sort();
    lines.join("\n")
}

/// A rule's protocol as EC2 names it (the export writes `tcp` for `6`,
/// `-1` for `all`).
fn protocol(protocol: &str) -> &str {
    match protocol {
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        "all" => "-1",
        other => other,
    }
}

/// The original as a template holds it: a peering's route tables not in
/// use carry no routes either way, and IPv6 over a peering needs the blocks
/// AWS assigns.
fn expected(design: &Design) -> Design {
    let mut design = design.clone();
    // IPv6 blocks are assigned by AWS at deploy time: what refers to them
    // is not known from the templates.
    let blocks: Vec<ipnet::Ipv6Net> = design
        .vpcs
        .iter()
        .flat_map(|v| v.ipv6_cidrs.clone())
        .collect();
    for vpc in &mut design.vpcs {
        vpc.ipv6_cidrs.clear();
        for group in &mut vpc.security_groups {
            group.ingress.retain(|rule| {
                !matches!(rule.source, RuleSource::Cidr(ipnet::IpNet::V6(net)) if blocks.iter().any(|b| b.contains(&net)))
            });
        }
    }
    // Endpoint services in templates are not imported yet, nor the
    // endpoints to them.
    let provided: Vec<_> = design
        .services
        .iter()
        .filter(|s| matches!(s.kind, ServiceKind::EndpointService(_)))
        .map(|s| s.id.clone())
        .collect();
    design.links.retain(|link| {
        !matches!(&link.spec, LinkSpec::InterfaceEndpoint(e)
            if matches!(&e.target, EndpointTarget::Service(s) | EndpointTarget::GatewayLoadBalancer(s) if provided.contains(s)))
    });
    let in_use: std::collections::HashSet<String> = design
        .vpcs
        .iter()
        .flat_map(|vpc| {
            vpc.route_tables_in_use()
                .into_iter()
                .map(|t| t.id.to_string())
        })
        .collect();
    for link in &mut design.links {
        if let LinkSpec::Peering(p) = &mut link.spec {
            p.excluded_route_tables
                .retain(|t| in_use.contains(t.as_str()));
            p.ipv6 = false;
        }
    }
    design
}

/// The export gives an interface endpoint with consumers across a peering
/// one more security group, "<service> endpoint consumers" (vpcplan-export's
/// `shared::endpoints`); it is in the template, not in the original design.
/// Those groups are taken out of the import before comparing, and only
/// those: any other group the original lacks still fails the comparison.
fn without_consumer_groups(original: &Design, mut imported: Design) -> Design {
    let known: std::collections::HashSet<String> = original
        .vpcs
        .iter()
        .flat_map(|v| v.security_groups.iter().map(|g| g.id.to_string()))
        .collect();
    let mut derived = Vec::new();
    for vpc in &mut imported.vpcs {
        vpc.security_groups.retain(|group| {
            let added =
                !known.contains(group.id.as_str()) && group.name.ends_with(" endpoint consumers");
            if added {
                derived.push(group.id.clone());
            }
            !added
        });
    }
    for link in &mut imported.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.security_groups.retain(|g| !derived.contains(g));
        }
    }
    imported
}

#[test]
fn every_fixture_exported_to_cloudformation_imports_back() {
    let mut failures = String::new();
    for (name, design) in fixtures() {
        let options = CloudFormationOptions {
            export: ExportOptions { allow_errors: true },
            format: TemplateFormat::Yaml,
        };
        let files = cloudformation(&design, &options).expect("exports");
        let templates: Vec<Input<'_>> = files
            .iter()
            .filter(|f| f.path.ends_with(".yaml") || f.path.ends_with("DEPLOY.md"))
            .map(|f| Input {
                name: &f.path,
                text: &f.contents,
            })
            .collect();
        let imported = import(&templates, Source::Auto).unwrap_or_else(|e| panic!("{name}: {e}"));
        let back = without_consumer_groups(&design, imported.design.clone());
        let (want, got) = (held(&expected(&design)), held(&back));
        if want != got {
            let _ = writeln!(
                failures,
                "== {name}\n-- expected\n{want}\n-- imported\n{got}"
            );
            for entry in &imported.report.entries {
                if let Outcome::Skipped { reason } = &entry.outcome {
                    let _ = writeln!(
                        failures,
                        "   skipped {} {}: {}",
                        entry.resource_type, entry.resource, reason.en
                    );
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

fn data(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .expect("test data")
}

fn report_lines(imported: &vpcplan_import::Imported) -> String {
    let mut out = String::new();
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

#[test]
fn hand_written_templates_with_short_forms_conditions_and_a_cross_stack_export() {
    let (hub, spoke) = (data("hub-network.yaml"), data("spoke.json"));
    let imported = import(
        &[
            Input {
                name: "hub-network.yaml",
                text: &hub,
            },
            Input {
                name: "spoke.json",
                text: &spoke,
            },
        ],
        Source::Auto,
    )
    .unwrap();
    expect_test::expect![[r#"
        group Hub EndpointGroup "" ["tcp 443-443 Cidr(10.0.0.0/8)"]
        link S3 gateway Hub Some("s3@ap-northeast-1") ["Private"]
        link ToHub peering Spoke -> Hub ipv6=false excluded=["Private"]
        subnet Hub HubA "hub-a" Some("10.0.0.0/24") None table=Some("Private")
        subnet Hub HubB "" Some("10.0.1.0/24") Some("apne1-az1") table=None
        table Hub Private "" []
        table Spoke SpokeTable "" []
        vpc Hub "hub-prod"   ["10.0.0.0/16"] dns=true/true
        vpc Spoke "spoke"   ["10.20.0.0/16"] dns=true/false
        hub-network.yaml AWS::EC2::VPC Hub: partial Vpc Hub: the Region: a template is deployed to a Region it does not name
        spoke.json AWS::EC2::VPC Spoke: partial Vpc Spoke: the Region: a template is deployed to a Region it does not name
        hub-network.yaml AWS::EC2::Subnet DevOnly: skipped: its condition NeverCreated is false with the parameters' values
        hub-network.yaml AWS::EC2::Subnet HubA: partial Subnet HubA: AvailabilityZone: the Availability Zones Fn::GetAZs returns in the account deploying it
        hub-network.yaml AWS::EC2::Subnet HubB: mapped Subnet HubB
        hub-network.yaml AWS::EC2::RouteTable Private: mapped RouteTable Private
        spoke.json AWS::EC2::RouteTable SpokeTable: mapped RouteTable SpokeTable
        hub-network.yaml AWS::EC2::SubnetRouteTableAssociation PrivateA: mapped RouteTable Private
        hub-network.yaml AWS::EC2::SecurityGroup EndpointGroup: mapped SecurityGroup EndpointGroup
        spoke.json AWS::EC2::VPCPeeringConnection ToHub: partial Link ToHub: DNS resolution over the peering: set after deployment (AWS::EC2::VPCPeeringConnection has no property for it)
        spoke.json AWS::EC2::Route Elsewhere: skipped: the route's destination: Unset, which the template does not define
        spoke.json AWS::EC2::Route SpokeToHub: mapped Route SpokeTable
        hub-network.yaml AWS::EC2::VPCEndpoint S3: mapped Link S3
        hub-network.yaml AWS::EC2::VPCEndpoint Ssm: skipped: ServiceName: the Region it is deployed in
        hub-network.yaml AWS::Logs::LogGroup Logs: skipped: AWS::Logs::LogGroup is not a part of the network vpcplan models
    "#]].assert_eq(&format!(
        "{}\n{}",
        held(&imported.design),
        report_lines(&imported)
    ));
}

#[test]
fn a_malformed_template_is_an_error_with_its_line_and_column() {
    let text = "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: [\n";
    let error = import(
        &[Input {
            name: "t.yaml",
            text,
        }],
        Source::Auto,
    )
    .unwrap_err();
    assert_eq!(error.file, "t.yaml");
    assert!(error.position.is_some(), "{error}");
    assert!(error.to_string().starts_with("t.yaml:"), "{error}");
    let error = import(
        &[Input {
            name: "t.yaml",
            text: "Resources:\n  X: !Bogus 1\n",
        }],
        Source::Auto,
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "t.yaml: Resources.X: unknown tag !Bogus");
    let error = import(
        &[Input {
            name: "t.yaml",
            text: "Description: no resources\n",
        }],
        Source::Auto,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "t.yaml: Resources: not a CloudFormation template: expected a `Resources` object"
    );
}

mod mutated {
    use proptest::prelude::*;
    use vpcplan_import::{Input, Source, import};

    fn mutated(text: String) -> impl Strategy<Value = String> {
        let len = text.len();
        (0..=len, 0..=len, "[ -~\n]{0,12}", 0u8..3).prop_map(move |(a, b, insert, how)| {
            let (start, end) = (a.min(b), a.max(b));
            let mut bytes = text.as_bytes().to_vec();
            match how {
                0 => bytes.truncate(start),
                1 => {
                    bytes.splice(start..end, insert.bytes());
                }
                _ => {
                    bytes.drain(start..end);
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn mutated_templates_never_panic(text in mutated(super::data("hub-network.yaml"))) {
            let _ = import(&[Input { name: "m.yaml", text: &text }], Source::Auto);
        }

        #[test]
        fn mutated_json_templates_never_panic(text in mutated(super::data("spoke.json"))) {
            let _ = import(&[Input { name: "m.json", text: &text }], Source::Auto);
        }
    }
}
