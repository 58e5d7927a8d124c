//! Advice for a VPC and a service: gateway or interface endpoints, across
//! Regions and accounts.

use super::*;

#[test]
fn s3_in_the_same_region_gets_a_free_gateway_endpoint() {
    check_advice(
        &service(&to_service("s3", TOKYO)),
        expect![[r#"
        vpc:app -> service:svc: gateway-endpoint
          en: A gateway endpoint for s3 in app: it is free and serves the subnets whose route tables you associate. Choose an interface endpoint only for clients outside app (peered VPCs, on-premises), which a gateway endpoint cannot serve.
          ja: appにs3のゲートウェイエンドポイントを作成してください。無料で、関連付けたルートテーブルのサブネットから使えます。インターフェイスエンドポイントは、ゲートウェイエンドポイントでは対応できないappの外のクライアント(ピアリング先のVPCやオンプレミス)のためだけに選んでください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; s3 is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、s3はAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint allowed
        gateway-endpoint allowed
          note (no rule) vpc:app service:svc
            en: Free: no hourly or data processing charge. Only subnets whose route tables you associate use it, and only from inside app.
            ja: 無料です(時間料金もデータ処理料金もかかりません)。使えるのは、関連付けたルートテーブルのサブネットだけで、appの中からだけです。
    "#]],
    );
}

#[test]
fn sqs_has_no_gateway_endpoint() {
    check_advice(
        &service(&to_service("sqs", TOKYO)),
        expect![[r#"
        vpc:app -> service:svc: interface-endpoint
          en: An interface endpoint in app to sqs: sqs has no gateway endpoint. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB.
          ja: appにsqsへのインターフェイスエンドポイントを作成してください。sqsにはゲートウェイエンドポイントがありません。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; sqs is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、sqsはAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint allowed
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); sqs needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。sqsにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}

#[test]
fn s3_in_another_region_needs_a_cross_region_interface_endpoint() {
    check_advice(
        &service(&to_service("s3", "us-east-1")),
        expect![[r#"
        vpc:app -> service:svc: interface-endpoint
          en: An interface endpoint in app to s3, with ServiceRegion=us-east-1: a gateway endpoint works only within ap-northeast-1. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB.
          ja: appにs3へのインターフェイスエンドポイントを作成してください(ServiceRegion=us-east-1)。ゲートウェイエンドポイントはap-northeast-1の中でしか使えません。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; s3 is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、s3はAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint allowed
          note PL-007 vpc:app service:svc
            en: Cross-Region: create the endpoint in ap-northeast-1 with ServiceRegion=us-east-1; opt-in Regions must be enabled in the account.
            ja: リージョン間: ap-northeast-1でServiceRegion=us-east-1を指定してエンドポイントを作成してください。オプトインリージョンはアカウントで有効にしておく必要があります。
        gateway-endpoint blocked
          blocker GW-002 vpc:app service:svc
            en: Gateway endpoints work only within the VPC's Region: app is in ap-northeast-1, s3 in us-east-1. Use an interface endpoint (cross-Region where the service allows it) or a VPC in us-east-1.
            ja: ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: appはap-northeast-1、s3はus-east-1にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、us-east-1のVPCから接続してください。
    "#]],
    );
}

#[test]
fn sqs_in_another_region_is_out_of_reach() {
    check_advice(
        &service(&to_service("sqs", "us-east-1")),
        expect![[r#"
        vpc:app -> service:svc: nothing to add
          en: No link can connect app to sqs as the design stands; see the reasons under each.
          ja: 現在の設計ではappからsqsへつなげるリンクはありません。各リンクの理由を確認してください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; sqs is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、sqsはAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint blocked
          blocker PL-007 vpc:app service:svc
            en: Amazon SQS (sqs) is not on the list of AWS services reachable across Regions, so app in ap-northeast-1 cannot use an interface endpoint to it in us-east-1. Create the endpoint in a VPC in us-east-1.
            ja: Amazon SQS(sqs)はリージョン間で利用できるAWSサービスの一覧にないため、ap-northeast-1のappからus-east-1のこのサービスへのインターフェイスエンドポイントは作成できません。us-east-1のVPCにエンドポイントを作成してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); sqs needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。sqsにはインターフェイスエンドポイントを使ってください。
          blocker GW-002 vpc:app service:svc
            en: Gateway endpoints work only within the VPC's Region: app is in ap-northeast-1, sqs in us-east-1. Use an interface endpoint (cross-Region where the service allows it) or a VPC in us-east-1.
            ja: ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: appはap-northeast-1、sqsはus-east-1にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、us-east-1のVPCから接続してください。
    "#]],
    );
}

#[test]
fn s3_express_has_only_a_gateway_endpoint() {
    check_advice(
        &service(&to_service("s3express", TOKYO)),
        expect![[r#"
        vpc:app -> service:svc: gateway-endpoint
          en: A gateway endpoint for s3express in app: it is free and serves the subnets whose route tables you associate. Choose an interface endpoint only for clients outside app (peered VPCs, on-premises), which a gateway endpoint cannot serve.
          ja: appにs3expressのゲートウェイエンドポイントを作成してください。無料で、関連付けたルートテーブルのサブネットから使えます。インターフェイスエンドポイントは、ゲートウェイエンドポイントでは対応できないappの外のクライアント(ピアリング先のVPCやオンプレミス)のためだけに選んでください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; s3express is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、s3expressはAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint blocked
          blocker (no rule) vpc:app service:svc
            en: Amazon S3 Express One Zone (s3express) has no interface endpoint; it is reached only through a gateway endpoint.
            ja: Amazon S3 Express One Zone(s3express)にはインターフェイスエンドポイントがなく、ゲートウェイエンドポイントでのみ到達できます。
        gateway-endpoint allowed
          note (no rule) vpc:app service:svc
            en: Free: no hourly or data processing charge. Only subnets whose route tables you associate use it, and only from inside app.
            ja: 無料です(時間料金もデータ処理料金もかかりません)。使えるのは、関連付けたルートテーブルのサブネットだけで、appの中からだけです。
    "#]],
    );
}

#[test]
fn a_peers_gateway_endpoint_does_not_replace_one_here() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16"), vpc("shared", "10.1.0.0/16")],
        vec![aws_service("svc", "s3", TOKYO)],
        vec![
            peering("pcx", "app", "shared"),
            gateway_endpoint("gw-shared", "shared", "svc"),
        ],
    );
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: gateway-endpoint
          en: A gateway endpoint for s3 in app: it is free and serves the subnets whose route tables you associate. Choose an interface endpoint only for clients outside app (peered VPCs, on-premises), which a gateway endpoint cannot serve.
          ja: appにs3のゲートウェイエンドポイントを作成してください。無料で、関連付けたルートテーブルのサブネットから使えます。インターフェイスエンドポイントは、ゲートウェイエンドポイントでは対応できないappの外のクライアント(ピアリング先のVPCやオンプレミス)のためだけに選んでください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; s3 is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、s3はAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint allowed
        gateway-endpoint allowed
          note (no rule) vpc:app service:svc
            en: Free: no hourly or data processing charge. Only subnets whose route tables you associate use it, and only from inside app.
            ja: 無料です(時間料金もデータ処理料金もかかりません)。使えるのは、関連付けたルートテーブルのサブネットだけで、appの中からだけです。
          note PEER-005 link:gw-shared link:pcx vpc:app vpc:shared
            en: Gateway endpoint gw-shared in peered VPC shared cannot be used from app across pcx (GW-003); app needs its own.
            ja: ピアリング先のVPC sharedにあるゲートウェイエンドポイントgw-sharedは、pcx越しにappから使えません(GW-003)。appに専用のものが必要です。
    "#]],
    );
}

#[test]
fn an_existing_endpoint_means_nothing_to_add() {
    let mut design = to_service("sqs", TOKYO);
    design
        .links
        .push(interface_endpoint("vpce", "app", "svc", &[]));
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: nothing to add
          en: Nothing to add: app and sqs are already linked (vpce). If traffic does not flow, check reachability for the routes.
          ja: 追加するものはありません: appとsqsは既にリンクされています(vpce)。通信できない場合は到達性でルートを確認してください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; sqs is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、sqsはAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint allowed
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); sqs needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。sqsにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}

#[test]
fn an_endpoint_service_in_another_account_needs_the_consumer_allowed() {
    let mut design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("provider", "10.0.0.0/16").in_account(ACCOUNT_B),
        ],
        vec![endpoint_service("svc", "provider", TOKYO)],
        vec![],
    );
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: interface-endpoint
          en: An interface endpoint in app to svc: svc has no gateway endpoint. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB.
          ja: appにsvcへのインターフェイスエンドポイントを作成してください。svcにはゲートウェイエンドポイントがありません。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; svc is an endpoint service. Peering app with its provider VPC provider is a separate choice, which reaches the load balancers directly.
            ja: VPCピアリングは2つのVPCをつなぐものですが、svcはエンドポイントサービスです。appとプロバイダーVPC providerのピアリングは別の選択肢で、ロードバランサーに直接到達します。
        interface-endpoint allowed
          note PL-009 vpc:app service:svc
            en: Cross-account: the provider must add arn:aws:iam::111111111111:root to the allowed principals of endpoint service svc before app can connect.
            ja: アカウント間: appが接続する前に、プロバイダーがエンドポイントサービスsvcの許可されたプリンシパルにarn:aws:iam::111111111111:rootを追加する必要があります。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); svc needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。svcにはインターフェイスエンドポイントを使ってください。
    "#]],
    );

    let endpoint_service = endpoint_service_mut(&mut design.services[0]);
    endpoint_service
        .allowed_principals
        .push("arn:aws:iam::111111111111:root".to_owned());
    endpoint_service.acceptance_required = true;
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: interface-endpoint
          en: An interface endpoint in app to svc: svc has no gateway endpoint. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB.
          ja: appにsvcへのインターフェイスエンドポイントを作成してください。svcにはゲートウェイエンドポイントがありません。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; svc is an endpoint service. Peering app with its provider VPC provider is a separate choice, which reaches the load balancers directly.
            ja: VPCピアリングは2つのVPCをつなぐものですが、svcはエンドポイントサービスです。appとプロバイダーVPC providerのピアリングは別の選択肢で、ロードバランサーに直接到達します。
        interface-endpoint allowed
          note PL-009 vpc:app service:svc
            en: Cross-account: endpoint service svc already allows account 111111111111 in its allowed principals.
            ja: アカウント間: エンドポイントサービスsvcの許可されたプリンシパルには、既にアカウント111111111111が含まれています。
          note PL-009 vpc:app service:svc
            en: Endpoint service svc requires acceptance: the endpoint stays pendingAcceptance until the provider accepts it.
            ja: エンドポイントサービスsvcは承諾が必要です: プロバイダーが承諾するまでエンドポイントはpendingAcceptanceのままです。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); svc needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。svcにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}

