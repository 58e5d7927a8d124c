//! PL-008: an endpoint service without exactly one kind of load balancer, an
//! NLB shared by two endpoint services, or an NLB with too many listeners.

use crate::collections::{HashMap, HashSet};

use super::provider_of;
use crate::Text;
use crate::design::{AccountId, Service};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// PrivateLink does not support NLBs with more listeners than this.
const MAX_NLB_LISTENERS: u32 = 50;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-008",
        name: "unusable-endpoint-service-load-balancers",
        severities: &[Severity::Error],
        title: Text::new(
            "The endpoint service's load balancers are not usable",
            "エンドポイントサービスのロードバランサー構成が使えません",
        ),
        why: Text::new(
            "An endpoint service is fronted either by Network Load Balancers (consumed through interface endpoints) or by Gateway Load Balancers (consumed through Gateway Load Balancer endpoints), never by neither or both. An NLB can be associated with only one endpoint service, and PrivateLink does not support NLBs with more than 50 listeners.",
            "エンドポイントサービスの前段には、ネットワークロードバランサー(インターフェイスエンドポイントで利用)かゲートウェイロードバランサー(ゲートウェイロードバランサーエンドポイントで利用)のどちらか一方が必要で、どちらもない構成や両方ある構成は作れません。1つのNLBを関連付けられるエンドポイントサービスは1つだけで、PrivateLinkはリスナーが50を超えるNLBに対応していません。",
        ),
        fix: Text::new(
            "Give each endpoint service NLBs or GWLBs (not both), use a separate NLB for each endpoint service, and keep each NLB at 50 listeners or fewer (split the ports over several NLBs or services).",
            "各エンドポイントサービスにはNLBかGWLBのどちらか一方を設定し、エンドポイントサービスごとに別のNLBを使い、NLBのリスナーは50以下にしてください(ポートを複数のNLBやサービスに分けてください)。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html",
            "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/load-balancer-vpc-endpoints.html",
        ],
    },
    check,
};

