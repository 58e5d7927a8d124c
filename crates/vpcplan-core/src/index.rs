//! Lookups over a design, built once per validation so that every rule runs
//! in time proportional to what it inspects, never comparing all pairs.

use std::borrow::Cow;

use crate::collections::HashMap;

use crate::LinkKind;
use crate::design::{
    AccountId, Design, GatewayEndpoint, InterfaceEndpoint, Link, LinkId, LinkSpec, Peering,
    PeeringState, RouteTable, RouteTableId, SecurityGroup, SecurityGroupId, Service, ServiceId,
    Subnet, SubnetId, Vpc, VpcId,
};
use crate::routes::{ResolvedVpcs, RouteSet, TableRoutes};

/// What the rules compare between two VPCs, a few bytes per node, so that a
/// rule walking thousands of peerings or endpoints reads these instead of
/// the VPCs themselves: the Region and the account as numbers (two VPCs
/// have the same number exactly when they have the same text; the text of
/// a number is in `DesignIndex::regions` and `DesignIndex::accounts`), and
/// whether the VPC sends jumbo frames.
#[derive(Debug, Clone, Copy)]
pub struct NodeFacts {
    pub region: u32,
    pub account: u32,
    pub jumbo_frames: bool,
}

/// A peering's settings, copied into the index.
#[derive(Debug, Clone, Copy)]
pub struct PeeringFacts {
    pub state: PeeringState,
    pub dns_resolution: bool,
    pub ipv6: bool,
    /// Whether the peering excludes some route tables from its routes.
    pub excludes_tables: bool,
}

pub struct DesignIndex<'d> {
    pub design: &'d Design,
    pub vpcs: HashMap<&'d VpcId, &'d Vpc>,
    pub subnets: HashMap<&'d SubnetId, (&'d Vpc, &'d Subnet)>,
    pub route_tables: HashMap<&'d RouteTableId, (&'d Vpc, &'d RouteTable)>,
    pub security_groups: HashMap<&'d SecurityGroupId, (&'d Vpc, &'d SecurityGroup)>,
    pub services: HashMap<&'d ServiceId, &'d Service>,
    pub links: HashMap<&'d LinkId, &'d Link>,
    pub peerings: Vec<(&'d Link, &'d Peering)>,
    pub interface_endpoints: Vec<(&'d Link, &'d InterfaceEndpoint)>,
    pub gateway_endpoints: Vec<(&'d Link, &'d GatewayEndpoint)>,
    /// The node of each interface endpoint's and gateway endpoint's VPC
    /// (aligned with `interface_endpoints` and `gateway_endpoints`),
    /// resolved once rather than by every rule about endpoints.
    interface_endpoint_nodes: Vec<Option<u32>>,
    gateway_endpoint_nodes: Vec<Option<u32>>,
    /// Every route table's routes, explicit and derived.
    pub routes: RouteSet<'d>,
    /// The design's VPCs in order, each id once (the VPC `vpc` resolves it
    /// to): the nodes of the peering graph, numbered by position.
    pub nodes: Vec<&'d Vpc>,
    /// The node of the requester and of the accepter of each peering,
    /// aligned with `peerings`; `None` for an id that names no VPC.
    pub peering_nodes: Vec<(Option<u32>, Option<u32>)>,
    /// What the rules ask of each peering most often, aligned with
    /// `peerings`, so that they need not read the peering itself.
    pub peering_facts: Vec<PeeringFacts>,
    /// The kind of each link, aligned with `design.links`: a pass that only
    /// sorts links by kind reads these bytes instead of the links.
    pub link_kinds: Vec<LinkKind>,
    /// Each node's Region, account and jumbo frames, aligned with `nodes`.
    pub node_facts: Vec<NodeFacts>,
    /// The text of each Region and account number in `node_facts`.
    pub regions: Vec<&'d str>,
    pub accounts: Vec<&'d AccountId>,
    node_of: HashMap<&'d VpcId, u32>,
    /// The position in `design.vpcs` of each node.
    node_positions: Vec<u32>,
    /// The positions in `peerings` of each node's peerings:
    /// `node_peerings[node_peering_starts[n]..node_peering_starts[n + 1]]`.
    node_peering_starts: Vec<u32>,
    node_peerings: Vec<u32>,
    /// The peerings that name a VPC id no VPC has (DES-001 reports them).
    unresolved_peerings: HashMap<&'d VpcId, Vec<u32>>,
    /// The route tables in use of each VPC (`Vpc::route_tables_in_use`),
    /// asked once per VPC here rather than by each rule that needs them, by
    /// the VPC's position in `design.vpcs`:
    /// `tables_in_use[tables_in_use_starts[v]..tables_in_use_starts[v + 1]]`.
    tables_in_use_starts: Vec<u32>,
    tables_in_use: Vec<&'d RouteTable>,
}

