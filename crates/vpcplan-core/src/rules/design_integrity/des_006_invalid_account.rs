//! DES-006: account ids that are not 12 digits, and VPCs in accounts the
//! design does not list.

use crate::collections::HashSet;

use crate::Text;
use crate::design::AccountId;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-006",
        name: "invalid-account",
        severities: &[Severity::Error],
        title: Text::new(
            "An account id is malformed or not in the design's accounts",
            "アカウントIDの形式が不正、または設計のアカウントにありません",
        ),
        why: Text::new(
            "An AWS account id is a 12-digit number, such as 123456789012; it is part of every ARN, peering request (PeerOwnerId) and allowed principal. The design lists its accounts, and each VPC must belong to one of them, so that cross-account steps (accepting a peering, allowing a principal) are planned for the right owner.",
            "AWSのアカウントIDは123456789012のような12桁の数字で、ARN、ピアリングのリクエスト(PeerOwnerId)、許可するプリンシパルの一部になります。設計はアカウントの一覧を持ち、各VPCはそのいずれかに属している必要があります。これにより、アカウントをまたぐ手順(ピアリングの承諾、プリンシパルの許可)を正しい所有者で計画できます。",
        ),
        fix: Text::new(
            "Use the 12-digit account id (keep leading zeros), and add the account to the design's accounts or move the VPC to a listed account.",
            "12桁のアカウントID(先頭のゼロも含めて)を使い、そのアカウントを設計のアカウントに追加するか、VPCを一覧にあるアカウントに移してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html",
        ],
    },
    check,
};

fn is_account_id(id: &AccountId) -> bool {
    let id = id.as_str();
    id.len() == 12 && id.bytes().all(|byte| byte.is_ascii_digit())
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let design = index.design;
    let listed: HashSet<&AccountId> = design.accounts.iter().map(|account| &account.id).collect();
    let mut seen: HashSet<&AccountId> = HashSet::default();
    let ids = design
        .accounts
        .iter()
        .map(|account| &account.id)
        .chain(design.vpcs.iter().map(|vpc| &vpc.account));
    for id in ids {
        if is_account_id(id) || !seen.insert(id) {
            continue;
        }
        out.push(rule.diagnostic(
            Severity::Error,
            vec![Subject::Account(id.clone())],
            Localized::new(
                format!("Account id `{id}` is not a 12-digit AWS account id."),
                format!("アカウントID`{id}`は12桁のAWSアカウントIDではありません。"),
            ),
        ));
    }
    for vpc in &design.vpcs {
        if listed.contains(&vpc.account) {
            continue;
        }
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Vpc(vpc.id.clone()),
                Subject::Account(vpc.account.clone()),
            ],
            Localized::new(
                format!(
                    "VPC {} belongs to account {}, which is not among the design's accounts.",
                    vpc.label(),
                    vpc.account
                ),
                format!(
                    "VPC {}の所属するアカウント{}は、設計のアカウント一覧にありません。",
                    vpc.label(),
                    vpc.account
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Account;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_malformed_account_ids_once_each() {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16").in_account("12345"),
                vpc("data", "10.1.0.0/16").in_account("12345"),
            ],
            vec![],
            vec![],
        );
        design.accounts.push(Account {
            id: "1234567890ab".into(),
            name: "letters".to_owned(),
        });
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-006 account:12345
              en: Account id `12345` is not a 12-digit AWS account id.
              ja: アカウントID`12345`は12桁のAWSアカウントIDではありません。
            error DES-006 account:1234567890ab
              en: Account id `1234567890ab` is not a 12-digit AWS account id.
              ja: アカウントID`1234567890ab`は12桁のAWSアカウントIDではありません。
        "#]],
        );
    }

    #[test]
    fn flags_a_vpc_in_an_unlisted_account() {
        let mut design = design(vec![vpc("app", "10.0.0.0/16")], vec![], vec![]);
        design
            .vpcs
            .push(vpc("data", "10.1.0.0/16").in_account(ACCOUNT_B));
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-006 vpc:data account:222222222222
              en: VPC data belongs to account 222222222222, which is not among the design's accounts.
              ja: VPC dataの所属するアカウント222222222222は、設計のアカウント一覧にありません。
        "#]],
        );
    }

    #[test]
    fn listed_twelve_digit_accounts_are_clean() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16").in_account("012345678901"),
            ],
            vec![],
            vec![],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
