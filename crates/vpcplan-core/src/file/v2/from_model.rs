//! The internal model → version 2. The parts version 2 keeps from version 1
//! are written with version 1's code (`v1::from_model`).

use super::*;

/// The plain strings of a list of ids.
fn strings<T>(ids: &[T], as_str: impl Fn(&T) -> &str) -> Vec<String> {
    ids.iter().map(|id| as_str(id).to_owned()).collect()
}

impl File {
    /// The file for an internal design.
    pub fn from_model(design: &m::Design) -> File {
        File {
            format: Format::VpcplanDesign,
            version: VERSION,
            design: Design::from_model(design),
        }
    }
}

impl Design {
    fn from_model(design: &m::Design) -> Design {
        let mut existing = Existing::default();
        for vpc in &design.vpcs {
            let in_vpc = |item: &str, identity: &m::AwsIdentity| ExistingInVpc {
                vpc: vpc.id.to_string(),
                item: item.to_owned(),
                aws_id: identity.id.clone(),
                arn: identity.arn.clone(),
            };
            if let Some(identity) = &vpc.existing {
                existing.vpcs.push(ExistingVpc {
                    vpc: vpc.id.to_string(),
                    aws_id: identity.id.clone(),
                    arn: identity.arn.clone(),
                });
            }
            for subnet in &vpc.subnets {
                if let Some(identity) = &subnet.existing {
                    existing.subnets.push(in_vpc(subnet.id.as_str(), identity));
                }
            }
            for table in &vpc.route_tables {
                if let Some(identity) = &table.existing {
                    existing
                        .route_tables
                        .push(in_vpc(table.id.as_str(), identity));
                }
            }
            for group in &vpc.security_groups {
                if let Some(identity) = &group.existing {
                    existing
                        .security_groups
                        .push(in_vpc(group.id.as_str(), identity));
                }
            }
        }
        for link in &design.links {
            if let Some(identity) = &link.existing {
                existing.links.push(ExistingLink {
                    link: link.id.to_string(),
                    aws_id: identity.id.clone(),
                    arn: identity.arn.clone(),
                });
            }
        }
        Design {
            name: design.name.clone(),
            accounts: design
                .accounts
                .iter()
                .map(|account| Account {
                    id: account.id.to_string(),
                    name: account.name.clone(),
                })
                .collect(),
            vpcs: design.vpcs.iter().map(Vpc::from_model).collect(),
            services: design.services.iter().map(Service::from_model).collect(),
            links: design.links.iter().map(Link::from_model).collect(),
            intents: design.intents.iter().map(Intent::from_model).collect(),
            transit_gateways: design
                .transit_gateways
                .iter()
                .map(TransitGateway::from_model)
                .collect(),
            transit_gateway_peerings: design
                .transit_gateway_peerings
                .iter()
                .map(|peering| TransitGatewayPeering {
                    id: peering.id.to_string(),
                    requester: peering.requester.to_string(),
                    accepter: peering.accepter.to_string(),
                    state: match peering.state {
                        m::PeeringState::Planned => PeeringState::Planned,
                        m::PeeringState::PendingAcceptance => PeeringState::PendingAcceptance,
                        m::PeeringState::Active => PeeringState::Active,
                    },
                })
                .collect(),
            existing,
        }
    }
}

