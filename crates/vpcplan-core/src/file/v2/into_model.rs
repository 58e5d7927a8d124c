//! Version 2 → the internal model. The parts version 2 keeps from version 1
//! convert with version 1's code (`v1::into_model`).

use super::*;

impl File {
    /// The internal design this file describes.
    pub fn into_model(self) -> m::Design {
        self.design.into_model()
    }
}

impl Design {
    fn into_model(self) -> m::Design {
        let existing = self.existing;
        let mut design = m::Design {
            name: self.name,
            accounts: self
                .accounts
                .into_iter()
                .map(|account| m::Account {
                    id: m::AccountId::new(account.id),
                    name: account.name,
                })
                .collect(),
            vpcs: self.vpcs.into_iter().map(Vpc::into_model).collect(),
            services: self.services.into_iter().map(Service::into_model).collect(),
            links: self.links.into_iter().map(Link::into_model).collect(),
            intents: self.intents.into_iter().map(Intent::into_model).collect(),
            transit_gateways: self
                .transit_gateways
                .into_iter()
                .map(TransitGateway::into_model)
                .collect(),
            transit_gateway_peerings: self
                .transit_gateway_peerings
                .into_iter()
                .map(|peering| m::TransitGatewayPeering {
                    id: m::TransitGatewayAttachmentId::new(peering.id),
                    requester: m::TransitGatewayId::new(peering.requester),
                    accepter: m::TransitGatewayId::new(peering.accepter),
                    state: peering.state.into_model(),
                })
                .collect(),
        };
        for entry in existing.vpcs {
            if let Some(vpc) = design
                .vpcs
                .iter_mut()
                .find(|vpc| vpc.id.as_str() == entry.vpc)
            {
                vpc.existing = identity(entry.aws_id, entry.arn);
            }
        }
        let in_vpc = |design: &mut m::Design, entry: &ExistingInVpc| {
            design
                .vpcs
                .iter_mut()
                .position(|vpc| vpc.id.as_str() == entry.vpc)
        };
        for entry in existing.subnets {
            if let Some(at) = in_vpc(&mut design, &entry)
                && let Some(subnet) = design.vpcs[at]
                    .subnets
                    .iter_mut()
                    .find(|subnet| subnet.id.as_str() == entry.item)
            {
                subnet.existing = identity(entry.aws_id, entry.arn);
            }
        }
        for entry in existing.route_tables {
            if let Some(at) = in_vpc(&mut design, &entry)
                && let Some(table) = design.vpcs[at]
                    .route_tables
                    .iter_mut()
                    .find(|table| table.id.as_str() == entry.item)
            {
                table.existing = identity(entry.aws_id, entry.arn);
            }
        }
        for entry in existing.security_groups {
            if let Some(at) = in_vpc(&mut design, &entry)
                && let Some(group) = design.vpcs[at]
                    .security_groups
                    .iter_mut()
                    .find(|group| group.id.as_str() == entry.item)
            {
                group.existing = identity(entry.aws_id, entry.arn);
            }
        }
        for entry in existing.links {
            if let Some(link) = design
                .links
                .iter_mut()
                .find(|link| link.id.as_str() == entry.link)
            {
                link.existing = identity(entry.aws_id, entry.arn);
            }
        }
        design
    }
}

impl Vpc {
    fn into_model(self) -> m::Vpc {
        m::Vpc {
            id: m::VpcId::new(self.id),
            name: self.name,
            account: m::AccountId::new(self.account),
            region: self.region,
            ipv4_cidrs: self.ipv4_cidrs.into_iter().map(|cidr| cidr.0).collect(),
            ipv6_cidrs: self.ipv6_cidrs.into_iter().map(|cidr| cidr.0).collect(),
            dns_support: self.dns_support,
            dns_hostnames: self.dns_hostnames,
            subnets: self.subnets.into_iter().map(Subnet::into_model).collect(),
            route_tables: self
                .route_tables
                .into_iter()
                .map(|table| m::RouteTable {
                    id: m::RouteTableId::new(table.id),
                    name: table.name,
                    main: table.main,
                    subnets: table.subnets.into_iter().map(m::SubnetId::new).collect(),
                    routes: table
                        .routes
                        .into_iter()
                        .map(|route| m::Route {
                            destination: route.destination.into_model(),
                            target: route.target.into_model(),
                        })
                        .collect(),
                    existing: None,
                })
                .collect(),
            security_groups: self
                .security_groups
                .into_iter()
                .map(SecurityGroup::into_model)
                .collect(),
            edge_gateways: self
                .edge_gateways
                .into_iter()
                .map(EdgeGateway::into_model)
                .collect(),
            network_acls: self
                .network_acls
                .into_iter()
                .map(NetworkAcl::into_model)
                .collect(),
            jumbo_frames: self.jumbo_frames,
            position: self.position.into_model(),
            existing: None,
        }
    }
}

