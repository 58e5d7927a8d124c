//! The routes a design's route tables end up with: the ones written
//! explicitly, plus the ones its links imply.
//!
//! A peering adds, in every route table of both VPCs (unless excluded), a route
//! to each of the peer's IPv4 CIDRs, and to its IPv6 CIDRs when IPv6 is wanted.
//! A gateway endpoint adds a route to its service's prefix list in each of its
//! route tables. Routes are derived, never stored, so they cannot go stale.

use std::collections::hash_map::Entry;

use crate::LinkKind;
use crate::collections::HashMap;
use crate::design::{
    Design, Link, LinkId, LinkSpec, Route, RouteDestination, RouteTable, RouteTableId, RouteTarget,
    ServiceKind, Vpc, VpcId,
};
use crate::index::PeeringFacts;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteOrigin {
    Explicit,
    /// Implied by this link.
    Link(LinkId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EffectiveRoute {
    pub destination: RouteDestination,
    pub target: RouteTarget,
    pub origin: RouteOrigin,
}

/// The name of the AWS-managed prefix list of a gateway service in a Region,
/// such as `com.amazonaws.ap-northeast-1.s3`.
pub fn gateway_prefix_list(service: &str, region: &str) -> String {
    format!("com.amazonaws.{region}.{service}")
}

/// A route of a table, borrowed: from the design for a route written in the
/// table, from the index (`RouteSet`) for a route a link implies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RouteRef<'a> {
    pub destination: &'a RouteDestination,
    pub target: &'a RouteTarget,
    /// The link that implies the route; `None` for a route written in the table.
    pub origin: Option<&'a Link>,
}

impl RouteRef<'_> {
    pub fn to_effective(&self) -> EffectiveRoute {
        EffectiveRoute {
            destination: self.destination.clone(),
            target: self.target.clone(),
            origin: match self.origin {
                Some(link) => RouteOrigin::Link(link.id.clone()),
                None => RouteOrigin::Explicit,
            },
        }
    }

    /// The id of the link that implies the route.
    pub fn origin_id(&self) -> Option<&LinkId> {
        self.origin.map(|link| &link.id)
    }
}

/// Every route table's routes, explicit first, then derived in link order.
///
/// With duplicate table ids (DES-002), the routes of all tables with one id
/// are kept together, in design order.
pub fn effective_routes(design: &Design) -> HashMap<&RouteTableId, Vec<EffectiveRoute>> {
    let set = RouteSet::new(design, None);
    let mut by_id: HashMap<&RouteTableId, Vec<EffectiveRoute>> =
        HashMap::with_capacity_and_hasher(set.tables.len(), Default::default());
    for position in 0..set.tables.len() {
        let Some(table) = set.tables.get(position) else {
            continue;
        };
        let routes = set
            .routes_at_one(position)
            .map(|route| route.to_effective());
        match by_id.entry(&table.id) {
            Entry::Vacant(entry) => {
                entry.insert(routes.collect());
            }
            Entry::Occupied(mut entry) => entry.get_mut().extend(routes),
        }
    }
    by_id
}

/// The VPCs the index resolved, when the design repeats no VPC id (so
/// nodes are positions in `design.vpcs`).
#[derive(Clone, Copy)]
pub(crate) struct ResolvedVpcs<'a, 'd> {
    /// Each peering's requester and accepter, in link order.
    pub peerings: &'a [(Option<u32>, Option<u32>)],
    /// Each gateway endpoint's VPC, in link order.
    pub gateway_endpoints: &'a [Option<u32>],
    /// The position of each VPC id.
    pub positions: &'a HashMap<&'d VpcId, u32>,
    /// Each link's kind, and each peering's settings (in link order), so
    /// that deriving a peering's routes need not read the peering again.
    pub link_kinds: &'a [LinkKind],
    pub peering_facts: &'a [PeeringFacts],
}

/// A derived route, as positions: the link that implies it (in
/// `RouteSet::sources`) and its destination (in `RouteSet::destinations`).
#[derive(Clone, Copy)]
struct DerivedRoute {
    source: u32,
    destination: u32,
}

