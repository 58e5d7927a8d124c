//! Rules for VPC peering (PEER-*), and the lookups several of them share.

mod peer_001_overlapping_peer_cidrs;
mod peer_002_duplicate_peering;
mod peer_003_transitive_peering;
mod peer_004_edge_to_edge_routing;
mod peer_005_gateway_endpoint_across_peering;
mod peer_006_interface_endpoint_across_peering;
mod peer_007_missing_peer_route;
mod peer_008_route_outside_peer;
mod peer_009_inter_region_sg_reference;
mod peer_010_cross_account_sg_reference;
mod peer_011_too_many_peerings;
mod peer_012_too_many_outstanding_requests;
mod peer_013_peering_dns_needs_vpc_dns;
mod peer_014_incomplete_ipv6_peering;
mod peer_015_unusable_cross_account_accepter;
mod peer_016_unusable_inter_region_accepter;
mod peer_017_peering_mesh;

// The limits the advisor applies as well: PEER-011's quotas of peerings
// per VPC, and the size from which PEER-017 warns about a mesh.
pub(crate) use peer_011_too_many_peerings::{
    DEFAULT_QUOTA as PEERING_QUOTA_DEFAULT, MAXIMUM as PEERING_QUOTA_MAX,
};
pub(crate) use peer_017_peering_mesh::WARN_FROM as PEERING_MESH_WARN_FROM;

use crate::collections::HashMap;
use std::collections::VecDeque;

use ipnet::IpNet;

use super::Rule;
use crate::catalogue::GATEWAY_SERVICES;
use crate::cidr::overlaps;
use crate::design::{
    EdgeGatewayKind, EndpointTarget, Intent, IntentSource, IntentTarget, Link, LinkId, LinkSpec,
    Peering, Route, RouteDestination, RouteTable, RouteTarget, RuleSource, SecurityGroup,
    SecurityGroupId, Service, ServiceId, ServiceKind, SubnetId, Vpc, VpcId,
};
use crate::diagnostic::Subject;
use crate::index::DesignIndex;

pub(super) const RULES: &[&Rule] = &[
    &peer_001_overlapping_peer_cidrs::RULE,
    &peer_002_duplicate_peering::RULE,
    &peer_003_transitive_peering::RULE,
    &peer_004_edge_to_edge_routing::RULE,
    &peer_005_gateway_endpoint_across_peering::RULE,
    &peer_006_interface_endpoint_across_peering::RULE,
    &peer_007_missing_peer_route::RULE,
    &peer_008_route_outside_peer::RULE,
    &peer_009_inter_region_sg_reference::RULE,
    &peer_010_cross_account_sg_reference::RULE,
    &peer_011_too_many_peerings::RULE,
    &peer_012_too_many_outstanding_requests::RULE,
    &peer_013_peering_dns_needs_vpc_dns::RULE,
    &peer_014_incomplete_ipv6_peering::RULE,
    &peer_015_unusable_cross_account_accepter::RULE,
    &peer_016_unusable_inter_region_accepter::RULE,
    &peer_017_peering_mesh::RULE,
];

/// Both VPCs of a peering, requester first, when both resolve and differ.
fn ends<'d>(index: &DesignIndex<'d>, peering: &Peering) -> Option<(&'d Vpc, &'d Vpc)> {
    let requester = index.vpc(&peering.requester)?;
    let accepter = index.vpc(&peering.accepter)?;
    (requester.id != accepter.id).then_some((requester, accepter))
}

/// The design's VPCs in order, each id once (the VPC the index resolves it
/// to, when a design repeats an id).
fn unique_vpcs<'i, 'd>(index: &'i DesignIndex<'d>) -> impl Iterator<Item = &'d Vpc> + 'i {
    index.nodes.iter().copied()
}

/// The requester and accepter VPC of every peering, aligned with
/// `index.peerings`: what `index.vpc` would resolve, resolved once by the index.
fn peering_ends<'i, 'd>(
    index: &'i DesignIndex<'d>,
) -> impl Iterator<Item = (Option<&'d Vpc>, Option<&'d Vpc>)> + 'i {
    (0..index.peerings.len()).map(|position| index.peering_vpcs(position))
}

/// A peering between two distinct VPCs of the design, with both ends and
/// the accepter's node.
struct Accepted<'d> {
    link: &'d Link,
    requester: &'d Vpc,
    accepter: &'d Vpc,
    requester_node: u32,
    accepter_node: u32,
}

