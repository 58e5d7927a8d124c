//! PEER-007: a side of a peering with no route to the peer.

use crate::collections::HashSet;

use crate::Text;
use ipnet::IpNet;

use crate::cidr::overlaps;
use crate::design::{
    IntentTarget, Link, LinkId, LinkSpec, Peering, RouteDestination, RouteTable, RouteTarget,
    Subnet, Vpc,
};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::reachability::overlapping_cidrs;
use crate::routes::{RouteRef, TableRoutes};
use crate::rules::peering::{
    Endpoints, cidr_list, intent_source, reaches_peer, service_key, unique_vpcs,
};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-007",
        name: "missing-peer-route",
        severities: &[Severity::Warning],
        title: Text::new(
            "A side of a peering has no route to the peer",
            "ピアリングの片側にピア先へのルートがありません",
        ),
        why: Text::new(
            "Accepting a peering adds no routes. The owner of each VPC must add, to the route tables of the subnets that communicate, a route to the peer VPC's CIDR through the peering connection. If one side has none, its packets to the peer have nowhere to go, and replies to traffic the other side sends are dropped, so even one-way requests fail.",
            "ピアリングを承認してもルートは追加されません。各VPCの所有者が、通信するサブネットのルートテーブルに、ピアリング接続を経由してピア先VPCのCIDRへ向かうルートを追加する必要があります。片側にルートがないと、その側からピア先へのパケットは行き場がなく、相手側から送られた通信への応答も破棄されるため、片方向のリクエストでさえ失敗します。",
        ),
        fix: Text::new(
            "Add a route to the peer VPC's CIDRs through the peering in the route tables of the communicating subnets on both sides (stop excluding those tables from the peering's routes).",
            "両側の、通信するサブネットのルートテーブルに、ピアリング経由でピア先VPCのCIDRへ向かうルートを追加してください(それらのテーブルをピアリングのルート対象から除外している場合は除外をやめてください)。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
            "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.peerings.is_empty() {
        return;
    }
    // Each side of each peering, VPC by VPC, so that a VPC's routes are
    // looked up once.
    for (node, vpc) in (0u32..).zip(unique_vpcs(index)) {
        let positions = index.node_peerings(node);
        if positions.is_empty() {
            continue;
        }
        // Only tables that serve a subnet carry traffic: a route in a table no
        // subnet uses reaches nothing (the same tables reachability follows).
        let in_use = index.route_tables_in_use(vpc);
        let (tables, unused_tables): (Vec<_>, Vec<_>) = index
            .node_table_routes(node)
            .zip(&vpc.route_tables)
            .partition(|(_, table)| in_use.iter().any(|used| std::ptr::eq(*used, *table)));
        let tables: Vec<TableRoutes<'_, '_>> =
            tables.into_iter().map(|(routes, _)| routes).collect();
        for &position in positions {
            let Some(&(link, peering)) = index.peerings.get(position as usize) else {
                continue;
            };
            // The routes a peering derives lead to the peer's CIDRs by
            // construction: no need to resolve the peer to trust them.
            // Derived routes point at their link, so comparing pointers
            // finds them without comparing strings.
            let derived_from = |same: &dyn Fn(&Link) -> bool| {
                tables.iter().flat_map(|routes| routes.origins()).any(same)
            };
            if derived_from(&|origin| std::ptr::eq(origin, link))
                || derived_from(&|origin| origin.id == link.id)
            {
                continue;
            }
            let Some(peer) = index.vpc(index.peer_of(peering, &vpc.id)) else {
                continue;
            };
            if peer.id == vpc.id
                || peer.cidrs().next().is_none()
                || tables
                    .iter()
                    .flat_map(|routes| routes.iter())
                    .any(|route| routes_into(&route, &link.id, peer))
            {
                continue;
            }
            let unused: Vec<&str> = unused_tables
                .iter()
                .filter(|(routes, _)| {
                    routes
                        .iter()
                        .any(|route| routes_into(&route, &link.id, peer))
                })
                .map(|(_, table)| table.id.as_str())
                .collect();
            let (reason_en, reason_ja) = reason(vpc, peering, &unused);
            let cidrs = cidr_list(peer);
            out.push(rule.diagnostic(
                Severity::Warning,
                vec![
                    Subject::Vpc(vpc.id.clone()),
                    Subject::Link(link.id.clone()),
                    Subject::Vpc(peer.id.clone()),
                ],
                Localized::new(
                    format!(
                        "{local} has no route to {peer} ({cidrs}) through peering {link}: {reason_en}. Each VPC owner must add routes to the peer CIDR through the pcx; with {local}'s side missing, return traffic to {peer} is dropped.",
                        local = vpc.label(),
                        peer = peer.label(),
                        link = link.id,
                    ),
                    format!(
                        "{local}にはピアリング{link}経由で{peer}({cidrs})へ向かうルートがありません: {reason_ja}。各VPCの所有者がpcx経由でピア先CIDRへのルートを追加する必要があります。{local}側のルートがないと、{peer}への戻りの通信は破棄されます。",
                        local = vpc.label(),
                        peer = peer.label(),
                        link = link.id,
                    ),
                ),
            ));
        }
    }

    // Subnets meant to reach a directly peered VPC whose own route table has
    // no route to it, when the VPC as a whole has one elsewhere.
    let mut reported = HashSet::default();
    for intent in &index.design.intents {
        let (source, Some(subnet)) = intent_source(intent) else {
            continue;
        };
        let IntentTarget::Vpc(target) = &intent.to else {
            continue;
        };
        let (Some(local), Some(peer)) = (index.vpc(source), index.vpc(target)) else {
            continue;
        };
        if local.id == peer.id || peer.cidrs().next().is_none() {
            continue;
        }
        let links: Vec<&Link> = index
            .peerings_of(source)
            .filter(|(_, peering)| index.peer_of(peering, source) == target)
            .map(|(link, _)| link)
            .collect();
        let Some(table) = local.route_table_of(subnet) else {
            continue;
        };
        let routes_to_peer = |routes: TableRoutes<'_, '_>| {
            routes
                .iter()
                .any(|route| links.iter().any(|link| routes_into(&route, &link.id, peer)))
        };
        if links.is_empty()
            || routes_to_peer(index.routes_of(&table.id))
            // The whole side has no route: reported above.
            || !index
                .route_tables_in_use(local)
                .iter()
                .any(|table| routes_to_peer(index.routes_of(&table.id)))
            || !reported.insert((subnet, target))
        {
            continue;
        }
        let subnet_name = index
            .subnets
            .get(subnet)
            .map_or(subnet.as_str(), |(_, subnet)| subnet.label());
        let link_names: Vec<&str> = links.iter().map(|link| link.id.as_str()).collect();
        let link_names = link_names.join(", ");
        let cidrs = cidr_list(peer);
        let mut subjects = vec![
            Subject::Intent(intent.id.clone()),
            Subject::Subnet(subnet.clone()),
            Subject::RouteTable(table.id.clone()),
            Subject::Vpc(local.id.clone()),
            Subject::Vpc(peer.id.clone()),
        ];
        subjects.extend(links.iter().map(|link| Subject::Link(link.id.clone())));
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Subnet {subnet_name} of {local} must reach {peer}, but its route table {rtb} has no route to {peer} ({cidrs}) through peering {link_names}. Add the route to that table, or traffic from this subnet never enters the peering.",
                    local = local.label(),
                    peer = peer.label(),
                    rtb = table.label(),
                ),
                format!(
                    "{local}のサブネット{subnet_name}は{peer}に到達する必要がありますが、そのルートテーブル{rtb}にはピアリング{link_names}経由で{peer}({cidrs})へ向かうルートがありません。このテーブルにルートを追加しないと、このサブネットからの通信はピアリングに入りません。",
                    local = local.label(),
                    peer = peer.label(),
                    rtb = table.label(),
                ),
            ),
        ));
    }

    check_peer_endpoint_paths(rule, index, out);
}

