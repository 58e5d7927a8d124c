//! PEER-012: more outstanding peering requests from one account than the quota allows.

use crate::collections::Chains;

use crate::Text;
use crate::design::{AccountId, Link, PeeringState};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// Outstanding VPC peering connection requests per account (L-DC9F7029).
const QUOTA: usize = 25;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-012",
        name: "too-many-outstanding-requests",
        severities: &[Severity::Warning],
        title: Text::new(
            "An account has more outstanding peering requests than the quota allows",
            "アカウントの未承認のピアリングリクエストがクォータを超えています",
        ),
        why: Text::new(
            "An account may have at most 25 outstanding (pending-acceptance) VPC peering requests by default (quota L-DC9F7029); further requests fail until some are accepted, rejected or expire (after 7 days). Requests to another account stay outstanding until its owner accepts them, so every planned cross-account peering counts, as do requests already pending.",
            "1つのアカウントで持てる未承認(pending-acceptance)のVPCピアリングリクエストは、デフォルトで最大25個(クォータL-DC9F7029)です。それを超えるリクエストは、既存のものが承認・拒否されるか期限切れ(7日後)になるまで失敗します。別アカウントへのリクエストは相手が承認するまで未承認のままなので、計画中のクロスアカウントのピアリングもすべて数に含め、すでに承認待ちのものも含めます。",
        ),
        fix: Text::new(
            "Request an increase for L-DC9F7029, or create the peerings in batches and have the accepter accept each batch before sending the next.",
            "L-DC9F7029の引き上げを申請するか、ピアリングを複数回に分けて作成し、承認側が各回のリクエストを承認してから次を送ってください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
            "https://docs.aws.amazon.com/general/latest/gr/vpc-service.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // Each account's list of outstanding requests, in the order the
    // accounts first have one, found by the requester's account number.
    let mut order: Vec<(&AccountId, usize)> = Vec::new();
    let mut lists: Vec<Option<usize>> = vec![None; index.accounts.len()];
    let mut outstanding: Chains<&Link> = Chains::with_capacity(0);
    for ((&(link, _), &(requester, accepter)), facts) in index
        .peerings
        .iter()
        .zip(&index.peering_nodes)
        .zip(&index.peering_facts)
    {
        if facts.state == PeeringState::Active {
            continue;
        }
        let Some(requester) = requester.and_then(|node| index.node_facts(node)) else {
            continue;
        };
        let counts = match facts.state {
            PeeringState::PendingAcceptance => true,
            PeeringState::Planned => accepter
                .and_then(|node| index.node_facts(node))
                .is_some_and(|accepter| accepter.account != requester.account),
            PeeringState::Active => false,
        };
        if counts {
            let (Some(slot), Some(&account)) = (
                lists.get_mut(requester.account as usize),
                index.accounts.get(requester.account as usize),
            ) else {
                continue;
            };
            let list = *slot.get_or_insert_with(|| {
                let list = outstanding.new_list();
                order.push((account, list));
                list
            });
            outstanding.push(list, link);
        }
    }
    for (account, list) in order {
        let count = outstanding.len(list);
        if count <= QUOTA {
            continue;
        }
        let name = index
            .design
            .accounts
            .iter()
            .find(|known| &known.id == account)
            .map_or(account.as_str(), |known| known.name.as_str());
        let mut subjects = vec![Subject::Account(account.clone())];
        subjects.extend(
            outstanding
                .iter(list)
                .map(|link| Subject::Link(link.id.clone())),
        );
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Account {name} ({account}) would have {count} outstanding VPC peering requests (pending or planned cross-account). This exceeds the default of {QUOTA} outstanding VPC peering requests (L-DC9F7029)."
                ),
                format!(
                    "アカウント{name}({account})の未承認のVPCピアリングリクエスト(承認待ち、または計画中のクロスアカウント)は{count}個になります。未承認のVPCピアリングリクエストのデフォルト上限{QUOTA}個(L-DC9F7029)を超えています。"
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

    /// A hub in account A requesting `count` peerings to spokes in `spoke_account`.
    fn requests(count: usize, spoke_account: &str, state: PeeringState) -> crate::Design {
        let mut vpcs = vec![vpc("hub", "10.255.0.0/16")];
        let mut links = Vec::new();
        for n in 0..count {
            let id = format!("spoke{n}");
            vpcs.push(vpc(&id, &format!("10.{n}.0.0/16")).in_account(spoke_account));
            links.push(peering(&format!("pcx{n}"), "hub", &id));
        }
        let mut design = design(vpcs, vec![], links);
        for n in 0..count {
            peering_mut(&mut design, n).state = state;
        }
        design
    }

    #[test]
    fn warns_about_planned_cross_account_and_pending_requests() {
        check(
            &RULE,
            &requests(26, ACCOUNT_B, PeeringState::Planned),
            expect![[r#"
                warning PEER-012 account:111111111111 link:pcx0 link:pcx1 link:pcx2 link:pcx3 link:pcx4 link:pcx5 link:pcx6 link:pcx7 link:pcx8 link:pcx9 link:pcx10 link:pcx11 link:pcx12 link:pcx13 link:pcx14 link:pcx15 link:pcx16 link:pcx17 link:pcx18 link:pcx19 link:pcx20 link:pcx21 link:pcx22 link:pcx23 link:pcx24 link:pcx25
                  en: Account account 111111111111 (111111111111) would have 26 outstanding VPC peering requests (pending or planned cross-account). This exceeds the default of 25 outstanding VPC peering requests (L-DC9F7029).
                  ja: アカウントaccount 111111111111(111111111111)の未承認のVPCピアリングリクエスト(承認待ち、または計画中のクロスアカウント)は26個になります。未承認のVPCピアリングリクエストのデフォルト上限25個(L-DC9F7029)を超えています。
            "#]],
        );

        let pending = requests(26, ACCOUNT_A, PeeringState::PendingAcceptance);
        check(
            &RULE,
            &pending,
            expect![[r#"
            warning PEER-012 account:111111111111 link:pcx0 link:pcx1 link:pcx2 link:pcx3 link:pcx4 link:pcx5 link:pcx6 link:pcx7 link:pcx8 link:pcx9 link:pcx10 link:pcx11 link:pcx12 link:pcx13 link:pcx14 link:pcx15 link:pcx16 link:pcx17 link:pcx18 link:pcx19 link:pcx20 link:pcx21 link:pcx22 link:pcx23 link:pcx24 link:pcx25
              en: Account account 111111111111 (111111111111) would have 26 outstanding VPC peering requests (pending or planned cross-account). This exceeds the default of 25 outstanding VPC peering requests (L-DC9F7029).
              ja: アカウントaccount 111111111111(111111111111)の未承認のVPCピアリングリクエスト(承認待ち、または計画中のクロスアカウント)は26個になります。未承認のVPCピアリングリクエストのデフォルト上限25個(L-DC9F7029)を超えています。
        "#]],
        );
    }

    #[test]
    fn same_account_plans_active_peerings_and_25_requests_are_clean() {
        check(
            &RULE,
            &requests(30, ACCOUNT_A, PeeringState::Planned),
            expect![[""]],
        );
        check(
            &RULE,
            &requests(30, ACCOUNT_B, PeeringState::Active),
            expect![[""]],
        );
        check(
            &RULE,
            &requests(25, ACCOUNT_B, PeeringState::Planned),
            expect![[""]],
        );
    }
}
