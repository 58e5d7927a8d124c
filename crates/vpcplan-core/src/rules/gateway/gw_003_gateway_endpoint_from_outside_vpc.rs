//! GW-003: a flow meant to use a gateway endpoint from outside its VPC.
//!
//! The design's intents say which VPC or subnet must reach which service. A
//! flow to S3, DynamoDB or S3 Express from a VPC that has no endpoint of its
//! own for the service, whose peered VPC has a gateway endpoint to it, would
//! have to arrive at that endpoint through the peering, which AWS does not
//! allow. PEER-005 reports the same mistake from the peering's side; this rule
//! names the gateway endpoint that is being relied on.
//!
//! The flow is left alone when the source VPC has its own gateway or
//! interface endpoint for the service, or when a peered VPC offers an
//! interface endpoint for it (reachable over peering; see PEER-006).

use crate::collections::{HashMap, HashSet};

use crate::Text;
use crate::design::{EndpointTarget, IntentSource, IntentTarget, Link, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::{AwsServiceKey, aws_service_key, gateway_service_key};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-003",
        name: "gateway-endpoint-from-outside-vpc",
        severities: &[Severity::Error],
        title: Text::new(
            "A flow relies on a gateway endpoint in another VPC",
            "別のVPCのゲートウェイエンドポイントに頼る通信があります",
        ),
        why: Text::new(
            "A gateway endpoint is a route in the route tables of its own VPC. Its connection cannot be extended out of the VPC: traffic that arrives through a VPC peering, a transit gateway, a VPN or Direct Connect cannot use it. A VPC that needs S3 or DynamoDB must have its own endpoint.",
            "ゲートウェイエンドポイントは、それがあるVPCのルートテーブル上のルートです。その接続をVPCの外へ延長することはできず、VPCピアリング、Transit Gateway、VPN、Direct Connect経由で届いた通信は利用できません。S3やDynamoDBを使うVPCには、それぞれ自前のエンドポイントが必要です。",
        ),
        fix: Text::new(
            "Create a gateway endpoint for the service in the client's own VPC (it is free), or use an S3 or DynamoDB interface endpoint, which peered, transit-gateway and on-premises clients can reach.",
            "クライアント自身のVPCにそのサービスのゲートウェイエンドポイントを作成する(無料です)か、ピアリング先・Transit Gateway・オンプレミスのクライアントからも到達できるS3またはDynamoDBのインターフェイスエンドポイントを使ってください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let design = index.design;
    if design.intents.is_empty() || index.gateway_endpoints.is_empty() {
        return;
    }
    let mut gateways: HashMap<(&VpcId, AwsServiceKey<'_>), Vec<&Link>> = HashMap::default();
    for (link, endpoint) in &index.gateway_endpoints {
        let Some(key) = index
            .service(&endpoint.service)
            .and_then(gateway_service_key)
        else {
            continue;
        };
        gateways.entry((&endpoint.vpc, key)).or_default().push(link);
    }
    let mut interfaces: HashSet<(&VpcId, AwsServiceKey<'_>)> = HashSet::default();
    for (_, endpoint) in &index.interface_endpoints {
        let EndpointTarget::Service(service) = &endpoint.target else {
            continue;
        };
        if let Some(key) = index.service(service).and_then(aws_service_key) {
            interfaces.insert((&endpoint.vpc, key));
        }
    }

    for intent in &design.intents {
        let IntentTarget::Service(service_id) = &intent.to else {
            continue;
        };
        let Some(service) = index.service(service_id) else {
            continue;
        };
        let Some(key) = gateway_service_key(service) else {
            continue;
        };
        let source_id = match &intent.from {
            IntentSource::Vpc(vpc) | IntentSource::Subnet { vpc, .. } => vpc,
        };
        let Some(source) = index.vpc(source_id) else {
            continue;
        };
        if gateways.contains_key(&(source_id, key)) || interfaces.contains(&(source_id, key)) {
            continue;
        }
        let mut relied_on = Vec::new();
        let mut interface_in_a_peer = false;
        for (peering_link, peering) in index.peerings_of(source_id) {
            let peer = index.peer_of(peering, source_id);
            if peer == source_id {
                continue;
            }
            if interfaces.contains(&(peer, key)) {
                interface_in_a_peer = true;
                break;
            }
            if let Some(endpoints) = gateways.get(&(peer, key)) {
                relied_on.push((peering_link, peer, endpoints));
            }
        }
        if interface_in_a_peer || relied_on.is_empty() {
            continue;
        }

        let mut subjects = vec![
            Subject::Intent(intent.id.clone()),
            Subject::Vpc(source.id.clone()),
        ];
        if let IntentSource::Subnet { subnet, .. } = &intent.from {
            subjects.push(Subject::Subnet(subnet.clone()));
        }
        subjects.push(Subject::Service(service.id.clone()));
        let mut list_en = Vec::new();
        let mut list_ja = Vec::new();
        for (peering_link, peer, endpoints) in &relied_on {
            let peer_name = index.vpc(peer).map_or(peer.as_str(), |vpc| vpc.label());
            for endpoint in endpoints.iter() {
                list_en.push(format!(
                    "{} in {peer_name} (over peering {})",
                    endpoint.id, peering_link.id
                ));
                list_ja.push(format!(
                    "{peer_name}の{}(ピアリング{}経由)",
                    endpoint.id, peering_link.id
                ));
                subjects.push(Subject::Link(endpoint.id.clone()));
            }
            subjects.push(Subject::Link(peering_link.id.clone()));
            subjects.push(Subject::Vpc((*peer).clone()));
        }
        let name = service.label();
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Intent {}: VPC {} is meant to reach {name}, but has no endpoint for it; the only gateway endpoints to it are in peered VPCs: {}. Gateway endpoint connections cannot be extended out of their VPC, so traffic arriving through a peering cannot use them.",
                    intent.id,
                    source.label(),
                    list_en.join(", ")
                ),
                format!(
                    "通信要件{}: VPC {}は{name}に接続する必要がありますが、自身のエンドポイントがなく、ゲートウェイエンドポイントはピアリング先のVPCにしかありません: {}。ゲートウェイエンドポイントの接続はVPCの外へ延長できないため、ピアリング経由の通信では使えません。",
                    intent.id,
                    source.label(),
                    list_ja.join("、")
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

    fn peered_with_gateway_in_data() -> crate::Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                vpc("data", "10.1.0.0/16"),
            ],
            vec![aws_service("s3", "s3", "ap-northeast-1")],
            vec![
                peering("pcx", "app", "data"),
                gateway_endpoint("gw-data", "data", "s3"),
            ],
        )
    }

    #[test]
    fn flags_a_vpc_relying_on_a_peers_gateway_endpoint() {
        let mut design = peered_with_gateway_in_data();
        design.intents.push(service_intent("i1", "app", "s3"));
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-003 intent:i1 vpc:app service:s3 link:gw-data link:pcx vpc:data
              en: Intent i1: VPC app is meant to reach s3, but has no endpoint for it; the only gateway endpoints to it are in peered VPCs: gw-data in data (over peering pcx). Gateway endpoint connections cannot be extended out of their VPC, so traffic arriving through a peering cannot use them.
              ja: 通信要件i1: VPC appはs3に接続する必要がありますが、自身のエンドポイントがなく、ゲートウェイエンドポイントはピアリング先のVPCにしかありません: dataのgw-data(ピアリングpcx経由)。ゲートウェイエンドポイントの接続はVPCの外へ延長できないため、ピアリング経由の通信では使えません。
        "#]],
        );
    }

    #[test]
    fn flags_a_subnet_source_too() {
        let mut design = peered_with_gateway_in_data();
        design
            .intents
            .push(subnet_service_intent("i1", "app", "app-a", "s3"));
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-003 intent:i1 vpc:app subnet:app-a service:s3 link:gw-data link:pcx vpc:data
              en: Intent i1: VPC app is meant to reach s3, but has no endpoint for it; the only gateway endpoints to it are in peered VPCs: gw-data in data (over peering pcx). Gateway endpoint connections cannot be extended out of their VPC, so traffic arriving through a peering cannot use them.
              ja: 通信要件i1: VPC appはs3に接続する必要がありますが、自身のエンドポイントがなく、ゲートウェイエンドポイントはピアリング先のVPCにしかありません: dataのgw-data(ピアリングpcx経由)。ゲートウェイエンドポイントの接続はVPCの外へ延長できないため、ピアリング経由の通信では使えません。
        "#]],
        );
    }

    #[test]
    fn an_own_endpoint_for_the_same_service_makes_it_clean() {
        // Its own gateway endpoint, even through another node for S3 in the Region.
        let mut own_gateway = peered_with_gateway_in_data();
        own_gateway
            .services
            .push(aws_service("s3-again", "s3", "ap-northeast-1"));
        own_gateway
            .links
            .push(gateway_endpoint("gw-app", "app", "s3-again"));
        own_gateway.intents.push(service_intent("i1", "app", "s3"));
        check(&RULE, &own_gateway, expect![[""]]);

        // Its own interface endpoint.
        let mut own_interface = peered_with_gateway_in_data();
        own_interface
            .links
            .push(interface_endpoint("ie-app", "app", "s3", &["app-a"]));
        own_interface
            .intents
            .push(service_intent("i1", "app", "s3"));
        check(&RULE, &own_interface, expect![[""]]);

        // An interface endpoint in the peer, reachable over the peering.
        let mut peer_interface = peered_with_gateway_in_data();
        peer_interface
            .links
            .push(interface_endpoint("ie-data", "data", "s3", &[]));
        peer_interface
            .intents
            .push(service_intent("i1", "app", "s3"));
        check(&RULE, &peer_interface, expect![[""]]);
    }

    #[test]
    fn unpeered_other_services_and_dangling_intents_are_clean() {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("sqs", "sqs", "ap-northeast-1"),
            ],
            vec![
                gateway_endpoint("gw-data", "data", "s3"),
                peering("pcx", "app", "data"),
            ],
        );
        design.intents.push(service_intent("i1", "app", "sqs"));
        design.intents.push(service_intent("i2", "ghost", "s3"));
        design.intents.push(service_intent("i3", "app", "ghost"));
        design.intents.push(service_intent("i4", "data", "s3"));
        check(&RULE, &design, expect![[""]]);

        let mut unpeered = design.clone();
        unpeered.links.retain(|link| link.id.as_str() != "pcx");
        unpeered.intents = vec![service_intent("i1", "app", "s3")];
        check(&RULE, &unpeered, expect![[""]]);
    }
}
