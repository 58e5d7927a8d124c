//! PL-007: a cross-Region interface endpoint that AWS cannot set up.

use super::service_label;
use crate::Text;
use crate::catalogue;
use crate::design::{EndpointTarget, ServiceKind};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::regions::region_by_code;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-007",
        name: "cross-region-endpoint-unsupported",
        severities: &[Severity::Error],
        title: Text::new(
            "A cross-Region interface endpoint is missing a requirement",
            "リージョン間のインターフェイスエンドポイントに必要な条件が欠けています",
        ),
        why: Text::new(
            "Since November 2024 an interface endpoint can reach an endpoint service in another Region, and since November 2025 a listed subset of AWS services, but only within one partition. The provider must list the consumer's Region in SupportedRegions (an AWS service must be cross-Region enabled), and the endpoint must name the service's Region in ServiceRegion. A service in an opt-in Region can be reached only once that Region is enabled.",
            "2024年11月からインターフェイスエンドポイントで別リージョンのエンドポイントサービスに、2025年11月からは一部のAWSサービスにも接続できるようになりましたが、同じパーティション内に限られます。プロバイダーがSupportedRegionsにコンシューマーのリージョンを含めている(AWSサービスの場合はリージョン間接続に対応している)こと、そしてエンドポイントのServiceRegionにサービスのリージョンを指定することが必要です。オプトインリージョンのサービスには、そのリージョンを有効にしてから接続できます。",
        ),
        fix: Text::new(
            "Set ServiceRegion on the endpoint to the service's Region, ask the provider to add your Region to SupportedRegions, and keep both Regions in one partition. For an AWS service without cross-Region support, create the endpoint in the service's Region and reach it over peering or Transit Gateway, or use the service in your own Region.",
            "エンドポイントのServiceRegionにサービスのリージョンを設定し、プロバイダーにSupportedRegionsへ自分のリージョンを追加してもらい、両リージョンを同じパーティションにしてください。リージョン間接続に対応していないAWSサービスは、サービスのリージョンにエンドポイントを作ってピアリングやTransit Gateway経由で使うか、自リージョンのサービスを使ってください。",
        ),
        sources: &[
            "https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cross-region-connectivity-for-aws-privatelink/",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html",
            "https://aws.amazon.com/about-aws/whats-new/2024/11/aws-privatelink-across-region-connectivity/",
            "https://github.com/aiven/aiven-docs/pull/1890",
            "https://github.com/elastic/docs-content/pull/5846",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint, endpoint_vpc) in index.interface_endpoints_with_vpc() {
        // Cross-Region PrivateLink is for interface endpoints to services.
        let EndpointTarget::Service(service_id) = &endpoint.target else {
            continue;
        };
        let (Some(vpc), Some(service)) = (endpoint_vpc, index.service(service_id)) else {
            continue;
        };
        let consumer = vpc.region.as_str();
        let provider = service.region.as_str();
        // Regions left blank are for the design checks to report. The common
        // case: a same-Region endpoint with no other ServiceRegion.
        if consumer.is_empty()
            || provider.is_empty()
            || consumer == provider
                && endpoint
                    .service_region
                    .as_deref()
                    .is_none_or(|set| set == provider)
        {
            continue;
        }
        let name = service_label(service);
        let mut reasons: Vec<(String, String)> = Vec::new();

        if consumer != provider {
            match &service.kind {
                ServiceKind::EndpointService(settings) => {
                    if !settings
                        .supported_regions
                        .iter()
                        .any(|region| region == consumer)
                    {
                        let listed = if settings.supported_regions.is_empty() {
                            ("none".to_owned(), "なし".to_owned())
                        } else {
                            let list = settings.supported_regions.join(", ");
                            (list.clone(), list)
                        };
                        reasons.push((
                            format!(
                                "endpoint service {name} does not list {consumer} in SupportedRegions (listed: {})",
                                listed.0
                            ),
                            format!(
                                "エンドポイントサービス{name}のSupportedRegionsに{consumer}が含まれていません(現在: {})",
                                listed.1
                            ),
                        ));
                    }
                }
                ServiceKind::Aws { service: suffix } => {
                    // A suffix missing from the catalogue is PL-012's to report.
                    if catalogue::aws_service(suffix).is_some_and(|known| !known.cross_region) {
                        reasons.push((
                            format!("the AWS service {name} is not cross-Region enabled"),
                            format!("AWSサービス{name}はリージョン間接続に対応していません"),
                        ));
                    }
                }
            }
            if let (Some(ours), Some(theirs)) = (region_by_code(consumer), region_by_code(provider))
                && ours.partition != theirs.partition
            {
                let (a, b) = (ours.partition.arn_segment(), theirs.partition.arn_segment());
                reasons.push((
                    format!(
                        "{consumer} is in partition {a} and {provider} in partition {b}; PrivateLink does not cross partitions"
                    ),
                    format!(
                        "{consumer}はパーティション{a}、{provider}はパーティション{b}にあり、PrivateLinkはパーティションをまたげません"
                    ),
                ));
            }
        }
        match endpoint.service_region.as_deref() {
            None if consumer != provider => reasons.push((
                format!("ServiceRegion is not set on the endpoint (it must be {provider})"),
                format!("エンドポイントにServiceRegionが設定されていません({provider}にする必要があります)"),
            )),
            Some(set) if set != provider => reasons.push((
                format!("ServiceRegion is {set}, but the service is in {provider}"),
                format!("ServiceRegionが{set}ですが、サービスは{provider}にあります"),
            )),
            _ => {}
        }
        if reasons.is_empty() {
            continue;
        }

        let (opt_in, opt_in_ja) = match region_by_code(provider) {
            Some(region) if region.opt_in && consumer != provider => (
                format!(
                    " {provider} is an opt-in Region: it must be enabled in the consumer account."
                ),
                format!(
                    "{provider}はオプトインリージョンのため、コンシューマーのアカウントで有効にする必要があります。"
                ),
            ),
            _ => (String::new(), String::new()),
        };
        let en: Vec<&str> = reasons.iter().map(|(en, _)| en.as_str()).collect();
        let ja: Vec<&str> = reasons.iter().map(|(_, ja)| ja.as_str()).collect();
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(vpc.id.clone()),
                Subject::Service(service.id.clone()),
            ],
            Localized::new(
                format!(
                    "Endpoint {} in {consumer} cannot reach {name} in {provider}: {}. Cross-Region PrivateLink needs the provider to list {consumer} in SupportedRegions (or the AWS service to be cross-Region enabled), the same partition, and ServiceRegion={provider} on the endpoint.{opt_in}",
                    link.id,
                    en.join("; ")
                ),
                format!(
                    "{consumer}のエンドポイント{}から{provider}の{name}に接続できません: {}。リージョン間のPrivateLinkには、プロバイダーのSupportedRegionsに{consumer}が含まれている(またはAWSサービスがリージョン間接続に対応している)こと、同じパーティションであること、エンドポイントにServiceRegion={provider}を設定することが必要です。{opt_in_ja}",
                    link.id,
                    ja.join("。")
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

    /// A consumer in ap-northeast-1 reaching `service` (index 0) with
    /// ServiceRegion set to `service_region`.
    fn consumer_of(service: crate::design::Service, service_region: Option<&str>) -> crate::Design {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                vpc("provider", "10.1.0.0/16")
                    .in_account(ACCOUNT_B)
                    .in_region(&service.region),
            ],
            vec![service],
            vec![interface_endpoint("vpce", "app", "svc", &["app-a"])],
        );
        interface_mut(&mut design, 0).service_region = service_region.map(str::to_owned);
        design
    }

    #[test]
    fn flags_an_endpoint_service_that_does_not_list_the_consumer_region() {
        let mut design = consumer_of(
            endpoint_service("svc", "provider", "us-east-1"),
            Some("us-east-1"),
        );
        provider_mut(&mut design, 0).supported_regions = vec!["eu-west-1".to_owned()];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-007 link:vpce vpc:app service:svc
              en: Endpoint vpce in ap-northeast-1 cannot reach svc in us-east-1: endpoint service svc does not list ap-northeast-1 in SupportedRegions (listed: eu-west-1). Cross-Region PrivateLink needs the provider to list ap-northeast-1 in SupportedRegions (or the AWS service to be cross-Region enabled), the same partition, and ServiceRegion=us-east-1 on the endpoint.
              ja: ap-northeast-1のエンドポイントvpceからus-east-1のsvcに接続できません: エンドポイントサービスsvcのSupportedRegionsにap-northeast-1が含まれていません(現在: eu-west-1)。リージョン間のPrivateLinkには、プロバイダーのSupportedRegionsにap-northeast-1が含まれている(またはAWSサービスがリージョン間接続に対応している)こと、同じパーティションであること、エンドポイントにServiceRegion=us-east-1を設定することが必要です。
        "#]],
        );

        provider_mut(&mut design, 0)
            .supported_regions
            .push("ap-northeast-1".to_owned());
        check(&RULE, &design, expect![[""]]);
    }

    #[test]
    fn flags_an_aws_service_without_cross_region_support_and_a_missing_service_region() {
        check(
            &RULE,
            &consumer_of(aws_service("svc", "sqs", "us-west-2"), None),
            expect![[r#"
                error PL-007 link:vpce vpc:app service:svc
                  en: Endpoint vpce in ap-northeast-1 cannot reach com.amazonaws.us-west-2.sqs in us-west-2: the AWS service com.amazonaws.us-west-2.sqs is not cross-Region enabled; ServiceRegion is not set on the endpoint (it must be us-west-2). Cross-Region PrivateLink needs the provider to list ap-northeast-1 in SupportedRegions (or the AWS service to be cross-Region enabled), the same partition, and ServiceRegion=us-west-2 on the endpoint.
                  ja: ap-northeast-1のエンドポイントvpceからus-west-2のcom.amazonaws.us-west-2.sqsに接続できません: AWSサービスcom.amazonaws.us-west-2.sqsはリージョン間接続に対応していません。エンドポイントにServiceRegionが設定されていません(us-west-2にする必要があります)。リージョン間のPrivateLinkには、プロバイダーのSupportedRegionsにap-northeast-1が含まれている(またはAWSサービスがリージョン間接続に対応している)こと、同じパーティションであること、エンドポイントにServiceRegion=us-west-2を設定することが必要です。
            "#]],
        );

        // Lambda is cross-Region enabled.
        let lambda = consumer_of(aws_service("svc", "lambda", "us-west-2"), Some("us-west-2"));
        check(&RULE, &lambda, expect![[""]]);
    }

    #[test]
    fn flags_a_partition_boundary_a_wrong_service_region_and_mentions_opt_in_regions() {
        let mut china = consumer_of(
            endpoint_service("svc", "provider", "cn-north-1"),
            Some("cn-north-1"),
        );
        provider_mut(&mut china, 0).supported_regions = vec!["ap-northeast-1".to_owned()];
        check(
            &RULE,
            &china,
            expect![[r#"
            error PL-007 link:vpce vpc:app service:svc
              en: Endpoint vpce in ap-northeast-1 cannot reach svc in cn-north-1: ap-northeast-1 is in partition aws and cn-north-1 in partition aws-cn; PrivateLink does not cross partitions. Cross-Region PrivateLink needs the provider to list ap-northeast-1 in SupportedRegions (or the AWS service to be cross-Region enabled), the same partition, and ServiceRegion=cn-north-1 on the endpoint.
              ja: ap-northeast-1のエンドポイントvpceからcn-north-1のsvcに接続できません: ap-northeast-1はパーティションaws、cn-north-1はパーティションaws-cnにあり、PrivateLinkはパーティションをまたげません。リージョン間のPrivateLinkには、プロバイダーのSupportedRegionsにap-northeast-1が含まれている(またはAWSサービスがリージョン間接続に対応している)こと、同じパーティションであること、エンドポイントにServiceRegion=cn-north-1を設定することが必要です。
        "#]],
        );

        let mut opt_in = consumer_of(
            endpoint_service("svc", "provider", "af-south-1"),
            Some("eu-west-1"),
        );
        provider_mut(&mut opt_in, 0).supported_regions = vec!["ap-northeast-1".to_owned()];
        check(
            &RULE,
            &opt_in,
            expect![[r#"
            error PL-007 link:vpce vpc:app service:svc
              en: Endpoint vpce in ap-northeast-1 cannot reach svc in af-south-1: ServiceRegion is eu-west-1, but the service is in af-south-1. Cross-Region PrivateLink needs the provider to list ap-northeast-1 in SupportedRegions (or the AWS service to be cross-Region enabled), the same partition, and ServiceRegion=af-south-1 on the endpoint. af-south-1 is an opt-in Region: it must be enabled in the consumer account.
              ja: ap-northeast-1のエンドポイントvpceからaf-south-1のsvcに接続できません: ServiceRegionがeu-west-1ですが、サービスはaf-south-1にあります。リージョン間のPrivateLinkには、プロバイダーのSupportedRegionsにap-northeast-1が含まれている(またはAWSサービスがリージョン間接続に対応している)こと、同じパーティションであること、エンドポイントにServiceRegion=af-south-1を設定することが必要です。af-south-1はオプトインリージョンのため、コンシューマーのアカウントで有効にする必要があります。
        "#]],
        );
    }

    #[test]
    fn same_region_endpoints_and_lattice_targets_are_clean() {
        let same = consumer_of(aws_service("svc", "sqs", "ap-northeast-1"), None);
        check(&RULE, &same, expect![[""]]);

        // ServiceRegion naming another Region than the service's is wrong
        // even within one Region.
        let wrong = consumer_of(
            aws_service("svc", "sqs", "ap-northeast-1"),
            Some("us-east-1"),
        );
        check(
            &RULE,
            &wrong,
            expect![[r#"
            error PL-007 link:vpce vpc:app service:svc
              en: Endpoint vpce in ap-northeast-1 cannot reach com.amazonaws.ap-northeast-1.sqs in ap-northeast-1: ServiceRegion is us-east-1, but the service is in ap-northeast-1. Cross-Region PrivateLink needs the provider to list ap-northeast-1 in SupportedRegions (or the AWS service to be cross-Region enabled), the same partition, and ServiceRegion=ap-northeast-1 on the endpoint.
              ja: ap-northeast-1のエンドポイントvpceからap-northeast-1のcom.amazonaws.ap-northeast-1.sqsに接続できません: ServiceRegionがus-east-1ですが、サービスはap-northeast-1にあります。リージョン間のPrivateLinkには、プロバイダーのSupportedRegionsにap-northeast-1が含まれている(またはAWSサービスがリージョン間接続に対応している)こと、同じパーティションであること、エンドポイントにServiceRegion=ap-northeast-1を設定することが必要です。
        "#]],
        );

        let mut lattice = consumer_of(aws_service("svc", "sqs", "us-east-1"), None);
        interface_mut(&mut lattice, 0).target = EndpointTarget::Resource {
            configuration_arn: Some(
                "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-1"
                    .to_owned(),
            ),
        };
        check(&RULE, &lattice, expect![[""]]);
    }
}
