//! Accessible names: what a screen reader says for each node and link,
//! such as "VPC app, 172.31.0.0/16, ap-northeast-1".

use vpcplan_core::Design;
use vpcplan_core::collections::HashMap;
use vpcplan_core::design::{
    EndpointTarget, Link, LinkSpec, Service, ServiceId, ServiceKind, Vpc, VpcId,
};
use vpcplan_core::i18n::Lang;

use crate::geometry::display_name;
use crate::items::{Item, NodeId};

/// Where names find the VPCs and services they mention: a design searches
/// its lists, which is enough for one name; `NodesById` is for naming many.
pub trait NodeLookup {
    fn vpc(&self, id: &VpcId) -> Option<&Vpc>;
    fn service(&self, id: &ServiceId) -> Option<&Service>;
}

impl NodeLookup for Design {
    fn vpc(&self, id: &VpcId) -> Option<&Vpc> {
        Design::vpc(self, id)
    }

    fn service(&self, id: &ServiceId) -> Option<&Service> {
        Design::service(self, id)
    }
}

/// A design's VPCs and services by id, built once to name every node and
/// link of a large design (each name mentions up to three nodes). Where ids
/// repeat, the first holder wins, as with `Design::vpc`.
pub struct NodesById<'d> {
    vpcs: HashMap<&'d VpcId, &'d Vpc>,
    services: HashMap<&'d ServiceId, &'d Service>,
    each_id_once: bool,
}

impl<'d> NodesById<'d> {
    pub fn new(design: &'d Design) -> NodesById<'d> {
        let mut vpcs = HashMap::default();
        for vpc in &design.vpcs {
            vpcs.entry(&vpc.id).or_insert(vpc);
        }
        let mut services = HashMap::default();
        for service in &design.services {
            services.entry(&service.id).or_insert(service);
        }
        let each_id_once =
            vpcs.len() == design.vpcs.len() && services.len() == design.services.len();
        NodesById {
            vpcs,
            services,
            each_id_once,
        }
    }

    /// Whether no two VPCs and no two services of the design share an id.
    pub fn each_id_once(&self) -> bool {
        self.each_id_once
    }
}

impl NodeLookup for NodesById<'_> {
    fn vpc(&self, id: &VpcId) -> Option<&Vpc> {
        self.vpcs.get(id).copied()
    }

    fn service(&self, id: &ServiceId) -> Option<&Service> {
        self.services.get(id).copied()
    }
}

/// The accessible name of a node or link, or `None` when the design does
/// not contain it.
pub fn accessible_name(design: &Design, item: &Item, lang: Lang) -> Option<String> {
    match item {
        Item::Node(node) => node_name(design, node, lang),
        Item::Link(id) => design.link(id).map(|link| link_name(design, link, lang)),
    }
}

/// The accessible name of a node, or `None` when `nodes` does not hold it.
pub fn node_name(nodes: &dyn NodeLookup, node: &NodeId, lang: Lang) -> Option<String> {
    let separator = match lang {
        Lang::En => ", ",
        Lang::Ja => "、",
    };
    Some(node_parts(nodes, node, lang)?.join(separator))
}

/// The accessible name of `link`, one of the design's links: what
/// `accessible_name` says for it, without looking the link up (naming every
/// link of a large design that way searches the links once per link).
pub fn link_name(nodes: &dyn NodeLookup, link: &Link, lang: Lang) -> String {
    let name = |node: NodeId| node_label(nodes, &node);
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

fn node_label(nodes: &dyn NodeLookup, node: &NodeId) -> String {
    match node {
        NodeId::Vpc(id) => nodes
            .vpc(id)
            .map(|v| display_name(&v.name, id.as_str()).to_owned()),
        NodeId::Service(id) => nodes
            .service(id)
            .map(|s| display_name(&s.name, id.as_str()).to_owned()),
    }
    .unwrap_or_else(|| node.as_str().to_owned())
}

fn node_parts(nodes: &dyn NodeLookup, node: &NodeId, lang: Lang) -> Option<Vec<String>> {
    match node {
        NodeId::Vpc(id) => {
            let vpc = nodes.vpc(id)?;
            let mut parts = vec![format!("VPC {}", display_name(&vpc.name, id.as_str()))];
            parts.extend(vpc.cidrs().map(|cidr| cidr.to_string()));
            parts.push(vpc.region.clone());
            parts.push(match lang {
                Lang::En => format!("account {}", vpc.account),
                Lang::Ja => format!("アカウント {}", vpc.account),
            });
            Some(parts)
        }
        NodeId::Service(id) => {
            let service = nodes.service(id)?;
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
                let provider = node_label(nodes, &NodeId::Vpc(es.provider_vpc.clone()));
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
