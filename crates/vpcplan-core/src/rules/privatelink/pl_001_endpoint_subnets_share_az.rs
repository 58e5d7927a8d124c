//! PL-001: an interface endpoint with more than one subnet in an Availability Zone.

use crate::collections::{HashMap, HashSet};

use super::{resolved_subnets, subnet_label};
use crate::Text;
use crate::design::{EndpointTarget, Subnet};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-001",
        name: "endpoint-subnets-share-az",
        severities: &[Severity::Error],
        title: Text::new(
            "An interface endpoint uses two subnets in one Availability Zone",
            "インターフェイスエンドポイントが同じアベイラビリティーゾーンのサブネットを2つ使っています",
        ),
        why: Text::new(
            "An interface endpoint places one network interface in each Availability Zone it serves, so it takes at most one subnet per AZ; AWS rejects a second subnet in an AZ the endpoint already uses.",
            "インターフェイスエンドポイントは利用するアベイラビリティーゾーン(AZ)ごとにネットワークインターフェイスを1つ置くため、指定できるサブネットはAZごとに1つまでです。すでに使っているAZに2つ目のサブネットを指定すると、AWSはリクエストを拒否します。",
        ),
        fix: Text::new(
            "Keep one subnet per Availability Zone on the endpoint. For resilience, spread the endpoint over subnets in different AZs instead.",
            "エンドポイントにはAZごとにサブネットを1つだけ指定してください。耐障害性を高めたい場合は、異なるAZのサブネットに分散させてください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html",
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.InterfaceVpcEndpointOptions.html",
        ],
    },
    check,
};

/// The AZ of a subnet in a message: its name, and its id when known.
fn az_label(subnet: &Subnet) -> String {
    match &subnet.availability_zone_id {
        Some(id) if !subnet.availability_zone.is_empty() => {
            format!("{} / {id}", subnet.availability_zone)
        }
        Some(id) => id.clone(),
        None => subnet.availability_zone.clone(),
    }
}

/// Lists up to this long are compared pair by pair; longer ones through maps.
const PAIRWISE_LIMIT: usize = 8;

/// Whether two distinct subnets are in one AZ: by AZ id when both have one,
/// by AZ name otherwise.
fn same_az(a: &Subnet, b: &Subnet) -> bool {
    if a.id == b.id {
        return false;
    }
    match (az_id(a), az_id(b)) {
        (Some(x), Some(y)) => x == y,
        _ => !a.availability_zone.is_empty() && a.availability_zone == b.availability_zone,
    }
}

fn az_id(subnet: &Subnet) -> Option<&str> {
    subnet
        .availability_zone_id
        .as_deref()
        .filter(|id| !id.is_empty())
}

