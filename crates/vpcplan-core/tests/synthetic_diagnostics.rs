//! The diagnostics of the generated benchmark designs, pinned: how many each
//! rule reports and a SHA-256 digest of every diagnostic in order. Computed
//! before validation was optimised, so a faster `validate` that reports
//! anything else, or in another order, fails here.

use std::fmt::Write as _;

use ipnet::Ipv4Net;
use sha2::{Digest, Sha256};
use vpcplan_core::design::*;
use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_core::{Diagnostic, validate};

fn rendered(diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    for diagnostic in diagnostics {
        writeln!(
            text,
            "{} {} {:?}\n{}\n{}\n{}\n{}\n{}",
            diagnostic.rule,
            diagnostic.severity.slug(),
            diagnostic.subjects,
            diagnostic.message.en,
            diagnostic.message.ja,
            diagnostic.fix.en,
            diagnostic.fix.ja,
            diagnostic.source,
        )
        .expect("writing to a String cannot fail");
    }
    text
}

fn counts_per_rule(diagnostics: &[Diagnostic]) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for diagnostic in diagnostics {
        match counts.iter_mut().find(|(rule, _)| *rule == diagnostic.rule) {
            Some((_, count)) => *count += 1,
            None => counts.push((diagnostic.rule, 1)),
        }
    }
    counts
}

