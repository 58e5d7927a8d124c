//! Reachability of services: gateway and interface endpoints, endpoint
//! services, in the source VPC or over a peering.

use super::*;

#[test]
fn a_gateway_endpoint_serves_the_subnets_of_its_route_tables() {
    let design = with_s3(vec![], TOKYO);
    check_reachability(
        &design,
        &Node::subnet("app", "app-a"),
        &Node::service("s3"),
        expect![[r#"
            reachable
              subnet:app-a -> service:s3 by gateway-endpoint link:gw
                en: gateway endpoint gw via route table app-rtb (prefix list com.amazonaws.ap-northeast-1.s3)
                ja: ルートテーブルapp-rtb経由のゲートウェイエンドポイントgw(プレフィックスリストcom.amazonaws.ap-northeast-1.s3)
        "#]],
    );
}

#[test]
fn a_subnet_outside_the_gateway_endpoints_route_tables_is_not_served() {
    let mut design = with_s3(vec![], TOKYO);
    design.vpcs[0] = with_private_table(design.vpcs[0].clone(), "b");
    check_reachability(
        &design,
        &Node::subnet("app", "app-b"),
        &Node::service("s3"),
        expect![[r#"
            unreachable
              GW-005 link:gw vpc:app service:s3 subnet:app-b route-table:app-private
                en: Subnet b uses route table app-private, which gateway endpoint gw is not associated with (its route tables: app-rtb). Only subnets whose route tables are associated use a gateway endpoint.
                ja: サブネットbはルートテーブルapp-privateを使っていますが、ゲートウェイエンドポイントgwはこのテーブルに関連付けられていません(関連付け: app-rtb)。ゲートウェイエンドポイントを使えるのは、ルートテーブルが関連付けられたサブネットだけです。
        "#]],
    );
    // The VPC as a whole still reaches S3 through subnet a.
    assert!(reachability(&design, &Node::vpc("app"), &Node::service("s3")).is_reachable());
    // With no route table at all, nothing in the VPC is served.
    gateway_mut(&mut design, 0).route_tables.clear();
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("s3"),
        expect![[r#"
            unreachable
              GW-005 link:gw vpc:app service:s3 route-table:app-rtb route-table:app-private
                en: Gateway endpoint gw is associated with none of the route tables in use in app (app-rtb, app-private; its route tables: none). Only subnets whose route tables are associated use a gateway endpoint.
                ja: ゲートウェイエンドポイントgwは、appで使われているルートテーブル(app-rtb, app-private)のどれにも関連付けられていません(関連付け: なし)。ゲートウェイエンドポイントを使えるのは、ルートテーブルが関連付けられたサブネットだけです。
        "#]],
    );
}

#[test]
fn a_gateway_endpoint_to_another_region_or_service_is_refused() {
    let design = with_s3(vec![], "us-east-1");
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("s3"),
        expect![[r#"
            unreachable
              GW-002 link:gw vpc:app service:s3
                en: Gateway endpoints work only within the VPC's Region: app is in ap-northeast-1, s3 in us-east-1. Use an interface endpoint (cross-Region where the service allows it) or a VPC in us-east-1.
                ja: ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: appはap-northeast-1、s3はus-east-1にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、us-east-1のVPCから接続してください。
        "#]],
    );

    let mut sqs = with_s3(vec![], TOKYO);
    sqs.services = vec![aws_service("s3", "sqs", TOKYO)];
    check_reachability(
        &sqs,
        &Node::vpc("app"),
        &Node::service("s3"),
        expect![[r#"
        unreachable
          GW-001 link:gw vpc:app service:s3
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); sqs needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。sqsにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}

fn peered_with_endpoint(endpoint: Link) -> Design {
    design(
        vec![
            vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
            vpc("shared", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
        ],
        vec![
            aws_service("s3", "s3", TOKYO),
            aws_service("sqs", "sqs", TOKYO),
        ],
        vec![peering("pcx", "app", "shared"), endpoint],
    )
}

#[test]
fn a_peers_gateway_endpoint_cannot_be_used() {
    let design = peered_with_endpoint(gateway_endpoint("gw", "shared", "s3"));
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("s3"),
        expect![[r#"
            unreachable
              PEER-005 link:gw link:pcx vpc:app vpc:shared service:s3
                en: Gateway endpoint gw to s3 is in shared, and gateway endpoints cannot be used across peering pcx (GW-003: their connections do not extend out of the VPC). Create a gateway endpoint in app, or use an interface endpoint.
                ja: s3へのゲートウェイエンドポイントgwはsharedにあり、ゲートウェイエンドポイントはピアリングpcx越しには使えません(GW-003: 接続はVPCの外に延長できません)。appにゲートウェイエンドポイントを作成するか、インターフェイスエンドポイントを使ってください。
        "#]],
    );
    assert!(reachability(&design, &Node::vpc("shared"), &Node::service("s3")).is_reachable());
}

#[test]
fn a_peers_interface_endpoint_is_reached_with_a_dns_caveat() {
    let design = peered_with_endpoint(interface_endpoint("vpce", "shared", "sqs", &["shared-a"]));
    let from = Node::subnet("app", "app-a");
    check_reachability(
        &design,
        &from,
        &Node::service("sqs"),
        expect![[r#"
            reachable
              subnet:app-a -> vpc:shared by peering link:pcx
                en: VPC peering pcx between app and shared (route table app-rtb of app)
                ja: appとsharedのVPCピアリングpcx(appのルートテーブルapp-rtb)
              vpc:shared -> service:sqs by interface-endpoint link:vpce
                en: interface endpoint vpce: network interfaces in subnets a of shared
                ja: インターフェイスエンドポイントvpce: sharedのサブネットaにあるネットワークインターフェイス
                note PEER-006 link:vpce vpc:app vpc:shared
                  en: Interface endpoint vpce is in peered VPC shared, and its private DNS name for sqs resolves to it only inside shared. From app, use the endpoint-specific DNS name or a private hosted zone associated with app.
                  ja: インターフェイスエンドポイントvpceはピアリング先のVPC sharedにあり、sqsのプライベートDNS名がこのエンドポイントに解決されるのはsharedの中だけです。appからはエンドポイント固有のDNS名を使うか、appに関連付けたプライベートホストゾーンを使ってください。
        "#]],
    );
    let result = reachability(&design, &from, &Node::service("sqs"));
    assert_eq!(result.rules(), ["PEER-006"]);
}

#[test]
fn a_peers_interface_endpoint_needs_routes_to_its_subnets() {
    let mut design =
        peered_with_endpoint(interface_endpoint("vpce", "shared", "sqs", &["shared-a"]));
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("shared-rtb"));
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("sqs"),
        expect![[r#"
            unreachable
              PEER-007 link:pcx vpc:shared subnet:shared-a route-table:shared-rtb
                en: Return route missing: route table shared-rtb of shared (serving subnet a) has no route to 10.0.0.0/16 through pcx (the peering's routes are excluded from shared-rtb), so replies to app are dropped. Each VPC owner must route the peer's CIDR through the peering.
                ja: 復路のルートがありません: sharedのルートテーブルshared-rtb(サブネットa用)に、pcx経由の10.0.0.0/16へのルートがありません(ピアリングのルートはshared-rtbから除外されています)。そのためappへの応答は破棄されます。各VPCの所有者がピアのCIDRへのルートをピアリング経由で追加する必要があります。
        "#]],
    );
}

#[test]
fn an_interface_endpoint_in_the_same_vpc_is_one_hop() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![interface_endpoint("vpce", "app", "sqs", &["app-a"])],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("sqs"),
        expect![[r#"
            reachable
              vpc:app -> service:sqs by interface-endpoint link:vpce
                en: interface endpoint vpce: network interfaces in subnets a of app
                ja: インターフェイスエンドポイントvpce: appのサブネットaにあるネットワークインターフェイス
        "#]],
    );
}

#[test]
fn an_interface_endpoint_without_subnets_has_nothing_to_reach() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![interface_endpoint("vpce", "app", "sqs", &[])],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("sqs"),
        expect![[r#"
            unreachable
              (no rule) link:vpce vpc:app service:sqs
                en: Interface endpoint vpce has no subnet, so it has no network interface to send traffic to.
                ja: インターフェイスエンドポイントvpceにはサブネットがないため、通信先となるネットワークインターフェイスがありません。
        "#]],
    );
}

fn cross_region(suffix: &str, service_region: Option<&str>) -> Design {
    let mut design = design(
        vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![aws_service("svc", suffix, "us-east-1")],
        vec![interface_endpoint("vpce", "app", "svc", &["app-a"])],
    );
    interface_mut(&mut design, 0).service_region = service_region.map(str::to_owned);
    design
}

#[test]
fn cross_region_privatelink_needs_a_cross_region_service_and_service_region() {
    let from = Node::vpc("app");
    let to = Node::service("svc");
    check_reachability(
        &cross_region("s3", Some("us-east-1")),
        &from,
        &to,
        expect![[r#"
            reachable
              vpc:app -> service:svc by interface-endpoint link:vpce
                en: interface endpoint vpce: network interfaces in subnets a of app, cross-Region to us-east-1
                ja: インターフェイスエンドポイントvpce: appのサブネットaにあるネットワークインターフェイス、us-east-1へのリージョン間接続
        "#]],
    );
    check_reachability(
        &cross_region("sqs", Some("us-east-1")),
        &from,
        &to,
        expect![[r#"
            unreachable
              PL-007 vpc:app service:svc
                en: Amazon SQS (sqs) is not on the list of AWS services reachable across Regions, so app in ap-northeast-1 cannot use an interface endpoint to it in us-east-1. Create the endpoint in a VPC in us-east-1.
                ja: Amazon SQS(sqs)はリージョン間で利用できるAWSサービスの一覧にないため、ap-northeast-1のappからus-east-1のこのサービスへのインターフェイスエンドポイントは作成できません。us-east-1のVPCにエンドポイントを作成してください。
        "#]],
    );
    check_reachability(
        &cross_region("s3", None),
        &from,
        &to,
        expect![[r#"
        unreachable
          PL-007 link:vpce vpc:app service:svc
            en: Interface endpoint vpce in ap-northeast-1 reaches s3 in us-east-1 only with ServiceRegion=us-east-1; it is unset.
            ja: ap-northeast-1のインターフェイスエンドポイントvpceがus-east-1のs3に到達するにはServiceRegion=us-east-1が必要ですが、現在はunsetです。
    "#]],
    );
    let mut partition = cross_region("s3", Some("cn-north-1"));
    partition.services[0].region = "cn-north-1".to_owned();
    check_reachability(
        &partition,
        &from,
        &to,
        expect![[r#"
        unreachable
          PL-007 vpc:app service:svc
            en: Cross-Region PrivateLink works only within one partition: ap-northeast-1 is in `aws` and cn-north-1 in `aws-cn`.
            ja: リージョン間のPrivateLinkは同じパーティション内でのみ使えます: ap-northeast-1は`aws`、cn-north-1は`aws-cn`です。
    "#]],
    );
}

fn consumer_and_provider() -> Design {
    design(
        vec![
            vpc("consumer", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
            vpc("provider", "10.0.0.0/16")
                .in_account(ACCOUNT_B)
                .with_subnet("a", "10.0.1.0/24", 'a'),
        ],
        vec![endpoint_service("api", "provider", TOKYO)],
        vec![interface_endpoint(
            "vpce",
            "consumer",
            "api",
            &["consumer-a"],
        )],
    )
}

#[test]
fn an_endpoint_service_in_another_account_must_allow_the_consumer() {
    let mut design = consumer_and_provider();
    let (from, to) = (Node::vpc("consumer"), Node::service("api"));
    check_reachability(
        &design,
        &from,
        &to,
        expect![[r#"
        unreachable
          PL-009 link:vpce vpc:consumer service:api
            en: Endpoint service api does not allow account 111111111111: its allowed principals (none) must include arn:aws:iam::111111111111:root.
            ja: エンドポイントサービスapiはアカウント111111111111を許可していません: 許可されたプリンシパル(なし)にarn:aws:iam::111111111111:rootを追加する必要があります。
    "#]],
    );
    let service = endpoint_service_mut(&mut design.services[0]);
    service
        .allowed_principals
        .push("arn:aws:iam::111111111111:root".to_owned());
    service.acceptance_required = true;
    check_reachability(
        &design,
        &from,
        &to,
        expect![[r#"
            reachable
              vpc:consumer -> service:api by interface-endpoint link:vpce
                en: interface endpoint vpce: network interfaces in subnets a of consumer
                ja: インターフェイスエンドポイントvpce: consumerのサブネットaにあるネットワークインターフェイス
                note PL-009 link:vpce service:api
                  en: Endpoint service api requires acceptance: endpoint vpce stays pendingAcceptance until the owner of provider accepts it.
                  ja: エンドポイントサービスapiは承諾が必要です: providerの所有者が承諾するまで、エンドポイントvpceはpendingAcceptanceのままです。
        "#]],
    );
}

#[test]
fn an_endpoint_service_across_regions_must_list_the_consumer_region() {
    let mut design = consumer_and_provider();
    design.services[0].region = "us-east-1".to_owned();
    design.vpcs[1].region = "us-east-1".to_owned();
    interface_mut(&mut design, 0).service_region = Some("us-east-1".to_owned());
    endpoint_service_mut(&mut design.services[0])
        .allowed_principals
        .push("*".to_owned());
    let (from, to) = (Node::vpc("consumer"), Node::service("api"));
    check_reachability(
        &design,
        &from,
        &to,
        expect![[r#"
        unreachable
          PL-007 vpc:consumer service:api
            en: Endpoint service api in us-east-1 does not list ap-northeast-1 in its supported Regions (none), so consumer cannot connect to it across Regions. The provider must add ap-northeast-1.
            ja: us-east-1のエンドポイントサービスapiのサポート対象リージョン(なし)にap-northeast-1が含まれないため、consumerからリージョンをまたいで接続できません。プロバイダーがap-northeast-1を追加する必要があります。
    "#]],
    );
    endpoint_service_mut(&mut design.services[0])
        .supported_regions
        .push(TOKYO.to_owned());
    assert!(reachability(&design, &from, &to).is_reachable());
}

#[test]
fn the_provider_reaches_its_own_service_and_peers_reach_its_load_balancers() {
    let design = design(
        vec![
            vpc("provider", "10.0.0.0/16"),
            vpc("peer", "10.1.0.0/16"),
            vpc("far", "10.2.0.0/16"),
        ],
        vec![endpoint_service("api", "provider", TOKYO)],
        vec![
            peering("pcx", "peer", "provider"),
            peering("pcx-far", "far", "peer"),
        ],
    );
    let api = Node::service("api");
    check_reachability(
        &design,
        &Node::vpc("provider"),
        &api,
        expect![[r#"
        reachable
          vpc:provider -> service:api by the local route
            en: directly to the load balancers of endpoint service api (api-nlb) in provider
            ja: providerにあるエンドポイントサービスapiのロードバランサー(api-nlb)へ直接
    "#]],
    );
    check_reachability(
        &design,
        &Node::vpc("peer"),
        &api,
        expect![[r#"
        reachable
          vpc:peer -> vpc:provider by peering link:pcx
            en: VPC peering pcx between peer and provider (route table peer-rtb of peer)
            ja: peerとproviderのVPCピアリングpcx(peerのルートテーブルpeer-rtb)
          vpc:provider -> service:api by the local route
            en: directly to the load balancers of endpoint service api (api-nlb) in provider
            ja: providerにあるエンドポイントサービスapiのロードバランサー(api-nlb)へ直接
    "#]],
    );
    check_reachability(
        &design,
        &Node::vpc("far"),
        &api,
        expect![[r#"
        unreachable
          PEER-003 vpc:far vpc:peer vpc:provider service:api
            en: provider can reach api, but far reaches provider only through peer (far → peer → provider), and VPC peering is not transitive. Peer far with provider directly, or create an endpoint in far.
            ja: providerはapiに到達できますが、farからproviderへはpeerを経由する経路しかなく(far → peer → provider)、VPCピアリングは推移的ではありません。farとproviderを直接ピアリングするか、farにエンドポイントを作成してください。
    "#]],
    );
}

#[test]
fn an_endpoint_two_peerings_away_is_not_transitive() {
    let design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("hub", "10.1.0.0/16"),
            vpc("shared", "10.2.0.0/16").with_subnet("a", "10.2.1.0/24", 'a'),
        ],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![
            peering("pcx-1", "app", "hub"),
            peering("pcx-2", "hub", "shared"),
            interface_endpoint("vpce", "shared", "sqs", &["shared-a"]),
        ],
    );
    check_reachability(
        &design,
        &Node::vpc("app"),
        &Node::service("sqs"),
        expect![[r#"
            unreachable
              PEER-003 vpc:app vpc:hub vpc:shared service:sqs
                en: shared can reach sqs, but app reaches shared only through hub (app → hub → shared), and VPC peering is not transitive. Peer app with shared directly, or create an endpoint in app.
                ja: sharedはsqsに到達できますが、appからsharedへはhubを経由する経路しかなく(app → hub → shared)、VPCピアリングは推移的ではありません。appとsharedを直接ピアリングするか、appにエンドポイントを作成してください。
        "#]],
    );
    assert!(reachability(&design, &Node::vpc("hub"), &Node::service("sqs")).is_reachable());
}
