//! more VPC endpoints than the PrivateLink quotas allow.

use crate::collections::{Chains, HashMap};

use crate::Text;
use crate::design::{AccountId, EndpointTarget, Link, Vpc, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// A per-VPC endpoint quota.
struct Quota {
    limit: usize,
    /// Warning for an adjustable default, error for a hard limit.
    severity: Severity,
    /// What it counts, in the plural.
    what: Text,
}

/// Interface and Gateway Load Balancer endpoints per VPC (default, adjustable).
const INTERFACE: Quota = Quota {
    limit: 50,
    severity: Severity::Warning,
    what: Text::new(
        "interface and Gateway Load Balancer endpoints",
        "インターフェイスとGateway Load Balancerのエンドポイント",
    ),
};
/// Gateway endpoints per Region in an account (default, adjustable).
const GATEWAY_PER_REGION: usize = 20;
/// Gateway endpoints per VPC (hard limit).
const GATEWAY: Quota = Quota {
    limit: 255,
    severity: Severity::Error,
    what: Text::new("gateway endpoints", "ゲートウェイエンドポイント"),
};
/// Resource endpoints per VPC (default).
const RESOURCE: Quota = Quota {
    limit: 200,
    severity: Severity::Warning,
    what: Text::new("resource endpoints", "リソースエンドポイント"),
};
/// Service-network endpoints per VPC (default).
const SERVICE_NETWORK: Quota = Quota {
    limit: 50,
    severity: Severity::Warning,
    what: Text::new(
        "service-network endpoints",
        "サービスネットワークエンドポイント",
    ),
};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "Q-001",
        name: "too-many-endpoints",
        severities: &[Severity::Error, Severity::Warning],
        title: Text::new(
            "More VPC endpoints than the PrivateLink quotas allow",
            "VPCエンドポイントの数がPrivateLinkのクォータを超えています",
        ),
        why: Text::new(
            "AWS PrivateLink limits endpoints: 50 interface and Gateway Load Balancer endpoints per VPC, 200 resource endpoints and 50 service-network endpoints per VPC, and 20 gateway endpoints per Region in an account by default, all adjustable; a VPC can never have more than 255 gateway endpoints.",
            "AWS PrivateLinkにはエンドポイント数の上限があります。デフォルトでは、VPCあたりインターフェイスとGateway Load Balancerのエンドポイントが50、リソースエンドポイントが200、サービスネットワークエンドポイントが50、アカウントのリージョンあたりゲートウェイエンドポイントが20で、いずれも引き上げられます。VPCあたりのゲートウェイエンドポイントは255が上限で、これを超えることはできません。",
        ),
        fix: Text::new(
            "Request a quota increase where it is adjustable, or restructure: share centralised interface endpoints from one VPC (for example through Transit Gateway and a Route 53 private hosted zone) instead of creating them in every VPC.",
            "引き上げ可能なクォータは引き上げを申請するか、構成を見直してください。たとえば、各VPCにエンドポイントを作る代わりに、1つのVPCに集約したインターフェイスエンドポイントを(Transit GatewayとRoute 53のプライベートホストゾーンなどで)共有します。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html",
            "https://docs.aws.amazon.com/ja_jp/vpc/latest/privatelink/vpc-limits-endpoints.html",
        ],
    },
    check,
};

