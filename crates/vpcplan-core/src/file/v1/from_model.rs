//! The internal model → version 1.

use super::*;

/// The plain strings of a list of ids.
pub(super) fn strings<T>(ids: &[T], as_str: impl Fn(&T) -> &str) -> Vec<String> {
    ids.iter().map(|id| as_str(id).to_owned()).collect()
}

impl Design {
    pub(super) fn from_model(design: &m::Design) -> Design {
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
        }
    }
}

impl Position {
    /// JSON has no NaN or infinity (serde_json would write `null`, which
    /// would not read back), so a coordinate that is not finite is written
    /// as 0.
    pub(super) fn from_model(position: m::Position) -> Position {
        let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
        Position {
            x: finite(position.x),
            y: finite(position.y),
        }
    }
}

impl Vpc {
    pub(super) fn from_model(vpc: &m::Vpc) -> Vpc {
        Vpc {
            id: vpc.id.to_string(),
            name: vpc.name.clone(),
            account: vpc.account.to_string(),
            region: vpc.region.clone(),
            ipv4_cidrs: vpc.ipv4_cidrs.iter().copied().map(Ipv4Cidr).collect(),
            ipv6_cidrs: vpc.ipv6_cidrs.iter().copied().map(Ipv6Cidr).collect(),
            dns_support: vpc.dns_support,
            dns_hostnames: vpc.dns_hostnames,
            subnets: vpc
                .subnets
                .iter()
                .map(|subnet| Subnet {
                    id: subnet.id.to_string(),
                    name: subnet.name.clone(),
                    ipv4_cidr: subnet.ipv4_cidr.map(Ipv4Cidr),
                    ipv6_cidr: subnet.ipv6_cidr.map(Ipv6Cidr),
                    availability_zone: subnet.availability_zone.clone(),
                    availability_zone_id: subnet.availability_zone_id.clone(),
                })
                .collect(),
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
                .map(|group| SecurityGroup {
                    id: group.id.to_string(),
                    name: group.name.clone(),
                    ingress: group
                        .ingress
                        .iter()
                        .map(|rule| SecurityGroupRule {
                            protocol: rule.protocol.clone(),
                            from_port: rule.from_port,
                            to_port: rule.to_port,
                            source: RuleSource::from_model(&rule.source),
                        })
                        .collect(),
                })
                .collect(),
            edge_gateways: vpc
                .edge_gateways
                .iter()
                .map(|gateway| EdgeGateway {
                    kind: EdgeGatewayKind::from_model(gateway.kind),
                    remote_cidrs: gateway.remote_cidrs.iter().copied().map(IpCidr).collect(),
                })
                .collect(),
            network_acls: vpc
                .network_acls
                .iter()
                .map(|acl| NetworkAcl {
                    id: acl.id.to_string(),
                    name: acl.name.clone(),
                    subnets: acl.subnets.iter().map(ToString::to_string).collect(),
                    entries: acl
                        .entries
                        .iter()
                        .map(|entry| NetworkAclEntry {
                            rule_number: entry.rule_number,
                            egress: entry.egress,
                            protocol: entry.protocol.clone(),
                            cidr: IpCidr(entry.cidr),
                            allow: entry.allow,
                        })
                        .collect(),
                })
                .collect(),
            jumbo_frames: vpc.jumbo_frames,
            position: Position::from_model(vpc.position),
        }
    }
}

impl RouteDestination {
    pub(super) fn from_model(destination: &m::RouteDestination) -> RouteDestination {
        match destination {
            m::RouteDestination::Ipv4(cidr) => RouteDestination::Ipv4(CidrV4Destination {
                cidr: Ipv4Cidr(*cidr),
            }),
            m::RouteDestination::Ipv6(cidr) => RouteDestination::Ipv6(CidrV6Destination {
                cidr: Ipv6Cidr(*cidr),
            }),
            m::RouteDestination::PrefixList(list) => RouteDestination::PrefixList(PrefixListRef {
                prefix_list: list.clone(),
            }),
        }
    }
}

impl RouteTarget {
    pub(super) fn from_model(target: &m::RouteTarget) -> RouteTarget {
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
            m::RouteTarget::Other(id) => RouteTarget::Other(OtherTarget { id: id.clone() }),
        }
    }
}

impl EdgeGatewayKind {
    pub(super) fn from_model(kind: m::EdgeGatewayKind) -> EdgeGatewayKind {
        match kind {
            m::EdgeGatewayKind::InternetGateway => EdgeGatewayKind::InternetGateway,
            m::EdgeGatewayKind::NatGateway => EdgeGatewayKind::NatGateway,
            m::EdgeGatewayKind::VpnGateway => EdgeGatewayKind::VpnGateway,
            m::EdgeGatewayKind::DirectConnect => EdgeGatewayKind::DirectConnect,
            m::EdgeGatewayKind::TransitGateway => EdgeGatewayKind::TransitGateway,
        }
    }
}

impl RuleSource {
    pub(super) fn from_model(source: &m::RuleSource) -> RuleSource {
        match source {
            m::RuleSource::Cidr(cidr) => RuleSource::Cidr(CidrSource {
                cidr: IpCidr(*cidr),
            }),
            m::RuleSource::SecurityGroup { vpc, group } => {
                RuleSource::SecurityGroup(SecurityGroupSource {
                    vpc: vpc.to_string(),
                    group: group.to_string(),
                })
            }
            m::RuleSource::PrefixList(list) => RuleSource::PrefixList(PrefixListRef {
                prefix_list: list.clone(),
            }),
        }
    }
}