/// The routes of every route table of a design, explicit and derived, built
/// once per validation. A derived route is two numbers (the link that
/// implies it, where it leads) rather than an owned route, so the routes of
/// thousands of VPCs stay a few hundred kilobytes.
///
/// Tables are numbered by position: every VPC's tables in design order.
pub struct RouteSet<'d> {
    /// Every table, by position.
    tables: Vec<&'d RouteTable>,
    /// The derived routes of table `t`: `derived[starts[t]..starts[t + 1]]`.
    starts: Vec<u32>,
    derived: Vec<DerivedRoute>,
    /// Each link with routes.
    sources: Vec<&'d Link>,
    /// The target of each source's routes, made on first use: validation
    /// rarely asks for a derived route's target, and each target copies a
    /// link id.
    targets: std::sync::OnceLock<Vec<RouteTarget>>,
    /// Each VPC's CIDRs as destinations (IPv4, then IPv6), then the prefix
    /// lists of gateway services.
    destinations: Vec<RouteDestination>,
    /// The position of each VPC's first table, by the VPC's position.
    vpc_tables: Vec<u32>,
    /// The positions of the tables of each id held by more than one table.
    repeated: HashMap<&'d RouteTableId, Vec<u32>>,
    /// The position of each table id's first table, built on first use
    /// (validation finds tables by position). It owns its keys, because a
    /// cell of borrowed keys would make the index invariant over the design's
    /// lifetime.
    by_id: std::sync::OnceLock<HashMap<RouteTableId, u32>>,
}

/// The routes of one table (or of every table with its id): what
/// `RouteSet::routes_of` and its siblings return.
#[derive(Clone, Copy)]
pub struct TableRoutes<'a, 'd> {
    set: &'a RouteSet<'d>,
    positions: Positions<'a>,
}

#[derive(Clone, Copy)]
enum Positions<'a> {
    None,
    One(u32),
    Many(&'a [u32]),
}

impl<'a, 'd> TableRoutes<'a, 'd> {
    pub fn iter(&self) -> RouteIter<'a, 'd> {
        match self.positions {
            Positions::None => self.set.iter_from(None, &[]),
            Positions::One(position) => self.set.iter_from(Some(position), &[]),
            Positions::Many(positions) => self.set.iter_from(None, positions),
        }
    }

