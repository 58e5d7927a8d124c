//! PEER-004: routes that expect to use the peer VPC's gateways.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::{
    EdgeToEdge, RouteIntoPeering, RouteThroughPeering, gateway_name, route_through_peering,
    routes_into_peerings,
};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-004",
        name: "edge-to-edge-routing",
        severities: &[Severity::Error],
        title: Text::new(
            "A route expects to use the peer VPC's gateway",
            "ルートがピア先VPCのゲートウェイの利用を前提にしています",
        ),
        why: Text::new(
            "A peering only delivers traffic addressed to the peer VPC itself. It cannot be extended to the peer's edge: VPC B cannot reach the internet through VPC A's internet gateway or NAT device, cannot reach a corporate network through A's VPN or Direct Connect connection, and cannot use A's gateway endpoint; traffic from those networks cannot enter B through A either. A default route or an on-premises range pointed at a peering therefore goes nowhere.",
            "ピアリングが届けるのはピア先VPC自体のアドレス宛ての通信だけで、ピア先のエッジには延長できません。VPC BはVPC Aのインターネットゲートウェイや NATデバイス経由でインターネットに出ることも、AのVPNやDirect Connect経由で社内ネットワークに到達することも、Aのゲートウェイエンドポイントを使うこともできません。逆にそれらのネットワークからAを経由してBに入ることもできません。そのため、デフォルトルートやオンプレミスの範囲をピアリングに向けても、通信はどこにも届きません。",
        ),
        fix: Text::new(
            "Give VPC B its own internet gateway, NAT gateway, VPN or Direct Connect attachment and gateway endpoints, or route through Transit Gateway or Cloud WAN (centralised egress, shared VPN/DX). Point only the peer VPC's CIDRs at the peering.",
            "VPC B自身にインターネットゲートウェイ、NATゲートウェイ、VPNやDirect Connectの接続、ゲートウェイエンドポイントを用意するか、Transit GatewayまたはCloud WAN(集中型のインターネット出口、VPN/DXの共有)経由でルーティングしてください。ピアリングに向けるのはピア先VPCのCIDRだけにしてください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/vpc-peering.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for RouteIntoPeering {
        vpc,
        table,
        route,
        link,
        peer,
    } in routes_into_peerings(index)
    {
        let RouteThroughPeering::EdgeToEdge(edge) = route_through_peering(&route.destination, peer)
        else {
            continue;
        };
        let (b, a, rtb) = (vpc.label(), peer.label(), table.label());
        let (en, ja) = match edge {
            EdgeToEdge::DefaultRoute(destination) => (
                format!(
                    "Route table {rtb} of {b} sends the default route {destination} to peering {link}: {b} cannot use {a}'s internet gateway, NAT device, VPN or Direct Connect through a peering."
                ),
                format!(
                    "{b}のルートテーブル{rtb}がデフォルトルート{destination}をピアリング{link}に向けています: {b}はピアリング経由で{a}のインターネットゲートウェイ、NATデバイス、VPN、Direct Connectを使えません。"
                ),
            ),
            EdgeToEdge::Remote {
                destination,
                gateway,
                remote,
            } => {
                let (gateway_en, gateway_ja) = gateway_name(gateway);
                (
                    format!(
                        "Route table {rtb} of {b} sends {destination} to peering {link}, but that range ({remote}) lies behind {a}'s {gateway_en}: edge-to-edge routing is not supported, so {b} cannot use {a}'s VPN or Direct Connect through a peering."
                    ),
                    format!(
                        "{b}のルートテーブル{rtb}が{destination}をピアリング{link}に向けていますが、この範囲({remote})は{a}の{gateway_ja}の先にあります: エッジ間ルーティングはサポートされていないため、{b}はピアリング経由で{a}のVPNやDirect Connectを使えません。"
                    ),
                )
            }
            EdgeToEdge::Internet {
                destination,
                gateways,
            } => {
                let names: Vec<(&str, &str)> =
                    gateways.iter().map(|&kind| gateway_name(kind)).collect();
                let en_names: Vec<&str> = names.iter().map(|(en, _)| *en).collect();
                let ja_names: Vec<&str> = names.iter().map(|(_, ja)| *ja).collect();
                (
                    format!(
                        "Route table {rtb} of {b} sends the public range {destination} to peering {link}, expecting {a}'s {}: edge-to-edge routing is not supported, so {b} cannot reach the internet through a peering.",
                        en_names.join(" and ")
                    ),
                    format!(
                        "{b}のルートテーブル{rtb}がパブリックな範囲{destination}をピアリング{link}に向け、{a}の{}の利用を前提にしています: エッジ間ルーティングはサポートされていないため、{b}はピアリング経由でインターネットに出られません。",
                        ja_names.join("・")
                    ),
                )
            }
            EdgeToEdge::GatewayEndpoint(prefix_list) => (
                format!(
                    "Route table {rtb} of {b} sends the prefix list {prefix_list} to peering {link}, expecting {a}'s gateway endpoint: gateway endpoints cannot be used through a peering."
                ),
                format!(
                    "{b}のルートテーブル{rtb}がプレフィックスリスト{prefix_list}をピアリング{link}に向け、{a}のゲートウェイエンドポイントの利用を前提にしています: ゲートウェイエンドポイントはピアリング経由では使えません。"
                ),
            ),
        };
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::RouteTable(table.id.clone()),
                Subject::Vpc(vpc.id.clone()),
                Subject::Link(link.clone()),
                Subject::Vpc(peer.id.clone()),
            ],
            Localized::new(en, ja),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::EdgeGatewayKind;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn hub() -> crate::design::Vpc {
        with_gateway(
            with_gateway(
                vpc("hub", "10.0.0.0/16"),
                EdgeGatewayKind::DirectConnect,
                &["192.168.0.0/16", "fd00:ee::/48"],
            ),
            EdgeGatewayKind::NatGateway,
            &[],
        )
    }

    #[test]
    fn flags_default_on_premises_public_and_gateway_endpoint_routes() {
        let spoke = [
            "0.0.0.0/0",
            "::/0",
            "192.168.10.0/24",
            "8.8.8.0/24",
            "com.amazonaws.ap-northeast-1.s3",
        ]
        .into_iter()
        .fold(vpc("spoke", "10.1.0.0/16"), |spoke, destination| {
            route_via(spoke, destination, "pcx")
        });
        let design = design(
            vec![spoke, hub()],
            vec![],
            vec![peering("pcx", "spoke", "hub")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-004 route-table:spoke-rtb vpc:spoke link:pcx vpc:hub
              en: Route table spoke main of spoke sends the default route 0.0.0.0/0 to peering pcx: spoke cannot use hub's internet gateway, NAT device, VPN or Direct Connect through a peering.
              ja: spokeのルートテーブルspoke mainがデフォルトルート0.0.0.0/0をピアリングpcxに向けています: spokeはピアリング経由でhubのインターネットゲートウェイ、NATデバイス、VPN、Direct Connectを使えません。
            error PEER-004 route-table:spoke-rtb vpc:spoke link:pcx vpc:hub
              en: Route table spoke main of spoke sends the default route ::/0 to peering pcx: spoke cannot use hub's internet gateway, NAT device, VPN or Direct Connect through a peering.
              ja: spokeのルートテーブルspoke mainがデフォルトルート::/0をピアリングpcxに向けています: spokeはピアリング経由でhubのインターネットゲートウェイ、NATデバイス、VPN、Direct Connectを使えません。
            error PEER-004 route-table:spoke-rtb vpc:spoke link:pcx vpc:hub
              en: Route table spoke main of spoke sends 192.168.10.0/24 to peering pcx, but that range (192.168.0.0/16) lies behind hub's Direct Connect: edge-to-edge routing is not supported, so spoke cannot use hub's VPN or Direct Connect through a peering.
              ja: spokeのルートテーブルspoke mainが192.168.10.0/24をピアリングpcxに向けていますが、この範囲(192.168.0.0/16)はhubのDirect Connectの先にあります: エッジ間ルーティングはサポートされていないため、spokeはピアリング経由でhubのVPNやDirect Connectを使えません。
            error PEER-004 route-table:spoke-rtb vpc:spoke link:pcx vpc:hub
              en: Route table spoke main of spoke sends the public range 8.8.8.0/24 to peering pcx, expecting hub's NAT gateway: edge-to-edge routing is not supported, so spoke cannot reach the internet through a peering.
              ja: spokeのルートテーブルspoke mainがパブリックな範囲8.8.8.0/24をピアリングpcxに向け、hubのNATゲートウェイの利用を前提にしています: エッジ間ルーティングはサポートされていないため、spokeはピアリング経由でインターネットに出られません。
            error PEER-004 route-table:spoke-rtb vpc:spoke link:pcx vpc:hub
              en: Route table spoke main of spoke sends the prefix list com.amazonaws.ap-northeast-1.s3 to peering pcx, expecting hub's gateway endpoint: gateway endpoints cannot be used through a peering.
              ja: spokeのルートテーブルspoke mainがプレフィックスリストcom.amazonaws.ap-northeast-1.s3をピアリングpcxに向け、hubのゲートウェイエンドポイントの利用を前提にしています: ゲートウェイエンドポイントはピアリング経由では使えません。
        "#]],
        );
    }

    #[test]
    fn routes_into_the_peer_and_ranges_for_peering_rule_008_are_clean() {
        let spoke = [
            "10.0.0.0/16",
            "10.0.5.0/24",
            "10.9.0.0/16",
            "8.8.8.0/24",
            "pl-0abc",
        ]
        .into_iter()
        .fold(vpc("spoke", "10.1.0.0/16"), |spoke, destination| {
            route_via(spoke, destination, "pcx")
        });
        // The peer has no internet gateway or NAT, so 8.8.8.0/24 is PEER-008's.
        let design = design(
            vec![spoke, vpc("hub", "10.0.0.0/16")],
            vec![],
            vec![peering("pcx", "spoke", "hub")],
        );
        check(&RULE, &design, expect![[""]]);
    }

    #[test]
    fn routes_to_unknown_or_foreign_peerings_are_skipped() {
        let spoke = route_via(
            route_via(vpc("spoke", "10.1.0.0/16"), "0.0.0.0/0", "ghost"),
            "0.0.0.0/0",
            "other",
        );
        let design = design(
            vec![spoke, hub(), vpc("third", "10.2.0.0/16")],
            vec![],
            vec![peering("other", "hub", "third")],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
