//! The routes a design's route tables end up with: the ones written
//! explicitly, plus the ones its links imply.
//!
//! A peering adds, in every route table of both VPCs (unless excluded), a route
//! to each of the peer's IPv4 CIDRs, and to its IPv6 CIDRs when IPv6 is wanted.
//! A gateway endpoint adds a route to its service's prefix list in each of its
//! route tables. Routes are derived, never stored, so they cannot go stale.

use std::collections::HashMap;

use crate::design::{
    Design, LinkId, LinkSpec, Route, RouteDestination, RouteTableId, RouteTarget, ServiceKind,
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
pub fn effective_routes(design: &Design) -> HashMap<&RouteTableId, Vec<EffectiveRoute>> {
    let mut tables: HashMap<&RouteTableId, Vec<EffectiveRoute>> = HashMap::new();
    for vpc in &design.vpcs {
        for table in &vpc.route_tables {
            let routes = table
                .routes
                .iter()
                .map(
                    |Route {
                         destination,
                         target,
                     }| EffectiveRoute {
                        destination: destination.clone(),
                        target: target.clone(),
                        origin: RouteOrigin::Explicit,
                    },
                )
                .collect();
            tables.insert(&table.id, routes);
        }
    }
    let vpcs: HashMap<_, _> = design.vpcs.iter().map(|vpc| (&vpc.id, vpc)).collect();
    for link in &design.links {
        match &link.spec {
            LinkSpec::Peering(peering) => {
                let (Some(requester), Some(accepter)) =
                    (vpcs.get(&peering.requester), vpcs.get(&peering.accepter))
                else {
                    continue;
                };
                for (local, peer) in [(requester, accepter), (accepter, requester)] {
                    let mut destinations: Vec<RouteDestination> = peer
                        .ipv4_cidrs
                        .iter()
                        .copied()
                        .map(RouteDestination::Ipv4)
                        .collect();
                    if peering.ipv6 {
                        destinations
                            .extend(peer.ipv6_cidrs.iter().copied().map(RouteDestination::Ipv6));
                    }
                    for table in &local.route_tables {
                        if peering.excluded_route_tables.contains(&table.id) {
                            continue;
                        }
                        let routes = tables.entry(&table.id).or_default();
                        routes.extend(destinations.iter().map(|destination| EffectiveRoute {
                            destination: destination.clone(),
                            target: RouteTarget::Peering(link.id.clone()),
                            origin: RouteOrigin::Link(link.id.clone()),
                        }));
                    }
                }
            }
            LinkSpec::GatewayEndpoint(endpoint) => {
                let Some(vpc) = vpcs.get(&endpoint.vpc) else {
                    continue;
                };
                let Some(ServiceKind::Aws { service }) = design
                    .services
                    .iter()
                    .find(|node| node.id == endpoint.service)
                    .map(|node| &node.kind)
                else {
                    continue;
                };
                let destination =
                    RouteDestination::PrefixList(gateway_prefix_list(service, &vpc.region));
                for table_id in &endpoint.route_tables {
                    // A table of another VPC, or one that does not exist,
                    // gets nothing; GW rules report such mistakes.
                    if let Some(routes) = tables.get_mut(table_id)
                        && vpc.route_tables.iter().any(|table| &table.id == table_id)
                    {
                        routes.push(EffectiveRoute {
                            destination: destination.clone(),
                            target: RouteTarget::GatewayEndpoint(link.id.clone()),
                            origin: RouteOrigin::Link(link.id.clone()),
                        });
                    }
                }
            }
            LinkSpec::InterfaceEndpoint(_) => {}
        }
    }
    tables
}
