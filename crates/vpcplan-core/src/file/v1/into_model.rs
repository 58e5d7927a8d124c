//! Version 1 → the internal model.

use super::*;

impl File {
    /// The internal design this file describes.
    pub fn into_model(self) -> m::Design {
        self.design.into_model()
    }

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
    pub(super) fn into_model(self) -> m::Design {
        m::Design {
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
        }
    }
}

impl Position {
    pub(super) fn into_model(self) -> m::Position {
        m::Position {
            x: self.x,
            y: self.y,
        }
    }
}

impl Vpc {
    pub(super) fn into_model(self) -> m::Vpc {
        m::Vpc {
            id: m::VpcId::new(self.id),
            name: self.name,
            account: m::AccountId::new(self.account),
            region: self.region,
            ipv4_cidrs: self.ipv4_cidrs.into_iter().map(|cidr| cidr.0).collect(),
            ipv6_cidrs: self.ipv6_cidrs.into_iter().map(|cidr| cidr.0).collect(),
            dns_support: self.dns_support,
            dns_hostnames: self.dns_hostnames,
            subnets: self
                .subnets
                .into_iter()
                .map(|subnet| m::Subnet {
                    id: m::SubnetId::new(subnet.id),
                    name: subnet.name,
                    ipv4_cidr: subnet.ipv4_cidr.map(|cidr| cidr.0),
                    ipv6_cidr: subnet.ipv6_cidr.map(|cidr| cidr.0),
                    availability_zone: subnet.availability_zone,
                    availability_zone_id: subnet.availability_zone_id,
                })
                .collect(),
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
                })
                .collect(),
            security_groups: self
                .security_groups
                .into_iter()
                .map(|group| m::SecurityGroup {
                    id: m::SecurityGroupId::new(group.id),
                    name: group.name,
                    ingress: group
                        .ingress
                        .into_iter()
                        .map(|rule| m::SecurityGroupRule {
                            protocol: rule.protocol,
                            from_port: rule.from_port,
                            to_port: rule.to_port,
                            source: rule.source.into_model(),
                        })
                        .collect(),
                })
                .collect(),
            edge_gateways: self
                .edge_gateways
                .into_iter()
                .map(|gateway| m::EdgeGateway {
                    kind: gateway.kind.into_model(),
                    remote_cidrs: gateway.remote_cidrs.into_iter().map(|c| c.0).collect(),
                })
                .collect(),
            network_acls: self
                .network_acls
                .into_iter()
                .map(|acl| m::NetworkAcl {
                    id: m::NetworkAclId::new(acl.id),
                    name: acl.name,
                    subnets: acl.subnets.into_iter().map(m::SubnetId::new).collect(),
                    entries: acl
                        .entries
                        .into_iter()
                        .map(|entry| m::NetworkAclEntry {
                            rule_number: entry.rule_number,
                            egress: entry.egress,
                            protocol: entry.protocol,
                            cidr: entry.cidr.0,
                            allow: entry.allow,
                        })
                        .collect(),
                })
                .collect(),
            jumbo_frames: self.jumbo_frames,
            position: self.position.into_model(),
        }
    }
}

impl RouteDestination {
    pub(super) fn into_model(self) -> m::RouteDestination {
        match self {
            RouteDestination::Ipv4(d) => m::RouteDestination::Ipv4(d.cidr.0),
            RouteDestination::Ipv6(d) => m::RouteDestination::Ipv6(d.cidr.0),
            RouteDestination::PrefixList(d) => m::RouteDestination::PrefixList(d.prefix_list),
        }
    }
}

impl RouteTarget {
    pub(super) fn into_model(self) -> m::RouteTarget {
        match self {
            RouteTarget::Peering(t) => m::RouteTarget::Peering(m::LinkId::new(t.link)),
            RouteTarget::GatewayEndpoint(t) => {
                m::RouteTarget::GatewayEndpoint(m::LinkId::new(t.link))
            }
            RouteTarget::Edge(t) => m::RouteTarget::Edge(t.gateway.into_model()),
            RouteTarget::Other(t) => m::RouteTarget::Other(t.id),
        }
    }
}

impl EdgeGatewayKind {
    pub(super) fn into_model(self) -> m::EdgeGatewayKind {
        match self {
            EdgeGatewayKind::InternetGateway => m::EdgeGatewayKind::InternetGateway,
            EdgeGatewayKind::NatGateway => m::EdgeGatewayKind::NatGateway,
            EdgeGatewayKind::VpnGateway => m::EdgeGatewayKind::VpnGateway,
            EdgeGatewayKind::DirectConnect => m::EdgeGatewayKind::DirectConnect,
            EdgeGatewayKind::TransitGateway => m::EdgeGatewayKind::TransitGateway,
        }
    }
}

impl RuleSource {
    pub(super) fn into_model(self) -> m::RuleSource {
        match self {
            RuleSource::Cidr(s) => m::RuleSource::Cidr(s.cidr.0),
            RuleSource::SecurityGroup(s) => m::RuleSource::SecurityGroup {
                vpc: m::VpcId::new(s.vpc),
                group: m::SecurityGroupId::new(s.group),
            },
            RuleSource::PrefixList(s) => m::RuleSource::PrefixList(s.prefix_list),
        }
    }
}

