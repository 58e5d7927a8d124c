//! PEER-001: peered VPCs whose CIDRs overlap.

use ipnet::IpNet;

use crate::Text;
use crate::cidr::{overlapping_pairs, overlaps};
use crate::design::Vpc;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::peering_ends;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-001",
        name: "overlapping-peer-cidrs",
        severities: &[Severity::Error],
        title: Text::new(
            "Peered VPCs have overlapping CIDRs",
            "ピアリングするVPCのCIDRが重複しています",
        ),
        why: Text::new(
            "A peering joins two address spaces into one routing domain, so AWS refuses it when any IPv4 CIDR (primary or secondary) or any IPv6 CIDR of one VPC overlaps one of the other: the request goes straight to `failed`, even if the IPv6 CIDRs are unique and even if you only mean to use the non-overlapping ranges.",
            "ピアリングは2つのアドレス空間を1つのルーティングドメインにつなぐため、一方のVPCのIPv4 CIDR(プライマリ・セカンダリ)またはIPv6 CIDRが他方と1つでも重複すると、AWSはリクエストを`failed`にします。IPv6 CIDRが一意でも、重複しない範囲だけを使うつもりでも同じです。",
        ),
        fix: Text::new(
            "Re-address one VPC so no CIDR overlaps, or connect the two with PrivateLink (an endpoint service behind an NLB), which works across overlapping CIDRs.",
            "どちらかのVPCのアドレスを変更して重複をなくすか、CIDRが重複していても接続できるPrivateLink(NLBを使ったエンドポイントサービス)で接続してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html",
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (&(link, _), ends) in index.peerings.iter().zip(peering_ends(index)) {
        let (Some(a), Some(b)) = ends else {
            continue;
        };
        if a.id == b.id {
            continue;
        }
        let overlaps = overlapping_cidrs(a, b);
        if overlaps.is_empty() {
            continue;
        }
        let pairs: Vec<String> = overlaps.iter().map(|(x, y)| format!("{x} ∩ {y}")).collect();
        let pairs = pairs.join(", ");
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(a.id.clone()),
                Subject::Vpc(b.id.clone()),
            ],
            Localized::new(
                format!(
                    "VPC peering between {} and {} is not possible: CIDRs overlap ({pairs}). An IPv4 overlap sends the request to `failed` even if the IPv6 CIDRs are unique.",
                    a.label(), b.name
                ),
                format!(
                    "{}と{}のVPCピアリングはできません: CIDRが重複しています({pairs})。IPv4が重複していると、IPv6 CIDRが一意でもリクエストは`failed`になります。",
                    a.label(), b.name
                ),
            ),
        ));
    }
}

