//! What reachability calls reachable, the exported security groups allow.
//!
//! For every fixture design, every VPC and service pair that reachability
//! reports as reachable through an interface endpoint is checked against
//! the CloudFormation templates the design exports (parsed, not the
//! exporter's own types): the endpoint's `SecurityGroupIds` must hold a
//! group with an ingress rule for TCP on the service port from a CIDR that
//! contains one of the source VPC's CIDRs. An endpoint exported without
//! groups gets the VPC's default group, which admits only its own members
//! (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html):
//! instances of its own VPC may be members, instances of a peered VPC
//! cannot. The CLI script is written from the same design
//! (`shared::endpoints::with_consumer_groups`), and `tests/parity.rs`
//! compares the two deployed networks.

use std::collections::BTreeMap;

use ipnet::IpNet;
use serde_json::Value;
use vpcplan_core::design::{LinkSpec, Vpc};
use vpcplan_core::file::read_design;
use vpcplan_core::reachability::{matrix_nodes, service_port};
use vpcplan_core::{Design, LinkKind, Node, Reachability, reachability};
use vpcplan_export::{CloudFormationOptions, ExportOptions, TemplateFormat, cloudformation};

fn fixtures() -> Vec<(String, Design)> {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/designs");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            found.push((name, read_design(&text).unwrap()));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// Every resource of every template, by logical id (the exporter keeps
/// logical ids unique across stacks).
fn resources(design: &Design) -> BTreeMap<String, Value> {
    let files = cloudformation(
        design,
        &CloudFormationOptions {
            export: ExportOptions { allow_errors: true },
            format: TemplateFormat::Json,
        },
    )
    .unwrap();
    let mut resources = BTreeMap::new();
    for file in files.iter().filter(|file| file.path.ends_with(".json")) {
        let Ok(template) = serde_json::from_str::<Value>(&file.contents) else {
            continue;
        };
        if let Some(found) = template.get("Resources").and_then(Value::as_object) {
            for (id, resource) in found {
                resources.insert(id.clone(), resource.clone());
            }
        }
    }
    resources
}

fn tag<'v>(resource: &'v Value, key: &str) -> Option<&'v str> {
    resource["Properties"]["Tags"]
        .as_array()?
        .iter()
        .find(|tag| tag["Key"] == key)?["Value"]
        .as_str()
}

/// The logical id a `{"Fn::GetAtt": [id, "GroupId"]}` or `{"Ref": id}` names.
fn referenced(node: &Value) -> Option<&str> {
    node.get("Fn::GetAtt")
        .and_then(|att| att.get(0))
        .or_else(|| node.get("Ref"))
        .and_then(Value::as_str)
}

/// Whether an ingress rule (inline or a separate resource's properties)
/// lets TCP `port` in from one of `ranges`.
fn admits(rule: &Value, port: u16, ranges: &[IpNet]) -> bool {
    let protocol = rule["IpProtocol"].as_str().unwrap_or_default();
    let port = i64::from(port);
    let on_port = protocol == "-1"
        || (protocol == "tcp"
            && rule["FromPort"].as_i64().is_some_and(|from| from <= port)
            && rule["ToPort"].as_i64().is_some_and(|to| port <= to));
    let from = rule["CidrIp"]
        .as_str()
        .and_then(|cidr| cidr.parse::<IpNet>().ok());
    on_port && from.is_some_and(|cidr| ranges.iter().any(|range| cidr.contains(range)))
}

