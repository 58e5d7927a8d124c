//! GW-005: a gateway endpoint's route tables or settings do not fit how
//! gateway endpoints work.

use crate::collections::HashMap;

use crate::Text;
use crate::design::{GatewayEndpoint, IntentSource, IntentTarget, Link, Vpc, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::{AwsServiceKey, gateway_service_key, shown};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-005",
        name: "gateway-endpoint-misconfigured",
        severities: &[Severity::Error, Severity::Warning],
        title: Text::new(
            "A gateway endpoint's route tables or settings are wrong",
            "ゲートウェイエンドポイントのルートテーブルまたは設定が誤っています",
        ),
        why: Text::new(
            "A gateway endpoint works only through route tables: the subnets whose route tables are associated with it use it, and no others. Its route tables must be in its own VPC. Subnets, security groups and private DNS belong to interface endpoints and do not apply to gateway endpoints (a client's security group can reference the service's prefix list instead).",
            "ゲートウェイエンドポイントはルートテーブルを通してだけ機能します。関連付けたルートテーブルを使うサブネットだけが利用でき、それ以外は利用できません。ルートテーブルはエンドポイントと同じVPCのものでなければなりません。サブネット、セキュリティグループ、プライベートDNSはインターフェイスエンドポイントの設定で、ゲートウェイエンドポイントには適用されません(クライアントのセキュリティグループではサービスのプレフィックスリストを参照できます)。",
        ),
        fix: Text::new(
            "Associate the route tables of the client subnets (in the endpoint's VPC) through RouteTableIds, control access with the endpoint policy (PolicyDocument), and remove SubnetIds, SecurityGroupIds and PrivateDnsEnabled.",
            "クライアントのサブネットが使うルートテーブル(エンドポイントと同じVPCのもの)をRouteTableIdsで関連付け、アクセスはエンドポイントポリシー(PolicyDocument)で制御し、SubnetIds・SecurityGroupIds・PrivateDnsEnabledは削除してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint, vpc) in index.gateway_endpoints_with_vpc() {
        check_endpoint(rule, index, link, endpoint, vpc, out);
    }
    check_client_subnets(rule, index, out);
}

