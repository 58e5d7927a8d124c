//! Tests of the advisor: the pair-level cases here, VPC pairs in `vpcs.rs`,
//! a VPC and a service in `services.rs`.

use std::fmt::Write as _;

use expect_test::{Expect, expect};

use super::*;
use crate::reachability::DANGLING_REFERENCE;
use crate::reachability::fixtures::*;
use crate::rules::testing::*;

mod services;
mod vpcs;

const TOKYO: &str = "ap-northeast-1";

/// Compares the whole advice with the snapshot (`UPDATE_EXPECT=1 cargo test
/// -p vpcplan-core` refreshes them): the pair, the recommendation and why,
/// the notes about the pair, then each kind of link, allowed or blocked,
/// with its blockers and notes (rule, subjects, English and Japanese).
#[track_caller]
fn check_advice(advice: &Advice, expect: Expect) {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} -> {}: {}",
        subject_text(&advice.from.subject()),
        subject_text(&advice.to.subject()),
        advice.recommended.map_or("nothing to add", LinkKind::slug)
    );
    let _ = writeln!(out, "  en: {}", advice.recommendation.en);
    let _ = writeln!(out, "  ja: {}", advice.recommendation.ja);
    for note in &advice.notes {
        render_reason(&mut out, note, "  note ", "    ");
    }
    for option in advice.options() {
        let verdict = if option.allowed { "allowed" } else { "blocked" };
        let _ = writeln!(out, "{} {verdict}", option.kind.slug());
        for blocker in &option.blockers {
            render_reason(&mut out, blocker, "  blocker ", "    ");
        }
        for note in &option.notes {
            render_reason(&mut out, note, "  note ", "    ");
        }
    }
    expect.assert_eq(&out);
}

/// A design with VPC `app` and AWS service `svc` (`suffix`, in `region`).
fn to_service(suffix: &str, region: &str) -> Design {
    design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![aws_service("svc", suffix, region)],
        vec![],
    )
}

fn service(design: &Design) -> Advice {
    advise(design, &Node::vpc("app"), &Node::service("svc"))
}