/// Whether the exported groups of endpoint `link` let `source` in on `port`.
fn exported_groups_admit(
    resources: &BTreeMap<String, Value>,
    link: &str,
    port: u16,
    source: &Vpc,
    same_vpc: bool,
) -> Result<(), String> {
    let Some((endpoint_id, endpoint)) = resources.iter().find(|(_, resource)| {
        resource["Type"] == "AWS::EC2::VPCEndpoint" && tag(resource, "vpcplan:id") == Some(link)
    }) else {
        return Err(format!("endpoint {link} is not exported"));
    };
    let groups: Vec<&str> = endpoint["Properties"]["SecurityGroupIds"]
        .as_array()
        .map(|groups| groups.iter().filter_map(referenced).collect())
        .unwrap_or_default();
    if groups.is_empty() {
        // The default group: its members may be in its own VPC only.
        return if same_vpc {
            Ok(())
        } else {
            Err(format!(
                "{endpoint_id} has the default security group, which admits no peered VPC"
            ))
        };
    }
    let ranges: Vec<IpNet> = source.cidrs().collect();
    for group in &groups {
        let inline = resources
            .get(*group)
            .and_then(|resource| resource["Properties"]["SecurityGroupIngress"].as_array())
            .into_iter()
            .flatten();
        let separate = resources
            .values()
            .filter(|resource| {
                resource["Type"] == "AWS::EC2::SecurityGroupIngress"
                    && referenced(&resource["Properties"]["GroupId"]) == Some(*group)
            })
            .map(|resource| &resource["Properties"]);
        if inline
            .chain(separate)
            .any(|rule| admits(rule, port, &ranges))
        {
            return Ok(());
        }
    }
    Err(format!(
        "no rule of {groups:?} (the groups of {endpoint_id}) lets {} in on TCP {port}",
        source.label()
    ))
}

#[test]
fn every_flow_reachability_calls_reachable_is_allowed_by_the_exported_security_groups() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, design) in fixtures() {
        let nodes = matrix_nodes(&design);
        let mut exported = None;
        for from in &nodes {
            let Node::Vpc(source) = from else { continue };
            for to in &nodes {
                let Node::Service(service) = to else { continue };
                let Reachability::Reachable { path } = reachability(&design, from, to) else {
                    continue;
                };
                let Some(link) = path
                    .iter()
                    .rev()
                    .find(|hop| hop.kind == Some(LinkKind::InterfaceEndpoint))
                    .and_then(|hop| hop.link.clone())
                else {
                    continue;
                };
                let Some(LinkSpec::InterfaceEndpoint(endpoint)) =
                    design.link(&link).map(|link| &link.spec)
                else {
                    continue;
                };
                let resources = exported.get_or_insert_with(|| resources(&design));
                let port = service_port(design.service(service).unwrap());
                let source = design.vpc(source).unwrap();
                checked += 1;
                if let Err(why) = exported_groups_admit(
                    resources,
                    link.as_str(),
                    port,
                    source,
                    endpoint.vpc == source.id,
                ) {
                    failures.push(format!("{name}: {} → {service}: {why}", source.id));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The fixtures hold flows through an interface endpoint in its own VPC
    // and across a peering (`hub-endpoint-over-peering.json`).
    assert!(checked >= 5, "only {checked} flows checked");
}

#[test]
fn a_peered_vpc_without_a_required_flow_is_neither_reachable_nor_allowed() {
    let design = fixtures()
        .into_iter()
        .find(|(name, _)| name == "hub-endpoint-over-peering.json")
        .unwrap()
        .1;
    let resources = resources(&design);
    let app_b = design
        .vpcs
        .iter()
        .find(|vpc| vpc.id.as_str() == "vpc-app-b")
        .unwrap();
    let app_a = design
        .vpcs
        .iter()
        .find(|vpc| vpc.id.as_str() == "vpc-app-a")
        .unwrap();
    assert!(
        exported_groups_admit(&resources, "vpce-ssm", 443, app_a, false).is_ok(),
        "app-a's required flow opens the endpoint to it"
    );
    assert!(
        exported_groups_admit(&resources, "vpce-ssm", 443, app_b, false).is_err(),
        "app-b has no required flow"
    );
    let verdict = reachability(&design, &Node::vpc("vpc-app-b"), &Node::service("svc-ssm"));
    assert_eq!(verdict.rules(), ["PL-005"], "{verdict:#?}");
}
