//! PEER-006: a flow served by an interface endpoint in a peered VPC.

use crate::Text;
use crate::design::ServiceKind;
use crate::diagnostic::{Diagnostic, Localized, Severity};
use crate::index::DesignIndex;
use crate::rules::peering::{Endpoints, EndpointsInPeers, service_flows, service_key};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-006",
        name: "interface-endpoint-across-peering",
        severities: &[Severity::Info],
        title: Text::new(
            "A flow uses an interface endpoint in a peered VPC",
            "ピアリング先VPCのインターフェイスエンドポイントを使う通信があります",
        ),
        why: Text::new(
            "Interface endpoints are network interfaces with private addresses, so a peered VPC can reach them, also over inter-Region peering. But the private DNS name an interface endpoint enables (the service's default name, such as `sqs.<region>.amazonaws.com`) only resolves to the endpoint inside the endpoint's own VPC; from the peered VPC it still resolves to the public service addresses.",
            "インターフェイスエンドポイントはプライベートアドレスを持つネットワークインターフェイスなので、ピアリング先のVPCから(リージョン間ピアリングでも)到達できます。ただし、インターフェイスエンドポイントで有効にするプライベートDNS名(`sqs.<region>.amazonaws.com`のようなサービスのデフォルト名)がエンドポイントに解決されるのは、エンドポイントのあるVPC内だけです。ピアリング先のVPCからは、引き続きサービスのパブリックアドレスに解決されます。",
        ),
        fix: Text::new(
            "From the peered VPC, use the endpoint-specific DNS name (`vpce-….<service>.<region>.vpce.amazonaws.com`), or create a private hosted zone for the service name with an alias to the endpoint and associate it with the peered VPC (Route 53 Resolver rules also work).",
            "ピアリング先のVPCからは、エンドポイント固有のDNS名(`vpce-….<service>.<region>.vpce.amazonaws.com`)を使うか、サービス名のプライベートホストゾーンを作成してエンドポイントへのエイリアスを設定し、ピアリング先のVPCに関連付けてください(Route 53 Resolverのルールでも構いません)。",
        ),
        sources: &[
            "https://aws.amazon.com/about-aws/whats-new/2018/10/aws-privatelink-now-supports-access-over-inter-region-vpc-peering/",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.interface_endpoints.is_empty() {
        return;
    }
    let mut flows = service_flows(index).peekable();
    if flows.peek().is_none() {
        return;
    }
    let endpoints = Endpoints::new(index, |_| true);
    for (intent, b, service) in flows {
        if let ServiceKind::EndpointService(provider) = &service.kind
            && provider.provider_vpc == b.id
        {
            continue;
        }
        let Some(found) = endpoints.in_peers(index, b, service_key(service)) else {
            continue;
        };
        let peer_endpoints = found.interface;
        if peer_endpoints.is_empty() {
            continue;
        }
        let found = EndpointsInPeers::new(intent, b, service, &peer_endpoints);
        out.push(rule.diagnostic(
            Severity::Info,
            found.subjects,
            Localized::new(
                format!(
                    "{b} reaches {service} through an interface endpoint in a peered VPC: {}. This is allowed over peering (also inter-Region), but the service's default DNS name will not resolve to the peer's endpoint from {b}. Use the endpoint-specific DNS name or a shared private hosted zone.",
                    found.where_en,
                    b = b.label(),
                    service = service.label(),
                ),
                format!(
                    "{b}はピアリング先VPCのインターフェイスエンドポイント経由で{service}に接続します: {}。ピアリング経由(リージョン間も含む)の利用は可能ですが、{b}からはサービスのデフォルトDNS名がピア先のエンドポイントに解決されません。エンドポイント固有のDNS名か、共有のプライベートホストゾーンを使用してください。",
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

    fn shared_sqs(links: Vec<crate::design::Link>) -> crate::Design {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.0.0/24", 'a'),
                vpc("shared", "10.1.0.0/16").with_subnet("a", "10.1.0.0/24", 'a'),
            ],
            vec![aws_service("sqs", "sqs", "ap-northeast-1")],
            links,
        );
        design.intents = vec![service_intent("to-sqs", "app", "sqs")];
        design
    }

    #[test]
    fn notes_a_flow_through_a_peers_interface_endpoint() {
        let design = shared_sqs(vec![
            peering("pcx", "app", "shared"),
            interface_endpoint("vpce-sqs", "shared", "sqs", &["shared-a"]),
        ]);
        check(
            &RULE,
            &design,
            expect![[r#"
            info PEER-006 intent:to-sqs vpc:app service:sqs vpc:shared link:pcx link:vpce-sqs
              en: app reaches sqs through an interface endpoint in a peered VPC: vpce-sqs in shared (peering pcx). This is allowed over peering (also inter-Region), but the service's default DNS name will not resolve to the peer's endpoint from app. Use the endpoint-specific DNS name or a shared private hosted zone.
              ja: appはピアリング先VPCのインターフェイスエンドポイント経由でsqsに接続します: sharedのvpce-sqs(ピアリングpcx)。ピアリング経由(リージョン間も含む)の利用は可能ですが、appからはサービスのデフォルトDNS名がピア先のエンドポイントに解決されません。エンドポイント固有のDNS名か、共有のプライベートホストゾーンを使用してください。
        "#]],
        );
    }

    #[test]
    fn an_own_endpoint_or_no_peering_is_clean() {
        let own = shared_sqs(vec![
            peering("pcx", "app", "shared"),
            interface_endpoint("vpce-sqs", "shared", "sqs", &["shared-a"]),
            interface_endpoint("vpce-own", "app", "sqs", &["app-a"]),
        ]);
        check(&RULE, &own, expect![[""]]);

        let unpeered = shared_sqs(vec![interface_endpoint(
            "vpce-sqs",
            "shared",
            "sqs",
            &["shared-a"],
        )]);
        check(&RULE, &unpeered, expect![[""]]);
    }
}
