//! PEER-008: a route into a peering for addresses the peer VPC does not hold.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::{
    RouteIntoPeering, RouteThroughPeering, cidr_list, route_through_peering, routes_into_peerings,
};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-008",
        name: "route-outside-peer",
        severities: &[Severity::Warning],
        title: Text::new(
            "A route sends addresses outside the peer VPC into a peering",
            "ピア先VPC外のアドレスをピアリングに向けるルートがあります",
        ),
        why: Text::new(
            "A peering delivers packets only to addresses inside the peer VPC's CIDRs. The peer does not forward anything onward: not to VPCs it is peered with (peering is not transitive) and not to its own gateways (no edge-to-edge routing). Traffic for any other destination sent into the peering is dropped.",
            "ピアリングがパケットを届けるのは、ピア先VPCのCIDR内のアドレスだけです。ピア先はそれ以上転送しません。ピア先がピアリングしている他のVPCへも(ピアリングは推移的ではありません)、ピア先のゲートウェイへも(エッジ間ルーティングは不可)転送されず、それ以外の宛先の通信は破棄されます。",
        ),
        fix: Text::new(
            "Narrow the route's destination to the peer VPC's CIDRs, and reach other destinations through their own peering, Transit Gateway or Cloud WAN.",
            "ルートの宛先をピア先VPCのCIDRに絞り、それ以外の宛先には専用のピアリング、Transit GatewayまたはCloud WAN経由で到達してください。",
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
        // Default routes and on-premises or internet ranges are PEER-004's.
        let RouteThroughPeering::Outside(cidr) = route_through_peering(&route.destination, peer)
        else {
            continue;
        };
        let cidrs = cidr_list(peer);
        out.push(rule.diagnostic(
                    Severity::Warning,
                    vec![
                        Subject::RouteTable(table.id.clone()),
                        Subject::Vpc(vpc.id.clone()),
                        Subject::Link(link.clone()),
                        Subject::Vpc(peer.id.clone()),
                    ],
                    Localized::new(
                        format!(
                            "Route table {rtb} of {vpc} sends {cidr} to peering {link}, but destination {cidr} is outside the peer VPC {peer}'s CIDRs ({cidrs}). A peering delivers only to addresses in the peer VPC.",
                            rtb = table.label(),
                            vpc = vpc.label(),
                            peer = peer.label(),
                        ),
                        format!(
                            "{vpc}のルートテーブル{rtb}が{cidr}をピアリング{link}に向けていますが、宛先{cidr}はピア先VPC {peer}のCIDR({cidrs})の外です。ピアリングが届けるのはピア先VPC内のアドレスだけです。",
                            rtb = table.label(),
                            vpc = vpc.label(),
                            peer = peer.label(),
                        ),
                    ),
                ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_a_route_to_a_third_vpc_through_the_peering() {
        let app = route_via(vpc("app", "10.0.0.0/16"), "10.2.0.0/16", "pcx");
        let design = design(
            vec![app, vpc("hub", "10.1.0.0/16"), vpc("data", "10.2.0.0/16")],
            vec![],
            vec![
                peering("pcx", "app", "hub"),
                peering("pcx-2", "hub", "data"),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-008 route-table:app-rtb vpc:app link:pcx vpc:hub
              en: Route table app main of app sends 10.2.0.0/16 to peering pcx, but destination 10.2.0.0/16 is outside the peer VPC hub's CIDRs (10.1.0.0/16). A peering delivers only to addresses in the peer VPC.
              ja: appのルートテーブルapp mainが10.2.0.0/16をピアリングpcxに向けていますが、宛先10.2.0.0/16はピア先VPC hubのCIDR(10.1.0.0/16)の外です。ピアリングが届けるのはピア先VPC内のアドレスだけです。
        "#]],
        );
    }

    #[test]
    fn flags_a_route_wider_than_the_peer() {
        let app = route_via(vpc("app", "10.0.0.0/16"), "10.0.0.0/8", "pcx");
        let design = design(
            vec![app, vpc("hub", "10.1.0.0/16").with_ipv4("10.200.0.0/16")],
            vec![],
            vec![peering("pcx", "app", "hub")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-008 route-table:app-rtb vpc:app link:pcx vpc:hub
              en: Route table app main of app sends 10.0.0.0/8 to peering pcx, but destination 10.0.0.0/8 is outside the peer VPC hub's CIDRs (10.1.0.0/16, 10.200.0.0/16). A peering delivers only to addresses in the peer VPC.
              ja: appのルートテーブルapp mainが10.0.0.0/8をピアリングpcxに向けていますが、宛先10.0.0.0/8はピア先VPC hubのCIDR(10.1.0.0/16, 10.200.0.0/16)の外です。ピアリングが届けるのはピア先VPC内のアドレスだけです。
        "#]],
        );
    }

    #[test]
    fn routes_inside_the_peer_default_routes_and_prefix_lists_are_clean() {
        let app = ["10.1.0.0/16", "10.200.4.0/24", "0.0.0.0/0", "pl-0abc"]
            .into_iter()
            .fold(vpc("app", "10.0.0.0/16"), |app, destination| {
                route_via(app, destination, "pcx")
            });
        let design = design(
            vec![app, vpc("hub", "10.1.0.0/16").with_ipv4("10.200.0.0/16")],
            vec![],
            vec![peering("pcx", "app", "hub")],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
