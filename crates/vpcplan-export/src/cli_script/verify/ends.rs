//! Which intents `verify.sh` analyses and between which ends: a subnet of
//! each VPC end where the core's verdict is the intent's own, and a service
//! end's VPC endpoint.

use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{
    EndpointTarget, Link, LinkId, LinkSpec, ServiceId, ServiceKind, Subnet, Vpc, VpcId,
};
use vpcplan_core::{Hop, LinkKind, Node, Reachabilities, Reachability};

use super::{Check, Destination, Ends, ServiceName, VPC_PORT};
use crate::cli_script::Plan;
use crate::shared::endpoints::aws_service_name;

/// The subnets a temporary interface can go in: those with an IPv4 CIDR.
fn candidates(vpc: &Vpc) -> Vec<&Subnet> {
    vpc.subnets
        .iter()
        .filter(|subnet| subnet.ipv4_cidr.is_some())
        .collect()
}

fn subnet_node(vpc: &Vpc, subnet: &Subnet) -> Node {
    Node::Subnet {
        vpc: vpc.id.clone(),
        subnet: subnet.id.clone(),
    }
}

pub(super) fn checks<'d>(plan: &Plan<'d>) -> Vec<Check<'d>> {
    let design = plan.design;
    if design.intents.is_empty() {
        return Vec::new();
    }
    let queries = Reachabilities::new(design);
    design
        .intents
        .iter()
        .map(|intent| {
            let from = Node::from(&intent.from);
            let to = Node::from(&intent.to);
            let expected = queries.get(&from, &to).is_reachable();
            let label = format!(
                "{} \u{2192} {}",
                node_label(plan, &from),
                node_label(plan, &to)
            );
            let ends = match ends(plan, &queries, &from, &to, expected) {
                Ok(ends) => ends,
                Err(reason) => Ends::Skipped(reason),
            };
            Check {
                intent: intent.id.to_string(),
                label,
                expected,
                ends,
            }
        })
        .collect()
}

fn node_label(plan: &Plan<'_>, node: &Node) -> String {
    let design = plan.design;
    match node {
        Node::Vpc(vpc) => design
            .vpc(vpc)
            .map_or_else(|| vpc.to_string(), |vpc| vpc.label().to_owned()),
        Node::Subnet { vpc, subnet } => {
            let vpc = design.vpc(vpc);
            let subnet_label = vpc
                .and_then(|vpc| vpc.subnets.iter().find(|own| &own.id == subnet))
                .map_or_else(|| subnet.to_string(), |subnet| subnet.label().to_owned());
            match vpc {
                Some(vpc) => format!("{subnet_label} ({})", vpc.label()),
                None => subnet_label,
            }
        }
        Node::Service(service) => design
            .service(service)
            .map_or_else(|| service.to_string(), |service| service.label().to_owned()),
    }
}

/// The exported VPC of `id`, or why the script cannot place anything in it.
fn exported<'d>(plan: &Plan<'d>, id: &VpcId) -> Result<&'d Vpc, String> {
    plan.exported_vpc(id).ok_or_else(|| {
        format!(
            "VPC {id} is not deployed by the exports (it is not in the design or has no IPv4 CIDR)"
        )
    })
}

/// Where to analyse the intent from `from` to `to`: the first pair of ends
/// (in design order) for which the core gives the intent's own verdict, so
/// that AWS is asked about a path the design really expects to work (or to
/// fail).
fn ends<'d>(
    plan: &Plan<'d>,
    queries: &Reachabilities<'_>,
    from: &Node,
    to: &Node,
    expected: bool,
) -> Result<Ends<'d>, String> {
    let source_vpc = exported(plan, from.vpc_id().ok_or("the intent has no source VPC")?)?;
    let sources: Vec<&Subnet> = match from {
        Node::Subnet { subnet, .. } => source_vpc
            .subnets
            .iter()
            .filter(|own| &own.id == subnet && own.ipv4_cidr.is_some())
            .collect(),
        _ => candidates(source_vpc),
    };
    if sources.is_empty() {
        return Err(format!(
            "no subnet with an IPv4 CIDR to place a temporary network interface in, in VPC \"{}\"",
            source_vpc.label()
        ));
    }
    let verdict = |from: &Node, to: &Node| queries.get(from, to);
    match to {
        Node::Vpc(target) => {
            let target_vpc = exported(plan, target)?;
            same_region_and_account(source_vpc, target_vpc)?;
            let targets = candidates(target_vpc);
            if targets.is_empty() {
                return Err(format!(
                    "no subnet with an IPv4 CIDR to place a temporary network interface in, in VPC \"{}\"",
                    target_vpc.label()
                ));
            }
            let pairs = sources
                .iter()
                .flat_map(|&source| targets.iter().map(move |&target| (source, target)));
            let chosen = pairs.clone().find(|&(source, target)| {
                verdict(
                    &subnet_node(source_vpc, source),
                    &subnet_node(target_vpc, target),
                )
                .is_reachable()
                    == expected
            });
            let (source, target) = chosen.unwrap_or((sources[0], targets[0]));
            Ok(Ends::Analysed {
                source: (source_vpc, source),
                destination: Destination::Subnet(target_vpc, target),
                port: VPC_PORT,
            })
        }
        Node::Service(service_id) => {
            let service = plan
                .design
                .service(service_id)
                .ok_or_else(|| format!("service {service_id} is not in the design"))?;
            // The source subnet whose verdict is the intent's, and the
            // endpoint its path ends in.
            let mut chosen = None;
            for &source in &sources {
                let answer = verdict(&subnet_node(source_vpc, source), to);
                if answer.is_reachable() == expected {
                    chosen = Some((source, endpoint_of_path(&answer).cloned()));
                    break;
                }
            }
            let (source, on_path) = chosen.unwrap_or((sources[0], None));
            let link = on_path
                .and_then(|id| plan.design.link(&id))
                .or_else(|| endpoint_for(plan, source_vpc, service_id))
                .ok_or_else(|| {
                    format!(
                        "the design has no VPC endpoint for \"{}\", so nothing in AWS stands for it",
                        service.label()
                    )
                })?;
            let destination = endpoint_destination(plan, link)?;
            same_region_and_account(source_vpc, destination.vpc())?;
            Ok(Ends::Analysed {
                source: (source_vpc, source),
                destination,
                port: service_port(plan, service_id),
            })
        }
        Node::Subnet { .. } => {
            Err("the intent's target is a subnet, which intents do not take".to_owned())
        }
    }
}

