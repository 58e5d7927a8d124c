//! Version 1 → version 2, the one step up. Version 2 only adds to version
//! 1 (transit gateways, peerings between them, and the `transit_gateway`
//! route target), so every version 1 file is the same design in version 2:
//! its VPCs and route tables are copied field by field, and everything else
//! is version 1's own types.

use super::*;
use crate::file::v1;

impl File {
    /// The version 2 file for a version 1 file.
    pub fn from_v1(file: v1::File) -> File {
        File {
            format: file.format,
            version: VERSION,
            design: Design {
                name: file.design.name,
                accounts: file.design.accounts,
                vpcs: file.design.vpcs.into_iter().map(Vpc::from_v1).collect(),
                services: file.design.services,
                links: file.design.links,
                intents: file.design.intents,
                transit_gateways: Vec::new(),
                transit_gateway_peerings: Vec::new(),
                existing: Existing::default(),
            },
        }
    }
}

impl Vpc {
    fn from_v1(vpc: v1::Vpc) -> Vpc {
        Vpc {
            id: vpc.id,
            name: vpc.name,
            account: vpc.account,
            region: vpc.region,
            ipv4_cidrs: vpc.ipv4_cidrs,
            ipv6_cidrs: vpc.ipv6_cidrs,
            dns_support: vpc.dns_support,
            dns_hostnames: vpc.dns_hostnames,
            subnets: vpc.subnets,
            route_tables: vpc
                .route_tables
                .into_iter()
                .map(|table| RouteTable {
                    id: table.id,
                    name: table.name,
                    main: table.main,
                    subnets: table.subnets,
                    routes: table
                        .routes
                        .into_iter()
                        .map(|route| Route {
                            destination: route.destination,
                            target: match route.target {
                                v1::RouteTarget::Peering(t) => RouteTarget::Peering(t),
                                v1::RouteTarget::GatewayEndpoint(t) => {
                                    RouteTarget::GatewayEndpoint(t)
                                }
                                v1::RouteTarget::Edge(t) => RouteTarget::Edge(t),
                                // A version 1 file could name a transit
                                // gateway only by its AWS id, outside the
                                // design; it stays that.
                                v1::RouteTarget::Other(t) => RouteTarget::Other(t),
                            },
                        })
                        .collect(),
                })
                .collect(),
            security_groups: vpc.security_groups,
            edge_gateways: vpc.edge_gateways,
            network_acls: vpc.network_acls,
            jumbo_frames: vpc.jumbo_frames,
            position: vpc.position,
        }
    }
}