impl RouteTarget {
    fn into_model(self) -> m::RouteTarget {
        match self {
            RouteTarget::Peering(t) => m::RouteTarget::Peering(m::LinkId::new(t.link)),
            RouteTarget::GatewayEndpoint(t) => {
                m::RouteTarget::GatewayEndpoint(m::LinkId::new(t.link))
            }
            RouteTarget::Edge(t) => m::RouteTarget::Edge(t.gateway.into_model()),
            RouteTarget::TransitGateway(t) => {
                m::RouteTarget::TransitGateway(m::TransitGatewayId::new(t.transit_gateway))
            }
            RouteTarget::Other(t) => m::RouteTarget::Other(t.id),
        }
    }
}

impl TransitGateway {
    fn into_model(self) -> m::TransitGateway {
        m::TransitGateway {
            id: m::TransitGatewayId::new(self.id),
            name: self.name,
            account: m::AccountId::new(self.account),
            region: self.region,
            amazon_side_asn: self.amazon_side_asn,
            default_route_table_association: self.default_route_table_association,
            default_route_table_propagation: self.default_route_table_propagation,
            auto_accept_shared_attachments: self.auto_accept_shared_attachments,
            dns_support: self.dns_support,
            security_group_referencing: self.security_group_referencing,
            vpc_attachments: self
                .vpc_attachments
                .into_iter()
                .map(|attachment| m::TransitGatewayVpcAttachment {
                    id: m::TransitGatewayAttachmentId::new(attachment.id),
                    vpc: m::VpcId::new(attachment.vpc),
                    subnets: attachment
                        .subnets
                        .into_iter()
                        .map(m::SubnetId::new)
                        .collect(),
                    appliance_mode: attachment.appliance_mode,
                    ipv6_support: attachment.ipv6_support,
                    dns_support: attachment.dns_support,
                    security_group_referencing: attachment.security_group_referencing,
                })
                .collect(),
            route_tables: self
                .route_tables
                .into_iter()
                .map(|table| m::TransitGatewayRouteTable {
                    id: m::TransitGatewayRouteTableId::new(table.id),
                    name: table.name,
                    associations: attachment_ids(table.associations),
                    propagations: attachment_ids(table.propagations),
                    routes: table
                        .routes
                        .into_iter()
                        .map(|route| m::TransitGatewayRoute {
                            destination: route.destination.0,
                            target: match route.target {
                                TransitGatewayRouteTarget::Attachment(t) => {
                                    m::TransitGatewayRouteTarget::Attachment(
                                        m::TransitGatewayAttachmentId::new(t.attachment),
                                    )
                                }
                                TransitGatewayRouteTarget::Blackhole(_) => {
                                    m::TransitGatewayRouteTarget::Blackhole
                                }
                            },
                        })
                        .collect(),
                    isolated_from: table
                        .isolated_from
                        .into_iter()
                        .map(m::TransitGatewayRouteTableId::new)
                        .collect(),
                })
                .collect(),
            share: self.share.map(|share| m::ResourceShare {
                principals: share.principals,
                allow_external_principals: share.allow_external_principals,
            }),
            position: self.position.into_model(),
        }
    }
}

fn attachment_ids(ids: Vec<String>) -> Vec<m::TransitGatewayAttachmentId> {
    ids.into_iter()
        .map(m::TransitGatewayAttachmentId::new)
        .collect()
}

impl PeeringState {
    fn into_model(self) -> m::PeeringState {
        match self {
            PeeringState::Planned => m::PeeringState::Planned,
            PeeringState::PendingAcceptance => m::PeeringState::PendingAcceptance,
            PeeringState::Active => m::PeeringState::Active,
        }
    }
}
