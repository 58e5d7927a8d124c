//! Validation never panics, whatever the design: ids drawn from a tiny pool
//! so references dangle, collide and loop; CIDRs that overlap, nest or do not
//! fit; empty lists; self-peerings; unknown Regions and services.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::prelude::*;
use vpcplan_core::design::*;
use vpcplan_core::{Severity, validate};

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["a", "b", "c", "d", ""]).prop_map(str::to_owned)
}

fn region() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "ap-northeast-1",
        "us-east-1",
        "cn-north-1",
        "af-south-1",
        "nowhere-1",
        "",
    ])
    .prop_map(str::to_owned)
}

fn ipv4() -> impl Strategy<Value = Ipv4Net> {
    (any::<[u8; 2]>(), 0u8..=32)
        .prop_map(|([a, b], len)| Ipv4Net::new([10, a & 3, b, 0].into(), len).unwrap())
}

fn ipv6() -> impl Strategy<Value = Ipv6Net> {
    (any::<u16>(), 0u8..=128).prop_map(|(a, len)| {
        Ipv6Net::new([0x2001, 0xdb8, a & 3, 0, 0, 0, 0, 0].into(), len).unwrap()
    })
}

fn ip() -> impl Strategy<Value = IpNet> {
    prop_oneof![ipv4().prop_map(IpNet::V4), ipv6().prop_map(IpNet::V6)]
}

fn route() -> impl Strategy<Value = Route> {
    let destination = prop_oneof![
        ipv4().prop_map(RouteDestination::Ipv4),
        ipv6().prop_map(RouteDestination::Ipv6),
        id().prop_map(RouteDestination::PrefixList),
    ];
    let target = prop_oneof![
        id().prop_map(|id| RouteTarget::Peering(LinkId::new(id))),
        id().prop_map(|id| RouteTarget::GatewayEndpoint(LinkId::new(id))),
        Just(RouteTarget::Edge(EdgeGatewayKind::InternetGateway)),
        Just(RouteTarget::Edge(EdgeGatewayKind::VpnGateway)),
        id().prop_map(RouteTarget::Other),
    ];
    (destination, target).prop_map(|(destination, target)| Route {
        destination,
        target,
    })
}

fn vpc() -> impl Strategy<Value = Vpc> {
    let subnet = (
        id(),
        prop::option::of(ipv4()),
        prop::option::of(ipv6()),
        id(),
        prop::option::of(id()),
    )
        .prop_map(|(id, ipv4_cidr, ipv6_cidr, az, az_id)| Subnet {
            id: SubnetId::new(id),
            name: "s".to_owned(),
            ipv4_cidr,
            ipv6_cidr,
            availability_zone: az,
            availability_zone_id: az_id,
        });
    let table = (
        id(),
        any::<bool>(),
        prop::collection::vec(id(), 0..3),
        prop::collection::vec(route(), 0..4),
    )
        .prop_map(|(id, main, subnets, routes)| RouteTable {
            id: RouteTableId::new(id),
            name: "t".to_owned(),
            main,
            subnets: subnets.into_iter().map(SubnetId::new).collect(),
            routes,
        });
    let rule_source = prop_oneof![
        ip().prop_map(RuleSource::Cidr),
        (id(), id()).prop_map(|(vpc, group)| RuleSource::SecurityGroup {
            vpc: VpcId::new(vpc),
            group: SecurityGroupId::new(group)
        }),
        id().prop_map(RuleSource::PrefixList),
    ];
    let group = (
        id(),
        prop::collection::vec((any::<u16>(), any::<u16>(), rule_source), 0..3),
    )
        .prop_map(|(id, rules)| SecurityGroup {
            id: SecurityGroupId::new(id),
            name: "default".to_owned(),
            ingress: rules
                .into_iter()
                .map(|(from_port, to_port, source)| SecurityGroupRule {
                    protocol: "tcp".to_owned(),
                    from_port,
                    to_port,
                    source,
                })
                .collect(),
        });
    let edge = (
        prop::sample::select(vec![
            EdgeGatewayKind::InternetGateway,
            EdgeGatewayKind::NatGateway,
            EdgeGatewayKind::VpnGateway,
            EdgeGatewayKind::DirectConnect,
            EdgeGatewayKind::TransitGateway,
        ]),
        prop::collection::vec(ip(), 0..2),
    )
        .prop_map(|(kind, remote_cidrs)| EdgeGateway { kind, remote_cidrs });
    (
        (
            id(),
            id(),
            region(),
            prop::collection::vec(ipv4(), 0..3),
            prop::collection::vec(ipv6(), 0..2),
        ),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        (
            prop::collection::vec(subnet, 0..4),
            prop::collection::vec(table, 0..3),
            prop::collection::vec(group, 0..2),
            prop::collection::vec(edge, 0..2),
        ),
    )
        .prop_map(
            |(
                (id, account, region, ipv4_cidrs, ipv6_cidrs),
                (dns_support, dns_hostnames, jumbo_frames),
                (subnets, route_tables, security_groups, edge_gateways),
            )| Vpc {
                id: VpcId::new(id),
                name: "v".to_owned(),
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
                position: Position::default(),
            },
        )
}

