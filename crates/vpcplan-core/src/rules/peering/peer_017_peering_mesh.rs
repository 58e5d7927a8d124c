//! PEER-017: three or more VPCs joined by peerings, where a hub scales better.

use crate::Text;
use crate::collections::sort;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::{PeeringGraph, name_list};
use crate::rules::{Rule, RuleDoc};

/// From this many VPCs on, a peering mesh is a warning rather than advice.
pub(crate) const WARN_FROM: usize = 10;
/// How many VPC names a message spells out.
const NAMES_SHOWN: usize = 12;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-017",
        name: "peering-mesh",
        severities: &[Severity::Warning, Severity::Info],
        title: Text::new(
            "Three or more VPCs are connected with peerings",
            "3つ以上のVPCがピアリングで接続されています",
        ),
        why: Text::new(
            "Peering is not transitive, so VPCs that must all reach each other need a full mesh: n VPCs need n(n−1)/2 peerings (100 VPCs need 4,950), each with routes on both sides, and one VPC can have at most 125. The AWS Well-Architected Framework recommends hub-and-spoke when more than two networks are connected. Transit Gateway and Cloud WAN give one attachment per VPC, route-table segmentation, and shared VPN, Direct Connect and centralised egress, none of which peering can offer.",
            "ピアリングは推移的ではないため、互いに通信する必要のあるVPCはフルメッシュにする必要があります。n個のVPCにはn(n−1)/2個のピアリングが必要で(100個なら4,950個)、それぞれ両側にルートが必要なうえ、1つのVPCが持てるピアリングは最大125個です。AWS Well-Architectedフレームワークは、3つ以上のネットワークを接続する場合はハブアンドスポークを推奨しています。Transit GatewayやCloud WANなら、VPCごとに1つのアタッチメントで済み、ルートテーブルによるセグメント分割や、VPN・Direct Connect・集中型のインターネット出口の共有もできます。これらはピアリングではできません。",
        ),
        fix: Text::new(
            "Consider Transit Gateway (one Region, or peered across Regions) or Cloud WAN (global) as a hub for these VPCs; keep peering for a few high-traffic pairs if their cost or latency matters.",
            "これらのVPCのハブとして、Transit Gateway(単一リージョン、またはリージョン間でピアリング)やCloud WAN(グローバル)を検討してください。通信量が多くコストや遅延が重要な少数の組み合わせには、ピアリングを残しても構いません。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/vpc-peering.html",
            "https://docs.aws.amazon.com/wellarchitected/2023-10-03/framework/rel_planning_network_topology_prefer_hub_and_spoke.html",
            "https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/aws-transit-gateway.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.peerings.len() < 2 {
        return;
    }
    let graph = PeeringGraph::new(index);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); graph.components];
    for (node, &label) in graph.component.iter().enumerate() {
        if let Some(list) = members.get_mut(label) {
            list.push(node);
        }
    }
    let mut neighbours = Vec::new();
    for nodes in &members {
        let n = nodes.len();
        if n < 3 {
            continue;
        }
        // Distinct peered pairs (duplicate peerings count once): half the
        // sum of each node's distinct neighbours.
        let mut ends = 0;
        let mut subjects: Vec<Subject> = Vec::with_capacity(n);
        let mut links = Vec::new();
        for &node in nodes {
            if let Some(vpc) = graph.vpcs.get(node) {
                subjects.push(Subject::Vpc(vpc.id.clone()));
            }
            neighbours.clear();
            for (next, link) in graph.neighbours(node) {
                neighbours.push(next);
                if node < next {
                    links.push(Subject::Link(link.id.clone()));
                }
            }
            sort(&mut neighbours);
            neighbours.dedup();
            ends += neighbours.len();
        }
        let peered = (ends / 2) as u64;
        let n64 = n as u64;
        let full = n64 * (n64 - 1) / 2;
        let (names, more) = name_list(
            nodes
                .iter()
                .filter_map(|&node| graph.vpcs.get(node))
                .map(|vpc| vpc.label()),
            NAMES_SHOWN,
        );
        let (more_en, more_ja) = if more > 0 {
            (format!(" and {more} more"), format!("ほか{more}個"))
        } else {
            (String::new(), String::new())
        };
        let (shape_en, shape_ja) = if peered == full {
            ("a full mesh".to_owned(), "フルメッシュ".to_owned())
        } else {
            (
                format!("{peered} of the {full} possible peerings"),
                format!("可能な{full}個のうち{peered}個のピアリング"),
            )
        };
        let severity = if n >= WARN_FROM {
            Severity::Warning
        } else {
            Severity::Info
        };
        subjects.extend(links);
        out.push(rule.diagnostic(
            severity,
            subjects,
            Localized::new(
                format!(
                    "{n} VPCs are connected by peering ({shape_en}): {names}{more_en}. A full mesh of {n} VPCs needs {full} peerings. Consider Transit Gateway or Cloud WAN (hub-and-spoke, route-table segmentation, shared VPN/DX)."
                ),
                format!(
                    "{n}個のVPCがピアリングで接続されています({shape_ja}): {names}{more_ja}。{n}個のVPCのフルメッシュには{full}個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによるセグメント分割、VPN/DXの共有)を検討してください。"
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
    fn notes_a_mesh_of_three_and_warns_about_ten() {
        let triangle = design(
            vec![
                vpc("a", "10.0.0.0/16"),
                vpc("b", "10.1.0.0/16"),
                vpc("c", "10.2.0.0/16"),
                vpc("x", "10.3.0.0/16"),
                vpc("y", "10.4.0.0/16"),
            ],
            vec![],
            vec![
                peering("ab", "a", "b"),
                peering("bc", "b", "c"),
                peering("ca", "c", "a"),
                peering("xy", "x", "y"),
            ],
        );
        check(
            &RULE,
            &triangle,
            expect![[r#"
            info PEER-017 vpc:a vpc:b vpc:c link:ab link:ca link:bc
              en: 3 VPCs are connected by peering (a full mesh): a, b, c. A full mesh of 3 VPCs needs 3 peerings. Consider Transit Gateway or Cloud WAN (hub-and-spoke, route-table segmentation, shared VPN/DX).
              ja: 3個のVPCがピアリングで接続されています(フルメッシュ): a, b, c。3個のVPCのフルメッシュには3個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによるセグメント分割、VPN/DXの共有)を検討してください。
        "#]],
        );

        let mut vpcs = vec![vpc("hub", "10.255.0.0/16")];
        let mut links = Vec::new();
        for n in 0..9 {
            vpcs.push(vpc(&format!("s{n}"), &format!("10.{n}.0.0/16")));
            links.push(peering(&format!("p{n}"), "hub", &format!("s{n}")));
        }
        let star = design(vpcs, vec![], links);
        check(
            &RULE,
            &star,
            expect![[r#"
            warning PEER-017 vpc:hub vpc:s0 vpc:s1 vpc:s2 vpc:s3 vpc:s4 vpc:s5 vpc:s6 vpc:s7 vpc:s8 link:p0 link:p1 link:p2 link:p3 link:p4 link:p5 link:p6 link:p7 link:p8
              en: 10 VPCs are connected by peering (9 of the 45 possible peerings): hub, s0, s1, s2, s3, s4, s5, s6, s7, s8. A full mesh of 10 VPCs needs 45 peerings. Consider Transit Gateway or Cloud WAN (hub-and-spoke, route-table segmentation, shared VPN/DX).
              ja: 10個のVPCがピアリングで接続されています(可能な45個のうち9個のピアリング): hub, s0, s1, s2, s3, s4, s5, s6, s7, s8。10個のVPCのフルメッシュには45個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによるセグメント分割、VPN/DXの共有)を検討してください。
        "#]],
        );
    }

    #[test]
    fn pairs_and_unconnected_vpcs_are_clean() {
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
                peering("ab2", "b", "a"),
                peering("cd", "c", "d"),
            ],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