/// The walk PEER-015 and PEER-016 share: every peering whose two ends
/// resolve to distinct VPCs, in design order, for a look at what the
/// accepter side needs (its account, its Region).
fn accepted_peerings<'i, 'd>(
    index: &'i DesignIndex<'d>,
) -> impl Iterator<Item = Accepted<'d>> + 'i {
    index
        .peerings
        .iter()
        .zip(&index.peering_nodes)
        .filter_map(|(&(link, _), &nodes)| {
            let (Some(requester_node), Some(accepter_node)) = nodes else {
                return None;
            };
            // Nodes hold each VPC id once: distinct nodes are distinct VPCs.
            if requester_node == accepter_node {
                return None;
            }
            Some(Accepted {
                link,
                requester: index.nodes.get(requester_node as usize).copied()?,
                accepter: index.nodes.get(accepter_node as usize).copied()?,
                requester_node,
                accepter_node,
            })
        })
}

/// The peerings by link id.
/// An explicit route into a peering of its own VPC, with the peer resolved.
struct RouteIntoPeering<'d> {
    vpc: &'d Vpc,
    table: &'d RouteTable,
    route: &'d Route,
    link: &'d LinkId,
    peer: &'d Vpc,
}

/// Every explicit route whose target is a peering its VPC is part of (the
/// rules about where such routes may point: PEER-004 and PEER-008). Routes
/// into unknown links or other VPCs' peerings are DES-001's.
fn routes_into_peerings<'d>(
    index: &'d DesignIndex<'d>,
) -> impl Iterator<Item = RouteIntoPeering<'d>> + 'd {
    index.design.vpcs.iter().flat_map(move |vpc| {
        vpc.route_tables.iter().flat_map(move |table| {
            table.routes.iter().filter_map(move |route| {
                let RouteTarget::Peering(link) = &route.target else {
                    return None;
                };
                let LinkSpec::Peering(peering) = &index.links.get(link)?.spec else {
                    return None;
                };
                if peering.requester != vpc.id && peering.accepter != vpc.id {
                    return None;
                }
                let peer = index.vpc(index.peer_of(peering, &vpc.id))?;
                (peer.id != vpc.id).then_some(RouteIntoPeering {
                    vpc,
                    table,
                    route,
                    link,
                    peer,
                })
            })
        })
    })
}