/// A VPC's lists of endpoints in the rule's `Chains`, one per quota.
struct PerVpc {
    interface: usize,
    resource: usize,
    service_network: usize,
    gateway: usize,
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut links: Chains<&Link> = Chains::with_capacity(
        2 * index.interface_endpoints.len() + 2 * index.gateway_endpoints.len(),
    );
    // Each VPC's lists, in the order its first endpoint appears.
    let mut slots: Vec<Option<usize>> = vec![None; index.nodes.len()];
    let mut per_vpc: Vec<(&Vpc, PerVpc)> = Vec::new();
    let mut slot = |vpc: &VpcId, links: &mut Chains<&Link>| -> Option<usize> {
        let node = index.node(vpc)? as usize;
        let found = *index.nodes.get(node)?;
        let slot = slots.get_mut(node)?;
        Some(*slot.get_or_insert_with(|| {
            let lists = PerVpc {
                interface: links.new_list(),
                resource: links.new_list(),
                service_network: links.new_list(),
                gateway: links.new_list(),
            };
            per_vpc.push((found, lists));
            per_vpc.len() - 1
        }))
    };
    let mut interface_slots = Vec::with_capacity(index.interface_endpoints.len());
    for (link, endpoint) in &index.interface_endpoints {
        interface_slots.push((slot(&endpoint.vpc, &mut links), *link, &endpoint.target));
    }
    let mut gateway_slots = Vec::with_capacity(index.gateway_endpoints.len());
    for (link, endpoint) in &index.gateway_endpoints {
        gateway_slots.push((slot(&endpoint.vpc, &mut links), *link));
    }
    for (position, link, target) in interface_slots {
        let Some((_, lists)) = position.and_then(|position| per_vpc.get(position)) else {
            continue;
        };
        let list = match target {
            EndpointTarget::Service(_) | EndpointTarget::GatewayLoadBalancer(_) => lists.interface,
            EndpointTarget::Resource { .. } => lists.resource,
            EndpointTarget::ServiceNetwork { .. } => lists.service_network,
        };
        links.push(list, link);
    }
    let mut region_positions: HashMap<(&AccountId, &str), usize> = HashMap::default();
    let mut per_region: Vec<(&AccountId, &str, usize)> = Vec::new();
    for (position, link) in gateway_slots {
        let Some((vpc, lists)) = position.and_then(|position| per_vpc.get(position)) else {
            continue;
        };
        links.push(lists.gateway, link);
        let region = *region_positions
            .entry((&vpc.account, vpc.region.as_str()))
            .or_insert_with(|| {
                per_region.push((&vpc.account, vpc.region.as_str(), links.new_list()));
                per_region.len() - 1
            });
        if let Some(&(_, _, list)) = per_region.get(region) {
            links.push(list, link);
        }
    }

    for (vpc, lists) in &per_vpc {
        let quotas = [
            (lists.interface, &INTERFACE),
            (lists.gateway, &GATEWAY),
            (lists.resource, &RESOURCE),
            (lists.service_network, &SERVICE_NETWORK),
        ];
        for (list, quota) in quotas {
            let count = links.len(list);
            if count <= quota.limit {
                continue;
            }
            let (limit, what) = (quota.limit, quota.what);
            let (kind_en, kind_ja, advice_en, advice_ja) = if quota.severity == Severity::Error {
                (
                    "maximum",
                    "上限",
                    "It cannot be raised; spread the endpoints over more VPCs.",
                    "引き上げはできないため、エンドポイントを複数のVPCに分けてください。",
                )
            } else {
                (
                    "default quota",
                    "デフォルトのクォータ",
                    "Request an increase, or centralise endpoints.",
                    "引き上げを申請するか、エンドポイントを集約してください。",
                )
            };
            let mut subjects = vec![Subject::Vpc(vpc.id.clone())];
            subjects.extend(links.iter(list).map(|link| Subject::Link(link.id.clone())));
            out.push(rule.diagnostic(
                quota.severity,
                subjects,
                Localized::new(
                    format!(
                        "VPC {} has {count} {}, more than the AWS PrivateLink {kind_en} of {limit} per VPC. {advice_en}",
                        vpc.name, what.en
                    ),
                    format!(
                        "VPC {}には{}が{count}個あり、AWS PrivateLinkのVPCあたり{limit}個という{kind_ja}を超えています。{advice_ja}",
                        vpc.name, what.ja
                    ),
                ),
            ));
        }
    }

