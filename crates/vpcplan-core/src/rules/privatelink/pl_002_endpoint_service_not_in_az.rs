//! PL-002: an endpoint subnet in an Availability Zone the endpoint service is
//! not offered in.

use crate::collections::{HashMap, HashSet};

use super::{
    dedup_subnets, provider_of, resolved_subnets, service_label, subnet_label, target_service,
};
use crate::Text;
use crate::design::ServiceId;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-002",
        name: "endpoint-service-not-in-az",
        severities: &[Severity::Warning],
        title: Text::new(
            "An endpoint subnet is in an Availability Zone the service is not offered in",
            "エンドポイントのサブネットが、サービスの提供されていないアベイラビリティーゾーンにあります",
        ),
        why: Text::new(
            "A consumer can place endpoint network interfaces only in the Availability Zones it has in common with the provider's load balancers. AZ names such as ap-northeast-1a map to different physical zones in different accounts, so only AZ ids (such as apne1-az4) can be compared across accounts.",
            "エンドポイントのネットワークインターフェイスを置けるのは、サービスプロバイダーのロードバランサーと共通のアベイラビリティーゾーン(AZ)だけです。ap-northeast-1aのようなAZ名はアカウントごとに異なる物理AZに対応するため、アカウントをまたいで比較できるのはapne1-az4のようなAZ IDだけです。",
        ),
        fix: Text::new(
            "Move the endpoint to subnets in AZs (by AZ id) where the service is offered, or ask the provider to enable its load balancer in the missing AZs.",
            "サービスが提供されているAZ(AZ IDで確認)のサブネットにエンドポイントを移すか、不足しているAZでもロードバランサーを有効にするようプロバイダーに依頼してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointServices.html",
        ],
    },
    check,
};

