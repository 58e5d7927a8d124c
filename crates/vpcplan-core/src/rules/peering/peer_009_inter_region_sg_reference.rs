//! PEER-009: a security group rule that references a group across an
//! inter-Region peering.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity};
use crate::index::DesignIndex;
use crate::rules::peering::{cidr_list, peer_group_references};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-009",
        name: "inter-region-sg-reference",
        severities: &[Severity::Error],
        title: Text::new(
            "A security group references a group in a peered VPC in another Region",
            "別リージョンのピアリング先VPCのセキュリティグループを参照しています",
        ),
        why: Text::new(
            "A security group rule can name a group of a peered VPC only when the peering is active and both VPCs are in the same Region. Across an inter-Region peering, AWS rejects a rule that references the peer's security group.",
            "セキュリティグループのルールでピアリング先VPCのグループを指定できるのは、ピアリングがアクティブで、両方のVPCが同じリージョンにある場合だけです。リージョン間ピアリングでは、ピア先のセキュリティグループを参照するルールはAWSに拒否されます。",
        ),
        fix: Text::new(
            "Allow the peer VPC's CIDR (or the CIDRs of the peer subnets that connect) in the rule instead of its security group.",
            "ルールではピア先のセキュリティグループの代わりに、ピア先VPCのCIDR(または接続元となるピア先サブネットのCIDR)を許可してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html",
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for reference in peer_group_references(index) {
        let (vpc, peer) = (reference.vpc, reference.peer);
        if vpc.region == peer.region {
            continue;
        }
        let referenced = reference.referenced_name(index);
        let cidrs = cidr_list(peer);
        out.push(rule.diagnostic(
            Severity::Error,
            reference.subjects(None),
            Localized::new(
                format!(
                    "Security group {group} in {vpc} ({region}) references {referenced} in {peer} ({peer_region}). Security groups cannot be referenced across an inter-Region peering. Use the peer CIDR ({cidrs}).",
                    group = reference.group.name,
                    vpc = vpc.label(),
                    region = vpc.region,
                    peer = peer.label(),
                    peer_region = peer.region,
                ),
                format!(
                    "{vpc}({region})のセキュリティグループ{group}が{peer}({peer_region})の{referenced}を参照しています。リージョン間ピアリングではセキュリティグループを参照できません。ピア先のCIDR({cidrs})を使用してください。",
                    group = reference.group.name,
                    vpc = vpc.label(),
                    region = vpc.region,
                    peer = peer.label(),
                    peer_region = peer.region,
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

    fn referencing(data_region: &str, links: Vec<crate::design::Link>) -> crate::Design {
        design(
            vec![
                with_group(vpc("app", "10.0.0.0/16"), "sg-app"),
                with_group_from(
                    vpc("data", "10.1.0.0/16").in_region(data_region),
                    "sg-db",
                    "app",
                    "sg-app",
                ),
            ],
            vec![],
            links,
        )
    }

    #[test]
    fn flags_a_reference_across_an_inter_region_peering() {
        let design = referencing("us-east-1", vec![peering("pcx", "app", "data")]);
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-009 sg:sg-db sg:sg-app vpc:data vpc:app link:pcx
              en: Security group sg-db in data (us-east-1) references sg-app in app (ap-northeast-1). Security groups cannot be referenced across an inter-Region peering. Use the peer CIDR (10.0.0.0/16).
              ja: data(us-east-1)のセキュリティグループsg-dbがapp(ap-northeast-1)のsg-appを参照しています。リージョン間ピアリングではセキュリティグループを参照できません。ピア先のCIDR(10.0.0.0/16)を使用してください。
        "#]],
        );
    }

    #[test]
    fn same_region_or_unpeered_references_are_clean() {
        assert!(
            run(
                &RULE,
                &referencing("ap-northeast-1", vec![peering("pcx", "app", "data")])
            )
            .is_empty()
        );
        check(&RULE, &referencing("us-east-1", vec![]), expect![[""]]);
    }
}