    for &(account, region, list) in &per_region {
        let count = links.len(list);
        if count <= GATEWAY_PER_REGION {
            continue;
        }
        let mut subjects = vec![Subject::Account(account.clone())];
        subjects.extend(links.iter(list).map(|link| Subject::Link(link.id.clone())));
        out.push(rule.diagnostic(
            Severity::Warning,
            subjects,
            Localized::new(
                format!(
                    "Account {account} has {count} gateway endpoints in {region}, more than the AWS PrivateLink default quota of {GATEWAY_PER_REGION} per Region. Request an increase."
                ),
                format!(
                    "アカウント{account}の{region}にはゲートウェイエンドポイントが{count}個あり、AWS PrivateLinkのリージョンあたり{GATEWAY_PER_REGION}個というデフォルトのクォータを超えています。引き上げを申請してください。"
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::Design;
    use crate::rules::testing::*;

    fn interfaces(vpc: &str, count: usize) -> Vec<crate::design::Link> {
        (0..count)
            .map(|n| interface_endpoint(&format!("{vpc}-ie-{n}"), vpc, "sqs", &[]))
            .collect()
    }

    fn gateways(vpc: &str, count: usize) -> Vec<crate::design::Link> {
        (0..count)
            .map(|n| gateway_endpoint(&format!("{vpc}-gw-{n}"), vpc, "s3"))
            .collect()
    }

    fn with_links(vpcs: Vec<crate::design::Vpc>, links: Vec<crate::design::Link>) -> Design {
        design(
            vpcs,
            vec![
                aws_service("sqs", "sqs", "ap-northeast-1"),
                aws_service("s3", "s3", "ap-northeast-1"),
            ],
            links,
        )
    }

    #[test]
    fn more_than_50_interface_endpoints_in_a_vpc_is_a_warning() {
        let design = with_links(vec![vpc("app", "10.0.0.0/16")], interfaces("app", 51));
        let found = run(&RULE, &design);
        assert_eq!(ids(&found), ["Q-001"]);
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.en.contains("51 interface"),
            "{}",
            found[0].message.en
        );
        assert!(found[0].message.ja.contains("51個"));
        assert!(found[0].subjects.contains(&Subject::Vpc("app".into())));

        let at_quota = with_links(vec![vpc("app", "10.0.0.0/16")], interfaces("app", 50));
        assert!(run(&RULE, &at_quota).is_empty());
    }

    #[test]
    fn gateway_endpoints_count_per_account_and_region() {
        // 11 + 10 in one account and Region: over 20.
        let mut links = gateways("app", 11);
        links.extend(gateways("data", 10));
        let over = with_links(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            links.clone(),
        );
        let found = run(&RULE, &over);
        assert_eq!(ids(&found), ["Q-001"]);
        assert!(
            found[0]
                .message
                .en
                .contains("21 gateway endpoints in ap-northeast-1")
        );
        assert!(
            found[0]
                .subjects
                .contains(&Subject::Account(ACCOUNT_A.into()))
        );

        // The same endpoints split across two accounts stay within the quota.
        let split = with_links(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16").in_account(ACCOUNT_B),
            ],
            links,
        );
        assert!(run(&RULE, &split).is_empty());
    }

    #[test]
    fn more_than_255_gateway_endpoints_in_a_vpc_is_an_error() {
        let design = with_links(vec![vpc("app", "10.0.0.0/16")], gateways("app", 256));
        let found = run(&RULE, &design);
        let severities: Vec<Severity> = found.iter().map(|found| found.severity).collect();
        assert_eq!(severities, [Severity::Error, Severity::Warning]);
        assert!(found[0].message.en.contains("maximum of 255"));
    }

    #[test]
    fn resource_and_service_network_endpoints_have_their_own_quotas() {
        // 201 resource endpoints, then 51 service-network endpoints.
        let mut design = with_links(vec![vpc("app", "10.0.0.0/16")], interfaces("app", 252));
        for n in 0..252 {
            interface_mut(&mut design, n).target = if n < 201 {
                EndpointTarget::Resource {
                    configuration_arn: None,
                }
            } else {
                EndpointTarget::ServiceNetwork { arn: None }
            };
        }
        let found = run(&RULE, &design);
        assert_eq!(ids(&found), ["Q-001", "Q-001"]);
        assert!(
            found[0].message.en.contains("201 resource endpoints"),
            "{}",
            found[0].message.en
        );
        assert!(
            found[1].message.en.contains("51 service-network endpoints"),
            "{}",
            found[1].message.en
        );

        // 200 resource and 50 service-network endpoints are within the quotas,
        // and neither counts towards the 50 interface endpoints.
        design.links.remove(0);
        design.links.pop();
        assert!(run(&RULE, &design).is_empty());
    }

    #[test]
    fn endpoints_of_unknown_vpcs_are_skipped() {
        let design = with_links(vec![], interfaces("ghost", 60));
        assert!(run(&RULE, &design).is_empty());
    }
}
