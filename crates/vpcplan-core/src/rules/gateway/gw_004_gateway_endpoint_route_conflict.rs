//! GW-004: more than one gateway-endpoint route per service in a route
//! table, or a gateway-endpoint route written by hand.

use crate::collections::{Chains, HashMap};

use crate::Text;
use crate::design::{Link, RouteDestination, RouteTableId, RouteTarget};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::{AwsServiceKey, aws_service_key};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-004",
        name: "gateway-endpoint-route-conflict",
        severities: &[Severity::Error],
        title: Text::new(
            "A route table has conflicting or hand-written gateway-endpoint routes",
            "ルートテーブルのゲートウェイエンドポイントのルートが重複しているか、手動で書かれています",
        ),
        why: Text::new(
            "AWS adds a gateway endpoint's route (the service's prefix list through the `vpce-…`) to each route table associated with the endpoint, and a route table holds at most one endpoint route per service, so two endpoints for one service cannot share a table. The route cannot be written with the route-table APIs either: `VpcEndpointId` in CreateRoute (`AWS::EC2::Route`) is only for Gateway Load Balancer endpoints.",
            "AWSはゲートウェイエンドポイントのルート(サービスのプレフィックスリストから`vpce-…`へ)を、エンドポイントに関連付けた各ルートテーブルに追加します。ルートテーブルに置けるエンドポイントのルートはサービスごとに1つだけなので、同じサービスの2つのエンドポイントで1つのテーブルを共有できません。また、このルートはルートテーブルのAPIでは作成できません。CreateRoute(`AWS::EC2::Route`)の`VpcEndpointId`はGateway Load Balancerエンドポイント専用です。",
        ),
        fix: Text::new(
            "Associate each route table with only one gateway endpoint per service (one endpoint can serve many tables), and remove hand-written routes to a gateway endpoint: list the route table in the endpoint's RouteTableIds instead.",
            "各ルートテーブルを関連付けるゲートウェイエンドポイントはサービスごとに1つにしてください(1つのエンドポイントで複数のテーブルを扱えます)。ゲートウェイエンドポイントへの手動のルートは削除し、代わりにそのルートテーブルをエンドポイントのRouteTableIdsに加えてください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
        ],
    },
    check,
};

