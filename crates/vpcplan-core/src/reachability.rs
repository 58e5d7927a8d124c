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

use crate::collections::{HashMap, HashSet};
use std::collections::VecDeque;

use ipnet::IpNet;

use crate::LinkKind;
use crate::catalogue::{self, GATEWAY_SERVICES};
use crate::cidr::overlaps;
use crate::design::{
    AccountId, Design, EndpointService, EndpointTarget, GatewayEndpoint, IntentSource,
    IntentTarget, InterfaceEndpoint, Link, LinkId, Peering, RouteDestination, RouteTable,
    RouteTarget, Service, ServiceId, ServiceKind, Subnet, SubnetId, Vpc, VpcId,
};
use crate::diagnostic::{Localized, Subject};
use crate::index::DesignIndex;
use crate::regions::region_by_code;
use crate::routes::gateway_prefix_list;

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

/// One cell of the reachability matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatrixCell {
    Unreachable,
    /// Reachable through these kinds of link, in path order (empty for the
    /// node itself or a VPC reaching the endpoint service it hosts).
    Reachable {
        via: Vec<LinkKind>,
    },
}

impl MatrixCell {
    pub fn is_reachable(&self) -> bool {
        matches!(self, MatrixCell::Reachable { .. })
    }
}

/// Reachability between every pair of the design's VPCs and services: row
/// `i`, column `j` says whether `nodes[i]` reaches `nodes[j]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachabilityMatrix {
    /// The VPCs in design order, then the services in design order.
    pub nodes: Vec<Node>,
    pub cells: Vec<Vec<MatrixCell>>,
}

impl ReachabilityMatrix {
    pub fn get(&self, from: &Node, to: &Node) -> Option<&MatrixCell> {
        let row = self.nodes.iter().position(|node| node == from)?;
        let column = self.nodes.iter().position(|node| node == to)?;
        self.cells.get(row)?.get(column)
    }
}

/// The nodes of the all-pairs matrix, in its order: every VPC, then every
/// service.
pub fn matrix_nodes(design: &Design) -> Vec<Node> {
    design
        .vpcs
        .iter()
        .map(|vpc| Node::Vpc(vpc.id.clone()))
        .chain(
            design
                .services
                .iter()
                .map(|service| Node::Service(service.id.clone())),
        )
        .collect()
}

