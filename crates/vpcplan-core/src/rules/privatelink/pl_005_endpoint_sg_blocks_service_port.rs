//! PL-005: an interface endpoint whose security groups do not let clients in
//! on the service port.

use crate::collections::HashMap;

use super::{CatalogueCache, label, service_label};
use crate::Text;
use crate::design::{EndpointTarget, SecurityGroup, SecurityGroupRule, ServiceKind, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-005",
        name: "endpoint-sg-blocks-service-port",
        severities: &[Severity::Warning],
        title: Text::new(
            "The endpoint's security groups do not allow the service port",
            "エンドポイントのセキュリティグループがサービスのポートを許可していません",
        ),
        why: Text::new(
            "The security groups on an interface endpoint's network interfaces decide which clients may connect to it. Without an inbound rule for the service port (443 for most AWS APIs, the listener port for an endpoint service), connections time out. If no security group is given, AWS attaches the VPC's default security group.",
            "インターフェイスエンドポイントのネットワークインターフェイスに付いたセキュリティグループが、接続できるクライアントを決めます。サービスのポート(多くのAWS APIでは443、エンドポイントサービスではリスナーのポート)へのインバウンドルールがないと、接続はタイムアウトします。セキュリティグループを指定しない場合は、VPCのデフォルトセキュリティグループが使われます。",
        ),
        fix: Text::new(
            "Add an inbound TCP rule for the service port from the client CIDRs or security groups to one of the endpoint's security groups (or attach a dedicated endpoint security group).",
            "エンドポイントのセキュリティグループのいずれかに、クライアントのCIDRまたはセキュリティグループからサービスのポートへのTCPインバウンドルールを追加してください(またはエンドポイント専用のセキュリティグループを付けてください)。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
            "https://github.com/awsdocs/amazon-vpc-user-guide",
        ],
    },
    check,
};

