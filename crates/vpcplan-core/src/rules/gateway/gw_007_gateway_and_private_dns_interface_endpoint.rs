//! GW-007: a VPC with both a gateway endpoint and a private-DNS interface
//! endpoint for S3 or DynamoDB.

use crate::collections::{Chains, HashMap};

use crate::Text;
use crate::design::{EndpointTarget, Link, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::{AwsServiceKey, aws_service_key};

/// The services that have both gateway and interface endpoints.
const BOTH_TYPES: [&str; 2] = ["s3", "dynamodb"];

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-007",
        name: "gateway-and-private-dns-interface-endpoint",
        severities: &[Severity::Info],
        title: Text::new(
            "A VPC has a gateway endpoint and a private-DNS interface endpoint for one service",
            "1つのVPCに同じサービスのゲートウェイエンドポイントとプライベートDNS付きインターフェイスエンドポイントがあります",
        ),
        why: Text::new(
            "S3 and DynamoDB offer both endpoint types. Gateway endpoints are free; interface endpoints are charged per hour and per GB but can be reached from on premises, peered VPCs and other Regions. With private DNS for all resolvers, clients in the VPC resolve the service to the interface endpoint and pay for it. The option `PrivateDnsOnlyForInboundResolverEndpoint` keeps traffic from the VPC on the gateway endpoint and sends only traffic from on premises (through an inbound Resolver endpoint) to the interface endpoint.",
            "S3とDynamoDBには両方の種類のエンドポイントがあります。ゲートウェイエンドポイントは無料で、インターフェイスエンドポイントは時間とGBごとに課金されますが、オンプレミス・ピアリング先のVPC・別リージョンからも到達できます。すべてのリゾルバーでプライベートDNSを有効にすると、VPC内のクライアントもインターフェイスエンドポイントに名前解決され、その料金がかかります。`PrivateDnsOnlyForInboundResolverEndpoint`を使うと、VPC内からの通信はゲートウェイエンドポイントに、オンプレミスから(インバウンドResolverエンドポイント経由)の通信だけがインターフェイスエンドポイントに向かいます。",
        ),
        fix: Text::new(
            "Consider setting DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint=OnlyInboundResolver on the interface endpoint, so in-VPC traffic uses the free gateway endpoint and on-premises traffic uses the interface endpoint.",
            "インターフェイスエンドポイントにDnsOptions.PrivateDnsOnlyForInboundResolverEndpoint=OnlyInboundResolverを設定し、VPC内の通信は無料のゲートウェイエンドポイントを、オンプレミスからの通信はインターフェイスエンドポイントを使うようにすることを検討してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-vpcendpoint-dnsoptionsspecification.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html",
        ],
    },
    check,
};

