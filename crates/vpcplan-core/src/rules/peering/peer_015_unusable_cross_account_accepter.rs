//! PEER-015: a cross-account peering whose accepter account cannot be named.

use crate::collections::HashSet;

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::{Accepted, accepted_peerings};

use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-015",
        name: "unusable-cross-account-accepter",
        severities: &[Severity::Error],
        title: Text::new(
            "A cross-account peering has no usable accepter account",
            "クロスアカウントのピアリングに有効な承認側アカウントがありません",
        ),
        why: Text::new(
            "A peering to another account must be requested with the accepter's account id (`PeerOwnerId`), and stays `pending-acceptance` until that account accepts it: in CloudFormation through a role in the accepter account (`PeerRoleArn`, allowed `ec2:AcceptVpcPeeringConnection`), on the command line by running `accept-vpc-peering-connection` with the accepter's credentials. Unaccepted requests expire after 7 days, which cannot be changed. vpcplan's exports always emit `PeerOwnerId` and `PeerRoleArn` for cross-account peerings and run the accept step in the accepter's account and Region, so the accepter account must be a 12-digit account id that is one of the design's accounts.",
            "別アカウントへのピアリングは承認側のアカウントID(`PeerOwnerId`)を指定してリクエストする必要があり、そのアカウントが承認するまで`pending-acceptance`のままです。承認は、CloudFormationでは承認側アカウントのロール(`PeerRoleArn`、`ec2:AcceptVpcPeeringConnection`を許可)を通じて、コマンドラインでは承認側の認証情報で`accept-vpc-peering-connection`を実行して行います。承認されないリクエストは7日後に期限切れになり、この期間は変更できません。vpcplanのエクスポートは、クロスアカウントのピアリングに必ず`PeerOwnerId`と`PeerRoleArn`を出力し、承認の手順を承認側のアカウントとリージョンで実行するため、承認側のアカウントは12桁のアカウントIDで、かつデザインのアカウントの1つである必要があります。",
        ),
        fix: Text::new(
            "Put the accepter VPC in an account of the design with its real 12-digit id (add the account if it is missing), so the exports can name it as PeerOwnerId and create the accepter role there.",
            "承認側のVPCを、実際の12桁のIDを持つデザイン内のアカウントに置いてください(アカウントがなければ追加してください)。これでエクスポートがPeerOwnerIdに指定し、そのアカウントに承認用のロールを作成できます。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/peer-with-vpc-in-another-account.html",
            "https://aws.amazon.com/premiumsupport/knowledge-center/cloudformation-vpc-peering-error/",
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
        ],
    },
    check,
};

