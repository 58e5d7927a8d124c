//! Generators of arbitrary designs for the property tests: every field of
//! every kind of item, CIDRs of any length, positions that are not finite.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::prelude::*;

use crate::design::*;

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9-]{1,10}"
}

pub(super) fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn ipv4() -> impl Strategy<Value = Ipv4Net> {
    (any::<u32>(), 0u8..=32).prop_map(|(addr, len)| Ipv4Net::new(addr.into(), len).unwrap())
}

fn ipv6() -> impl Strategy<Value = Ipv6Net> {
    (any::<u128>(), 0u8..=128).prop_map(|(addr, len)| Ipv6Net::new(addr.into(), len).unwrap())
}

fn ip() -> impl Strategy<Value = IpNet> {
    prop_oneof![ipv4().prop_map(IpNet::V4), ipv6().prop_map(IpNet::V6)]
}

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        -2000.0f64..2000.0,
        Just(-0.0),
    ]
}

fn position() -> impl Strategy<Value = Position> {
    (coordinate(), coordinate()).prop_map(|(x, y)| Position { x, y })
}

fn list<T: std::fmt::Debug>(item: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(item, 0..3)
}

fn edge_kind() -> impl Strategy<Value = EdgeGatewayKind> {
    prop_oneof![
        Just(EdgeGatewayKind::InternetGateway),
        Just(EdgeGatewayKind::NatGateway),
        Just(EdgeGatewayKind::VpnGateway),
        Just(EdgeGatewayKind::DirectConnect),
        Just(EdgeGatewayKind::TransitGateway),
    ]
}

fn route() -> impl Strategy<Value = Route> {
    let destination = prop_oneof![
        ipv4().prop_map(RouteDestination::Ipv4),
        ipv6().prop_map(RouteDestination::Ipv6),
        text().prop_map(RouteDestination::PrefixList),
    ];
    let target = prop_oneof![
        id().prop_map(|id| RouteTarget::Peering(LinkId::new(id))),
        id().prop_map(|id| RouteTarget::GatewayEndpoint(LinkId::new(id))),
        edge_kind().prop_map(RouteTarget::Edge),
        text().prop_map(RouteTarget::Other),
    ];
    (destination, target).prop_map(|(destination, target)| Route {
        destination,
        target,
    })
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (
        id(),
        text(),
        prop::option::of(ipv4()),
        prop::option::of(ipv6()),
        text(),
        prop::option::of(text()),
    )
        .prop_map(
            |(id, name, ipv4_cidr, ipv6_cidr, availability_zone, availability_zone_id)| Subnet {
                id: SubnetId::new(id),
                name,
                ipv4_cidr,
                ipv6_cidr,
                availability_zone,
                availability_zone_id,
            },
        )
}

fn route_table() -> impl Strategy<Value = RouteTable> {
    (id(), text(), any::<bool>(), list(id()), list(route())).prop_map(
        |(id, name, main, subnets, routes)| RouteTable {
            id: RouteTableId::new(id),
            name,
            main,
            subnets: subnets.into_iter().map(SubnetId::new).collect(),
            routes,
        },
    )
}

fn security_group() -> impl Strategy<Value = SecurityGroup> {
    let source = prop_oneof![
        ip().prop_map(RuleSource::Cidr),
        (id(), id()).prop_map(|(vpc, group)| RuleSource::SecurityGroup {
            vpc: VpcId::new(vpc),
            group: SecurityGroupId::new(group),
        }),
        text().prop_map(RuleSource::PrefixList),
    ];
    let rule = (text(), any::<u16>(), any::<u16>(), source).prop_map(
        |(protocol, from_port, to_port, source)| SecurityGroupRule {
            protocol,
            from_port,
            to_port,
            source,
        },
    );
    (id(), text(), list(rule)).prop_map(|(id, name, ingress)| SecurityGroup {
        id: SecurityGroupId::new(id),
        name,
        ingress,
    })
}

fn vpc() -> impl Strategy<Value = Vpc> {
    let identity = (id(), text(), id(), text(), list(ipv4()), list(ipv6()));
    let parts = (
        any::<(bool, bool, bool)>(),
        list(subnet()),
        list(route_table()),
        list(security_group()),
        list(
            (edge_kind(), list(ip()))
                .prop_map(|(kind, remote_cidrs)| EdgeGateway { kind, remote_cidrs }),
        ),
        position(),
    );
    (identity, parts).prop_map(
        |(
            (id, name, account, region, ipv4_cidrs, ipv6_cidrs),
            (
                (dns_support, dns_hostnames, jumbo_frames),
                subnets,
                route_tables,
                security_groups,
                edge_gateways,
                position,
            ),
        )| Vpc {
            id: VpcId::new(id),
            name,
            account: AccountId::new(account),
            region,
            ipv4_cidrs,
            ipv6_cidrs,
            dns_support,
            dns_hostnames,
            subnets,
            route_tables,
            security_groups,
            edge_gateways,
            network_acls: Vec::new(),
            jumbo_frames,
            position,
        },
    )
}