impl<'d> DesignIndex<'d> {
    pub fn new(design: &'d Design) -> DesignIndex<'d> {
        let total = |count: fn(&Vpc) -> usize| design.vpcs.iter().map(count).sum();
        let mut index = DesignIndex {
            design,
            vpcs: HashMap::with_capacity_and_hasher(design.vpcs.len(), Default::default()),
            subnets: HashMap::with_capacity_and_hasher(
                total(|vpc| vpc.subnets.len()),
                Default::default(),
            ),
            route_tables: HashMap::with_capacity_and_hasher(
                total(|vpc| vpc.route_tables.len()),
                Default::default(),
            ),
            security_groups: HashMap::with_capacity_and_hasher(
                total(|vpc| vpc.security_groups.len()),
                Default::default(),
            ),
            services: design
                .services
                .iter()
                .map(|service| (&service.id, service))
                .collect(),
            links: HashMap::with_capacity_and_hasher(design.links.len(), Default::default()),
            peerings: Vec::new(),
            interface_endpoints: Vec::new(),
            gateway_endpoints: Vec::new(),
            interface_endpoint_nodes: Vec::new(),
            gateway_endpoint_nodes: Vec::new(),
            routes: RouteSet::empty(),
            nodes: Vec::with_capacity(design.vpcs.len()),
            peering_nodes: Vec::new(),
            peering_facts: Vec::new(),
            node_of: HashMap::with_capacity_and_hasher(design.vpcs.len(), Default::default()),
            node_positions: Vec::with_capacity(design.vpcs.len()),
            node_facts: Vec::with_capacity(design.vpcs.len()),
            link_kinds: Vec::with_capacity(design.links.len()),
            regions: Vec::new(),
            accounts: Vec::new(),
            node_peering_starts: Vec::new(),
            node_peerings: Vec::new(),
            unresolved_peerings: HashMap::default(),
            tables_in_use_starts: Vec::with_capacity(design.vpcs.len() + 1),
            tables_in_use: Vec::with_capacity(design.vpcs.len()),
        };
        for vpc in &design.vpcs {
            index
                .tables_in_use_starts
                .push(index.tables_in_use.len() as u32);
            vpc.push_route_tables_in_use(&mut index.tables_in_use);
            index.vpcs.insert(&vpc.id, vpc);
            for subnet in &vpc.subnets {
                index.subnets.insert(&subnet.id, (vpc, subnet));
            }
            for table in &vpc.route_tables {
                index.route_tables.insert(&table.id, (vpc, table));
            }
            for group in &vpc.security_groups {
                index.security_groups.insert(&group.id, (vpc, group));
            }
        }
        (index.tables_in_use_starts).push(index.tables_in_use.len() as u32);
        let repeated = index.vpcs.len() != design.vpcs.len();
        let mut region_numbers: HashMap<&str, u32> = HashMap::default();
        let mut account_numbers: HashMap<&AccountId, u32> = HashMap::default();
        for (position, vpc) in (0u32..).zip(&design.vpcs) {
            if repeated
                && !index
                    .vpcs
                    .get(&vpc.id)
                    .is_some_and(|indexed| std::ptr::eq(*indexed, vpc))
            {
                continue;
            }
            let Ok(node) = u32::try_from(index.nodes.len()) else {
                break;
            };
            index.node_of.insert(&vpc.id, node);
            index.nodes.push(vpc);
            let region = number_of(&mut region_numbers, &mut index.regions, vpc.region.as_str());
            let account = number_of(&mut account_numbers, &mut index.accounts, &vpc.account);
            index.node_facts.push(NodeFacts {
                region,
                account,
                jumbo_frames: vpc.jumbo_frames,
            });
            index.node_positions.push(position);
        }
        // One pass over the links (thousands of them, each a cache miss
        // of its own at scale) both maps and sorts them.
        for link in &design.links {
            index.links.insert(&link.id, link);
            index.link_kinds.push(link.kind());
            match &link.spec {
                LinkSpec::Peering(peering) => index.peerings.push((link, peering)),
                LinkSpec::InterfaceEndpoint(endpoint) => {
                    index.interface_endpoints.push((link, endpoint))
                }
                LinkSpec::GatewayEndpoint(endpoint) => {
                    index.gateway_endpoints.push((link, endpoint))
                }
            }
        }
        index.interface_endpoint_nodes = (index.interface_endpoints.iter())
            .map(|(_, endpoint)| index.node(&endpoint.vpc))
            .collect();
        index.gateway_endpoint_nodes = (index.gateway_endpoints.iter())
            .map(|(_, endpoint)| index.node(&endpoint.vpc))
            .collect();
        index.index_peerings();
        // Without repeated VPC ids, nodes are positions in `design.vpcs`.
        index.routes = RouteSet::new(
            design,
            (!repeated).then_some(ResolvedVpcs {
                peerings: &index.peering_nodes,
                gateway_endpoints: &index.gateway_endpoint_nodes,
                link_kinds: &index.link_kinds,
                peering_facts: &index.peering_facts,
                positions: &index.node_of,
            }),
        );
        let tables: usize = design.vpcs.iter().map(|vpc| vpc.route_tables.len()).sum();
        if index.route_tables.len() != tables {
            index.routes.join_repeated_ids();
        }
        index
    }

    /// Resolves both ends of every peering once, and lists each node's
    /// peerings contiguously (counted first, then placed in peering order).
    fn index_peerings(&mut self) {
        let mut counts = vec![0u32; self.nodes.len() + 1];
        self.peering_nodes.reserve(self.peerings.len());
        self.peering_facts.reserve(self.peerings.len());
        for (position, (_, peering)) in self.peerings.iter().enumerate() {
            self.peering_facts.push(PeeringFacts {
                state: peering.state,
                dns_resolution: peering.dns_resolution,
                ipv6: peering.ipv6,
                excludes_tables: !peering.excluded_route_tables.is_empty(),
            });
            let requester = self.node_of.get(&peering.requester).copied();
            let accepter = if peering.accepter == peering.requester {
                requester
            } else {
                self.node_of.get(&peering.accepter).copied()
            };
            self.peering_nodes.push((requester, accepter));
            let sides: [(Option<u32>, &VpcId); 2] = [
                (requester, &peering.requester),
                (accepter, &peering.accepter),
            ];
            let self_peering = peering.accepter == peering.requester;
            for (side, (node, id)) in sides.into_iter().enumerate() {
                if side == 1 && self_peering {
                    continue;
                }
                match node {
                    Some(node) => {
                        if let Some(count) = counts.get_mut(node as usize + 1) {
                            *count += 1;
                        }
                    }
                    None => self
                        .unresolved_peerings
                        .entry(id)
                        .or_default()
                        .push(position as u32),
                }
            }
        }
        for node in 1..counts.len() {
            let before = counts.get(node - 1).copied().unwrap_or(0);
            if let Some(count) = counts.get_mut(node) {
                *count += before;
            }
        }
        let total = counts.last().copied().unwrap_or(0) as usize;
        let mut next = counts.clone();
        self.node_peerings = vec![0; total];
        for (position, &(requester, accepter)) in self.peering_nodes.iter().enumerate() {
            let ends = [requester, accepter.filter(|_| accepter != requester)];
            for node in ends.into_iter().flatten() {
                if let Some(slot) = next.get_mut(node as usize)
                    && let Some(entry) = self.node_peerings.get_mut(*slot as usize)
                {
                    *entry = position as u32;
                    *slot += 1;
                }
            }
        }
        self.node_peering_starts = counts;
    }

    /// The position in `design.vpcs` of one of the design's VPCs, found by
    /// its address (every `&Vpc` the index hands out points into
    /// `design.vpcs`); `None` for a VPC that is not the design's.
    pub fn vpc_position(&self, vpc: &Vpc) -> Option<usize> {
        let size = std::mem::size_of::<Vpc>().max(1);
        let offset = (vpc as *const Vpc as usize).checked_sub(self.design.vpcs.as_ptr() as usize)?;
        (offset % size == 0)
            .then_some(offset / size)
            .filter(|&position| position < self.design.vpcs.len())
    }

    /// The route tables in use of one of the design's VPCs: what
    /// `Vpc::route_tables_in_use` answers, asked once per VPC when the index
    /// is built.
    pub fn route_tables_in_use(&self, vpc: &'d Vpc) -> Cow<'_, [&'d RouteTable]> {
        let Some(position) = self.vpc_position(vpc) else {
            return Cow::Owned(vpc.route_tables_in_use());
        };
        match (
            self.tables_in_use_starts.get(position),
            self.tables_in_use_starts.get(position + 1),
        ) {
            (Some(&start), Some(&end)) => Cow::Borrowed(
                self.tables_in_use
                    .get(start as usize..end as usize)
                    .unwrap_or_default(),
            ),
            _ => Cow::Owned(vpc.route_tables_in_use()),
        }
    }

    /// Whether a route table with the id `table` is in use in one of the
    /// design's VPCs (`Vpc::route_table_in_use`).
    pub fn route_table_in_use(&self, vpc: &'d Vpc, table: &RouteTableId) -> bool {
        self.route_tables_in_use(vpc)
            .iter()
            .any(|in_use| &in_use.id == table)
    }

    pub fn vpc(&self, id: &VpcId) -> Option<&'d Vpc> {
        self.vpcs.get(id).copied()
    }

    /// The node of a VPC id (its position in `nodes`).
    pub fn node(&self, id: &VpcId) -> Option<u32> {
        self.node_of.get(id).copied()
    }

    /// The requester and accepter VPC of the peering at `position` in
    /// `peerings`, each when it resolves.
    pub fn peering_vpcs(&self, position: usize) -> (Option<&'d Vpc>, Option<&'d Vpc>) {
        let vpc = |node: Option<u32>| node.and_then(|node| self.nodes.get(node as usize).copied());
        match self.peering_nodes.get(position) {
            Some(&(requester, accepter)) => (vpc(requester), vpc(accepter)),
            None => (None, None),
        }
    }

    /// The positions in `peerings` of a node's peerings, in design order.
    pub fn node_peerings(&self, node: u32) -> &[u32] {
        let node = node as usize;
        match (
            self.node_peering_starts.get(node),
            self.node_peering_starts.get(node + 1),
        ) {
            (Some(&start), Some(&end)) => self
                .node_peerings
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The positions in `peerings` of the peerings that name a VPC id.
    pub fn peering_positions(&self, vpc: &VpcId) -> &[u32] {
        match self.node(vpc) {
            Some(node) => self.node_peerings(node),
            None => self
                .unresolved_peerings
                .get(vpc)
                .map(Vec::as_slice)
                .unwrap_or_default(),
        }
    }

    /// The link with an id (the last one, should ids repeat).
    pub fn link(&self, id: &LinkId) -> Option<&'d Link> {
        self.links.get(id).copied()
    }

    /// The VPC of a node.
    pub fn node_vpc(&self, node: Option<u32>) -> Option<&'d Vpc> {
        self.nodes.get(node? as usize).copied()
    }

    /// The facts of a node (`NodeFacts`).
    pub fn node_facts(&self, node: u32) -> Option<NodeFacts> {
        self.node_facts.get(node as usize).copied()
    }

    /// Every interface endpoint with its VPC, when the VPC exists.
    pub fn interface_endpoints_with_vpc(
        &self,
    ) -> impl Iterator<Item = (&'d Link, &'d InterfaceEndpoint, Option<&'d Vpc>)> + '_ {
        self.interface_endpoints
            .iter()
            .zip(&self.interface_endpoint_nodes)
            .map(|(&(link, endpoint), &node)| (link, endpoint, self.node_vpc(node)))
    }

    /// Every gateway endpoint with its VPC, when the VPC exists.
    pub fn gateway_endpoints_with_vpc(
        &self,
    ) -> impl Iterator<Item = (&'d Link, &'d GatewayEndpoint, Option<&'d Vpc>)> + '_ {
        self.gateway_endpoints
            .iter()
            .zip(&self.gateway_endpoint_nodes)
            .map(|(&(link, endpoint), &node)| (link, endpoint, self.node_vpc(node)))
    }

    /// The node of the VPC of the interface endpoint at `position` in
    /// `interface_endpoints`, when the VPC exists.
    pub fn interface_endpoint_node(&self, position: usize) -> Option<u32> {
        self.interface_endpoint_nodes
            .get(position)
            .copied()
            .flatten()
    }

    /// The node of the VPC of the gateway endpoint at `position` in
    /// `gateway_endpoints`, when the VPC exists.
    pub fn gateway_endpoint_node(&self, position: usize) -> Option<u32> {
        self.gateway_endpoint_nodes.get(position).copied().flatten()
    }

    /// The VPC of the interface endpoint at `position` in
    /// `interface_endpoints`, when it exists.
    pub fn interface_endpoint_vpc(&self, position: usize) -> Option<&'d Vpc> {
        self.node_vpc(self.interface_endpoint_node(position))
    }

    /// The VPC of the gateway endpoint at `position` in `gateway_endpoints`,
    /// when it exists.
    pub fn gateway_endpoint_vpc(&self, position: usize) -> Option<&'d Vpc> {
        self.node_vpc(self.gateway_endpoint_node(position))
    }

    pub fn service(&self, id: &ServiceId) -> Option<&'d Service> {
        self.services.get(id).copied()
    }

