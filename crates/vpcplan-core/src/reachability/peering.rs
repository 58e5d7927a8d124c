//! Peering hops: CIDR overlaps (PEER-001) and the routes each side needs
//! through the peering (PEER-007).

use ipnet::IpNet;

use crate::cidr::overlaps;
use crate::design::{Link, Peering, RouteDestination, RouteTable, RouteTarget, Vpc};
use crate::diagnostic::{Localized, Subject};

use super::explanations::join;
use super::{Graph, Reason, Side};

/// Every pair of overlapping ranges between two VPCs, `a`'s first.
pub(crate) fn overlapping_cidrs(a: &Vpc, b: &Vpc) -> Vec<(IpNet, IpNet)> {
    let theirs: Vec<IpNet> = b.cidrs().collect();
    a.cidrs()
        .flat_map(|ours| {
            theirs
                .iter()
                .filter(move |other| overlaps(&ours, other))
                .map(move |&other| (ours, other))
        })
        .collect()
}

pub(crate) fn format_overlaps(pairs: &[(IpNet, IpNet)]) -> String {
    pairs
        .iter()
        .map(|(a, b)| format!("{a} ∩ {b}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn destination_overlaps(destination: &RouteDestination, ranges: &[IpNet]) -> bool {
    let destination = match destination {
        RouteDestination::Ipv4(net) => IpNet::V4(*net),
        RouteDestination::Ipv6(net) => IpNet::V6(*net),
        RouteDestination::PrefixList(_) => return false,
    };
    ranges.iter().any(|range| overlaps(&destination, range))
}

impl<'d> Graph<'d> {
    /// Whether a peering carries traffic between two sides: no CIDR overlap,
    /// a route to the target through it on the source side, and a route back
    /// on the target side (PEER-001, PEER-007).
    pub(super) fn check_peering(
        &self,
        link: &'d Link,
        peering: &'d Peering,
        source: &Side<'d>,
        target: &Side<'d>,
    ) -> Result<Localized, Vec<Reason>> {
        let (a, b) = (source.vpc, target.vpc);
        let overlapping = overlapping_cidrs(a, b);
        if !overlapping.is_empty() {
            let pairs = format_overlaps(&overlapping);
            return Err(vec![Reason::new(
                Some("PEER-001"),
                vec![
                    Subject::Link(link.id.clone()),
                    Subject::Vpc(a.id.clone()),
                    Subject::Vpc(b.id.clone()),
                ],
                format!(
                    "Peering {} between {} and {} cannot carry traffic: their CIDRs overlap ({pairs}), so AWS refuses the peering.",
                    link.id,
                    a.label(),
                    b.label()
                ),
                format!(
                    "{}と{}のピアリング{}は通信を運べません: CIDRが重複しているため({pairs})、AWSはこのピアリングを拒否します。",
                    a.label(),
                    b.label(),
                    link.id
                ),
            )]);
        }
        let mut reasons = Vec::new();
        let forward = self.peering_route(link, source, target);
        let back = self.peering_route(link, target, source);
        let forward_table = match forward {
            Ok(table) => Some(table),
            Err(missing) => {
                reasons.push(self.missing_route(link, peering, source, target, &missing, true));
                None
            }
        };
        if let Err(missing) = back {
            reasons.push(self.missing_route(link, peering, target, source, &missing, false));
        }
        match forward_table {
            Some(table) if reasons.is_empty() => Ok(Localized::new(
                format!(
                    "VPC peering {} between {} and {} (route table {} of {})",
                    link.id,
                    a.label(),
                    b.label(),
                    table.id,
                    a.label()
                ),
                format!(
                    "{}と{}のVPCピアリング{}({}のルートテーブル{})",
                    a.label(),
                    b.label(),
                    link.id,
                    a.label(),
                    table.id
                ),
            )),
            _ => Err(reasons),
        }
    }

    /// The route table of `local` that routes some of `remote`'s addresses
    /// through the peering, or the tables that were searched in vain.
    fn peering_route(
        &self,
        link: &Link,
        local: &Side<'d>,
        remote: &Side<'d>,
    ) -> Result<&'d RouteTable, Vec<&'d RouteTable>> {
        let tables = self.side_tables(local);
        let ranges = remote.ranges();
        tables
            .iter()
            .copied()
            .find(|table| {
                self.index.routes_of(&table.id).iter().any(|route| {
                    matches!(&route.target, RouteTarget::Peering(id) if id == &link.id)
                        && destination_overlaps(route.destination, &ranges)
                })
            })
            .ok_or(tables)
    }

    fn missing_route(
        &self,
        link: &Link,
        peering: &Peering,
        local: &Side<'d>,
        remote: &Side<'d>,
        tables: &[&'d RouteTable],
        forward: bool,
    ) -> Reason {
        let ranges = join(remote.ranges());
        let ranges = if ranges.is_empty() {
            "(no CIDR)".to_owned()
        } else {
            ranges
        };
        let vpc = local.vpc.label();
        let (where_en, where_ja) = match (tables, local.subnets.as_slice()) {
            ([], _) => (
                format!("{vpc} has no route table for it"),
                format!("{vpc}にはそのためのルートテーブルがありません"),
            ),
            ([table], [subnet]) => (
                format!(
                    "route table {} of {vpc} (serving subnet {}) has no route to {ranges} through {}",
                    table.id,
                    subnet.label(),
                    link.id
                ),
                format!(
                    "{vpc}のルートテーブル{}(サブネット{}用)に、{}経由の{ranges}へのルートがありません",
                    table.id,
                    subnet.label(),
                    link.id
                ),
            ),
            (tables, _) => {
                let ids = join(tables.iter().map(|table| &table.id));
                (
                    format!(
                        "no route table of {vpc} in use ({ids}) has a route to {ranges} through {}",
                        link.id
                    ),
                    format!(
                        "{vpc}で使われているルートテーブル({ids})のどれにも、{}経由の{ranges}へのルートがありません",
                        link.id
                    ),
                )
            }
        };
        let excluded: Vec<&RouteTable> = tables
            .iter()
            .copied()
            .filter(|table| peering.excluded_route_tables.contains(&table.id))
            .collect();
        let (excluded_en, excluded_ja) = if excluded.is_empty() {
            (String::new(), String::new())
        } else {
            let ids = join(excluded.iter().map(|table| &table.id));
            (
                format!(" (the peering's routes are excluded from {ids})"),
                format!("(ピアリングのルートは{ids}から除外されています)"),
            )
        };
        let peer = remote.vpc.label();
        let (en, ja) = if forward {
            (
                format!(
                    "Forward route missing: {where_en}{excluded_en}, so traffic from {vpc} to {peer} has nowhere to go."
                ),
                format!(
                    "往路のルートがありません: {where_ja}{excluded_ja}。そのため{vpc}から{peer}への通信は転送されません。"
                ),
            )
        } else {
            (
                format!(
                    "Return route missing: {where_en}{excluded_en}, so replies to {peer} are dropped. Each VPC owner must route the peer's CIDR through the peering."
                ),
                format!(
                    "復路のルートがありません: {where_ja}{excluded_ja}。そのため{peer}への応答は破棄されます。各VPCの所有者がピアのCIDRへのルートをピアリング経由で追加する必要があります。"
                ),
            )
        };
        let mut subjects = vec![Subject::Link(link.id.clone())];
        subjects.extend(local.subject_list());
        subjects.extend(
            tables
                .iter()
                .map(|table| Subject::RouteTable(table.id.clone())),
        );
        // A side with no route table at all has a VPC without a main table:
        // DES-008 is the cause to fix, not the peering's routes.
        let rule = if tables.is_empty() {
            "DES-008"
        } else {
            "PEER-007"
        };
        Reason::new(Some(rule), subjects, en, ja)
    }
}