/// Each subnet that shares an AZ with an earlier one, with that earlier one.
fn clashes<'d>(subnets: &[&'d Subnet]) -> Vec<(&'d Subnet, &'d Subnet)> {
    let mut clashes = Vec::new();
    if subnets.len() <= PAIRWISE_LIMIT {
        for (position, &later) in subnets.iter().enumerate() {
            let earlier = subnets
                .iter()
                .take(position)
                .find(|&&earlier| same_az(earlier, later));
            if let Some(&earlier) = earlier {
                clashes.push((earlier, later));
            }
        }
        return clashes;
    }
    let mut by_id: HashMap<&str, &Subnet> = HashMap::default();
    let mut by_name: HashMap<&str, &Subnet> = HashMap::default();
    let mut by_name_without_id: HashMap<&str, &Subnet> = HashMap::default();
    for &subnet in subnets {
        let name = subnet.availability_zone.as_str();
        let id = az_id(subnet);
        let earlier = match id {
            Some(id) => by_id
                .get(id)
                .or_else(|| by_name_without_id.get(name).filter(|_| !name.is_empty())),
            None if name.is_empty() => None,
            None => by_name.get(name),
        };
        if let Some(&earlier) = earlier
            && earlier.id != subnet.id
        {
            clashes.push((earlier, subnet));
        }
        match id {
            Some(id) => by_id.entry(id).or_insert(subnet),
            None => by_name_without_id.entry(name).or_insert(subnet),
        };
        if !name.is_empty() {
            by_name.entry(name).or_insert(subnet);
        }
    }
    clashes
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint) in &index.interface_endpoints {
        // Only interface endpoints to services: Gateway Load Balancer
        // endpoints take a single subnet (PL-010), and the one-per-AZ limit is
        // documented for interface endpoints, not VPC Lattice endpoints.
        if endpoint.subnets.len() < 2 || !matches!(endpoint.target, EndpointTarget::Service(_)) {
            continue;
        }
        // A subnet listed twice is one subnet.
        let mut subnets: Vec<&Subnet> = Vec::with_capacity(endpoint.subnets.len());
        if endpoint.subnets.len() <= PAIRWISE_LIMIT {
            for subnet in resolved_subnets(index, &endpoint.subnets) {
                if !subnets.iter().any(|kept| kept.id == subnet.id) {
                    subnets.push(subnet);
                }
            }
        } else {
            let mut seen =
                HashSet::with_capacity_and_hasher(endpoint.subnets.len(), Default::default());
            subnets.extend(
                resolved_subnets(index, &endpoint.subnets).filter(|subnet| seen.insert(&subnet.id)),
            );
        }
        let clashes = clashes(&subnets);
        if clashes.is_empty() {
            continue;
        }
        let mut subjects = vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(endpoint.vpc.clone()),
        ];
        let mut named = HashSet::with_capacity_and_hasher(clashes.len() * 2, Default::default());
        for (earlier, later) in &clashes {
            for subnet in [earlier, later] {
                if named.insert(&subnet.id) {
                    subjects.push(Subject::Subnet(subnet.id.clone()));
                }
            }
        }
        let pairs: Vec<(String, String)> = clashes
            .iter()
            .map(|(earlier, later)| {
                (
                    format!(
                        "{} and {} are both in {}",
                        subnet_label(earlier),
                        subnet_label(later),
                        az_label(later)
                    ),
                    format!(
                        "{}と{}はどちらも{}にあります",
                        subnet_label(earlier),
                        subnet_label(later),
                        az_label(later)
                    ),
                )
            })
            .collect();
        let en: Vec<&str> = pairs.iter().map(|(en, _)| en.as_str()).collect();
        let ja: Vec<&str> = pairs.iter().map(|(_, ja)| ja.as_str()).collect();
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Interface endpoint {} lists more than one subnet in the same Availability Zone: {}. An interface endpoint can use only one subnet per Availability Zone.",
                    link.id,
                    en.join("; ")
                ),
                format!(
                    "インターフェイスエンドポイント{}に同じアベイラビリティーゾーンのサブネットが複数指定されています: {}。インターフェイスエンドポイントが使えるサブネットはAZごとに1つだけです。",
                    link.id,
                    ja.join("、")
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

    fn two_subnets_in_a() -> crate::Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16")
                    .with_subnet("a1", "10.0.1.0/24", 'a')
                    .with_subnet("a2", "10.0.2.0/24", 'a')
                    .with_subnet("c", "10.0.3.0/24", 'c'),
            ],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![interface_endpoint(
                "vpce-ssm",
                "app",
                "ssm",
                &["app-a1", "app-c", "app-a2"],
            )],
        )
    }

    #[test]
    fn flags_two_subnets_in_one_az_with_both_subnets_and_the_az() {
        check(
            &RULE,
            &two_subnets_in_a(),
            expect![[r#"
            error PL-001 link:vpce-ssm vpc:app subnet:app-a1 subnet:app-a2
              en: Interface endpoint vpce-ssm lists more than one subnet in the same Availability Zone: a1 (app-a1) and a2 (app-a2) are both in ap-northeast-1a / apne1-az4. An interface endpoint can use only one subnet per Availability Zone.
              ja: インターフェイスエンドポイントvpce-ssmに同じアベイラビリティーゾーンのサブネットが複数指定されています: a1 (app-a1)とa2 (app-a2)はどちらもap-northeast-1a / apne1-az4にあります。インターフェイスエンドポイントが使えるサブネットはAZごとに1つだけです。
        "#]],
        );
    }

    #[test]
    fn compares_az_ids_when_both_have_one_and_names_otherwise() {
        // Same name but different ids: different zones.
        let mut different_ids = two_subnets_in_a();
        subnet_mut(&mut different_ids, "app-a2").availability_zone_id = Some("apne1-az9".into());
        check(&RULE, &different_ids, expect![[""]]);

        // No id on one of them: the names decide.
        let mut one_without_id = two_subnets_in_a();
        subnet_mut(&mut one_without_id, "app-a2").availability_zone_id = None;
        check(
            &RULE,
            &one_without_id,
            expect![[r#"
            error PL-001 link:vpce-ssm vpc:app subnet:app-a1 subnet:app-a2
              en: Interface endpoint vpce-ssm lists more than one subnet in the same Availability Zone: a1 (app-a1) and a2 (app-a2) are both in ap-northeast-1a. An interface endpoint can use only one subnet per Availability Zone.
              ja: インターフェイスエンドポイントvpce-ssmに同じアベイラビリティーゾーンのサブネットが複数指定されています: a1 (app-a1)とa2 (app-a2)はどちらもap-northeast-1aにあります。インターフェイスエンドポイントが使えるサブネットはAZごとに1つだけです。
        "#]],
        );

        // Different names, same id: one zone.
        let mut same_id = two_subnets_in_a();
        interface_mut(&mut same_id, 0).subnets = vec!["app-a1".into(), "app-c".into()];
        subnet_mut(&mut same_id, "app-c").availability_zone_id = Some("apne1-az4".into());
        check(
            &RULE,
            &same_id,
            expect![[r#"
            error PL-001 link:vpce-ssm vpc:app subnet:app-a1 subnet:app-c
              en: Interface endpoint vpce-ssm lists more than one subnet in the same Availability Zone: a1 (app-a1) and c (app-c) are both in ap-northeast-1c / apne1-az4. An interface endpoint can use only one subnet per Availability Zone.
              ja: インターフェイスエンドポイントvpce-ssmに同じアベイラビリティーゾーンのサブネットが複数指定されています: a1 (app-a1)とc (app-c)はどちらもap-northeast-1c / apne1-az4にあります。インターフェイスエンドポイントが使えるサブネットはAZごとに1つだけです。
        "#]],
        );
    }

    #[test]
    fn long_subnet_lists_find_the_same_clashes_as_short_ones() {
        let mut app = vpc("app", "10.0.0.0/16");
        let mut listed = Vec::new();
        for n in 0..20u8 {
            app = app.with_subnet(&format!("s{n}"), &format!("10.0.{n}.0/24"), 'a');
            listed.push(format!("app-s{n}"));
        }
        let mut long = design(
            vec![app],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![interface_endpoint("vpce-ssm", "app", "ssm", &[])],
        );
        for (n, subnet) in long.vpcs[0].subnets.iter_mut().enumerate() {
            // Every subnet in its own zone, except s19 that shares s3's id
            // and s18 without an id that shares s0's name.
            subnet.availability_zone = format!("ap-northeast-1-z{n}");
            subnet.availability_zone_id = Some(format!("apne1-z{n}"));
        }
        subnet_mut(&mut long, "app-s19").availability_zone_id = Some("apne1-z3".into());
        let s18 = subnet_mut(&mut long, "app-s18");
        s18.availability_zone_id = None;
        s18.availability_zone = "ap-northeast-1-z0".into();
        interface_mut(&mut long, 0).subnets = listed
            .iter()
            .chain(listed.iter())
            .map(|id| id.as_str().into())
            .collect();
        check(
            &RULE,
            &long,
            expect![[r#"
            error PL-001 link:vpce-ssm vpc:app subnet:app-s0 subnet:app-s18 subnet:app-s3 subnet:app-s19
              en: Interface endpoint vpce-ssm lists more than one subnet in the same Availability Zone: s0 (app-s0) and s18 (app-s18) are both in ap-northeast-1-z0; s3 (app-s3) and s19 (app-s19) are both in ap-northeast-1-z19 / apne1-z3. An interface endpoint can use only one subnet per Availability Zone.
              ja: インターフェイスエンドポイントvpce-ssmに同じアベイラビリティーゾーンのサブネットが複数指定されています: s0 (app-s0)とs18 (app-s18)はどちらもap-northeast-1-z0にあります、s3 (app-s3)とs19 (app-s19)はどちらもap-northeast-1-z19 / apne1-z3にあります。インターフェイスエンドポイントが使えるサブネットはAZごとに1つだけです。
        "#]],
        );
    }

    #[test]
    fn one_subnet_per_az_a_repeated_id_and_dangling_subnets_are_clean() {
        let mut clean = two_subnets_in_a();
        interface_mut(&mut clean, 0).subnets = vec!["app-a1".into(), "app-c".into()];
        check(&RULE, &clean, expect![[""]]);

        let mut lattice = two_subnets_in_a();
        interface_mut(&mut lattice, 0).target = EndpointTarget::ServiceNetwork { arn: None };
        check(&RULE, &lattice, expect![[""]]);

        let mut repeated = clean.clone();
        interface_mut(&mut repeated, 0).subnets =
            vec!["app-a1".into(), "app-a1".into(), "gone".into()];
        check(&RULE, &repeated, expect![[""]]);
    }
}
