//! RT-002: two routes in one route table with the same destination.

use crate::collections::{sort, sort_by_key};
use ipnet::{Ipv4Net, Ipv6Net};

use crate::Text;
use crate::design::{LinkId, RouteDestination, RouteTarget};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::routes::RouteRef;
use crate::rules::{Rule, RuleDoc};

use super::{destination_text, target_text};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "RT-002",
        name: "duplicate-route-destination",
        severities: &[Severity::Error],
        title: Text::new(
            "Two routes in a route table have the same destination",
            "ルートテーブルに同じ宛先のルートが2つあります",
        ),
        why: Text::new(
            "A route table holds one route per destination: CreateRoute fails with RouteAlreadyExists when the destination is taken, and a peering's routes cannot be added where another route already claims the peer CIDR. This happens when an explicit route repeats one a link implies, or when a VPC peers with two VPCs that use the same CIDR: traffic to that CIDR could only go to one of them.",
            "ルートテーブルには宛先ごとに1つのルートしか置けません。宛先がすでに使われているとCreateRouteはRouteAlreadyExistsで失敗し、別のルートが使っているピアCIDRにはピアリングのルートを追加できません。明示的なルートがリンクから導かれるルートと重なる場合や、同じCIDRを使う2つのVPCとピアリングする場合に起こり、そのCIDR宛ての通信はどちらか一方にしか届きません。",
        ),
        fix: Text::new(
            "Remove the explicit route that repeats a derived one, or re-address one of the peer VPCs so each destination is routed to exactly one target. Exclude the route table from one peering if only the other should be reached from it.",
            "導出されるルートと重なる明示的なルートを削除するか、ピアVPCのどちらかのアドレスを変更して、各宛先のターゲットが1つになるようにしてください。一方のピアにだけ到達させたい場合は、もう一方のピアリングからそのルートテーブルを除外してください。",
        ),
        sources: &[
            "https://docs.amazonaws.cn/en_us/vpc/latest/userguide/route-tables-priority.md",
            "https://docs.aws.amazon.com/cli/latest/reference/ec2/create-route.html",
        ],
    },
    check,
};

/// A destination compared as AWS compares them: CIDRs without host bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    Ipv4(Ipv4Net),
    Ipv6(Ipv6Net),
    PrefixList(&'a str),
}

fn key(destination: &RouteDestination) -> Key<'_> {
    match destination {
        RouteDestination::Ipv4(net) => Key::Ipv4(net.trunc()),
        RouteDestination::Ipv6(net) => Key::Ipv6(net.trunc()),
        RouteDestination::PrefixList(name) => Key::PrefixList(name),
    }
}

/// A number equal for equal keys, so that distinct numbers prove distinct
/// destinations without comparing the keys themselves.
fn fingerprint(key: &Key<'_>) -> u64 {
    match *key {
        Key::Ipv4(net) => (u64::from(u32::from(net.addr())) << 8) | u64::from(net.prefix_len()),
        Key::Ipv6(net) => {
            let address = u128::from(net.addr());
            (address as u64)
                ^ ((address >> 64) as u64).rotate_left(17)
                ^ u64::from(net.prefix_len())
        }
        Key::PrefixList(name) => {
            use std::hash::{BuildHasher, BuildHasherDefault};
            BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(name)
        }
    }
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // Reused for every table, so a design with many tables allocates little.
    let mut fingerprints: Vec<u64> = Vec::new();
    let mut routes: Vec<RouteRef<'_>> = Vec::new();
    let mut keyed: Vec<(Key<'_>, usize)> = Vec::new();
    let mut groups: Vec<Vec<RouteRef<'_>>> = Vec::new();
    for (vpc, table, table_routes) in index.tables_with_routes() {
        if table_routes.len() < 2 {
            continue;
        }
        // The usual table has no two routes to one destination: distinct
        // fingerprints show it without sorting the routes themselves.
        fingerprints.clear();
        fingerprints.extend(
            table_routes
                .destinations()
                .map(|destination| fingerprint(&key(destination))),
        );
        sort(&mut fingerprints);
        if fingerprints.windows(2).all(|pair| pair[0] != pair[1]) {
            continue;
        }
        routes.clear();
        routes.extend(table_routes.iter());
        // Sorting each table's few routes is cheaper than hashing them.
        keyed.clear();
        keyed.extend(
            routes
                .iter()
                .enumerate()
                .map(|(position, route)| (key(route.destination), position)),
        );
        sort(&mut keyed);
        groups.clear();
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                groups.push(
                    run.iter()
                        .filter_map(|&(_, position)| routes.get(position).copied())
                        .collect(),
                );
            }
        }
        for group in &groups {
            if !is_reportable(group) {
                continue;
            }
            let Some(first) = group.first() else {
                continue;
            };
            let destination = destination_text(first.destination);
            let mut targets_en = Vec::new();
            let mut targets_ja = Vec::new();
            let mut subjects = vec![
                Subject::RouteTable(table.id.clone()),
                Subject::Vpc(vpc.id.clone()),
            ];
            for route in group {
                let (en, ja) = target_text(route.target);
                let (en, ja) = match route.origin_id() {
                    None => (format!("{en} (explicit)"), format!("{ja}(明示的)")),
                    Some(link) if target_link(route.target) == Some(link) => {
                        (format!("{en} (derived)"), format!("{ja}(リンクから導出)"))
                    }
                    Some(link) => (
                        format!("{en} (derived from {link})"),
                        format!("{ja}({link}から導出)"),
                    ),
                };
                targets_en.push(en);
                targets_ja.push(ja);
                for link in [target_link(route.target), route.origin_id()]
                    .into_iter()
                    .flatten()
                {
                    let subject = Subject::Link(link.clone());
                    if !subjects.contains(&subject) {
                        subjects.push(subject);
                    }
                }
            }
            let table_name = table.label();
            out.push(rule.diagnostic(
                    Severity::Error,
                    subjects,
                    Localized::new(
                        format!(
                            "Duplicate destination {destination} in route table {table_name} of VPC {}: {} routes claim it ({}).",
                            vpc.label(),
                            group.len(),
                            targets_en.join(", ")
                        ),
                        format!(
                            "VPC {}のルートテーブル{table_name}で宛先{destination}が重複しています: {}件のルートが同じ宛先です({})。",
                            vpc.label(),
                            group.len(),
                            targets_ja.join("、")
                        ),
                    ),
                ));
        }
    }
}

