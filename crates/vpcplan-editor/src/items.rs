//! What can be selected on the canvas (nodes and links), the selection, and
//! fresh ids for new things.

use std::collections::{BTreeSet, HashSet};

use vpcplan_core::Design;
use vpcplan_core::design::{LinkId, LinkSpec, ServiceId, ServiceKind, VpcId};

/// A node on the canvas: a VPC or a service (an AWS service or a provider's
/// endpoint service).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeId {
    Vpc(VpcId),
    Service(ServiceId),
}

impl NodeId {
    pub fn vpc(id: &str) -> NodeId {
        NodeId::Vpc(VpcId::from(id))
    }

    pub fn service(id: &str) -> NodeId {
        NodeId::Service(ServiceId::from(id))
    }

    pub fn as_str(&self) -> &str {
        match self {
            NodeId::Vpc(id) => id.as_str(),
            NodeId::Service(id) => id.as_str(),
        }
    }

    /// The node as the core's reachability and advisor name it.
    pub fn to_core(&self) -> vpcplan_core::Node {
        match self {
            NodeId::Vpc(id) => vpcplan_core::Node::Vpc(id.clone()),
            NodeId::Service(id) => vpcplan_core::Node::Service(id.clone()),
        }
    }

    pub fn exists_in(&self, design: &Design) -> bool {
        match self {
            NodeId::Vpc(id) => design.vpc(id).is_some(),
            NodeId::Service(id) => design.service(id).is_some(),
        }
    }
}

/// Anything that can be selected or focused: a node or a link.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    Node(NodeId),
    Link(LinkId),
}

impl Item {
    pub fn exists_in(&self, design: &Design) -> bool {
        match self {
            Item::Node(node) => node.exists_in(design),
            Item::Link(link) => design.link(link).is_some(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub nodes: BTreeSet<NodeId>,
    pub links: BTreeSet<LinkId>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.links.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len() + self.links.len()
    }

    pub fn only(item: Item) -> Selection {
        let mut selection = Selection::default();
        selection.insert(item);
        selection
    }

    pub fn contains(&self, item: &Item) -> bool {
        match item {
            Item::Node(node) => self.nodes.contains(node),
            Item::Link(link) => self.links.contains(link),
        }
    }

    pub fn insert(&mut self, item: Item) {
        match item {
            Item::Node(node) => {
                self.nodes.insert(node);
            }
            Item::Link(link) => {
                self.links.insert(link);
            }
        }
    }

    pub fn toggle(&mut self, item: Item) {
        if self.contains(&item) {
            match item {
                Item::Node(node) => self.nodes.remove(&node),
                Item::Link(link) => self.links.remove(&link),
            };
        } else {
            self.insert(item);
        }
    }

    /// The single selected item, if exactly one is selected.
    pub fn single(&self) -> Option<Item> {
        match (self.nodes.len(), self.links.len()) {
            (1, 0) => self.nodes.first().cloned().map(Item::Node),
            (0, 1) => self.links.first().cloned().map(Item::Link),
            _ => None,
        }
    }

    /// Drops what the design no longer contains (after an undo, say).
    pub fn retain_existing(&mut self, design: &Design) {
        self.nodes.retain(|node| node.exists_in(design));
        self.links.retain(|link| design.link(link).is_some());
    }
}

/// The two nodes a link joins, the consuming VPC first.
pub fn link_ends(spec: &LinkSpec) -> Option<(NodeId, NodeId)> {
    use vpcplan_core::design::EndpointTarget;
    match spec {
        LinkSpec::Peering(p) => Some((
            NodeId::Vpc(p.requester.clone()),
            NodeId::Vpc(p.accepter.clone()),
        )),
        LinkSpec::InterfaceEndpoint(e) => match &e.target {
            EndpointTarget::Service(s) | EndpointTarget::GatewayLoadBalancer(s) => {
                Some((NodeId::Vpc(e.vpc.clone()), NodeId::Service(s.clone())))
            }
            EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => None,
        },
        LinkSpec::GatewayEndpoint(e) => Some((
            NodeId::Vpc(e.vpc.clone()),
            NodeId::Service(e.service.clone()),
        )),
    }
}

/// Whether the link touches the node (for a link without a second node,
/// such as a Lattice endpoint, its VPC).
pub fn link_touches(spec: &LinkSpec, node: &NodeId) -> bool {
    match link_ends(spec) {
        Some((a, b)) => &a == node || &b == node,
        None => match spec {
            LinkSpec::InterfaceEndpoint(e) => node == &NodeId::Vpc(e.vpc.clone()),
            _ => false,
        },
    }
}

/// Hands out ids of the form `prefix-N`, the smallest N not used yet in
/// the design, so ids are deterministic. The ids in use are collected on the
/// first call, so commands that create nothing (a move) do not pay for it.
#[derive(Debug)]
pub struct IdAllocator<'d> {
    design: &'d Design,
    used: Option<HashSet<String>>,
}

impl<'d> IdAllocator<'d> {
    pub fn for_design(design: &'d Design) -> IdAllocator<'d> {
        IdAllocator { design, used: None }
    }

    fn collect(design: &Design) -> HashSet<String> {
        let mut used = HashSet::new();
        let mut add = |id: &str| {
            used.insert(id.to_owned());
        };
        for vpc in &design.vpcs {
            add(vpc.id.as_str());
            for subnet in &vpc.subnets {
                add(subnet.id.as_str());
            }
            for table in &vpc.route_tables {
                add(table.id.as_str());
            }
            for group in &vpc.security_groups {
                add(group.id.as_str());
            }
            for acl in &vpc.network_acls {
                add(acl.id.as_str());
            }
        }
        for service in &design.services {
            add(service.id.as_str());
            if let ServiceKind::EndpointService(es) = &service.kind {
                for lb in &es.network_load_balancers {
                    add(&lb.name);
                }
            }
        }
        for link in &design.links {
            add(link.id.as_str());
        }
        for intent in &design.intents {
            add(intent.id.as_str());
        }
        used
    }

    pub fn next(&mut self, prefix: &str) -> String {
        let design = self.design;
        let used = self.used.get_or_insert_with(|| Self::collect(design));
        let id = (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|id| !used.contains(id))
            .expect("some number is free");
        used.insert(id.clone());
        id
    }
}
