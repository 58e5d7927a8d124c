//! PEER-011: more peerings on one VPC than the quota allows.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::unique_vpcs;
use crate::rules::{Rule, RuleDoc};

/// Active VPC peering connections per VPC: the default quota (L-7E9ECCDB).
const DEFAULT_QUOTA: usize = 50;
/// The most the quota can be raised to.
const MAXIMUM: usize = 125;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-011",
        name: "too-many-peerings",
        severities: &[Severity::Error, Severity::Warning],
        title: Text::new(
            "A VPC has more peerings than the quota allows",
            "VPCのピアリング数がクォータを超えています",
        ),
        why: Text::new(
            "Each VPC may have 50 active VPC peering connections by default (quota L-7E9ECCDB), adjustable up to 125. Past the default, new peerings fail until Service Quotas raises it; past 125 no increase is possible. Planned peerings are counted too, since they will become active ones.",
            "1つのVPCで持てるアクティブなVPCピアリング接続は、デフォルトで50個(クォータL-7E9ECCDB)で、最大125個まで引き上げられます。デフォルトを超えると、Service Quotasで引き上げるまで新しいピアリングは失敗し、125個を超える引き上げはできません。計画中のピアリングも、いずれアクティブになるため数に含めます。",
        ),
        fix: Text::new(
            "Above 50, request a quota increase for L-7E9ECCDB before creating the peerings. Above 125, connect the VPCs through Transit Gateway or Cloud WAN instead of a mesh of peerings.",
            "50個を超える場合は、ピアリングを作成する前にL-7E9ECCDBのクォータ引き上げを申請してください。125個を超える場合は、ピアリングのメッシュではなくTransit GatewayまたはCloud WANでVPCを接続してください。",
        ),
        sources: &["https://docs.aws.amazon.com/general/latest/gr/vpc-service.html"],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (node, vpc) in (0u32..).zip(unique_vpcs(index)) {
        let count = index.node_peerings(node).len();
        if count <= DEFAULT_QUOTA {
            continue;
        }
        let (severity, en, ja) = if count > MAXIMUM {
            (
                Severity::Error,
                format!(
                    "{} has {count} peerings, which exceeds the maximum of {MAXIMUM} per VPC; use Transit Gateway or Cloud WAN.",
                    vpc.name
                ),
                format!(
                    "{}のピアリングは{count}個で、VPCあたりの上限{MAXIMUM}個を超えています。Transit GatewayまたはCloud WANを使用してください。",
                    vpc.name
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "{} has {count} peerings, which exceeds the default quota of {DEFAULT_QUOTA} active peerings per VPC (L-7E9ECCDB); request an increase.",
                    vpc.name
                ),
                format!(
                    "{}のピアリングは{count}個で、VPCあたりのアクティブなピアリングのデフォルトクォータ{DEFAULT_QUOTA}個(L-7E9ECCDB)を超えています。引き上げを申請してください。",
                    vpc.name
                ),
            )
        };
        let mut subjects = vec![Subject::Vpc(vpc.id.clone())];
        subjects.extend(
            index
                .peerings_of(&vpc.id)
                .map(|(link, _)| Subject::Link(link.id.clone())),
        );
        out.push(rule.diagnostic(severity, subjects, Localized::new(en, ja)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn hub_with(spokes: usize) -> crate::Design {
        let mut vpcs = vec![vpc("hub", "10.255.0.0/16")];
        let mut links = Vec::new();
        for n in 0..spokes {
            let id = format!("spoke{n}");
            vpcs.push(vpc(&id, &format!("10.{}.{}.0/24", n / 256, n % 256)));
            links.push(peering(&format!("pcx{n}"), "hub", &id));
        }
        design(vpcs, vec![], links)
    }

    #[test]
    fn warns_past_the_default_quota_and_errors_past_the_maximum() {
        let found = run(&RULE, &hub_with(51));
        assert_eq!(ids(&found), ["PEER-011"]);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.en.contains("hub has 51 peerings"),
            "{}",
            found[0].message.en
        );
        assert!(found[0].message.ja.contains("L-7E9ECCDB"));
        assert_eq!(found[0].subjects.len(), 52);

        let found = run(&RULE, &hub_with(126));
        assert_eq!(ids(&found), ["PEER-011"]);
        assert_eq!(found[0].severity, Severity::Error);
        assert!(found[0].message.en.contains("maximum of 125"));
    }

    #[test]
    fn fifty_peerings_are_clean() {
        assert!(run(&RULE, &hub_with(50)).is_empty());
    }
}
