//! DES-002: two things of the same kind with one id.

use crate::Text;
use crate::collections::{sort, sort_by_key};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-002",
        name: "duplicate-id",
        severities: &[Severity::Error],
        title: Text::new(
            "Two things of the same kind share an id",
            "同じ種類の2つの要素が同じIDを持っています",
        ),
        why: Text::new(
            "Links, routes, intents and endpoint settings refer to other parts of the design by id, and AWS ids (`vpc-…`, `subnet-…`, `rtb-…`, `sg-…`, account ids) are unique. When two VPCs, subnets, route tables, security groups, services, links, intents or accounts share an id, references to it are ambiguous and only one of them is checked and exported correctly.",
            "リンク、ルート、通信要件、エンドポイントの設定は設計のほかの要素をIDで参照し、AWSのID(`vpc-…`、`subnet-…`、`rtb-…`、`sg-…`、アカウントID)は一意です。2つのVPC、サブネット、ルートテーブル、セキュリティグループ、サービス、リンク、通信要件、アカウントが同じIDを持つと、そのIDへの参照があいまいになり、正しく検査・エクスポートされるのは一方だけです。",
        ),
        fix: Text::new(
            "Give each of them its own id (the editor's ids are free to change; imported AWS ids should never repeat, so a repeat means the same resource was imported twice).",
            "それぞれに別のIDを付けてください(エディターのIDは自由に変更できます。インポートしたAWSのIDが重複している場合は、同じリソースを2回インポートしています)。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html",
            "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html",
        ],
    },
    check,
};

