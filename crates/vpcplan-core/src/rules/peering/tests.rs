//! Tests of the walks and helpers the peering rules share.

use super::*;
use crate::rules::testing::*;

#[test]
fn routes_into_a_peer_are_classified_by_where_they_lead() {
    let peer = with_gateway(
        with_gateway(
            vpc("hub", "10.0.0.0/16"),
            EdgeGatewayKind::VpnGateway,
            &["192.168.0.0/16"],
        ),
        EdgeGatewayKind::InternetGateway,
        &[],
    );
    let ipv4 = |text: &str| RouteDestination::Ipv4(v4(text));
    assert_eq!(
        route_through_peering(&ipv4("10.0.1.0/24"), &peer),
        RouteThroughPeering::IntoPeer
    );
    assert!(matches!(
        route_through_peering(&ipv4("0.0.0.0/0"), &peer),
        RouteThroughPeering::EdgeToEdge(EdgeToEdge::DefaultRoute(_))
    ));
    assert!(matches!(
        route_through_peering(&ipv4("192.168.10.0/24"), &peer),
        RouteThroughPeering::EdgeToEdge(EdgeToEdge::Remote { .. })
    ));
    assert!(matches!(
        route_through_peering(&ipv4("52.0.0.0/8"), &peer),
        RouteThroughPeering::EdgeToEdge(EdgeToEdge::Internet { .. })
    ));
    assert_eq!(
        route_through_peering(&ipv4("10.1.0.0/16"), &peer),
        RouteThroughPeering::Outside("10.1.0.0/16".parse().unwrap())
    );
    let s3 = RouteDestination::PrefixList("com.amazonaws.ap-northeast-1.s3".into());
    assert!(matches!(
        route_through_peering(&s3, &peer),
        RouteThroughPeering::EdgeToEdge(EdgeToEdge::GatewayEndpoint(_))
    ));
    let custom = RouteDestination::PrefixList("pl-0123".into());
    assert_eq!(
        route_through_peering(&custom, &peer),
        RouteThroughPeering::Unknown
    );
}

fn run_all(design: &crate::Design) -> Vec<crate::Diagnostic> {
    RULES.iter().flat_map(|rule| run(rule, design)).collect()
}

#[test]
fn no_peering_rule_panics_on_a_malformed_design() {
    use crate::design::{IntentTarget, RouteTableId};
    let broken = with_group_from(
        route_via(
            route_via(vpc("a", "10.0.0.0/16"), "0.0.0.0/0", "ghost"),
            "10.9.0.0/16",
            "self",
        ),
        "sg",
        "nowhere",
        "sg-x",
    );
    let mut empty = vpc("empty", "10.1.0.0/16").in_region("").in_account("");
    empty.ipv4_cidrs.clear();
    empty.route_tables.clear();
    let mut design = design(
        vec![broken.clone(), broken, empty],
        vec![aws_service("s3", "s3", "nowhere-1")],
        vec![
            peering("self", "a", "a"),
            peering("dangling", "a", "ghost"),
            peering("to-empty", "a", "empty"),
            peering("to-empty", "empty", "a"),
            gateway_endpoint("gw", "ghost", "s3"),
            interface_endpoint("if", "empty", "nothing", &[]),
        ],
    );
    for index in 0..4 {
        let peering = peering_mut(&mut design, index);
        peering.ipv6 = true;
        peering.dns_resolution = true;
        peering.excluded_route_tables = vec![RouteTableId::new("nope")];
    }
    design.intents = vec![
        vpc_intent("i1", "a", "empty"),
        vpc_intent("i2", "ghost", "a"),
        subnet_intent("i3", "a", "no-subnet", "empty"),
        service_intent("i4", "empty", "s3"),
        service_intent("i5", "a", "missing"),
    ];
    design.intents.push(crate::design::Intent {
        id: "i6".into(),
        from: IntentSource::Vpc("a".into()),
        to: IntentTarget::Vpc("a".into()),
    });
    // Whatever they report, they must not panic.
    let found = run_all(&design);
    assert!(
        found
            .iter()
            .all(|diagnostic| !diagnostic.message.en.is_empty())
    );
    assert!(run_all(&crate::Design::default()).is_empty());
}