#[derive(Clone, Copy)]
enum Problem {
    Malformed,
    Unlisted,
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut accounts: Option<HashSet<_>> = None;
    // The problem with each account, found once per account number.
    let mut problems: Vec<Option<Option<Problem>>> = vec![None; index.accounts.len()];
    for Accepted {
        link,
        requester,
        accepter,
        requester_node,
        accepter_node,
    } in accepted_peerings(index)
    {
        // Account numbers compare the accounts without reading the VPCs.
        let (Some(from), Some(to)) = (
            index.node_facts(requester_node),
            index.node_facts(accepter_node),
        ) else {
            continue;
        };
        if from.account == to.account {
            continue;
        }
        let mut problem_of = || {
            let account = &accepter.account;
            let well_formed = account.as_str().len() == 12
                && account.as_str().bytes().all(|b| b.is_ascii_digit());
            if !well_formed {
                return Some(Problem::Malformed);
            }
            let known: &HashSet<_> = accounts.get_or_insert_with(|| {
                index
                    .design
                    .accounts
                    .iter()
                    .map(|account| &account.id)
                    .collect()
            });
            (!known.contains(account)).then_some(Problem::Unlisted)
        };
        let problem = match problems.get_mut(to.account as usize) {
            Some(cached) => *cached.get_or_insert_with(problem_of),
            None => problem_of(),
        };
        let account = &accepter.account;
        let (en, ja) = if let Some(Problem::Malformed) = problem {
            (
                format!("{account} is not a 12-digit AWS account id"),
                format!("{account}は12桁のAWSアカウントIDではありません"),
            )
        } else if let Some(Problem::Unlisted) = problem {
            (
                format!("account {account} is not one of the design's accounts"),
                format!("アカウント{account}はデザインのアカウントに含まれていません"),
            )
        } else {
            continue;
        };
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(accepter.id.clone()),
                Subject::Account(account.clone()),
                Subject::Vpc(requester.id.clone()),
            ],
            Localized::new(
                format!(
                    "Cross-account peering {link} from {requester} to {accepter} has no accepter path: {en}, so PeerOwnerId and PeerRoleArn cannot be produced. Cross-account peering needs `PeerOwnerId` and either a role in the accepter account (`PeerRoleArn`, allowing `ec2:AcceptVpcPeeringConnection`) or the accepter running `accept-vpc-peering-connection`. Unaccepted requests expire after 7 days (not adjustable).",
                    link = link.id,
                    requester = requester.label(),
                    accepter = accepter.label(),
                ),
                format!(
                    "{requester}から{accepter}へのクロスアカウントのピアリング{link}を承認する手段がありません: {ja}。そのためPeerOwnerIdとPeerRoleArnを出力できません。クロスアカウントのピアリングには`PeerOwnerId`と、承認側アカウントのロール(`PeerRoleArn`、`ec2:AcceptVpcPeeringConnection`を許可)か、承認側による`accept-vpc-peering-connection`の実行が必要です。承認されないリクエストは7日後に期限切れになります(変更不可)。",
                    link = link.id,
                    requester = requester.label(),
                    accepter = accepter.label(),
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

    fn cross(accepter_account: &str) -> crate::Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16").in_account(accepter_account),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        )
    }

    #[test]
    fn flags_a_malformed_accepter_account_id() {
        check(
            &RULE,
            &cross("prod"),
            expect![[r#"
            error PEER-015 link:pcx vpc:data account:prod vpc:app
              en: Cross-account peering pcx from app to data has no accepter path: prod is not a 12-digit AWS account id, so PeerOwnerId and PeerRoleArn cannot be produced. Cross-account peering needs `PeerOwnerId` and either a role in the accepter account (`PeerRoleArn`, allowing `ec2:AcceptVpcPeeringConnection`) or the accepter running `accept-vpc-peering-connection`. Unaccepted requests expire after 7 days (not adjustable).
              ja: appからdataへのクロスアカウントのピアリングpcxを承認する手段がありません: prodは12桁のAWSアカウントIDではありません。そのためPeerOwnerIdとPeerRoleArnを出力できません。クロスアカウントのピアリングには`PeerOwnerId`と、承認側アカウントのロール(`PeerRoleArn`、`ec2:AcceptVpcPeeringConnection`を許可)か、承認側による`accept-vpc-peering-connection`の実行が必要です。承認されないリクエストは7日後に期限切れになります(変更不可)。
        "#]],
        );
    }

    #[test]
    fn flags_an_accepter_account_missing_from_the_design() {
        let mut design = cross(ACCOUNT_B);
        design
            .accounts
            .retain(|account| account.id.as_str() != ACCOUNT_B);
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-015 link:pcx vpc:data account:222222222222 vpc:app
              en: Cross-account peering pcx from app to data has no accepter path: account 222222222222 is not one of the design's accounts, so PeerOwnerId and PeerRoleArn cannot be produced. Cross-account peering needs `PeerOwnerId` and either a role in the accepter account (`PeerRoleArn`, allowing `ec2:AcceptVpcPeeringConnection`) or the accepter running `accept-vpc-peering-connection`. Unaccepted requests expire after 7 days (not adjustable).
              ja: appからdataへのクロスアカウントのピアリングpcxを承認する手段がありません: アカウント222222222222はデザインのアカウントに含まれていません。そのためPeerOwnerIdとPeerRoleArnを出力できません。クロスアカウントのピアリングには`PeerOwnerId`と、承認側アカウントのロール(`PeerRoleArn`、`ec2:AcceptVpcPeeringConnection`を許可)か、承認側による`accept-vpc-peering-connection`の実行が必要です。承認されないリクエストは7日後に期限切れになります(変更不可)。
        "#]],
        );
    }

    #[test]
    fn known_accepter_accounts_and_same_account_peerings_are_clean() {
        check(&RULE, &cross(ACCOUNT_B), expect![[""]]);
        let mut same = cross(ACCOUNT_A);
        same.accounts.clear();
        check(&RULE, &same, expect![[""]]);
    }
}