/// Flows to a service through an interface endpoint in a peered VPC
/// (PEER-006): the source's route table must send the endpoint's subnets
/// into the peering, and the tables of the endpoint's subnets must route
/// back, as reachability checks that path. Reported only where the VPC as a
/// whole has a route through the peering (otherwise the first check above
/// has said so), and never for a side with no route table (DES-008).
fn check_peer_endpoint_paths(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let design = index.design;
    if index.peerings.is_empty()
        || index.interface_endpoints.is_empty()
        || !design
            .intents
            .iter()
            .any(|intent| matches!(intent.to, IntentTarget::Service(_)))
    {
        return;
    }
    let endpoints = Endpoints::new(index, |_| true);
    for intent in &design.intents {
        let IntentTarget::Service(target) = &intent.to else {
            continue;
        };
        let Some(service) = index.service(target) else {
            continue;
        };
        let (source, subnet) = intent_source(intent);
        let Some(b) = index.vpc(source) else {
            continue;
        };
        let source_subnet = match subnet {
            Some(id) => match b.subnets.iter().find(|found| &found.id == id) {
                Some(found) => Some(found),
                None => continue,
            },
            None => None,
        };
        let Some(found) = endpoints.in_peers(index, b, service_key(service)) else {
            continue;
        };
        for (a, peering_link, endpoint_link) in found.interface {
            let LinkSpec::InterfaceEndpoint(endpoint) = &endpoint_link.spec else {
                continue;
            };
            if !overlapping_cidrs(a, b).is_empty() {
                continue; // PEER-001.
            }
            let endpoint_subnets: Vec<&Subnet> = endpoint
                .subnets
                .iter()
                .filter_map(|id| a.subnets.iter().find(|found| &found.id == id))
                .collect();
            if endpoint_subnets.is_empty() {
                continue;
            }
            let (source_tables, source_ranges): (Vec<&RouteTable>, Vec<IpNet>) = match source_subnet
            {
                Some(found) => (b.route_tables_serving([&found.id]), subnet_ranges([found])),
                None => (
                    index.route_tables_in_use(b).into_owned(),
                    b.cidrs().collect(),
                ),
            };
            let endpoint_tables =
                a.route_tables_serving(endpoint_subnets.iter().map(|found| &found.id));
            let endpoint_ranges = subnet_ranges(endpoint_subnets.iter().copied());
            let routes_to = |tables: &[&RouteTable], ranges: &[IpNet]| {
                tables.iter().any(|table| {
                    index.routes_of(&table.id).iter().any(|route| {
                        matches!(route.target, RouteTarget::Peering(id) if id == &peering_link.id)
                            && destination_overlaps(route.destination, ranges)
                    })
                })
            };
            let whole_vpc_routes = |vpc: &Vpc, peer: &Vpc| {
                index.route_tables_in_use(vpc).iter().any(|table| {
                    index
                        .routes_of(&table.id)
                        .iter()
                        .any(|route| routes_into(&route, &peering_link.id, peer))
                })
            };
            let side_en = match source_subnet {
                Some(found) => format!("Subnet {} of {}", found.label(), b.label()),
                None => b.label().to_owned(),
            };
            let side_ja = match source_subnet {
                Some(found) => format!("{}のサブネット{}", b.label(), found.label()),
                None => b.label().to_owned(),
            };
            let mut subjects = vec![
                Subject::Intent(intent.id.clone()),
                Subject::Vpc(b.id.clone()),
            ];
            subjects.extend(source_subnet.map(|found| Subject::Subnet(found.id.clone())));
            subjects.extend([
                Subject::Link(peering_link.id.clone()),
                Subject::Vpc(a.id.clone()),
                Subject::Link(endpoint_link.id.clone()),
                Subject::Service(service.id.clone()),
            ]);
            let table_list = |tables: &[&RouteTable]| {
                tables
                    .iter()
                    .map(|table| table.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let range_list = |ranges: &[IpNet]| {
                ranges
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (service_name, link, ep, peer) = (
                service.label(),
                &peering_link.id,
                &endpoint_link.id,
                a.label(),
            );
            if !source_tables.is_empty()
                && !routes_to(&source_tables, &endpoint_ranges)
                && whole_vpc_routes(b, a)
            {
                let (tables, ranges) = (table_list(&source_tables), range_list(&endpoint_ranges));
                let mut subjects = subjects.clone();
                subjects.extend(
                    source_tables
                        .iter()
                        .map(|t| Subject::RouteTable(t.id.clone())),
                );
                out.push(rule.diagnostic(
                    Severity::Warning,
                    subjects,
                    Localized::new(
                        format!(
                            "{side_en} must reach {service_name} through interface endpoint {ep} in peered VPC {peer}, but its route tables ({tables}) have no route to the endpoint's subnets ({ranges}) through peering {link}, so its traffic never enters the peering."
                        ),
                        format!(
                            "{side_ja}はピアリング先VPC {peer}のインターフェイスエンドポイント{ep}を通じて{service_name}に到達する必要がありますが、そのルートテーブル({tables})にはピアリング{link}経由でエンドポイントのサブネット({ranges})へ向かうルートがないため、通信はピアリングに入りません。"
                        ),
                    ),
                ));
            }
            if !endpoint_tables.is_empty()
                && !routes_to(&endpoint_tables, &source_ranges)
                && whole_vpc_routes(a, b)
            {
                let (tables, ranges) = (table_list(&endpoint_tables), range_list(&source_ranges));
                let mut subjects = subjects;
                subjects.extend(
                    endpoint_tables
                        .iter()
                        .map(|t| Subject::RouteTable(t.id.clone())),
                );
                out.push(rule.diagnostic(
                    Severity::Warning,
                    subjects,
                    Localized::new(
                        format!(
                            "{side_en} must reach {service_name} through interface endpoint {ep} in peered VPC {peer}, but the route tables of the endpoint's subnets ({tables}) have no route back to {ranges} through peering {link}, so replies are dropped."
                        ),
                        format!(
                            "{side_ja}はピアリング先VPC {peer}のインターフェイスエンドポイント{ep}を通じて{service_name}に到達する必要がありますが、エンドポイントのサブネットのルートテーブル({tables})にはピアリング{link}経由で{ranges}へ戻るルートがないため、応答は破棄されます。"
                        ),
                    ),
                ));
            }
        }
    }
}

/// The CIDRs of some subnets, IPv4 then IPv6 for each.
fn subnet_ranges<'s>(subnets: impl IntoIterator<Item = &'s Subnet>) -> Vec<IpNet> {
    subnets.into_iter().flat_map(Subnet::cidrs).collect()
}

/// Whether a route's destination overlaps any of the ranges (a prefix list
/// never does), as reachability judges a route to a side.
fn destination_overlaps(destination: &RouteDestination, ranges: &[IpNet]) -> bool {
    let destination = match destination {
        RouteDestination::Ipv4(net) => IpNet::V4(*net),
        RouteDestination::Ipv6(net) => IpNet::V6(*net),
        RouteDestination::PrefixList(_) => return false,
    };
    ranges.iter().any(|range| overlaps(&destination, range))
}

/// Whether a route sends traffic for the peer into this peering.
fn routes_into(route: &RouteRef<'_>, link: &LinkId, peer: &Vpc) -> bool {
    matches!(route.target, RouteTarget::Peering(target) if target == link)
        && reaches_peer(route.destination, peer)
}

/// Why a VPC has no route through a peering in a table in use, in English
/// and Japanese. `unused` names the tables that have such a route but serve
/// no subnet.
fn reason(local: &Vpc, peering: &Peering, unused: &[&str]) -> (String, String) {
    if !unused.is_empty() {
        let tables = unused.join(", ");
        return (
            format!(
                "its only such routes are in route tables no subnet uses ({tables}), which carry no traffic"
            ),
            format!(
                "そのようなルートは、どのサブネットも使っていないルートテーブル({tables})にしかなく、通信を運びません"
            ),
        );
    }
    let (en, ja) = if local.route_tables.is_empty() {
        (
            "it has no route tables",
            "このVPCにはルートテーブルがありません",
        )
    } else if local
        .route_tables
        .iter()
        .all(|table| peering.excluded_route_tables.contains(&table.id))
    {
        (
            "every one of its route tables is excluded from the peering's routes",
            "すべてのルートテーブルがピアリングのルート対象から除外されています",
        )
    } else {
        (
            "none of its route tables has such a route",
            "そのようなルートを持つルートテーブルがありません",
        )
    };
    (en.to_owned(), ja.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{RouteTable, RouteTableId, SubnetId};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn pair_design() -> crate::Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("web", "10.0.1.0/24", 'a'),
                vpc("data", "10.1.0.0/16"),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        )
    }

    #[test]
    fn flags_the_side_whose_tables_are_all_excluded() {
        let mut design = pair_design();
        peering_mut(&mut design, 0).excluded_route_tables = vec![RouteTableId::new("data-rtb")];
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-007 vpc:data link:pcx vpc:app
              en: data has no route to app (10.0.0.0/16) through peering pcx: every one of its route tables is excluded from the peering's routes. Each VPC owner must add routes to the peer CIDR through the pcx; with data's side missing, return traffic to app is dropped.
              ja: dataにはピアリングpcx経由でapp(10.0.0.0/16)へ向かうルートがありません: すべてのルートテーブルがピアリングのルート対象から除外されています。各VPCの所有者がpcx経由でピア先CIDRへのルートを追加する必要があります。data側のルートがないと、appへの戻りの通信は破棄されます。
        "#]],
        );
    }

    #[test]
    fn flags_a_side_with_no_route_tables() {
        let mut design = pair_design();
        design.vpcs[0].route_tables.clear();
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-007 vpc:app link:pcx vpc:data
              en: app has no route to data (10.1.0.0/16) through peering pcx: it has no route tables. Each VPC owner must add routes to the peer CIDR through the pcx; with app's side missing, return traffic to data is dropped.
              ja: appにはピアリングpcx経由でdata(10.1.0.0/16)へ向かうルートがありません: このVPCにはルートテーブルがありません。各VPCの所有者がpcx経由でピア先CIDRへのルートを追加する必要があります。app側のルートがないと、dataへの戻りの通信は破棄されます。
        "#]],
        );
    }

    #[test]
    fn flags_a_communicating_subnet_whose_own_table_lacks_the_route() {
        let mut design = pair_design();
        // Subnet db keeps the main table, with its route, in use.
        design.vpcs[0] = design.vpcs[0].clone().with_subnet("db", "10.0.2.0/24", 'a');
        design.vpcs[0].route_tables.push(RouteTable {
            id: RouteTableId::new("web-rtb"),
            name: "web".into(),
            main: false,
            subnets: vec![SubnetId::new("app-web")],
            routes: Vec::new(),
        });
        peering_mut(&mut design, 0).excluded_route_tables = vec![RouteTableId::new("web-rtb")];
        design.intents = vec![subnet_intent("flow", "app", "app-web", "data")];
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-007 intent:flow subnet:app-web route-table:web-rtb vpc:app vpc:data link:pcx
              en: Subnet web of app must reach data, but its route table web has no route to data (10.1.0.0/16) through peering pcx. Add the route to that table, or traffic from this subnet never enters the peering.
              ja: appのサブネットwebはdataに到達する必要がありますが、そのルートテーブルwebにはピアリングpcx経由でdata(10.1.0.0/16)へ向かうルートがありません。このテーブルにルートを追加しないと、このサブネットからの通信はピアリングに入りません。
        "#]],
        );
    }

    #[test]
    fn derived_or_explicit_routes_on_both_sides_are_clean() {
        let mut derived = pair_design();
        derived.intents = vec![subnet_intent("flow", "app", "app-web", "data")];
        check(&RULE, &derived, expect![[""]]);

        let mut explicit = pair_design();
        peering_mut(&mut explicit, 0).excluded_route_tables =
            vec![RouteTableId::new("app-rtb"), RouteTableId::new("data-rtb")];
        explicit.vpcs[0] = route_via(explicit.vpcs[0].clone(), "10.1.0.0/24", "pcx");
        explicit.vpcs[1] = route_via(explicit.vpcs[1].clone(), "10.0.1.0/24", "pcx");
        check(&RULE, &explicit, expect![[""]]);
    }
}
