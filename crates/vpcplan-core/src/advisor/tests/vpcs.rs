//! Advice for two VPCs: peering, or PrivateLink when they overlap, and the
//! limits that point to Transit Gateway.

use super::*;

fn two_vpcs(a_cidr: &str, b_cidr: &str) -> Design {
    design(
        vec![vpc("app", a_cidr), vpc("data", b_cidr)],
        vec![],
        vec![],
    )
}

fn vpcs(design: &Design) -> Advice {
    advise(design, &Node::vpc("app"), &Node::vpc("data"))
}

#[test]
fn overlapping_vpcs_cannot_peer_and_need_an_endpoint_service() {
    let design = two_vpcs("10.0.0.0/16", "10.0.128.0/17");
    check_advice(
        &vpcs(&design),
        expect![[r#"
        vpc:app -> vpc:data: nothing to add
          en: No link can connect app to data as the design stands; see the reasons under each. Re-address one VPC, or create an endpoint service behind a Network Load Balancer in data and an interface endpoint to it in app.
          ja: 現在の設計ではappからdataへつなげるリンクはありません。各リンクの理由を確認してください。どちらかのVPCのアドレスを変更するか、dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、appからインターフェイスエンドポイントで接続してください。
        peering blocked
          blocker PEER-001 vpc:app vpc:data
            en: VPC peering between app and data is not possible: CIDRs overlap (10.0.0.0/16 ∩ 10.0.128.0/17). AWS sends such a request to `failed`.
            ja: appとdataのVPCピアリングはできません: CIDRが重複しています(10.0.0.0/16 ∩ 10.0.128.0/17)。AWSはこのリクエストを`failed`にします。
        interface-endpoint blocked
          blocker (no rule) vpc:app vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in app.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、appからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
}

#[test]
fn overlapping_vpcs_with_an_endpoint_service_get_privatelink() {
    let mut design = two_vpcs("10.0.0.0/16", "10.0.0.0/16");
    design.services.push(endpoint_service("api", "data", TOKYO));
    check_advice(
        &vpcs(&design),
        expect![[r#"
        vpc:app -> vpc:data: interface-endpoint
          en: An interface endpoint in app to endpoint service api of data: VPC peering is not possible here, and PrivateLink works even across overlapping CIDRs, exposing only that service, from app to data.
          ja: appに、dataのエンドポイントサービスapiへのインターフェイスエンドポイントを作成してください。ここではVPCピアリングはできませんが、PrivateLinkはCIDRが重複していても使え、appからdataへそのサービスだけを公開します。
        peering blocked
          blocker PEER-001 vpc:app vpc:data
            en: VPC peering between app and data is not possible: CIDRs overlap (10.0.0.0/16 ∩ 10.0.0.0/16). AWS sends such a request to `failed`.
            ja: appとdataのVPCピアリングはできません: CIDRが重複しています(10.0.0.0/16 ∩ 10.0.0.0/16)。AWSはこのリクエストを`failed`にします。
        interface-endpoint allowed
          note (no rule) vpc:app vpc:data
            en: Reaches only endpoint service api of data, one way (app → data), not the whole VPC; it works even if the CIDRs overlap. Charged per AZ-hour and per GB.
            ja: 到達できるのはdataのエンドポイントサービスapiだけで、一方向(app → data)です。VPC全体には到達しませんが、CIDRが重複していても使えます。AZごとの時間料金とGB単位の料金がかかります。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
}

#[test]
fn separate_vpcs_are_best_peered() {
    let design = two_vpcs("10.0.0.0/16", "10.1.0.0/16");
    let advice = vpcs(&design);
    check_advice(
        &advice,
        expect![[r#"
        vpc:app -> vpc:data: peering
          en: VPC peering between app and data: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides.
          ja: appとdataのVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。
        peering allowed
        interface-endpoint blocked
          blocker (no rule) vpc:app vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in app.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、appからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
    assert_eq!(advice.options().map(|option| option.kind), LinkKind::ALL);
    assert_eq!(advice.option(LinkKind::Peering), &advice.peering);
}

#[test]
fn an_existing_peering_cannot_be_added_again() {
    let mut design = two_vpcs("10.0.0.0/16", "10.1.0.0/16");
    design.links.push(peering("pcx", "data", "app"));
    check_advice(
        &vpcs(&design),
        expect![[r#"
        vpc:app -> vpc:data: nothing to add
          en: Nothing to add: app and data are already linked (pcx). If traffic does not flow, check reachability for the routes.
          ja: 追加するものはありません: appとdataは既にリンクされています(pcx)。通信できない場合は到達性でルートを確認してください。
        peering blocked
          blocker PEER-002 vpc:app vpc:data link:pcx
            en: app and data are already peered (pcx); only one VPC peering connection can exist between two VPCs at a time.
            ja: appとdataは既にピアリングされています(pcx)。2つのVPCの間に同時に存在できるVPCピアリング接続は1つだけです。
        interface-endpoint blocked
          blocker (no rule) vpc:app vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in app.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、appからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
}

#[test]
fn cross_account_and_cross_region_peerings_carry_their_steps() {
    let design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("data", "10.1.0.0/16")
                .in_account(ACCOUNT_B)
                .in_region("us-west-2"),
        ],
        vec![],
        vec![],
    );
    check_advice(
        &vpcs(&design),
        expect![[r#"
        vpc:app -> vpc:data: peering
          en: VPC peering between app and data: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides.
          ja: appとdataのVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。
        peering allowed
          note PEER-015 vpc:app vpc:data
            en: Cross-account: the owner of account 222222222222 must accept the request (or grant a role for PeerRoleArn); unaccepted requests expire after 7 days.
            ja: アカウント間: アカウント222222222222の所有者がリクエストを承諾する(またはPeerRoleArn用のロールを用意する)必要があります。承諾されないリクエストは7日で期限切れになります。
          note PEER-016 vpc:app vpc:data
            en: Inter-Region (ap-northeast-1 → us-west-2): set PeerRegion=us-west-2, and accept and add the accepter's routes in us-west-2. Security groups cannot reference the peer's groups across Regions.
            ja: リージョン間(ap-northeast-1 → us-west-2): PeerRegion=us-west-2を指定し、承諾とアクセプター側のルート追加はus-west-2で行ってください。リージョンをまたぐとピアのセキュリティグループは参照できません。
        interface-endpoint blocked
          blocker (no rule) vpc:app vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in app.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、appからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
}

/// `app` peered with a hub that has `spokes` other peers, and a lone `data`.
fn hub_and_spokes(spokes: usize) -> Design {
    let mut vpcs = vec![
        vpc("app", "10.0.0.0/16"),
        vpc("hub", "10.1.0.0/16"),
        vpc("data", "10.2.0.0/16"),
    ];
    let mut links = vec![peering("pcx-app", "app", "hub")];
    for i in 0..spokes {
        let id = format!("spoke{i}");
        vpcs.push(vpc(&id, &format!("10.{}.0.0/16", 10 + i)));
        links.push(peering(&format!("pcx-{i}"), "hub", &id));
    }
    design(vpcs, vec![], links)
}

#[test]
fn a_large_peering_graph_points_to_transit_gateway() {
    // app + hub + 7 spokes = 9 VPCs; with data, 10.
    check_advice(
        &vpcs(&hub_and_spokes(7)),
        expect![[r#"
        vpc:app -> vpc:data: peering
          en: VPC peering between app and data: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides. As the peering graph grows, plan for Transit Gateway.
          ja: appとdataのVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。ピアリングの数が増えてきたら、Transit Gatewayへの移行を計画してください。
        peering allowed
          note PEER-017 vpc:app vpc:data
            en: With this peering, 10 VPCs form one peering graph (app has 1 peerings, data has 0). Peering is not transitive, so a full mesh of 10 VPCs needs 45 peerings. Consider Transit Gateway or Cloud WAN: hub-and-spoke, segmentation by route table, shared VPN and Direct Connect.
            ja: このピアリングで10個のVPCが1つのピアリンググラフになります(appのピアリングは1個、dataは0個)。ピアリングは推移的ではないため、10個のVPCのフルメッシュには45個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによる分離、VPN・Direct Connectの共有)を検討してください。
        interface-endpoint blocked
          blocker (no rule) vpc:app vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in app.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、appからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:app vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
    let small = vpcs(&hub_and_spokes(6));
    assert!(small.peering.note_rules().is_empty());
}

#[test]
fn a_vpc_with_many_peerings_points_to_transit_gateway() {
    let design = hub_and_spokes(9);
    let advice = advise(&design, &Node::vpc("hub"), &Node::vpc("data"));
    check_advice(
        &advice,
        expect![[r#"
        vpc:hub -> vpc:data: peering
          en: VPC peering between hub and data: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides. As the peering graph grows, plan for Transit Gateway.
          ja: hubとdataのVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。ピアリングの数が増えてきたら、Transit Gatewayへの移行を計画してください。
        peering allowed
          note PEER-017 vpc:hub vpc:data
            en: With this peering, 12 VPCs form one peering graph (hub has 10 peerings, data has 0). Peering is not transitive, so a full mesh of 12 VPCs needs 66 peerings. Consider Transit Gateway or Cloud WAN: hub-and-spoke, segmentation by route table, shared VPN and Direct Connect.
            ja: このピアリングで12個のVPCが1つのピアリンググラフになります(hubのピアリングは10個、dataは0個)。ピアリングは推移的ではないため、12個のVPCのフルメッシュには66個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによる分離、VPN・Direct Connectの共有)を検討してください。
        interface-endpoint blocked
          blocker (no rule) vpc:hub vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in hub.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、hubからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:hub vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
}

#[test]
fn peering_quotas_warn_then_block() {
    let over_default = advise(&hub_and_spokes(49), &Node::vpc("hub"), &Node::vpc("data"));
    check_advice(
        &over_default,
        expect![[r#"
        vpc:hub -> vpc:data: peering
          en: VPC peering between hub and data: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides. As the peering graph grows, plan for Transit Gateway.
          ja: hubとdataのVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。ピアリングの数が増えてきたら、Transit Gatewayへの移行を計画してください。
        peering allowed
          note PEER-011 vpc:hub
            en: hub would have 51 peerings, over the default quota of 50 active peerings per VPC (L-7E9ECCDB): request an increase first.
            ja: hubのピアリングは51個になり、VPCあたりのアクティブなピアリングのデフォルトクォータ50(L-7E9ECCDB)を超えます。先に引き上げを申請してください。
          note PEER-017 vpc:hub vpc:data
            en: With this peering, 52 VPCs form one peering graph (hub has 50 peerings, data has 0). Peering is not transitive, so a full mesh of 52 VPCs needs 1326 peerings. Consider Transit Gateway or Cloud WAN: hub-and-spoke, segmentation by route table, shared VPN and Direct Connect.
            ja: このピアリングで52個のVPCが1つのピアリンググラフになります(hubのピアリングは50個、dataは0個)。ピアリングは推移的ではないため、52個のVPCのフルメッシュには1326個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによる分離、VPN・Direct Connectの共有)を検討してください。
        interface-endpoint blocked
          blocker (no rule) vpc:hub vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in hub.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、hubからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:hub vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
    let at_max = advise(&hub_and_spokes(124), &Node::vpc("hub"), &Node::vpc("data"));
    check_advice(
        &at_max,
        expect![[r#"
        vpc:hub -> vpc:data: nothing to add
          en: No link can connect hub to data as the design stands; see the reasons under each.
          ja: 現在の設計ではhubからdataへつなげるリンクはありません。各リンクの理由を確認してください。
        peering blocked
          blocker PEER-011 vpc:hub
            en: hub already has 125 peerings; one more would exceed the maximum of 125 per VPC. Use Transit Gateway or Cloud WAN.
            ja: hubには既に125個のピアリングがあり、1つ追加するとVPCあたりの上限125を超えます。Transit GatewayまたはCloud WANを使ってください。
          note PEER-017 vpc:hub vpc:data
            en: With this peering, 127 VPCs form one peering graph (hub has 125 peerings, data has 0). Peering is not transitive, so a full mesh of 127 VPCs needs 8001 peerings. Consider Transit Gateway or Cloud WAN: hub-and-spoke, segmentation by route table, shared VPN and Direct Connect.
            ja: このピアリングで127個のVPCが1つのピアリンググラフになります(hubのピアリングは125個、dataは0個)。ピアリングは推移的ではないため、127個のVPCのフルメッシュには8001個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによる分離、VPN・Direct Connectの共有)を検討してください。
        interface-endpoint blocked
          blocker (no rule) vpc:hub vpc:data
            en: data offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in data, then an interface endpoint to it in hub.
            ja: dataにはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。dataにNetwork Load Balancerを使ったエンドポイントサービスを作成し、hubからインターフェイスエンドポイントで接続してください。
        gateway-endpoint blocked
          blocker GW-001 vpc:hub vpc:data
            en: Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as data.
            ja: ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、dataのような他のVPCには到達できません。
    "#]],
    );
}