/// A VPC's CIDRs as one comma-separated list, for messages.
fn cidr_list(vpc: &Vpc) -> String {
    vpc.cidrs()
        .map(|range| range.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names for a message: at most `limit`, then how many more.
fn name_list<'a>(names: impl IntoIterator<Item = &'a str>, limit: usize) -> (String, usize) {
    let mut shown = Vec::new();
    let mut more = 0;
    for name in names {
        if shown.len() < limit {
            shown.push(name);
        } else {
            more += 1;
        }
    }
    (shown.join(", "), more)
}

/// The VPC an intent starts from, and its subnet when it starts from one.
fn intent_source(intent: &Intent) -> (&VpcId, Option<&SubnetId>) {
    match &intent.from {
        IntentSource::Vpc(vpc) => (vpc, None),
        IntentSource::Subnet { vpc, subnet } => (vpc, Some(subnet)),
    }
}

/// Every intent to a service whose source VPC and service exist, with that
/// VPC and that service: the flows PEER-005 and PEER-006 walk.
fn service_flows<'i, 'd>(
    index: &'i DesignIndex<'d>,
) -> impl Iterator<Item = (&'d Intent, &'d Vpc, &'d Service)> + 'i {
    index.design.intents.iter().filter_map(|intent| {
        let IntentTarget::Service(target) = &intent.to else {
            return None;
        };
        let service = index.service(target)?;
        let vpc = index.vpc(intent_source(intent).0)?;
        Some((intent, vpc, service))
    })
}

/// A flow from VPC `b` to `service` served only through endpoints in peered
/// VPCs (PEER-005, PEER-006): the things involved, and where those endpoints
/// are, listed in English and in Japanese.
struct EndpointsInPeers {
    subjects: Vec<Subject>,
    where_en: String,
    where_ja: String,
}

impl EndpointsInPeers {
    /// `found` holds each peer VPC with the peering to it and one endpoint in it.
    fn new(intent: &Intent, b: &Vpc, service: &Service, found: &[(&Vpc, &Link, &Link)]) -> Self {
        let mut subjects = vec![
            Subject::Intent(intent.id.clone()),
            Subject::Vpc(b.id.clone()),
            Subject::Service(service.id.clone()),
        ];
        if let (_, Some(subnet)) = intent_source(intent) {
            subjects.push(Subject::Subnet(subnet.clone()));
        }
        let mut where_en = Vec::with_capacity(found.len());
        let mut where_ja = Vec::with_capacity(found.len());
        for (a, peering_link, endpoint) in found {
            subjects.push(Subject::Vpc(a.id.clone()));
            subjects.push(Subject::Link(peering_link.id.clone()));
            subjects.push(Subject::Link(endpoint.id.clone()));
            where_en.push(format!(
                "{} in {} (peering {})",
                endpoint.id,
                a.label(),
                peering_link.id
            ));
            where_ja.push(format!(
                "{}の{}(ピアリング{})",
                a.label(),
                endpoint.id,
                peering_link.id
            ));
        }
        Self {
            subjects,
            where_en: where_en.join("; "),
            where_ja: where_ja.join("、"),
        }
    }
}

/// Whether a route destination leads into `peer`'s address space: a CIDR
/// that overlaps one of the peer's, or a prefix list (its contents are not
/// part of the design, so it is given the benefit of the doubt).
fn reaches_peer(destination: &RouteDestination, peer: &Vpc) -> bool {
    let net = match destination {
        RouteDestination::Ipv4(net) => IpNet::V4(*net),
        RouteDestination::Ipv6(net) => IpNet::V6(*net),
        RouteDestination::PrefixList(_) => return true,
    };
    peer.cidrs().any(|range| overlaps(&range, &net))
}

/// Where a route sent into a peering is meant to lead, as seen from the peer VPC.
#[derive(Debug, Clone, PartialEq)]
enum RouteThroughPeering<'v> {
    /// Into the peer VPC's own CIDRs: what a peering is for.
    IntoPeer,
    /// Beyond the peer VPC, through one of its gateways (PEER-004).
    EdgeToEdge(EdgeToEdge<'v>),
    /// Somewhere the peer VPC does not hold (PEER-008).
    Outside(IpNet),
    /// A prefix list whose contents the design does not know.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
enum EdgeToEdge<'v> {
    /// `0.0.0.0/0` or `::/0`.
    DefaultRoute(IpNet),
    /// A range behind one of the peer's VPN, Direct Connect or other gateways.
    Remote {
        destination: IpNet,
        gateway: EdgeGatewayKind,
        remote: IpNet,
    },
    /// A public range while the peer has an internet gateway or NAT gateway.
    Internet {
        destination: IpNet,
        gateways: Vec<EdgeGatewayKind>,
    },
    /// The AWS-managed prefix list of a gateway-endpoint service.
    GatewayEndpoint(&'v str),
}

fn route_through_peering<'v>(
    destination: &'v RouteDestination,
    peer: &Vpc,
) -> RouteThroughPeering<'v> {
    let net = match destination {
        RouteDestination::Ipv4(net) => IpNet::V4(*net),
        RouteDestination::Ipv6(net) => IpNet::V6(*net),
        RouteDestination::PrefixList(name) => {
            return if is_gateway_prefix_list(name) {
                RouteThroughPeering::EdgeToEdge(EdgeToEdge::GatewayEndpoint(name))
            } else {
                RouteThroughPeering::Unknown
            };
        }
    };
    if net.prefix_len() == 0 {
        return RouteThroughPeering::EdgeToEdge(EdgeToEdge::DefaultRoute(net));
    }
    if peer.cidrs().any(|range| range.contains(&net)) {
        return RouteThroughPeering::IntoPeer;
    }
    for gateway in &peer.edge_gateways {
        if let Some(remote) = gateway
            .remote_cidrs
            .iter()
            .find(|remote| overlaps(remote, &net))
        {
            return RouteThroughPeering::EdgeToEdge(EdgeToEdge::Remote {
                destination: net,
                gateway: gateway.kind,
                remote: *remote,
            });
        }
    }
    if is_public(&net) {
        let mut gateways: Vec<EdgeGatewayKind> = peer
            .edge_gateways
            .iter()
            .map(|gateway| gateway.kind)
            .filter(|kind| {
                matches!(
                    kind,
                    EdgeGatewayKind::InternetGateway | EdgeGatewayKind::NatGateway
                )
            })
            .collect();
        gateways.dedup();
        if !gateways.is_empty() {
            return RouteThroughPeering::EdgeToEdge(EdgeToEdge::Internet {
                destination: net,
                gateways,
            });
        }
    }
    RouteThroughPeering::Outside(net)
}

/// `com.amazonaws.<region>.<s3|dynamodb|s3express>`, as `crate::routes` names them.
fn is_gateway_prefix_list(name: &str) -> bool {
    name.strip_prefix("com.amazonaws.")
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(_, service)| GATEWAY_SERVICES.contains(&service))
}