/// Whether a group of routes to one destination is a duplicate this rule
/// reports. Routes that one link implies twice (a peer VPC listing a CIDR
/// twice, a VPC peered with itself) are left to the design-integrity rules,
/// and duplicates among gateway-endpoint routes to GW-004.
fn is_reportable(group: &[RouteRef<'_>]) -> bool {
    if group.len() < 2 {
        return false;
    }
    if group
        .iter()
        .all(|route| matches!(route.target, RouteTarget::GatewayEndpoint(_)))
    {
        return false;
    }
    let explicit = group.iter().filter(|route| route.origin.is_none()).count();
    let mut links: Vec<&LinkId> = group.iter().filter_map(|route| route.origin_id()).collect();
    sort_by_key(&mut links, |link| *link);
    links.dedup();
    explicit + links.len() >= 2
}

fn target_link(target: &RouteTarget) -> Option<&LinkId> {
    match target {
        RouteTarget::Peering(link) | RouteTarget::GatewayEndpoint(link) => Some(link),
        RouteTarget::Edge(_) | RouteTarget::Other(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{EdgeGatewayKind, LinkId};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_an_explicit_route_repeating_a_derived_peering_route() {
        let design = design(
            vec![
                with_route(
                    vpc("app", "10.0.0.0/16"),
                    "10.1.0.0/16",
                    RouteTarget::Peering(LinkId::new("pcx")),
                ),
                vpc("data", "10.1.0.0/16"),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error RT-002 route-table:app-rtb vpc:app link:pcx
              en: Duplicate destination 10.1.0.0/16 in route table app main of VPC app: 2 routes claim it (peering pcx (explicit), peering pcx (derived)).
              ja: VPC appのルートテーブルapp mainで宛先10.1.0.0/16が重複しています: 2件のルートが同じ宛先です(ピアリングpcx(明示的)、ピアリングpcx(リンクから導出))。
        "#]],
        );
    }

    #[test]
    fn flags_two_peers_with_the_same_cidr() {
        let design = design(
            vec![
                vpc("hub", "10.0.0.0/16"),
                vpc("blue", "10.1.0.0/16"),
                vpc("green", "10.1.0.0/16"),
            ],
            vec![],
            vec![
                peering("pcx-b", "hub", "blue"),
                peering("pcx-g", "hub", "green"),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error RT-002 route-table:hub-rtb vpc:hub link:pcx-b link:pcx-g
              en: Duplicate destination 10.1.0.0/16 in route table hub main of VPC hub: 2 routes claim it (peering pcx-b (derived), peering pcx-g (derived)).
              ja: VPC hubのルートテーブルhub mainで宛先10.1.0.0/16が重複しています: 2件のルートが同じ宛先です(ピアリングpcx-b(リンクから導出)、ピアリングpcx-g(リンクから導出))。
        "#]],
        );
    }

    #[test]
    fn flags_two_explicit_routes_even_when_host_bits_differ() {
        let design = design(
            vec![with_route(
                with_route(
                    vpc("app", "10.0.0.0/16"),
                    "192.168.0.0/16",
                    RouteTarget::Edge(EdgeGatewayKind::VpnGateway),
                ),
                "192.168.7.0/16",
                RouteTarget::Other("tgw-1".to_owned()),
            )],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error RT-002 route-table:app-rtb vpc:app
              en: Duplicate destination 192.168.0.0/16 in route table app main of VPC app: 2 routes claim it (virtual private gateway (explicit), tgw-1 (explicit)).
              ja: VPC appのルートテーブルapp mainで宛先192.168.0.0/16が重複しています: 2件のルートが同じ宛先です(仮想プライベートゲートウェイ(明示的)、tgw-1(明示的))。
        "#]],
        );
    }

    #[test]
    fn distinct_destinations_and_other_tables_are_clean() {
        let clean = design(
            vec![
                with_route(
                    vpc("app", "10.0.0.0/16"),
                    "0.0.0.0/0",
                    RouteTarget::Edge(EdgeGatewayKind::NatGateway),
                ),
                vpc("data", "10.1.0.0/16"),
                vpc("logs", "10.2.0.0/16"),
            ],
            vec![],
            vec![
                peering("pcx-1", "app", "data"),
                peering("pcx-2", "app", "logs"),
            ],
        );
        check(&RULE, &clean, expect![[""]]);
    }

    #[test]
    fn duplicates_from_one_link_or_gateway_endpoints_are_left_to_other_rules() {
        // A peer that lists one CIDR twice (DES-005) and a VPC peered with itself (DES-001).
        let twice = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16").with_ipv4("10.1.0.0/16"),
            ],
            vec![],
            vec![peering("pcx", "app", "data"), peering("self", "app", "app")],
        );
        check(&RULE, &twice, expect![[""]]);

        // Two gateway endpoints to S3 on one table (GW-004).
        let gateways = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("s3", "s3", "ap-northeast-1")],
            vec![
                gateway_endpoint("gw-1", "app", "s3"),
                gateway_endpoint("gw-2", "app", "s3"),
            ],
        );
        check(&RULE, &gateways, expect![[""]]);
    }
}