/// The ids that occur more than once, with their counts, in order of first
/// occurrence. Sorting keeps it O(n log n) with cheap comparisons.
fn repeated<'a, I: Ord + 'a>(ids: impl IntoIterator<Item = &'a I>) -> Vec<(&'a I, usize)> {
    let mut sorted: Vec<(&I, usize)> = ids
        .into_iter()
        .enumerate()
        .map(|(position, id)| (id, position))
        .collect();
    if sorted.len() < 2 {
        return Vec::new();
    }
    sort(&mut sorted);
    let mut found: Vec<(usize, &I, usize)> = sorted
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .filter_map(|run| run.first().map(|&(id, first)| (first, id, run.len())))
        .collect();
    sort_by_key(&mut found, |&(first, _, _)| first);
    found
        .into_iter()
        .map(|(_, id, count)| (id, count))
        .collect()
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let design = index.design;
    let mut report = |kind_en: &str, kind_ja: &str, id: &str, count: usize, subject: Subject| {
        out.push(rule.diagnostic(
            Severity::Error,
            vec![subject],
            Localized::new(
                format!("{count} {kind_en} share the id `{id}`; ids must be unique within a design."),
                format!("{count}個の{kind_ja}が同じID`{id}`を持っています。IDは設計内で一意にしてください。"),
            ),
        ));
    };
    for (id, count) in repeated(design.accounts.iter().map(|account| &account.id)) {
        report(
            "accounts",
            "アカウント",
            id.as_str(),
            count,
            Subject::Account(id.clone()),
        );
    }
    // The index maps hold each id once: a map smaller than the list means a repeat.
    if index.vpcs.len() < design.vpcs.len() {
        for (id, count) in repeated(design.vpcs.iter().map(|vpc| &vpc.id)) {
            report("VPCs", "VPC", id.as_str(), count, Subject::Vpc(id.clone()));
        }
    }
    let vpc_parts =
        |count: fn(&crate::design::Vpc) -> usize| design.vpcs.iter().map(count).sum::<usize>();
    if index.subnets.len() < vpc_parts(|vpc| vpc.subnets.len()) {
        let subnets = design
            .vpcs
            .iter()
            .flat_map(|vpc| &vpc.subnets)
            .map(|subnet| &subnet.id);
        for (id, count) in repeated(subnets) {
            report(
                "subnets",
                "サブネット",
                id.as_str(),
                count,
                Subject::Subnet(id.clone()),
            );
        }
    }
    if index.route_tables.len() < vpc_parts(|vpc| vpc.route_tables.len()) {
        let tables = design
            .vpcs
            .iter()
            .flat_map(|vpc| &vpc.route_tables)
            .map(|table| &table.id);
        for (id, count) in repeated(tables) {
            report(
                "route tables",
                "ルートテーブル",
                id.as_str(),
                count,
                Subject::RouteTable(id.clone()),
            );
        }
    }
    if index.security_groups.len() < vpc_parts(|vpc| vpc.security_groups.len()) {
        let groups = design
            .vpcs
            .iter()
            .flat_map(|vpc| &vpc.security_groups)
            .map(|group| &group.id);
        for (id, count) in repeated(groups) {
            report(
                "security groups",
                "セキュリティグループ",
                id.as_str(),
                count,
                Subject::SecurityGroup(id.clone()),
            );
        }
    }
    if index.services.len() < design.services.len() {
        for (id, count) in repeated(design.services.iter().map(|service| &service.id)) {
            report(
                "services",
                "サービス",
                id.as_str(),
                count,
                Subject::Service(id.clone()),
            );
        }
    }
    if index.links.len() < design.links.len() {
        for (id, count) in repeated(design.links.iter().map(|link| &link.id)) {
            report(
                "links",
                "リンク",
                id.as_str(),
                count,
                Subject::Link(id.clone()),
            );
        }
    }
    for (id, count) in repeated(design.intents.iter().map(|intent| &intent.id)) {
        report(
            "intents",
            "通信要件",
            id.as_str(),
            count,
            Subject::Intent(id.clone()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{Account, SecurityGroup};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_each_kind_of_repeated_id_once_with_its_count() {
        let mut app = vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a');
        let mut copy = vpc("app", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a');
        for vpc in [&mut app, &mut copy] {
            vpc.security_groups.push(SecurityGroup {
                id: "sg-1".into(),
                name: "shared".to_owned(),
                ingress: Vec::new(),
            });
        }
        let mut design = design(
            vec![app, copy, vpc("app", "10.2.0.0/16")],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("s3", "s3", "ap-northeast-1"),
            ],
            vec![
                peering("pcx", "app", "app"),
                gateway_endpoint("pcx", "app", "s3"),
            ],
        );
        design.accounts.push(Account {
            id: ACCOUNT_A.into(),
            name: "again".to_owned(),
        });
        let intent = service_intent("i1", "app", "s3");
        design.intents = vec![intent.clone(), intent];

        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-002 account:111111111111
              en: 2 accounts share the id `111111111111`; ids must be unique within a design.
              ja: 2個のアカウントが同じID`111111111111`を持っています。IDは設計内で一意にしてください。
            error DES-002 vpc:app
              en: 3 VPCs share the id `app`; ids must be unique within a design.
              ja: 3個のVPCが同じID`app`を持っています。IDは設計内で一意にしてください。
            error DES-002 subnet:app-a
              en: 2 subnets share the id `app-a`; ids must be unique within a design.
              ja: 2個のサブネットが同じID`app-a`を持っています。IDは設計内で一意にしてください。
            error DES-002 route-table:app-rtb
              en: 3 route tables share the id `app-rtb`; ids must be unique within a design.
              ja: 3個のルートテーブルが同じID`app-rtb`を持っています。IDは設計内で一意にしてください。
            error DES-002 sg:sg-1
              en: 2 security groups share the id `sg-1`; ids must be unique within a design.
              ja: 2個のセキュリティグループが同じID`sg-1`を持っています。IDは設計内で一意にしてください。
            error DES-002 service:s3
              en: 2 services share the id `s3`; ids must be unique within a design.
              ja: 2個のサービスが同じID`s3`を持っています。IDは設計内で一意にしてください。
            error DES-002 link:pcx
              en: 2 links share the id `pcx`; ids must be unique within a design.
              ja: 2個のリンクが同じID`pcx`を持っています。IDは設計内で一意にしてください。
            error DES-002 intent:i1
              en: 2 intents share the id `i1`; ids must be unique within a design.
              ja: 2個の通信要件が同じID`i1`を持っています。IDは設計内で一意にしてください。
        "#]],
        );
    }

    #[test]
    fn unique_ids_are_clean_even_across_kinds() {
        // A VPC, a link and a service may share an id: they are different kinds.
        let design = design(
            vec![vpc("x", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![aws_service("x", "s3", "ap-northeast-1")],
            vec![peering("x", "x", "data")],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
