//! Tests of the reachability engine: nodes, peerings and local routes here;
//! endpoints and the matrix in `tests/`.

mod endpoints;
mod matrix;

use super::fixtures::*;
use super::*;
use crate::design::{IntentSource, IntentTarget, RouteDestination, RouteTableId, RouteTarget};
use crate::rules::testing::*;

const TOKYO: &str = "ap-northeast-1";

fn reasons(result: &Reachability) -> &[Reason] {
    match result {
        Reachability::Unreachable { reasons } => reasons,
        Reachability::Reachable { path } => panic!("unexpectedly reachable: {path:#?}"),
    }
}

fn path(result: &Reachability) -> &[Hop] {
    match result {
        Reachability::Reachable { path } => path,
        Reachability::Unreachable { reasons } => {
            panic!("unexpectedly unreachable: {reasons:#?}")
        }
    }
}

fn rules_of(result: &Reachability) -> Vec<Option<&'static str>> {
    reasons(result).iter().map(|reason| reason.rule).collect()
}

fn pair() -> Design {
    design(
        vec![
            vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
            vpc("data", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
        ],
        vec![],
        vec![peering("pcx", "app", "data")],
    )
}

#[test]
fn peered_vpcs_reach_each_other_through_the_peering() {
    let design = pair();
    for (from, to) in [("app", "data"), ("data", "app")] {
        let result = reachability(&design, &Node::vpc(from), &Node::vpc(to));
        let hops = path(&result);
        assert_eq!(hops.len(), 1);
        assert_eq!(hops[0].link, Some(LinkId::new("pcx")));
        assert_eq!(hops[0].kind, Some(LinkKind::Peering));
        assert_eq!(
            (&hops[0].from, &hops[0].to),
            (&Node::vpc(from), &Node::vpc(to))
        );
        assert!(hops[0].via.en.contains("pcx"), "{}", hops[0].via.en);
        assert!(hops[0].via.ja.contains("ピアリング"));
    }
    let subnet_to_subnet = reachability(
        &design,
        &Node::subnet("app", "app-a"),
        &Node::subnet("data", "data-a"),
    );
    assert!(subnet_to_subnet.is_reachable());
}

#[test]
fn a_node_reaches_itself_and_its_own_subnets_locally() {
    let design = pair();
    assert_eq!(
        path(&reachability(&design, &Node::vpc("app"), &Node::vpc("app"))).len(),
        0
    );
    let local = reachability(&design, &Node::vpc("app"), &Node::subnet("app", "app-a"));
    let hops = path(&local);
    assert_eq!(hops.len(), 1);
    assert_eq!(hops[0].link, None);
    assert!(hops[0].via.en.contains("local route"), "{}", hops[0].via.en);
    assert!(hops[0].via.en.contains("10.0.0.0/16"));
}

#[test]
fn overlapping_cidrs_block_the_peering_with_the_ranges() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.0.128.0/17")],
        vec![],
        vec![peering("pcx", "app", "data")],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
    assert_eq!(rules_of(&result), [Some("PEER-001")]);
    let message = &reasons(&result)[0].message;
    assert!(
        message.en.contains("10.0.0.0/16 ∩ 10.0.128.0/17"),
        "{}",
        message.en
    );
    assert!(message.ja.contains("重複"));
    assert!(
        reasons(&result)[0]
            .subjects
            .contains(&Subject::Link("pcx".into()))
    );
}

#[test]
fn peering_is_not_transitive() {
    let design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("hub", "10.1.0.0/16"),
            vpc("data", "10.2.0.0/16"),
        ],
        vec![],
        vec![
            peering("pcx-1", "app", "hub"),
            peering("pcx-2", "hub", "data"),
        ],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
    assert_eq!(rules_of(&result), [Some("PEER-003")]);
    let message = &reasons(&result)[0].message;
    assert!(message.en.contains("app → hub → data"), "{}", message.en);
    assert!(message.en.contains("Transit Gateway"));
    assert!(message.ja.contains("推移的"));
    assert!(reachability(&design, &Node::vpc("app"), &Node::vpc("hub")).is_reachable());
}

#[test]
fn unconnected_vpcs_have_no_link_at_all() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
        vec![],
        vec![],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
    assert_eq!(rules_of(&result), [None]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("Nothing links app and data")
    );
}

#[test]
fn routes_excluded_on_the_return_side_drop_replies() {
    let mut design = pair();
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("data-rtb"));
    let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
    assert_eq!(rules_of(&result), [Some("PEER-007")]);
    let message = &reasons(&result)[0].message;
    assert!(
        message.en.starts_with("Return route missing"),
        "{}",
        message.en
    );
    assert!(message.en.contains("data-rtb"));
    assert!(message.en.contains("10.0.0.0/16"));
    assert!(message.en.contains("excluded from data-rtb"));
    assert!(message.ja.contains("復路"));
    assert!(
        reasons(&result)[0]
            .subjects
            .contains(&Subject::RouteTable("data-rtb".into()))
    );
}

#[test]
fn routes_excluded_on_the_forward_side_leave_traffic_nowhere_to_go() {
    let mut design = pair();
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("app-rtb"));
    let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
    assert_eq!(rules_of(&result), [Some("PEER-007")]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .starts_with("Forward route missing")
    );
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("excluded from app-rtb")
    );
    assert!(reasons(&result)[0].message.ja.contains("往路"));
    // The other way round, app-rtb is the return side.
    let back = reachability(&design, &Node::vpc("data"), &Node::vpc("app"));
    assert_eq!(rules_of(&back), [Some("PEER-007")]);
    assert!(
        reasons(&back)[0]
            .message
            .en
            .starts_with("Return route missing")
    );
}