/// AZ lists up to this long are scanned rather than hashed.
const LINEAR_LIMIT: usize = 16;

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // The AZ ids of each endpoint service, built once per service.
    let mut offered_by: HashMap<&ServiceId, HashSet<&str>> = HashMap::default();
    for (link, endpoint, endpoint_vpc) in index.interface_endpoints_with_vpc() {
        let Some(service) = target_service(index, endpoint) else {
            continue;
        };
        let Some(provider) = provider_of(service) else {
            continue;
        };
        if provider.availability_zone_ids.is_empty() {
            continue;
        }
        let Some(vpc) = endpoint_vpc else {
            continue;
        };
        // A cross-Region endpoint sits in the consumer Region's zones, which
        // the provider's AZ list does not describe (PL-007 judges it).
        if vpc.region != service.region {
            continue;
        }
        // Short AZ lists (the usual handful) are scanned; long ones hashed once.
        let zones = &provider.availability_zone_ids;
        let offered: Option<&HashSet<&str>> = (zones.len() > LINEAR_LIMIT).then(|| {
            &*offered_by
                .entry(&service.id)
                .or_insert_with(|| zones.iter().map(String::as_str).collect())
        });
        let is_offered = |az_id: &str| match offered {
            Some(set) => set.contains(az_id),
            None => zones.iter().any(|zone| zone == az_id),
        };
        let mut outside: Vec<_> = resolved_subnets(index, &endpoint.subnets)
            .filter_map(|subnet| {
                let az_id = subnet.availability_zone_id.as_deref()?;
                (!is_offered(az_id)).then_some((subnet, az_id))
            })
            .collect();
        dedup_subnets(&mut outside);
        if outside.is_empty() {
            continue;
        }
        let mut subjects = vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(vpc.id.clone()),
            Subject::Service(service.id.clone()),
        ];
        subjects.extend(
            outside
                .iter()
                .map(|(subnet, _)| Subject::Subnet(subnet.id.clone())),
        );
        let placed: Vec<String> = outside
            .iter()
            .map(|(subnet, az_id)| format!("{} in {az_id}", subnet_label(subnet)))
            .collect();
        let placed_ja: Vec<String> = outside
            .iter()
            .map(|(subnet, az_id)| format!("{}({az_id})", subnet_label(subnet)))
            .collect();
        let offered_list = provider.availability_zone_ids.join(", ");
        let name = service_label(service);
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Service {name} is not available in the AZs of endpoint {}'s subnet(s) {}; it is offered in {offered_list}. Only AZs common to provider and consumer work; compare AZ IDs, not names, across accounts.",
                    link.id,
                    placed.join(", ")
                ),
                format!(
                    "サービス{name}は、エンドポイント{}のサブネット{}のAZでは提供されていません(提供AZ: {offered_list})。使えるのはプロバイダーとコンシューマーに共通のAZだけです。アカウントをまたぐ場合はAZ名ではなくAZ IDで比較してください。",
                    link.id,
                    placed_ja.join("、")
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

    /// A consumer in account B with subnets in az4 and az1, reaching a
    /// provider's service in account A.
    fn consumer_of_service_in(az_ids: &[&str]) -> crate::Design {
        let mut design = design(
            vec![
                vpc("provider", "10.0.0.0/16"),
                vpc("consumer", "10.1.0.0/16")
                    .in_account(ACCOUNT_B)
                    .with_subnet("a", "10.1.1.0/24", 'a')
                    .with_subnet("c", "10.1.2.0/24", 'c'),
            ],
            vec![endpoint_service("api", "provider", "ap-northeast-1")],
            vec![interface_endpoint(
                "vpce-api",
                "consumer",
                "api",
                &["consumer-a", "consumer-c"],
            )],
        );
        provider_mut(&mut design, 0).availability_zone_ids =
            az_ids.iter().map(|&id| id.to_owned()).collect();
        design
    }

    #[test]
    fn flags_a_subnet_whose_az_id_the_service_lacks() {
        check(
            &RULE,
            &consumer_of_service_in(&["apne1-az4", "apne1-az2"]),
            expect![[r#"
                warning PL-002 link:vpce-api vpc:consumer service:api subnet:consumer-c
                  en: Service api is not available in the AZs of endpoint vpce-api's subnet(s) c (consumer-c) in apne1-az1; it is offered in apne1-az4, apne1-az2. Only AZs common to provider and consumer work; compare AZ IDs, not names, across accounts.
                  ja: サービスapiは、エンドポイントvpce-apiのサブネットc (consumer-c)(apne1-az1)のAZでは提供されていません(提供AZ: apne1-az4, apne1-az2)。使えるのはプロバイダーとコンシューマーに共通のAZだけです。アカウントをまたぐ場合はAZ名ではなくAZ IDで比較してください。
            "#]],
        );
    }

    #[test]
    fn long_az_lists_are_judged_the_same_way() {
        let mut zones: Vec<String> = (10..30).map(|n| format!("apne1-az{n}")).collect();
        zones.push("apne1-az4".to_owned());
        let refs: Vec<&str> = zones.iter().map(String::as_str).collect();
        check(
            &RULE,
            &consumer_of_service_in(&refs),
            expect![[r#"
            warning PL-002 link:vpce-api vpc:consumer service:api subnet:consumer-c
              en: Service api is not available in the AZs of endpoint vpce-api's subnet(s) c (consumer-c) in apne1-az1; it is offered in apne1-az10, apne1-az11, apne1-az12, apne1-az13, apne1-az14, apne1-az15, apne1-az16, apne1-az17, apne1-az18, apne1-az19, apne1-az20, apne1-az21, apne1-az22, apne1-az23, apne1-az24, apne1-az25, apne1-az26, apne1-az27, apne1-az28, apne1-az29, apne1-az4. Only AZs common to provider and consumer work; compare AZ IDs, not names, across accounts.
              ja: サービスapiは、エンドポイントvpce-apiのサブネットc (consumer-c)(apne1-az1)のAZでは提供されていません(提供AZ: apne1-az10, apne1-az11, apne1-az12, apne1-az13, apne1-az14, apne1-az15, apne1-az16, apne1-az17, apne1-az18, apne1-az19, apne1-az20, apne1-az21, apne1-az22, apne1-az23, apne1-az24, apne1-az25, apne1-az26, apne1-az27, apne1-az28, apne1-az29, apne1-az4)。使えるのはプロバイダーとコンシューマーに共通のAZだけです。アカウントをまたぐ場合はAZ名ではなくAZ IDで比較してください。
        "#]],
        );
    }

    #[test]
    fn matching_ids_an_unknown_az_list_and_aws_services_are_clean() {
        check(
            &RULE,
            &consumer_of_service_in(&["apne1-az1", "apne1-az4"]),
            expect![[""]],
        );
        check(&RULE, &consumer_of_service_in(&[]), expect![[""]]);

        let mut no_ids = consumer_of_service_in(&["apne1-az2"]);
        subnet_mut(&mut no_ids, "consumer-a").availability_zone_id = None;
        subnet_mut(&mut no_ids, "consumer-c").availability_zone_id = None;
        check(&RULE, &no_ids, expect![[""]]);

        let aws = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![interface_endpoint("vpce", "app", "ssm", &["app-a"])],
        );
        check(&RULE, &aws, expect![[""]]);
    }

    #[test]
    fn cross_region_endpoints_are_left_to_pl_007() {
        let mut design = consumer_of_service_in(&["use1-az1"]);
        design.services[0].region = "us-east-1".to_owned();
        check(&RULE, &design, expect![[""]]);
    }
}
