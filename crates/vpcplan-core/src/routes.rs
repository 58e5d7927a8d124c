//! The routes a design's route tables end up with: the ones written
//! explicitly, plus the ones its links imply.
//!
//! A peering adds, in every route table of both VPCs (unless excluded), a route
//! to each of the peer's IPv4 CIDRs, and to its IPv6 CIDRs when IPv6 is wanted.
//! A gateway endpoint adds a route to its service's prefix list in each of its
//! route tables. Routes are derived, never stored, so they cannot go stale.

use std::collections::hash_map::Entry;

use crate::collections::HashMap;
use crate::design::{
    Design, Link, LinkId, LinkSpec, Peering, Route, RouteDestination, RouteTableId, RouteTarget,
    ServiceKind, Vpc,
};

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

/// Every route table's routes, explicit first, then derived in link order.
///
/// Tables are addressed by position while routes are collected (a VPC's
/// tables are contiguous), so a peering costs one VPC lookup per side rather
/// than one hash lookup per route table. Links are resolved once, and every
/// table's routes counted before they are written, so each table's list is
/// allocated once at its final size.
pub fn effective_routes(design: &Design) -> HashMap<&RouteTableId, Vec<EffectiveRoute>> {
    derive_routes(design, None)
}

/// `effective_routes`, with the peerings' VPCs already resolved when the
/// design repeats no VPC id: `peering_vpcs` holds, for each peering in link
/// order, the positions in `design.vpcs` of its requester and accepter.
pub(crate) fn derive_routes<'d>(
    design: &'d Design,
    peering_vpcs: Option<&[(Option<u32>, Option<u32>)]>,
) -> HashMap<&'d RouteTableId, Vec<EffectiveRoute>> {
    let mut first_table: HashMap<&crate::design::VpcId, (usize, &Vpc)> =
        HashMap::with_capacity_and_hasher(design.vpcs.len(), Default::default());
    let mut table_starts = Vec::with_capacity(design.vpcs.len());
    let mut table_count = 0;
    for vpc in &design.vpcs {
        first_table.entry(&vpc.id).or_insert((table_count, vpc));
        table_starts.push(table_count);
        table_count += vpc.route_tables.len();
    }
    let by_position = |position: Option<u32>| {
        let position = position? as usize;
        Some((*table_starts.get(position)?, design.vpcs.get(position)?))
    };
    let mut peering_position = 0;
    let services: HashMap<_, _> = design
        .services
        .iter()
        .map(|service| (&service.id, service))
        .collect();

    let mut sizes: Vec<usize> = design
        .vpcs
        .iter()
        .flat_map(|vpc| vpc.route_tables.iter().map(|table| table.routes.len()))
        .collect();
    let mut add = |position: usize, count: usize| {
        if let Some(size) = sizes.get_mut(position) {
            *size += count;
        }
    };
    let mut prefix_lists: HashMap<(&str, &str), RouteDestination> = HashMap::default();
    let mut derived = Vec::with_capacity(design.links.len());
    for link in &design.links {
        match &link.spec {
            LinkSpec::Peering(peering) => {
                peering_position += 1;
                let ends = match peering_vpcs {
                    Some(resolved) => match resolved.get(peering_position - 1) {
                        Some(&(requester, accepter)) => {
                            (by_position(requester), by_position(accepter))
                        }
                        None => (None, None),
                    },
                    None => (
                        first_table.get(&peering.requester).copied(),
                        first_table.get(&peering.accepter).copied(),
                    ),
                };
                let (Some(requester), Some(accepter)) = ends else {
                    continue;
                };
                for ((first, local), (_, peer)) in [(requester, accepter), (accepter, requester)] {
                    let destinations = peer.ipv4_cidrs.len()
                        + if peering.ipv6 {
                            peer.ipv6_cidrs.len()
                        } else {
                            0
                        };
                    for (offset, table) in local.route_tables.iter().enumerate() {
                        if !peering.excluded_route_tables.contains(&table.id) {
                            add(first + offset, destinations);
                        }
                    }
                }
                derived.push(Derived::Peering {
                    link,
                    peering,
                    requester,
                    accepter,
                });
            }
            LinkSpec::GatewayEndpoint(endpoint) => {
                let Some(&(first, vpc)) = first_table.get(&endpoint.vpc) else {
                    continue;
                };
                let Some(ServiceKind::Aws { service }) =
                    services.get(&endpoint.service).map(|node| &node.kind)
                else {
                    continue;
                };
                let destination = prefix_lists
                    .entry((service.as_str(), vpc.region.as_str()))
                    .or_insert_with(|| {
                        RouteDestination::PrefixList(gateway_prefix_list(service, &vpc.region))
                    })
                    .clone();
                // A table of another VPC, or one that does not exist, gets
                // nothing; GW rules report such mistakes.
                for offset in table_offsets(vpc, &endpoint.route_tables) {
                    add(first + offset, 1);
                }
                derived.push(Derived::GatewayEndpoint {
                    link,
                    destination,
                    first,
                    vpc,
                    tables: &endpoint.route_tables,
                });
            }
            LinkSpec::InterfaceEndpoint(_) => {}
        }
    }

    let mut tables: Vec<(&RouteTableId, Vec<EffectiveRoute>)> = Vec::with_capacity(table_count);
    for table in design.vpcs.iter().flat_map(|vpc| &vpc.route_tables) {
        let mut routes = Vec::with_capacity(sizes.get(tables.len()).copied().unwrap_or_default());
        routes.extend(table.routes.iter().map(
            |Route {
                 destination,
                 target,
             }| EffectiveRoute {
                destination: destination.clone(),
                target: target.clone(),
                origin: RouteOrigin::Explicit,
            },
        ));
        tables.push((&table.id, routes));
    }
    for entry in derived {
        match entry {
            Derived::Peering {
                link,
                peering,
                requester,
                accepter,
            } => {
                for ((first, local), (_, peer)) in [(requester, accepter), (accepter, requester)] {
                    let ipv6 = if peering.ipv6 {
                        peer.ipv6_cidrs.as_slice()
                    } else {
                        &[]
                    };
                    let destinations = peer
                        .ipv4_cidrs
                        .iter()
                        .copied()
                        .map(RouteDestination::Ipv4)
                        .chain(ipv6.iter().copied().map(RouteDestination::Ipv6));
                    for (offset, table) in local.route_tables.iter().enumerate() {
                        if peering.excluded_route_tables.contains(&table.id) {
                            continue;
                        }
                        let Some((_, routes)) = tables.get_mut(first + offset) else {
                            continue;
                        };
                        routes.extend(destinations.clone().map(|destination| EffectiveRoute {
                            destination,
                            target: RouteTarget::Peering(link.id.clone()),
                            origin: RouteOrigin::Link(link.id.clone()),
                        }));
                    }
                }
            }
            Derived::GatewayEndpoint {
                link,
                destination,
                first,
                vpc,
                tables: table_ids,
            } => {
                for offset in table_offsets(vpc, table_ids) {
                    if let Some((_, routes)) = tables.get_mut(first + offset) {
                        routes.push(EffectiveRoute {
                            destination: destination.clone(),
                            target: RouteTarget::GatewayEndpoint(link.id.clone()),
                            origin: RouteOrigin::Link(link.id.clone()),
                        });
                    }
                }
            }
        }
    }
    let mut by_id: HashMap<&RouteTableId, Vec<EffectiveRoute>> =
        HashMap::with_capacity_and_hasher(tables.len(), Default::default());
    for (id, routes) in tables {
        // With duplicate table ids (DES-002), the routes of both are kept together.
        match by_id.entry(id) {
            Entry::Vacant(entry) => {
                entry.insert(routes);
            }
            Entry::Occupied(mut entry) => entry.get_mut().extend(routes),
        }
    }
    by_id
}

/// A link whose derived routes are known to land somewhere, resolved once.
enum Derived<'d> {
    Peering {
        link: &'d Link,
        peering: &'d Peering,
        requester: (usize, &'d Vpc),
        accepter: (usize, &'d Vpc),
    },
    GatewayEndpoint {
        link: &'d Link,
        destination: RouteDestination,
        /// The position of its VPC's first table, and the VPC.
        first: usize,
        vpc: &'d Vpc,
        tables: &'d [RouteTableId],
    },
}

/// The positions among `vpc`'s tables of the listed tables that are its own.
fn table_offsets<'a>(vpc: &'a Vpc, tables: &'a [RouteTableId]) -> impl Iterator<Item = usize> + 'a {
    tables.iter().filter_map(|table_id| {
        vpc.route_tables
            .iter()
            .position(|table| &table.id == table_id)
    })
}
