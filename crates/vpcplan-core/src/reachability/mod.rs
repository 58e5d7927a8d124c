//! Reachability: can this VPC, subnet or service reach that one, by which
//! path, and if not, why not.
//!
//! The engine follows the links of a design the way AWS forwards packets:
//! a peering carries traffic only when both sides route the other's range to
//! it (and never transitively), an interface endpoint is reached from its own
//! VPC or over one peering, and a gateway endpoint only from the subnets of
//! its own VPC whose route tables it is associated with. Every refusal names
//! the rule of the catalogue it follows from and the concrete values
//! involved, in English and Japanese.
//!
//! `reachability` answers one question; `reachability_matrix` answers every
//! VPC and service pair at once for the UI, exploring from each source only
//! its peers and their endpoints, so a design of a few hundred nodes costs
//! O(n·(n+m)).
//!
//! One type, `Graph`, is declared here with the public answers; its `impl`
//! is spread over files by concern: `graph` (lookups, node resolution, the
//! route tables that serve a side), `peering`, `endpoints`, `explanations`
//! (messages and the reasons beyond the candidate paths) and `matrix`.

mod endpoints;
mod explanations;
#[cfg(test)]
pub(crate) mod fixtures;
mod graph;
mod matrix;
mod peering;
#[cfg(test)]
mod tests;

use crate::collections::HashMap;

use ipnet::IpNet;

use crate::LinkKind;
use crate::design::{
    Design, EndpointService, GatewayEndpoint, IntentSource, IntentTarget, InterfaceEndpoint, Link,
    LinkId, Service, ServiceId, Subnet, SubnetId, Vpc, VpcId,
};
use crate::diagnostic::{Localized, Subject};
use crate::index::DesignIndex;

pub(crate) use endpoints::{
    cross_region_blockers, endpoint_target, gateway_only_blocker, gateway_only_for,
    gateway_other_region, principals_allow, service_hosts,
};
pub(crate) use explanations::dangling;
pub use matrix::{MatrixCell, ReachabilityMatrix, matrix_nodes, reachability_matrix};
pub(crate) use peering::{format_overlaps, overlapping_cidrs};

/// The rule id given when a node or link refers to something the design does
/// not contain.
pub(crate) const DANGLING_REFERENCE: &str = "DES-001";

/// A place traffic starts from or goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A whole VPC: reachable when some of its subnets are.
    Vpc(VpcId),
    /// One subnet of a VPC, judged by the route table that serves it.
    Subnet { vpc: VpcId, subnet: SubnetId },
    /// An AWS service or a provider's endpoint service.
    Service(ServiceId),
}

impl Node {
    pub fn vpc(id: impl Into<std::sync::Arc<str>>) -> Node {
        Node::Vpc(VpcId::new(id))
    }

    pub fn subnet(
        vpc: impl Into<std::sync::Arc<str>>,
        subnet: impl Into<std::sync::Arc<str>>,
    ) -> Node {
        Node::Subnet {
            vpc: VpcId::new(vpc),
            subnet: SubnetId::new(subnet),
        }
    }

    pub fn service(id: impl Into<std::sync::Arc<str>>) -> Node {
        Node::Service(ServiceId::new(id))
    }

    /// The VPC the node is in, if it is a VPC or a subnet.
    pub fn vpc_id(&self) -> Option<&VpcId> {
        match self {
            Node::Vpc(vpc) | Node::Subnet { vpc, .. } => Some(vpc),
            Node::Service(_) => None,
        }
    }

    /// The design element to highlight for this node.
    pub fn subject(&self) -> Subject {
        match self {
            Node::Vpc(vpc) => Subject::Vpc(vpc.clone()),
            Node::Subnet { subnet, .. } => Subject::Subnet(subnet.clone()),
            Node::Service(service) => Subject::Service(service.clone()),
        }
    }
}

impl From<&IntentSource> for Node {
    fn from(source: &IntentSource) -> Node {
        match source {
            IntentSource::Vpc(vpc) => Node::Vpc(vpc.clone()),
            IntentSource::Subnet { vpc, subnet } => Node::Subnet {
                vpc: vpc.clone(),
                subnet: subnet.clone(),
            },
        }
    }
}

impl From<&IntentTarget> for Node {
    fn from(target: &IntentTarget) -> Node {
        match target {
            IntentTarget::Vpc(vpc) => Node::Vpc(vpc.clone()),
            IntentTarget::Service(service) => Node::Service(service.clone()),
        }
    }
}

