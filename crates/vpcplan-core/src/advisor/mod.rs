//! The link advisor: for two nodes a user picks, which of the three links
//! (VPC peering, interface endpoint, gateway endpoint) AWS allows between
//! them, why or why not, and which one to choose.
//!
//! Every verdict names the catalogue rule behind it and the concrete values
//! (CIDRs, Regions, accounts, link ids), in English and Japanese. Links are
//! made from the consuming VPC, so a service picked first is advised on as
//! the second node.

use crate::LinkKind;
use crate::catalogue::{self, GATEWAY_SERVICES};
use crate::design::{Design, EndpointService, Link, Peering, Service, ServiceKind, Vpc};
use crate::diagnostic::{Localized, Subject};
use crate::reachability::{
    Graph, Node, Place, Reason, cross_region_blockers, dangling, endpoint_target, format_overlaps,
    gateway_only_blocker, gateway_only_for, gateway_other_region, overlapping_cidrs,
    principals_allow,
};

// Peerings per VPC by default (L-7E9ECCDB) and the most AWS allows: the
// limits PEER-011 checks, read from the rule.
use crate::rules::{PEERING_QUOTA_DEFAULT, PEERING_QUOTA_MAX};
// From this many VPCs in one peering graph, or peerings on one VPC, the
// advisor points to Transit Gateway: where PEER-017 turns into a warning.
use crate::rules::PEERING_MESH_WARN_FROM as TRANSIT_GATEWAY_THRESHOLD;

mod services;
mod vpcs;

/// Whether one kind of link is allowed between the pair, why not, and what
/// to know when it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAdvice {
    pub kind: LinkKind,
    /// True exactly when `blockers` is empty.
    pub allowed: bool,
    /// Why the link cannot be made.
    pub blockers: Vec<Reason>,
    /// What it gives, what it costs, and caveats that do not block it.
    pub notes: Vec<Reason>,
}

impl LinkAdvice {
    fn new(kind: LinkKind, blockers: Vec<Reason>, notes: Vec<Reason>) -> LinkAdvice {
        LinkAdvice {
            kind,
            allowed: blockers.is_empty(),
            blockers,
            notes,
        }
    }

    /// The rule ids of the blockers, for compact checks.
    pub fn blocking_rules(&self) -> Vec<Option<&'static str>> {
        self.blockers.iter().map(|reason| reason.rule).collect()
    }

    /// The rule ids of the notes.
    pub fn note_rules(&self) -> Vec<&'static str> {
        self.notes.iter().filter_map(|reason| reason.rule).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// The consuming side: the first node, or the second when the first was a service.
    pub from: Node,
    pub to: Node,
    pub peering: LinkAdvice,
    pub interface_endpoint: LinkAdvice,
    pub gateway_endpoint: LinkAdvice,
    /// The link to create, if one is allowed and the pair is not linked yet.
    pub recommended: Option<LinkKind>,
    /// Why that link, or why none.
    pub recommendation: Localized,
    /// About the pair as a whole: swapped order, links that already exist.
    pub notes: Vec<Reason>,
}

impl Advice {
    pub fn option(&self, kind: LinkKind) -> &LinkAdvice {
        match kind {
            LinkKind::Peering => &self.peering,
            LinkKind::InterfaceEndpoint => &self.interface_endpoint,
            LinkKind::GatewayEndpoint => &self.gateway_endpoint,
        }
    }

    /// The three options in `LinkKind::ALL` order.
    pub fn options(&self) -> [&LinkAdvice; 3] {
        LinkKind::ALL.map(|kind| self.option(kind))
    }
}

/// Which links AWS allows between `a` and `b`, and which to choose.
pub fn advise(design: &Design, a: &Node, b: &Node) -> Advice {
    let graph = Graph::new(design);
    Advisor { graph: &graph }.advise(a, b)
}

struct Advisor<'g, 'd> {
    graph: &'g Graph<'d>,
}

