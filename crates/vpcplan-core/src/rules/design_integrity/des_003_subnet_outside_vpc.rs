//! DES-003: a subnet whose CIDR is not inside its VPC's CIDRs.

use std::fmt::Display;

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-003",
        name: "subnet-outside-vpc",
        severities: &[Severity::Error],
        title: Text::new(
            "A subnet's CIDR is not inside its VPC's CIDRs",
            "サブネットのCIDRがVPCのCIDRの範囲外です",
        ),
        why: Text::new(
            "A subnet's IPv4 CIDR must be the VPC's IPv4 CIDR or a subset of one of the VPC's IPv4 CIDRs (primary or secondary), and its IPv6 CIDR must come from an IPv6 CIDR associated with the VPC. AWS rejects CreateSubnet otherwise. A subnet needs at least one of the two.",
            "サブネットのIPv4 CIDRは、VPCのIPv4 CIDR(プライマリまたはセカンダリ)のいずれかと同じか、その一部でなければなりません。IPv6 CIDRもVPCに関連付けたIPv6 CIDRから切り出す必要があります。そうでなければAWSはCreateSubnetを拒否します。サブネットにはどちらか一方のCIDRが少なくとも必要です。",
        ),
        fix: Text::new(
            "Choose a subnet CIDR inside one of the VPC's CIDRs, or add the range to the VPC as a secondary CIDR first.",
            "VPCのいずれかのCIDRに収まるサブネットCIDRを選ぶか、先にその範囲をセカンダリCIDRとしてVPCに追加してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
            "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html",
        ],
    },
    check,
};