fn check_endpoint(
    rule: &Rule,
    index: &DesignIndex<'_>,
    link: &Link,
    endpoint: &GatewayEndpoint,
    vpc: Option<&Vpc>,
    out: &mut Vec<Diagnostic>,
) {
    let vpc_name = vpc.map_or(endpoint.vpc.as_str(), |vpc| vpc.label());
    let subjects = || {
        vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(endpoint.vpc.clone()),
        ]
    };

    if endpoint.route_tables.is_empty() {
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects(),
            Localized::new(
                format!(
                    "Gateway endpoint {} in VPC {vpc_name} has no route tables, so no subnet uses it. Only subnets whose route tables are associated with a gateway endpoint use it.",
                    link.id
                ),
                format!(
                    "VPC {vpc_name}のゲートウェイエンドポイント{}にルートテーブルがないため、どのサブネットも利用しません。ゲートウェイエンドポイントを使うのは、関連付けたルートテーブルを使うサブネットだけです。",
                    link.id
                ),
            ),
        ));
    }

    // Associated, but with no table a subnet of its VPC uses: no traffic
    // takes the endpoint (reachability finds the same for the whole VPC).
    // Tables of other VPCs are the error below; tables that do not exist are
    // DES-001's, and serve no subnet either.
    let mut in_use = false;
    let mut unused = Vec::new();
    for table in &endpoint.route_tables {
        match index.route_tables.get(table) {
            Some((owner, _)) if owner.id != endpoint.vpc => {}
            Some((owner, _)) if index.route_table_in_use(owner, table) => in_use = true,
            _ => unused.push(table),
        }
    }
    if !in_use && !unused.is_empty() {
        let associated = unused
            .iter()
            .map(|table| table.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let tables_in_use = index
            .vpc(&endpoint.vpc)
            .map(|vpc| {
                index
                    .route_tables_in_use(vpc)
                    .iter()
                    .map(|table| table.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let (in_use_en, in_use_ja) = if tables_in_use.is_empty() {
            ("none".to_owned(), "なし".to_owned())
        } else {
            (tables_in_use.clone(), tables_in_use)
        };
        let mut subjects = subjects();
        subjects.extend(
            unused
                .iter()
                .map(|table| Subject::RouteTable((*table).clone())),
        );
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Gateway endpoint {} in VPC {vpc_name} is associated only with route tables no subnet of the VPC uses ({associated}; in use: {in_use_en}), so no subnet uses it. Only subnets whose route tables are associated use a gateway endpoint.",
                    link.id
                ),
                format!(
                    "VPC {vpc_name}のゲートウェイエンドポイント{}は、VPCのどのサブネットも使っていないルートテーブル({associated}、使用中: {in_use_ja})にしか関連付けられていないため、どのサブネットも利用しません。ゲートウェイエンドポイントを使うのは、関連付けたルートテーブルを使うサブネットだけです。",
                    link.id
                ),
            ),
        ));
    }

    let mut foreign = Vec::new();
    let mut foreign_subjects = Vec::new();
    for table in &endpoint.route_tables {
        // Tables that do not exist at all are DES-001's.
        let Some((owner, _)) = index.route_tables.get(table) else {
            continue;
        };
        if owner.id != endpoint.vpc {
            foreign.push(format!("{table} ({})", owner.label()));
            foreign_subjects.push(Subject::RouteTable(table.clone()));
            foreign_subjects.push(Subject::Vpc(owner.id.clone()));
        }
    }
    if !foreign.is_empty() {
        let foreign = foreign.join(", ");
        let mut subjects = subjects();
        subjects.extend(foreign_subjects);
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Gateway endpoint {} in VPC {vpc_name} lists route tables of other VPCs: {foreign}. A gateway endpoint can only be associated with route tables of its own VPC.",
                    link.id
                ),
                format!(
                    "VPC {vpc_name}のゲートウェイエンドポイント{}に、別のVPCのルートテーブルが指定されています: {foreign}。ゲートウェイエンドポイントに関連付けられるのは同じVPCのルートテーブルだけです。",
                    link.id
                ),
            ),
        ));
    }

    let mut settings = Vec::new();
    let mut settings_subjects = Vec::new();
    if !endpoint.subnets.is_empty() {
        let subnets: Vec<&str> = endpoint
            .subnets
            .iter()
            .map(|subnet| subnet.as_str())
            .collect();
        settings.push(format!("SubnetIds ({})", subnets.join(", ")));
        settings_subjects.extend(endpoint.subnets.iter().cloned().map(Subject::Subnet));
    }
    if !endpoint.security_groups.is_empty() {
        let groups: Vec<&str> = endpoint
            .security_groups
            .iter()
            .map(|group| group.as_str())
            .collect();
        settings.push(format!("SecurityGroupIds ({})", groups.join(", ")));
        settings_subjects.extend(
            endpoint
                .security_groups
                .iter()
                .cloned()
                .map(Subject::SecurityGroup),
        );
    }
    if endpoint.private_dns {
        settings.push("PrivateDnsEnabled".to_owned());
    }
    if !settings.is_empty() {
        let settings = settings.join(", ");
        let mut subjects = subjects();
        subjects.extend(settings_subjects);
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Gateway endpoint {} in VPC {vpc_name} sets {settings}, which only interface endpoints take. Use RouteTableIds and PolicyDocument.",
                    link.id
                ),
                format!(
                    "VPC {vpc_name}のゲートウェイエンドポイント{}に{settings}が設定されていますが、これはインターフェイスエンドポイント専用の設定です。RouteTableIdsとPolicyDocumentを使ってください。",
                    link.id
                ),
            ),
        ));
    }
}