fn service() -> impl Strategy<Value = Service> {
    let aws = prop::sample::select(vec![
        "s3",
        "dynamodb",
        "s3express",
        "sqs",
        "ssm",
        "iam",
        "unknown",
        "",
    ])
    .prop_map(|service| ServiceKind::Aws {
        service: service.to_owned(),
    });
    let load_balancer =
        || (id(), 0u32..80).prop_map(|(name, listeners)| LoadBalancer { name, listeners });
    let endpoint_service = (
        id(),
        prop::collection::vec(load_balancer(), 0..2),
        prop::collection::vec(load_balancer(), 0..2),
        any::<bool>(),
        prop::collection::vec(
            prop::sample::select(vec!["*", "arn:aws:iam::111111111111:root", ""]),
            0..2,
        ),
        prop::collection::vec(region(), 0..2),
        prop::collection::vec(
            prop::sample::select(vec![IpFamily::Ipv4, IpFamily::Ipv6]),
            0..2,
        ),
        prop::collection::vec(id(), 0..2),
        any::<u16>(),
    )
        .prop_map(
            |(
                provider,
                nlbs,
                gwlbs,
                acceptance_required,
                principals,
                supported_regions,
                families,
                azs,
                port,
            )| {
                ServiceKind::EndpointService(EndpointService {
                    provider_vpc: VpcId::new(provider),
                    network_load_balancers: nlbs,
                    gateway_load_balancers: gwlbs,
                    acceptance_required,
                    allowed_principals: principals.into_iter().map(str::to_owned).collect(),
                    supported_regions,
                    supported_ip_address_types: families,
                    availability_zone_ids: azs,
                    port,
                })
            },
        );
    (id(), region(), prop_oneof![aws, endpoint_service]).prop_map(|(id, region, kind)| Service {
        id: ServiceId::new(id),
        name: "svc".to_owned(),
        region,
        kind,
        position: Position::default(),
    })
}

fn address_type() -> impl Strategy<Value = IpAddressType> {
    prop::sample::select(vec![
        IpAddressType::Ipv4,
        IpAddressType::Dualstack,
        IpAddressType::Ipv6,
    ])
}