/// Why something does not work, or a caveat about something that does: the
/// catalogue rule it follows from, the explanation with concrete values, and
/// the design elements involved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The rule id (`PEER-003`, `GW-005`, `DES-001` …); `None` when no rule of
    /// the catalogue is involved, such as when nothing links two nodes.
    pub rule: Option<&'static str>,
    pub message: Localized,
    pub subjects: Vec<Subject>,
}

impl Reason {
    pub(crate) fn new(
        rule: Option<&'static str>,
        subjects: Vec<Subject>,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> Reason {
        Reason {
            rule,
            message: Localized::new(en, ja),
            subjects,
        }
    }
}

/// One step of a path: from a node to the next through a link, or through a
/// VPC's local route (`link` and `kind` are then `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub from: Node,
    pub to: Node,
    pub link: Option<LinkId>,
    pub kind: Option<LinkKind>,
    /// How the hop is made, with the link, route table or subnets used.
    pub via: Localized,
    /// Caveats that do not block the hop (PEER-006 DNS, PL-009 acceptance …).
    pub notes: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reachability {
    /// The path, hop by hop; empty when `from` and `to` are the same node.
    Reachable { path: Vec<Hop> },
    /// Every reason found, most direct first; never empty.
    Unreachable { reasons: Vec<Reason> },
}

impl Reachability {
    pub fn is_reachable(&self) -> bool {
        matches!(self, Reachability::Reachable { .. })
    }

    /// The rule ids of the reasons (or of the hop notes when reachable).
    pub fn rules(&self) -> Vec<&'static str> {
        match self {
            Reachability::Reachable { path } => path
                .iter()
                .flat_map(|hop| &hop.notes)
                .filter_map(|note| note.rule)
                .collect(),
            Reachability::Unreachable { reasons } => {
                reasons.iter().filter_map(|reason| reason.rule).collect()
            }
        }
    }
}

/// Whether `from` can reach `to` in the design, by which path, or why not.
pub fn reachability(design: &Design, from: &Node, to: &Node) -> Reachability {
    Graph::new(design).reachability(from, to)
}

/// Many reachability questions about one design, with the engine's lookups
/// built once (the exporters' `verify.sh` asks one per intent and per
/// candidate subnet of its ends).
pub struct Reachabilities<'d> {
    graph: Graph<'d>,
}

impl<'d> Reachabilities<'d> {
    pub fn new(design: &'d Design) -> Reachabilities<'d> {
        Reachabilities {
            graph: Graph::new(design),
        }
    }

    /// [`reachability`], answered from the lookups built once.
    pub fn get(&self, from: &Node, to: &Node) -> Reachability {
        self.graph.reachability(from, to)
    }
}

/// A node resolved in the design.
#[derive(Clone, Copy)]
pub(crate) enum Place<'d> {
    Vpc(&'d Vpc),
    Subnet(&'d Vpc, &'d Subnet),
    Service(&'d Service),
}

/// One end of a peering hop: a VPC, narrowed to some of its subnets (empty
/// means the VPC as a whole).
struct Side<'d> {
    vpc: &'d Vpc,
    subnets: Vec<&'d Subnet>,
}

impl<'d> Side<'d> {
    fn of(place: Place<'d>) -> Option<Side<'d>> {
        match place {
            Place::Vpc(vpc) => Some(Side {
                vpc,
                subnets: Vec::new(),
            }),
            Place::Subnet(vpc, subnet) => Some(Side {
                vpc,
                subnets: vec![subnet],
            }),
            Place::Service(_) => None,
        }
    }

    /// The address ranges of the side: its subnets' CIDRs, or the VPC's.
    fn ranges(&self) -> Vec<IpNet> {
        if self.subnets.is_empty() {
            self.vpc.cidrs().collect()
        } else {
            self.subnets
                .iter()
                .flat_map(|subnet| subnet.cidrs())
                .collect()
        }
    }

    fn subject_list(&self) -> Vec<Subject> {
        let mut subjects = vec![Subject::Vpc(self.vpc.id.clone())];
        subjects.extend(
            self.subnets
                .iter()
                .map(|subnet| Subject::Subnet(subnet.id.clone())),
        );
        subjects
    }
}

/// The design with the lookups the engine needs, built once per question or
/// matrix. The advisor uses it too.
pub(crate) struct Graph<'d> {
    pub(crate) index: DesignIndex<'d>,
    interfaces: HashMap<&'d VpcId, Vec<(&'d Link, &'d InterfaceEndpoint)>>,
    gateways: HashMap<&'d VpcId, Vec<(&'d Link, &'d GatewayEndpoint)>>,
    provided: HashMap<&'d VpcId, Vec<(&'d Service, &'d EndpointService)>>,
}

type Path = Vec<Hop>;