/// Intents from a subnet to a service that its VPC has a gateway endpoint
/// for, while the subnet's route table is not associated with any of them.
fn check_client_subnets(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let design = index.design;
    if design.intents.is_empty() || index.gateway_endpoints.is_empty() {
        return;
    }
    let mut by_vpc: HashMap<(&VpcId, AwsServiceKey<'_>), Vec<(&Link, &GatewayEndpoint)>> =
        HashMap::default();
    for &(link, endpoint) in &index.gateway_endpoints {
        if let Some(key) = index
            .service(&endpoint.service)
            .and_then(gateway_service_key)
        {
            by_vpc
                .entry((&endpoint.vpc, key))
                .or_default()
                .push((link, endpoint));
        }
    }
    for intent in &design.intents {
        let (IntentSource::Subnet { vpc, subnet }, IntentTarget::Service(service_id)) =
            (&intent.from, &intent.to)
        else {
            continue;
        };
        let Some(service) = index.service(service_id) else {
            continue;
        };
        let Some(key) = gateway_service_key(service) else {
            continue;
        };
        let Some(endpoints) = by_vpc.get(&(vpc, key)) else {
            continue;
        };
        let Some(vpc) = index.vpc(vpc) else {
            continue;
        };
        if index
            .subnets
            .get(subnet)
            .is_none_or(|(owner, _)| owner.id != vpc.id)
        {
            continue;
        }
        let Some(table) = vpc.route_table_of(subnet) else {
            continue;
        };
        if endpoints
            .iter()
            .any(|(_, endpoint)| endpoint.route_tables.contains(&table.id))
        {
            continue;
        }
        let mut subjects = vec![
            Subject::Intent(intent.id.clone()),
            Subject::Subnet(subnet.clone()),
            Subject::RouteTable(table.id.clone()),
            Subject::Vpc(vpc.id.clone()),
            Subject::Service(service.id.clone()),
        ];
        subjects.extend(
            endpoints
                .iter()
                .map(|(link, _)| Subject::Link(link.id.clone())),
        );
        let links: Vec<&str> = endpoints.iter().map(|(link, _)| link.id.as_str()).collect();
        let links = links.join(", ");
        let table_name = table.label();
        let subnet_name = index
            .subnets
            .get(subnet)
            .map_or(subnet.as_str(), |(_, found)| {
                shown(found.label(), subnet.as_str())
            });
        let service_name = service.label();
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Intent {}: subnet {subnet_name} of VPC {} uses route table {table_name}, which is not associated with the gateway endpoint for {service_name} ({links}), so its traffic to {service_name} will not use the endpoint. Add {table_name} to the endpoint's route tables.",
                    intent.id, vpc.label()
                ),
                format!(
                    "通信要件{}: VPC {}のサブネット{subnet_name}が使うルートテーブル{table_name}は{service_name}のゲートウェイエンドポイント({links})に関連付けられていないため、{service_name}への通信はエンドポイントを通りません。{table_name}をエンドポイントのルートテーブルに追加してください。",
                    intent.id, vpc.label()
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{RouteTableId, SecurityGroupId, SubnetId};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn s3() -> crate::design::Service {
        aws_service("s3", "s3", "ap-northeast-1")
    }

    #[test]
    fn no_route_tables_is_a_warning() {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![s3()],
            vec![gateway_endpoint("gw", "app", "s3")],
        );
        gateway_mut(&mut design, 0).route_tables.clear();
        check(
            &RULE,
            &design,
            expect![[r#"
            warning GW-005 link:gw vpc:app
              en: Gateway endpoint gw in VPC app has no route tables, so no subnet uses it. Only subnets whose route tables are associated with a gateway endpoint use it.
              ja: VPC appのゲートウェイエンドポイントgwにルートテーブルがないため、どのサブネットも利用しません。ゲートウェイエンドポイントを使うのは、関連付けたルートテーブルを使うサブネットだけです。
        "#]],
        );
    }

    #[test]
    fn a_route_table_of_another_vpc_is_an_error() {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![s3()],
            vec![gateway_endpoint("gw", "app", "s3")],
        );
        gateway_mut(&mut design, 0)
            .route_tables
            .push(RouteTableId::new("data-rtb"));
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-005 link:gw vpc:app route-table:data-rtb vpc:data
              en: Gateway endpoint gw in VPC app lists route tables of other VPCs: data-rtb (data). A gateway endpoint can only be associated with route tables of its own VPC.
              ja: VPC appのゲートウェイエンドポイントgwに、別のVPCのルートテーブルが指定されています: data-rtb (data)。ゲートウェイエンドポイントに関連付けられるのは同じVPCのルートテーブルだけです。
        "#]],
        );
    }

    #[test]
    fn interface_settings_are_an_error_naming_each() {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![s3()],
            vec![gateway_endpoint("gw", "app", "s3")],
        );
        let endpoint = gateway_mut(&mut design, 0);
        endpoint.subnets.push(SubnetId::new("app-a"));
        endpoint.security_groups.push(SecurityGroupId::new("sg-1"));
        endpoint.private_dns = true;
        check(
            &RULE,
            &design,
            expect![[r#"
            error GW-005 link:gw vpc:app subnet:app-a sg:sg-1
              en: Gateway endpoint gw in VPC app sets SubnetIds (app-a), SecurityGroupIds (sg-1), PrivateDnsEnabled, which only interface endpoints take. Use RouteTableIds and PolicyDocument.
              ja: VPC appのゲートウェイエンドポイントgwにSubnetIds (app-a), SecurityGroupIds (sg-1), PrivateDnsEnabledが設定されていますが、これはインターフェイスエンドポイント専用の設定です。RouteTableIdsとPolicyDocumentを使ってください。
        "#]],
        );
    }

    #[test]
    fn a_client_subnet_whose_table_is_not_associated_is_a_warning() {
        let mut app = vpc("app", "10.0.0.0/16")
            .with_subnet("a", "10.0.1.0/24", 'a')
            .with_subnet("b", "10.0.2.0/24", 'c');
        add_route_table(&mut app, "private", &["app-b"]);
        let mut design = design(
            vec![app],
            vec![s3()],
            vec![gateway_endpoint("gw", "app", "s3")],
        );
        // Subnet a uses the main table, which the endpoint has; b does not.
        design
            .intents
            .push(subnet_service_intent("i-a", "app", "app-a", "s3"));
        design
            .intents
            .push(subnet_service_intent("i-b", "app", "app-b", "s3"));
        check(
            &RULE,
            &design,
            expect![[r#"
            warning GW-005 intent:i-b subnet:app-b route-table:app-private vpc:app service:s3 link:gw
              en: Intent i-b: subnet b of VPC app uses route table private, which is not associated with the gateway endpoint for s3 (gw), so its traffic to s3 will not use the endpoint. Add private to the endpoint's route tables.
              ja: 通信要件i-b: VPC appのサブネットbが使うルートテーブルprivateはs3のゲートウェイエンドポイント(gw)に関連付けられていないため、s3への通信はエンドポイントを通りません。privateをエンドポイントのルートテーブルに追加してください。
        "#]],
        );

        gateway_mut(&mut design, 0)
            .route_tables
            .push(RouteTableId::new("app-private"));
        check(&RULE, &design, expect![[""]]);
    }

    #[test]
    fn a_well_formed_endpoint_and_unrelated_intents_are_clean() {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![s3(), aws_service("sqs", "sqs", "ap-northeast-1")],
            vec![gateway_endpoint("gw", "app", "s3")],
        );
        design
            .intents
            .push(subnet_service_intent("i1", "app", "app-a", "s3"));
        design
            .intents
            .push(subnet_service_intent("i2", "app", "app-a", "sqs"));
        design
            .intents
            .push(subnet_service_intent("i3", "app", "ghost", "s3"));
        design.intents.push(service_intent("i4", "app", "s3"));
        gateway_mut(&mut design, 0)
            .route_tables
            .push(RouteTableId::new("no-such-table"));
        check(&RULE, &design, expect![[""]]);
    }
}