/// Who an NLB is, whether given by name or by ARN: its account, Region and
/// name (NLB names are unique per account and Region).
fn nlb_key(
    name: &str,
    service: &Service,
    provider_account: Option<&AccountId>,
) -> (String, String, String) {
    // arn:<partition>:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>
    let mut parts = name.splitn(6, ':');
    if let (
        Some("arn"),
        Some(_),
        Some("elasticloadbalancing"),
        Some(region),
        Some(account),
        Some(resource),
    ) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) && let Some(lb_name) = resource.split('/').nth(2)
    {
        return (account.to_owned(), region.to_owned(), lb_name.to_owned());
    }
    (
        provider_account
            .map(|account| account.to_string())
            .unwrap_or_default(),
        service.region.clone(),
        name.trim().to_owned(),
    )
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // Every NLB, in first-seen order, with the services that use it.
    let mut nlb_positions: HashMap<(String, String, String), usize> = HashMap::default();
    let mut nlbs: Vec<(&str, Vec<&Service>)> = Vec::new();

    for service in &index.design.services {
        let Some(provider) = provider_of(service) else {
            continue;
        };
        let provider_vpc = index.vpc(&provider.provider_vpc);
        let name = service.label();
        let mut subjects = vec![Subject::Service(service.id.clone())];
        if let Some(vpc) = provider_vpc {
            subjects.push(Subject::Vpc(vpc.id.clone()));
        }

        let has_nlb = !provider.network_load_balancers.is_empty();
        let has_gwlb = !provider.gateway_load_balancers.is_empty();
        if has_nlb == has_gwlb {
            let (en, ja) = if has_nlb {
                (
                    format!(
                        "Endpoint service {name} has both Network Load Balancers ({}) and Gateway Load Balancers ({})",
                        names(&provider.network_load_balancers),
                        names(&provider.gateway_load_balancers)
                    ),
                    format!(
                        "エンドポイントサービス{name}にネットワークロードバランサー({})とゲートウェイロードバランサー({})の両方が設定されています",
                        names(&provider.network_load_balancers),
                        names(&provider.gateway_load_balancers)
                    ),
                )
            } else {
                (
                    format!("Endpoint service {name} has no load balancer"),
                    format!("エンドポイントサービス{name}にロードバランサーがありません"),
                )
            };
            out.push(rule.diagnostic(
                Severity::Error,
                subjects.clone(),
                Localized::new(
                    format!(
                        "{en}. An endpoint service needs NLB ARNs (interface consumers) or GWLB ARNs (GWLB-endpoint consumers), not both."
                    ),
                    format!(
                        "{ja}。エンドポイントサービスには、NLBのARN(インターフェイスエンドポイントで利用)かGWLBのARN(GWLBエンドポイントで利用)のどちらか一方が必要です。"
                    ),
                ),
            ));
        }

        for nlb in &provider.network_load_balancers {
            if nlb.listeners > MAX_NLB_LISTENERS {
                out.push(rule.diagnostic(
                    Severity::Error,
                    subjects.clone(),
                    Localized::new(
                        format!(
                            "Network Load Balancer {} of endpoint service {name} has {} listeners; PrivateLink does not support NLBs with more than 50 listeners.",
                            nlb.name, nlb.listeners
                        ),
                        format!(
                            "エンドポイントサービス{name}のネットワークロードバランサー{}にはリスナーが{}個あります。PrivateLinkはリスナーが50を超えるNLBに対応していません。",
                            nlb.name, nlb.listeners
                        ),
                    ),
                ));
            }
            let key = nlb_key(&nlb.name, service, provider_vpc.map(|vpc| &vpc.account));
            let position = *nlb_positions.entry(key).or_insert_with(|| {
                nlbs.push((nlb.name.as_str(), Vec::new()));
                nlbs.len() - 1
            });
            // A service lists its NLBs together, so a repeat is its last user.
            if let Some((_, users)) = nlbs.get_mut(position)
                && users.last().is_none_or(|user| user.id != service.id)
            {
                users.push(service);
            }
        }
    }

    for (nlb, users) in nlbs {
        if users.len() < 2 {
            continue;
        }
        let listed: Vec<&str> = users.iter().map(|service| service.label()).collect();
        let listed = listed.join(", ");
        let mut subjects: Vec<Subject> = users
            .iter()
            .map(|service| Subject::Service(service.id.clone()))
            .collect();
        let mut provider_vpcs = HashSet::default();
        for service in &users {
            if let Some(provider) = provider_of(service)
                && index.vpc(&provider.provider_vpc).is_some()
                && provider_vpcs.insert(&provider.provider_vpc)
            {
                subjects.push(Subject::Vpc(provider.provider_vpc.clone()));
            }
        }
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Network Load Balancer {nlb} backs {} endpoint services ({listed}); an NLB can back only one endpoint service.",
                    users.len()
                ),
                format!(
                    "ネットワークロードバランサー{nlb}が{}つのエンドポイントサービス({listed})に使われています。1つのNLBを使えるエンドポイントサービスは1つだけです。",
                    users.len()
                ),
            ),
        ));
    }
}

