//! Version 1 → the internal model, for the parts of a design version 2
//! keeps unchanged (a version 1 file is read through version 2: see
//! `v2::from_v1`).

use super::*;

impl Position {
    pub(crate) fn into_model(self) -> m::Position {
        m::Position {
            x: self.x,
            y: self.y,
        }
    }
}

impl Subnet {
    pub(crate) fn into_model(self) -> m::Subnet {
        m::Subnet {
            id: m::SubnetId::new(self.id),
            name: self.name,
            ipv4_cidr: self.ipv4_cidr.map(|cidr| cidr.0),
            ipv6_cidr: self.ipv6_cidr.map(|cidr| cidr.0),
            availability_zone: self.availability_zone,
            availability_zone_id: self.availability_zone_id,
            existing: None,
        }
    }
}

impl SecurityGroup {
    pub(crate) fn into_model(self) -> m::SecurityGroup {
        m::SecurityGroup {
            id: m::SecurityGroupId::new(self.id),
            name: self.name,
            ingress: self
                .ingress
                .into_iter()
                .map(|rule| m::SecurityGroupRule {
                    protocol: rule.protocol,
                    from_port: rule.from_port,
                    to_port: rule.to_port,
                    source: rule.source.into_model(),
                })
                .collect(),
            existing: None,
        }
    }
}

impl EdgeGateway {
    pub(crate) fn into_model(self) -> m::EdgeGateway {
        m::EdgeGateway {
            kind: self.kind.into_model(),
            remote_cidrs: self.remote_cidrs.into_iter().map(|c| c.0).collect(),
        }
    }
}

impl NetworkAcl {
    pub(crate) fn into_model(self) -> m::NetworkAcl {
        m::NetworkAcl {
            id: m::NetworkAclId::new(self.id),
            name: self.name,
            subnets: self.subnets.into_iter().map(m::SubnetId::new).collect(),
            entries: self
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
        }
    }
}

impl RouteDestination {
    pub(crate) fn into_model(self) -> m::RouteDestination {
        match self {
            RouteDestination::Ipv4(d) => m::RouteDestination::Ipv4(d.cidr.0),
            RouteDestination::Ipv6(d) => m::RouteDestination::Ipv6(d.cidr.0),
            RouteDestination::PrefixList(d) => m::RouteDestination::PrefixList(d.prefix_list),
        }
    }
}

impl EdgeGatewayKind {
    pub(crate) fn into_model(self) -> m::EdgeGatewayKind {
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
    pub(crate) fn into_model(self) -> m::RuleSource {
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
    pub(crate) fn into_model(self) -> m::Service {
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

pub(crate) fn load_balancers(balancers: Vec<LoadBalancer>) -> Vec<m::LoadBalancer> {
    balancers
        .into_iter()
        .map(|lb| m::LoadBalancer {
            name: lb.name,
            listeners: lb.listeners,
        })
        .collect()
}

impl IpFamily {
    pub(crate) fn into_model(self) -> m::IpFamily {
        match self {
            IpFamily::Ipv4 => m::IpFamily::Ipv4,
            IpFamily::Ipv6 => m::IpFamily::Ipv6,
        }
    }
}

impl Link {
    pub(crate) fn into_model(self) -> m::Link {
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
                existing: None,
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
                existing: None,
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
                existing: None,
            },
        }
    }
}

impl IpAddressType {
    pub(crate) fn into_model(self) -> m::IpAddressType {
        match self {
            IpAddressType::Ipv4 => m::IpAddressType::Ipv4,
            IpAddressType::Dualstack => m::IpAddressType::Dualstack,
            IpAddressType::Ipv6 => m::IpAddressType::Ipv6,
        }
    }
}

impl Intent {
    pub(crate) fn into_model(self) -> m::Intent {
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