#[test]
fn a_service_picked_first_is_advised_from_the_vpc() {
    let design = to_service("s3", TOKYO);
    let advice = advise(&design, &Node::service("svc"), &Node::subnet("app", "nope"));
    check_advice(
        &advice,
        expect![[r#"
        service:svc -> subnet:nope: nothing to add
          en: Nothing to recommend: the design does not contain both nodes.
          ja: 推奨できるものはありません: 設計に両方のノードがありません。
        peering blocked
          blocker DES-001 vpc:app subnet:nope
            en: Subnet nope is not in VPC app of the design.
            ja: サブネットnopeは設計のVPC app にありません。
        interface-endpoint blocked
          blocker DES-001 vpc:app subnet:nope
            en: Subnet nope is not in VPC app of the design.
            ja: サブネットnopeは設計のVPC app にありません。
        gateway-endpoint blocked
          blocker DES-001 vpc:app subnet:nope
            en: Subnet nope is not in VPC app of the design.
            ja: サブネットnopeは設計のVPC app にありません。
    "#]],
    );
    let mut with_subnet = design.clone();
    with_subnet.vpcs[0] = with_subnet.vpcs[0]
        .clone()
        .with_subnet("a", "10.0.1.0/24", 'a');
    let advice = advise(
        &with_subnet,
        &Node::service("svc"),
        &Node::subnet("app", "app-a"),
    );
    check_advice(
        &advice,
        expect![[r#"
        subnet:app-a -> service:svc: gateway-endpoint
          en: A gateway endpoint for s3 in app: it is free and serves the subnets whose route tables you associate. Choose an interface endpoint only for clients outside app (peered VPCs, on-premises), which a gateway endpoint cannot serve.
          ja: appにs3のゲートウェイエンドポイントを作成してください。無料で、関連付けたルートテーブルのサブネットから使えます。インターフェイスエンドポイントは、ゲートウェイエンドポイントでは対応できないappの外のクライアント(ピアリング先のVPCやオンプレミス)のためだけに選んでください。
          note (no rule) subnet:app-a service:svc
            en: Links to a service are made from the VPC that uses it: this is the advice for app → s3.
            ja: サービスへのリンクは、それを利用するVPCの側で作成します。以下はapp → s3の助言です。
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
fn two_services_cannot_be_linked() {
    let mut design = to_service("s3", TOKYO);
    design.services.push(aws_service("queue", "sqs", TOKYO));
    let advice = advise(&design, &Node::service("svc"), &Node::service("queue"));
    check_advice(
        &advice,
        expect![[r#"
        service:svc -> service:queue: nothing to add
          en: Nothing to recommend: two services cannot be linked.
          ja: 推奨できるものはありません: サービス同士はリンクできません。
        peering blocked
          blocker (no rule) service:svc service:queue
            en: s3 and sqs are both services: a link connects a VPC to another VPC or to a service, never two services. Connect each from the VPC that uses it.
            ja: s3とsqsはどちらもサービスです。リンクはVPCとVPC、またはVPCとサービスをつなぐもので、サービス同士はつなげません。それぞれを利用するVPCから接続してください。
        interface-endpoint blocked
          blocker (no rule) service:svc service:queue
            en: s3 and sqs are both services: a link connects a VPC to another VPC or to a service, never two services. Connect each from the VPC that uses it.
            ja: s3とsqsはどちらもサービスです。リンクはVPCとVPC、またはVPCとサービスをつなぐもので、サービス同士はつなげません。それぞれを利用するVPCから接続してください。
        gateway-endpoint blocked
          blocker (no rule) service:svc service:queue
            en: s3 and sqs are both services: a link connects a VPC to another VPC or to a service, never two services. Connect each from the VPC that uses it.
            ja: s3とsqsはどちらもサービスです。リンクはVPCとVPC、またはVPCとサービスをつなぐもので、サービス同士はつなげません。それぞれを利用するVPCから接続してください。
    "#]],
    );
}

#[test]
fn the_same_vpc_needs_no_link() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![],
        vec![],
    );
    let advice = advise(&design, &Node::subnet("app", "app-a"), &Node::vpc("app"));
    check_advice(
        &advice,
        expect![[r#"
        subnet:app-a -> vpc:app: nothing to add
          en: Nothing to add: the local route already connects them.
          ja: 追加するものはありません: ローカルルートで既につながっています。
        peering blocked
          blocker (no rule) vpc:app vpc:app
            en: Both are in app: its subnets already reach each other through the VPC's local route.
            ja: どちらもappの中にあります。サブネット同士はVPCのローカルルートで既に到達できます。
        interface-endpoint blocked
          blocker (no rule) vpc:app vpc:app
            en: Both are in app: its subnets already reach each other through the VPC's local route.
            ja: どちらもappの中にあります。サブネット同士はVPCのローカルルートで既に到達できます。
        gateway-endpoint blocked
          blocker (no rule) vpc:app vpc:app
            en: Both are in app: its subnets already reach each other through the VPC's local route.
            ja: どちらもappの中にあります。サブネット同士はVPCのローカルルートで既に到達できます。
    "#]],
    );
}

#[test]
fn dangling_nodes_block_every_link() {
    let design = to_service("s3", TOKYO);
    let advice = advise(&design, &Node::vpc("ghost"), &Node::service("svc"));
    for option in advice.options() {
        assert_eq!(option.blocking_rules(), [Some(DANGLING_REFERENCE)]);
    }
    check_advice(
        &advice,
        expect![[r#"
        vpc:ghost -> service:svc: nothing to add
          en: Nothing to recommend: the design does not contain both nodes.
          ja: 推奨できるものはありません: 設計に両方のノードがありません。
        peering blocked
          blocker DES-001 vpc:ghost
            en: VPC ghost is not in the design.
            ja: VPC ghost は設計にありません。
        interface-endpoint blocked
          blocker DES-001 vpc:ghost
            en: VPC ghost is not in the design.
            ja: VPC ghost は設計にありません。
        gateway-endpoint blocked
          blocker DES-001 vpc:ghost
            en: VPC ghost is not in the design.
            ja: VPC ghost は設計にありません。
    "#]],
    );
    let orphan = design_with_orphan_service();
    let advice = advise(&orphan, &Node::vpc("app"), &Node::service("svc"));
    check_advice(
        &advice,
        expect![[r#"
        vpc:app -> service:svc: nothing to add
          en: No link can connect app to svc as the design stands; see the reasons under each.
          ja: 現在の設計ではappからsvcへつなげるリンクはありません。各リンクの理由を確認してください。
        peering blocked
          blocker (no rule) vpc:app service:svc
            en: VPC peering joins two VPCs; svc is an endpoint service. Peering app with its provider VPC gone is a separate choice, which reaches the load balancers directly.
            ja: VPCピアリングは2つのVPCをつなぐものですが、svcはエンドポイントサービスです。appとプロバイダーVPC goneのピアリングは別の選択肢で、ロードバランサーに直接到達します。
        interface-endpoint blocked
          blocker DES-001 vpc:gone
            en: VPC gone is not in the design.
            ja: VPC gone は設計にありません。
        gateway-endpoint blocked
          blocker GW-001 vpc:app service:svc
            en: Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); svc needs an interface endpoint.
            ja: ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。svcにはインターフェイスエンドポイントを使ってください。
    "#]],
    );
}

fn design_with_orphan_service() -> Design {
    design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![endpoint_service("svc", "gone", TOKYO)],
        vec![],
    )
}

proptest::proptest! {
    // Each case asks every pair of nodes; fewer cases keep the suite quick.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn any_pair_of_any_design_gets_consistent_advice(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..80)
    ) {
        let design = arbitrary_design(&bytes);
        let nodes = every_node(&design);
        for a in &nodes {
            for b in &nodes {
                let advice = advise(&design, a, b);
                for option in advice.options() {
                    proptest::prop_assert_eq!(option.allowed, option.blockers.is_empty());
                    for reason in option.blockers.iter().chain(&option.notes) {
                        proptest::prop_assert!(!reason.message.en.is_empty());
                        proptest::prop_assert!(!reason.message.ja.is_empty());
                    }
                }
                if let Some(kind) = advice.recommended {
                    proptest::prop_assert!(advice.option(kind).allowed);
                }
                proptest::prop_assert!(!advice.recommendation.en.is_empty());
                proptest::prop_assert!(!advice.recommendation.ja.is_empty());
            }
        }
    }
}