#[test]
fn a_subnet_is_judged_by_its_own_route_table() {
    let mut app = vpc("app", "10.0.0.0/16")
        .with_subnet("a", "10.0.1.0/24", 'a')
        .with_subnet("b", "10.0.2.0/24", 'c');
    app = with_private_table(app, "b");
    let mut design = design(
        vec![
            app,
            vpc("data", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
        ],
        vec![],
        vec![peering("pcx", "app", "data")],
    );
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("app-private"));
    let blocked = reachability(&design, &Node::subnet("app", "app-b"), &Node::vpc("data"));
    assert_eq!(rules_of(&blocked), [Some("PEER-007")]);
    let forward = &reasons(&blocked)[0].message.en;
    assert!(forward.contains("route table app-private"), "{forward}");
    assert!(forward.contains("serving subnet b"), "{forward}");
    assert!(forward.contains("10.1.0.0/16"), "{forward}");
    // Replies come back through data-rtb, which routes all of app.
    assert!(
        reachability(&design, &Node::subnet("app", "app-a"), &Node::vpc("data")).is_reachable()
    );
    // As a whole, app reaches data through the subnet that has the route.
    assert!(reachability(&design, &Node::vpc("app"), &Node::vpc("data")).is_reachable());
    // But data cannot reach subnet b: app-private has no route back.
    let inbound = reachability(&design, &Node::vpc("data"), &Node::subnet("app", "app-b"));
    assert_eq!(rules_of(&inbound), [Some("PEER-007")]);
}

#[test]
fn an_explicit_narrow_route_is_enough_for_its_subnet() {
    let mut app = with_private_table(
        vpc("app", "10.0.0.0/16").with_subnet("b", "10.0.2.0/24", 'c'),
        "b",
    );
    app.route_tables[1].routes.push(crate::design::Route {
        destination: RouteDestination::Ipv4(v4("10.1.1.0/24")),
        target: RouteTarget::Peering(LinkId::new("pcx")),
    });
    let mut design = design(
        vec![
            app,
            vpc("data", "10.1.0.0/16")
                .with_subnet("a", "10.1.1.0/24", 'a')
                .with_subnet("z", "10.1.9.0/24", 'c'),
        ],
        vec![],
        vec![peering("pcx", "app", "data")],
    );
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("app-private"));
    let from = Node::subnet("app", "app-b");
    assert!(reachability(&design, &from, &Node::subnet("data", "data-a")).is_reachable());
    let other = reachability(&design, &from, &Node::subnet("data", "data-z"));
    assert_eq!(rules_of(&other), [Some("PEER-007")]);
    assert!(reasons(&other)[0].message.en.contains("10.1.9.0/24"));
}

#[test]
fn nothing_links_a_vpc_to_a_service_without_endpoints() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
    assert_eq!(rules_of(&result), [None]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("Nothing links app to sqs")
    );
    assert!(
        reasons(&result)[0]
            .message
            .ja
            .contains("つなぐものがありません")
    );
}

#[test]
fn services_do_not_start_connections() {
    let design = with_s3(vec![], TOKYO);
    let result = reachability(&design, &Node::service("s3"), &Node::vpc("app"));
    assert_eq!(rules_of(&result), [None]);
    assert!(reasons(&result)[0].message.en.contains("is a service"));
    assert!(reachability(&design, &Node::service("s3"), &Node::service("s3")).is_reachable());
}

#[test]
fn dangling_nodes_are_reported_not_followed() {
    let design = pair();
    let ghost = reachability(&design, &Node::vpc("ghost"), &Node::service("nope"));
    assert_eq!(
        rules_of(&ghost),
        [Some(DANGLING_REFERENCE), Some(DANGLING_REFERENCE)]
    );
    assert!(reasons(&ghost)[0].message.en.contains("ghost"));
    // A subnet named with the wrong VPC does not resolve either.
    let wrong = reachability(&design, &Node::subnet("data", "app-a"), &Node::vpc("app"));
    assert_eq!(rules_of(&wrong), [Some(DANGLING_REFERENCE)]);
    assert!(reasons(&wrong)[0].message.en.contains("app-a"));
}

#[test]
fn intents_convert_to_nodes() {
    let source = IntentSource::Subnet {
        vpc: "app".into(),
        subnet: "app-a".into(),
    };
    assert_eq!(Node::from(&source), Node::subnet("app", "app-a"));
    assert_eq!(
        Node::from(&IntentSource::Vpc("app".into())),
        Node::vpc("app")
    );
    assert_eq!(
        Node::from(&IntentTarget::Service("s3".into())),
        Node::service("s3")
    );
    assert_eq!(
        Node::from(&IntentTarget::Vpc("x".into())).vpc_id(),
        Some(&VpcId::new("x"))
    );
}

fn with_s3(mut links: Vec<Link>, s3_region: &str) -> Design {
    links.push(gateway_endpoint("gw", "app", "s3"));
    design(
        vec![
            vpc("app", "10.0.0.0/16")
                .with_subnet("a", "10.0.1.0/24", 'a')
                .with_subnet("b", "10.0.2.0/24", 'c'),
        ],
        vec![aws_service("s3", "s3", s3_region)],
        links,
    )
}