/// Whether an ingress rule lets TCP in on `port`.
fn allows_tcp(rule: &SecurityGroupRule, port: u16) -> bool {
    let protocol = rule.protocol.trim();
    if protocol == "-1" || protocol.eq_ignore_ascii_case("all") {
        return true;
    }
    (protocol.eq_ignore_ascii_case("tcp") || protocol == "6")
        && rule.from_port <= port
        && port <= rule.to_port
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    // Each VPC's group named "default", looked up once per VPC.
    let mut defaults: HashMap<&VpcId, Option<&SecurityGroup>> = HashMap::default();
    let mut catalogue_entries = CatalogueCache::default();
    for (link, endpoint) in &index.interface_endpoints {
        let EndpointTarget::Service(service_id) = &endpoint.target else {
            continue;
        };
        let Some(service) = index.service(service_id) else {
            continue;
        };
        let port = match &service.kind {
            ServiceKind::Aws { .. } => catalogue_entries
                .get(service)
                .map_or(443, |entry| entry.port),
            ServiceKind::EndpointService(provider) => provider.port,
        };
        let uses_default = endpoint.security_groups.is_empty();
        let groups: Vec<&SecurityGroup> = if uses_default {
            let default = *defaults.entry(&endpoint.vpc).or_insert_with(|| {
                index.vpc(&endpoint.vpc).and_then(|vpc| {
                    vpc.security_groups
                        .iter()
                        .find(|group| group.name == "default")
                })
            });
            default.into_iter().collect()
        } else {
            endpoint
                .security_groups
                .iter()
                .filter_map(|id| index.security_groups.get(id).map(|&(_, group)| group))
                .collect()
        };
        // Groups that are not modelled cannot be judged.
        if groups.is_empty() {
            continue;
        }
        if groups.iter().any(|group| {
            group
                .ingress
                .iter()
                .any(|ingress| allows_tcp(ingress, port))
        }) {
            continue;
        }
        let names: Vec<&str> = groups
            .iter()
            .map(|group| label(&group.name, group.id.as_str()))
            .collect();
        let names = names.join(", ");
        let (note, note_ja) = if uses_default {
            (
                " No security group is set, so the VPC's default security group is used.",
                "セキュリティグループが指定されていないため、VPCのデフォルトセキュリティグループが使われます。",
            )
        } else {
            ("", "")
        };
        let mut subjects = vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(endpoint.vpc.clone()),
            Subject::Service(service.id.clone()),
        ];
        subjects.extend(
            groups
                .iter()
                .map(|group| Subject::SecurityGroup(group.id.clone())),
        );
        let name = service_label(service);
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Endpoint {} to {name}: none of its security groups ({names}) allows inbound TCP {port}. The endpoint's security group must allow inbound {port} from client CIDRs or SGs.{note}",
                    link.id
                ),
                format!(
                    "{name}へのエンドポイント{}のセキュリティグループ({names})は、どれもTCP {port}のインバウンドを許可していません。エンドポイントのセキュリティグループで、クライアントのCIDRまたはセキュリティグループからの{port}番ポートへのインバウンドを許可する必要があります。{note_ja}",
                    link.id
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::SecurityGroupId;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn endpoint_with_groups(groups: Vec<SecurityGroup>, attached: &[&str]) -> crate::Design {
        let mut app = vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a');
        app.security_groups = groups;
        let mut design = design(
            vec![app],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![interface_endpoint("vpce-ssm", "app", "ssm", &["app-a"])],
        );
        interface_mut(&mut design, 0).security_groups = attached
            .iter()
            .map(|&id| SecurityGroupId::new(id))
            .collect();
        design
    }

    #[test]
    fn flags_endpoint_groups_without_an_inbound_443_rule() {
        let design = endpoint_with_groups(
            vec![security_group(
                "sg-endpoint",
                "endpoint",
                vec![
                    ingress("tcp", 80, 80, "10.0.0.0/16"),
                    ingress("udp", 443, 443, "10.0.0.0/16"),
                ],
            )],
            &["sg-endpoint"],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PL-005 link:vpce-ssm vpc:app service:ssm sg:sg-endpoint
              en: Endpoint vpce-ssm to com.amazonaws.ap-northeast-1.ssm: none of its security groups (endpoint) allows inbound TCP 443. The endpoint's security group must allow inbound 443 from client CIDRs or SGs.
              ja: com.amazonaws.ap-northeast-1.ssmへのエンドポイントvpce-ssmのセキュリティグループ(endpoint)は、どれもTCP 443のインバウンドを許可していません。エンドポイントのセキュリティグループで、クライアントのCIDRまたはセキュリティグループからの443番ポートへのインバウンドを許可する必要があります。
        "#]],
        );
    }

    #[test]
    fn falls_back_to_the_vpc_default_group_and_uses_the_endpoint_service_port() {
        let mut design = endpoint_with_groups(
            vec![security_group(
                "sg-default",
                "default",
                vec![ingress("tcp", 443, 443, "10.0.0.0/8")],
            )],
            &[],
        );
        check(&RULE, &design, expect![[""]]);

        design
            .services
            .push(endpoint_service("api", "app", "ap-northeast-1"));
        provider_mut(&mut design, 1).port = 8443;
        interface_mut(&mut design, 0).target = EndpointTarget::Service("api".into());
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PL-005 link:vpce-ssm vpc:app service:api sg:sg-default
              en: Endpoint vpce-ssm to api: none of its security groups (default) allows inbound TCP 8443. The endpoint's security group must allow inbound 8443 from client CIDRs or SGs. No security group is set, so the VPC's default security group is used.
              ja: apiへのエンドポイントvpce-ssmのセキュリティグループ(default)は、どれもTCP 8443のインバウンドを許可していません。エンドポイントのセキュリティグループで、クライアントのCIDRまたはセキュリティグループからの8443番ポートへのインバウンドを許可する必要があります。セキュリティグループが指定されていないため、VPCのデフォルトセキュリティグループが使われます。
        "#]],
        );
    }

    #[test]
    fn port_ranges_all_traffic_and_unmodelled_groups_are_clean() {
        let range = endpoint_with_groups(
            vec![security_group(
                "sg-endpoint",
                "endpoint",
                vec![ingress("tcp", 400, 500, "10.0.0.0/16")],
            )],
            &["sg-endpoint"],
        );
        check(&RULE, &range, expect![[""]]);

        let all = endpoint_with_groups(
            vec![security_group(
                "sg-all",
                "all",
                vec![ingress("-1", 0, 0, "10.0.0.0/16")],
            )],
            &["sg-all"],
        );
        check(&RULE, &all, expect![[""]]);

        // No groups modelled at all, a VPC without a "default" group, and
        // dangling group ids: nothing to judge.
        check(&RULE, &endpoint_with_groups(vec![], &[]), expect![[""]]);
        let other = vec![security_group("sg-web", "web", vec![])];
        check(
            &RULE,
            &endpoint_with_groups(other.clone(), &[]),
            expect![[""]],
        );
        check(
            &RULE,
            &endpoint_with_groups(other, &["sg-gone"]),
            expect![[""]],
        );
    }
}
