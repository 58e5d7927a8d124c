//! The graph the engine walks: lookups built once per question, node
//! resolution, the peering tree, and the route tables that serve a side.

use crate::collections::HashMap;
use std::collections::VecDeque;

use crate::LinkKind;
use crate::design::{
    Design, EndpointService, GatewayEndpoint, InterfaceEndpoint, Link, Peering, RouteTable,
    Service, ServiceKind, Subnet, SubnetId, Vpc, VpcId,
};
use crate::diagnostic::Localized;
use crate::index::DesignIndex;

use super::explanations::{dangling, join};
use super::{Graph, Hop, Node, Path, Place, Reachability, Reason, Side};

pub(super) fn resolve_subnets<'d>(vpc: &'d Vpc, ids: &[SubnetId]) -> Vec<&'d Subnet> {
    ids.iter()
        .filter_map(|id| vpc.subnets.iter().find(|subnet| &subnet.id == id))
        .collect()
}

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
            .map_or_else(|| vpc.to_string(), |vpc| vpc.label().to_owned())
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

    pub(super) fn reachability(&self, from: &Node, to: &Node) -> Reachability {
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

    /// The first working path from `from` to `to`, or every reason each
    /// candidate path fails. Context that needs a search of the whole
    /// peering graph is left to `explain`.
    pub(super) fn connect(
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
                Place::Service(service) => service.label(),
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
                    let cidrs = join(vpc.cidrs());
                    return Ok(vec![Hop {
                        from: from.clone(),
                        to: to.clone(),
                        link: None,
                        kind: None,
                        via: Localized::new(
                            format!("the local route of {} ({cidrs})", vpc.label()),
                            format!("{}のローカルルート({cidrs})", vpc.label()),
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

    /// The route tables that serve a side: its subnets' tables, or, for a
    /// whole VPC, the tables in use (`Vpc::route_tables_in_use`).
    pub(super) fn side_tables(&self, side: &Side<'d>) -> Vec<&'d RouteTable> {
        if side.subnets.is_empty() {
            self.index.route_tables_in_use(side.vpc).into_owned()
        } else {
            side.vpc
                .route_tables_serving(side.subnets.iter().map(|subnet| &subnet.id))
        }
    }
}