    /// The link behind each derived route, without building the routes:
    /// what a rule asks when it looks for a link's routes.
    pub fn origins(&self) -> impl Iterator<Item = &'d Link> + use<'a, 'd> {
        let set = self.set;
        let (one, many): (Option<u32>, &'a [u32]) = match self.positions {
            Positions::None => (None, &[]),
            Positions::One(position) => (Some(position), &[]),
            Positions::Many(positions) => (None, positions),
        };
        one.into_iter()
            .chain(many.iter().copied())
            .flat_map(move |position| set.derived_at(position as usize))
            .filter_map(move |route| set.sources.get(route.source as usize).copied())
    }

    /// Where each route leads, in the order of `iter`, without building the
    /// routes: what the rules that count or compare destinations ask. (A
    /// derived route's target copies its link's id, made on first use.)
    pub fn destinations(&self) -> impl Iterator<Item = &'a RouteDestination> + use<'a, 'd> {
        let set = self.set;
        let (one, many): (Option<u32>, &'a [u32]) = match self.positions {
            Positions::None => (None, &[]),
            Positions::One(position) => (Some(position), &[]),
            Positions::Many(positions) => (None, positions),
        };
        one.into_iter()
            .chain(many.iter().copied())
            .flat_map(move |position| {
                let position = position as usize;
                let explicit = set.explicit_at(position).iter();
                let derived = set.derived_at(position).iter();
                explicit.map(|route| &route.destination).chain(
                    derived
                        .filter_map(move |route| set.destinations.get(route.destination as usize)),
                )
            })
    }

    pub fn len(&self) -> usize {
        let count = |position: u32| self.set.count_at(position as usize);
        match self.positions {
            Positions::None => 0,
            Positions::One(position) => count(position),
            Positions::Many(positions) => positions.iter().map(|&position| count(position)).sum(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<'a, 'd> IntoIterator for TableRoutes<'a, 'd> {
    type Item = RouteRef<'a>;
    type IntoIter = RouteIter<'a, 'd>;

    fn into_iter(self) -> RouteIter<'a, 'd> {
        self.iter()
    }
}

/// The routes of one or more tables, each table's explicit routes first.
#[derive(Clone)]
pub struct RouteIter<'a, 'd> {
    set: &'a RouteSet<'d>,
    /// The positions of the tables still to visit after the current one.
    rest: &'a [u32],
    explicit: std::slice::Iter<'a, Route>,
    derived: std::slice::Iter<'a, DerivedRoute>,
}

impl<'a> Iterator for RouteIter<'a, '_> {
    type Item = RouteRef<'a>;

    fn next(&mut self) -> Option<RouteRef<'a>> {
        loop {
            if let Some(route) = self.explicit.next() {
                return Some(RouteRef {
                    destination: &route.destination,
                    target: &route.target,
                    origin: None,
                });
            }
            if let Some(route) = self.derived.next() {
                let (Some(link), Some(target)) = (
                    self.set.sources.get(route.source as usize),
                    self.set.targets().get(route.source as usize),
                ) else {
                    continue;
                };
                let Some(destination) = self.set.destinations.get(route.destination as usize)
                else {
                    continue;
                };
                return Some(RouteRef {
                    destination,
                    target,
                    origin: Some(*link),
                });
            }
            let (&next, rest) = self.rest.split_first()?;
            self.rest = rest;
            self.explicit = self.set.explicit_at(next as usize).iter();
            self.derived = self.set.derived_at(next as usize).iter();
        }
    }
}

impl<'d> RouteSet<'d> {
    /// No tables.
    pub(crate) fn empty() -> RouteSet<'d> {
        RouteSet {
            tables: Vec::new(),
            starts: vec![0],
            derived: Vec::new(),
            sources: Vec::new(),
            targets: std::sync::OnceLock::new(),
            destinations: Vec::new(),
            vpc_tables: vec![0],
            repeated: HashMap::default(),
            by_id: std::sync::OnceLock::new(),
        }
    }

    /// Derives every table's routes. `resolved`, when the design repeats no
    /// VPC id: for each peering in link order, the positions in `design.vpcs`
    /// of its requester and accepter, and the position of each VPC id.
    ///
    /// Links are resolved once, and every table's derived routes counted
    /// before they are placed, so the routes take two allocations.
    pub(crate) fn new(design: &'d Design, resolved: Option<ResolvedVpcs<'_, '_>>) -> RouteSet<'d> {
        // Without resolved peerings, a VPC id means the first VPC with it.
        let mut first_vpc: HashMap<&VpcId, u32> = HashMap::default();
        if resolved.is_none() {
            first_vpc.reserve(design.vpcs.len());
        }
        let mut vpc_tables = Vec::with_capacity(design.vpcs.len() + 1);
        let mut destination_starts = Vec::with_capacity(design.vpcs.len() + 1);
        let mut destinations = Vec::with_capacity(design.vpcs.len());
        // How many IPv4 and IPv6 CIDRs each VPC has, so that a peering's
        // routes are counted without reading the VPCs again.
        let mut cidr_counts = Vec::with_capacity(design.vpcs.len());
        let mut tables =
            Vec::with_capacity(design.vpcs.iter().map(|vpc| vpc.route_tables.len()).sum());
        for (position, vpc) in (0u32..).zip(&design.vpcs) {
            if resolved.is_none() {
                first_vpc.entry(&vpc.id).or_insert(position);
            }
            vpc_tables.push(tables.len() as u32);
            tables.extend(vpc.route_tables.iter());
            destination_starts.push(destinations.len() as u32);
            destinations.extend(vpc.ipv4_cidrs.iter().copied().map(RouteDestination::Ipv4));
            destinations.extend(vpc.ipv6_cidrs.iter().copied().map(RouteDestination::Ipv6));
            cidr_counts.push((vpc.ipv4_cidrs.len(), vpc.ipv6_cidrs.len()));
        }
        vpc_tables.push(tables.len() as u32);
        let vpc_position = |id: &VpcId| match resolved {
            Some(resolved) => resolved.positions.get(id).copied(),
            None => first_vpc.get(id).copied(),
        };
        let table_count = |position: usize| {
            Some((vpc_tables.get(position + 1)? - vpc_tables.get(position)?) as usize)
        };
        // A VPC's position and the position of its first table.
        let by_position = |position: Option<u32>| {
            let position = position? as usize;
            Some((*vpc_tables.get(position)? as usize, position))
        };
        let needs_services = design
            .links
            .iter()
            .any(|link| matches!(link.spec, LinkSpec::GatewayEndpoint(_)));
        let services: HashMap<_, _> = if needs_services {
            design
                .services
                .iter()
                .map(|service| (&service.id, service))
                .collect()
        } else {
            HashMap::default()
        };

        // Counts first: `counts[t + 1]` is the number of derived routes of table t.
        let mut counts = vec![0u32; tables.len() + 1];
        let mut add = |position: usize, count: usize| {
            if let Some(slot) = counts.get_mut(position + 1) {
                *slot += count as u32;
            }
        };
        let mut prefix_lists: HashMap<(&str, &str), u32> = HashMap::default();
        let mut derived = Vec::with_capacity(design.links.len());
        let mut sources = Vec::with_capacity(design.links.len());
        let mut peering_position = 0;
        let mut gateway_position = 0;
        // The positions among its VPC's tables of each gateway endpoint's
        // own tables, found once for counting and placing.
        let mut gateway_offsets: Vec<u32> = Vec::new();
        let peering_of = |link: &'d Link| match &link.spec {
            LinkSpec::Peering(peering) => Some(peering),
            _ => None,
        };
        for (link_position, link) in design.links.iter().enumerate() {
            let kind = match resolved {
                Some(resolved) => resolved.link_kinds.get(link_position).copied(),
                None => Some(link.kind()),
            };
            match kind {
                Some(LinkKind::Peering) => {
                    peering_position += 1;
                    // The index's copies of the peering's settings, when it
                    // has them; the excluded tables only when there are some.
                    let facts = resolved
                        .and_then(|resolved| resolved.peering_facts.get(peering_position - 1));
                    let (ipv6, excluded): (bool, &'d [RouteTableId]) = match facts {
                        Some(facts) if !facts.excludes_tables => (facts.ipv6, &[]),
                        _ => match peering_of(link) {
                            Some(peering) => (peering.ipv6, &peering.excluded_route_tables),
                            None => continue,
                        },
                    };
                    let ends = match resolved {
                        Some(resolved) => match resolved.peerings.get(peering_position - 1) {
                            Some(&(requester, accepter)) => {
                                (by_position(requester), by_position(accepter))
                            }
                            None => (None, None),
                        },
                        None => match peering_of(link) {
                            Some(peering) => (
                                by_position(vpc_position(&peering.requester)),
                                by_position(vpc_position(&peering.accepter)),
                            ),
                            None => (None, None),
                        },
                    };
                    let (Some(requester), Some(accepter)) = ends else {
                        continue;
                    };
                    let mut any = false;
                    let mut sides = [None; 2];
                    for (side, ((first, local), (_, peer))) in
                        [(requester, accepter), (accepter, requester)]
                            .into_iter()
                            .enumerate()
                    {
                        let (Some(tables), Some(&(ipv4, ipv6_count))) =
                            (table_count(local), cidr_counts.get(peer))
                        else {
                            continue;
                        };
                        let destinations = ipv4 + if ipv6 { ipv6_count } else { 0 };
                        if excluded.is_empty() {
                            for offset in 0..tables {
                                add(first + offset, destinations);
                                any |= destinations > 0;
                            }
                        } else if let Some(local_vpc) = design.vpcs.get(local) {
                            for (offset, table) in local_vpc.route_tables.iter().enumerate() {
                                if !excluded.contains(&table.id) {
                                    add(first + offset, destinations);
                                    any |= destinations > 0;
                                }
                            }
                        }
                        let start = destination_starts.get(peer).copied().unwrap_or_default();
                        if let Some(slot) = sides.get_mut(side) {
                            *slot = Some(PeeringSide {
                                first: first as u32,
                                local: local as u32,
                                tables: tables as u32,
                                destinations: (start, start + destinations as u32),
                            });
                        }
                    }
                    if any {
                        derived.push(Pending::Peering {
                            source: sources.len() as u32,
                            sides,
                            excluded: !excluded.is_empty(),
                        });
                        sources.push(link);
                    }
                }
                Some(LinkKind::GatewayEndpoint) => {
                    gateway_position += 1;
                    let LinkSpec::GatewayEndpoint(endpoint) = &link.spec else {
                        continue;
                    };
                    let position = match resolved {
                        Some(resolved) => resolved
                            .gateway_endpoints
                            .get(gateway_position - 1)
                            .copied()
                            .flatten(),
                        None => vpc_position(&endpoint.vpc),
                    };
                    let Some((first, position)) = by_position(position) else {
                        continue;
                    };
                    let Some(vpc) = design.vpcs.get(position) else {
                        continue;
                    };
                    let Some(ServiceKind::Aws { service }) =
                        services.get(&endpoint.service).map(|node| &node.kind)
                    else {
                        continue;
                    };
                    let destination = *prefix_lists
                        .entry((service.as_str(), vpc.region.as_str()))
                        .or_insert_with(|| {
                            destinations.push(RouteDestination::PrefixList(gateway_prefix_list(
                                service,
                                &vpc.region,
                            )));
                            destinations.len() as u32 - 1
                        });
                    // A table of another VPC, or one that does not exist, gets
                    // nothing; GW rules report such mistakes.
                    let start = gateway_offsets.len();
                    for offset in table_offsets(vpc, &endpoint.route_tables) {
                        add(first + offset, 1);
                        gateway_offsets.push(offset as u32);
                    }
                    if gateway_offsets.len() > start {
                        derived.push(Pending::GatewayEndpoint {
                            source: sources.len() as u32,
                            destination,
                            first: first as u32,
                            offsets: (start as u32, gateway_offsets.len() as u32),
                        });
                        sources.push(link);
                    }
                }
                Some(LinkKind::InterfaceEndpoint) | None => {}
            }
        }
        for position in 1..counts.len() {
            let before = counts.get(position - 1).copied().unwrap_or(0);
            if let Some(count) = counts.get_mut(position) {
                *count += before;
            }
        }
        let total = counts.last().copied().unwrap_or(0) as usize;
        let mut next = counts.clone();
        let mut routes = vec![
            DerivedRoute {
                source: 0,
                destination: 0,
            };
            total
        ];
        let mut place = |position: usize, route: DerivedRoute| {
            if let Some(slot) = next.get_mut(position)
                && let Some(entry) = routes.get_mut(*slot as usize)
            {
                *entry = route;
                *slot += 1;
            }
        };
        for pending in derived {
            match pending {
                Pending::Peering {
                    source,
                    sides,
                    excluded,
                } => {
                    // Without excluded tables, the side's numbers suffice and
                    // neither the peering nor the VPCs are read again.
                    let excluded: &[RouteTableId] = match sources.get(source as usize) {
                        Some(link) if excluded => {
                            peering_of(link).map_or(&[], |peering| &peering.excluded_route_tables)
                        }
                        _ => &[],
                    };
                    for side in sides.into_iter().flatten() {
                        let tables = if excluded.is_empty() {
                            None
                        } else {
                            (design.vpcs.get(side.local as usize))
                                .map(|vpc| vpc.route_tables.as_slice())
                        };
                        for offset in 0..side.tables as usize {
                            if let Some(tables) = tables
                                && tables
                                    .get(offset)
                                    .is_some_and(|table| excluded.contains(&table.id))
                            {
                                continue;
                            }
                            let first = side.first as usize;
                            for destination in side.destinations.0..side.destinations.1 {
                                place(
                                    first + offset,
                                    DerivedRoute {
                                        source,
                                        destination,
                                    },
                                );
                            }
                        }
                    }
                }
                Pending::GatewayEndpoint {
                    source,
                    destination,
                    first,
                    offsets: (start, end),
                } => {
                    let offsets = gateway_offsets.get(start as usize..end as usize);
                    for &offset in offsets.unwrap_or_default() {
                        place(
                            first as usize + offset as usize,
                            DerivedRoute {
                                source,
                                destination,
                            },
                        );
                    }
                }
            }
        }
        RouteSet {
            tables,
            starts: counts,
            derived: routes,
            sources,
            targets: std::sync::OnceLock::new(),
            destinations,
            vpc_tables,
            repeated: HashMap::default(),
            by_id: std::sync::OnceLock::new(),
        }
    }

    /// Notes the ids held by more than one table, so that each such table's
    /// routes are those of all its namesakes, as a lookup by id finds them.
    /// Only for a design with repeated table ids (DES-002).
    pub(crate) fn join_repeated_ids(&mut self) {
        let mut positions: HashMap<&'d RouteTableId, Vec<u32>> = HashMap::default();
        for (position, table) in self.tables.iter().enumerate() {
            positions
                .entry(&table.id)
                .or_default()
                .push(position as u32);
        }
        positions.retain(|_, positions| positions.len() > 1);
        self.repeated = positions;
    }

    fn targets(&self) -> &[RouteTarget] {
        self.targets.get_or_init(|| {
            self.sources
                .iter()
                .map(|link| match link.spec {
                    LinkSpec::GatewayEndpoint(_) => RouteTarget::GatewayEndpoint(link.id.clone()),
                    LinkSpec::Peering(_) | LinkSpec::InterfaceEndpoint(_) => {
                        RouteTarget::Peering(link.id.clone())
                    }
                })
                .collect()
        })
    }

    fn explicit_at(&self, position: usize) -> &[Route] {
        self.tables
            .get(position)
            .map(|table| table.routes.as_slice())
            .unwrap_or_default()
    }

    fn derived_at(&self, position: usize) -> &[DerivedRoute] {
        match (self.starts.get(position), self.starts.get(position + 1)) {
            (Some(&start), Some(&end)) => self
                .derived
                .get(start as usize..end as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    /// The routes of the table at `first` (if any), then of the tables at `rest`.
    fn iter_from<'a>(&'a self, first: Option<u32>, rest: &'a [u32]) -> RouteIter<'a, 'd> {
        let first = first.map(|position| position as usize);
        RouteIter {
            set: self,
            rest,
            explicit: first
                .map(|position| self.explicit_at(position))
                .unwrap_or_default()
                .iter(),
            derived: first
                .map(|position| self.derived_at(position))
                .unwrap_or_default()
                .iter(),
        }
    }

    /// The routes of the table at `position` alone, explicit then derived.
    fn routes_at_one(&self, position: usize) -> RouteIter<'_, 'd> {
        self.iter_from(Some(position as u32), &[])
    }

    fn count_at(&self, position: usize) -> usize {
        self.explicit_at(position).len() + self.derived_at(position).len()
    }

    /// The routes of the table at `position`, and of every other table with
    /// its id.
    pub fn routes_at(&self, position: usize) -> TableRoutes<'_, 'd> {
        let positions = match self.tables.get(position) {
            None => Positions::None,
            Some(table) => match self.repeated.get(&table.id) {
                Some(positions) => Positions::Many(positions),
                None => Positions::One(position as u32),
            },
        };
        TableRoutes {
            set: self,
            positions,
        }
    }

    /// The routes of the tables with an id.
    pub fn routes_of(&self, id: &RouteTableId) -> TableRoutes<'_, 'd> {
        let by_id = self.by_id.get_or_init(|| {
            let mut by_id: HashMap<RouteTableId, u32> =
                HashMap::with_capacity_and_hasher(self.tables.len(), Default::default());
            for (position, table) in self.tables.iter().enumerate() {
                by_id.entry(table.id.clone()).or_insert(position as u32);
            }
            by_id
        });
        match by_id.get(id) {
            Some(&position) => self.routes_at(position as usize),
            None => TableRoutes {
                set: self,
                positions: Positions::None,
            },
        }
    }

    /// The position of the first table of the VPC at `position` in `design.vpcs`.
    pub fn first_table_of_vpc(&self, position: usize) -> usize {
        self.vpc_tables.get(position).copied().unwrap_or_default() as usize
    }

    /// Every table with its routes, in design order.
    pub fn tables(&self) -> impl Iterator<Item = (&'d RouteTable, TableRoutes<'_, 'd>)> + '_ {
        self.tables
            .iter()
            .enumerate()
            .map(|(position, table)| (*table, self.routes_at(position)))
    }
}

/// A link whose derived routes are known to land somewhere, resolved once,
/// waiting for its routes to be placed. Numbers only (≈ 50 bytes), since
/// one is kept per link until the routes are placed: at 5,000 VPCs,
/// ≈ 30,000 of them.
enum Pending {
    Peering {
        /// The link, in `sources`.
        source: u32,
        /// The requester's side, then the accepter's.
        sides: [Option<PeeringSide>; 2],
        /// Whether the peering excludes tables (read from the link again).
        excluded: bool,
    },
    GatewayEndpoint {
        source: u32,
        destination: u32,
        /// The position of its VPC's first table.
        first: u32,
        /// Where the offsets of its tables among its VPC's are in
        /// `gateway_offsets`.
        offsets: (u32, u32),
    },
}

/// One side of a peering: the routes its VPC's tables get.
#[derive(Clone, Copy)]
struct PeeringSide {
    /// The position of the VPC's first table, and of the VPC.
    first: u32,
    local: u32,
    tables: u32,
    /// The peer's CIDRs, as positions in `RouteSet::destinations`.
    destinations: (u32, u32),
}

/// The positions among `vpc`'s tables of the listed tables that are its own.
fn table_offsets<'a>(vpc: &'a Vpc, tables: &'a [RouteTableId]) -> impl Iterator<Item = usize> + 'a {
    tables.iter().filter_map(|table_id| {
        vpc.route_tables
            .iter()
            .position(|table| &table.id == table_id)
    })
}