impl Service {
    pub(super) fn from_model(service: &m::Service) -> Service {
        let position = Position::from_model(service.position);
        match &service.kind {
            m::ServiceKind::Aws { service: suffix } => Service::Aws(AwsService {
                id: service.id.to_string(),
                name: service.name.clone(),
                region: service.region.clone(),
                service: suffix.clone(),
                position,
            }),
            m::ServiceKind::EndpointService(s) => Service::EndpointService(EndpointService {
                id: service.id.to_string(),
                name: service.name.clone(),
                region: service.region.clone(),
                provider_vpc: s.provider_vpc.to_string(),
                network_load_balancers: load_balancers_from_model(&s.network_load_balancers),
                gateway_load_balancers: load_balancers_from_model(&s.gateway_load_balancers),
                acceptance_required: s.acceptance_required,
                allowed_principals: s.allowed_principals.clone(),
                supported_regions: s.supported_regions.clone(),
                supported_ip_address_types: s
                    .supported_ip_address_types
                    .iter()
                    .map(|family| match family {
                        m::IpFamily::Ipv4 => IpFamily::Ipv4,
                        m::IpFamily::Ipv6 => IpFamily::Ipv6,
                    })
                    .collect(),
                availability_zone_ids: s.availability_zone_ids.clone(),
                port: s.port,
                position,
            }),
        }
    }
}

pub(super) fn load_balancers_from_model(balancers: &[m::LoadBalancer]) -> Vec<LoadBalancer> {
    balancers
        .iter()
        .map(|lb| LoadBalancer {
            name: lb.name.clone(),
            listeners: lb.listeners,
        })
        .collect()
}

impl IpAddressType {
    pub(super) fn from_model(kind: m::IpAddressType) -> IpAddressType {
        match kind {
            m::IpAddressType::Ipv4 => IpAddressType::Ipv4,
            m::IpAddressType::Dualstack => IpAddressType::Dualstack,
            m::IpAddressType::Ipv6 => IpAddressType::Ipv6,
        }
    }
}

impl Link {
    pub(super) fn from_model(link: &m::Link) -> Link {
        let id = link.id.to_string();
        match &link.spec {
            m::LinkSpec::Peering(p) => Link::Peering(Peering {
                id,
                requester: p.requester.to_string(),
                accepter: p.accepter.to_string(),
                dns_resolution: p.dns_resolution,
                ipv6: p.ipv6,
                excluded_route_tables: strings(&p.excluded_route_tables, |id| id.as_str()),
                state: match p.state {
                    m::PeeringState::Planned => PeeringState::Planned,
                    m::PeeringState::PendingAcceptance => PeeringState::PendingAcceptance,
                    m::PeeringState::Active => PeeringState::Active,
                },
            }),
            m::LinkSpec::InterfaceEndpoint(e) => Link::InterfaceEndpoint(InterfaceEndpoint {
                id,
                vpc: e.vpc.to_string(),
                target: match &e.target {
                    m::EndpointTarget::Service(service) => EndpointTarget::Service(ServiceRef {
                        service: service.to_string(),
                    }),
                    m::EndpointTarget::GatewayLoadBalancer(service) => {
                        EndpointTarget::GatewayLoadBalancer(ServiceRef {
                            service: service.to_string(),
                        })
                    }
                    m::EndpointTarget::Resource { configuration_arn } => {
                        EndpointTarget::Resource(ResourceTarget {
                            configuration_arn: configuration_arn.clone(),
                        })
                    }
                    m::EndpointTarget::ServiceNetwork { arn } => {
                        EndpointTarget::ServiceNetwork(ServiceNetworkTarget { arn: arn.clone() })
                    }
                },
                subnets: strings(&e.subnets, |id| id.as_str()),
                security_groups: strings(&e.security_groups, |id| id.as_str()),
                private_dns: e.private_dns,
                ip_address_type: IpAddressType::from_model(e.ip_address_type),
                dns_record_ip_type: e.dns_record_ip_type.map(|t| match t {
                    m::DnsRecordIpType::Ipv4 => DnsRecordIpType::Ipv4,
                    m::DnsRecordIpType::Dualstack => DnsRecordIpType::Dualstack,
                    m::DnsRecordIpType::Ipv6 => DnsRecordIpType::Ipv6,
                    m::DnsRecordIpType::ServiceDefined => DnsRecordIpType::ServiceDefined,
                }),
                service_region: e.service_region.clone(),
                policy: e.policy.clone(),
                service_name: e.service_name.clone(),
            }),
            m::LinkSpec::GatewayEndpoint(e) => Link::GatewayEndpoint(GatewayEndpoint {
                id,
                vpc: e.vpc.to_string(),
                service: e.service.to_string(),
                route_tables: strings(&e.route_tables, |id| id.as_str()),
                policy: e.policy.clone(),
                ip_address_type: IpAddressType::from_model(e.ip_address_type),
                subnets: strings(&e.subnets, |id| id.as_str()),
                security_groups: strings(&e.security_groups, |id| id.as_str()),
                private_dns: e.private_dns,
            }),
        }
    }
}

impl Intent {
    pub(super) fn from_model(intent: &m::Intent) -> Intent {
        Intent {
            id: intent.id.to_string(),
            from: match &intent.from {
                m::IntentSource::Vpc(vpc) => IntentSource::Vpc(VpcRef {
                    vpc: vpc.to_string(),
                }),
                m::IntentSource::Subnet { vpc, subnet } => IntentSource::Subnet(SubnetRef {
                    vpc: vpc.to_string(),
                    subnet: subnet.to_string(),
                }),
            },
            to: match &intent.to {
                m::IntentTarget::Vpc(vpc) => IntentTarget::Vpc(VpcRef {
                    vpc: vpc.to_string(),
                }),
                m::IntentTarget::Service(service) => IntentTarget::Service(ServiceRef {
                    service: service.to_string(),
                }),
            },
        }
    }
}