/// 1,000 VPCs in a ring where each peers with the next five (5,000
/// peerings), 2,000 endpoints, a security group per VPC referencing the
/// next VPC's, and 3,000 intents that hold, plus ten flows that only a
/// chain of peerings could carry. With `--nocapture` it prints each
/// rule's time; judge it with `--profile bench` (release is size-tuned).
#[test]
fn all_peering_rules_handle_a_large_design() {
    const VPCS: usize = 1000;
    let name = |n: usize| format!("v{}", n % VPCS);
    let vpcs = (0..VPCS)
        .map(|n| {
            let cidr = format!("10.{}.{}.0/24", n / 256, n % 256);
            let subnet = format!("10.{}.{}.0/25", n / 256, n % 256);
            let vpc = vpc(&name(n), &cidr).with_subnet("a", &subnet, 'a');
            with_group_from(
                vpc,
                &format!("sg{n}"),
                &name(n + 1),
                &format!("sg{}", (n + 1) % VPCS),
            )
        })
        .collect();
    let mut links = Vec::new();
    for n in 0..VPCS {
        for step in 1..=5 {
            links.push(peering(&format!("p{n}-{step}"), &name(n), &name(n + step)));
        }
        links.push(gateway_endpoint(&format!("gw{n}"), &name(n), "s3"));
        let subnet = format!("{}-a", name(n));
        links.push(interface_endpoint(
            &format!("if{n}"),
            &name(n),
            "sqs",
            &[&subnet],
        ));
    }
    let mut design = design(
        vpcs,
        vec![
            aws_service("s3", "s3", "ap-northeast-1"),
            aws_service("sqs", "sqs", "ap-northeast-1"),
        ],
        links,
    );
    for n in 0..VPCS {
        let subnet = format!("{}-a", name(n));
        design.intents.extend([
            subnet_intent(&format!("i{n}"), &name(n), &subnet, &name(n + 1)),
            service_intent(&format!("s3-{n}"), &name(n), "s3"),
            service_intent(&format!("sqs-{n}"), &name(n), "sqs"),
        ]);
    }
    for n in 0..10 {
        design
            .intents
            .push(vpc_intent(&format!("far{n}"), &name(n), &name(n + 7)));
    }

    let started = std::time::Instant::now();
    let index = DesignIndex::new(&design);
    eprintln!("index: {:?}", started.elapsed());
    let mut found = Vec::new();
    let all = std::time::Instant::now();
    for rule in RULES {
        let started = std::time::Instant::now();
        (rule.check)(rule, &index, &mut found);
        eprintln!("{}: {:?}", rule.doc.id, started.elapsed());
    }
    eprintln!("all peering rules: {:?}", all.elapsed());
    assert_eq!(
        ids(&found),
        [["PEER-003"; 10].as_slice(), &["PEER-017"]].concat()
    );
    assert_eq!(
        found.last().map(|d| d.severity),
        Some(crate::Severity::Warning)
    );
}

#[test]
fn the_graph_finds_components_and_shortest_paths() {
    let design = design(
        vec![
            vpc("a", "10.0.0.0/16"),
            vpc("b", "10.1.0.0/16"),
            vpc("c", "10.2.0.0/16"),
            vpc("d", "10.3.0.0/16"),
        ],
        vec![],
        vec![
            peering("ab", "a", "b"),
            peering("bc", "b", "c"),
            peering("self", "d", "d"),
            peering("dangling", "d", "nowhere"),
        ],
    );
    let index = DesignIndex::new(&design);
    let graph = PeeringGraph::new(&index);
    assert_eq!(graph.components, 2);
    assert_eq!(graph.component, [0, 0, 0, 1]);
    let tree = graph.tree_from(0);
    let (nodes, links) = path_in_tree(&tree, 2);
    assert_eq!(nodes, [1, 2]);
    let links: Vec<&str> = links.iter().map(|link| link.id.as_str()).collect();
    assert_eq!(links, ["ab", "bc"]);
}
