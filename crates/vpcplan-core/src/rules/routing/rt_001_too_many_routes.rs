//! RT-001: a route table with more routes than the quota allows.

use crate::Text;
use crate::design::RouteDestination;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// The default quota of routes per route table, per address family.
const DEFAULT_QUOTA: usize = 500;
/// The most routes a route table can hold after a quota increase.
const MAXIMUM: usize = 1_000;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "RT-001",
        name: "too-many-routes",
        severities: &[Severity::Error, Severity::Warning],
        title: Text::new(
            "A route table has more routes than the quota",
            "ルートテーブルのルート数がクォータを超えています",
        ),
        why: Text::new(
            "AWS counts the routes of a route table against a quota, separately for IPv4 (prefix-list routes included) and IPv6. The default is 500 routes per table (L-93826ACB, raised from 50 in June 2025) and it can be increased to at most 1,000. Every peering adds a route per peer CIDR to each route table of both VPCs, so routes add up quickly in a large mesh.",
            "AWSはルートテーブルのルート数をIPv4(プレフィックスリストのルートを含む)とIPv6で別々にクォータに数えます。デフォルトはテーブルあたり500ルート(L-93826ACB、2025年6月に50から引き上げ)で、引き上げても最大1,000です。ピアリングは両方のVPCのすべてのルートテーブルにピアのCIDRごとのルートを追加するため、大きなメッシュではすぐに増えます。",
        ),
        fix: Text::new(
            "Above 500, request a quota increase for routes per route table. Above 1,000, reduce the routes: fewer peerings per VPC (Transit Gateway or Cloud WAN instead of a mesh), fewer CIDRs per peer VPC, or route tables excluded from peerings they do not need.",
            "500を超える場合はルートテーブルあたりのルート数のクォータ引き上げを申請してください。1,000を超える場合はルートを減らしてください: VPCあたりのピアリングを減らす(メッシュの代わりにTransit GatewayやCloud WANを使う)、ピアVPCのCIDR数を減らす、不要なピアリングからルートテーブルを除外する、などです。",
        ),
        sources: &[
            "https://aws.amazon.com/about-aws/whats-new/2025/06/amazon-vpc-raises-default-route-table-capacity/",
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://github.com/gardener/gardener-extension-provider-aws/pull/1908",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (vpc, table, routes) in index.tables_with_routes() {
        let mut ipv4 = 0usize;
        let mut ipv6 = 0usize;
        for destination in routes.destinations() {
            match destination {
                RouteDestination::Ipv6(_) => ipv6 += 1,
                RouteDestination::Ipv4(_) | RouteDestination::PrefixList(_) => ipv4 += 1,
            }
        }
        for (family, count) in [("IPv4", ipv4), ("IPv6", ipv6)] {
            let table_name = table.label();
            let message = if count > MAXIMUM {
                Some((
                    Severity::Error,
                    Localized::new(
                        format!(
                            "Route table {table_name} of VPC {} has {count} {family} routes (explicit and derived from links), more than the maximum of {MAXIMUM} routes per route table, even with a quota increase.",
                            vpc.label()
                        ),
                        format!(
                            "VPC {}のルートテーブル{table_name}には{family}のルートが{count}件(明示的なルートとリンクから導かれるルートの合計)あり、クォータを引き上げても上限のルートテーブルあたり{MAXIMUM}件を超えます。",
                            vpc.label()
                        ),
                    ),
                ))
            } else if count > DEFAULT_QUOTA {
                Some((
                    Severity::Warning,
                    Localized::new(
                        format!(
                            "Route table {table_name} of VPC {} has {count} {family} routes (explicit and derived from links), more than the default quota of {DEFAULT_QUOTA} routes per route table (L-93826ACB); request an increase (at most {MAXIMUM}).",
                            vpc.label()
                        ),
                        format!(
                            "VPC {}のルートテーブル{table_name}には{family}のルートが{count}件(明示的なルートとリンクから導かれるルートの合計)あり、ルートテーブルあたり{DEFAULT_QUOTA}件のデフォルトクォータ(L-93826ACB)を超えます。引き上げを申請してください(最大{MAXIMUM}件)。",
                            vpc.label()
                        ),
                    ),
                ))
            } else {
                None
            };
            if let Some((severity, message)) = message {
                out.push(rule.diagnostic(
                    severity,
                    vec![
                        Subject::RouteTable(table.id.clone()),
                        Subject::Vpc(vpc.id.clone()),
                    ],
                    message,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;
    use std::net::{Ipv4Addr, Ipv6Addr};

    use ipnet::{Ipv4Net, Ipv6Net};

    use super::*;
    use crate::design::{Route, RouteTarget, Vpc};
    use crate::rules::testing::*;

    /// Adds `count` explicit IPv4 routes (distinct /32s in 192.168/16) to the main table.
    fn with_ipv4_routes(mut vpc: Vpc, count: u32) -> Vpc {
        if let Some(table) = vpc.route_tables.first_mut() {
            for n in 0..count {
                let address = Ipv4Addr::from(0xC0A8_0000 + n);
                table.routes.push(Route {
                    destination: RouteDestination::Ipv4(Ipv4Net::new(address, 32).unwrap()),
                    target: RouteTarget::Other("tgw-1".to_owned()),
                });
            }
        }
        vpc
    }

    fn with_ipv6_routes(mut vpc: Vpc, count: u16) -> Vpc {
        if let Some(table) = vpc.route_tables.first_mut() {
            for n in 0..count {
                let address = Ipv6Addr::new(0xfd00, n, 0, 0, 0, 0, 0, 0);
                table.routes.push(Route {
                    destination: RouteDestination::Ipv6(Ipv6Net::new(address, 32).unwrap()),
                    target: RouteTarget::Other("tgw-1".to_owned()),
                });
            }
        }
        vpc
    }

    #[test]
    fn over_500_is_a_warning_and_over_1000_an_error() {
        let warning = design(
            vec![with_ipv4_routes(vpc("app", "10.0.0.0/16"), 501)],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &warning,
            expect![[r#"
            warning RT-001 route-table:app-rtb vpc:app
              en: Route table app main of VPC app has 501 IPv4 routes (explicit and derived from links), more than the default quota of 500 routes per route table (L-93826ACB); request an increase (at most 1000).
              ja: VPC appのルートテーブルapp mainにはIPv4のルートが501件(明示的なルートとリンクから導かれるルートの合計)あり、ルートテーブルあたり500件のデフォルトクォータ(L-93826ACB)を超えます。引き上げを申請してください(最大1000件)。
        "#]],
        );

        let error = design(
            vec![with_ipv4_routes(vpc("app", "10.0.0.0/16"), 1001)],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &error,
            expect![[r#"
            error RT-001 route-table:app-rtb vpc:app
              en: Route table app main of VPC app has 1001 IPv4 routes (explicit and derived from links), more than the maximum of 1000 routes per route table, even with a quota increase.
              ja: VPC appのルートテーブルapp mainにはIPv4のルートが1001件(明示的なルートとリンクから導かれるルートの合計)あり、クォータを引き上げても上限のルートテーブルあたり1000件を超えます。
        "#]],
        );
    }

    #[test]
    fn families_are_counted_separately() {
        let mixed = design(
            vec![with_ipv6_routes(
                with_ipv4_routes(vpc("app", "10.0.0.0/16"), 400),
                501,
            )],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &mixed,
            expect![[r#"
            warning RT-001 route-table:app-rtb vpc:app
              en: Route table app main of VPC app has 501 IPv6 routes (explicit and derived from links), more than the default quota of 500 routes per route table (L-93826ACB); request an increase (at most 1000).
              ja: VPC appのルートテーブルapp mainにはIPv6のルートが501件(明示的なルートとリンクから導かれるルートの合計)あり、ルートテーブルあたり500件のデフォルトクォータ(L-93826ACB)を超えます。引き上げを申請してください(最大1000件)。
        "#]],
        );

        let both_under = design(
            vec![with_ipv6_routes(
                with_ipv4_routes(vpc("app", "10.0.0.0/16"), 500),
                500,
            )],
            vec![],
            vec![],
        );
        check(&RULE, &both_under, expect![[""]]);
    }

    #[test]
    fn routes_derived_from_peerings_count() {
        let peer = vpc("data", "10.1.0.0/16")
            .with_ipv4("10.2.0.0/16")
            .with_ipv4("10.3.0.0/16");
        let at_limit = design(
            vec![
                with_ipv4_routes(vpc("app", "10.0.0.0/16"), 498),
                peer.clone(),
            ],
            vec![],
            vec![],
        );
        check(&RULE, &at_limit, expect![[""]]);

        let peered = design(
            vec![with_ipv4_routes(vpc("app", "10.0.0.0/16"), 498), peer],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        check(
            &RULE,
            &peered,
            expect![[r#"
            warning RT-001 route-table:app-rtb vpc:app
              en: Route table app main of VPC app has 501 IPv4 routes (explicit and derived from links), more than the default quota of 500 routes per route table (L-93826ACB); request an increase (at most 1000).
              ja: VPC appのルートテーブルapp mainにはIPv4のルートが501件(明示的なルートとリンクから導かれるルートの合計)あり、ルートテーブルあたり500件のデフォルトクォータ(L-93826ACB)を超えます。引き上げを申請してください(最大1000件)。
        "#]],
        );
    }
}