fn link() -> impl Strategy<Value = Link> {
    let peering = (
        id(),
        id(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(id(), 0..2),
        0u8..3,
    )
        .prop_map(
            |(requester, accepter, dns_resolution, ipv6, excluded, state)| {
                LinkSpec::Peering(Peering {
                    requester: VpcId::new(requester),
                    accepter: VpcId::new(accepter),
                    dns_resolution,
                    ipv6,
                    excluded_route_tables: excluded.into_iter().map(RouteTableId::new).collect(),
                    state: [
                        PeeringState::Planned,
                        PeeringState::PendingAcceptance,
                        PeeringState::Active,
                    ][state as usize],
                })
            },
        );
    let target = prop_oneof![
        id().prop_map(|id| EndpointTarget::Service(ServiceId::new(id))),
        id().prop_map(|id| EndpointTarget::GatewayLoadBalancer(ServiceId::new(id))),
        prop::option::of(id())
            .prop_map(|configuration_arn| EndpointTarget::Resource { configuration_arn }),
        prop::option::of(id()).prop_map(|arn| EndpointTarget::ServiceNetwork { arn }),
    ];
    let record = prop::option::of(prop::sample::select(vec![
        DnsRecordIpType::Ipv4,
        DnsRecordIpType::Dualstack,
        DnsRecordIpType::Ipv6,
        DnsRecordIpType::ServiceDefined,
    ]));
    let names = prop::option::of(prop::sample::select(vec![
        "com.amazonaws.ap-northeast-1.ssm",
        "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0",
        "com.amazonaws.iam",
        "garbage",
        "",
    ]));
    let interface = (
        (
            id(),
            target,
            prop::collection::vec(id(), 0..3),
            prop::collection::vec(id(), 0..2),
        ),
        (
            any::<bool>(),
            address_type(),
            record,
            prop::option::of(region()),
        ),
        (prop::option::of(".{0,30}"), names),
    )
        .prop_map(
            |(
                (vpc, target, subnets, groups),
                (private_dns, ip_address_type, dns_record_ip_type, service_region),
                (policy, name),
            )| {
                LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
                    vpc: VpcId::new(vpc),
                    target,
                    subnets: subnets.into_iter().map(SubnetId::new).collect(),
                    security_groups: groups.into_iter().map(SecurityGroupId::new).collect(),
                    private_dns,
                    ip_address_type,
                    dns_record_ip_type,
                    service_region,
                    policy,
                    service_name: name.map(str::to_owned),
                })
            },
        );
    let gateway = (
        id(),
        id(),
        prop::collection::vec(id(), 0..3),
        prop::option::of(".{0,30}"),
        address_type(),
        prop::collection::vec(id(), 0..2),
        any::<bool>(),
    )
        .prop_map(
            |(vpc, service, tables, policy, ip_address_type, subnets, private_dns)| {
                LinkSpec::GatewayEndpoint(GatewayEndpoint {
                    vpc: VpcId::new(vpc),
                    service: ServiceId::new(service),
                    route_tables: tables.into_iter().map(RouteTableId::new).collect(),
                    policy,
                    ip_address_type,
                    subnets: subnets.into_iter().map(SubnetId::new).collect(),
                    security_groups: Vec::new(),
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
    let source = prop_oneof![
        id().prop_map(|vpc| IntentSource::Vpc(VpcId::new(vpc))),
        (id(), id()).prop_map(|(vpc, subnet)| IntentSource::Subnet {
            vpc: VpcId::new(vpc),
            subnet: SubnetId::new(subnet)
        }),
    ];
    let target = prop_oneof![
        id().prop_map(|vpc| IntentTarget::Vpc(VpcId::new(vpc))),
        id().prop_map(|service| IntentTarget::Service(ServiceId::new(service))),
    ];
    (id(), source, target).prop_map(|(id, from, to)| Intent {
        id: IntentId::new(id),
        from,
        to,
    })
}

fn chaotic_design() -> impl Strategy<Value = Design> {
    (
        prop::collection::vec((id(), ".{0,8}"), 0..3),
        prop::collection::vec(vpc(), 0..5),
        prop::collection::vec(service(), 0..4),
        prop::collection::vec(link(), 0..8),
        prop::collection::vec(intent(), 0..4),
    )
        .prop_map(|(accounts, vpcs, services, links, intents)| Design {
            name: "chaos".to_owned(),
            accounts: accounts
                .into_iter()
                .map(|(id, name)| Account {
                    id: AccountId::new(id),
                    name,
                })
                .collect(),
            vpcs,
            services,
            links,
            intents,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn validation_never_panics_and_every_diagnostic_is_complete(design in chaotic_design()) {
        let diagnostics = validate(&design);
        for diagnostic in &diagnostics {
            prop_assert!(vpcplan_core::rule(diagnostic.rule).is_some(), "{} is not in the catalogue", diagnostic.rule);
            prop_assert!(!diagnostic.message.en.is_empty() && !diagnostic.message.ja.is_empty());
            prop_assert!(!diagnostic.fix.en.is_empty() && !diagnostic.fix.ja.is_empty());
            prop_assert!(diagnostic.source.starts_with("https://"), "{}", diagnostic.source);
        }
        // Most severe first.
        let severities: Vec<Severity> = diagnostics.iter().map(|diagnostic| diagnostic.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        prop_assert_eq!(severities, sorted);
    }
}
