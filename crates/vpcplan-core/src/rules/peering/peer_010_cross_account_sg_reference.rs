//! PEER-010: a security group rule that references a peer group of another
//! account in the same Region.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::peer_group_references;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-010",
        name: "cross-account-sg-reference",
        severities: &[Severity::Info],
        title: Text::new(
            "A security group references a peer group of another account",
            "別アカウントのピアリング先セキュリティグループを参照しています",
        ),
        why: Text::new(
            "Within one Region, a rule can reference a security group of a peered VPC owned by another account, but the group must be named with its owner's account id (`123456789012/sg-…`; in CloudFormation `SourceSecurityGroupOwnerId` with `SourceSecurityGroupId`), and the reference is accepted only once the peering is `active`. If the peering is later deleted, the rule becomes stale.",
            "同じリージョン内であれば、別アカウントが所有するピアリング先VPCのセキュリティグループをルールで参照できますが、所有者のアカウントIDを付けて指定する必要があり(`123456789012/sg-…`、CloudFormationでは`SourceSecurityGroupOwnerId`と`SourceSecurityGroupId`)、参照が受け付けられるのはピアリングが`active`になってからです。後でピアリングを削除すると、そのルールは古い(stale)ルールになります。",
        ),
        fix: Text::new(
            "Create the rule after the peering is active, naming the group as `account-id/sg-id` (CloudFormation: `SourceSecurityGroupOwnerId` + `SourceSecurityGroupId`).",
            "ピアリングがアクティブになった後に、グループを`アカウントID/sg-id`の形式(CloudFormationでは`SourceSecurityGroupOwnerId`と`SourceSecurityGroupId`)で指定してルールを作成してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html",
            "https://github.com/aws-cloudformation/cfn-lint",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for reference in peer_group_references(index) {
        let (vpc, peer) = (reference.vpc, reference.peer);
        if vpc.region != peer.region || vpc.account == peer.account {
            continue;
        }
        let referenced = reference.referenced_name(index);
        let form = format!("{}/{}", peer.account, reference.referenced);
        out.push(rule.diagnostic(
            Severity::Info,
            reference.subjects(Some(Subject::Account(peer.account.clone()))),
            Localized::new(
                format!(
                    "Security group {group} in {vpc} references {referenced} of {peer} in account {account}. Use the `account-id/sg-id` form ({form}; CFN: `SourceSecurityGroupOwnerId` + `SourceSecurityGroupId`). Valid only once the peering is `active`.",
                    group = reference.group.name,
                    vpc = vpc.label(),
                    peer = peer.label(),
                    account = peer.account,
                ),
                format!(
                    "{vpc}のセキュリティグループ{group}が、アカウント{account}の{peer}にある{referenced}を参照しています。`アカウントID/sg-id`の形式({form}、CFNでは`SourceSecurityGroupOwnerId`と`SourceSecurityGroupId`)を使用してください。参照はピアリングが`active`になってから有効です。",
                    group = reference.group.name,
                    vpc = vpc.label(),
                    peer = peer.label(),
                    account = peer.account,
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

    fn referencing(data: crate::design::Vpc) -> crate::Design {
        design(
            vec![
                with_group(vpc("app", "10.0.0.0/16").in_account(ACCOUNT_B), "sg-app"),
                with_group_from(data, "sg-db", "app", "sg-app"),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        )
    }

    #[test]
    fn notes_the_account_qualified_form_for_a_cross_account_reference() {
        check(
            &RULE,
            &referencing(vpc("data", "10.1.0.0/16")),
            expect![[r#"
                info PEER-010 sg:sg-db sg:sg-app vpc:data vpc:app account:222222222222 link:pcx
                  en: Security group sg-db in data references sg-app of app in account 222222222222. Use the `account-id/sg-id` form (222222222222/sg-app; CFN: `SourceSecurityGroupOwnerId` + `SourceSecurityGroupId`). Valid only once the peering is `active`.
                  ja: dataのセキュリティグループsg-dbが、アカウント222222222222のappにあるsg-appを参照しています。`アカウントID/sg-id`の形式(222222222222/sg-app、CFNでは`SourceSecurityGroupOwnerId`と`SourceSecurityGroupId`)を使用してください。参照はピアリングが`active`になってから有効です。
            "#]],
        );
    }

    #[test]
    fn same_account_and_inter_region_references_are_left_alone() {
        let same_account = referencing(vpc("data", "10.1.0.0/16").in_account(ACCOUNT_B));
        check(&RULE, &same_account, expect![[""]]);
        // Inter-Region references are PEER-009's error.
        let other_region = referencing(vpc("data", "10.1.0.0/16").in_region("us-east-1"));
        check(&RULE, &other_region, expect![[""]]);
    }
}
