//! GW-006: a subnet that uses a gateway endpoint sits behind a network ACL
//! that does not let all traffic through, and NACLs cannot name the service's
//! prefix list.

use crate::Text;
use crate::design::ServiceKind;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::routes::gateway_prefix_list;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "GW-006",
        name: "restrictive-nacl-on-gateway-client",
        severities: &[Severity::Warning],
        title: Text::new(
            "A restrictive network ACL guards a subnet that uses a gateway endpoint",
            "ゲートウェイエンドポイントを使うサブネットに制限的なネットワークACLがあります",
        ),
        why: Text::new(
            "Traffic to a gateway endpoint goes to the service's public address ranges. Security groups can allow them by the service's prefix list, but network ACL entries take only CIDRs: a NACL that does not allow all traffic must list every CIDR of the prefix list, in both directions, and keep the list current.",
            "ゲートウェイエンドポイントへの通信の宛先はサービスのパブリックなアドレス範囲です。セキュリティグループではサービスのプレフィックスリストで許可できますが、ネットワークACLのエントリはCIDRしか指定できません。すべての通信を許可していないNACLでは、プレフィックスリストのすべてのCIDRを双方向に列挙し、最新に保つ必要があります。",
        ),
        fix: Text::new(
            "Allow the CIDRs that `aws ec2 describe-prefix-lists` returns for the service's prefix list, outbound and for the return traffic inbound (ephemeral ports), or associate a network ACL that allows all traffic.",
            "`aws ec2 describe-prefix-lists`で得られるサービスのプレフィックスリストのCIDRを、送信方向と戻り通信の受信方向(エフェメラルポート)で許可するか、すべての通信を許可するネットワークACLを関連付けてください。",
        ),
        sources: &[
            "https://github.com/awsdocs/amazon-vpc-user-guide",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint, endpoint_vpc) in index.gateway_endpoints_with_vpc() {
        let Some(vpc) = endpoint_vpc else {
            continue;
        };
        if vpc.network_acls.is_empty() {
            continue;
        }
        let Some(ServiceKind::Aws { service }) =
            index.service(&endpoint.service).map(|node| &node.kind)
        else {
            continue;
        };
        let prefix_list = gateway_prefix_list(service, &vpc.region);
        for subnet in &vpc.subnets {
            let Some(table) = vpc.route_table_of(&subnet.id) else {
                continue;
            };
            if !endpoint.route_tables.contains(&table.id) {
                continue;
            }
            let Some(acl) = vpc
                .network_acls
                .iter()
                .find(|acl| acl.subnets.contains(&subnet.id))
            else {
                continue;
            };
            let blocked: Vec<(&str, &str)> =
                [(true, ("outbound", "送信")), (false, ("inbound", "受信"))]
                    .into_iter()
                    .filter(|&(egress, _)| !acl.allows_everything(egress))
                    .map(|(_, names)| names)
                    .collect();
            if blocked.is_empty() {
                continue;
            }
            let en: Vec<&str> = blocked.iter().map(|(en, _)| *en).collect();
            let ja: Vec<&str> = blocked.iter().map(|(_, ja)| *ja).collect();
            out.push(rule.diagnostic(
                Severity::Warning,
                vec![
                    Subject::Link(link.id.clone()),
                    Subject::Subnet(subnet.id.clone()),
                    Subject::Vpc(vpc.id.clone()),
                ],
                Localized::new(
                    format!(
                        "Subnet {} uses gateway endpoint {} ({prefix_list}), but network ACL {} does not allow all {} traffic, and a NACL cannot reference the prefix list: allow its CIDRs explicitly.",
                        subnet.label(),
                        link.id,
                        acl.name,
                        en.join(" and ")
                    ),
                    format!(
                        "サブネット{}はゲートウェイエンドポイント{}({prefix_list})を使いますが、ネットワークACL {}は{}のすべての通信を許可しておらず、NACLではプレフィックスリストを参照できません。そのCIDRを明示的に許可してください。",
                        subnet.label(),
                        link.id,
                        acl.name,
                        ja.join("・")
                    ),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{NetworkAcl, NetworkAclEntry, NetworkAclId, SubnetId, Vpc};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn entry(rule_number: u16, egress: bool, cidr: &str, allow: bool) -> NetworkAclEntry {
        NetworkAclEntry {
            rule_number,
            egress,
            protocol: "-1".to_owned(),
            cidr: cidr.parse().unwrap(),
            allow,
        }
    }

    fn with_acl(mut vpc: Vpc, entries: Vec<NetworkAclEntry>) -> Vpc {
        vpc.network_acls.push(NetworkAcl {
            id: NetworkAclId::new("acl-1"),
            name: "locked-down".to_owned(),
            subnets: vec![SubnetId::new("app-a")],
            entries,
        });
        vpc
    }

    fn design_with(entries: Vec<NetworkAclEntry>) -> crate::Design {
        design(
            vec![with_acl(
                vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
                entries,
            )],
            vec![aws_service("s3", "s3", "ap-northeast-1")],
            vec![gateway_endpoint("vpce-s3", "app", "s3")],
        )
    }

    #[test]
    fn flags_a_nacl_that_only_allows_the_vpc_range() {
        check(
            &RULE,
            &design_with(vec![
                entry(100, true, "10.0.0.0/16", true),
                entry(100, false, "10.0.0.0/16", true),
                entry(32767, true, "0.0.0.0/0", false),
                entry(32767, false, "0.0.0.0/0", false),
            ]),
            expect![[r#"
                warning GW-006 link:vpce-s3 subnet:app-a vpc:app
                  en: Subnet a uses gateway endpoint vpce-s3 (com.amazonaws.ap-northeast-1.s3), but network ACL locked-down does not allow all outbound and inbound traffic, and a NACL cannot reference the prefix list: allow its CIDRs explicitly.
                  ja: サブネットaはゲートウェイエンドポイントvpce-s3(com.amazonaws.ap-northeast-1.s3)を使いますが、ネットワークACL locked-downは送信・受信のすべての通信を許可しておらず、NACLではプレフィックスリストを参照できません。そのCIDRを明示的に許可してください。
            "#]],
        );
    }

    #[test]
    fn a_deny_numbered_before_the_allow_all_still_restricts() {
        check(
            &RULE,
            &design_with(vec![
                entry(50, true, "0.0.0.0/0", false),
                entry(100, true, "0.0.0.0/0", true),
                entry(100, false, "0.0.0.0/0", true),
            ]),
            expect![[r#"
                warning GW-006 link:vpce-s3 subnet:app-a vpc:app
                  en: Subnet a uses gateway endpoint vpce-s3 (com.amazonaws.ap-northeast-1.s3), but network ACL locked-down does not allow all outbound traffic, and a NACL cannot reference the prefix list: allow its CIDRs explicitly.
                  ja: サブネットaはゲートウェイエンドポイントvpce-s3(com.amazonaws.ap-northeast-1.s3)を使いますが、ネットワークACL locked-downは送信のすべての通信を許可しておらず、NACLではプレフィックスリストを参照できません。そのCIDRを明示的に許可してください。
            "#]],
        );
    }

    #[test]
    fn open_nacls_default_nacls_and_subnets_off_the_endpoint_are_clean() {
        let open = design_with(vec![
            entry(100, true, "0.0.0.0/0", true),
            entry(100, false, "0.0.0.0/0", true),
        ]);
        check(&RULE, &open, expect![[""]]);

        let default_acl = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service("s3", "s3", "ap-northeast-1")],
            vec![gateway_endpoint("vpce-s3", "app", "s3")],
        );
        check(&RULE, &default_acl, expect![[""]]);

        let mut off_endpoint = design_with(vec![entry(100, true, "10.0.0.0/16", true)]);
        off_endpoint.links.clear();
        check(&RULE, &off_endpoint, expect![[""]]);
    }
}