    /// The peerings a VPC is part of.
    pub fn peerings_of(&self, vpc: &VpcId) -> impl Iterator<Item = (&'d Link, &'d Peering)> + '_ {
        self.peering_positions(vpc)
            .iter()
            .filter_map(|&position| self.peerings.get(position as usize).copied())
    }

    /// The VPC on the other side of a peering from `vpc`.
    pub fn peer_of<'p>(&self, peering: &'p Peering, vpc: &VpcId) -> &'p VpcId {
        if &peering.requester == vpc {
            &peering.accepter
        } else {
            &peering.requester
        }
    }

    /// The routes of a table, explicit and derived (with a repeated table
    /// id, those of every table with the id).
    pub fn routes_of(&self, table: &RouteTableId) -> TableRoutes<'_, 'd> {
        self.routes.routes_of(table)
    }

    /// Every route table with its VPC and its routes, in design order,
    /// found by position rather than by id.
    pub fn tables_with_routes(
        &self,
    ) -> impl Iterator<Item = (&'d Vpc, &'d RouteTable, TableRoutes<'_, 'd>)> {
        self.design
            .vpcs
            .iter()
            .flat_map(|vpc| vpc.route_tables.iter().map(move |table| (vpc, table)))
            .enumerate()
            .map(|(position, (vpc, table))| (vpc, table, self.routes.routes_at(position)))
    }

    /// The routes of each of a node's route tables, in order, found by
    /// position rather than by id.
    pub fn node_table_routes(&self, node: u32) -> impl Iterator<Item = TableRoutes<'_, 'd>> {
        let (first, count) = match (
            self.node_positions.get(node as usize),
            self.nodes.get(node as usize),
        ) {
            (Some(&position), Some(vpc)) => (
                self.routes.first_table_of_vpc(position as usize),
                vpc.route_tables.len(),
            ),
            _ => (0, 0),
        };
        (first..first + count).map(|position| self.routes.routes_at(position))
    }
}

/// The number of `text` among `texts`, numbering it when it is new.
fn number_of<'d, T: ?Sized + Eq + std::hash::Hash>(
    numbers: &mut HashMap<&'d T, u32>,
    texts: &mut Vec<&'d T>,
    text: &'d T,
) -> u32 {
    *numbers.entry(text).or_insert_with(|| {
        texts.push(text);
        texts.len() as u32 - 1
    })
}