/// Not inside a private, shared (CGNAT), link-local or loopback range.
fn is_public(net: &IpNet) -> bool {
    const PRIVATE: [&str; 8] = [
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "169.254.0.0/16",
        "127.0.0.0/8",
        "fc00::/7",
        "fe80::/10",
    ];
    !PRIVATE
        .iter()
        .filter_map(|text| text.parse::<IpNet>().ok())
        .any(|private| private.contains(net))
}

/// The English and Japanese name of a kind of gateway.
fn gateway_name(kind: EdgeGatewayKind) -> (&'static str, &'static str) {
    match kind {
        EdgeGatewayKind::InternetGateway => ("internet gateway", "インターネットゲートウェイ"),
        EdgeGatewayKind::NatGateway => ("NAT gateway", "NATゲートウェイ"),
        EdgeGatewayKind::VpnGateway => ("VPN gateway", "VPNゲートウェイ"),
        EdgeGatewayKind::DirectConnect => ("Direct Connect", "Direct Connect"),
        EdgeGatewayKind::TransitGateway => ("transit gateway", "Transit Gateway"),
    }
}

/// A security group whose ingress rules reference a group of a VPC it is
/// peered with.
struct PeerGroupReference<'d> {
    vpc: &'d Vpc,
    group: &'d SecurityGroup,
    peer: &'d Vpc,
    referenced: &'d SecurityGroupId,
    peerings: Vec<&'d Link>,
}

impl PeerGroupReference<'_> {
    /// The referenced group's name when it resolves, else its id.
    fn referenced_name<'a>(&'a self, index: &'a DesignIndex<'_>) -> &'a str {
        index
            .security_groups
            .get(self.referenced)
            .map_or(self.referenced.as_str(), |(_, group)| group.name.as_str())
    }

    /// What a diagnostic about the reference involves: both groups, both
    /// VPCs, then `also`, then the peerings between the VPCs.
    fn subjects(&self, also: Option<Subject>) -> Vec<Subject> {
        let mut subjects = vec![
            Subject::SecurityGroup(self.group.id.clone()),
            Subject::SecurityGroup(self.referenced.clone()),
            Subject::Vpc(self.vpc.id.clone()),
            Subject::Vpc(self.peer.id.clone()),
        ];
        subjects.extend(also);
        subjects.extend(
            self.peerings
                .iter()
                .map(|link| Subject::Link(link.id.clone())),
        );
        subjects
    }
}

/// Every (group, referenced peer group) once, in design order. References to
/// groups of the same VPC, of unknown VPCs or of VPCs it is not peered with
/// are left out.
fn peer_group_references<'d>(index: &DesignIndex<'d>) -> Vec<PeerGroupReference<'d>> {
    let mut references = Vec::new();
    if index.peerings.is_empty() {
        return references;
    }
    for vpc in &index.design.vpcs {
        for group in &vpc.security_groups {
            let mut seen: Vec<(&VpcId, &SecurityGroupId)> = Vec::new();
            for rule in &group.ingress {
                let RuleSource::SecurityGroup {
                    vpc: peer_id,
                    group: referenced,
                } = &rule.source
                else {
                    continue;
                };
                if peer_id == &vpc.id || seen.contains(&(peer_id, referenced)) {
                    continue;
                }
                seen.push((peer_id, referenced));
                let peerings: Vec<&Link> = index
                    .peerings_of(&vpc.id)
                    .filter(|(_, peering)| index.peer_of(peering, &vpc.id) == peer_id)
                    .map(|(link, _)| link)
                    .collect();
                if peerings.is_empty() {
                    continue;
                }
                let Some(peer) = index.vpc(peer_id) else {
                    continue;
                };
                references.push(PeerGroupReference {
                    vpc,
                    group,
                    peer,
                    referenced,
                    peerings,
                });
            }
        }
    }
    references
}

/// What a service node is, so that two nodes for the same AWS service in the
/// same Region count as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ServiceKey<'d> {
    Aws { suffix: &'d str, region: &'d str },
    Node(&'d ServiceId),
}

