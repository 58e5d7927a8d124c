//! GW-002: a gateway endpoint to a service in another Region.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::gateway_service_key;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-002",
        name: "gateway-endpoint-cross-region",
        severities: &[Severity::Error],
        title: Text::new(
            "A gateway endpoint targets a service in another Region",
            "ゲートウェイエンドポイントの対象が別リージョンのサービスです",
        ),
        why: Text::new(
            "A gateway endpoint adds a route to the prefix list of S3 or DynamoDB in the VPC's own Region; it cannot reach the service in any other Region. Cross-Region PrivateLink applies to interface endpoints only.",
            "ゲートウェイエンドポイントは、VPCと同じリージョンのS3やDynamoDBのプレフィックスリストへのルートを追加するもので、ほかのリージョンのサービスには届きません。リージョン間のPrivateLinkはインターフェイスエンドポイントだけが対象です。",
        ),
        fix: Text::new(
            "Point the gateway endpoint at the service in the VPC's Region. To reach a bucket or table in another Region, use an interface endpoint: in this VPC where the service supports cross-Region PrivateLink (S3 does), or in a VPC of that Region reached over a peering.",
            "ゲートウェイエンドポイントの対象をVPCと同じリージョンのサービスにしてください。別リージョンのバケットやテーブルに接続するにはインターフェイスエンドポイントを使ってください。サービスがリージョン間PrivateLinkに対応していれば(S3は対応)このVPCに、そうでなければピアリングでつないだそのリージョンのVPCに作成します。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/wkld-12.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint, endpoint_vpc) in index.gateway_endpoints_with_vpc() {
        let (Some(vpc), Some(service)) = (endpoint_vpc, index.service(&endpoint.service)) else {
            continue;
        };
        // Services without gateway endpoints are GW-001's.
        let Some(key) = gateway_service_key(service) else {
            continue;
        };
        if key.region == vpc.region {
            continue;
        }
        let name = service.label();
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(vpc.id.clone()),
                Subject::Service(service.id.clone()),
            ],
            Localized::new(
                format!(
                    "Gateway endpoint {} in VPC {} ({}) targets {name} in {}: gateway endpoints work only within the VPC's Region.",
                    link.id, vpc.label(), vpc.region, key.region
                ),
                format!(
                    "VPC {}({})のゲートウェイエンドポイント{}の対象は{}の{name}です: ゲートウェイエンドポイントはVPCと同じリージョンでしか使えません。",
                    vpc.label(), vpc.region, link.id, key.region
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

    #[test]
    fn flags_a_service_in_another_region_with_both_regions() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("s3-us", "s3", "us-east-1")],
            vec![gateway_endpoint("gw", "app", "s3-us")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-002 link:gw vpc:app service:s3-us
              en: Gateway endpoint gw in VPC app (ap-northeast-1) targets s3 in us-east-1: gateway endpoints work only within the VPC's Region.
              ja: VPC app(ap-northeast-1)のゲートウェイエンドポイントgwの対象はus-east-1のs3です: ゲートウェイエンドポイントはVPCと同じリージョンでしか使えません。
        "#]],
        );
    }

    #[test]
    fn same_region_non_gateway_and_dangling_endpoints_are_clean() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("osaka", "10.1.0.0/16").in_region("ap-northeast-3"),
            ],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("sqs-us", "sqs", "us-east-1"),
            ],
            vec![
                gateway_endpoint("gw-1", "app", "s3"),
                gateway_endpoint("gw-2", "app", "sqs-us"),
                gateway_endpoint("gw-3", "ghost", "s3"),
                gateway_endpoint("gw-4", "osaka", "ghost"),
            ],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
