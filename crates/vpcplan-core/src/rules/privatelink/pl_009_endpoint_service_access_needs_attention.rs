//! PL-009: endpoint-service permissions and acceptance: no allowed principal
//! for another account's consumer, a public (`*`) service, or endpoints that
//! wait for acceptance.

use crate::collections::{HashMap, HashSet};

use super::provider_of;
use crate::Text;
use crate::design::{AccountId, EndpointTarget, Link, ServiceId, Vpc};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-009",
        name: "endpoint-service-access-needs-attention",
        severities: &[Severity::Error, Severity::Warning, Severity::Info],
        title: Text::new(
            "Endpoint service permissions or acceptance need attention",
            "エンドポイントサービスの許可またはリクエストの承諾に対応が必要です",
        ),
        why: Text::new(
            "An endpoint service is closed to other accounts until the provider adds their principals (account, user or role ARNs) to the allowed principals. `*` allows everyone: the service becomes public, and if acceptance is not required every request is approved automatically. With acceptance required, each new endpoint stays PendingAcceptance until the provider accepts it.",
            "エンドポイントサービスは、プロバイダーが許可されたプリンシパルにアカウント・ユーザー・ロールのARNを追加するまで、他のアカウントからは使えません。`*`はすべてのプリンシパルを許可するため、サービスは公開状態になり、承諾が不要な設定ではすべてのリクエストが自動的に承認されます。承諾が必要な設定では、新しいエンドポイントはプロバイダーが承諾するまでPendingAcceptanceのままです。",
        ),
        fix: Text::new(
            "Add each consumer's principal ARN (for example arn:aws:iam::<account>:root) with `modify-vpc-endpoint-service-permissions`, replace `*` with the accounts that need access, and plan the provider's `accept-vpc-endpoint-connections` step when acceptance is required.",
            "`modify-vpc-endpoint-service-permissions`で各コンシューマーのプリンシパルARN(例: arn:aws:iam::<アカウント>:root)を追加し、`*`はアクセスが必要なアカウントに置き換え、承諾が必要な場合はプロバイダー側の`accept-vpc-endpoint-connections`の手順を計画してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcEndpointServicePermissions.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpointServiceConfiguration.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcEndpointConnections.html",
        ],
    },
    check,
};

