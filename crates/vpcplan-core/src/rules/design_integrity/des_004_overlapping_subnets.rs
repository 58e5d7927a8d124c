//! DES-004: subnets of one VPC whose CIDRs overlap.

use ipnet::IpNet;

use crate::Text;
use crate::cidr::overlapping_pairs;
use crate::design::Subnet;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-004",
        name: "overlapping-subnets",
        severities: &[Severity::Error],
        title: Text::new(
            "Subnets of one VPC overlap",
            "同じVPCのサブネットのCIDRが重複しています",
        ),
        why: Text::new(
            "The subnets of a VPC share its address space and each address belongs to exactly one subnet: a subnet CIDR must not overlap the CIDR of any other subnet in the VPC, for IPv4 and IPv6 alike. AWS rejects CreateSubnet with an InvalidSubnet.Conflict error otherwise.",
            "VPCのサブネットはVPCのアドレス空間を分け合い、各アドレスは1つのサブネットだけに属します。サブネットのCIDRは、IPv4でもIPv6でも、同じVPCのほかのサブネットのCIDRと重複してはいけません。重複するとAWSはCreateSubnetをInvalidSubnet.Conflictエラーで拒否します。",
        ),
        fix: Text::new(
            "Give each subnet its own, non-overlapping part of the VPC's CIDRs.",
            "各サブネットに、VPCのCIDRのうち重複しない範囲を割り当ててください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
            "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // Reused for every VPC.
    let mut ranges: Vec<IpNet> = Vec::new();
    let mut owners: Vec<&Subnet> = Vec::new();
    for vpc in &index.design.vpcs {
        ranges.clear();
        owners.clear();
        for subnet in &vpc.subnets {
            if let Some(cidr) = subnet.ipv4_cidr {
                ranges.push(IpNet::V4(cidr));
                owners.push(subnet);
            }
            if let Some(cidr) = subnet.ipv6_cidr {
                ranges.push(IpNet::V6(cidr));
                owners.push(subnet);
            }
        }
        if ranges.len() < 2 {
            continue;
        }
        for (i, j) in overlapping_pairs(&ranges) {
            let (Some(a), Some(b), Some(range_a), Some(range_b)) =
                (owners.get(i), owners.get(j), ranges.get(i), ranges.get(j))
            else {
                continue;
            };
            let (name_a, name_b) = (a.label(), b.label());
            out.push(rule.diagnostic(
                Severity::Error,
                vec![
                    Subject::Subnet(a.id.clone()),
                    Subject::Subnet(b.id.clone()),
                    Subject::Vpc(vpc.id.clone()),
                ],
                Localized::new(
                    format!(
                        "Subnets {name_a} ({range_a}) and {name_b} ({range_b}) of VPC {} overlap; subnet CIDRs in a VPC must not overlap.",
                        vpc.label()
                    ),
                    format!(
                        "VPC {}のサブネット{name_a}({range_a})と{name_b}({range_b})のCIDRが重複しています。VPC内のサブネットのCIDRは重複できません。",
                        vpc.label()
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
    fn flags_each_overlapping_pair_with_its_ranges() {
        let app = vpc("app", "10.0.0.0/16")
            .with_subnet("wide", "10.0.0.0/23", 'a')
            .with_subnet("inside", "10.0.1.0/24", 'c')
            .with_subnet("same", "10.0.1.0/24", 'd')
            .with_subnet("apart", "10.0.9.0/24", 'd');
        check(
            &RULE,
            &design(vec![app], vec![], vec![]),
            expect![[r#"
            error DES-004 subnet:app-wide subnet:app-inside vpc:app
              en: Subnets wide (10.0.0.0/23) and inside (10.0.1.0/24) of VPC app overlap; subnet CIDRs in a VPC must not overlap.
              ja: VPC appのサブネットwide(10.0.0.0/23)とinside(10.0.1.0/24)のCIDRが重複しています。VPC内のサブネットのCIDRは重複できません。
            error DES-004 subnet:app-wide subnet:app-same vpc:app
              en: Subnets wide (10.0.0.0/23) and same (10.0.1.0/24) of VPC app overlap; subnet CIDRs in a VPC must not overlap.
              ja: VPC appのサブネットwide(10.0.0.0/23)とsame(10.0.1.0/24)のCIDRが重複しています。VPC内のサブネットのCIDRは重複できません。
            error DES-004 subnet:app-inside subnet:app-same vpc:app
              en: Subnets inside (10.0.1.0/24) and same (10.0.1.0/24) of VPC app overlap; subnet CIDRs in a VPC must not overlap.
              ja: VPC appのサブネットinside(10.0.1.0/24)とsame(10.0.1.0/24)のCIDRが重複しています。VPC内のサブネットのCIDRは重複できません。
        "#]],
        );
    }

    #[test]
    fn flags_overlapping_ipv6_subnets() {
        let mut app = vpc("app", "10.0.0.0/16")
            .with_ipv6("2001:db8::/56")
            .with_subnet("a", "10.0.1.0/24", 'a')
            .with_subnet("b", "10.0.2.0/24", 'c');
        app.subnets[0].ipv6_cidr = Some(v6("2001:db8::/64"));
        app.subnets[1].ipv6_cidr = Some(v6("2001:db8::/64"));
        check(
            &RULE,
            &design(vec![app], vec![], vec![]),
            expect![[r#"
            error DES-004 subnet:app-a subnet:app-b vpc:app
              en: Subnets a (2001:db8::/64) and b (2001:db8::/64) of VPC app overlap; subnet CIDRs in a VPC must not overlap.
              ja: VPC appのサブネットa(2001:db8::/64)とb(2001:db8::/64)のCIDRが重複しています。VPC内のサブネットのCIDRは重複できません。
        "#]],
        );
    }

    #[test]
    fn disjoint_subnets_and_overlaps_across_vpcs_are_clean() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16")
                    .with_subnet("a", "10.0.0.0/24", 'a')
                    .with_subnet("b", "10.0.1.0/24", 'c'),
                vpc("copy", "10.0.0.0/16").with_subnet("a", "10.0.0.0/24", 'a'),
            ],
            vec![],
            vec![],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
