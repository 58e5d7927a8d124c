//! DES-008: a VPC without exactly one main route table, or a subnet
//! associated with two route tables.

use crate::collections::{Chains, HashMap};

use crate::Text;
use crate::design::{RouteTable, SubnetId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::shown;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-008",
        name: "inconsistent-route-table-associations",
        severities: &[Severity::Error],
        title: Text::new(
            "A VPC's main route table or subnet associations are inconsistent",
            "VPCのメインルートテーブルまたはサブネットの関連付けが矛盾しています",
        ),
        why: Text::new(
            "Every VPC has exactly one main route table, which serves each subnet not explicitly associated with another table. A subnet can be associated with only one route table at a time. Without a single main table, or with a subnet in two tables, which routes a subnet uses is undefined.",
            "すべてのVPCにはメインルートテーブルがちょうど1つあり、ほかのテーブルに明示的に関連付けられていないサブネットはそれを使います。サブネットを同時に関連付けられるルートテーブルは1つだけです。メインテーブルが1つでない場合や、サブネットが2つのテーブルにある場合は、サブネットが使うルートが決まりません。",
        ),
        fix: Text::new(
            "Mark exactly one route table of the VPC as main, and associate each subnet with at most one route table.",
            "VPCのルートテーブルのうちちょうど1つをメインにし、各サブネットを関連付けるルートテーブルは1つまでにしてください。",
        ),
        sources: &["https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html"],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // Reused for every VPC.
    let mut positions: HashMap<&SubnetId, usize> = HashMap::default();
    let mut associations: Vec<(&SubnetId, usize)> = Vec::new();
    let mut tables_of: Chains<&RouteTable> = Chains::with_capacity(0);
    for vpc in &index.design.vpcs {
        if vpc.route_tables.iter().filter(|table| table.main).count() != 1 {
            let mains: Vec<&RouteTable> =
                vpc.route_tables.iter().filter(|table| table.main).collect();
            let mut subjects = vec![Subject::Vpc(vpc.id.clone())];
            subjects.extend(
                mains
                    .iter()
                    .map(|table| Subject::RouteTable(table.id.clone())),
            );
            let names: Vec<&str> = mains.iter().map(|table| table.label()).collect();
            let message = if mains.is_empty() {
                Localized::new(
                    format!(
                        "VPC {} has no main route table; every VPC has exactly one.",
                        vpc.label()
                    ),
                    format!(
                        "VPC {}にメインルートテーブルがありません。VPCにはメインルートテーブルがちょうど1つ必要です。",
                        vpc.label()
                    ),
                )
            } else {
                Localized::new(
                    format!(
                        "VPC {} has {} main route tables ({}); every VPC has exactly one.",
                        vpc.label(),
                        mains.len(),
                        names.join(", ")
                    ),
                    format!(
                        "VPC {}にメインルートテーブルが{}個あります({})。VPCのメインルートテーブルはちょうど1つです。",
                        vpc.label(),
                        mains.len(),
                        names.join("、")
                    ),
                )
            };
            out.push(rule.diagnostic(Severity::Error, subjects, message));
        }

        positions.clear();
        associations.clear();
        tables_of.clear();
        for table in &vpc.route_tables {
            for subnet in &table.subnets {
                let position = *positions.entry(subnet).or_insert_with(|| {
                    associations.push((subnet, tables_of.new_list()));
                    associations.len() - 1
                });
                if let Some(&(_, list)) = associations.get(position)
                    && tables_of.last(list).is_none_or(|last| last.id != table.id)
                {
                    tables_of.push(list, table);
                }
            }
        }
        for &(subnet, list) in &associations {
            let count = tables_of.len(list);
            if count < 2 {
                continue;
            }
            let subnet_name = vpc
                .subnets
                .iter()
                .find(|found| &found.id == subnet)
                .map_or(subnet.as_str(), |found| {
                    shown(found.label(), subnet.as_str())
                });
            let names: Vec<&str> = tables_of.iter(list).map(|table| table.label()).collect();
            let mut subjects = vec![
                Subject::Subnet(subnet.clone()),
                Subject::Vpc(vpc.id.clone()),
            ];
            subjects.extend(
                tables_of
                    .iter(list)
                    .map(|table| Subject::RouteTable(table.id.clone())),
            );
            out.push(rule.diagnostic(
                Severity::Error,
                subjects,
                Localized::new(
                    format!(
                        "Subnet {subnet_name} of VPC {} is associated with {} route tables ({}); a subnet can be associated with only one.",
                        vpc.label(),
                        count,
                        names.join(", ")
                    ),
                    format!(
                        "VPC {}のサブネット{subnet_name}が{}個のルートテーブル({})に関連付けられています。サブネットを関連付けられるのは1つだけです。",
                        vpc.label(),
                        count,
                        names.join("、")
                    ),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_no_main_table_and_two_main_tables() {
        let mut none = vpc("none", "10.0.0.0/16");
        none.route_tables.clear();
        let mut two = vpc("two", "10.1.0.0/16");
        add_route_table(&mut two, "other", &[]);
        two.route_tables[1].main = true;
        check(
            &RULE,
            &design(vec![none, two], vec![], vec![]),
            expect![[r#"
                error DES-008 vpc:none
                  en: VPC none has no main route table; every VPC has exactly one.
                  ja: VPC noneにメインルートテーブルがありません。VPCにはメインルートテーブルがちょうど1つ必要です。
                error DES-008 vpc:two route-table:two-rtb route-table:two-other
                  en: VPC two has 2 main route tables (two main, other); every VPC has exactly one.
                  ja: VPC twoにメインルートテーブルが2個あります(two main、other)。VPCのメインルートテーブルはちょうど1つです。
            "#]],
        );
    }

    #[test]
    fn flags_a_subnet_in_two_tables() {
        let mut app = vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a');
        add_route_table(&mut app, "private", &["app-a"]);
        add_route_table(&mut app, "isolated", &["app-a"]);
        check(
            &RULE,
            &design(vec![app], vec![], vec![]),
            expect![[r#"
            error DES-008 subnet:app-a vpc:app route-table:app-private route-table:app-isolated
              en: Subnet a of VPC app is associated with 2 route tables (private, isolated); a subnet can be associated with only one.
              ja: VPC appのサブネットaが2個のルートテーブル(private、isolated)に関連付けられています。サブネットを関連付けられるのは1つだけです。
        "#]],
        );
    }

    #[test]
    fn one_main_table_and_single_associations_are_clean() {
        let mut app = vpc("app", "10.0.0.0/16")
            .with_subnet("a", "10.0.1.0/24", 'a')
            .with_subnet("b", "10.0.2.0/24", 'c');
        // Listing a subnet twice in one table is one association.
        add_route_table(&mut app, "private", &["app-a", "app-a"]);
        app.route_tables[0].subnets.push("app-b".into());
        check(
            &RULE,
            &design(vec![app, vpc("data", "10.1.0.0/16")], vec![], vec![]),
            expect![[""]],
        );
    }
}