fn same_region_and_account(source: &Vpc, target: &Vpc) -> Result<(), String> {
    if source.region != target.region {
        return Err(format!(
            "its ends are in different Regions ({} and {}); Reachability Analyzer analyses paths within one Region",
            source.region, target.region
        ));
    }
    if source.account != target.account {
        return Err(format!(
            "its ends are in different accounts ({} and {}); Reachability Analyzer analyses such paths only from an organization's management or delegated administrator account with trusted access, which this script does not set up",
            source.account, target.account
        ));
    }
    Ok(())
}

/// The endpoint the core's path reaches its service through.
fn endpoint_of_path(answer: &Reachability) -> Option<&LinkId> {
    let Reachability::Reachable { path } = answer else {
        return None;
    };
    path.iter()
        .rev()
        .find(|hop: &&Hop| {
            matches!(
                hop.kind,
                Some(LinkKind::InterfaceEndpoint | LinkKind::GatewayEndpoint)
            )
        })
        .and_then(|hop| hop.link.as_ref())
}

/// A design endpoint for the service when the core's path names none (the
/// intent is expected to fail): one in the source VPC, else one in its
/// account and Region, else the first.
fn endpoint_for<'d>(plan: &Plan<'d>, source: &Vpc, service: &ServiceId) -> Option<&'d Link> {
    let endpoints: Vec<(&Link, &VpcId)> = plan
        .design
        .links
        .iter()
        .filter_map(|link| match &link.spec {
            LinkSpec::InterfaceEndpoint(endpoint)
                if endpoint.target == EndpointTarget::Service(service.clone()) =>
            {
                Some((link, &endpoint.vpc))
            }
            LinkSpec::GatewayEndpoint(endpoint) if &endpoint.service == service => {
                Some((link, &endpoint.vpc))
            }
            _ => None,
        })
        .collect();
    let near = |vpc: &VpcId| {
        plan.exported_vpc(vpc)
            .is_some_and(|vpc| vpc.region == source.region && vpc.account == source.account)
    };
    endpoints
        .iter()
        .find(|(_, vpc)| **vpc == source.id)
        .or_else(|| endpoints.iter().find(|(_, vpc)| near(vpc)))
        .or_else(|| endpoints.first())
        .map(|(link, _)| *link)
}

/// The endpoint `link` as a path's destination, found by its VPC, type and
/// service name.
fn endpoint_destination<'d>(plan: &Plan<'d>, link: &'d Link) -> Result<Destination<'d>, String> {
    let (vpc, service, endpoint_type, explicit) = match &link.spec {
        LinkSpec::InterfaceEndpoint(endpoint) => {
            let EndpointTarget::Service(service) = &endpoint.target else {
                return Err(format!(
                    "endpoint {} does not reach a service of the design",
                    link.id
                ));
            };
            (
                &endpoint.vpc,
                service,
                "Interface",
                endpoint.service_name.as_deref(),
            )
        }
        LinkSpec::GatewayEndpoint(endpoint) => (&endpoint.vpc, &endpoint.service, "Gateway", None),
        LinkSpec::Peering(_) => return Err(format!("link {} is not an endpoint", link.id)),
    };
    let vpc = exported(plan, vpc)?;
    let node = plan.design.service(service);
    let service_name = match (explicit, node.map(|service| &service.kind)) {
        (Some(explicit), _) => ServiceName::Known(explicit.to_owned()),
        (None, Some(ServiceKind::Aws { service })) => {
            ServiceName::Known(aws_service_name(service, &vpc.region))
        }
        (None, Some(ServiceKind::EndpointService(provided))) => ServiceName::Provided {
            provider: exported(plan, &provided.provider_vpc)?,
            name: node.map_or("", |node| node.name.as_str()),
        },
        (None, None) => return Err(format!("service {service} is not in the design")),
    };
    Ok(Destination::Endpoint {
        vpc,
        link,
        endpoint_type,
        service_name,
    })
}

fn service_port(plan: &Plan<'_>, service: &ServiceId) -> u16 {
    match plan.design.service(service).map(|service| &service.kind) {
        Some(ServiceKind::Aws { service }) => aws_service(service).map_or(443, |known| known.port),
        Some(ServiceKind::EndpointService(provided)) => provided.port,
        None => 443,
    }
}