/// Reachability of every VPC and service from every other, for the UI. It
/// agrees with `reachability` on each pair.
pub fn reachability_matrix(design: &Design) -> ReachabilityMatrix {
    Graph::new(design).matrix()
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
            vpc_ranges(self.vpc)
        } else {
            self.subnets
                .iter()
                .flat_map(|subnet| {
                    subnet
                        .ipv4_cidr
                        .map(IpNet::V4)
                        .into_iter()
                        .chain(subnet.ipv6_cidr.map(IpNet::V6))
                })
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

pub(crate) fn vpc_ranges(vpc: &Vpc) -> Vec<IpNet> {
    vpc.ipv4_cidrs
        .iter()
        .copied()
        .map(IpNet::V4)
        .chain(vpc.ipv6_cidrs.iter().copied().map(IpNet::V6))
        .collect()
}

/// Every pair of overlapping ranges between two VPCs, `a`'s first.
pub(crate) fn overlapping_cidrs(a: &Vpc, b: &Vpc) -> Vec<(IpNet, IpNet)> {
    let theirs = vpc_ranges(b);
    vpc_ranges(a)
        .into_iter()
        .flat_map(|ours| {
            theirs
                .iter()
                .filter(move |other| overlaps(&ours, other))
                .map(move |&other| (ours, other))
        })
        .collect()
}

pub(crate) fn format_overlaps(pairs: &[(IpNet, IpNet)]) -> String {
    pairs
        .iter()
        .map(|(a, b)| format!("{a} ∩ {b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn vpc_label(vpc: &Vpc) -> &str {
    if vpc.name.is_empty() {
        vpc.id.as_str()
    } else {
        &vpc.name
    }
}

pub(crate) fn service_label(service: &Service) -> &str {
    if service.name.is_empty() {
        service.id.as_str()
    } else {
        &service.name
    }
}

fn subnet_label(subnet: &Subnet) -> &str {
    if subnet.name.is_empty() {
        subnet.id.as_str()
    } else {
        &subnet.name
    }
}

fn join<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn join_or<T: std::fmt::Display>(
    items: impl IntoIterator<Item = T>,
    none_en: &str,
    none_ja: &str,
) -> (String, String) {
    let text = join(items);
    if text.is_empty() {
        (none_en.to_owned(), none_ja.to_owned())
    } else {
        (text.clone(), text)
    }
}

/// The service node an interface endpoint targets, if any.
pub(crate) fn endpoint_target(endpoint: &InterfaceEndpoint) -> Option<&ServiceId> {
    match &endpoint.target {
        EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) => {
            Some(service)
        }
        EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => None,
    }
}

/// Whether an endpoint service's allowed principals let an account connect.
pub(crate) fn principals_allow(service: &EndpointService, account: &AccountId) -> bool {
    service.allowed_principals.iter().any(|principal| {
        principal == "*"
            || principal == account.as_str()
            || principal.split(':').nth(4) == Some(account.as_str())
    })
}

/// The reason a node does not resolve.
pub(crate) fn dangling(node: &Node) -> Reason {
    match node {
        Node::Vpc(vpc) => Reason::new(
            Some(DANGLING_REFERENCE),
            vec![node.subject()],
            format!("VPC {vpc} is not in the design."),
            format!("VPC {vpc} は設計にありません。"),
        ),
        Node::Subnet { vpc, subnet } => Reason::new(
            Some(DANGLING_REFERENCE),
            vec![Subject::Vpc(vpc.clone()), node.subject()],
            format!("Subnet {subnet} is not in VPC {vpc} of the design."),
            format!("サブネット{subnet}は設計のVPC {vpc} にありません。"),
        ),
        Node::Service(service) => Reason::new(
            Some(DANGLING_REFERENCE),
            vec![node.subject()],
            format!("Service {service} is not in the design."),
            format!("サービス{service}は設計にありません。"),
        ),
    }
}

/// The PL-007 obstacles to reaching `service` from an interface endpoint in
/// `consumer` when their Regions differ: different partitions, or a service
/// not offered across Regions to the consumer's Region.
pub(crate) fn cross_region_blockers(consumer: &Vpc, service: &Service) -> Vec<Reason> {
    let mut blockers = Vec::new();
    if consumer.region == service.region {
        return blockers;
    }
    let subjects = vec![
        Subject::Vpc(consumer.id.clone()),
        Subject::Service(service.id.clone()),
    ];
    let (from, to) = (&consumer.region, &service.region);
    if let (Some(a), Some(b)) = (region_by_code(from), region_by_code(to))
        && a.partition != b.partition
    {
        blockers.push(Reason::new(
            Some("PL-007"),
            subjects.clone(),
            format!(
                "Cross-Region PrivateLink works only within one partition: {from} is in `{}` and {to} in `{}`.",
                a.partition.arn_segment(),
                b.partition.arn_segment()
            ),
            format!(
                "リージョン間のPrivateLinkは同じパーティション内でのみ使えます: {from}は`{}`、{to}は`{}`です。",
                a.partition.arn_segment(),
                b.partition.arn_segment()
            ),
        ));
    }
    let name = service_label(service);
    match &service.kind {
        ServiceKind::Aws { service: suffix } => match catalogue::aws_service(suffix) {
            Some(known) if known.cross_region => {}
            Some(known) => blockers.push(Reason::new(
                Some("PL-007"),
                subjects,
                format!(
                    "{} ({suffix}) is not on the list of AWS services reachable across Regions, so {} in {from} cannot use an interface endpoint to it in {to}. Create the endpoint in a VPC in {to}.",
                    known.display_name,
                    vpc_label(consumer)
                ),
                format!(
                    "{}({suffix})はリージョン間で利用できるAWSサービスの一覧にないため、{from}の{}から{to}のこのサービスへのインターフェイスエンドポイントは作成できません。{to}のVPCにエンドポイントを作成してください。",
                    known.display_name,
                    vpc_label(consumer)
                ),
            )),
            None => blockers.push(Reason::new(
                Some("PL-007"),
                subjects,
                format!(
                    "{name} ({suffix}) is not among the AWS services vpcplan knows to be reachable across Regions, so {} in {from} cannot be assumed to reach it in {to}.",
                    vpc_label(consumer)
                ),
                format!(
                    "{name}({suffix})は、vpcplanがリージョン間で利用できると把握しているAWSサービスに含まれないため、{from}の{}から{to}のこのサービスに到達できるとは見なせません。",
                    vpc_label(consumer)
                ),
            )),
        },
        ServiceKind::EndpointService(endpoint_service) => {
            if !endpoint_service.supported_regions.contains(from) {
                let (list_en, list_ja) =
                    join_or(&endpoint_service.supported_regions, "none", "なし");
                blockers.push(Reason::new(
                    Some("PL-007"),
                    subjects,
                    format!(
                        "Endpoint service {name} in {to} does not list {from} in its supported Regions ({list_en}), so {} cannot connect to it across Regions. The provider must add {from}.",
                        vpc_label(consumer)
                    ),
                    format!(
                        "{to}のエンドポイントサービス{name}のサポート対象リージョン({list_ja})に{from}が含まれないため、{}からリージョンをまたいで接続できません。プロバイダーが{from}を追加する必要があります。",
                        vpc_label(consumer)
                    ),
                ));
            }
        }
    }
    blockers
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

impl<'d> Graph<'d> {
    pub(crate) fn new(design: &'d Design) -> Graph<'d> {
        let index = DesignIndex::new(design);
        let mut interfaces: HashMap<&'d VpcId, Vec<_>> = HashMap::default();
        for &(link, endpoint) in &index.interface_endpoints {
            interfaces
                .entry(&endpoint.vpc)
                .or_default()
                .push((link, endpoint));
        }
        let mut gateways: HashMap<&'d VpcId, Vec<_>> = HashMap::default();
        for &(link, endpoint) in &index.gateway_endpoints {
            gateways
                .entry(&endpoint.vpc)
                .or_default()
                .push((link, endpoint));
        }
        let mut provided: HashMap<&'d VpcId, Vec<_>> = HashMap::default();
        for service in &design.services {
            if let ServiceKind::EndpointService(endpoint_service) = &service.kind {
                provided
                    .entry(&endpoint_service.provider_vpc)
                    .or_default()
                    .push((service, endpoint_service));
            }
        }
        Graph {
            index,
            interfaces,
            gateways,
            provided,
        }
    }

    pub(crate) fn interfaces_in(&self, vpc: &VpcId) -> &[(&'d Link, &'d InterfaceEndpoint)] {
        self.interfaces
            .get(vpc)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub(crate) fn gateways_in(&self, vpc: &VpcId) -> &[(&'d Link, &'d GatewayEndpoint)] {
        self.gateways
            .get(vpc)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    pub(crate) fn provided_by(&self, vpc: &VpcId) -> &[(&'d Service, &'d EndpointService)] {
        self.provided
            .get(vpc)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The peerings of a VPC with another VPC (self-peerings left out), with
    /// the id of the VPC on the other side.
    pub(crate) fn peers<'a>(
        &'a self,
        vpc: &'a VpcId,
    ) -> impl Iterator<Item = (&'d Link, &'d Peering, &'d VpcId)> + 'a {
        self.index
            .peerings_of(vpc)
            .filter(|(_, peering)| peering.requester != peering.accepter)
            .map(move |(link, peering)| (link, peering, self.index.peer_of(peering, vpc)))
    }

    /// The peerings between two VPCs.
    pub(crate) fn peerings_between(&self, a: &VpcId, b: &VpcId) -> Vec<(&'d Link, &'d Peering)> {
        self.peers(a)
            .filter(|(_, _, peer)| *peer == b)
            .map(|(link, peering, _)| (link, peering))
            .collect()
    }

    /// A breadth-first search of the peering graph from `start`: each VPC
    /// reached, with the VPC it was first reached from (`start` maps to
    /// itself). Peerings to VPCs that are not in the design are skipped.
    pub(crate) fn peering_tree(&self, start: &'d VpcId) -> HashMap<&'d VpcId, &'d VpcId> {
        let mut parents = HashMap::default();
        parents.insert(start, start);
        let mut queue = VecDeque::from([start]);
        while let Some(vpc) = queue.pop_front() {
            for (_, _, peer) in self.peers(vpc) {
                if self.index.vpc(peer).is_some() && !parents.contains_key(peer) {
                    parents.insert(peer, vpc);
                    queue.push_back(peer);
                }
            }
        }
        parents
    }

    /// The VPCs from `start` to `end` in a tree from `peering_tree`.
    pub(crate) fn tree_path(
        parents: &HashMap<&'d VpcId, &'d VpcId>,
        end: &'d VpcId,
    ) -> Vec<&'d VpcId> {
        let mut path = vec![end];
        let mut current = end;
        // A tree path is never longer than the tree; the bound guards the loop.
        for _ in 0..parents.len() {
            match parents.get(current) {
                Some(&parent) if parent != current => {
                    path.push(parent);
                    current = parent;
                }
                _ => break,
            }
        }
        path.reverse();
        path
    }

    pub(crate) fn label(&self, vpc: &VpcId) -> String {
        self.index
            .vpc(vpc)
            .map_or_else(|| vpc.to_string(), |vpc| vpc_label(vpc).to_owned())
    }

    pub(crate) fn resolve(&self, node: &Node) -> Result<Place<'d>, Reason> {
        match node {
            Node::Vpc(id) => self.index.vpc(id).map(Place::Vpc),
            Node::Subnet { vpc, subnet } => self
                .index
                .subnets
                .get(subnet)
                .filter(|(owner, _)| &owner.id == vpc)
                .map(|&(owner, subnet)| Place::Subnet(owner, subnet)),
            Node::Service(id) => self.index.service(id).map(Place::Service),
        }
        .ok_or_else(|| dangling(node))
    }

    fn reachability(&self, from: &Node, to: &Node) -> Reachability {
        let (source, target) = match (self.resolve(from), self.resolve(to)) {
            (Ok(source), Ok(target)) => (source, target),
            (source, target) => {
                let reasons = [source.err(), target.err()].into_iter().flatten().collect();
                return Reachability::Unreachable { reasons };
            }
        };
        match self.connect(from, source, to, target) {
            Ok(path) => Reachability::Reachable { path },
            Err(mut reasons) => {
                self.explain(source, target, &mut reasons);
                Reachability::Unreachable { reasons }
            }
        }
    }

    fn matrix(&self) -> ReachabilityMatrix {
        let nodes = matrix_nodes(self.index.design);
        let mut positions: HashMap<&Node, usize> =
            HashMap::with_capacity_and_hasher(nodes.len(), Default::default());
        for (position, node) in nodes.iter().enumerate() {
            positions.entry(node).or_insert(position);
        }
        let mut cells = Vec::with_capacity(nodes.len());
        for (row, from) in nodes.iter().enumerate() {
            let mut line = vec![MatrixCell::Unreachable; nodes.len()];
            if let Some(cell) = line.get_mut(row) {
                *cell = MatrixCell::Reachable { via: Vec::new() };
            }
            if let Node::Vpc(id) = from
                && let Some(vpc) = self.index.vpc(id)
            {
                for candidate in self.candidates(vpc) {
                    let Some(&column) = positions.get(&candidate) else {
                        continue;
                    };
                    if column == row {
                        continue;
                    }
                    let Ok(target) = self.resolve(&candidate) else {
                        continue;
                    };
                    if let Ok(path) = self.connect(from, Place::Vpc(vpc), &candidate, target)
                        && let Some(cell) = line.get_mut(column)
                    {
                        let mut via: Vec<LinkKind> = Vec::new();
                        for kind in path.iter().filter_map(|hop| hop.kind) {
                            if !via.contains(&kind) {
                                via.push(kind);
                            }
                        }
                        *cell = MatrixCell::Reachable { via };
                    }
                }
            }
            cells.push(line);
        }
        ReachabilityMatrix { nodes, cells }
    }

    /// The nodes a VPC might reach: its peers, the services its endpoints or
    /// its peers' interface endpoints target, and the endpoint services it or
    /// its peers host. Anything else is out of reach by construction.
    fn candidates(&self, vpc: &'d Vpc) -> HashSet<Node> {
        let mut candidates = HashSet::default();
        let add_services_of = |candidates: &mut HashSet<Node>, vpc: &VpcId| {
            for (_, endpoint) in self.interfaces_in(vpc) {
                if let Some(service) = endpoint_target(endpoint) {
                    candidates.insert(Node::Service(service.clone()));
                }
            }
            for (service, _) in self.provided_by(vpc) {
                candidates.insert(Node::Service(service.id.clone()));
            }
        };
        add_services_of(&mut candidates, &vpc.id);
        for (_, endpoint) in self.gateways_in(&vpc.id) {
            candidates.insert(Node::Service(endpoint.service.clone()));
        }
        for (_, _, peer) in self.peers(&vpc.id) {
            candidates.insert(Node::Vpc(peer.clone()));
            add_services_of(&mut candidates, peer);
        }
        candidates
    }

    /// The first working path from `from` to `to`, or every reason each
    /// candidate path fails. Context that needs a search of the whole
    /// peering graph is left to `explain`.
    fn connect(
        &self,
        from: &Node,
        source: Place<'d>,
        to: &Node,
        target: Place<'d>,
    ) -> Result<Path, Vec<Reason>> {
        if from == to {
            return Ok(Vec::new());
        }
        let Some(source_side) = Side::of(source) else {
            let name = match source {
                Place::Service(service) => service_label(service),
                _ => "",
            };
            return Err(vec![Reason::new(
                None,
                vec![from.subject()],
                format!(
                    "{name} is a service: endpoints carry connections from a consumer VPC to the service, never from the service out."
                ),
                format!(
                    "{name}はサービスです。エンドポイントはコンシューマーVPCからサービスへの接続を運ぶだけで、サービスから外へ向かう接続は運びません。"
                ),
            )]);
        };
        match target {
            Place::Service(service) => self.connect_to_service(from, &source_side, to, service),
            Place::Vpc(_) | Place::Subnet(..) => {
                let Some(target_side) = Side::of(target) else {
                    return Err(Vec::new());
                };
                if source_side.vpc.id == target_side.vpc.id {
                    let vpc = source_side.vpc;
                    let cidrs = join(vpc_ranges(vpc));
                    return Ok(vec![Hop {
                        from: from.clone(),
                        to: to.clone(),
                        link: None,
                        kind: None,
                        via: Localized::new(
                            format!("the local route of {} ({cidrs})", vpc_label(vpc)),
                            format!("{}のローカルルート({cidrs})", vpc_label(vpc)),
                        ),
                        notes: Vec::new(),
                    }]);
                }
                let mut reasons = Vec::new();
                for (link, peering) in
                    self.peerings_between(&source_side.vpc.id, &target_side.vpc.id)
                {
                    match self.check_peering(link, peering, &source_side, &target_side) {
                        Ok(hop_via) => {
                            return Ok(vec![Hop {
                                from: from.clone(),
                                to: to.clone(),
                                link: Some(link.id.clone()),
                                kind: Some(LinkKind::Peering),
                                via: hop_via,
                                notes: Vec::new(),
                            }]);
                        }
                        Err(found) => reasons.extend(found),
                    }
                }
                Err(reasons)
            }
        }
    }

    fn connect_to_service(
        &self,
        from: &Node,
        source: &Side<'d>,
        to: &Node,
        service: &'d Service,
    ) -> Result<Path, Vec<Reason>> {
        let mut reasons = Vec::new();
        let home = source.vpc;
        let hop = |from: Node, link: Option<&Link>, kind, via, notes| Hop {
            from,
            to: to.clone(),
            link: link.map(|link| link.id.clone()),
            kind,
            via,
            notes,
        };
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind
            && endpoint_service.provider_vpc == home.id
        {
            return Ok(vec![hop(
                from.clone(),
                None,
                None,
                provider_via(home, service, endpoint_service),
                Vec::new(),
            )]);
        }
        for &(link, endpoint) in self.interfaces_in(&home.id) {
            if endpoint_target(endpoint) != Some(&service.id) {
                continue;
            }
            match self.check_interface(link, endpoint, home, service) {
                Ok((via, notes)) => {
                    return Ok(vec![hop(
                        from.clone(),
                        Some(link),
                        Some(LinkKind::InterfaceEndpoint),
                        via,
                        notes,
                    )]);
                }
                Err(found) => reasons.extend(found),
            }
        }
        for &(link, endpoint) in self.gateways_in(&home.id) {
            if endpoint.service != service.id {
                continue;
            }
            match self.check_gateway(link, endpoint, home, source, service) {
                Ok(via) => {
                    return Ok(vec![hop(
                        from.clone(),
                        Some(link),
                        Some(LinkKind::GatewayEndpoint),
                        via,
                        Vec::new(),
                    )]);
                }
                Err(found) => reasons.extend(found),
            }
        }
        for (peering_link, peering, peer_id) in self.peers(&home.id) {
            let Some(peer) = self.index.vpc(peer_id) else {
                continue;
            };
            let peer_node = Node::Vpc(peer.id.clone());
            let peering_hop = |via: Localized| Hop {
                from: from.clone(),
                to: peer_node.clone(),
                link: Some(peering_link.id.clone()),
                kind: Some(LinkKind::Peering),
                via,
                notes: Vec::new(),
            };
            for &(link, endpoint) in self.interfaces_in(&peer.id) {
                if endpoint_target(endpoint) != Some(&service.id) {
                    continue;
                }
                let endpoint_side = Side {
                    vpc: peer,
                    subnets: resolve_subnets(peer, &endpoint.subnets),
                };
                let over_peering =
                    self.check_peering(peering_link, peering, source, &endpoint_side);
                let through_endpoint = self.check_interface(link, endpoint, peer, service);
                match (over_peering, through_endpoint) {
                    (Ok(peering_via), Ok((via, mut notes))) => {
                        notes.push(peer_interface_note(link, endpoint, home, peer, service));
                        return Ok(vec![
                            peering_hop(peering_via),
                            hop(
                                peer_node.clone(),
                                Some(link),
                                Some(LinkKind::InterfaceEndpoint),
                                via,
                                notes,
                            ),
                        ]);
                    }
                    (first, second) => {
                        reasons.extend(first.err().into_iter().flatten());
                        reasons.extend(second.err().into_iter().flatten());
                    }
                }
            }
            if let ServiceKind::EndpointService(endpoint_service) = &service.kind
                && endpoint_service.provider_vpc == peer.id
            {
                let provider_side = Side {
                    vpc: peer,
                    subnets: Vec::new(),
                };
                match self.check_peering(peering_link, peering, source, &provider_side) {
                    Ok(peering_via) => {
                        return Ok(vec![
                            peering_hop(peering_via),
                            hop(
                                peer_node.clone(),
                                None,
                                None,
                                provider_via(peer, service, endpoint_service),
                                Vec::new(),
                            ),
                        ]);
                    }
                    Err(found) => reasons.extend(found),
                }
            }
        }
        Err(reasons)
    }

    /// Whether a peering carries traffic between two sides: no CIDR overlap,
    /// a route to the target through it on the source side, and a route back
    /// on the target side (PEER-001, PEER-007).
    fn check_peering(
        &self,
        link: &'d Link,
        peering: &'d Peering,
        source: &Side<'d>,
        target: &Side<'d>,
    ) -> Result<Localized, Vec<Reason>> {
        let (a, b) = (source.vpc, target.vpc);
        let overlapping = overlapping_cidrs(a, b);
        if !overlapping.is_empty() {
            let pairs = format_overlaps(&overlapping);
            return Err(vec![Reason::new(
                Some("PEER-001"),
                vec![
                    Subject::Link(link.id.clone()),
                    Subject::Vpc(a.id.clone()),
                    Subject::Vpc(b.id.clone()),
                ],
                format!(
                    "Peering {} between {} and {} cannot carry traffic: their CIDRs overlap ({pairs}), so AWS refuses the peering.",
                    link.id,
                    vpc_label(a),
                    vpc_label(b)
                ),
                format!(
                    "{}と{}のピアリング{}は通信を運べません: CIDRが重複しているため({pairs})、AWSはこのピアリングを拒否します。",
                    vpc_label(a),
                    vpc_label(b),
                    link.id
                ),
            )]);
        }
        let mut reasons = Vec::new();
        let forward = self.peering_route(link, source, target);
        let back = self.peering_route(link, target, source);
        let forward_table = match forward {
            Ok(table) => Some(table),
            Err(missing) => {
                reasons.push(self.missing_route(link, peering, source, target, &missing, true));
                None
            }
        };
        if let Err(missing) = back {
            reasons.push(self.missing_route(link, peering, target, source, &missing, false));
        }
        match forward_table {
            Some(table) if reasons.is_empty() => Ok(Localized::new(
                format!(
                    "VPC peering {} between {} and {} (route table {} of {})",
                    link.id,
                    vpc_label(a),
                    vpc_label(b),
                    table.id,
                    vpc_label(a)
                ),
                format!(
                    "{}と{}のVPCピアリング{}({}のルートテーブル{})",
                    vpc_label(a),
                    vpc_label(b),
                    link.id,
                    vpc_label(a),
                    table.id
                ),
            )),
            _ => Err(reasons),
        }
    }

    /// The route table of `local` that routes some of `remote`'s addresses
    /// through the peering, or the tables that were searched in vain.
    fn peering_route(
        &self,
        link: &Link,
        local: &Side<'d>,
        remote: &Side<'d>,
    ) -> Result<&'d RouteTable, Vec<&'d RouteTable>> {
        let tables = self.side_tables(local);
        let ranges = remote.ranges();
        tables
            .iter()
            .copied()
            .find(|table| {
                self.index.routes_of(&table.id).iter().any(|route| {
                    matches!(&route.target, RouteTarget::Peering(id) if id == &link.id)
                        && destination_overlaps(route.destination, &ranges)
                })
            })
            .ok_or(tables)
    }

    fn missing_route(
        &self,
        link: &Link,
        peering: &Peering,
        local: &Side<'d>,
        remote: &Side<'d>,
        tables: &[&'d RouteTable],
        forward: bool,
    ) -> Reason {
        let ranges = join(remote.ranges());
        let ranges = if ranges.is_empty() {
            "(no CIDR)".to_owned()
        } else {
            ranges
        };
        let vpc = vpc_label(local.vpc);
        let (where_en, where_ja) = match (tables, local.subnets.as_slice()) {
            ([], _) => (
                format!("{vpc} has no route table for it"),
                format!("{vpc}にはそのためのルートテーブルがありません"),
            ),
            ([table], [subnet]) => (
                format!(
                    "route table {} of {vpc} (serving subnet {}) has no route to {ranges} through {}",
                    table.id,
                    subnet_label(subnet),
                    link.id
                ),
                format!(
                    "{vpc}のルートテーブル{}(サブネット{}用)に、{}経由の{ranges}へのルートがありません",
                    table.id,
                    subnet_label(subnet),
                    link.id
                ),
            ),
            (tables, _) => {
                let ids = join(tables.iter().map(|table| &table.id));
                (
                    format!(
                        "no route table of {vpc} in use ({ids}) has a route to {ranges} through {}",
                        link.id
                    ),
                    format!(
                        "{vpc}で使われているルートテーブル({ids})のどれにも、{}経由の{ranges}へのルートがありません",
                        link.id
                    ),
                )
            }
        };
        let excluded: Vec<&RouteTable> = tables
            .iter()
            .copied()
            .filter(|table| peering.excluded_route_tables.contains(&table.id))
            .collect();
        let (excluded_en, excluded_ja) = if excluded.is_empty() {
            (String::new(), String::new())
        } else {
            let ids = join(excluded.iter().map(|table| &table.id));
            (
                format!(" (the peering's routes are excluded from {ids})"),
                format!("(ピアリングのルートは{ids}から除外されています)"),
            )
        };
        let peer = vpc_label(remote.vpc);
        let (en, ja) = if forward {
            (
                format!(
                    "Forward route missing: {where_en}{excluded_en}, so traffic from {vpc} to {peer} has nowhere to go."
                ),
                format!(
                    "往路のルートがありません: {where_ja}{excluded_ja}。そのため{vpc}から{peer}への通信は転送されません。"
                ),
            )
        } else {
            (
                format!(
                    "Return route missing: {where_en}{excluded_en}, so replies to {peer} are dropped. Each VPC owner must route the peer's CIDR through the peering."
                ),
                format!(
                    "復路のルートがありません: {where_ja}{excluded_ja}。そのため{peer}への応答は破棄されます。各VPCの所有者がピアのCIDRへのルートをピアリング経由で追加する必要があります。"
                ),
            )
        };
        let mut subjects = vec![Subject::Link(link.id.clone())];
        subjects.extend(local.subject_list());
        subjects.extend(
            tables
                .iter()
                .map(|table| Subject::RouteTable(table.id.clone())),
        );
        Reason::new(Some("PEER-007"), subjects, en, ja)
    }

    /// The route tables that serve a side: its subnets' tables, or, for a
    /// whole VPC, the tables serving any of its subnets (all of its tables
    /// while it has no subnets yet).
    fn side_tables(&self, side: &Side<'d>) -> Vec<&'d RouteTable> {
        let vpc = side.vpc;
        let subnets: Vec<&SubnetId> = if side.subnets.is_empty() {
            if vpc.subnets.is_empty() {
                return vpc.route_tables.iter().collect();
            }
            vpc.subnets.iter().map(|subnet| &subnet.id).collect()
        } else {
            side.subnets.iter().map(|subnet| &subnet.id).collect()
        };
        let mut tables: Vec<&'d RouteTable> = Vec::new();
        for subnet in subnets {
            if let Some(table) = self.index.route_table_of_subnet(vpc, subnet)
                && !tables.iter().any(|known| known.id == table.id)
            {
                tables.push(table);
            }
        }
        tables
    }

    /// Whether an interface endpoint in `host` reaches `service`, with how
    /// and its caveats, or why not.
    fn check_interface(
        &self,
        link: &Link,
        endpoint: &InterfaceEndpoint,
        host: &'d Vpc,
        service: &'d Service,
    ) -> Result<(Localized, Vec<Reason>), Vec<Reason>> {
        let mut blockers = Vec::new();
        let mut notes = Vec::new();
        let name = service_label(service);
        let link_subjects = || {
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(host.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        let subnets = resolve_subnets(host, &endpoint.subnets);
        if subnets.is_empty() {
            blockers.push(if endpoint.subnets.is_empty() {
                Reason::new(
                    None,
                    link_subjects(),
                    format!(
                        "Interface endpoint {} has no subnet, so it has no network interface to send traffic to.",
                        link.id
                    ),
                    format!(
                        "インターフェイスエンドポイント{}にはサブネットがないため、通信先となるネットワークインターフェイスがありません。",
                        link.id
                    ),
                )
            } else {
                Reason::new(
                    Some(DANGLING_REFERENCE),
                    link_subjects(),
                    format!(
                        "None of the subnets of interface endpoint {} ({}) is in {}.",
                        link.id,
                        join(&endpoint.subnets),
                        vpc_label(host)
                    ),
                    format!(
                        "インターフェイスエンドポイント{}のサブネット({})はどれも{}にありません。",
                        link.id,
                        join(&endpoint.subnets),
                        vpc_label(host)
                    ),
                )
            });
        }
        let cross_region = host.region != service.region;
        if cross_region {
            blockers.extend(cross_region_blockers(host, service));
            if endpoint.service_region.as_deref() != Some(service.region.as_str()) {
                let set = endpoint.service_region.as_deref().unwrap_or("unset");
                blockers.push(Reason::new(
                    Some("PL-007"),
                    link_subjects(),
                    format!(
                        "Interface endpoint {} in {} reaches {name} in {} only with ServiceRegion={}; it is {set}.",
                        link.id, host.region, service.region, service.region
                    ),
                    format!(
                        "{}のインターフェイスエンドポイント{}が{}の{name}に到達するにはServiceRegion={}が必要ですが、現在は{set}です。",
                        host.region, link.id, service.region, service.region
                    ),
                ));
            }
        }
        match &service.kind {
            ServiceKind::Aws { service: suffix } => {
                if let Some(known) = catalogue::aws_service(suffix)
                    && !known.interface_endpoint
                {
                    blockers.push(Reason::new(
                        None,
                        link_subjects(),
                        format!(
                            "{} ({suffix}) has no interface endpoint; it is reached only through a gateway endpoint.",
                            known.display_name
                        ),
                        format!(
                            "{}({suffix})にはインターフェイスエンドポイントがなく、ゲートウェイエンドポイントでのみ到達できます。",
                            known.display_name
                        ),
                    ));
                }
            }
            ServiceKind::EndpointService(endpoint_service) => {
                match self.index.vpc(&endpoint_service.provider_vpc) {
                    None => {
                        blockers.push(dangling(&Node::Vpc(endpoint_service.provider_vpc.clone())))
                    }
                    Some(provider) if provider.account != host.account => {
                        if !principals_allow(endpoint_service, &host.account) {
                            let (allowed_en, allowed_ja) =
                                join_or(&endpoint_service.allowed_principals, "none", "なし");
                            blockers.push(Reason::new(
                                Some("PL-009"),
                                link_subjects(),
                                format!(
                                    "Endpoint service {name} does not allow account {}: its allowed principals ({}) must include arn:aws:iam::{}:root.",
                                    host.account,
                                    allowed_en,
                                    host.account
                                ),
                                format!(
                                    "エンドポイントサービス{name}はアカウント{}を許可していません: 許可されたプリンシパル({})にarn:aws:iam::{}:rootを追加する必要があります。",
                                    host.account,
                                    allowed_ja,
                                    host.account
                                ),
                            ));
                        } else if endpoint_service.acceptance_required {
                            notes.push(acceptance_note(link, service, provider));
                        }
                    }
                    Some(provider) => {
                        if endpoint_service.acceptance_required {
                            notes.push(acceptance_note(link, service, provider));
                        }
                    }
                }
            }
        }
        if !blockers.is_empty() {
            return Err(blockers);
        }
        let names = join(subnets.iter().map(|subnet| subnet_label(subnet)));
        let (region_en, region_ja) = if cross_region {
            (
                format!(", cross-Region to {}", service.region),
                format!("、{}へのリージョン間接続", service.region),
            )
        } else {
            (String::new(), String::new())
        };
        Ok((
            Localized::new(
                format!(
                    "interface endpoint {}: network interfaces in subnets {names} of {}{region_en}",
                    link.id,
                    vpc_label(host)
                ),
                format!(
                    "インターフェイスエンドポイント{}: {}のサブネット{names}にあるネットワークインターフェイス{region_ja}",
                    link.id,
                    vpc_label(host)
                ),
            ),
            notes,
        ))
    }

    /// Whether a gateway endpoint of `host` serves the source side: the right
    /// service, the same Region, and a route table of the side associated.
    fn check_gateway(
        &self,
        link: &Link,
        endpoint: &GatewayEndpoint,
        host: &'d Vpc,
        source: &Side<'d>,
        service: &'d Service,
    ) -> Result<Localized, Vec<Reason>> {
        let mut blockers = Vec::new();
        let subjects = || {
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(host.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        let suffix = match &service.kind {
            ServiceKind::Aws { service: suffix } if GATEWAY_SERVICES.contains(&suffix.as_str()) => {
                Some(suffix)
            }
            _ => {
                blockers.push(gateway_only_for(service, subjects()));
                None
            }
        };
        if service.region != host.region {
            blockers.push(gateway_other_region(host, service, subjects()));
        }
        let Some(suffix) = suffix.filter(|_| blockers.is_empty()) else {
            return Err(blockers);
        };
        let tables = self.side_tables(source);
        let used = tables.iter().find(|table| {
            self.index.routes_of(&table.id).iter().any(
                |route| matches!(&route.target, RouteTarget::GatewayEndpoint(id) if id == &link.id),
            )
        });
        let prefix_list = gateway_prefix_list(suffix, &host.region);
        if let Some(table) = used {
            return Ok(Localized::new(
                format!(
                    "gateway endpoint {} via route table {} (prefix list {prefix_list})",
                    link.id, table.id
                ),
                format!(
                    "ルートテーブル{}経由のゲートウェイエンドポイント{}(プレフィックスリスト{prefix_list})",
                    table.id, link.id
                ),
            ));
        }
        let (associated_en, associated_ja) = join_or(&endpoint.route_tables, "none", "なし");
        let vpc = vpc_label(host);
        let (en, ja) = match (tables.as_slice(), source.subnets.as_slice()) {
            ([table], [subnet]) => (
                format!(
                    "Subnet {} uses route table {}, which gateway endpoint {} is not associated with (its route tables: {associated_en}). Only subnets whose route tables are associated use a gateway endpoint.",
                    subnet_label(subnet),
                    table.id,
                    link.id
                ),
                format!(
                    "サブネット{}はルートテーブル{}を使っていますが、ゲートウェイエンドポイント{}はこのテーブルに関連付けられていません(関連付け: {associated_ja})。ゲートウェイエンドポイントを使えるのは、ルートテーブルが関連付けられたサブネットだけです。",
                    subnet_label(subnet),
                    table.id,
                    link.id
                ),
            ),
            (tables, _) => {
                let (in_use_en, in_use_ja) =
                    join_or(tables.iter().map(|table| &table.id), "none", "なし");
                (
                    format!(
                        "Gateway endpoint {} is associated with none of the route tables in use in {vpc} ({in_use_en}; its route tables: {associated_en}). Only subnets whose route tables are associated use a gateway endpoint.",
                        link.id
                    ),
                    format!(
                        "ゲートウェイエンドポイント{}は、{vpc}で使われているルートテーブル({in_use_ja})のどれにも関連付けられていません(関連付け: {associated_ja})。ゲートウェイエンドポイントを使えるのは、ルートテーブルが関連付けられたサブネットだけです。",
                        link.id
                    ),
                )
            }
        };
        let mut subjects = subjects();
        subjects.extend(source.subnets.iter().map(|s| Subject::Subnet(s.id.clone())));
        subjects.extend(tables.iter().map(|t| Subject::RouteTable(t.id.clone())));
        Err(vec![Reason::new(Some("GW-005"), subjects, en, ja)])
    }

    /// Adds the reasons that need a look beyond the candidate paths: a path
    /// only through other VPCs (PEER-003), a gateway endpoint in a peer
    /// (PEER-005), or no link at all.
    fn explain(&self, source: Place<'d>, target: Place<'d>, reasons: &mut Vec<Reason>) {
        let Some(source_side) = Side::of(source) else {
            return;
        };
        let home = source_side.vpc;
        match target {
            Place::Vpc(_) | Place::Subnet(..) => {
                let Some(target_side) = Side::of(target) else {
                    return;
                };
                let other = target_side.vpc;
                if self.peerings_between(&home.id, &other.id).is_empty() {
                    let tree = self.peering_tree(&home.id);
                    if tree.contains_key(&other.id) {
                        reasons.push(self.not_transitive(&tree, home, &other.id, None));
                    } else {
                        reasons.push(Reason::new(
                            None,
                            vec![Subject::Vpc(home.id.clone()), Subject::Vpc(other.id.clone())],
                            format!(
                                "Nothing links {} and {}: there is no VPC peering between them, directly or through other VPCs.",
                                vpc_label(home),
                                vpc_label(other)
                            ),
                            format!(
                                "{}と{}をつなぐものがありません: 直接にも他のVPC経由でもVPCピアリングがありません。",
                                vpc_label(home),
                                vpc_label(other)
                            ),
                        ));
                    }
                }
            }
            Place::Service(service) => {
                for (peering_link, _, peer) in self.peers(&home.id) {
                    for (link, endpoint) in self.gateways_in(peer) {
                        if endpoint.service == service.id {
                            reasons.push(peer_gateway_reason(
                                link,
                                peering_link,
                                home,
                                &self.label(peer),
                                peer,
                                service,
                            ));
                        }
                    }
                }
                let tree = self.peering_tree(&home.id);
                let mut hosts: Vec<&'d VpcId> = self
                    .index
                    .interface_endpoints
                    .iter()
                    .filter(|(_, endpoint)| endpoint_target(endpoint) == Some(&service.id))
                    .map(|(_, endpoint)| &endpoint.vpc)
                    .collect();
                if let ServiceKind::EndpointService(endpoint_service) = &service.kind {
                    hosts.push(&endpoint_service.provider_vpc);
                }
                let mut seen = HashSet::default();
                for host in hosts {
                    if host == &home.id || !seen.insert(host) {
                        continue;
                    }
                    let direct = self.peers(&home.id).any(|(_, _, peer)| peer == host);
                    if !direct && tree.contains_key(host) {
                        reasons.push(self.not_transitive(&tree, home, host, Some(service)));
                    }
                }
            }
        }
        if reasons.is_empty()
            && let Place::Service(service) = target
        {
            reasons.push(Reason::new(
                    None,
                    vec![Subject::Vpc(home.id.clone()), Subject::Service(service.id.clone())],
                    format!(
                        "Nothing links {} to {}: {} has no endpoint for it, and no peered VPC has an interface endpoint to it.",
                        vpc_label(home),
                        service_label(service),
                        vpc_label(home)
                    ),
                    format!(
                        "{}から{}へつなぐものがありません: {}にこのサービスのエンドポイントがなく、ピアリング先のVPCにもこのサービスへのインターフェイスエンドポイントがありません。",
                        vpc_label(home),
                        service_label(service),
                        vpc_label(home)
                    ),
                ));
        }
    }

    fn not_transitive(
        &self,
        tree: &HashMap<&'d VpcId, &'d VpcId>,
        home: &Vpc,
        end: &'d VpcId,
        service: Option<&Service>,
    ) -> Reason {
        let path = Graph::tree_path(tree, end);
        let chain = path
            .iter()
            .map(|vpc| self.label(vpc))
            .collect::<Vec<_>>()
            .join(" → ");
        let middle = join(
            path.iter()
                .skip(1)
                .take(path.len().saturating_sub(2))
                .map(|vpc| self.label(vpc)),
        );
        let mut subjects: Vec<Subject> = path
            .iter()
            .map(|vpc| Subject::Vpc((*vpc).clone()))
            .collect();
        let (a, c) = (vpc_label(home), self.label(end));
        let (en, ja) = match service {
            None => (
                format!(
                    "VPC peering is not transitive: {a} reaches {c} only through {middle} ({chain}). Add a direct {a}–{c} peering, or use Transit Gateway or Cloud WAN."
                ),
                format!(
                    "VPCピアリングは推移的ではありません: {a}から{c}へは{middle}を経由する経路しかありません({chain})。{a}と{c}を直接ピアリングするか、Transit GatewayまたはCloud WANを使ってください。"
                ),
            ),
            Some(service) => {
                subjects.push(Subject::Service(service.id.clone()));
                let s = service_label(service);
                (
                    format!(
                        "{c} can reach {s}, but {a} reaches {c} only through {middle} ({chain}), and VPC peering is not transitive. Peer {a} with {c} directly, or create an endpoint in {a}."
                    ),
                    format!(
                        "{c}は{s}に到達できますが、{a}から{c}へは{middle}を経由する経路しかなく({chain})、VPCピアリングは推移的ではありません。{a}と{c}を直接ピアリングするか、{a}にエンドポイントを作成してください。"
                    ),
                )
            }
        };
        Reason::new(Some("PEER-003"), subjects, en, ja)
    }
}

fn resolve_subnets<'d>(vpc: &'d Vpc, ids: &[SubnetId]) -> Vec<&'d Subnet> {
    ids.iter()
        .filter_map(|id| vpc.subnets.iter().find(|subnet| &subnet.id == id))
        .collect()
}

fn destination_overlaps(destination: &RouteDestination, ranges: &[IpNet]) -> bool {
    let destination = match destination {
        RouteDestination::Ipv4(net) => IpNet::V4(*net),
        RouteDestination::Ipv6(net) => IpNet::V6(*net),
        RouteDestination::PrefixList(_) => return false,
    };
    ranges.iter().any(|range| overlaps(&destination, range))
}

fn provider_via(vpc: &Vpc, service: &Service, endpoint_service: &EndpointService) -> Localized {
    let balancers = join(
        endpoint_service
            .network_load_balancers
            .iter()
            .chain(&endpoint_service.gateway_load_balancers)
            .map(|balancer| &balancer.name),
    );
    Localized::new(
        format!(
            "directly to the load balancers of endpoint service {} ({balancers}) in {}",
            service_label(service),
            vpc_label(vpc)
        ),
        format!(
            "{}にあるエンドポイントサービス{}のロードバランサー({balancers})へ直接",
            vpc_label(vpc),
            service_label(service)
        ),
    )
}

fn acceptance_note(link: &Link, service: &Service, provider: &Vpc) -> Reason {
    Reason::new(
        Some("PL-009"),
        vec![
            Subject::Link(link.id.clone()),
            Subject::Service(service.id.clone()),
        ],
        format!(
            "Endpoint service {} requires acceptance: endpoint {} stays pendingAcceptance until the owner of {} accepts it.",
            service_label(service),
            link.id,
            vpc_label(provider)
        ),
        format!(
            "エンドポイントサービス{}は承諾が必要です: {}の所有者が承諾するまで、エンドポイント{}はpendingAcceptanceのままです。",
            service_label(service),
            vpc_label(provider),
            link.id
        ),
    )
}

fn peer_interface_note(
    link: &Link,
    endpoint: &InterfaceEndpoint,
    home: &Vpc,
    peer: &Vpc,
    service: &Service,
) -> Reason {
    let dns_en = if endpoint.private_dns {
        format!(
            "its private DNS name for {} resolves to it only inside {}",
            service_label(service),
            vpc_label(peer)
        )
    } else {
        "it has no private DNS name".to_owned()
    };
    let dns_ja = if endpoint.private_dns {
        format!(
            "{}のプライベートDNS名がこのエンドポイントに解決されるのは{}の中だけです",
            service_label(service),
            vpc_label(peer)
        )
    } else {
        "プライベートDNS名はありません".to_owned()
    };
    Reason::new(
        Some("PEER-006"),
        vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(home.id.clone()),
            Subject::Vpc(peer.id.clone()),
        ],
        format!(
            "Interface endpoint {} is in peered VPC {}, and {dns_en}. From {}, use the endpoint-specific DNS name or a private hosted zone associated with {}.",
            link.id,
            vpc_label(peer),
            vpc_label(home),
            vpc_label(home)
        ),
        format!(
            "インターフェイスエンドポイント{}はピアリング先のVPC {}にあり、{dns_ja}。{}からはエンドポイント固有のDNS名を使うか、{}に関連付けたプライベートホストゾーンを使ってください。",
            link.id,
            vpc_label(peer),
            vpc_label(home),
            vpc_label(home)
        ),
    )
}

fn peer_gateway_reason(
    link: &Link,
    peering: &Link,
    home: &Vpc,
    peer_label: &str,
    peer: &VpcId,
    service: &Service,
) -> Reason {
    let (a, s) = (vpc_label(home), service_label(service));
    Reason::new(
        Some("PEER-005"),
        vec![
            Subject::Link(link.id.clone()),
            Subject::Link(peering.id.clone()),
            Subject::Vpc(home.id.clone()),
            Subject::Vpc(peer.clone()),
            Subject::Service(service.id.clone()),
        ],
        format!(
            "Gateway endpoint {} to {s} is in {peer_label}, and gateway endpoints cannot be used across peering {} (GW-003: their connections do not extend out of the VPC). Create a gateway endpoint in {a}, or use an interface endpoint.",
            link.id, peering.id
        ),
        format!(
            "{s}へのゲートウェイエンドポイント{}は{peer_label}にあり、ゲートウェイエンドポイントはピアリング{}越しには使えません(GW-003: 接続はVPCの外に延長できません)。{a}にゲートウェイエンドポイントを作成するか、インターフェイスエンドポイントを使ってください。",
            link.id, peering.id
        ),
    )
}

/// GW-001: gateway endpoints exist only for S3, DynamoDB and S3 Express.
pub(crate) fn gateway_only_for(service: &Service, subjects: Vec<Subject>) -> Reason {
    let name = service_label(service);
    Reason::new(
        Some("GW-001"),
        subjects,
        format!(
            "Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); {name} needs an interface endpoint."
        ),
        format!(
            "ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。{name}にはインターフェイスエンドポイントを使ってください。"
        ),
    )
}

/// GW-002: a gateway endpoint reaches its service only in the VPC's Region.
pub(crate) fn gateway_other_region(vpc: &Vpc, service: &Service, subjects: Vec<Subject>) -> Reason {
    Reason::new(
        Some("GW-002"),
        subjects,
        format!(
            "Gateway endpoints work only within the VPC's Region: {} is in {}, {} in {}. Use an interface endpoint (cross-Region where the service allows it) or a VPC in {}.",
            vpc_label(vpc),
            vpc.region,
            service_label(service),
            service.region,
            service.region
        ),
        format!(
            "ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: {}は{}、{}は{}にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、{}のVPCから接続してください。",
            vpc_label(vpc),
            vpc.region,
            service_label(service),
            service.region,
            service.region
        ),
    )
}

/// Builders shared by the reachability and advisor tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::Node;
    use crate::design::*;
    use crate::rules::testing::*;

    const TOKYO: &str = "ap-northeast-1";

    /// An endpoint service behind one NLB in `provider`, open to no one yet.
    pub(crate) fn endpoint_service(id: &str, provider: &str, region: &str) -> Service {
        Service {
            id: ServiceId::new(id),
            name: id.to_owned(),
            region: region.to_owned(),
            kind: ServiceKind::EndpointService(EndpointService {
                provider_vpc: VpcId::new(provider),
                network_load_balancers: vec![LoadBalancer {
                    name: format!("{id}-nlb"),
                    listeners: 1,
                }],
                gateway_load_balancers: Vec::new(),
                acceptance_required: false,
                allowed_principals: Vec::new(),
                supported_regions: Vec::new(),
                supported_ip_address_types: vec![IpFamily::Ipv4],
                availability_zone_ids: Vec::new(),
                port: 443,
            }),
            position: Position::default(),
        }
    }

    pub(crate) fn endpoint_service_mut(service: &mut Service) -> &mut EndpointService {
        match &mut service.kind {
            ServiceKind::EndpointService(endpoint_service) => endpoint_service,
            other => panic!("not an endpoint service: {other:?}"),
        }
    }

    pub(crate) fn interface_mut(design: &mut Design, index: usize) -> &mut InterfaceEndpoint {
        match &mut design.links[index].spec {
            LinkSpec::InterfaceEndpoint(endpoint) => endpoint,
            other => panic!("link {index} is not an interface endpoint: {other:?}"),
        }
    }

    pub(crate) fn gateway_mut(design: &mut Design, index: usize) -> &mut GatewayEndpoint {
        match &mut design.links[index].spec {
            LinkSpec::GatewayEndpoint(endpoint) => endpoint,
            other => panic!("link {index} is not a gateway endpoint: {other:?}"),
        }
    }

    /// Gives `vpc` a second route table `<vpc>-private` serving the subnet
    /// `<vpc>-<suffix>`.
    pub(crate) fn with_private_table(mut vpc: Vpc, suffix: &str) -> Vpc {
        let subnet = SubnetId::new(format!("{}-{suffix}", vpc.id));
        vpc.route_tables.push(RouteTable {
            id: RouteTableId::new(format!("{}-private", vpc.id)),
            name: "private".to_owned(),
            main: false,
            subnets: vec![subnet],
            routes: Vec::new(),
        });
        vpc
    }

    /// Builds an arbitrary, often broken design from bytes: dangling ids,
    /// self-peerings, overlapping CIDRs, tables of other VPCs, missing subnets.
    pub(crate) fn arbitrary_design(bytes: &[u8]) -> Design {
        let mut bytes = bytes.iter().copied().cycle();
        let mut next = move || bytes.next().unwrap_or(0);
        let vpc_ids = ["v0", "v1", "v2", "v3", "ghost"];
        let service_ids = ["s3", "sqs", "ddb", "api", "api2", "nowhere"];
        let n_vpcs = usize::from(next() % 5);
        let mut vpcs = Vec::new();
        for &id in vpc_ids.iter().take(n_vpcs) {
            let cidr = [
                "10.0.0.0/16",
                "10.1.0.0/16",
                "10.0.128.0/17",
                "172.16.0.0/12",
            ][usize::from(next() % 4)];
            let mut node = vpc(id, cidr);
            if next() % 3 == 0 {
                node = node.in_region("us-east-1");
            }
            if next() % 3 == 0 {
                node = node.in_account(ACCOUNT_B);
            }
            if next() % 4 == 0 {
                node.route_tables.clear();
            }
            let base = node.ipv4_cidrs[0].network().octets();
            for s in 0..usize::from(next() % 3) {
                let subnet_cidr = format!("{}.{}.{}.0/24", base[0], base[1], s);
                node = node.with_subnet(&format!("s{s}"), &subnet_cidr, 'a');
            }
            if next() % 2 == 0 && !node.subnets.is_empty() {
                node = with_private_table(node, "s0");
            }
            vpcs.push(node);
        }
        let services = vec![
            aws_service(
                "s3",
                "s3",
                if next() % 2 == 0 { TOKYO } else { "us-east-1" },
            ),
            aws_service("sqs", "sqs", TOKYO),
            aws_service("ddb", "dynamodb", TOKYO),
            {
                let mut service = endpoint_service("api", vpc_ids[usize::from(next() % 5)], TOKYO);
                if next() % 2 == 0 {
                    endpoint_service_mut(&mut service)
                        .allowed_principals
                        .push("*".to_owned());
                }
                service
            },
            endpoint_service("api2", "ghost", "us-east-1"),
        ];
        let mut links = Vec::new();
        for l in 0..usize::from(next() % 10) {
            let id = format!("l{l}");
            let a = vpc_ids[usize::from(next()) % (n_vpcs + 1)];
            let b = vpc_ids[usize::from(next()) % (n_vpcs + 1)];
            let service = service_ids[usize::from(next() % 6)];
            let mut link = match next() % 3 {
                0 => peering(&id, a, b),
                1 => interface_endpoint(&id, a, service, &[&format!("{a}-s0"), &format!("{b}-s1")]),
                _ => gateway_endpoint(&id, a, service),
            };
            match &mut link.spec {
                crate::design::LinkSpec::Peering(peering) if next() % 3 == 0 => {
                    peering
                        .excluded_route_tables
                        .push(RouteTableId::new(format!("{b}-rtb")));
                }
                crate::design::LinkSpec::GatewayEndpoint(endpoint) if next() % 3 == 0 => {
                    endpoint
                        .route_tables
                        .push(RouteTableId::new(format!("{b}-private")));
                }
                crate::design::LinkSpec::InterfaceEndpoint(endpoint) if next() % 3 == 0 => {
                    endpoint.service_region = Some("us-east-1".to_owned());
                }
                _ => {}
            }
            links.push(link);
        }
        design(vpcs, services, links)
    }

    pub(crate) fn every_node(design: &Design) -> Vec<Node> {
        let mut nodes = vec![
            Node::vpc("ghost"),
            Node::service("nowhere"),
            Node::subnet("v0", "v1-s0"),
        ];
        for vpc in &design.vpcs {
            nodes.push(Node::Vpc(vpc.id.clone()));
            for subnet in &vpc.subnets {
                nodes.push(Node::Subnet {
                    vpc: vpc.id.clone(),
                    subnet: subnet.id.clone(),
                });
            }
        }
        nodes.extend(design.services.iter().map(|s| Node::Service(s.id.clone())));
        nodes
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::design::{IntentSource, IntentTarget, RouteTableId};
    use crate::rules::testing::*;

    const TOKYO: &str = "ap-northeast-1";

    fn reasons(result: &Reachability) -> &[Reason] {
        match result {
            Reachability::Unreachable { reasons } => reasons,
            Reachability::Reachable { path } => panic!("unexpectedly reachable: {path:#?}"),
        }
    }

    fn path(result: &Reachability) -> &[Hop] {
        match result {
            Reachability::Reachable { path } => path,
            Reachability::Unreachable { reasons } => {
                panic!("unexpectedly unreachable: {reasons:#?}")
            }
        }
    }

    fn rules_of(result: &Reachability) -> Vec<Option<&'static str>> {
        reasons(result).iter().map(|reason| reason.rule).collect()
    }

    fn pair() -> Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                vpc("data", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        )
    }

    #[test]
    fn peered_vpcs_reach_each_other_through_the_peering() {
        let design = pair();
        for (from, to) in [("app", "data"), ("data", "app")] {
            let result = reachability(&design, &Node::vpc(from), &Node::vpc(to));
            let hops = path(&result);
            assert_eq!(hops.len(), 1);
            assert_eq!(hops[0].link, Some(LinkId::new("pcx")));
            assert_eq!(hops[0].kind, Some(LinkKind::Peering));
            assert_eq!(
                (&hops[0].from, &hops[0].to),
                (&Node::vpc(from), &Node::vpc(to))
            );
            assert!(hops[0].via.en.contains("pcx"), "{}", hops[0].via.en);
            assert!(hops[0].via.ja.contains("ピアリング"));
        }
        let subnet_to_subnet = reachability(
            &design,
            &Node::subnet("app", "app-a"),
            &Node::subnet("data", "data-a"),
        );
        assert!(subnet_to_subnet.is_reachable());
    }

    #[test]
    fn a_node_reaches_itself_and_its_own_subnets_locally() {
        let design = pair();
        assert_eq!(
            path(&reachability(&design, &Node::vpc("app"), &Node::vpc("app"))).len(),
            0
        );
        let local = reachability(&design, &Node::vpc("app"), &Node::subnet("app", "app-a"));
        let hops = path(&local);
        assert_eq!(hops.len(), 1);
        assert_eq!(hops[0].link, None);
        assert!(hops[0].via.en.contains("local route"), "{}", hops[0].via.en);
        assert!(hops[0].via.en.contains("10.0.0.0/16"));
    }

    #[test]
    fn overlapping_cidrs_block_the_peering_with_the_ranges() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.0.128.0/17")],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
        assert_eq!(rules_of(&result), [Some("PEER-001")]);
        let message = &reasons(&result)[0].message;
        assert!(
            message.en.contains("10.0.0.0/16 ∩ 10.0.128.0/17"),
            "{}",
            message.en
        );
        assert!(message.ja.contains("重複"));
        assert!(
            reasons(&result)[0]
                .subjects
                .contains(&Subject::Link("pcx".into()))
        );
    }

    #[test]
    fn peering_is_not_transitive() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("hub", "10.1.0.0/16"),
                vpc("data", "10.2.0.0/16"),
            ],
            vec![],
            vec![
                peering("pcx-1", "app", "hub"),
                peering("pcx-2", "hub", "data"),
            ],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
        assert_eq!(rules_of(&result), [Some("PEER-003")]);
        let message = &reasons(&result)[0].message;
        assert!(message.en.contains("app → hub → data"), "{}", message.en);
        assert!(message.en.contains("Transit Gateway"));
        assert!(message.ja.contains("推移的"));
        assert!(reachability(&design, &Node::vpc("app"), &Node::vpc("hub")).is_reachable());
    }

    #[test]
    fn unconnected_vpcs_have_no_link_at_all() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![],
            vec![],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
        assert_eq!(rules_of(&result), [None]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("Nothing links app and data")
        );
    }

    #[test]
    fn routes_excluded_on_the_return_side_drop_replies() {
        let mut design = pair();
        peering_mut(&mut design, 0)
            .excluded_route_tables
            .push(RouteTableId::new("data-rtb"));
        let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
        assert_eq!(rules_of(&result), [Some("PEER-007")]);
        let message = &reasons(&result)[0].message;
        assert!(
            message.en.starts_with("Return route missing"),
            "{}",
            message.en
        );
        assert!(message.en.contains("data-rtb"));
        assert!(message.en.contains("10.0.0.0/16"));
        assert!(message.en.contains("excluded from data-rtb"));
        assert!(message.ja.contains("復路"));
        assert!(
            reasons(&result)[0]
                .subjects
                .contains(&Subject::RouteTable("data-rtb".into()))
        );
    }

    #[test]
    fn routes_excluded_on_the_forward_side_leave_traffic_nowhere_to_go() {
        let mut design = pair();
        peering_mut(&mut design, 0)
            .excluded_route_tables
            .push(RouteTableId::new("app-rtb"));
        let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
        assert_eq!(rules_of(&result), [Some("PEER-007")]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .starts_with("Forward route missing")
        );
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("excluded from app-rtb")
        );
        assert!(reasons(&result)[0].message.ja.contains("往路"));
        // The other way round, app-rtb is the return side.
        let back = reachability(&design, &Node::vpc("data"), &Node::vpc("app"));
        assert_eq!(rules_of(&back), [Some("PEER-007")]);
        assert!(
            reasons(&back)[0]
                .message
                .en
                .starts_with("Return route missing")
        );
    }

    #[test]
    fn a_subnet_is_judged_by_its_own_route_table() {
        let mut app = vpc("app", "10.0.0.0/16")
            .with_subnet("a", "10.0.1.0/24", 'a')
            .with_subnet("b", "10.0.2.0/24", 'c');
        app = with_private_table(app, "b");
        let mut design = design(
            vec![
                app,
                vpc("data", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        peering_mut(&mut design, 0)
            .excluded_route_tables
            .push(RouteTableId::new("app-private"));
        let blocked = reachability(&design, &Node::subnet("app", "app-b"), &Node::vpc("data"));
        assert_eq!(rules_of(&blocked), [Some("PEER-007")]);
        let forward = &reasons(&blocked)[0].message.en;
        assert!(forward.contains("route table app-private"), "{forward}");
        assert!(forward.contains("serving subnet b"), "{forward}");
        assert!(forward.contains("10.1.0.0/16"), "{forward}");
        // Replies come back through data-rtb, which routes all of app.
        assert!(
            reachability(&design, &Node::subnet("app", "app-a"), &Node::vpc("data")).is_reachable()
        );
        // As a whole, app reaches data through the subnet that has the route.
        assert!(reachability(&design, &Node::vpc("app"), &Node::vpc("data")).is_reachable());
        // But data cannot reach subnet b: app-private has no route back.
        let inbound = reachability(&design, &Node::vpc("data"), &Node::subnet("app", "app-b"));
        assert_eq!(rules_of(&inbound), [Some("PEER-007")]);
    }

    #[test]
    fn an_explicit_narrow_route_is_enough_for_its_subnet() {
        let mut app = with_private_table(
            vpc("app", "10.0.0.0/16").with_subnet("b", "10.0.2.0/24", 'c'),
            "b",
        );
        app.route_tables[1].routes.push(crate::design::Route {
            destination: RouteDestination::Ipv4(v4("10.1.1.0/24")),
            target: RouteTarget::Peering(LinkId::new("pcx")),
        });
        let mut design = design(
            vec![
                app,
                vpc("data", "10.1.0.0/16")
                    .with_subnet("a", "10.1.1.0/24", 'a')
                    .with_subnet("z", "10.1.9.0/24", 'c'),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        peering_mut(&mut design, 0)
            .excluded_route_tables
            .push(RouteTableId::new("app-private"));
        let from = Node::subnet("app", "app-b");
        assert!(reachability(&design, &from, &Node::subnet("data", "data-a")).is_reachable());
        let other = reachability(&design, &from, &Node::subnet("data", "data-z"));
        assert_eq!(rules_of(&other), [Some("PEER-007")]);
        assert!(reasons(&other)[0].message.en.contains("10.1.9.0/24"));
    }

    fn with_s3(mut links: Vec<Link>, s3_region: &str) -> Design {
        links.push(gateway_endpoint("gw", "app", "s3"));
        design(
            vec![
                vpc("app", "10.0.0.0/16")
                    .with_subnet("a", "10.0.1.0/24", 'a')
                    .with_subnet("b", "10.0.2.0/24", 'c'),
            ],
            vec![aws_service("s3", "s3", s3_region)],
            links,
        )
    }

    #[test]
    fn a_gateway_endpoint_serves_the_subnets_of_its_route_tables() {
        let design = with_s3(vec![], TOKYO);
        let result = reachability(&design, &Node::subnet("app", "app-a"), &Node::service("s3"));
        let hops = path(&result);
        assert_eq!(hops.len(), 1);
        assert_eq!(hops[0].kind, Some(LinkKind::GatewayEndpoint));
        assert_eq!(hops[0].link, Some(LinkId::new("gw")));
        assert!(
            hops[0].via.en.contains("route table app-rtb"),
            "{}",
            hops[0].via.en
        );
        assert!(hops[0].via.en.contains("com.amazonaws.ap-northeast-1.s3"));
    }

    #[test]
    fn a_subnet_outside_the_gateway_endpoints_route_tables_is_not_served() {
        let mut design = with_s3(vec![], TOKYO);
        design.vpcs[0] = with_private_table(design.vpcs[0].clone(), "b");
        let result = reachability(&design, &Node::subnet("app", "app-b"), &Node::service("s3"));
        assert_eq!(rules_of(&result), [Some("GW-005")]);
        let message = &reasons(&result)[0].message;
        assert!(
            message.en.contains("Subnet b uses route table app-private"),
            "{}",
            message.en
        );
        assert!(
            message.en.contains("its route tables: app-rtb"),
            "{}",
            message.en
        );
        assert!(message.ja.contains("関連付け"));
        // The VPC as a whole still reaches S3 through subnet a.
        assert!(reachability(&design, &Node::vpc("app"), &Node::service("s3")).is_reachable());
        // With no route table at all, nothing in the VPC is served.
        gateway_mut(&mut design, 0).route_tables.clear();
        let none = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
        assert_eq!(rules_of(&none), [Some("GW-005")]);
        assert!(
            reasons(&none)[0]
                .message
                .en
                .contains("its route tables: none")
        );
    }

    #[test]
    fn a_gateway_endpoint_to_another_region_or_service_is_refused() {
        let design = with_s3(vec![], "us-east-1");
        let result = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
        assert_eq!(rules_of(&result), [Some("GW-002")]);
        assert!(reasons(&result)[0].message.en.contains("us-east-1"));
        assert!(reasons(&result)[0].message.en.contains(TOKYO));

        let mut sqs = with_s3(vec![], TOKYO);
        sqs.services = vec![aws_service("s3", "sqs", TOKYO)];
        let result = reachability(&sqs, &Node::vpc("app"), &Node::service("s3"));
        assert_eq!(rules_of(&result), [Some("GW-001")]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("only for Amazon S3, DynamoDB and S3 Express One Zone")
        );
    }

    fn peered_with_endpoint(endpoint: Link) -> Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                vpc("shared", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
            ],
            vec![
                aws_service("s3", "s3", TOKYO),
                aws_service("sqs", "sqs", TOKYO),
            ],
            vec![peering("pcx", "app", "shared"), endpoint],
        )
    }

    #[test]
    fn a_peers_gateway_endpoint_cannot_be_used() {
        let design = peered_with_endpoint(gateway_endpoint("gw", "shared", "s3"));
        let result = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
        assert_eq!(rules_of(&result), [Some("PEER-005")]);
        let message = &reasons(&result)[0].message;
        assert!(message.en.contains("gw"), "{}", message.en);
        assert!(message.en.contains("GW-003"));
        assert!(message.en.contains("Create a gateway endpoint in app"));
        assert!(reachability(&design, &Node::vpc("shared"), &Node::service("s3")).is_reachable());
    }

    #[test]
    fn a_peers_interface_endpoint_is_reached_with_a_dns_caveat() {
        let design =
            peered_with_endpoint(interface_endpoint("vpce", "shared", "sqs", &["shared-a"]));
        let result = reachability(
            &design,
            &Node::subnet("app", "app-a"),
            &Node::service("sqs"),
        );
        let hops = path(&result);
        assert_eq!(hops.len(), 2);
        assert_eq!(hops[0].kind, Some(LinkKind::Peering));
        assert_eq!(hops[0].to, Node::vpc("shared"));
        assert_eq!(hops[1].kind, Some(LinkKind::InterfaceEndpoint));
        assert_eq!(hops[1].link, Some(LinkId::new("vpce")));
        assert_eq!(hops[1].to, Node::service("sqs"));
        assert!(
            hops[1].via.en.contains("subnets a of shared"),
            "{}",
            hops[1].via.en
        );
        assert_eq!(result.rules(), ["PEER-006"]);
        assert!(
            hops[1].notes[0]
                .message
                .en
                .contains("endpoint-specific DNS name")
        );
        assert!(
            hops[1].notes[0]
                .message
                .ja
                .contains("プライベートホストゾーン")
        );
    }

    #[test]
    fn a_peers_interface_endpoint_needs_routes_to_its_subnets() {
        let mut design =
            peered_with_endpoint(interface_endpoint("vpce", "shared", "sqs", &["shared-a"]));
        peering_mut(&mut design, 0)
            .excluded_route_tables
            .push(RouteTableId::new("shared-rtb"));
        let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
        assert_eq!(rules_of(&result), [Some("PEER-007")]);
        assert!(reasons(&result)[0].message.en.contains("10.0.0.0/16"));
    }

    #[test]
    fn an_interface_endpoint_in_the_same_vpc_is_one_hop() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service("sqs", "sqs", TOKYO)],
            vec![interface_endpoint("vpce", "app", "sqs", &["app-a"])],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
        let hops = path(&result);
        assert_eq!(hops.len(), 1);
        assert_eq!(hops[0].kind, Some(LinkKind::InterfaceEndpoint));
        assert!(hops[0].notes.is_empty());
    }

    #[test]
    fn an_interface_endpoint_without_subnets_has_nothing_to_reach() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("sqs", "sqs", TOKYO)],
            vec![interface_endpoint("vpce", "app", "sqs", &[])],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
        assert_eq!(rules_of(&result), [None]);
        assert!(reasons(&result)[0].message.en.contains("has no subnet"));
    }

    fn cross_region(suffix: &str, service_region: Option<&str>) -> Design {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service("svc", suffix, "us-east-1")],
            vec![interface_endpoint("vpce", "app", "svc", &["app-a"])],
        );
        interface_mut(&mut design, 0).service_region = service_region.map(str::to_owned);
        design
    }

    #[test]
    fn cross_region_privatelink_needs_a_cross_region_service_and_service_region() {
        let s3 = cross_region("s3", Some("us-east-1"));
        let result = reachability(&s3, &Node::vpc("app"), &Node::service("svc"));
        assert!(
            path(&result)[0]
                .via
                .en
                .contains("cross-Region to us-east-1")
        );

        let sqs = cross_region("sqs", Some("us-east-1"));
        let result = reachability(&sqs, &Node::vpc("app"), &Node::service("svc"));
        assert_eq!(rules_of(&result), [Some("PL-007")]);
        assert!(reasons(&result)[0].message.en.contains("Amazon SQS (sqs)"));
        assert!(reasons(&result)[0].message.en.contains("not on the list"));

        let unset = cross_region("s3", None);
        let result = reachability(&unset, &Node::vpc("app"), &Node::service("svc"));
        assert_eq!(rules_of(&result), [Some("PL-007")]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("ServiceRegion=us-east-1")
        );

        let mut partition = cross_region("s3", Some("cn-north-1"));
        partition.services[0].region = "cn-north-1".to_owned();
        let result = reachability(&partition, &Node::vpc("app"), &Node::service("svc"));
        assert_eq!(rules_of(&result), [Some("PL-007")]);
        assert!(reasons(&result)[0].message.en.contains("`aws-cn`"));
    }

    fn consumer_and_provider() -> Design {
        design(
            vec![
                vpc("consumer", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                vpc("provider", "10.0.0.0/16")
                    .in_account(ACCOUNT_B)
                    .with_subnet("a", "10.0.1.0/24", 'a'),
            ],
            vec![endpoint_service("api", "provider", TOKYO)],
            vec![interface_endpoint(
                "vpce",
                "consumer",
                "api",
                &["consumer-a"],
            )],
        )
    }

    #[test]
    fn an_endpoint_service_in_another_account_must_allow_the_consumer() {
        let mut design = consumer_and_provider();
        let result = reachability(&design, &Node::vpc("consumer"), &Node::service("api"));
        assert_eq!(rules_of(&result), [Some("PL-009")]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("arn:aws:iam::111111111111:root"),
            "{}",
            reasons(&result)[0].message.en
        );
        let service = endpoint_service_mut(&mut design.services[0]);
        service
            .allowed_principals
            .push("arn:aws:iam::111111111111:root".to_owned());
        service.acceptance_required = true;
        let result = reachability(&design, &Node::vpc("consumer"), &Node::service("api"));
        assert_eq!(result.rules(), ["PL-009"]);
        assert!(
            path(&result)[0].notes[0]
                .message
                .en
                .contains("pendingAcceptance")
        );
    }

    #[test]
    fn an_endpoint_service_across_regions_must_list_the_consumer_region() {
        let mut design = consumer_and_provider();
        design.services[0].region = "us-east-1".to_owned();
        design.vpcs[1].region = "us-east-1".to_owned();
        interface_mut(&mut design, 0).service_region = Some("us-east-1".to_owned());
        endpoint_service_mut(&mut design.services[0])
            .allowed_principals
            .push("*".to_owned());
        let result = reachability(&design, &Node::vpc("consumer"), &Node::service("api"));
        assert_eq!(rules_of(&result), [Some("PL-007")]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("supported Regions (none)")
        );
        endpoint_service_mut(&mut design.services[0])
            .supported_regions
            .push(TOKYO.to_owned());
        assert!(
            reachability(&design, &Node::vpc("consumer"), &Node::service("api")).is_reachable()
        );
    }

    #[test]
    fn the_provider_reaches_its_own_service_and_peers_reach_its_load_balancers() {
        let design = design(
            vec![
                vpc("provider", "10.0.0.0/16"),
                vpc("peer", "10.1.0.0/16"),
                vpc("far", "10.2.0.0/16"),
            ],
            vec![endpoint_service("api", "provider", TOKYO)],
            vec![
                peering("pcx", "peer", "provider"),
                peering("pcx-far", "far", "peer"),
            ],
        );
        let own = reachability(&design, &Node::vpc("provider"), &Node::service("api"));
        assert_eq!(path(&own).len(), 1);
        assert_eq!(path(&own)[0].link, None);
        assert!(path(&own)[0].via.en.contains("api-nlb"));
        let peered = reachability(&design, &Node::vpc("peer"), &Node::service("api"));
        assert_eq!(path(&peered).len(), 2);
        assert_eq!(path(&peered)[0].link, Some(LinkId::new("pcx")));
        let far = reachability(&design, &Node::vpc("far"), &Node::service("api"));
        assert_eq!(rules_of(&far), [Some("PEER-003")]);
        assert!(
            reasons(&far)[0]
                .message
                .en
                .contains("far → peer → provider")
        );
    }

    #[test]
    fn an_endpoint_two_peerings_away_is_not_transitive() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("hub", "10.1.0.0/16"),
                vpc("shared", "10.2.0.0/16").with_subnet("a", "10.2.1.0/24", 'a'),
            ],
            vec![aws_service("sqs", "sqs", TOKYO)],
            vec![
                peering("pcx-1", "app", "hub"),
                peering("pcx-2", "hub", "shared"),
                interface_endpoint("vpce", "shared", "sqs", &["shared-a"]),
            ],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
        assert_eq!(rules_of(&result), [Some("PEER-003")]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("app → hub → shared")
        );
        assert!(reachability(&design, &Node::vpc("hub"), &Node::service("sqs")).is_reachable());
    }

    #[test]
    fn nothing_links_a_vpc_to_a_service_without_endpoints() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("sqs", "sqs", TOKYO)],
            vec![],
        );
        let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
        assert_eq!(rules_of(&result), [None]);
        assert!(
            reasons(&result)[0]
                .message
                .en
                .contains("Nothing links app to sqs")
        );
        assert!(
            reasons(&result)[0]
                .message
                .ja
                .contains("つなぐものがありません")
        );
    }

    #[test]
    fn services_do_not_start_connections() {
        let design = with_s3(vec![], TOKYO);
        let result = reachability(&design, &Node::service("s3"), &Node::vpc("app"));
        assert_eq!(rules_of(&result), [None]);
        assert!(reasons(&result)[0].message.en.contains("is a service"));
        assert!(reachability(&design, &Node::service("s3"), &Node::service("s3")).is_reachable());
    }

    #[test]
    fn dangling_nodes_are_reported_not_followed() {
        let design = pair();
        let ghost = reachability(&design, &Node::vpc("ghost"), &Node::service("nope"));
        assert_eq!(
            rules_of(&ghost),
            [Some(DANGLING_REFERENCE), Some(DANGLING_REFERENCE)]
        );
        assert!(reasons(&ghost)[0].message.en.contains("ghost"));
        // A subnet named with the wrong VPC does not resolve either.
        let wrong = reachability(&design, &Node::subnet("data", "app-a"), &Node::vpc("app"));
        assert_eq!(rules_of(&wrong), [Some(DANGLING_REFERENCE)]);
        assert!(reasons(&wrong)[0].message.en.contains("app-a"));
    }

    #[test]
    fn intents_convert_to_nodes() {
        let source = IntentSource::Subnet {
            vpc: "app".into(),
            subnet: "app-a".into(),
        };
        assert_eq!(Node::from(&source), Node::subnet("app", "app-a"));
        assert_eq!(
            Node::from(&IntentSource::Vpc("app".into())),
            Node::vpc("app")
        );
        assert_eq!(
            Node::from(&IntentTarget::Service("s3".into())),
            Node::service("s3")
        );
        assert_eq!(
            Node::from(&IntentTarget::Vpc("x".into())).vpc_id(),
            Some(&VpcId::new("x"))
        );
    }

    fn showcase() -> Design {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                vpc("hub", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
                vpc("data", "10.2.0.0/16"),
                vpc("clash", "10.0.0.0/16"),
            ],
            vec![
                aws_service("s3", "s3", TOKYO),
                aws_service("sqs", "sqs", TOKYO),
                endpoint_service("api", "data", TOKYO),
            ],
            vec![
                peering("pcx-1", "app", "hub"),
                peering("pcx-2", "hub", "data"),
                peering("pcx-3", "app", "clash"),
                gateway_endpoint("gw", "app", "s3"),
                gateway_endpoint("gw-hub", "hub", "s3"),
                interface_endpoint("vpce", "hub", "sqs", &["hub-a"]),
            ],
        );
        design
            .links
            .push(interface_endpoint("vpce-api", "app", "api", &["app-a"]));
        design
    }

    #[test]
    fn the_matrix_lists_vpcs_then_services_and_marks_the_links_used() {
        let design = showcase();
        let matrix = reachability_matrix(&design);
        assert_eq!(
            matrix.nodes,
            [
                Node::vpc("app"),
                Node::vpc("hub"),
                Node::vpc("data"),
                Node::vpc("clash"),
                Node::service("s3"),
                Node::service("sqs"),
                Node::service("api"),
            ]
        );
        assert_eq!(matrix.cells.len(), 7);
        assert!(matrix.cells.iter().all(|row| row.len() == 7));
        let cell = |from: &Node, to: &Node| matrix.get(from, to).cloned();
        let reachable = |kinds: &[LinkKind]| {
            Some(MatrixCell::Reachable {
                via: kinds.to_vec(),
            })
        };
        assert_eq!(cell(&Node::vpc("app"), &Node::vpc("app")), reachable(&[]));
        assert_eq!(
            cell(&Node::vpc("app"), &Node::vpc("hub")),
            reachable(&[LinkKind::Peering])
        );
        assert_eq!(
            cell(&Node::vpc("app"), &Node::vpc("data")),
            Some(MatrixCell::Unreachable)
        );
        assert_eq!(
            cell(&Node::vpc("app"), &Node::vpc("clash")),
            Some(MatrixCell::Unreachable)
        );
        assert_eq!(
            cell(&Node::vpc("app"), &Node::service("s3")),
            reachable(&[LinkKind::GatewayEndpoint])
        );
        assert_eq!(
            cell(&Node::vpc("app"), &Node::service("sqs")),
            reachable(&[LinkKind::Peering, LinkKind::InterfaceEndpoint])
        );
        assert_eq!(
            cell(&Node::vpc("data"), &Node::service("api")),
            reachable(&[])
        );
        assert_eq!(
            cell(&Node::service("s3"), &Node::vpc("app")),
            Some(MatrixCell::Unreachable)
        );
        assert_eq!(matrix.get(&Node::vpc("ghost"), &Node::vpc("app")), None);
    }

    /// Every cell of the matrix against the answer of `reachability`.
    fn assert_matrix_agrees(design: &Design) {
        let matrix = reachability_matrix(design);
        for (row, from) in matrix.nodes.iter().enumerate() {
            for (column, to) in matrix.nodes.iter().enumerate() {
                let single = reachability(design, from, to);
                let cell = &matrix.cells[row][column];
                // With duplicate ids the first occurrence is the one resolved.
                if matrix.nodes.iter().position(|node| node == from) != Some(row)
                    || matrix.nodes.iter().position(|node| node == to) != Some(column)
                {
                    continue;
                }
                assert_eq!(
                    cell.is_reachable(),
                    single.is_reachable(),
                    "{from:?} → {to:?}: matrix {cell:?}, reachability {single:?}"
                );
            }
        }
    }

    /// A path starts at `from`, ends at `to` and chains hop to hop; a refusal
    /// always says why.
    fn assert_well_formed(result: &Reachability, from: &Node, to: &Node) {
        match result {
            Reachability::Reachable { path } => {
                if from == to {
                    assert!(path.is_empty());
                    return;
                }
                assert_eq!(path.first().map(|hop| &hop.from), Some(from));
                assert_eq!(path.last().map(|hop| &hop.to), Some(to));
                for pair in path.windows(2) {
                    assert_eq!(pair[0].to, pair[1].from);
                }
                for hop in path {
                    assert!(!hop.via.en.is_empty() && !hop.via.ja.is_empty());
                }
            }
            Reachability::Unreachable { reasons } => {
                assert!(!reasons.is_empty(), "{from:?} → {to:?} without a reason");
                for reason in reasons {
                    assert!(!reason.message.en.is_empty() && !reason.message.ja.is_empty());
                }
            }
        }
    }

    #[test]
    fn the_matrix_agrees_with_single_questions_on_the_showcase() {
        let design = showcase();
        assert_matrix_agrees(&design);
        for from in reachability_matrix(&design).nodes {
            for to in reachability_matrix(&design).nodes {
                assert_well_formed(&reachability(&design, &from, &to), &from, &to);
            }
        }
    }

    #[test]
    fn the_matrix_of_a_few_hundred_nodes_is_right_where_it_counts() {
        // 10 hubs with 29 spokes each (300 VPCs); each hub has interface
        // endpoints to 5 of the 50 services.
        let mut vpcs = Vec::new();
        let mut services = Vec::new();
        let mut links = Vec::new();
        for hub in 0..10 {
            let hub_id = format!("hub{hub}");
            vpcs.push(vpc(&hub_id, &format!("10.{hub}.0.0/16")).with_subnet(
                "a",
                &format!("10.{hub}.1.0/24"),
                'a',
            ));
            for spoke in 0..29 {
                let id = format!("spoke{hub}-{spoke}");
                vpcs.push(vpc(&id, &format!("{}.{}.0.0/16", 100 + hub, spoke)));
                links.push(peering(&format!("pcx-{id}"), &id, &hub_id));
            }
            for s in 0..5 {
                let service = format!("svc{hub}-{s}");
                services.push(aws_service(&service, "sqs", TOKYO));
                links.push(interface_endpoint(
                    &format!("vpce-{service}"),
                    &hub_id,
                    &service,
                    &[&format!("{hub_id}-a")],
                ));
            }
        }
        let design = design(vpcs, services, links);
        let matrix = reachability_matrix(&design);
        assert_eq!(matrix.nodes.len(), 350);
        let reachable: usize = matrix
            .cells
            .iter()
            .map(|row| row.iter().filter(|cell| cell.is_reachable()).count())
            .sum();
        // Each node reaches itself; each hub its 29 spokes and 5 services;
        // each spoke its hub and the hub's 5 services.
        assert_eq!(reachable, 350 + 10 * (29 + 5) + 290 * 6);
        assert_eq!(
            matrix.get(&Node::vpc("spoke3-7"), &Node::service("svc3-2")),
            Some(&MatrixCell::Reachable {
                via: vec![LinkKind::Peering, LinkKind::InterfaceEndpoint]
            })
        );
        assert_eq!(
            matrix.get(&Node::vpc("spoke3-7"), &Node::service("svc4-2")),
            Some(&MatrixCell::Unreachable)
        );
        assert_eq!(
            matrix.get(&Node::vpc("spoke3-7"), &Node::vpc("spoke3-8")),
            Some(&MatrixCell::Unreachable)
        );
    }

    proptest::proptest! {
        // Each case asks every pair of nodes; fewer cases keep the suite quick.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn any_design_gets_well_formed_answers_that_the_matrix_agrees_with(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..80)
        ) {
            let design = arbitrary_design(&bytes);
            let nodes = every_node(&design);
            for from in &nodes {
                for to in &nodes {
                    assert_well_formed(&reachability(&design, from, to), from, to);
                }
            }
            assert_matrix_agrees(&design);
        }
    }
}
