//! DES-005: a VPC's own CIDRs are missing, of a size AWS does not allow, or
//! overlap each other.

use ipnet::IpNet;

use crate::Text;
use crate::cidr::overlapping_pairs;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// The widest IPv4 CIDR a VPC can have (65,536 addresses).
const WIDEST: u8 = 16;
/// The narrowest IPv4 CIDR a VPC can have (16 addresses).
const NARROWEST: u8 = 28;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-005",
        name: "invalid-vpc-cidrs",
        severities: &[Severity::Error],
        title: Text::new(
            "A VPC's CIDRs are missing, mis-sized or overlapping",
            "VPCのCIDRがない、サイズが不正、または重複しています",
        ),
        why: Text::new(
            "Every VPC has a primary IPv4 CIDR, and every IPv4 CIDR of a VPC (primary or secondary) must be between /16 (65,536 addresses) and /28 (16 addresses). A secondary CIDR must not overlap any CIDR already associated with the VPC.",
            "すべてのVPCにはプライマリIPv4 CIDRがあり、VPCのIPv4 CIDR(プライマリ・セカンダリとも)は/16(65,536アドレス)から/28(16アドレス)の間でなければなりません。セカンダリCIDRは、VPCにすでに関連付けられたCIDRと重複してはいけません。",
        ),
        fix: Text::new(
            "Give the VPC a primary IPv4 CIDR between /16 and /28 (for example from RFC 1918 space), split wider ranges into several CIDRs of at most /16, and drop or change secondary CIDRs that overlap another CIDR of the VPC.",
            "VPCに/16から/28のプライマリIPv4 CIDR(たとえばRFC 1918の範囲)を設定し、/16より広い範囲は/16以下の複数のCIDRに分け、VPCのほかのCIDRと重複するセカンダリCIDRは削除または変更してください。",
        ),
        sources: &["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html"],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut ranges: Vec<IpNet> = Vec::new();
    for vpc in &index.design.vpcs {
        let subjects = || vec![Subject::Vpc(vpc.id.clone())];
        if vpc.ipv4_cidrs.is_empty() {
            out.push(rule.diagnostic(
                Severity::Error,
                subjects(),
                Localized::new(
                    format!("VPC {} has no IPv4 CIDR; every VPC needs a primary IPv4 CIDR.", vpc.label()),
                    format!("VPC {}にIPv4 CIDRがありません。すべてのVPCにはプライマリIPv4 CIDRが必要です。", vpc.label()),
                ),
            ));
        }
        for cidr in &vpc.ipv4_cidrs {
            let length = cidr.prefix_len();
            if (WIDEST..=NARROWEST).contains(&length) {
                continue;
            }
            let (en, ja) = if length < WIDEST {
                ("wider than", "より広く")
            } else {
                ("narrower than", "より狭く")
            };
            let limit = if length < WIDEST { WIDEST } else { NARROWEST };
            out.push(rule.diagnostic(
                Severity::Error,
                subjects(),
                Localized::new(
                    format!(
                        "IPv4 CIDR {cidr} of VPC {} is {en} /{limit}; a VPC's IPv4 CIDRs must be between /{WIDEST} and /{NARROWEST}.",
                        vpc.label()
                    ),
                    format!(
                        "VPC {}のIPv4 CIDR {cidr}は/{limit}{ja}、VPCのIPv4 CIDRは/{WIDEST}から/{NARROWEST}の間でなければなりません。",
                        vpc.label()
                    ),
                ),
            ));
        }
        ranges.clear();
        ranges.extend(vpc.cidrs());
        if ranges.len() < 2 {
            continue;
        }
        for (i, j) in overlapping_pairs(&ranges) {
            let (Some(a), Some(b)) = (ranges.get(i), ranges.get(j)) else {
                continue;
            };
            out.push(rule.diagnostic(
                Severity::Error,
                subjects(),
                Localized::new(
                    format!(
                        "CIDRs {a} and {b} of VPC {} overlap; a VPC's CIDRs must not overlap each other.",
                        vpc.label()
                    ),
                    format!(
                        "VPC {}のCIDR {a}と{b}が重複しています。VPCのCIDRどうしは重複できません。",
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
    fn flags_a_vpc_without_ipv4() {
        let mut app = vpc("app", "10.0.0.0/16").with_ipv6("2001:db8::/56");
        app.ipv4_cidrs.clear();
        check(
            &RULE,
            &design(vec![app], vec![], vec![]),
            expect![[r#"
            error DES-005 vpc:app
              en: VPC app has no IPv4 CIDR; every VPC needs a primary IPv4 CIDR.
              ja: VPC appにIPv4 CIDRがありません。すべてのVPCにはプライマリIPv4 CIDRが必要です。
        "#]],
        );
    }

    #[test]
    fn flags_sizes_outside_16_to_28() {
        let design = design(
            vec![
                vpc("wide", "10.0.0.0/15"),
                vpc("narrow", "10.4.0.0/29"),
                vpc("secondary", "10.6.0.0/16").with_ipv4("100.64.0.0/10"),
            ],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-005 vpc:wide
              en: IPv4 CIDR 10.0.0.0/15 of VPC wide is wider than /16; a VPC's IPv4 CIDRs must be between /16 and /28.
              ja: VPC wideのIPv4 CIDR 10.0.0.0/15は/16より広く、VPCのIPv4 CIDRは/16から/28の間でなければなりません。
            error DES-005 vpc:narrow
              en: IPv4 CIDR 10.4.0.0/29 of VPC narrow is narrower than /28; a VPC's IPv4 CIDRs must be between /16 and /28.
              ja: VPC narrowのIPv4 CIDR 10.4.0.0/29は/28より狭く、VPCのIPv4 CIDRは/16から/28の間でなければなりません。
            error DES-005 vpc:secondary
              en: IPv4 CIDR 100.64.0.0/10 of VPC secondary is wider than /16; a VPC's IPv4 CIDRs must be between /16 and /28.
              ja: VPC secondaryのIPv4 CIDR 100.64.0.0/10は/16より広く、VPCのIPv4 CIDRは/16から/28の間でなければなりません。
        "#]],
        );
    }

    #[test]
    fn flags_overlapping_cidrs_of_one_vpc() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16")
                    .with_ipv4("10.0.128.0/17")
                    .with_ipv6("2001:db8::/56")
                    .with_ipv6("2001:db8::/56"),
            ],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-005 vpc:app
              en: CIDRs 10.0.0.0/16 and 10.0.128.0/17 of VPC app overlap; a VPC's CIDRs must not overlap each other.
              ja: VPC appのCIDR 10.0.0.0/16と10.0.128.0/17が重複しています。VPCのCIDRどうしは重複できません。
            error DES-005 vpc:app
              en: CIDRs 2001:db8::/56 and 2001:db8::/56 of VPC app overlap; a VPC's CIDRs must not overlap each other.
              ja: VPC appのCIDR 2001:db8::/56と2001:db8::/56が重複しています。VPCのCIDRどうしは重複できません。
        "#]],
        );
    }

    #[test]
    fn valid_cidrs_and_overlaps_between_vpcs_are_clean() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16")
                    .with_ipv4("10.1.0.0/28")
                    .with_ipv6("2001:db8::/56"),
                vpc("copy", "10.0.0.0/16"),
            ],
            vec![],
            vec![],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
