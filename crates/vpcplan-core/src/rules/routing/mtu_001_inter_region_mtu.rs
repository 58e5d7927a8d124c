//! MTU-001: inter-Region peerings carry smaller packets than in-Region ones.
//!
//! The design has no notion of packet sizes, so the rule cannot tell whether
//! a path assumes jumbo frames. It flags each inter-Region peering once, as
//! the place where the 8500-byte limit applies, so that users of jumbo
//! frames (9001 bytes within a Region) know where they stop working.

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
        name: "inter-region-mtu",
        severities: &[Severity::Warning],
        title: Text::new(
            "An inter-Region peering carries at most 8500-byte packets",
            "リージョン間ピアリングで運べるパケットは最大8500バイトです",
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
    for (link, peering) in &index.peerings {
        let (Some(a), Some(b)) = (index.vpc(&peering.requester), index.vpc(&peering.accepter))
        else {
            continue;
        };
        if a.region == b.region {
            continue;
        }
        out.push(rule.diagnostic(
            Severity::Warning,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(a.id.clone()),
                Subject::Vpc(b.id.clone()),
            ],
            Localized::new(
                format!(
                    "Peering {} joins {} ({}) and {} ({}) across Regions: it carries packets of at most {INTER_REGION_MTU} bytes, not the {IN_REGION_MTU}-byte jumbo frames of an in-Region peering. Paths over it must not assume larger packets.",
                    link.id, a.name, a.region, b.name, b.region
                ),
                format!(
                    "ピアリング{}は{}({})と{}({})をリージョンをまたいで接続します: 運べるパケットは最大{INTER_REGION_MTU}バイトで、同一リージョンのピアリングの{IN_REGION_MTU}バイトのジャンボフレームは通りません。これより大きなパケットを前提にしないでください。",
                    link.id, a.name, a.region, b.name, b.region
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn flags_each_inter_region_peering_once() {
        let design = design(
            vec![
                vpc("tokyo", "10.0.0.0/16"),
                vpc("osaka", "10.1.0.0/16").in_region("ap-northeast-3"),
                vpc("virginia", "10.2.0.0/16").in_region("us-east-1"),
            ],
            vec![],
            vec![
                peering("pcx-1", "tokyo", "osaka"),
                peering("pcx-2", "osaka", "virginia"),
            ],
        );
        let found = run(&RULE, &design);
        assert_eq!(ids(&found), ["MTU-001", "MTU-001"]);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.en.contains("8500"),
            "{}",
            found[0].message.en
        );
        assert!(found[0].message.en.contains("ap-northeast-3"));
        assert!(found[0].message.ja.contains("8500バイト"));
        assert!(found[0].subjects.contains(&Subject::Link("pcx-1".into())));
        assert!(found[1].subjects.contains(&Subject::Vpc("virginia".into())));
    }

    #[test]
    fn in_region_and_dangling_peerings_are_clean() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![],
            vec![
                peering("pcx", "app", "data"),
                peering("gone", "app", "nowhere"),
            ],
        );
        assert!(run(&RULE, &design).is_empty());
    }
}
