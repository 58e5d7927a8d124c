//! Tests of the reachability engine: nodes, peerings and local routes here;
//! endpoints and the matrix in `tests/`.

mod endpoints;
mod matrix;

use super::fixtures::*;
use super::*;
use crate::design::{IntentSource, IntentTarget, RouteDestination, RouteTableId, RouteTarget};
use crate::rules::testing::*;
use expect_test::{Expect, expect};
use std::fmt::Write as _;

const TOKYO: &str = "ap-northeast-1";

/// Asks whether `from` reaches `to` and compares the whole verdict with the
/// snapshot (`UPDATE_EXPECT=1 cargo test -p vpcplan-core` refreshes them):
/// `reachable` and each hop (the nodes, the link and its kind, how in
/// English and Japanese, the hop's notes), or `unreachable` and each reason
/// (its rule, subjects, English and Japanese).
#[track_caller]
fn check_reachability(design: &Design, from: &Node, to: &Node, expect: Expect) {
    expect.assert_eq(&render(&reachability(design, from, to)));
}

fn render(result: &Reachability) -> String {
    let mut out = String::new();
    match result {
        Reachability::Reachable { path } => {
            out.push_str("reachable\n");
            for hop in path {
                let _ = write!(
                    out,
                    "  {} -> {}",
                    subject_text(&hop.from.subject()),
                    subject_text(&hop.to.subject())
                );
                match (&hop.link, hop.kind) {
                    (Some(link), Some(kind)) => {
                        let _ = writeln!(out, " by {} link:{link}", kind.slug());
                    }
                    _ => out.push_str(" by the local route\n"),
                }
                let _ = writeln!(out, "    en: {}", hop.via.en);
                let _ = writeln!(out, "    ja: {}", hop.via.ja);
                for note in &hop.notes {
                    render_reason(&mut out, note, "    note ", "      ");
                }
            }
        }
        Reachability::Unreachable { reasons } => {
            out.push_str("unreachable\n");
            for reason in reasons {
                render_reason(&mut out, reason, "  ", "    ");
            }
        }
    }
    out
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
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("data"),
        expect![[r#"
            reachable
              vpc:app -> vpc:data by peering link:pcx
                en: VPC peering pcx between app and data (route table app-rtb of app)
                ja: appとdataのVPCピアリングpcx(appのルートテーブルapp-rtb)
        "#]],
    );
    check_reachability(
        &design,
        &Node::vpc("data"),
        &Node::vpc("app"),
        expect![[r#"
            reachable
              vpc:data -> vpc:app by peering link:pcx
                en: VPC peering pcx between data and app (route table data-rtb of data)
                ja: dataとappのVPCピアリングpcx(dataのルートテーブルdata-rtb)
        "#]],
    );
    check_reachability(
        &design,
        &Node::subnet("app", "app-a"),
        &Node::subnet("data", "data-a"),
        expect![[r#"
            reachable
              subnet:app-a -> subnet:data-a by peering link:pcx
                en: VPC peering pcx between app and data (route table app-rtb of app)
                ja: appとdataのVPCピアリングpcx(appのルートテーブルapp-rtb)
        "#]],
    );
}

#[test]
fn a_node_reaches_itself_and_its_own_subnets_locally() {
    let design = pair();
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("app"),
        expect![[r#"
        reachable
    "#]],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::subnet("app", "app-a"),
        expect![[r#"
            reachable
              vpc:app -> subnet:app-a by the local route
                en: the local route of app (10.0.0.0/16)
                ja: appのローカルルート(10.0.0.0/16)
        "#]],
    );
}

#[test]
fn overlapping_cidrs_block_the_peering_with_the_ranges() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.0.128.0/17")],
        vec![],
        vec![peering("pcx", "app", "data")],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("data"),
        expect![[r#"
            unreachable
              PEER-001 link:pcx vpc:app vpc:data
                en: Peering pcx between app and data cannot carry traffic: their CIDRs overlap (10.0.0.0/16 ∩ 10.0.128.0/17), so AWS refuses the peering.
                ja: appとdataのピアリングpcxは通信を運べません: CIDRが重複しているため(10.0.0.0/16 ∩ 10.0.128.0/17)、AWSはこのピアリングを拒否します。
        "#]],
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
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("data"),
        expect![[r#"
            unreachable
              PEER-003 vpc:app vpc:hub vpc:data
                en: VPC peering is not transitive: app reaches data only through hub (app → hub → data). Add a direct app–data peering, or use Transit Gateway or Cloud WAN.
                ja: VPCピアリングは推移的ではありません: appからdataへはhubを経由する経路しかありません(app → hub → data)。appとdataを直接ピアリングするか、Transit GatewayまたはCloud WANを使ってください。
        "#]],
    );
    assert!(reachability(&design, &Node::vpc("app"), &Node::vpc("hub")).is_reachable());
}

#[test]
fn unconnected_vpcs_have_no_link_at_all() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
        vec![],
        vec![],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("data"),
        expect![[r#"
            unreachable
              (no rule) vpc:app vpc:data
                en: Nothing links app and data: there is no VPC peering between them, directly or through other VPCs.
                ja: appとdataをつなぐものがありません: 直接にも他のVPC経由でもVPCピアリングがありません。
        "#]],
    );
}

#[test]
fn routes_excluded_on_the_return_side_drop_replies() {
    let mut design = pair();
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("data-rtb"));
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("data"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:data route-table:data-rtb
                en: Return route missing: no route table of data in use (data-rtb) has a route to 10.0.0.0/16 through pcx (the peering's routes are excluded from data-rtb), so replies to app are dropped. Each VPC owner must route the peer's CIDR through the peering.
                ja: 復路のルートがありません: dataで使われているルートテーブル(data-rtb)のどれにも、pcx経由の10.0.0.0/16へのルートがありません(ピアリングのルートはdata-rtbから除外されています)。そのためappへの応答は破棄されます。各VPCの所有者がピアのCIDRへのルートをピアリング経由で追加する必要があります。
        "#]],
    );
}

#[test]
fn routes_excluded_on_the_forward_side_leave_traffic_nowhere_to_go() {
    let mut design = pair();
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("app-rtb"));
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::vpc("data"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:app route-table:app-rtb
                en: Forward route missing: no route table of app in use (app-rtb) has a route to 10.1.0.0/16 through pcx (the peering's routes are excluded from app-rtb), so traffic from app to data has nowhere to go.
                ja: 往路のルートがありません: appで使われているルートテーブル(app-rtb)のどれにも、pcx経由の10.1.0.0/16へのルートがありません(ピアリングのルートはapp-rtbから除外されています)。そのためappからdataへの通信は転送されません。
        "#]],
    );
    // The other way round, app-rtb is the return side.
    check_reachability(
        &design,
        &Node::vpc("data"),
        &Node::vpc("app"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:app route-table:app-rtb
                en: Return route missing: no route table of app in use (app-rtb) has a route to 10.1.0.0/16 through pcx (the peering's routes are excluded from app-rtb), so replies to data are dropped. Each VPC owner must route the peer's CIDR through the peering.
                ja: 復路のルートがありません: appで使われているルートテーブル(app-rtb)のどれにも、pcx経由の10.1.0.0/16へのルートがありません(ピアリングのルートはapp-rtbから除外されています)。そのためdataへの応答は破棄されます。各VPCの所有者がピアのCIDRへのルートをピアリング経由で追加する必要があります。
        "#]],
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
    check_reachability(
        &design,
        &Node::subnet("app", "app-b"),
        &Node::vpc("data"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:app subnet:app-b route-table:app-private
                en: Forward route missing: route table app-private of app (serving subnet b) has no route to 10.1.0.0/16 through pcx (the peering's routes are excluded from app-private), so traffic from app to data has nowhere to go.
                ja: 往路のルートがありません: appのルートテーブルapp-private(サブネットb用)に、pcx経由の10.1.0.0/16へのルートがありません(ピアリングのルートはapp-privateから除外されています)。そのためappからdataへの通信は転送されません。
        "#]],
    );
    // Replies come back through data-rtb, which routes all of app.
    assert!(
        reachability(&design, &Node::subnet("app", "app-a"), &Node::vpc("data")).is_reachable()
    );
    // As a whole, app reaches data through the subnet that has the route.
    assert!(reachability(&design, &Node::vpc("app"), &Node::vpc("data")).is_reachable());
    // But data cannot reach subnet b: app-private has no route back.
    check_reachability(
        &design,
        &Node::vpc("data"),
        &Node::subnet("app", "app-b"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:app subnet:app-b route-table:app-private
                en: Return route missing: route table app-private of app (serving subnet b) has no route to 10.1.0.0/16 through pcx (the peering's routes are excluded from app-private), so replies to data are dropped. Each VPC owner must route the peer's CIDR through the peering.
                ja: 復路のルートがありません: appのルートテーブルapp-private(サブネットb用)に、pcx経由の10.1.0.0/16へのルートがありません(ピアリングのルートはapp-privateから除外されています)。そのためdataへの応答は破棄されます。各VPCの所有者がピアのCIDRへのルートをピアリング経由で追加する必要があります。
        "#]],
    );
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
    check_reachability(
        &design,
        &from,
        &Node::subnet("data", "data-z"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:app subnet:app-b route-table:app-private
                en: Forward route missing: route table app-private of app (serving subnet b) has no route to 10.1.9.0/24 through pcx (the peering's routes are excluded from app-private), so traffic from app to data has nowhere to go.
                ja: 往路のルートがありません: appのルートテーブルapp-private(サブネットb用)に、pcx経由の10.1.9.0/24へのルートがありません(ピアリングのルートはapp-privateから除外されています)。そのためappからdataへの通信は転送されません。
        "#]],
    );
}

#[test]
fn nothing_links_a_vpc_to_a_service_without_endpoints() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("sqs"),
        expect![[r#"
            unreachable
              (no rule) vpc:app service:sqs
                en: Nothing links app to sqs: app has no endpoint for it, and no peered VPC has an interface endpoint to it.
                ja: appからsqsへつなぐものがありません: appにこのサービスのエンドポイントがなく、ピアリング先のVPCにもこのサービスへのインターフェイスエンドポイントがありません。
        "#]],
    );
}

#[test]
fn services_do_not_start_connections() {
    let design = with_s3(vec![], TOKYO);
    check_reachability(
        &design,
        &Node::service("s3"),
        &Node::vpc("app"),
        expect![[r#"
            unreachable
              (no rule) service:s3
                en: s3 is a service: endpoints carry connections from a consumer VPC to the service, never from the service out.
                ja: s3はサービスです。エンドポイントはコンシューマーVPCからサービスへの接続を運ぶだけで、サービスから外へ向かう接続は運びません。
        "#]],
    );
    assert!(reachability(&design, &Node::service("s3"), &Node::service("s3")).is_reachable());
}

#[test]
fn dangling_nodes_are_reported_not_followed() {
    let design = pair();
    check_reachability(
        &design,
        &Node::vpc("ghost"),
        &Node::service("nope"),
        expect![[r#"
            unreachable
              DES-001 vpc:ghost
                en: VPC ghost is not in the design.
                ja: VPC ghost は設計にありません。
              DES-001 service:nope
                en: Service nope is not in the design.
                ja: サービスnopeは設計にありません。
        "#]],
    );
    // A subnet named with the wrong VPC does not resolve either.
    check_reachability(
        &design,
        &Node::subnet("data", "app-a"),
        &Node::vpc("app"),
        expect![[r#"
            unreachable
              DES-001 vpc:data subnet:app-a
                en: Subnet app-a is not in VPC data of the design.
                ja: サブネットapp-aは設計のVPC data にありません。
        "#]],
    );
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

/// `Reachabilities` answers as `reachability` does, question by question.
#[test]
fn many_questions_on_one_graph_get_the_answers_of_one_question_each() {
    let mut design = pair();
    design
        .vpcs
        .push(vpc("lonely", "10.2.0.0/16").with_subnet("a", "10.2.1.0/24", 'a'));
    let nodes = [
        Node::vpc("app"),
        Node::vpc("data"),
        Node::vpc("lonely"),
        Node::subnet("app", "app-a"),
        Node::subnet("data", "data-a"),
    ];
    let queries = Reachabilities::new(&design);
    for from in &nodes {
        for to in &nodes {
            assert_eq!(
                queries.get(from, to),
                reachability(&design, from, to),
                "{from:?} → {to:?}"
            );
        }
    }
    assert!(
        !queries
            .get(&Node::vpc("app"), &Node::vpc("lonely"))
            .is_reachable()
    );
}