fn service() -> impl Strategy<Value = Service> {
    let load_balancer =
        || (text(), any::<u32>()).prop_map(|(name, listeners)| LoadBalancer { name, listeners });
    let family = prop_oneof![Just(IpFamily::Ipv4), Just(IpFamily::Ipv6)];
    let endpoint_service = (
        id(),
        list(load_balancer()),
        list(load_balancer()),
        any::<bool>(),
        list(text()),
        list(text()),
        list(family),
        list(text()),
        any::<u16>(),
    )
        .prop_map(
            |(
                provider_vpc,
                network_load_balancers,
                gateway_load_balancers,
                acceptance_required,
                allowed_principals,
                supported_regions,
                supported_ip_address_types,
                availability_zone_ids,
                port,
            )| {
                ServiceKind::EndpointService(EndpointService {
                    provider_vpc: VpcId::new(provider_vpc),
                    network_load_balancers,
                    gateway_load_balancers,
                    acceptance_required,
                    allowed_principals,
                    supported_regions,
                    supported_ip_address_types,
                    availability_zone_ids,
                    port,
                })
            },
        );
    let kind = prop_oneof![
        text().prop_map(|service| ServiceKind::Aws { service }),
        endpoint_service,
    ];
    (id(), text(), text(), kind, position()).prop_map(|(id, name, region, kind, position)| {
        Service {
            id: ServiceId::new(id),
            name,
            region,
            kind,
            position,
        }
    })
}

fn ip_address_type() -> impl Strategy<Value = IpAddressType> {
    prop_oneof![
        Just(IpAddressType::Ipv4),
        Just(IpAddressType::Dualstack),
        Just(IpAddressType::Ipv6),
    ]
}

fn link() -> impl Strategy<Value = Link> {
    let state = prop_oneof![
        Just(PeeringState::Planned),
        Just(PeeringState::PendingAcceptance),
        Just(PeeringState::Active),
    ];
    let peering = (id(), id(), any::<(bool, bool)>(), list(id()), state).prop_map(
        |(requester, accepter, (dns_resolution, ipv6), excluded, state)| {
            LinkSpec::Peering(Peering {
                requester: VpcId::new(requester),
                accepter: VpcId::new(accepter),
                dns_resolution,
                ipv6,
                excluded_route_tables: excluded.into_iter().map(RouteTableId::new).collect(),
                state,
            })
        },
    );
    let target = prop_oneof![
        id().prop_map(|id| EndpointTarget::Service(ServiceId::new(id))),
        id().prop_map(|id| EndpointTarget::GatewayLoadBalancer(ServiceId::new(id))),
        prop::option::of(text())
            .prop_map(|configuration_arn| EndpointTarget::Resource { configuration_arn }),
        prop::option::of(text()).prop_map(|arn| EndpointTarget::ServiceNetwork { arn }),
    ];
    let dns_record = prop::option::of(prop_oneof![
        Just(DnsRecordIpType::Ipv4),
        Just(DnsRecordIpType::Dualstack),
        Just(DnsRecordIpType::Ipv6),
        Just(DnsRecordIpType::ServiceDefined),
    ]);
    let interface = (
        id(),
        target,
        list(id()),
        list(id()),
        any::<bool>(),
        ip_address_type(),
        dns_record,
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(
                vpc,
                target,
                subnets,
                security_groups,
                private_dns,
                ip_address_type,
                dns_record_ip_type,
                service_region,
                policy,
                service_name,
            )| {
                LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
                    vpc: VpcId::new(vpc),
                    target,
                    subnets: subnets.into_iter().map(SubnetId::new).collect(),
                    security_groups: security_groups
                        .into_iter()
                        .map(SecurityGroupId::new)
                        .collect(),
                    private_dns,
                    ip_address_type,
                    dns_record_ip_type,
                    service_region,
                    policy,
                    service_name,
                })
            },
        );
    let gateway = (
        id(),
        id(),
        list(id()),
        prop::option::of(text()),
        ip_address_type(),
        list(id()),
        list(id()),
        any::<bool>(),
    )
        .prop_map(
            |(
                vpc,
                service,
                route_tables,
                policy,
                ip_address_type,
                subnets,
                groups,
                private_dns,
            )| {
                LinkSpec::GatewayEndpoint(GatewayEndpoint {
                    vpc: VpcId::new(vpc),
                    service: ServiceId::new(service),
                    route_tables: route_tables.into_iter().map(RouteTableId::new).collect(),
                    policy,
                    ip_address_type,
                    subnets: subnets.into_iter().map(SubnetId::new).collect(),
                    security_groups: groups.into_iter().map(SecurityGroupId::new).collect(),
                    private_dns,
                })
            },
        );
    (id(), prop_oneof![peering, interface, gateway]).prop_map(|(id, spec)| Link {
        id: LinkId::new(id),
        spec,
    })
}

fn intent() -> impl Strategy<Value = Intent> {
    let from = prop_oneof![
        id().prop_map(|vpc| IntentSource::Vpc(VpcId::new(vpc))),
        (id(), id()).prop_map(|(vpc, subnet)| IntentSource::Subnet {
            vpc: VpcId::new(vpc),
            subnet: SubnetId::new(subnet),
        }),
    ];
    let to = prop_oneof![
        id().prop_map(|vpc| IntentTarget::Vpc(VpcId::new(vpc))),
        id().prop_map(|service| IntentTarget::Service(ServiceId::new(service))),
    ];
    (id(), from, to).prop_map(|(id, from, to)| Intent {
        id: IntentId::new(id),
        from,
        to,
    })
}

pub(super) fn arbitrary_design() -> impl Strategy<Value = Design> {
    (
        text(),
        list((id(), text()).prop_map(|(id, name)| Account {
            id: AccountId::new(id),
            name,
        })),
        list(vpc()),
        list(service()),
        prop::collection::vec(link(), 0..5),
        list(intent()),
    )
        .prop_map(|(name, accounts, vpcs, services, links, intents)| Design {
            name,
            accounts,
            vpcs,
            services,
            links,
            intents,
        })
}
