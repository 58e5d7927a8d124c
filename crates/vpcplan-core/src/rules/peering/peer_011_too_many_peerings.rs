//! PEER-011: more peerings on one VPC than the quota allows.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::unique_vpcs;
use crate::rules::{Rule, RuleDoc};

/// Active VPC peering connections per VPC: the default quota (L-7E9ECCDB).
pub(crate) const DEFAULT_QUOTA: usize = 50;
/// The most the quota can be raised to.
pub(crate) const MAXIMUM: usize = 125;

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
                    vpc.label()
                ),
                format!(
                    "{}のピアリングは{count}個で、VPCあたりの上限{MAXIMUM}個を超えています。Transit GatewayまたはCloud WANを使用してください。",
                    vpc.label()
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "{} has {count} peerings, which exceeds the default quota of {DEFAULT_QUOTA} active peerings per VPC (L-7E9ECCDB); request an increase.",
                    vpc.label()
                ),
                format!(
                    "{}のピアリングは{count}個で、VPCあたりのアクティブなピアリングのデフォルトクォータ{DEFAULT_QUOTA}個(L-7E9ECCDB)を超えています。引き上げを申請してください。",
                    vpc.label()
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
    use crate::rules::testing::{check, *};
    use expect_test::expect;

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
        check(
            &RULE,
            &hub_with(51),
            expect![[r#"
            warning PEER-011 vpc:hub link:pcx0 link:pcx1 link:pcx2 link:pcx3 link:pcx4 link:pcx5 link:pcx6 link:pcx7 link:pcx8 link:pcx9 link:pcx10 link:pcx11 link:pcx12 link:pcx13 link:pcx14 link:pcx15 link:pcx16 link:pcx17 link:pcx18 link:pcx19 link:pcx20 link:pcx21 link:pcx22 link:pcx23 link:pcx24 link:pcx25 link:pcx26 link:pcx27 link:pcx28 link:pcx29 link:pcx30 link:pcx31 link:pcx32 link:pcx33 link:pcx34 link:pcx35 link:pcx36 link:pcx37 link:pcx38 link:pcx39 link:pcx40 link:pcx41 link:pcx42 link:pcx43 link:pcx44 link:pcx45 link:pcx46 link:pcx47 link:pcx48 link:pcx49 link:pcx50
              en: hub has 51 peerings, which exceeds the default quota of 50 active peerings per VPC (L-7E9ECCDB); request an increase.
              ja: hubのピアリングは51個で、VPCあたりのアクティブなピアリングのデフォルトクォータ50個(L-7E9ECCDB)を超えています。引き上げを申請してください。
        "#]],
        );

        check(
            &RULE,
            &hub_with(126),
            expect![[r#"
            error PEER-011 vpc:hub link:pcx0 link:pcx1 link:pcx2 link:pcx3 link:pcx4 link:pcx5 link:pcx6 link:pcx7 link:pcx8 link:pcx9 link:pcx10 link:pcx11 link:pcx12 link:pcx13 link:pcx14 link:pcx15 link:pcx16 link:pcx17 link:pcx18 link:pcx19 link:pcx20 link:pcx21 link:pcx22 link:pcx23 link:pcx24 link:pcx25 link:pcx26 link:pcx27 link:pcx28 link:pcx29 link:pcx30 link:pcx31 link:pcx32 link:pcx33 link:pcx34 link:pcx35 link:pcx36 link:pcx37 link:pcx38 link:pcx39 link:pcx40 link:pcx41 link:pcx42 link:pcx43 link:pcx44 link:pcx45 link:pcx46 link:pcx47 link:pcx48 link:pcx49 link:pcx50 link:pcx51 link:pcx52 link:pcx53 link:pcx54 link:pcx55 link:pcx56 link:pcx57 link:pcx58 link:pcx59 link:pcx60 link:pcx61 link:pcx62 link:pcx63 link:pcx64 link:pcx65 link:pcx66 link:pcx67 link:pcx68 link:pcx69 link:pcx70 link:pcx71 link:pcx72 link:pcx73 link:pcx74 link:pcx75 link:pcx76 link:pcx77 link:pcx78 link:pcx79 link:pcx80 link:pcx81 link:pcx82 link:pcx83 link:pcx84 link:pcx85 link:pcx86 link:pcx87 link:pcx88 link:pcx89 link:pcx90 link:pcx91 link:pcx92 link:pcx93 link:pcx94 link:pcx95 link:pcx96 link:pcx97 link:pcx98 link:pcx99 link:pcx100 link:pcx101 link:pcx102 link:pcx103 link:pcx104 link:pcx105 link:pcx106 link:pcx107 link:pcx108 link:pcx109 link:pcx110 link:pcx111 link:pcx112 link:pcx113 link:pcx114 link:pcx115 link:pcx116 link:pcx117 link:pcx118 link:pcx119 link:pcx120 link:pcx121 link:pcx122 link:pcx123 link:pcx124 link:pcx125
              en: hub has 126 peerings, which exceeds the maximum of 125 per VPC; use Transit Gateway or Cloud WAN.
              ja: hubのピアリングは126個で、VPCあたりの上限125個を超えています。Transit GatewayまたはCloud WANを使用してください。
        "#]],
        );
    }

    #[test]
    fn fifty_peerings_are_clean() {
        check(&RULE, &hub_with(50), expect![[""]]);
    }
}