/// The account of an IAM principal ARN (`arn:<partition>:iam::<account>:…`).
fn principal_account(principal: &str) -> Option<&str> {
    let mut parts = principal.trim().splitn(6, ':');
    match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some("arn"), Some(_), Some("iam"), Some(""), Some(account), Some(_))
            if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Some(account)
        }
        _ => None,
    }
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // The endpoints to each service whose VPC resolves, in design order.
    let mut consumers: HashMap<&ServiceId, Vec<(&Link, &Vpc)>> = HashMap::default();
    for (link, endpoint, endpoint_vpc) in index.interface_endpoints_with_vpc() {
        let (EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service)) =
            &endpoint.target
        else {
            continue;
        };
        if let Some(vpc) = endpoint_vpc {
            consumers.entry(service).or_default().push((link, vpc));
        }
    }

    for service in &index.design.services {
        let Some(provider) = provider_of(service) else {
            continue;
        };
        let name = service.label();
        let provider_vpc = index.vpc(&provider.provider_vpc);
        let ours = consumers
            .get(&service.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut base = vec![Subject::Service(service.id.clone())];
        if let Some(vpc) = provider_vpc {
            base.push(Subject::Vpc(vpc.id.clone()));
        }
        let public = provider
            .allowed_principals
            .iter()
            .any(|principal| principal.trim() == "*");

        // Consumers from other accounts that no principal lets in. Only
        // judged when every principal is an IAM ARN vpcplan can read.
        let principal_accounts: Option<HashSet<&str>> = provider
            .allowed_principals
            .iter()
            .map(|principal| principal_account(principal))
            .collect();
        if let Some(provider_vpc) = provider_vpc
            && let Some(principal_accounts) = principal_accounts
            && !public
        {
            let mut missing: Vec<&AccountId> = Vec::new();
            let mut seen = HashSet::default();
            let mut subjects = base.clone();
            for (link, vpc) in ours {
                let account = &vpc.account;
                if account == &provider_vpc.account || principal_accounts.contains(account.as_str())
                {
                    continue;
                }
                subjects.push(Subject::Link(link.id.clone()));
                subjects.push(Subject::Vpc(vpc.id.clone()));
                if seen.insert(account) {
                    missing.push(account);
                    subjects.push(Subject::Account(account.clone()));
                }
            }
            if let Some(first) = missing.first() {
                let accounts: Vec<&str> = missing.iter().map(|account| account.as_str()).collect();
                let accounts = accounts.join(", ");
                let (state, state_ja) = if provider.allowed_principals.is_empty() {
                    (
                        "has no allowed principals".to_owned(),
                        format!(
                            "エンドポイントサービス{name}には許可されたプリンシパルがありません"
                        ),
                    )
                } else {
                    let listed = provider.allowed_principals.join(", ");
                    (
                        format!("allows only {listed}"),
                        format!("エンドポイントサービス{name}が許可しているのは{listed}だけです"),
                    )
                };
                out.push(rule.diagnostic(
                    Severity::Error,
                    subjects,
                    Localized::new(
                        format!(
                            "Endpoint service {name} {state}, but endpoints from account(s) {accounts} connect to it. Add the consumer principal ARN (e.g. arn:aws:iam::{first}:root)."
                        ),
                        format!(
                            "{state_ja}が、アカウント{accounts}のエンドポイントが接続しようとしています。コンシューマーのプリンシパルARN(例: arn:aws:iam::{first}:root)を追加してください。"
                        ),
                    ),
                ));
            }
        }

        if public {
            let (auto, auto_ja) = if provider.acceptance_required {
                ("", "")
            } else {
                (
                    " With AcceptanceRequired=false, requests are auto-approved.",
                    "AcceptanceRequired=falseのため、リクエストは自動的に承認されます。",
                )
            };
            out.push(rule.diagnostic(
                Severity::Warning,
                base.clone(),
                Localized::new(
                    format!(
                        "Endpoint service {name} allows all principals (`*`): the service is public, and anyone who knows its name can request a connection.{auto}"
                    ),
                    format!(
                        "エンドポイントサービス{name}はすべてのプリンシパル(`*`)を許可しており、公開状態です。サービス名を知っていれば誰でも接続をリクエストできます。{auto_ja}"
                    ),
                ),
            ));
        }

        if provider.acceptance_required && !ours.is_empty() {
            let mut subjects = base;
            let mut links: Vec<&str> = Vec::with_capacity(ours.len());
            for (link, vpc) in ours {
                links.push(link.id.as_str());
                subjects.push(Subject::Link(link.id.clone()));
                subjects.push(Subject::Vpc(vpc.id.clone()));
            }
            let count = links.len();
            let links = links.join(", ");
            out.push(rule.diagnostic(
                Severity::Info,
                subjects,
                Localized::new(
                    format!(
                        "Endpoint service {name} requires acceptance: its {count} endpoint(s) ({links}) stay PendingAcceptance until the provider runs AcceptVpcEndpointConnections."
                    ),
                    format!(
                        "エンドポイントサービス{name}は承諾が必要な設定です。{count}個のエンドポイント({links})は、プロバイダーがAcceptVpcEndpointConnectionsを実行するまでPendingAcceptanceのままです。"
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

    /// A provider in account A and consumers in accounts A and B.
    fn consumed_service() -> crate::Design {
        design(
            vec![
                vpc("provider", "10.0.0.0/16"),
                vpc("same", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
                vpc("other", "10.2.0.0/16")
                    .in_account(ACCOUNT_B)
                    .with_subnet("a", "10.2.1.0/24", 'a'),
            ],
            vec![endpoint_service("api", "provider", "ap-northeast-1")],
            vec![
                interface_endpoint("vpce-same", "same", "api", &["same-a"]),
                interface_endpoint("vpce-other", "other", "api", &["other-a"]),
            ],
        )
    }

    #[test]
    fn flags_no_allowed_principals_for_another_accounts_consumer() {
        check(
            &RULE,
            &consumed_service(),
            expect![[r#"
            error PL-009 service:api vpc:provider link:vpce-other vpc:other account:222222222222
              en: Endpoint service api has no allowed principals, but endpoints from account(s) 222222222222 connect to it. Add the consumer principal ARN (e.g. arn:aws:iam::222222222222:root).
              ja: エンドポイントサービスapiには許可されたプリンシパルがありませんが、アカウント222222222222のエンドポイントが接続しようとしています。コンシューマーのプリンシパルARN(例: arn:aws:iam::222222222222:root)を追加してください。
        "#]],
        );
    }

    #[test]
    fn flags_principals_that_leave_out_the_consumer_account() {
        let mut design = consumed_service();
        provider_mut(&mut design, 0).allowed_principals =
            vec!["arn:aws:iam::333333333333:root".to_owned()];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-009 service:api vpc:provider link:vpce-other vpc:other account:222222222222
              en: Endpoint service api allows only arn:aws:iam::333333333333:root, but endpoints from account(s) 222222222222 connect to it. Add the consumer principal ARN (e.g. arn:aws:iam::222222222222:root).
              ja: エンドポイントサービスapiが許可しているのはarn:aws:iam::333333333333:rootだけですが、アカウント222222222222のエンドポイントが接続しようとしています。コンシューマーのプリンシパルARN(例: arn:aws:iam::222222222222:root)を追加してください。
        "#]],
        );

        provider_mut(&mut design, 0).allowed_principals =
            vec![format!("arn:aws:iam::{ACCOUNT_B}:role/consumer")];
        check(&RULE, &design, expect![[""]]);
    }

    #[test]
    fn warns_about_a_public_service_and_mentions_auto_approval() {
        let mut design = consumed_service();
        provider_mut(&mut design, 0).allowed_principals = vec!["*".to_owned()];
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PL-009 service:api vpc:provider
              en: Endpoint service api allows all principals (`*`): the service is public, and anyone who knows its name can request a connection. With AcceptanceRequired=false, requests are auto-approved.
              ja: エンドポイントサービスapiはすべてのプリンシパル(`*`)を許可しており、公開状態です。サービス名を知っていれば誰でも接続をリクエストできます。AcceptanceRequired=falseのため、リクエストは自動的に承認されます。
        "#]],
        );
    }

    #[test]
    fn notes_endpoints_pending_acceptance() {
        let mut design = consumed_service();
        let provider = provider_mut(&mut design, 0);
        provider.allowed_principals = vec!["*".to_owned()];
        provider.acceptance_required = true;
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PL-009 service:api vpc:provider
              en: Endpoint service api allows all principals (`*`): the service is public, and anyone who knows its name can request a connection.
              ja: エンドポイントサービスapiはすべてのプリンシパル(`*`)を許可しており、公開状態です。サービス名を知っていれば誰でも接続をリクエストできます。
            info PL-009 service:api vpc:provider link:vpce-same vpc:same link:vpce-other vpc:other
              en: Endpoint service api requires acceptance: its 2 endpoint(s) (vpce-same, vpce-other) stay PendingAcceptance until the provider runs AcceptVpcEndpointConnections.
              ja: エンドポイントサービスapiは承諾が必要な設定です。2個のエンドポイント(vpce-same, vpce-other)は、プロバイダーがAcceptVpcEndpointConnectionsを実行するまでPendingAcceptanceのままです。
        "#]],
        );
    }

    #[test]
    fn same_account_consumers_unreadable_principals_and_unused_services_are_clean() {
        let mut same_account = consumed_service();
        same_account.links.pop();
        check(&RULE, &same_account, expect![[""]]);

        // Principals vpcplan cannot read are not second-guessed.
        let mut unreadable = consumed_service();
        provider_mut(&mut unreadable, 0).allowed_principals =
            vec!["arn:aws:organizations::111111111111:organization/o-abc".to_owned()];
        check(&RULE, &unreadable, expect![[""]]);

        let mut unused = consumed_service();
        unused.links.clear();
        provider_mut(&mut unused, 0).acceptance_required = true;
        check(&RULE, &unused, expect![[""]]);
    }
}
