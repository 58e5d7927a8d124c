//! GW-001: a gateway endpoint to a service that has no gateway endpoints.

use crate::Text;
use crate::catalogue::{self, GATEWAY_SERVICES};
use crate::design::ServiceKind;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-001",
        name: "gateway-endpoint-unsupported-service",
        severities: &[Severity::Error],
        title: Text::new(
            "A gateway endpoint targets a service without gateway endpoints",
            "ゲートウェイエンドポイントの対象が、ゲートウェイ型に対応していないサービスです",
        ),
        why: Text::new(
            "Gateway endpoints exist for three services only: Amazon S3 (`s3`), Amazon DynamoDB (`dynamodb`) and S3 Express One Zone directory buckets (`s3express`). Every other AWS service, and every provider's endpoint service, is reached through an interface endpoint (or, behind a Gateway Load Balancer, a GWLB endpoint).",
            "ゲートウェイエンドポイントがあるのはAmazon S3(`s3`)、Amazon DynamoDB(`dynamodb`)、S3 Express One Zoneのディレクトリバケット(`s3express`)の3つだけです。ほかのAWSサービスやプロバイダーのエンドポイントサービスには、インターフェイスエンドポイント(Gateway Load Balancerの背後ならGWLBエンドポイント)で接続します。",
        ),
        fix: Text::new(
            "Replace the gateway endpoint with an interface endpoint to the service, or point it at S3, DynamoDB or S3 Express in the VPC's Region.",
            "ゲートウェイエンドポイントをそのサービスへのインターフェイスエンドポイントに置き換えるか、対象をVPCと同じリージョンのS3、DynamoDB、S3 Expressにしてください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-tutorial-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint) in &index.gateway_endpoints {
        let Some(service) = index.service(&endpoint.service) else {
            continue;
        };
        let name = service.label();
        let message = match &service.kind {
            ServiceKind::Aws { service: suffix } => {
                if GATEWAY_SERVICES.contains(&suffix.as_str()) {
                    continue;
                }
                let interface =
                    catalogue::aws_service(suffix).is_some_and(|known| known.interface_endpoint);
                let (advice_en, advice_ja) = if interface {
                    (
                        format!("Use an interface endpoint to `{suffix}` instead."),
                        format!(
                            "代わりに`{suffix}`へのインターフェイスエンドポイントを使ってください。"
                        ),
                    )
                } else {
                    (
                        "Check which endpoint types the service offers (`describe-vpc-endpoint-services`).".to_owned(),
                        "サービスが提供するエンドポイントの種類を確認してください(`describe-vpc-endpoint-services`)。".to_owned(),
                    )
                };
                Localized::new(
                    format!(
                        "Gateway endpoint {} targets {name} (`{suffix}`), but gateway endpoints exist only for Amazon S3 (`s3`), DynamoDB (`dynamodb`) and S3 Express One Zone (`s3express`). {advice_en}",
                        link.id
                    ),
                    format!(
                        "ゲートウェイエンドポイント{}の対象は{name}(`{suffix}`)ですが、ゲートウェイエンドポイントがあるのはAmazon S3(`s3`)、DynamoDB(`dynamodb`)、S3 Express One Zone(`s3express`)だけです。{advice_ja}",
                        link.id
                    ),
                )
            }
            ServiceKind::EndpointService(_) => Localized::new(
                format!(
                    "Gateway endpoint {} targets endpoint service {name}, but endpoint services are reached through interface endpoints (Network Load Balancer) or Gateway Load Balancer endpoints, never gateway endpoints.",
                    link.id
                ),
                format!(
                    "ゲートウェイエンドポイント{}の対象はエンドポイントサービス{name}ですが、エンドポイントサービスにはインターフェイスエンドポイント(Network Load Balancer)またはGateway Load Balancerエンドポイントで接続し、ゲートウェイエンドポイントは使えません。",
                    link.id
                ),
            ),
        };
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(endpoint.vpc.clone()),
                Subject::Service(service.id.clone()),
            ],
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_an_interface_only_aws_service_by_name() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("sqs", "sqs", "ap-northeast-1")],
            vec![gateway_endpoint("gw", "app", "sqs")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-001 link:gw vpc:app service:sqs
              en: Gateway endpoint gw targets sqs (`sqs`), but gateway endpoints exist only for Amazon S3 (`s3`), DynamoDB (`dynamodb`) and S3 Express One Zone (`s3express`). Use an interface endpoint to `sqs` instead.
              ja: ゲートウェイエンドポイントgwの対象はsqs(`sqs`)ですが、ゲートウェイエンドポイントがあるのはAmazon S3(`s3`)、DynamoDB(`dynamodb`)、S3 Express One Zone(`s3express`)だけです。代わりに`sqs`へのインターフェイスエンドポイントを使ってください。
        "#]],
        );
    }

    #[test]
    fn flags_dynamodb_streams_and_endpoint_services() {
        let streams = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("streams", "dynamodb-streams", "ap-northeast-1")],
            vec![gateway_endpoint("gw", "app", "streams")],
        );
        check(
            &RULE,
            &streams,
            expect![[r#"
            error GW-001 link:gw vpc:app service:streams
              en: Gateway endpoint gw targets dynamodb-streams (`dynamodb-streams`), but gateway endpoints exist only for Amazon S3 (`s3`), DynamoDB (`dynamodb`) and S3 Express One Zone (`s3express`). Use an interface endpoint to `dynamodb-streams` instead.
              ja: ゲートウェイエンドポイントgwの対象はdynamodb-streams(`dynamodb-streams`)ですが、ゲートウェイエンドポイントがあるのはAmazon S3(`s3`)、DynamoDB(`dynamodb`)、S3 Express One Zone(`s3express`)だけです。代わりに`dynamodb-streams`へのインターフェイスエンドポイントを使ってください。
        "#]],
        );

        let mut provider = endpoint_service("svc", "app", "ap-northeast-1");
        provider.name = "billing".to_owned();
        let settings = endpoint_service_mut(&mut provider);
        settings.network_load_balancers.clear();
        settings.supported_ip_address_types.clear();
        let endpoint_service = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("client", "10.1.0.0/16")],
            vec![provider],
            vec![gateway_endpoint("gw", "client", "svc")],
        );
        check(
            &RULE,
            &endpoint_service,
            expect![[r#"
            error GW-001 link:gw vpc:client service:svc
              en: Gateway endpoint gw targets endpoint service billing, but endpoint services are reached through interface endpoints (Network Load Balancer) or Gateway Load Balancer endpoints, never gateway endpoints.
              ja: ゲートウェイエンドポイントgwの対象はエンドポイントサービスbillingですが、エンドポイントサービスにはインターフェイスエンドポイント(Network Load Balancer)またはGateway Load Balancerエンドポイントで接続し、ゲートウェイエンドポイントは使えません。
        "#]],
        );
    }

    #[test]
    fn s3_dynamodb_s3express_and_dangling_services_are_clean() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("ddb", "dynamodb", "ap-northeast-1"),
                aws_service("s3x", "s3express", "ap-northeast-1"),
            ],
            vec![
                gateway_endpoint("gw-1", "app", "s3"),
                gateway_endpoint("gw-2", "app", "ddb"),
                gateway_endpoint("gw-3", "app", "s3x"),
                gateway_endpoint("gw-4", "app", "missing"),
            ],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