fn list<T: Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for vpc in &index.design.vpcs {
        for subnet in &vpc.subnets {
            let name = subnet.label();
            let subjects = || {
                vec![
                    Subject::Subnet(subnet.id.clone()),
                    Subject::Vpc(vpc.id.clone()),
                ]
            };
            if subnet.ipv4_cidr.is_none() && subnet.ipv6_cidr.is_none() {
                out.push(rule.diagnostic(
                    Severity::Error,
                    subjects(),
                    Localized::new(
                        format!(
                            "Subnet {name} of VPC {} has neither an IPv4 nor an IPv6 CIDR.",
                            vpc.label()
                        ),
                        format!(
                            "VPC {}のサブネット{name}にはIPv4とIPv6のどちらのCIDRもありません。",
                            vpc.label()
                        ),
                    ),
                ));
            }
            if let Some(cidr) = subnet.ipv4_cidr
                && !vpc.ipv4_cidrs.iter().any(|range| range.contains(&cidr))
            {
                let ranges = if vpc.ipv4_cidrs.is_empty() {
                    (
                        "the VPC has no IPv4 CIDR".to_owned(),
                        "VPCにIPv4 CIDRがありません".to_owned(),
                    )
                } else {
                    let ranges = list(&vpc.ipv4_cidrs);
                    (
                        format!("VPC CIDRs: {ranges}"),
                        format!("VPCのCIDR: {ranges}"),
                    )
                };
                out.push(rule.diagnostic(
                    Severity::Error,
                    subjects(),
                    Localized::new(
                        format!(
                            "Subnet {name} ({cidr}) of VPC {} is not inside any of the VPC's IPv4 CIDRs ({}).",
                            vpc.label(), ranges.0
                        ),
                        format!(
                            "VPC {}のサブネット{name}({cidr})は、VPCのどのIPv4 CIDRにも収まっていません({})。",
                            vpc.label(), ranges.1
                        ),
                    ),
                ));
            }
            if let Some(cidr) = subnet.ipv6_cidr
                && !vpc.ipv6_cidrs.iter().any(|range| range.contains(&cidr))
            {
                let ranges = if vpc.ipv6_cidrs.is_empty() {
                    (
                        "the VPC has no IPv6 CIDR".to_owned(),
                        "VPCにIPv6 CIDRがありません".to_owned(),
                    )
                } else {
                    let ranges = list(&vpc.ipv6_cidrs);
                    (
                        format!("VPC CIDRs: {ranges}"),
                        format!("VPCのCIDR: {ranges}"),
                    )
                };
                out.push(rule.diagnostic(
                    Severity::Error,
                    subjects(),
                    Localized::new(
                        format!(
                            "Subnet {name} ({cidr}) of VPC {} is not inside any of the VPC's IPv6 CIDRs ({}).",
                            vpc.label(), ranges.0
                        ),
                        format!(
                            "VPC {}のサブネット{name}({cidr})は、VPCのどのIPv6 CIDRにも収まっていません({})。",
                            vpc.label(), ranges.1
                        ),
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_an_ipv4_subnet_outside_the_vpc_with_the_ranges() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16")
                    .with_ipv4("100.64.0.0/24")
                    .with_subnet("a", "10.1.0.0/24", 'a')
                    // Wider than the VPC CIDR that holds its address.
                    .with_subnet("b", "100.64.0.0/23", 'c'),
            ],
            vec![],
            vec![],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-003 subnet:app-a vpc:app
              en: Subnet a (10.1.0.0/24) of VPC app is not inside any of the VPC's IPv4 CIDRs (VPC CIDRs: 10.0.0.0/16, 100.64.0.0/24).
              ja: VPC appのサブネットa(10.1.0.0/24)は、VPCのどのIPv4 CIDRにも収まっていません(VPCのCIDR: 10.0.0.0/16, 100.64.0.0/24)。
            error DES-003 subnet:app-b vpc:app
              en: Subnet b (100.64.0.0/23) of VPC app is not inside any of the VPC's IPv4 CIDRs (VPC CIDRs: 10.0.0.0/16, 100.64.0.0/24).
              ja: VPC appのサブネットb(100.64.0.0/23)は、VPCのどのIPv4 CIDRにも収まっていません(VPCのCIDR: 10.0.0.0/16, 100.64.0.0/24)。
        "#]],
        );
    }

    #[test]
    fn flags_ipv6_subnets_and_subnets_without_any_cidr() {
        let mut app = vpc("app", "10.0.0.0/16")
            .with_subnet("v6", "10.0.1.0/24", 'a')
            .with_subnet("none", "10.0.2.0/24", 'a');
        app.subnets[0].ipv6_cidr = Some(v6("2001:db8:1:1::/64"));
        app.subnets[1].ipv4_cidr = None;
        check(
            &RULE,
            &design(vec![app.clone()], vec![], vec![]),
            expect![[r#"
                error DES-003 subnet:app-v6 vpc:app
                  en: Subnet v6 (2001:db8:1:1::/64) of VPC app is not inside any of the VPC's IPv6 CIDRs (the VPC has no IPv6 CIDR).
                  ja: VPC appのサブネットv6(2001:db8:1:1::/64)は、VPCのどのIPv6 CIDRにも収まっていません(VPCにIPv6 CIDRがありません)。
                error DES-003 subnet:app-none vpc:app
                  en: Subnet none of VPC app has neither an IPv4 nor an IPv6 CIDR.
                  ja: VPC appのサブネットnoneにはIPv4とIPv6のどちらのCIDRもありません。
            "#]],
        );

        let with_range = app.with_ipv6("2001:db8:2::/56");
        check(
            &RULE,
            &design(vec![with_range], vec![], vec![]),
            expect![[r#"
                error DES-003 subnet:app-v6 vpc:app
                  en: Subnet v6 (2001:db8:1:1::/64) of VPC app is not inside any of the VPC's IPv6 CIDRs (VPC CIDRs: 2001:db8:2::/56).
                  ja: VPC appのサブネットv6(2001:db8:1:1::/64)は、VPCのどのIPv6 CIDRにも収まっていません(VPCのCIDR: 2001:db8:2::/56)。
                error DES-003 subnet:app-none vpc:app
                  en: Subnet none of VPC app has neither an IPv4 nor an IPv6 CIDR.
                  ja: VPC appのサブネットnoneにはIPv4とIPv6のどちらのCIDRもありません。
            "#]],
        );
    }

    #[test]
    fn subnets_inside_primary_or_secondary_cidrs_are_clean() {
        let mut app = vpc("app", "10.0.0.0/16")
            .with_ipv4("100.64.0.0/16")
            .with_ipv6("2001:db8:1::/56")
            .with_subnet("a", "10.0.0.0/16", 'a')
            .with_subnet("b", "100.64.3.0/24", 'c')
            .with_subnet("c", "100.64.4.0/24", 'c');
        app.subnets[2].ipv4_cidr = None;
        app.subnets[2].ipv6_cidr = Some(v6("2001:db8:1:4::/64"));
        check(&RULE, &design(vec![app], vec![], vec![]), expect![[""]]);
    }
}
