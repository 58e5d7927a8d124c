//! PEER-005: a flow that could only use a gateway endpoint of a peered VPC.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity};
use crate::index::DesignIndex;
use crate::rules::peering::{
    EndpointsInPeers, ServiceKey, gateway_endpoints_only_in_peers, gateway_service_endpoints,
    service_flows, service_key,
};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-005",
        name: "gateway-endpoint-across-peering",
        severities: &[Severity::Error],
        title: Text::new(
            "A flow relies on a gateway endpoint in a peered VPC",
            "ピアリング先VPCのゲートウェイエンドポイントに依存する通信があります",
        ),
        why: Text::new(
            "A gateway endpoint (S3, DynamoDB, S3 Express) is only a route in the route tables of its own VPC: traffic to the service's prefix list is handed to it there. A peered VPC has no such route and cannot be given one through the peering, so its traffic never reaches the endpoint. Gateway-endpoint connections cannot be extended out of their VPC, through peering or otherwise.",
            "ゲートウェイエンドポイント(S3、DynamoDB、S3 Express)は、自身のVPCのルートテーブル内のルートにすぎず、そのVPC内でサービスのプレフィックスリスト宛ての通信を受け取ります。ピアリング先のVPCにはそのルートがなく、ピアリング経由で持たせることもできないため、通信はエンドポイントに届きません。ゲートウェイエンドポイントの接続は、ピアリングを含め、VPCの外に延長できません。",
        ),
        fix: Text::new(
            "Create a gateway endpoint for the service in the VPC the flow starts from (they are free), or use an interface endpoint, which peered VPCs can reach.",
            "通信の送信元VPCにそのサービスのゲートウェイエンドポイントを作成する(無料です)か、ピアリング先から到達できるインターフェイスエンドポイントを使用してください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.gateway_endpoints.is_empty() {
        return;
    }
    let mut flows = service_flows(index).peekable();
    if flows.peek().is_none() {
        return;
    }
    let endpoints = gateway_service_endpoints(index);
    for (intent, b, service) in flows {
        let ServiceKey::Aws { suffix, .. } = service_key(service) else {
            continue;
        };
        let peer_gateways = gateway_endpoints_only_in_peers(index, &endpoints, b, service);
        if peer_gateways.is_empty() {
            continue;
        }
        let found = EndpointsInPeers::new(intent, b, service, &peer_gateways);
        out.push(rule.diagnostic(
            Severity::Error,
            found.subjects,
            Localized::new(
                format!(
                    "{b} must reach {service} ({suffix}), but its only gateway endpoint for it is in a peered VPC: {}. Gateway endpoints cannot be used across a peering. Create a gateway endpoint in {b}, or use an interface endpoint.",
                    found.where_en,
                    b = b.label(),
                    service = service.label(),
                ),
                format!(
                    "{b}は{service}({suffix})に到達する必要がありますが、そのゲートウェイエンドポイントはピアリング先のVPCにしかありません: {}。ゲートウェイエンドポイントはピアリングをまたいで使えません。{b}にゲートウェイエンドポイントを作成するか、インターフェイスエンドポイントを使用してください。",
                    found.where_ja,
                    b = b.label(),
                    service = service.label(),
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

    fn shared_s3(links: Vec<crate::design::Link>) -> crate::Design {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("shared", "10.1.0.0/16").with_subnet("a", "10.1.0.0/24", 'a'),
            ],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("sqs", "sqs", "ap-northeast-1"),
            ],
            links,
        );
        design.intents = vec![
            service_intent("to-s3", "app", "s3"),
            service_intent("to-sqs", "app", "sqs"),
        ];
        design
    }

    #[test]
    fn flags_a_flow_that_only_a_peers_gateway_endpoint_serves() {
        let design = shared_s3(vec![
            peering("pcx", "app", "shared"),
            gateway_endpoint("vpce-s3", "shared", "s3"),
        ]);
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-005 intent:to-s3 vpc:app service:s3 vpc:shared link:pcx link:vpce-s3
              en: app must reach s3 (s3), but its only gateway endpoint for it is in a peered VPC: vpce-s3 in shared (peering pcx). Gateway endpoints cannot be used across a peering. Create a gateway endpoint in app, or use an interface endpoint.
              ja: appはs3(s3)に到達する必要がありますが、そのゲートウェイエンドポイントはピアリング先のVPCにしかありません: sharedのvpce-s3(ピアリングpcx)。ゲートウェイエンドポイントはピアリングをまたいで使えません。appにゲートウェイエンドポイントを作成するか、インターフェイスエンドポイントを使用してください。
        "#]],
        );
    }

    #[test]
    fn own_endpoints_peer_interface_endpoints_and_unpeered_vpcs_are_clean() {
        let own = shared_s3(vec![
            peering("pcx", "app", "shared"),
            gateway_endpoint("vpce-s3", "shared", "s3"),
            gateway_endpoint("vpce-own", "app", "s3"),
        ]);
        check(&RULE, &own, expect![[""]]);

        let peer_interface = shared_s3(vec![
            peering("pcx", "app", "shared"),
            gateway_endpoint("vpce-s3", "shared", "s3"),
            interface_endpoint("vpce-if", "shared", "s3", &["shared-a"]),
        ]);
        check(&RULE, &peer_interface, expect![[""]]);

        let unpeered = shared_s3(vec![gateway_endpoint("vpce-s3", "shared", "s3")]);
        check(&RULE, &unpeered, expect![[""]]);
    }
}
