//! PEER-014: IPv6 over a peering without IPv6 CIDRs or IPv6 routes.

use crate::collections::HashSet;

use crate::Text;
use crate::design::{LinkId, RouteDestination, RouteTarget, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::ends;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-014",
        name: "incomplete-ipv6-peering",
        severities: &[Severity::Warning],
        title: Text::new(
            "IPv6 over a peering lacks an IPv6 CIDR or IPv6 routes",
            "ピアリングでのIPv6通信にIPv6 CIDRまたはIPv6ルートがありません",
        ),
        why: Text::new(
            "A peering carries IPv6, within a Region and between Regions alike, but not automatically: each VPC needs an IPv6 CIDR, the instances must be IPv6-enabled, and each side needs routes for the peer's IPv6 CIDR (`DestinationIpv6CidrBlock`) to the peering connection.",
            "ピアリングは同一リージョン内でもリージョン間でもIPv6を通せますが、自動ではありません。各VPCにIPv6 CIDRが必要で、インスタンスでIPv6を有効にし、両側でピア先のIPv6 CIDR(`DestinationIpv6CidrBlock`)をピアリング接続に向けるルートが必要です。",
        ),
        fix: Text::new(
            "Associate an IPv6 CIDR with each VPC, enable IPv6 on the instances, and add IPv6 routes to the peer through the peering in the route tables of the communicating subnets on both sides.",
            "各VPCにIPv6 CIDRを関連付け、インスタンスでIPv6を有効にし、両側の通信するサブネットのルートテーブルに、ピアリング経由でピア先へ向かうIPv6ルートを追加してください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
            "https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/vpc-peering.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // The VPCs of IPv6 peerings, then which of them route IPv6 through which
    // peering: one pass over those VPCs' routes.
    let involved: HashSet<&VpcId> = index
        .peerings
        .iter()
        .filter(|(_, peering)| peering.ipv6)
        .flat_map(|(_, peering)| [&peering.requester, &peering.accepter])
        .collect();
    if involved.is_empty() {
        return;
    }
    let mut routed: HashSet<(&VpcId, &LinkId)> = HashSet::default();
    for vpc in &index.design.vpcs {
        if !involved.contains(&vpc.id) {
            continue;
        }
        for table in &vpc.route_tables {
            for route in index.routes_of(&table.id) {
                if let (RouteDestination::Ipv6(_), RouteTarget::Peering(link)) =
                    (&route.destination, &route.target)
                {
                    routed.insert((&vpc.id, link));
                }
            }
        }
    }

    for &(link, peering) in &index.peerings {
        if !peering.ipv6 {
            continue;
        }
        let Some((requester, accepter)) = ends(index, peering) else {
            continue;
        };
        let mut problems_en = Vec::new();
        let mut problems_ja = Vec::new();
        let mut subjects = vec![Subject::Link(link.id.clone())];
        for vpc in [requester, accepter] {
            if vpc.ipv6_cidrs.is_empty() {
                problems_en.push(format!("{} has no IPv6 CIDR", vpc.label()));
                problems_ja.push(format!("{}にIPv6 CIDRがありません", vpc.label()));
                subjects.push(Subject::Vpc(vpc.id.clone()));
            }
        }
        for (local, peer) in [(requester, accepter), (accepter, requester)] {
            if peer.ipv6_cidrs.is_empty() || routed.contains(&(&local.id, &link.id)) {
                continue;
            }
            problems_en.push(format!(
                "{} has no IPv6 route to {} through the peering",
                local.label(),
                peer.name
            ));
            problems_ja.push(format!(
                "{}にピアリング経由で{}へ向かうIPv6ルートがありません",
                local.label(),
                peer.name
            ));
            if !subjects.contains(&Subject::Vpc(local.id.clone())) {
                subjects.push(Subject::Vpc(local.id.clone()));
            }
        }
        if problems_en.is_empty() {
            continue;
        }
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Peering {} is meant to carry IPv6, but {}. IPv6 over peering (intra- and inter-Region) needs an IPv6 CIDR on each VPC, IPv6-enabled instances and explicit IPv6 routes.",
                    link.id,
                    problems_en.join("; ")
                ),
                format!(
                    "ピアリング{}でIPv6を通す設定ですが、{}。ピアリングでのIPv6通信(リージョン内・リージョン間)には、各VPCのIPv6 CIDR、IPv6を有効にしたインスタンス、明示的なIPv6ルートが必要です。",
                    link.id,
                    problems_ja.join("、")
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::RouteTableId;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn ipv6_peering(app: crate::design::Vpc, data: crate::design::Vpc) -> crate::Design {
        let mut design = design(vec![app, data], vec![], vec![peering("pcx", "app", "data")]);
        peering_mut(&mut design, 0).ipv6 = true;
        design
    }

    #[test]
    fn flags_a_vpc_without_an_ipv6_cidr() {
        let design = ipv6_peering(
            vpc("app", "10.0.0.0/16").with_ipv6("2001:db8:1::/56"),
            vpc("data", "10.1.0.0/16").in_region("us-east-1"),
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-014 link:pcx vpc:data
              en: Peering pcx is meant to carry IPv6, but data has no IPv6 CIDR. IPv6 over peering (intra- and inter-Region) needs an IPv6 CIDR on each VPC, IPv6-enabled instances and explicit IPv6 routes.
              ja: ピアリングpcxでIPv6を通す設定ですが、dataにIPv6 CIDRがありません。ピアリングでのIPv6通信(リージョン内・リージョン間)には、各VPCのIPv6 CIDR、IPv6を有効にしたインスタンス、明示的なIPv6ルートが必要です。
        "#]],
        );

        // data has no IPv6 CIDR (so app has nothing to route to); data does
        // get the derived route to app's IPv6 CIDR.
    }

    #[test]
    fn flags_a_side_whose_tables_are_excluded() {
        let mut design = ipv6_peering(
            vpc("app", "10.0.0.0/16").with_ipv6("2001:db8:1::/56"),
            vpc("data", "10.1.0.0/16").with_ipv6("2001:db8:2::/56"),
        );
        peering_mut(&mut design, 0).excluded_route_tables = vec![RouteTableId::new("app-rtb")];
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PEER-014 link:pcx vpc:app
              en: Peering pcx is meant to carry IPv6, but app has no IPv6 route to data through the peering. IPv6 over peering (intra- and inter-Region) needs an IPv6 CIDR on each VPC, IPv6-enabled instances and explicit IPv6 routes.
              ja: ピアリングpcxでIPv6を通す設定ですが、appにピアリング経由でdataへ向かうIPv6ルートがありません。ピアリングでのIPv6通信(リージョン内・リージョン間)には、各VPCのIPv6 CIDR、IPv6を有効にしたインスタンス、明示的なIPv6ルートが必要です。
        "#]],
        );
    }

    #[test]
    fn both_cidrs_with_derived_routes_or_no_ipv6_wanted_are_clean() {
        let dual = ipv6_peering(
            vpc("app", "10.0.0.0/16").with_ipv6("2001:db8:1::/56"),
            vpc("data", "10.1.0.0/16")
                .with_ipv6("2001:db8:2::/56")
                .in_region("us-east-1"),
        );
        check(&RULE, &dual, expect![[""]]);

        let ipv4_only = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        check(&RULE, &ipv4_only, expect![[""]]);
    }
}