impl Vpc {
    fn from_model(vpc: &m::Vpc) -> Vpc {
        Vpc {
            id: vpc.id.to_string(),
            name: vpc.name.clone(),
            account: vpc.account.to_string(),
            region: vpc.region.clone(),
            ipv4_cidrs: vpc.ipv4_cidrs.iter().copied().map(Ipv4Cidr).collect(),
            ipv6_cidrs: vpc.ipv6_cidrs.iter().copied().map(Ipv6Cidr).collect(),
            dns_support: vpc.dns_support,
            dns_hostnames: vpc.dns_hostnames,
            subnets: vpc.subnets.iter().map(Subnet::from_model).collect(),
            route_tables: vpc
                .route_tables
                .iter()
                .map(|table| RouteTable {
                    id: table.id.to_string(),
                    name: table.name.clone(),
                    main: table.main,
                    subnets: strings(&table.subnets, |id| id.as_str()),
                    routes: table
                        .routes
                        .iter()
                        .map(|route| Route {
                            destination: RouteDestination::from_model(&route.destination),
                            target: RouteTarget::from_model(&route.target),
                        })
                        .collect(),
                })
                .collect(),
            security_groups: vpc
                .security_groups
                .iter()
                .map(SecurityGroup::from_model)
                .collect(),
            edge_gateways: vpc
                .edge_gateways
                .iter()
                .map(EdgeGateway::from_model)
                .collect(),
            network_acls: vpc
                .network_acls
                .iter()
                .map(NetworkAcl::from_model)
                .collect(),
            jumbo_frames: vpc.jumbo_frames,
            position: Position::from_model(vpc.position),
        }
    }
}

impl RouteTarget {
    fn from_model(target: &m::RouteTarget) -> RouteTarget {
        match target {
            m::RouteTarget::Peering(link) => RouteTarget::Peering(LinkRef {
                link: link.to_string(),
            }),
            m::RouteTarget::GatewayEndpoint(link) => RouteTarget::GatewayEndpoint(LinkRef {
                link: link.to_string(),
            }),
            m::RouteTarget::Edge(kind) => RouteTarget::Edge(EdgeRef {
                gateway: EdgeGatewayKind::from_model(*kind),
            }),
            m::RouteTarget::TransitGateway(id) => RouteTarget::TransitGateway(TransitGatewayRef {
                transit_gateway: id.to_string(),
            }),
            m::RouteTarget::Other(id) => RouteTarget::Other(OtherTarget { id: id.clone() }),
        }
    }
}

impl TransitGateway {
    fn from_model(tgw: &m::TransitGateway) -> TransitGateway {
        TransitGateway {
            id: tgw.id.to_string(),
            name: tgw.name.clone(),
            account: tgw.account.to_string(),
            region: tgw.region.clone(),
            amazon_side_asn: tgw.amazon_side_asn,
            default_route_table_association: tgw.default_route_table_association,
            default_route_table_propagation: tgw.default_route_table_propagation,
            auto_accept_shared_attachments: tgw.auto_accept_shared_attachments,
            dns_support: tgw.dns_support,
            security_group_referencing: tgw.security_group_referencing,
            vpc_attachments: tgw
                .vpc_attachments
                .iter()
                .map(|attachment| TransitGatewayVpcAttachment {
                    id: attachment.id.to_string(),
                    vpc: attachment.vpc.to_string(),
                    subnets: strings(&attachment.subnets, |id| id.as_str()),
                    appliance_mode: attachment.appliance_mode,
                    ipv6_support: attachment.ipv6_support,
                    dns_support: attachment.dns_support,
                    security_group_referencing: attachment.security_group_referencing,
                })
                .collect(),
            route_tables: tgw
                .route_tables
                .iter()
                .map(|table| TransitGatewayRouteTable {
                    id: table.id.to_string(),
                    name: table.name.clone(),
                    associations: strings(&table.associations, |id| id.as_str()),
                    propagations: strings(&table.propagations, |id| id.as_str()),
                    routes: table
                        .routes
                        .iter()
                        .map(|route| TransitGatewayRoute {
                            destination: IpCidr(route.destination),
                            target: match &route.target {
                                m::TransitGatewayRouteTarget::Attachment(id) => {
                                    TransitGatewayRouteTarget::Attachment(AttachmentRef {
                                        attachment: id.to_string(),
                                    })
                                }
                                m::TransitGatewayRouteTarget::Blackhole => {
                                    TransitGatewayRouteTarget::Blackhole(Blackhole {})
                                }
                            },
                        })
                        .collect(),
                    isolated_from: strings(&table.isolated_from, |id| id.as_str()),
                })
                .collect(),
            share: tgw.share.as_ref().map(|share| ResourceShare {
                principals: share.principals.clone(),
                allow_external_principals: share.allow_external_principals,
            }),
            position: Position::from_model(tgw.position),
        }
    }
}