struct Pair<'d> {
    vpc: &'d VpcId,
    service: AwsServiceKey<'d>,
    /// Its lists in `links`.
    gateways: usize,
    interfaces: usize,
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.gateway_endpoints.is_empty() || index.interface_endpoints.is_empty() {
        return;
    }
    let mut links: Chains<&Link> = Chains::with_capacity(0);
    // The private-DNS interface endpoints first: most designs have none for
    // these services, and then no gateway endpoint needs grouping.
    let mut interfaces: HashMap<(&VpcId, AwsServiceKey<'_>), usize> = HashMap::default();
    for (link, endpoint) in &index.interface_endpoints {
        if !endpoint.private_dns {
            continue;
        }
        let EndpointTarget::Service(service) = &endpoint.target else {
            continue;
        };
        let Some(key) = index.service(service).and_then(aws_service_key) else {
            continue;
        };
        if !BOTH_TYPES.contains(&key.suffix) {
            continue;
        }
        let list = *interfaces
            .entry((&endpoint.vpc, key))
            .or_insert_with(|| links.new_list());
        links.push(list, link);
    }
    if interfaces.is_empty() {
        return;
    }
    let mut positions: HashMap<(&VpcId, AwsServiceKey<'_>), usize> = HashMap::default();
    let mut pairs: Vec<Pair<'_>> = Vec::new();
    for (link, endpoint) in &index.gateway_endpoints {
        let Some(key) = index.service(&endpoint.service).and_then(aws_service_key) else {
            continue;
        };
        let Some(&with_interfaces) = interfaces.get(&(&endpoint.vpc, key)) else {
            continue;
        };
        let position = *positions.entry((&endpoint.vpc, key)).or_insert_with(|| {
            pairs.push(Pair {
                vpc: &endpoint.vpc,
                service: key,
                gateways: links.new_list(),
                interfaces: with_interfaces,
            });
            pairs.len() - 1
        });
        if let Some(pair) = pairs.get(position) {
            links.push(pair.gateways, link);
        }
    }
    for pair in &pairs {
        let vpc_name = index
            .vpc(pair.vpc)
            .map_or(pair.vpc.as_str(), |vpc| vpc.label());
        let gateways: Vec<&str> = links
            .iter(pair.gateways)
            .map(|link| link.id.as_str())
            .collect();
        let interfaces: Vec<&str> = links
            .iter(pair.interfaces)
            .map(|link| link.id.as_str())
            .collect();
        let (gateways, interfaces) = (gateways.join(", "), interfaces.join(", "));
        let suffix = pair.service.suffix;
        let mut subjects = vec![Subject::Vpc(pair.vpc.clone())];
        subjects.extend(
            links
                .iter(pair.gateways)
                .chain(links.iter(pair.interfaces))
                .map(|link| Subject::Link(link.id.clone())),
        );
        out.push(rule.diagnostic(
            Severity::Info,
            subjects,
            Localized::new(
                format!(
                    "VPC {vpc_name} has gateway endpoint {gateways} and interface endpoint {interfaces} with private DNS for `{suffix}`. Unless private DNS is limited to inbound Resolver endpoints (PrivateDnsOnlyForInboundResolverEndpoint), clients in the VPC use the charged interface endpoint instead of the free gateway endpoint."
                ),
                format!(
                    "VPC {vpc_name}には`{suffix}`のゲートウェイエンドポイント{gateways}と、プライベートDNS付きのインターフェイスエンドポイント{interfaces}があります。プライベートDNSをインバウンドResolverエンドポイントに限定(PrivateDnsOnlyForInboundResolverEndpoint)しない限り、VPC内のクライアントは無料のゲートウェイエンドポイントではなく有料のインターフェイスエンドポイントを使います。"
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

    fn both(service: &str, suffix: &str) -> crate::Design {
        design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service(service, suffix, "ap-northeast-1")],
            vec![
                gateway_endpoint("gw", "app", service),
                interface_endpoint("ie", "app", service, &["app-a"]),
            ],
        )
    }

    #[test]
    fn flags_s3_and_dynamodb_with_both_endpoint_types() {
        check(
            &RULE,
            &both("s3", "s3"),
            expect![[r#"
            info GW-007 vpc:app link:gw link:ie
              en: VPC app has gateway endpoint gw and interface endpoint ie with private DNS for `s3`. Unless private DNS is limited to inbound Resolver endpoints (PrivateDnsOnlyForInboundResolverEndpoint), clients in the VPC use the charged interface endpoint instead of the free gateway endpoint.
              ja: VPC appには`s3`のゲートウェイエンドポイントgwと、プライベートDNS付きのインターフェイスエンドポイントieがあります。プライベートDNSをインバウンドResolverエンドポイントに限定(PrivateDnsOnlyForInboundResolverEndpoint)しない限り、VPC内のクライアントは無料のゲートウェイエンドポイントではなく有料のインターフェイスエンドポイントを使います。
        "#]],
        );

        check(
            &RULE,
            &both("ddb", "dynamodb"),
            expect![[r#"
            info GW-007 vpc:app link:gw link:ie
              en: VPC app has gateway endpoint gw and interface endpoint ie with private DNS for `dynamodb`. Unless private DNS is limited to inbound Resolver endpoints (PrivateDnsOnlyForInboundResolverEndpoint), clients in the VPC use the charged interface endpoint instead of the free gateway endpoint.
              ja: VPC appには`dynamodb`のゲートウェイエンドポイントgwと、プライベートDNS付きのインターフェイスエンドポイントieがあります。プライベートDNSをインバウンドResolverエンドポイントに限定(PrivateDnsOnlyForInboundResolverEndpoint)しない限り、VPC内のクライアントは無料のゲートウェイエンドポイントではなく有料のインターフェイスエンドポイントを使います。
        "#]],
        );
    }

    #[test]
    fn without_private_dns_or_in_another_vpc_it_is_clean() {
        let mut no_dns = both("s3", "s3");
        interface_mut(&mut no_dns, 1).private_dns = false;
        check(&RULE, &no_dns, expect![[""]]);

        let elsewhere = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![aws_service("s3", "s3", "ap-northeast-1")],
            vec![
                gateway_endpoint("gw", "app", "s3"),
                interface_endpoint("ie", "data", "s3", &[]),
            ],
        );
        check(&RULE, &elsewhere, expect![[""]]);

        let other_service = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("ddb", "dynamodb", "ap-northeast-1"),
            ],
            vec![
                gateway_endpoint("gw", "app", "s3"),
                interface_endpoint("ie", "app", "ddb", &[]),
            ],
        );
        check(&RULE, &other_service, expect![[""]]);
    }
}
