//! Accessible names: what a screen reader says for each node and link,
//! such as "VPC app, 172.31.0.0/16, ap-northeast-1".

use vpcplan_core::Design;
use vpcplan_core::design::{EndpointTarget, Link, LinkSpec, ServiceKind};
use vpcplan_core::i18n::Lang;

use crate::geometry::display_name;
use crate::items::{Item, NodeId};

/// The accessible name of a node or link, or `None` when the design does
/// not contain it.
pub fn accessible_name(design: &Design, item: &Item, lang: Lang) -> Option<String> {
    let separator = match lang {
        Lang::En => ", ",
        Lang::Ja => "、",
    };
    match item {
        Item::Node(node) => {
            let parts = node_parts(design, node, lang)?;
            Some(parts.join(separator))
        }
        Item::Link(id) => design.link(id).map(|link| link_name(design, link, lang)),
    }
}

/// The accessible name of `link`, one of `design`'s links: what
/// `accessible_name` says for it, without looking the link up (naming every
/// link of a large design that way searches the links once per link).
pub fn link_name(design: &Design, link: &Link, lang: Lang) -> String {
    let name = |node: NodeId| node_label(design, &node);
    let kind = link.kind().name().get(lang);
    match (&link.spec, lang) {
        (LinkSpec::Peering(p), Lang::En) => format!(
            "{kind} between {} and {}",
            name(NodeId::Vpc(p.requester.clone())),
            name(NodeId::Vpc(p.accepter.clone()))
        ),
        (LinkSpec::Peering(p), Lang::Ja) => format!(
            "{}と{}の間の{kind}",
            name(NodeId::Vpc(p.requester.clone())),
            name(NodeId::Vpc(p.accepter.clone()))
        ),
        (LinkSpec::InterfaceEndpoint(e), _) => {
            let target = match &e.target {
                EndpointTarget::Service(s) | EndpointTarget::GatewayLoadBalancer(s) => {
                    name(NodeId::Service(s.clone()))
                }
                EndpointTarget::Resource { .. } => "VPC Lattice resource".to_owned(),
                EndpointTarget::ServiceNetwork { .. } => "VPC Lattice service network".to_owned(),
            };
            from_to(lang, kind, &name(NodeId::Vpc(e.vpc.clone())), &target)
        }
        (LinkSpec::GatewayEndpoint(e), _) => from_to(
            lang,
            kind,
            &name(NodeId::Vpc(e.vpc.clone())),
            &name(NodeId::Service(e.service.clone())),
        ),
    }
}

fn from_to(lang: Lang, kind: &str, from: &str, to: &str) -> String {
    match lang {
        Lang::En => format!("{kind} from {from} to {to}"),
        Lang::Ja => format!("{from}から{to}への{kind}"),
    }
}

fn node_label(design: &Design, node: &NodeId) -> String {
    match node {
        NodeId::Vpc(id) => design
            .vpc(id)
            .map(|v| display_name(&v.name, id.as_str()).to_owned()),
        NodeId::Service(id) => design
            .service(id)
            .map(|s| display_name(&s.name, id.as_str()).to_owned()),
    }
    .unwrap_or_else(|| node.as_str().to_owned())
}

fn node_parts(design: &Design, node: &NodeId, lang: Lang) -> Option<Vec<String>> {
    match node {
        NodeId::Vpc(id) => {
            let vpc = design.vpc(id)?;
            let mut parts = vec![format!("VPC {}", display_name(&vpc.name, id.as_str()))];
            parts.extend(vpc.ipv4_cidrs.iter().map(ToString::to_string));
            parts.extend(vpc.ipv6_cidrs.iter().map(ToString::to_string));
            parts.push(vpc.region.clone());
            parts.push(match lang {
                Lang::En => format!("account {}", vpc.account),
                Lang::Ja => format!("アカウント {}", vpc.account),
            });
            Some(parts)
        }
        NodeId::Service(id) => {
            let service = design.service(id)?;
            let name = display_name(&service.name, id.as_str());
            let mut parts = vec![match (&service.kind, lang) {
                (ServiceKind::Aws { .. }, Lang::En) => format!("AWS service {name}"),
                (ServiceKind::Aws { .. }, Lang::Ja) => format!("AWSサービス {name}"),
                (ServiceKind::EndpointService(_), Lang::En) => format!("Endpoint service {name}"),
                (ServiceKind::EndpointService(_), Lang::Ja) => {
                    format!("エンドポイントサービス {name}")
                }
            }];
            if let ServiceKind::EndpointService(es) = &service.kind {
                let provider = node_label(design, &NodeId::Vpc(es.provider_vpc.clone()));
                parts.push(match lang {
                    Lang::En => format!("provided by VPC {provider}"),
                    Lang::Ja => format!("提供元 VPC {provider}"),
                });
            }
            parts.push(service.region.clone());
            Some(parts)
        }
    }
}