fn digest(diagnostics: &[Diagnostic]) -> String {
    Sha256::digest(rendered(diagnostics))
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn assert_pinned(vpcs: usize, counts: &[(&str, usize)], expected_digest: &str) {
    let diagnostics = validate(&generate(&Shape::benchmark(vpcs)));
    assert_eq!(counts_per_rule(&diagnostics), counts, "{vpcs} VPCs");
    assert_eq!(digest(&diagnostics), expected_digest, "{vpcs} VPCs");
}

/// A benchmark design with mistakes sprinkled over it at fixed positions, so
/// the pinned diagnostics cover many rules rather than the three a clean
/// generated design triggers.
fn design_with_mistakes(vpcs: usize) -> Design {
    let mut design = generate(&Shape::benchmark(vpcs));
    let cidrs: Vec<Ipv4Net> = design.vpcs.iter().map(|vpc| vpc.ipv4_cidrs[0]).collect();
    for (index, vpc) in design.vpcs.iter_mut().enumerate() {
        let other_cidr = cidrs[(index * 7 + 3) % cidrs.len()];
        let peer_cidr = cidrs[(index + 4) % cidrs.len()];
        match index % 23 {
            0 => vpc.ipv4_cidrs.push(peer_cidr),
            1 => vpc.dns_support = false,
            2 => vpc.region = "us-east-1".to_owned(),
            3 => vpc
                .ipv6_cidrs
                .push("2001:db8::/56".parse().expect("an IPv6 CIDR")),
            4 => vpc.route_tables[0].routes.push(Route {
                destination: RouteDestination::Ipv4(other_cidr),
                target: RouteTarget::Edge(EdgeGatewayKind::InternetGateway),
            }),
            5 => vpc.route_tables[0].routes.push(Route {
                destination: RouteDestination::Ipv4("10.0.0.0/8".parse().expect("a CIDR")),
                target: RouteTarget::Peering(LinkId::new(format!("pcx-{index}-{}", index + 4))),
            }),
            6 => vpc.edge_gateways.push(EdgeGateway {
                kind: EdgeGatewayKind::VpnGateway,
                remote_cidrs: vec!["192.168.0.0/16".parse().expect("a CIDR")],
            }),
            7 => vpc.jumbo_frames = true,
            8 => {
                let subnet = vpc.subnets[0].id.clone();
                vpc.route_tables.push(RouteTable {
                    id: RouteTableId::new(format!("rtb-extra-{index}")),
                    name: "extra".to_owned(),
                    main: false,
                    subnets: vec![subnet],
                    routes: Vec::new(),
                });
            }
            9 => vpc.id = VpcId::new("vpc-7"),
            10 => vpc.account = AccountId::new("999999999999"),
            11 => vpc.subnets[1].ipv4_cidr = Some(other_cidr),
            _ => {}
        }
    }
    let vpc_count = design.vpcs.len();
    for (index, link) in design.links.iter_mut().enumerate() {
        let other = VpcId::new(format!("vpc-{}", (index * 13) % (vpc_count + 3)));
        match &mut link.spec {
            LinkSpec::Peering(peering) => match index % 29 {
                0 => peering.accepter = other,
                1 => peering.requester = other,
                2 => peering.ipv6 = true,
                3 => peering.dns_resolution = true,
                4 => peering.state = PeeringState::PendingAcceptance,
                5 => peering.state = PeeringState::Active,
                6 => peering
                    .excluded_route_tables
                    .push(RouteTableId::new("rtb-1")),
                7 => link.id = LinkId::new("pcx-0-4"),
                _ => {}
            },
            LinkSpec::GatewayEndpoint(endpoint) => match index % 31 {
                0 => endpoint.route_tables.push(RouteTableId::new("rtb-3")),
                1 => endpoint.service = ServiceId::new("ssm-us-east-1"),
                2 => endpoint.vpc = other,
                3 => endpoint.route_tables.push(endpoint.route_tables[0].clone()),
                _ => {}
            },
            LinkSpec::InterfaceEndpoint(endpoint) => match index % 37 {
                0 => endpoint.subnets.push(SubnetId::new("subnet-2-0")),
                1 => endpoint.private_dns = false,
                2 => endpoint.ip_address_type = IpAddressType::Ipv6,
                3 => endpoint.service_region = Some("eu-west-1".to_owned()),
                4 => endpoint.target = EndpointTarget::Service(ServiceId::new("s3-us-east-1")),
                _ => {}
            },
        }
    }
    design
}

#[test]
fn a_benchmark_design_with_mistakes_keeps_its_diagnostics() {
    let diagnostics = validate(&design_with_mistakes(400));
    assert_eq!(
        counts_per_rule(&diagnostics),
        [
            ("DES-001", 303),
            ("DES-002", 2),
            ("DES-003", 17),
            ("DES-006", 17),
            ("DES-008", 18),
            ("PEER-001", 17),
            ("PEER-002", 1),
            ("PEER-013", 7),
            ("PEER-015", 80),
            ("RT-002", 139),
            ("PL-001", 2),
            ("PL-003", 18),
            ("PL-004", 11),
            ("PL-007", 28),
            ("GW-001", 12),
            ("GW-002", 25),
            ("GW-005", 44),
            ("PEER-007", 6),
            ("PEER-012", 11),
            ("PEER-014", 61),
            ("PEER-017", 1),
            ("MTU-001", 26),
            ("Q-001", 1),
            ("GW-007", 3),
        ]
    );
    assert_eq!(
        digest(&diagnostics),
        "e3d075f4385404c7a6055e5b6c8609a69eb4ba32860764715040bc05c58b9a4f"
    );
}

#[test]
fn benchmark_designs_of_100_vpcs_keep_their_diagnostics() {
    assert_pinned(
        100,
        &[("PEER-012", 10), ("PEER-017", 4)],
        "9efeeb57bfaddc0b0d15f0dc461125161e0cd5863bd00d0aa01c376dc4eabfd0",
    );
}

#[test]
fn benchmark_designs_of_1000_vpcs_keep_their_diagnostics() {
    assert_pinned(
        1_000,
        &[("PEER-012", 10), ("PEER-017", 4), ("Q-001", 20)],
        "6a25c6cbfe8d5e2d6900551eae1a6c5b8b92cb712b0dff3d43fa158d0de5cd32",
    );
}

#[test]
fn benchmark_designs_of_2000_vpcs_keep_their_diagnostics() {
    assert_pinned(
        2_000,
        &[("PEER-012", 10), ("PEER-017", 4), ("Q-001", 20)],
        "6c5cae6453c6015f0cbfabc880cc66fee8cbff55f786490ca2e110af090008cc",
    );
}