fn service_key(service: &Service) -> ServiceKey<'_> {
    match &service.kind {
        ServiceKind::Aws { service: suffix } => ServiceKey::Aws {
            suffix,
            region: &service.region,
        },
        ServiceKind::EndpointService(_) => ServiceKey::Node(&service.id),
    }
}

/// The endpoints each VPC has, by the service they reach.
struct Endpoints<'d> {
    by_vpc: HashMap<(&'d VpcId, ServiceKey<'d>), EndpointsTo<'d>>,
}

#[derive(Default)]
struct EndpointsTo<'d> {
    gateway: Vec<&'d Link>,
    interface: Vec<&'d Link>,
}

impl<'d> Endpoints<'d> {
    /// The endpoints to the services `wanted` accepts.
    fn new(index: &DesignIndex<'d>, wanted: impl Fn(ServiceKey<'_>) -> bool) -> Endpoints<'d> {
        let mut by_vpc: HashMap<_, EndpointsTo<'d>> = HashMap::default();
        for &(link, endpoint) in &index.gateway_endpoints {
            if let Some(service) = index.service(&endpoint.service)
                && wanted(service_key(service))
            {
                by_vpc
                    .entry((&endpoint.vpc, service_key(service)))
                    .or_default()
                    .gateway
                    .push(link);
            }
        }
        for &(link, endpoint) in &index.interface_endpoints {
            if let EndpointTarget::Service(id) = &endpoint.target
                && let Some(service) = index.service(id)
                && wanted(service_key(service))
            {
                by_vpc
                    .entry((&endpoint.vpc, service_key(service)))
                    .or_default()
                    .interface
                    .push(link);
            }
        }
        Endpoints { by_vpc }
    }

    /// The endpoints of a VPC to a service, if it has any.
    fn of(&self, vpc: &'d VpcId, key: ServiceKey<'d>) -> Option<&EndpointsTo<'d>> {
        self.by_vpc.get(&(vpc, key))
    }

    /// The walk PEER-005 and PEER-006 share: the endpoints to `key` in the
    /// VPCs peered with `b`, each with its VPC and the peering to it, or
    /// `None` when `b` has an endpoint of its own to the service.
    fn in_peers(
        &self,
        index: &DesignIndex<'d>,
        b: &'d Vpc,
        key: ServiceKey<'d>,
    ) -> Option<InPeers<'d>> {
        if self.of(&b.id, key).is_some() {
            return None;
        }
        let mut found = InPeers::default();
        for (peering_link, peering) in index.peerings_of(&b.id) {
            let Some(a) = index.vpc(index.peer_of(peering, &b.id)) else {
                continue;
            };
            if a.id == b.id {
                continue;
            }
            let Some(theirs) = self.of(&a.id, key) else {
                continue;
            };
            for &endpoint in &theirs.gateway {
                found.gateway.push((a, peering_link, endpoint));
            }
            for &endpoint in &theirs.interface {
                found.interface.push((a, peering_link, endpoint));
            }
        }
        Some(found)
    }
}

/// Endpoints in peered VPCs, each as (peer VPC, peering, endpoint).
#[derive(Default)]
struct InPeers<'d> {
    gateway: Vec<(&'d Vpc, &'d Link, &'d Link)>,
    interface: Vec<(&'d Vpc, &'d Link, &'d Link)>,
}

/// PEER-005's finding, for `validate` and reachability alike: the gateway
/// endpoints in peered VPCs that a flow from `b` to `service` could only
/// have used, when `service` has gateway endpoints, `b` has no endpoint of
/// its own to it, and no peer offers an interface endpoint to it (PEER-006).
/// Empty when none of this holds.
fn gateway_endpoints_only_in_peers<'d>(
    index: &DesignIndex<'d>,
    endpoints: &Endpoints<'d>,
    b: &'d Vpc,
    service: &'d Service,
) -> Vec<(&'d Vpc, &'d Link, &'d Link)> {
    let key = service_key(service);
    let ServiceKey::Aws { suffix, .. } = key else {
        return Vec::new();
    };
    if !GATEWAY_SERVICES.contains(&suffix) {
        return Vec::new();
    }
    match endpoints.in_peers(index, b, key) {
        Some(found) if found.interface.is_empty() => found.gateway,
        _ => Vec::new(),
    }
}

/// The endpoints PEER-005 looks at: those to services with gateway endpoints.
fn gateway_service_endpoints<'d>(index: &DesignIndex<'d>) -> Endpoints<'d> {
    Endpoints::new(
        index,
        |key| matches!(key, ServiceKey::Aws { suffix, .. } if GATEWAY_SERVICES.contains(&suffix)),
    )
}