impl Service {
    pub(super) fn into_model(self) -> m::Service {
        match self {
            Service::Aws(s) => m::Service {
                id: m::ServiceId::new(s.id),
                name: s.name,
                region: s.region,
                kind: m::ServiceKind::Aws { service: s.service },
                position: s.position.into_model(),
            },
            Service::EndpointService(s) => m::Service {
                id: m::ServiceId::new(s.id),
                name: s.name,
                region: s.region,
                kind: m::ServiceKind::EndpointService(m::EndpointService {
                    provider_vpc: m::VpcId::new(s.provider_vpc),
                    network_load_balancers: load_balancers(s.network_load_balancers),
                    gateway_load_balancers: load_balancers(s.gateway_load_balancers),
                    acceptance_required: s.acceptance_required,
                    allowed_principals: s.allowed_principals,
                    supported_regions: s.supported_regions,
                    supported_ip_address_types: s
                        .supported_ip_address_types
                        .into_iter()
                        .map(IpFamily::into_model)
                        .collect(),
                    availability_zone_ids: s.availability_zone_ids,
                    port: s.port,
                }),
                position: s.position.into_model(),
            },
        }
    }
}

pub(super) fn load_balancers(balancers: Vec<LoadBalancer>) -> Vec<m::LoadBalancer> {
    balancers
        .into_iter()
        .map(|lb| m::LoadBalancer {
            name: lb.name,
            listeners: lb.listeners,
        })
        .collect()
}

impl IpFamily {
    pub(super) fn into_model(self) -> m::IpFamily {
        match self {
            IpFamily::Ipv4 => m::IpFamily::Ipv4,
            IpFamily::Ipv6 => m::IpFamily::Ipv6,
        }
    }
}

impl Link {
    pub(super) fn into_model(self) -> m::Link {
        match self {
            Link::Peering(p) => m::Link {
                id: m::LinkId::new(p.id),
                spec: m::LinkSpec::Peering(m::Peering {
                    requester: m::VpcId::new(p.requester),
                    accepter: m::VpcId::new(p.accepter),
                    dns_resolution: p.dns_resolution,
                    ipv6: p.ipv6,
                    excluded_route_tables: p
                        .excluded_route_tables
                        .into_iter()
                        .map(m::RouteTableId::new)
                        .collect(),
                    state: match p.state {
                        PeeringState::Planned => m::PeeringState::Planned,
                        PeeringState::PendingAcceptance => m::PeeringState::PendingAcceptance,
                        PeeringState::Active => m::PeeringState::Active,
                    },
                }),
            },
            Link::InterfaceEndpoint(e) => m::Link {
                id: m::LinkId::new(e.id),
                spec: m::LinkSpec::InterfaceEndpoint(m::InterfaceEndpoint {
                    vpc: m::VpcId::new(e.vpc),
                    target: match e.target {
                        EndpointTarget::Service(t) => {
                            m::EndpointTarget::Service(m::ServiceId::new(t.service))
                        }
                        EndpointTarget::GatewayLoadBalancer(t) => {
                            m::EndpointTarget::GatewayLoadBalancer(m::ServiceId::new(t.service))
                        }
                        EndpointTarget::Resource(t) => m::EndpointTarget::Resource {
                            configuration_arn: t.configuration_arn,
                        },
                        EndpointTarget::ServiceNetwork(t) => {
                            m::EndpointTarget::ServiceNetwork { arn: t.arn }
                        }
                    },
                    subnets: e.subnets.into_iter().map(m::SubnetId::new).collect(),
                    security_groups: e
                        .security_groups
                        .into_iter()
                        .map(m::SecurityGroupId::new)
                        .collect(),
                    private_dns: e.private_dns,
                    ip_address_type: e.ip_address_type.into_model(),
                    dns_record_ip_type: e.dns_record_ip_type.map(|t| match t {
                        DnsRecordIpType::Ipv4 => m::DnsRecordIpType::Ipv4,
                        DnsRecordIpType::Dualstack => m::DnsRecordIpType::Dualstack,
                        DnsRecordIpType::Ipv6 => m::DnsRecordIpType::Ipv6,
                        DnsRecordIpType::ServiceDefined => m::DnsRecordIpType::ServiceDefined,
                    }),
                    service_region: e.service_region,
                    policy: e.policy,
                    service_name: e.service_name,
                }),
            },
            Link::GatewayEndpoint(e) => m::Link {
                id: m::LinkId::new(e.id),
                spec: m::LinkSpec::GatewayEndpoint(m::GatewayEndpoint {
                    vpc: m::VpcId::new(e.vpc),
                    service: m::ServiceId::new(e.service),
                    route_tables: e
                        .route_tables
                        .into_iter()
                        .map(m::RouteTableId::new)
                        .collect(),
                    policy: e.policy,
                    ip_address_type: e.ip_address_type.into_model(),
                    subnets: e.subnets.into_iter().map(m::SubnetId::new).collect(),
                    security_groups: e
                        .security_groups
                        .into_iter()
                        .map(m::SecurityGroupId::new)
                        .collect(),
                    private_dns: e.private_dns,
                }),
            },
        }
    }
}

impl IpAddressType {
    pub(super) fn into_model(self) -> m::IpAddressType {
        match self {
            IpAddressType::Ipv4 => m::IpAddressType::Ipv4,
            IpAddressType::Dualstack => m::IpAddressType::Dualstack,
            IpAddressType::Ipv6 => m::IpAddressType::Ipv6,
        }
    }
}

impl Intent {
    pub(super) fn into_model(self) -> m::Intent {
        m::Intent {
            id: m::IntentId::new(self.id),
            from: match self.from {
                IntentSource::Vpc(s) => m::IntentSource::Vpc(m::VpcId::new(s.vpc)),
                IntentSource::Subnet(s) => m::IntentSource::Subnet {
                    vpc: m::VpcId::new(s.vpc),
                    subnet: m::SubnetId::new(s.subnet),
                },
            },
            to: match self.to {
                IntentTarget::Vpc(t) => m::IntentTarget::Vpc(m::VpcId::new(t.vpc)),
                IntentTarget::Service(t) => m::IntentTarget::Service(m::ServiceId::new(t.service)),
            },
        }
    }
}