fn names(balancers: &[crate::design::LoadBalancer]) -> String {
    let names: Vec<&str> = balancers.iter().map(|lb| lb.name.as_str()).collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::LoadBalancer;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn lb(name: &str, listeners: u32) -> LoadBalancer {
        LoadBalancer {
            name: name.to_owned(),
            listeners,
        }
    }

    fn two_services() -> crate::Design {
        design(
            vec![vpc("provider", "10.0.0.0/16")],
            vec![
                endpoint_service("orders", "provider", "ap-northeast-1"),
                endpoint_service("billing", "provider", "ap-northeast-1"),
            ],
            vec![],
        )
    }

    #[test]
    fn flags_a_service_with_neither_or_both_kinds_of_load_balancer() {
        let mut design = two_services();
        provider_mut(&mut design, 0).network_load_balancers.clear();
        provider_mut(&mut design, 1).gateway_load_balancers = vec![lb("gwlb-1", 1)];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-008 service:orders vpc:provider
              en: Endpoint service orders has no load balancer. An endpoint service needs NLB ARNs (interface consumers) or GWLB ARNs (GWLB-endpoint consumers), not both.
              ja: エンドポイントサービスordersにロードバランサーがありません。エンドポイントサービスには、NLBのARN(インターフェイスエンドポイントで利用)かGWLBのARN(GWLBエンドポイントで利用)のどちらか一方が必要です。
            error PL-008 service:billing vpc:provider
              en: Endpoint service billing has both Network Load Balancers (billing-nlb) and Gateway Load Balancers (gwlb-1). An endpoint service needs NLB ARNs (interface consumers) or GWLB ARNs (GWLB-endpoint consumers), not both.
              ja: エンドポイントサービスbillingにネットワークロードバランサー(billing-nlb)とゲートウェイロードバランサー(gwlb-1)の両方が設定されています。エンドポイントサービスには、NLBのARN(インターフェイスエンドポイントで利用)かGWLBのARN(GWLBエンドポイントで利用)のどちらか一方が必要です。
        "#]],
        );
    }

    #[test]
    fn flags_an_nlb_shared_by_two_services_by_name_or_arn() {
        let mut design = two_services();
        provider_mut(&mut design, 0).network_load_balancers = vec![lb("shared", 3)];
        provider_mut(&mut design, 1).network_load_balancers = vec![lb(
            "arn:aws:elasticloadbalancing:ap-northeast-1:111111111111:loadbalancer/net/shared/50dc6c495c0c9188",
            3,
        )];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-008 service:orders service:billing vpc:provider
              en: Network Load Balancer shared backs 2 endpoint services (orders, billing); an NLB can back only one endpoint service.
              ja: ネットワークロードバランサーsharedが2つのエンドポイントサービス(orders, billing)に使われています。1つのNLBを使えるエンドポイントサービスは1つだけです。
        "#]],
        );
    }

    #[test]
    fn flags_an_nlb_with_more_than_50_listeners() {
        let mut design = two_services();
        provider_mut(&mut design, 0).network_load_balancers = vec![lb("big", 51)];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-008 service:orders vpc:provider
              en: Network Load Balancer big of endpoint service orders has 51 listeners; PrivateLink does not support NLBs with more than 50 listeners.
              ja: エンドポイントサービスordersのネットワークロードバランサーbigにはリスナーが51個あります。PrivateLinkはリスナーが50を超えるNLBに対応していません。
        "#]],
        );

        provider_mut(&mut design, 0).network_load_balancers = vec![lb("big", 50)];
        check(&RULE, &design, expect![[""]]);
    }

    #[test]
    fn one_nlb_each_same_names_in_other_accounts_and_repeats_are_clean() {
        check(&RULE, &two_services(), expect![[""]]);

        // The same name in another account is another NLB.
        let mut other_account = two_services();
        other_account
            .vpcs
            .push(vpc("provider-b", "10.1.0.0/16").in_account(ACCOUNT_B));
        provider_mut(&mut other_account, 0).network_load_balancers = vec![lb("api", 1)];
        provider_mut(&mut other_account, 1).network_load_balancers = vec![lb("api", 1)];
        provider_mut(&mut other_account, 1).provider_vpc = "provider-b".into();
        check(&RULE, &other_account, expect![[""]]);

        // One service listing its NLB twice does not share it.
        let mut repeated = two_services();
        provider_mut(&mut repeated, 0).network_load_balancers = vec![lb("api", 1), lb("api", 1)];
        check(&RULE, &repeated, expect![[""]]);
    }
}