#[test]
fn an_endpoint_service_across_regions_must_support_the_consumer_region() {
    let mut design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("provider", "10.1.0.0/16").in_region("us-east-1"),
        ],
        vec![endpoint_service("svc", "provider", "us-east-1")],
        vec![],
    );
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: nothing to add
          en: No link can connect app to svc as the design stands; see the reasons under each.
          ja: 現在の設計ではappからsvcへつなげるリンクはありません。各リンクの理由を確認してください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; svc is an endpoint service. Peering app with its provider VPC provider is a separate choice, which reaches the load balancers directly.
            ja: VPCピアリングは2つのVPCをつなぐものですが、svcはエンドポイントサービスです。appとプロバイダーVPC providerのピアリングは別の選択肢で、ロードバランサーに直接到達します。
        interface-endpoint blocked
          blocker PL-007 vpc:app service:svc
            en: Endpoint service svc in us-east-1 does not list ap-northeast-1 in its supported Regions (none), so app cannot connect to it across Regions. The provider must add ap-northeast-1.
            ja: us-east-1のエンドポイントサービスsvcのサポート対象リージョン(なし)にap-northeast-1が含まれないため、appからリージョンをまたいで接続できません。プロバイダーがap-northeast-1を追加する必要があります。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); svc needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。svcにはインターフェイスエンドポイントを使ってください。
          blocker GW-002 vpc:app service:svc
            en: Gateway endpoints work only within the VPC's Region: app is in ap-northeast-1, svc in us-east-1. Use an interface endpoint (cross-Region where the service allows it) or a VPC in us-east-1.
            ja: ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: appはap-northeast-1、svcはus-east-1にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、us-east-1のVPCから接続してください。
    "#]],
    );
    endpoint_service_mut(&mut design.services[0])
        .supported_regions
        .push(TOKYO.to_owned());
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: interface-endpoint
          en: An interface endpoint in app to svc, with ServiceRegion=us-east-1: svc has no gateway endpoint. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB.
          ja: appにsvcへのインターフェイスエンドポイントを作成してください(ServiceRegion=us-east-1)。svcにはゲートウェイエンドポイントがありません。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; svc is an endpoint service. Peering app with its provider VPC provider is a separate choice, which reaches the load balancers directly.
            ja: VPCピアリングは2つのVPCをつなぐものですが、svcはエンドポイントサービスです。appとプロバイダーVPC providerのピアリングは別の選択肢で、ロードバランサーに直接到達します。
        interface-endpoint allowed
          note PL-007 vpc:app service:svc
            en: Cross-Region: create the endpoint in ap-northeast-1 with ServiceRegion=us-east-1; opt-in Regions must be enabled in the account.
            ja: リージョン間: ap-northeast-1でServiceRegion=us-east-1を指定してエンドポイントを作成してください。オプトインリージョンはアカウントで有効にしておく必要があります。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); svc needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。svcにはインターフェイスエンドポイントを使ってください。
          blocker GW-002 vpc:app service:svc
            en: Gateway endpoints work only within the VPC's Region: app is in ap-northeast-1, svc in us-east-1. Use an interface endpoint (cross-Region where the service allows it) or a VPC in us-east-1.
            ja: ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: appはap-northeast-1、svcはus-east-1にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、us-east-1のVPCから接続してください。
    "#]],
    );
    // VPC to VPC, the provider's service is what an endpoint can reach.
    let to_vpc = advise(&design, &Node::vpc("app"), &Node::vpc("provider"));
    check_advice(
        &to_vpc,
        expect![[r#"
        vpc:app -> vpc:provider: peering
          en: VPC peering between app and provider: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides.
          ja: appとproviderのVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。
        peering allowed
          note PEER-016 vpc:app vpc:provider
            en: Inter-Region (ap-northeast-1 → us-east-1): set PeerRegion=us-east-1, and accept and add the accepter's routes in us-east-1. Security groups cannot reference the peer's groups across Regions.
            ja: リージョン間(ap-northeast-1 → us-east-1): PeerRegion=us-east-1を指定し、承諾とアクセプター側のルート追加はus-east-1で行ってください。リージョンをまたぐとピアのセキュリティグループは参照できません。
        interface-endpoint allowed
          note (no rule) vpc:app vpc:provider
            en: Reaches only endpoint service svc of provider, one way (app → provider), not the whole VPC; it works even if the CIDRs overlap. Charged per AZ-hour and per GB.
            ja: 到達できるのはproviderのエンドポイントサービスsvcだけで、一方向(app → provider)です。VPC全体には到達しませんが、CIDRが重複していても使えます。AZごとの時間料金とGB単位の料金がかかります。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:provider
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as provider.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、providerのような他のVPCには到達できません。
    "#]],
    );
}

#[test]
fn the_provider_needs_nothing_to_reach_its_own_service() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![endpoint_service("svc", "app", TOKYO)],
        vec![],
    );
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: nothing to add
          en: Nothing to add: app hosts svc, so its subnets reach the load balancers directly.
          ja: 追加するものはありません: svcはappにあるため、サブネットからロードバランサーに直接到達できます。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; svc is an endpoint service. Peering app with its provider VPC app is a separate choice, which reaches the load balancers directly.
            ja: VPCピアリングは2つのVPCをつなぐものですが、svcはエンドポイントサービスです。appとプロバイダーVPC appのピアリングは別の選択肢で、ロードバランサーに直接到達します。
        interface-endpoint allowed
          note (no rule) vpc:app service:svc
            en: svc is hosted in app itself: an endpoint adds nothing its subnets cannot reach directly.
            ja: svcはapp自体にあります。エンドポイントを作成しても、サブネットから直接到達できる以上のものはありません。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); svc needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。svcにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}

#[test]
fn a_vpc_without_dns_gets_the_private_dns_caveat() {
    let mut design = to_service("sqs", TOKYO);
    design.vpcs[0] = design.vpcs[0].clone().without_dns();
    check_advice(
        &service(&design),
        expect![[r#"
        vpc:app -> service:svc: interface-endpoint
          en: An interface endpoint in app to sqs: sqs has no gateway endpoint. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB.
          ja: appにsqsへのインターフェイスエンドポイントを作成してください。sqsにはゲートウェイエンドポイントがありません。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; sqs is an AWS service, reached through an endpoint.
            ja: VPCピアリングは2つのVPCをつなぐものですが、sqsはAWSサービスで、エンドポイントを通じて到達します。
        interface-endpoint allowed
          note PL-003 vpc:app service:svc
            en: Private DNS for the endpoint needs enableDnsSupport and enableDnsHostnames on app; without them, use the endpoint-specific DNS names.
            ja: エンドポイントのプライベートDNSには、appでenableDnsSupportとenableDnsHostnamesを有効にする必要があります。無効のままなら、エンドポイント固有のDNS名を使ってください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); sqs needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。sqsにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}