/// Advice where the same reasons block all three links.
fn nothing(from: &Node, to: &Node, reasons: Vec<Reason>, recommendation: Localized) -> Advice {
    let option = |kind| LinkAdvice::new(kind, reasons.clone(), Vec::new());
    Advice {
        from: from.clone(),
        to: to.clone(),
        peering: option(LinkKind::Peering),
        interface_endpoint: option(LinkKind::InterfaceEndpoint),
        gateway_endpoint: option(LinkKind::GatewayEndpoint),
        recommended: None,
        recommendation,
        notes: Vec::new(),
    }
}

impl<'d> Advisor<'_, 'd> {
    fn advise(&self, a: &Node, b: &Node) -> Advice {
        let (first, second) = match (self.graph.resolve(a), self.graph.resolve(b)) {
            (Ok(first), Ok(second)) => (first, second),
            (first, second) => {
                let reasons: Vec<Reason> =
                    [first.err(), second.err()].into_iter().flatten().collect();
                return nothing(
                    a,
                    b,
                    reasons,
                    Localized::new(
                        "Nothing to recommend: the design does not contain both nodes.",
                        "推奨できるものはありません: 設計に両方のノードがありません。",
                    ),
                );
            }
        };
        match (End::of(first), End::of(second)) {
            (End::Service(x), End::Service(y)) => {
                let reason = Reason::new(
                    None,
                    vec![a.subject(), b.subject()],
                    format!(
                        "{} and {} are both services: a link connects a VPC to another VPC or to a service, never two services. Connect each from the VPC that uses it.",
                        x.label(),
                        y.label()
                    ),
                    format!(
                        "{}と{}はどちらもサービスです。リンクはVPCとVPC、またはVPCとサービスをつなぐもので、サービス同士はつなげません。それぞれを利用するVPCから接続してください。",
                        x.label(),
                        y.label()
                    ),
                );
                nothing(
                    a,
                    b,
                    vec![reason],
                    Localized::new(
                        "Nothing to recommend: two services cannot be linked.",
                        "推奨できるものはありません: サービス同士はリンクできません。",
                    ),
                )
            }
            (End::Service(service), End::Vpc(vpc)) => {
                let mut advice = self.vpc_to_service(b, vpc, a, service);
                advice.notes.insert(
                    0,
                    Reason::new(
                        None,
                        vec![b.subject(), a.subject()],
                        format!(
                            "Links to a service are made from the VPC that uses it: this is the advice for {} → {}.",
                            vpc.label(),
                            service.label()
                        ),
                        format!(
                            "サービスへのリンクは、それを利用するVPCの側で作成します。以下は{} → {}の助言です。",
                            vpc.label(),
                            service.label()
                        ),
                    ),
                );
                advice
            }
            (End::Vpc(vpc), End::Service(service)) => self.vpc_to_service(a, vpc, b, service),
            (End::Vpc(x), End::Vpc(y)) => self.vpc_to_vpc(a, x, b, y),
        }
    }
}

/// A resolved node as the advisor sees it: links are made per VPC, so a
/// subnet stands for its VPC.
enum End<'d> {
    Vpc(&'d Vpc),
    Service(&'d Service),
}

impl<'d> End<'d> {
    fn of(place: Place<'d>) -> End<'d> {
        match place {
            Place::Vpc(vpc) | Place::Subnet(vpc, _) => End::Vpc(vpc),
            Place::Service(service) => End::Service(service),
        }
    }
}

fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

fn already_linked<'l>(a: &str, b: &str, links: impl Iterator<Item = &'l Link>) -> Localized {
    let ids = join(links.map(|link| link.id.as_str()));
    Localized::new(
        format!(
            "Nothing to add: {a} and {b} are already linked ({ids}). If traffic does not flow, check reachability for the routes."
        ),
        format!(
            "追加するものはありません: {a}と{b}は既にリンクされています({ids})。通信できない場合は到達性でルートを確認してください。"
        ),
    )
}

#[cfg(test)]
mod tests;
