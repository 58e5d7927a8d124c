//! PL-010: a Gateway Load Balancer endpoint without exactly one subnet.

use crate::Text;
use crate::design::EndpointTarget;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-010",
        name: "gwlb-endpoint-not-one-subnet",
        severities: &[Severity::Error],
        title: Text::new(
            "A Gateway Load Balancer endpoint does not have exactly one subnet",
            "ゲートウェイロードバランサーエンドポイントのサブネットが1つではありません",
        ),
        why: Text::new(
            "A Gateway Load Balancer endpoint is a single network interface that route tables point at, so CreateVpcEndpoint takes exactly one subnet for it. For appliances in several Availability Zones, each AZ gets its own endpoint.",
            "ゲートウェイロードバランサーエンドポイントはルートテーブルから指定される1つのネットワークインターフェイスなので、CreateVpcEndpointでは必ずサブネットを1つだけ指定します。複数のアベイラビリティーゾーンで使う場合は、AZごとにエンドポイントを作ります。",
        ),
        fix: Text::new(
            "Give the endpoint exactly one subnet, and create one Gateway Load Balancer endpoint per Availability Zone that needs inspection.",
            "エンドポイントにはサブネットを1つだけ指定し、検査が必要なアベイラビリティーゾーンごとにゲートウェイロードバランサーエンドポイントを1つずつ作ってください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
            "https://github.com/boto/botocore",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint) in &index.interface_endpoints {
        if !matches!(endpoint.target, EndpointTarget::GatewayLoadBalancer(_)) {
            continue;
        }
        let count = endpoint.subnets.len();
        if count == 1 {
            continue;
        }
        let mut subjects = vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(endpoint.vpc.clone()),
        ];
        subjects.extend(
            endpoint
                .subnets
                .iter()
                .filter(|id| index.subnets.contains_key(id))
                .map(|id| Subject::Subnet(id.clone())),
        );
        let listed: Vec<&str> = endpoint.subnets.iter().map(|id| id.as_str()).collect();
        let (listed, listed_ja) = if listed.is_empty() {
            ("none".to_owned(), "なし".to_owned())
        } else {
            (listed.join(", "), listed.join(", "))
        };
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Gateway Load Balancer endpoint {} has {count} subnets ({listed}). A Gateway Load Balancer endpoint takes exactly one subnet.",
                    link.id
                ),
                format!(
                    "ゲートウェイロードバランサーエンドポイント{}にはサブネットが{count}個あります({listed_ja})。ゲートウェイロードバランサーエンドポイントに指定できるサブネットはちょうど1つです。",
                    link.id
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

    fn gwlb_endpoint(subnets: &[&str]) -> crate::Design {
        let mut design = design(
            vec![
                vpc("inspection", "10.0.0.0/16"),
                vpc("app", "10.1.0.0/16")
                    .with_subnet("a", "10.1.1.0/24", 'a')
                    .with_subnet("c", "10.1.2.0/24", 'c'),
            ],
            vec![endpoint_service("firewall", "inspection", "ap-northeast-1")],
            vec![interface_endpoint("gwlbe", "app", "firewall", subnets)],
        );
        interface_mut(&mut design, 0).target =
            EndpointTarget::GatewayLoadBalancer("firewall".into());
        design
    }

    #[test]
    fn flags_two_subnets_or_none() {
        check(
            &RULE,
            &gwlb_endpoint(&["app-a", "app-c"]),
            expect![[r#"
            error PL-010 link:gwlbe vpc:app subnet:app-a subnet:app-c
              en: Gateway Load Balancer endpoint gwlbe has 2 subnets (app-a, app-c). A Gateway Load Balancer endpoint takes exactly one subnet.
              ja: ゲートウェイロードバランサーエンドポイントgwlbeにはサブネットが2個あります(app-a, app-c)。ゲートウェイロードバランサーエンドポイントに指定できるサブネットはちょうど1つです。
        "#]],
        );

        check(
            &RULE,
            &gwlb_endpoint(&[]),
            expect![[r#"
            error PL-010 link:gwlbe vpc:app
              en: Gateway Load Balancer endpoint gwlbe has 0 subnets (none). A Gateway Load Balancer endpoint takes exactly one subnet.
              ja: ゲートウェイロードバランサーエンドポイントgwlbeにはサブネットが0個あります(なし)。ゲートウェイロードバランサーエンドポイントに指定できるサブネットはちょうど1つです。
        "#]],
        );
    }

    #[test]
    fn one_subnet_and_interface_endpoints_with_several_are_clean() {
        check(&RULE, &gwlb_endpoint(&["app-a"]), expect![[""]]);
        let mut interface = gwlb_endpoint(&["app-a", "app-c"]);
        interface_mut(&mut interface, 0).target = EndpointTarget::Service("firewall".into());
        check(&RULE, &interface, expect![[""]]);
    }
}