struct Shared<'d> {
    table: &'d RouteTableId,
    service: AwsServiceKey<'d>,
    /// The list of its endpoints in `endpoints`.
    endpoints: usize,
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut positions: HashMap<(&RouteTableId, AwsServiceKey<'_>), usize> = HashMap::default();
    let mut shared: Vec<Shared<'_>> = Vec::new();
    let mut endpoints: Chains<&Link> = Chains::with_capacity(index.gateway_endpoints.len());
    for (link, endpoint) in &index.gateway_endpoints {
        let Some(service) = index.service(&endpoint.service).and_then(aws_service_key) else {
            continue;
        };
        for table in &endpoint.route_tables {
            // Tables of other VPCs get no route (GW-005 reports them).
            let Some((vpc, _)) = index.route_tables.get(table) else {
                continue;
            };
            if vpc.id != endpoint.vpc {
                continue;
            }
            let position = *positions.entry((table, service)).or_insert_with(|| {
                shared.push(Shared {
                    table,
                    service,
                    endpoints: endpoints.new_list(),
                });
                shared.len() - 1
            });
            if let Some(group) = shared.get(position)
                && endpoints
                    .last(group.endpoints)
                    .is_none_or(|last| last.id != link.id)
            {
                endpoints.push(group.endpoints, link);
            }
        }
    }
    for group in &shared {
        let count = endpoints.len(group.endpoints);
        if count < 2 {
            continue;
        }
        let Some((vpc, table)) = index.route_tables.get(group.table) else {
            continue;
        };
        let table_name = table.label();
        let links: Vec<&str> = endpoints
            .iter(group.endpoints)
            .map(|link| link.id.as_str())
            .collect();
        let links = links.join(", ");
        let mut subjects = vec![
            Subject::RouteTable(table.id.clone()),
            Subject::Vpc(vpc.id.clone()),
        ];
        subjects.extend(
            endpoints
                .iter(group.endpoints)
                .map(|link| Subject::Link(link.id.clone())),
        );
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Route table {table_name} of VPC {} is associated with {} gateway endpoints for `{}` in {} ({links}); a route table holds at most one endpoint route per service.",
                    vpc.label(),
                    count,
                    group.service.suffix,
                    group.service.region
                ),
                format!(
                    "VPC {}のルートテーブル{table_name}は、{}の`{}`のゲートウェイエンドポイント{}個({links})に関連付けられています。ルートテーブルに置けるエンドポイントのルートはサービスごとに1つだけです。",
                    vpc.label(),
                    group.service.region,
                    group.service.suffix,
                    count
                ),
            ),
        ));
    }

    for vpc in &index.design.vpcs {
        for table in &vpc.route_tables {
            for route in &table.routes {
                let RouteTarget::GatewayEndpoint(link) = &route.target else {
                    continue;
                };
                let destination = match &route.destination {
                    RouteDestination::Ipv4(net) => net.to_string(),
                    RouteDestination::Ipv6(net) => net.to_string(),
                    RouteDestination::PrefixList(name) => name.clone(),
                };
                let table_name = table.label();
                out.push(rule.diagnostic(
                    Severity::Error,
                    vec![
                        Subject::RouteTable(table.id.clone()),
                        Subject::Vpc(vpc.id.clone()),
                        Subject::Link(link.clone()),
                    ],
                    Localized::new(
                        format!(
                            "Route table {table_name} of VPC {} has a hand-written route to {destination} through gateway endpoint {link}. Gateway-endpoint routes come only from the endpoint's route tables (RouteTableIds); CreateRoute's VpcEndpointId is only for Gateway Load Balancer endpoints.",
                            vpc.label()
                        ),
                        format!(
                            "VPC {}のルートテーブル{table_name}に、ゲートウェイエンドポイント{link}経由で{destination}へ向かう手動のルートがあります。ゲートウェイエンドポイントのルートはエンドポイントのルートテーブル(RouteTableIds)からのみ作られます。CreateRouteのVpcEndpointIdはGateway Load Balancerエンドポイント専用です。",
                            vpc.label()
                        ),
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{LinkId, Route};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_two_endpoints_for_one_service_on_a_table() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("s3-copy", "s3", "ap-northeast-1"),
            ],
            vec![
                gateway_endpoint("gw-1", "app", "s3"),
                gateway_endpoint("gw-2", "app", "s3-copy"),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-004 route-table:app-rtb vpc:app link:gw-1 link:gw-2
              en: Route table app main of VPC app is associated with 2 gateway endpoints for `s3` in ap-northeast-1 (gw-1, gw-2); a route table holds at most one endpoint route per service.
              ja: VPC appのルートテーブルapp mainは、ap-northeast-1の`s3`のゲートウェイエンドポイント2個(gw-1, gw-2)に関連付けられています。ルートテーブルに置けるエンドポイントのルートはサービスごとに1つだけです。
        "#]],
        );
    }

    #[test]
    fn flags_a_hand_written_route_to_a_gateway_endpoint() {
        let mut app = vpc("app", "10.0.0.0/16");
        app.route_tables[0].routes.push(Route {
            destination: RouteDestination::PrefixList("pl-61a54008".to_owned()),
            target: RouteTarget::GatewayEndpoint(LinkId::new("gw")),
        });
        let design = design(
            vec![app],
            vec![aws_service("s3", "s3", "ap-northeast-1")],
            vec![gateway_endpoint("gw", "app", "s3")],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-004 route-table:app-rtb vpc:app link:gw
              en: Route table app main of VPC app has a hand-written route to pl-61a54008 through gateway endpoint gw. Gateway-endpoint routes come only from the endpoint's route tables (RouteTableIds); CreateRoute's VpcEndpointId is only for Gateway Load Balancer endpoints.
              ja: VPC appのルートテーブルapp mainに、ゲートウェイエンドポイントgw経由でpl-61a54008へ向かう手動のルートがあります。ゲートウェイエンドポイントのルートはエンドポイントのルートテーブル(RouteTableIds)からのみ作られます。CreateRouteのVpcEndpointIdはGateway Load Balancerエンドポイント専用です。
        "#]],
        );
    }

    #[test]
    fn different_services_tables_or_a_repeated_table_are_clean() {
        let mut app = vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a');
        add_route_table(&mut app, "private", &["app-a"]);
        let mut design = design(
            vec![app],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("ddb", "dynamodb", "ap-northeast-1"),
            ],
            vec![
                gateway_endpoint("gw-s3", "app", "s3"),
                gateway_endpoint("gw-ddb", "app", "ddb"),
                gateway_endpoint("gw-s3-private", "app", "s3"),
            ],
        );
        gateway_mut(&mut design, 2).route_tables = vec!["app-private".into(), "app-private".into()];
        check(&RULE, &design, expect![[""]]);
    }
}