/// `gateway_endpoints_only_in_peers` for one question, as reachability asks
/// it: the peer VPC, the peering and the gateway endpoint of each.
pub(crate) fn peer_gateway_endpoints<'d>(
    index: &DesignIndex<'d>,
    b: &'d Vpc,
    service: &'d Service,
) -> Vec<(&'d Vpc, &'d Link, &'d Link)> {
    gateway_endpoints_only_in_peers(index, &gateway_service_endpoints(index), b, service)
}

/// The VPCs and peerings as a graph: nodes are the design's VPCs (each id
/// once), edges the peerings between two distinct VPCs that both resolve.
struct PeeringGraph<'i, 'd> {
    index: &'i DesignIndex<'d>,
    vpcs: &'i [&'d Vpc],
    /// The connected component of each node, numbered in design order.
    component: Vec<usize>,
    components: usize,
}

impl<'i, 'd> PeeringGraph<'i, 'd> {
    fn new(index: &'i DesignIndex<'d>) -> PeeringGraph<'i, 'd> {
        let mut graph = PeeringGraph {
            index,
            vpcs: &index.nodes,
            component: vec![usize::MAX; index.nodes.len()],
            components: 0,
        };
        let mut queue = VecDeque::new();
        for start in 0..graph.vpcs.len() {
            if graph.component.get(start) != Some(&usize::MAX) {
                continue;
            }
            let label = graph.components;
            graph.components += 1;
            if let Some(slot) = graph.component.get_mut(start) {
                *slot = label;
            }
            queue.push_back(start);
            while let Some(node) = queue.pop_front() {
                for (next, _) in graph.neighbours(node) {
                    if let Some(slot) = graph.component.get_mut(next)
                        && *slot == usize::MAX
                    {
                        *slot = label;
                        queue.push_back(next);
                    }
                }
            }
        }
        graph
    }

    /// The node of each VPC id.
    fn positions(&self) -> HashMap<&'d VpcId, usize> {
        self.vpcs
            .iter()
            .enumerate()
            .map(|(node, vpc)| (&vpc.id, node))
            .collect()
    }

    /// The other end and the peering of each edge of `node`, in peering order.
    fn neighbours(&self, node: usize) -> impl Iterator<Item = (usize, &'d Link)> + use<'i, 'd> {
        let index = self.index;
        let own = u32::try_from(node).ok();
        let positions = own.map_or(&[][..], |own| index.node_peerings(own));
        positions.iter().filter_map(move |&position| {
            let &(link, _) = index.peerings.get(position as usize)?;
            let &(Some(a), Some(b)) = index.peering_nodes.get(position as usize)? else {
                return None;
            };
            if a == b {
                return None;
            }
            let other = if Some(a) == own { b } else { a };
            Some((other as usize, link))
        })
    }

    /// For every node reachable from `from`, the node and peering it is
    /// first reached through (a breadth-first tree, so paths are shortest).
    fn tree_from(&self, from: usize) -> Vec<Option<(usize, &'d Link)>> {
        let mut parent: Vec<Option<(usize, &Link)>> = vec![None; self.vpcs.len()];
        let mut seen = vec![false; self.vpcs.len()];
        if let Some(slot) = seen.get_mut(from) {
            *slot = true;
        }
        let mut queue = VecDeque::from([from]);
        while let Some(node) = queue.pop_front() {
            for (next, link) in self.neighbours(node) {
                if let Some(slot) = seen.get_mut(next)
                    && !*slot
                {
                    *slot = true;
                    if let Some(entry) = parent.get_mut(next) {
                        *entry = Some((node, link));
                    }
                    queue.push_back(next);
                }
            }
        }
        parent
    }
}

/// The path from the root of a breadth-first tree to `to`: the nodes after
/// the root and the peerings between them, in order.
fn path_in_tree<'d>(tree: &[Option<(usize, &'d Link)>], to: usize) -> (Vec<usize>, Vec<&'d Link>) {
    let mut nodes = vec![to];
    let mut links = Vec::new();
    let mut node = to;
    // A tree path has at most as many steps as the tree has nodes.
    for _ in 0..tree.len() {
        let Some(Some((parent, link))) = tree.get(node) else {
            break;
        };
        links.push(*link);
        nodes.push(*parent);
        node = *parent;
    }
    nodes.pop(); // The root.
    nodes.reverse();
    links.reverse();
    (nodes, links)
}

#[cfg(test)]
mod tests;
