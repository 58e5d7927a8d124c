//! MTU-001: jumbo frames over a path that carries at most 8500 bytes.
//!
//! A VPC marked `jumbo_frames` has instances with a 9001-byte MTU. Within a
//! Region a peering carries that, but an inter-Region peering and a VPC
//! endpoint carry at most 8500 bytes, and endpoints send no ICMP Fragmentation
//! Needed, so path MTU discovery cannot help there.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// The largest packet an inter-Region peering (or a VPC endpoint) carries.
const INTER_REGION_MTU: u32 = 8_500;
/// The jumbo-frame MTU within a Region, peering included.
const IN_REGION_MTU: u32 = 9_001;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "MTU-001",
        name: "jumbo-frames-over-8500-byte-path",
        severities: &[Severity::Warning],
        title: Text::new(
            "Jumbo frames cross a path that carries at most 8500 bytes",
            "最大8500バイトの経路をジャンボフレームが通ります",
        ),
        why: Text::new(
            "Within a Region, a peering carries jumbo frames of up to 9001 bytes. Across Regions it carries at most 8500 bytes, as do VPC endpoints, which also send no ICMP Fragmentation Needed (so path MTU discovery cannot help) and clamp the TCP MSS. Instances that keep a 9001-byte MTU depend on path MTU discovery to fit their packets to a peer in another Region; UDP and other traffic that cannot adapt loses the larger packets.",
            "同一リージョン内のピアリングは最大9001バイトのジャンボフレームを運べますが、リージョン間では最大8500バイトです。VPCエンドポイントも同じく8500バイトまでで、ICMPのFragmentation Neededを返さない(パスMTU探索が効かない)ためTCPのMSSを調整します。MTUを9001バイトのままにしたインスタンスが別リージョンのピアと通信するには、パスMTU探索でパケットサイズを合わせる必要があり、それができないUDPなどの通信では大きなパケットが失われます。",
        ),
        fix: Text::new(
            "If any workload over this peering uses jumbo frames, set the MTU of the instances that talk across it to 8500 bytes or less (or rely on TCP MSS negotiation), and test large UDP packets end to end.",
            "このピアリングを通る通信でジャンボフレームを使う場合は、ピアと通信するインスタンスのMTUを8500バイト以下にする(またはTCPのMSSネゴシエーションに任せる)とともに、大きなUDPパケットをエンドツーエンドで試験してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/network_mtu.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (&(link, _), &(a, b)) in index.peerings.iter().zip(&index.peering_nodes) {
        // The nodes' facts answer the usual case without reading either VPC.
        let (Some(a_facts), Some(b_facts)) = (
            a.and_then(|node| index.node_facts(node)),
            b.and_then(|node| index.node_facts(node)),
        ) else {
            continue;
        };
        if !(a_facts.jumbo_frames || b_facts.jumbo_frames) || a_facts.region == b_facts.region {
            continue;
        }
        let (Some(a), Some(b)) = (index.node_vpc(a), index.node_vpc(b)) else {
            continue;
        };
        let jumbo = if a.jumbo_frames { a } else { b };
        out.push(rule.diagnostic(
            Severity::Warning,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(a.id.clone()),
                Subject::Vpc(b.id.clone()),
            ],
            Localized::new(
                format!(
                    "{} uses jumbo frames ({IN_REGION_MTU} bytes), but peering {} joins {} ({}) and {} ({}) across Regions and carries at most {INTER_REGION_MTU}-byte packets.",
                    jumbo.name, link.id, a.label(), a.region, b.label(), b.region
                ),
                format!(
                    "{}はジャンボフレーム({IN_REGION_MTU}バイト)を使いますが、ピアリング{}は{}({})と{}({})をリージョンをまたいで接続するため、運べるパケットは最大{INTER_REGION_MTU}バイトです。",
                    jumbo.name, link.id, a.label(), a.region, b.label(), b.region
                ),
            ),
        ));
    }
    for (position, &(link, _)) in index.interface_endpoints.iter().enumerate() {
        let node = index.interface_endpoint_node(position);
        if !node
            .and_then(|node| index.node_facts(node))
            .is_some_and(|facts| facts.jumbo_frames)
        {
            continue;
        }
        let Some(vpc) = index.node_vpc(node) else {
            continue;
        };
        out.push(rule.diagnostic(
            Severity::Warning,
            vec![Subject::Link(link.id.clone()), Subject::Vpc(vpc.id.clone())],
            Localized::new(
                format!(
                    "{} uses jumbo frames ({IN_REGION_MTU} bytes), but interface endpoint {} carries at most {INTER_REGION_MTU}-byte packets and sends no ICMP Fragmentation Needed.",
                    vpc.label(), link.id
                ),
                format!(
                    "{}はジャンボフレーム({IN_REGION_MTU}バイト)を使いますが、インターフェイスエンドポイント{}が運べるパケットは最大{INTER_REGION_MTU}バイトで、ICMPのFragmentation Neededも返しません。",
                    vpc.label(), link.id
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

    fn jumbo(vpc: crate::design::Vpc) -> crate::design::Vpc {
        crate::design::Vpc {
            jumbo_frames: true,
            ..vpc
        }
    }

    #[test]
    fn flags_jumbo_frames_over_inter_region_peerings_and_endpoints() {
        let design = design(
            vec![
                jumbo(vpc("tokyo", "10.0.0.0/16").with_subnet("a", "10.0.0.0/24", 'a')),
                vpc("virginia", "10.2.0.0/16").in_region("us-east-1"),
            ],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![
                peering("pcx", "tokyo", "virginia"),
                interface_endpoint("vpce", "tokyo", "ssm", &["tokyo-a"]),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            warning MTU-001 link:pcx vpc:tokyo vpc:virginia
              en: tokyo uses jumbo frames (9001 bytes), but peering pcx joins tokyo (ap-northeast-1) and virginia (us-east-1) across Regions and carries at most 8500-byte packets.
              ja: tokyoはジャンボフレーム(9001バイト)を使いますが、ピアリングpcxはtokyo(ap-northeast-1)とvirginia(us-east-1)をリージョンをまたいで接続するため、運べるパケットは最大8500バイトです。
            warning MTU-001 link:vpce vpc:tokyo
              en: tokyo uses jumbo frames (9001 bytes), but interface endpoint vpce carries at most 8500-byte packets and sends no ICMP Fragmentation Needed.
              ja: tokyoはジャンボフレーム(9001バイト)を使いますが、インターフェイスエンドポイントvpceが運べるパケットは最大8500バイトで、ICMPのFragmentation Neededも返しません。
        "#]],
        );
    }

    #[test]
    fn standard_frames_in_region_jumbo_and_dangling_peerings_are_clean() {
        let standard = design(
            vec![
                vpc("tokyo", "10.0.0.0/16"),
                vpc("virginia", "10.2.0.0/16").in_region("us-east-1"),
            ],
            vec![],
            vec![peering("pcx", "tokyo", "virginia")],
        );
        check(&RULE, &standard, expect![[""]]);

        let in_region = design(
            vec![
                jumbo(vpc("app", "10.0.0.0/16")),
                jumbo(vpc("data", "10.1.0.0/16")),
            ],
            vec![],
            vec![
                peering("pcx", "app", "data"),
                peering("gone", "app", "nowhere"),
            ],
        );
        check(&RULE, &in_region, expect![[""]]);
    }
}