/// Every pair (one CIDR of `a`, one of `b`) that overlaps. VPCs usually have
/// a handful of CIDRs, so small cases compare pairs directly without
/// allocating; large ones sort and sweep.
fn overlapping_cidrs(a: &Vpc, b: &Vpc) -> Vec<(IpNet, IpNet)> {
    // The common case: one IPv4 CIDR each.
    if let ([x], [y], [], []) = (
        a.ipv4_cidrs.as_slice(),
        b.ipv4_cidrs.as_slice(),
        a.ipv6_cidrs.as_slice(),
        b.ipv6_cidrs.as_slice(),
    ) {
        let (x, y) = (IpNet::V4(*x), IpNet::V4(*y));
        return if overlaps(&x, &y) {
            vec![(x, y)]
        } else {
            Vec::new()
        };
    }
    let count = |vpc: &Vpc| vpc.ipv4_cidrs.len() + vpc.ipv6_cidrs.len();
    if count(a) * count(b) <= 64 {
        return a
            .cidrs()
            .flat_map(|x| {
                b.cidrs()
                    .filter(move |y| overlaps(&x, y))
                    .map(move |y| (x, y))
            })
            .collect();
    }
    let ranges: Vec<IpNet> = a.cidrs().chain(b.cidrs()).collect();
    let ours = count(a);
    overlapping_pairs(&ranges)
        .into_iter()
        .filter(|&(i, j)| i < ours && j >= ours)
        .filter_map(|(i, j)| Some((*ranges.get(i)?, *ranges.get(j)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_overlapping_primary_cidrs_with_the_concrete_ranges() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.0.128.0/17")],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-001 link:pcx vpc:app vpc:data
              en: VPC peering between app and data is not possible: CIDRs overlap (10.0.0.0/16 ∩ 10.0.128.0/17). An IPv4 overlap sends the request to `failed` even if the IPv6 CIDRs are unique.
              ja: appとdataのVPCピアリングはできません: CIDRが重複しています(10.0.0.0/16 ∩ 10.0.128.0/17)。IPv4が重複していると、IPv6 CIDRが一意でもリクエストは`failed`になります。
        "#]],
        );
    }

    #[test]
    fn flags_an_overlap_through_a_secondary_cidr_or_ipv6() {
        let secondary = design(
            vec![
                vpc("app", "10.0.0.0/16").with_ipv4("100.64.0.0/16"),
                vpc("data", "172.16.0.0/16").with_ipv4("100.64.10.0/24"),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        check(
            &RULE,
            &secondary,
            expect![[r#"
            error PEER-001 link:pcx vpc:app vpc:data
              en: VPC peering between app and data is not possible: CIDRs overlap (100.64.0.0/16 ∩ 100.64.10.0/24). An IPv4 overlap sends the request to `failed` even if the IPv6 CIDRs are unique.
              ja: appとdataのVPCピアリングはできません: CIDRが重複しています(100.64.0.0/16 ∩ 100.64.10.0/24)。IPv4が重複していると、IPv6 CIDRが一意でもリクエストは`failed`になります。
        "#]],
        );

        let ipv6 = design(
            vec![
                vpc("app", "10.0.0.0/16").with_ipv6("2001:db8::/56"),
                vpc("data", "10.1.0.0/16").with_ipv6("2001:db8::/60"),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        check(
            &RULE,
            &ipv6,
            expect![[r#"
            error PEER-001 link:pcx vpc:app vpc:data
              en: VPC peering between app and data is not possible: CIDRs overlap (2001:db8::/56 ∩ 2001:db8::/60). An IPv4 overlap sends the request to `failed` even if the IPv6 CIDRs are unique.
              ja: appとdataのVPCピアリングはできません: CIDRが重複しています(2001:db8::/56 ∩ 2001:db8::/60)。IPv4が重複していると、IPv6 CIDRが一意でもリクエストは`failed`になります。
        "#]],
        );
    }

    #[test]
    fn many_cidrs_take_the_sweep_and_agree_with_the_direct_comparison() {
        let mut app = vpc("app", "10.0.0.0/16");
        let mut data = vpc("data", "172.16.0.0/16");
        for n in 1..=12 {
            app = app.with_ipv4(&format!("100.{n}.0.0/16"));
            data = data.with_ipv4(&format!("100.{}.0.0/24", n + 11));
        }
        // 13 × 13 CIDRs take the sweep; only 100.12.0.0/16 and 100.12.0.0/24 overlap.
        let found = overlapping_cidrs(&app, &data);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0.to_string(), "100.12.0.0/16");
        assert_eq!(found[0].1.to_string(), "100.12.0.0/24");
    }

    #[test]
    fn the_articles_example_and_unpeered_overlaps_are_clean() {
        let article = design(
            vec![vpc("source", "172.31.0.0/16"), vpc("target", "13.0.0.0/16")],
            vec![],
            vec![peering("pcx", "source", "target")],
        );
        check(&RULE, &article, expect![[""]]);

        let unpeered = design(
            vec![vpc("a", "10.0.0.0/16"), vpc("b", "10.0.0.0/16")],
            vec![],
            vec![],
        );
        check(&RULE, &unpeered, expect![[""]]);
    }
}
