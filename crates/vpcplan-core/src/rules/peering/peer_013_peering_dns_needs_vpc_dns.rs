//! PEER-013: peering DNS resolution wanted on a VPC without DNS support or hostnames.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::ends;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-013",
        name: "peering-dns-needs-vpc-dns",
        severities: &[Severity::Error],
        title: Text::new(
            "Peering DNS resolution needs DNS support and hostnames on both VPCs",
            "ピアリングのDNS解決には両方のVPCでDNSサポートとDNSホスト名が必要です",
        ),
        why: Text::new(
            "With DNS resolution enabled on a peering, the peer's public DNS hostnames resolve to its private addresses. AWS allows the option only when both VPCs have DNS resolution (`enableDnsSupport`) and DNS hostnames (`enableDnsHostnames`) turned on. It can only be set after the peering is `active`, not at creation, and each owner sets it for their own side in their own Region.",
            "ピアリングでDNS解決を有効にすると、ピア先のパブリックDNSホスト名がプライベートアドレスに解決されます。AWSがこのオプションを許可するのは、両方のVPCでDNS解決(`enableDnsSupport`)とDNSホスト名(`enableDnsHostnames`)が有効な場合だけです。設定できるのはピアリングが`active`になった後で、作成時には設定できません。各所有者が自分の側を自分のリージョンで設定します。",
        ),
        fix: Text::new(
            "Turn on DNS resolution and DNS hostnames on both VPCs, then enable DNS resolution on the active peering from each side.",
            "両方のVPCでDNS解決とDNSホスト名を有効にしてから、アクティブになったピアリングでそれぞれの側からDNS解決を有効にしてください。",
        ),
        sources: &["https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html"],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (&(link, peering), facts) in index.peerings.iter().zip(&index.peering_facts) {
        if !facts.dns_resolution {
            continue;
        }
        let Some((requester, accepter)) = ends(index, peering) else {
            continue;
        };
        let mut missing_en = Vec::new();
        let mut missing_ja = Vec::new();
        let mut subjects = vec![Subject::Link(link.id.clone())];
        for vpc in [requester, accepter] {
            let lacks: Vec<&str> = [
                (!vpc.dns_support).then_some("enableDnsSupport"),
                (!vpc.dns_hostnames).then_some("enableDnsHostnames"),
            ]
            .into_iter()
            .flatten()
            .collect();
            if lacks.is_empty() {
                continue;
            }
            subjects.push(Subject::Vpc(vpc.id.clone()));
            missing_en.push(format!("{} lacks {}", vpc.label(), lacks.join(" and ")));
            missing_ja.push(format!("{}に{}がありません", vpc.label(), lacks.join("と")));
        }
        if missing_en.is_empty() {
            continue;
        }
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Peering {} wants DNS resolution, but {}. Peering DNS resolution needs DNS hostnames and DNS resolution on both VPCs. It can only be set after the peering is `active`, by each side's owner, in each side's Region; it cannot be set at creation.",
                    link.id,
                    missing_en.join("; ")
                ),
                format!(
                    "ピアリング{}でDNS解決を使う設定ですが、{}。ピアリングのDNS解決には両方のVPCでDNSホスト名とDNS解決が必要です。設定できるのはピアリングが`active`になった後で、各側の所有者がそれぞれのリージョンで行います。作成時には設定できません。",
                    link.id,
                    missing_ja.join("、")
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn dns_peering(data: crate::design::Vpc, wanted: bool) -> crate::Design {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16"), data],
            vec![],
            vec![peering("pcx", "app", "data")],
        );
        peering_mut(&mut design, 0).dns_resolution = wanted;
        design
    }

    #[test]
    fn flags_the_vpc_and_the_missing_attributes() {
        let mut data = vpc("data", "10.1.0.0/16");
        data.dns_hostnames = false;
        check(
            &RULE,
            &dns_peering(data, true),
            expect![[r#"
            error PEER-013 link:pcx vpc:data
              en: Peering pcx wants DNS resolution, but data lacks enableDnsHostnames. Peering DNS resolution needs DNS hostnames and DNS resolution on both VPCs. It can only be set after the peering is `active`, by each side's owner, in each side's Region; it cannot be set at creation.
              ja: ピアリングpcxでDNS解決を使う設定ですが、dataにenableDnsHostnamesがありません。ピアリングのDNS解決には両方のVPCでDNSホスト名とDNS解決が必要です。設定できるのはピアリングが`active`になった後で、各側の所有者がそれぞれのリージョンで行います。作成時には設定できません。
        "#]],
        );

        check(
            &RULE,
            &dns_peering(vpc("data", "10.1.0.0/16").without_dns(), true),
            expect![[r#"
                error PEER-013 link:pcx vpc:data
                  en: Peering pcx wants DNS resolution, but data lacks enableDnsSupport and enableDnsHostnames. Peering DNS resolution needs DNS hostnames and DNS resolution on both VPCs. It can only be set after the peering is `active`, by each side's owner, in each side's Region; it cannot be set at creation.
                  ja: ピアリングpcxでDNS解決を使う設定ですが、dataにenableDnsSupportとenableDnsHostnamesがありません。ピアリングのDNS解決には両方のVPCでDNSホスト名とDNS解決が必要です。設定できるのはピアリングが`active`になった後で、各側の所有者がそれぞれのリージョンで行います。作成時には設定できません。
            "#]],
        );
    }

    #[test]
    fn dns_on_both_sides_or_no_dns_resolution_is_clean() {
        check(
            &RULE,
            &dns_peering(vpc("data", "10.1.0.0/16"), true),
            expect![[""]],
        );
        assert!(
            run(
                &RULE,
                &dns_peering(vpc("data", "10.1.0.0/16").without_dns(), false)
            )
            .is_empty()
        );
    }
}
