//! Q-001: more VPC endpoints than the PrivateLink quotas allow.

use crate::collections::{Chains, HashMap};

use crate::Text;
use crate::design::{AccountId, EndpointTarget, Link, Vpc};
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
    /// The VPC's node, for its Region and account numbers.
    node: u32,
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
    let mut slot = |node: Option<u32>, links: &mut Chains<&Link>| -> Option<usize> {
        let node = node?;
        let found = *index.nodes.get(node as usize)?;
        let slot = slots.get_mut(node as usize)?;
        Some(*slot.get_or_insert_with(|| {
            let lists = PerVpc {
                node,
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
    for (position, (link, endpoint)) in index.interface_endpoints.iter().enumerate() {
        let node = index.interface_endpoint_node(position);
        interface_slots.push((slot(node, &mut links), *link, &endpoint.target));
    }
    let mut gateway_slots = Vec::with_capacity(index.gateway_endpoints.len());
    for (position, (link, _)) in index.gateway_endpoints.iter().enumerate() {
        let node = index.gateway_endpoint_node(position);
        gateway_slots.push((slot(node, &mut links), *link));
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
    // Found by the account and Region numbers of the VPC's node.
    let mut region_positions: HashMap<(u32, u32), usize> = HashMap::default();
    let mut per_region: Vec<(&AccountId, &str, usize)> = Vec::new();
    for (position, link) in gateway_slots {
        let Some((_, lists)) = position.and_then(|position| per_vpc.get(position)) else {
            continue;
        };
        links.push(lists.gateway, link);
        let Some(facts) = index.node_facts(lists.node) else {
            continue;
        };
        let (Some(&account), Some(&region)) = (
            index.accounts.get(facts.account as usize),
            index.regions.get(facts.region as usize),
        ) else {
            continue;
        };
        let region = *region_positions
            .entry((facts.account, facts.region))
            .or_insert_with(|| {
                per_region.push((account, region, links.new_list()));
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
                        vpc.label(), what.en
                    ),
                    format!(
                        "VPC {}には{}が{count}個あり、AWS PrivateLinkのVPCあたり{limit}個という{kind_ja}を超えています。{advice_ja}",
                        vpc.label(), what.ja
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
    use super::*;
    use crate::Design;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

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
        check(
            &RULE,
            &design,
            expect![[r#"
            warning Q-001 vpc:app link:app-ie-0 link:app-ie-1 link:app-ie-2 link:app-ie-3 link:app-ie-4 link:app-ie-5 link:app-ie-6 link:app-ie-7 link:app-ie-8 link:app-ie-9 link:app-ie-10 link:app-ie-11 link:app-ie-12 link:app-ie-13 link:app-ie-14 link:app-ie-15 link:app-ie-16 link:app-ie-17 link:app-ie-18 link:app-ie-19 link:app-ie-20 link:app-ie-21 link:app-ie-22 link:app-ie-23 link:app-ie-24 link:app-ie-25 link:app-ie-26 link:app-ie-27 link:app-ie-28 link:app-ie-29 link:app-ie-30 link:app-ie-31 link:app-ie-32 link:app-ie-33 link:app-ie-34 link:app-ie-35 link:app-ie-36 link:app-ie-37 link:app-ie-38 link:app-ie-39 link:app-ie-40 link:app-ie-41 link:app-ie-42 link:app-ie-43 link:app-ie-44 link:app-ie-45 link:app-ie-46 link:app-ie-47 link:app-ie-48 link:app-ie-49 link:app-ie-50
              en: VPC app has 51 interface and Gateway Load Balancer endpoints, more than the AWS PrivateLink default quota of 50 per VPC. Request an increase, or centralise endpoints.
              ja: VPC appにはインターフェイスとGateway Load Balancerのエンドポイントが51個あり、AWS PrivateLinkのVPCあたり50個というデフォルトのクォータを超えています。引き上げを申請するか、エンドポイントを集約してください。
        "#]],
        );

        let at_quota = with_links(vec![vpc("app", "10.0.0.0/16")], interfaces("app", 50));
        check(&RULE, &at_quota, expect![[""]]);
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
        check(
            &RULE,
            &over,
            expect![[r#"
            warning Q-001 account:111111111111 link:app-gw-0 link:app-gw-1 link:app-gw-2 link:app-gw-3 link:app-gw-4 link:app-gw-5 link:app-gw-6 link:app-gw-7 link:app-gw-8 link:app-gw-9 link:app-gw-10 link:data-gw-0 link:data-gw-1 link:data-gw-2 link:data-gw-3 link:data-gw-4 link:data-gw-5 link:data-gw-6 link:data-gw-7 link:data-gw-8 link:data-gw-9
              en: Account 111111111111 has 21 gateway endpoints in ap-northeast-1, more than the AWS PrivateLink default quota of 20 per Region. Request an increase.
              ja: アカウント111111111111のap-northeast-1にはゲートウェイエンドポイントが21個あり、AWS PrivateLinkのリージョンあたり20個というデフォルトのクォータを超えています。引き上げを申請してください。
        "#]],
        );

        // The same endpoints split across two accounts stay within the quota.
        let split = with_links(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16").in_account(ACCOUNT_B),
            ],
            links,
        );
        check(&RULE, &split, expect![[""]]);
    }

    #[test]
    fn more_than_255_gateway_endpoints_in_a_vpc_is_an_error() {
        let design = with_links(vec![vpc("app", "10.0.0.0/16")], gateways("app", 256));
        check(
            &RULE,
            &design,
            expect![[r#"
            error Q-001 vpc:app link:app-gw-0 link:app-gw-1 link:app-gw-2 link:app-gw-3 link:app-gw-4 link:app-gw-5 link:app-gw-6 link:app-gw-7 link:app-gw-8 link:app-gw-9 link:app-gw-10 link:app-gw-11 link:app-gw-12 link:app-gw-13 link:app-gw-14 link:app-gw-15 link:app-gw-16 link:app-gw-17 link:app-gw-18 link:app-gw-19 link:app-gw-20 link:app-gw-21 link:app-gw-22 link:app-gw-23 link:app-gw-24 link:app-gw-25 link:app-gw-26 link:app-gw-27 link:app-gw-28 link:app-gw-29 link:app-gw-30 link:app-gw-31 link:app-gw-32 link:app-gw-33 link:app-gw-34 link:app-gw-35 link:app-gw-36 link:app-gw-37 link:app-gw-38 link:app-gw-39 link:app-gw-40 link:app-gw-41 link:app-gw-42 link:app-gw-43 link:app-gw-44 link:app-gw-45 link:app-gw-46 link:app-gw-47 link:app-gw-48 link:app-gw-49 link:app-gw-50 link:app-gw-51 link:app-gw-52 link:app-gw-53 link:app-gw-54 link:app-gw-55 link:app-gw-56 link:app-gw-57 link:app-gw-58 link:app-gw-59 link:app-gw-60 link:app-gw-61 link:app-gw-62 link:app-gw-63 link:app-gw-64 link:app-gw-65 link:app-gw-66 link:app-gw-67 link:app-gw-68 link:app-gw-69 link:app-gw-70 link:app-gw-71 link:app-gw-72 link:app-gw-73 link:app-gw-74 link:app-gw-75 link:app-gw-76 link:app-gw-77 link:app-gw-78 link:app-gw-79 link:app-gw-80 link:app-gw-81 link:app-gw-82 link:app-gw-83 link:app-gw-84 link:app-gw-85 link:app-gw-86 link:app-gw-87 link:app-gw-88 link:app-gw-89 link:app-gw-90 link:app-gw-91 link:app-gw-92 link:app-gw-93 link:app-gw-94 link:app-gw-95 link:app-gw-96 link:app-gw-97 link:app-gw-98 link:app-gw-99 link:app-gw-100 link:app-gw-101 link:app-gw-102 link:app-gw-103 link:app-gw-104 link:app-gw-105 link:app-gw-106 link:app-gw-107 link:app-gw-108 link:app-gw-109 link:app-gw-110 link:app-gw-111 link:app-gw-112 link:app-gw-113 link:app-gw-114 link:app-gw-115 link:app-gw-116 link:app-gw-117 link:app-gw-118 link:app-gw-119 link:app-gw-120 link:app-gw-121 link:app-gw-122 link:app-gw-123 link:app-gw-124 link:app-gw-125 link:app-gw-126 link:app-gw-127 link:app-gw-128 link:app-gw-129 link:app-gw-130 link:app-gw-131 link:app-gw-132 link:app-gw-133 link:app-gw-134 link:app-gw-135 link:app-gw-136 link:app-gw-137 link:app-gw-138 link:app-gw-139 link:app-gw-140 link:app-gw-141 link:app-gw-142 link:app-gw-143 link:app-gw-144 link:app-gw-145 link:app-gw-146 link:app-gw-147 link:app-gw-148 link:app-gw-149 link:app-gw-150 link:app-gw-151 link:app-gw-152 link:app-gw-153 link:app-gw-154 link:app-gw-155 link:app-gw-156 link:app-gw-157 link:app-gw-158 link:app-gw-159 link:app-gw-160 link:app-gw-161 link:app-gw-162 link:app-gw-163 link:app-gw-164 link:app-gw-165 link:app-gw-166 link:app-gw-167 link:app-gw-168 link:app-gw-169 link:app-gw-170 link:app-gw-171 link:app-gw-172 link:app-gw-173 link:app-gw-174 link:app-gw-175 link:app-gw-176 link:app-gw-177 link:app-gw-178 link:app-gw-179 link:app-gw-180 link:app-gw-181 link:app-gw-182 link:app-gw-183 link:app-gw-184 link:app-gw-185 link:app-gw-186 link:app-gw-187 link:app-gw-188 link:app-gw-189 link:app-gw-190 link:app-gw-191 link:app-gw-192 link:app-gw-193 link:app-gw-194 link:app-gw-195 link:app-gw-196 link:app-gw-197 link:app-gw-198 link:app-gw-199 link:app-gw-200 link:app-gw-201 link:app-gw-202 link:app-gw-203 link:app-gw-204 link:app-gw-205 link:app-gw-206 link:app-gw-207 link:app-gw-208 link:app-gw-209 link:app-gw-210 link:app-gw-211 link:app-gw-212 link:app-gw-213 link:app-gw-214 link:app-gw-215 link:app-gw-216 link:app-gw-217 link:app-gw-218 link:app-gw-219 link:app-gw-220 link:app-gw-221 link:app-gw-222 link:app-gw-223 link:app-gw-224 link:app-gw-225 link:app-gw-226 link:app-gw-227 link:app-gw-228 link:app-gw-229 link:app-gw-230 link:app-gw-231 link:app-gw-232 link:app-gw-233 link:app-gw-234 link:app-gw-235 link:app-gw-236 link:app-gw-237 link:app-gw-238 link:app-gw-239 link:app-gw-240 link:app-gw-241 link:app-gw-242 link:app-gw-243 link:app-gw-244 link:app-gw-245 link:app-gw-246 link:app-gw-247 link:app-gw-248 link:app-gw-249 link:app-gw-250 link:app-gw-251 link:app-gw-252 link:app-gw-253 link:app-gw-254 link:app-gw-255
              en: VPC app has 256 gateway endpoints, more than the AWS PrivateLink maximum of 255 per VPC. It cannot be raised; spread the endpoints over more VPCs.
              ja: VPC appにはゲートウェイエンドポイントが256個あり、AWS PrivateLinkのVPCあたり255個という上限を超えています。引き上げはできないため、エンドポイントを複数のVPCに分けてください。
            warning Q-001 account:111111111111 link:app-gw-0 link:app-gw-1 link:app-gw-2 link:app-gw-3 link:app-gw-4 link:app-gw-5 link:app-gw-6 link:app-gw-7 link:app-gw-8 link:app-gw-9 link:app-gw-10 link:app-gw-11 link:app-gw-12 link:app-gw-13 link:app-gw-14 link:app-gw-15 link:app-gw-16 link:app-gw-17 link:app-gw-18 link:app-gw-19 link:app-gw-20 link:app-gw-21 link:app-gw-22 link:app-gw-23 link:app-gw-24 link:app-gw-25 link:app-gw-26 link:app-gw-27 link:app-gw-28 link:app-gw-29 link:app-gw-30 link:app-gw-31 link:app-gw-32 link:app-gw-33 link:app-gw-34 link:app-gw-35 link:app-gw-36 link:app-gw-37 link:app-gw-38 link:app-gw-39 link:app-gw-40 link:app-gw-41 link:app-gw-42 link:app-gw-43 link:app-gw-44 link:app-gw-45 link:app-gw-46 link:app-gw-47 link:app-gw-48 link:app-gw-49 link:app-gw-50 link:app-gw-51 link:app-gw-52 link:app-gw-53 link:app-gw-54 link:app-gw-55 link:app-gw-56 link:app-gw-57 link:app-gw-58 link:app-gw-59 link:app-gw-60 link:app-gw-61 link:app-gw-62 link:app-gw-63 link:app-gw-64 link:app-gw-65 link:app-gw-66 link:app-gw-67 link:app-gw-68 link:app-gw-69 link:app-gw-70 link:app-gw-71 link:app-gw-72 link:app-gw-73 link:app-gw-74 link:app-gw-75 link:app-gw-76 link:app-gw-77 link:app-gw-78 link:app-gw-79 link:app-gw-80 link:app-gw-81 link:app-gw-82 link:app-gw-83 link:app-gw-84 link:app-gw-85 link:app-gw-86 link:app-gw-87 link:app-gw-88 link:app-gw-89 link:app-gw-90 link:app-gw-91 link:app-gw-92 link:app-gw-93 link:app-gw-94 link:app-gw-95 link:app-gw-96 link:app-gw-97 link:app-gw-98 link:app-gw-99 link:app-gw-100 link:app-gw-101 link:app-gw-102 link:app-gw-103 link:app-gw-104 link:app-gw-105 link:app-gw-106 link:app-gw-107 link:app-gw-108 link:app-gw-109 link:app-gw-110 link:app-gw-111 link:app-gw-112 link:app-gw-113 link:app-gw-114 link:app-gw-115 link:app-gw-116 link:app-gw-117 link:app-gw-118 link:app-gw-119 link:app-gw-120 link:app-gw-121 link:app-gw-122 link:app-gw-123 link:app-gw-124 link:app-gw-125 link:app-gw-126 link:app-gw-127 link:app-gw-128 link:app-gw-129 link:app-gw-130 link:app-gw-131 link:app-gw-132 link:app-gw-133 link:app-gw-134 link:app-gw-135 link:app-gw-136 link:app-gw-137 link:app-gw-138 link:app-gw-139 link:app-gw-140 link:app-gw-141 link:app-gw-142 link:app-gw-143 link:app-gw-144 link:app-gw-145 link:app-gw-146 link:app-gw-147 link:app-gw-148 link:app-gw-149 link:app-gw-150 link:app-gw-151 link:app-gw-152 link:app-gw-153 link:app-gw-154 link:app-gw-155 link:app-gw-156 link:app-gw-157 link:app-gw-158 link:app-gw-159 link:app-gw-160 link:app-gw-161 link:app-gw-162 link:app-gw-163 link:app-gw-164 link:app-gw-165 link:app-gw-166 link:app-gw-167 link:app-gw-168 link:app-gw-169 link:app-gw-170 link:app-gw-171 link:app-gw-172 link:app-gw-173 link:app-gw-174 link:app-gw-175 link:app-gw-176 link:app-gw-177 link:app-gw-178 link:app-gw-179 link:app-gw-180 link:app-gw-181 link:app-gw-182 link:app-gw-183 link:app-gw-184 link:app-gw-185 link:app-gw-186 link:app-gw-187 link:app-gw-188 link:app-gw-189 link:app-gw-190 link:app-gw-191 link:app-gw-192 link:app-gw-193 link:app-gw-194 link:app-gw-195 link:app-gw-196 link:app-gw-197 link:app-gw-198 link:app-gw-199 link:app-gw-200 link:app-gw-201 link:app-gw-202 link:app-gw-203 link:app-gw-204 link:app-gw-205 link:app-gw-206 link:app-gw-207 link:app-gw-208 link:app-gw-209 link:app-gw-210 link:app-gw-211 link:app-gw-212 link:app-gw-213 link:app-gw-214 link:app-gw-215 link:app-gw-216 link:app-gw-217 link:app-gw-218 link:app-gw-219 link:app-gw-220 link:app-gw-221 link:app-gw-222 link:app-gw-223 link:app-gw-224 link:app-gw-225 link:app-gw-226 link:app-gw-227 link:app-gw-228 link:app-gw-229 link:app-gw-230 link:app-gw-231 link:app-gw-232 link:app-gw-233 link:app-gw-234 link:app-gw-235 link:app-gw-236 link:app-gw-237 link:app-gw-238 link:app-gw-239 link:app-gw-240 link:app-gw-241 link:app-gw-242 link:app-gw-243 link:app-gw-244 link:app-gw-245 link:app-gw-246 link:app-gw-247 link:app-gw-248 link:app-gw-249 link:app-gw-250 link:app-gw-251 link:app-gw-252 link:app-gw-253 link:app-gw-254 link:app-gw-255
              en: Account 111111111111 has 256 gateway endpoints in ap-northeast-1, more than the AWS PrivateLink default quota of 20 per Region. Request an increase.
              ja: アカウント111111111111のap-northeast-1にはゲートウェイエンドポイントが256個あり、AWS PrivateLinkのリージョンあたり20個というデフォルトのクォータを超えています。引き上げを申請してください。
        "#]],
        );
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
        check(
            &RULE,
            &design,
            expect![[r#"
            warning Q-001 vpc:app link:app-ie-0 link:app-ie-1 link:app-ie-2 link:app-ie-3 link:app-ie-4 link:app-ie-5 link:app-ie-6 link:app-ie-7 link:app-ie-8 link:app-ie-9 link:app-ie-10 link:app-ie-11 link:app-ie-12 link:app-ie-13 link:app-ie-14 link:app-ie-15 link:app-ie-16 link:app-ie-17 link:app-ie-18 link:app-ie-19 link:app-ie-20 link:app-ie-21 link:app-ie-22 link:app-ie-23 link:app-ie-24 link:app-ie-25 link:app-ie-26 link:app-ie-27 link:app-ie-28 link:app-ie-29 link:app-ie-30 link:app-ie-31 link:app-ie-32 link:app-ie-33 link:app-ie-34 link:app-ie-35 link:app-ie-36 link:app-ie-37 link:app-ie-38 link:app-ie-39 link:app-ie-40 link:app-ie-41 link:app-ie-42 link:app-ie-43 link:app-ie-44 link:app-ie-45 link:app-ie-46 link:app-ie-47 link:app-ie-48 link:app-ie-49 link:app-ie-50 link:app-ie-51 link:app-ie-52 link:app-ie-53 link:app-ie-54 link:app-ie-55 link:app-ie-56 link:app-ie-57 link:app-ie-58 link:app-ie-59 link:app-ie-60 link:app-ie-61 link:app-ie-62 link:app-ie-63 link:app-ie-64 link:app-ie-65 link:app-ie-66 link:app-ie-67 link:app-ie-68 link:app-ie-69 link:app-ie-70 link:app-ie-71 link:app-ie-72 link:app-ie-73 link:app-ie-74 link:app-ie-75 link:app-ie-76 link:app-ie-77 link:app-ie-78 link:app-ie-79 link:app-ie-80 link:app-ie-81 link:app-ie-82 link:app-ie-83 link:app-ie-84 link:app-ie-85 link:app-ie-86 link:app-ie-87 link:app-ie-88 link:app-ie-89 link:app-ie-90 link:app-ie-91 link:app-ie-92 link:app-ie-93 link:app-ie-94 link:app-ie-95 link:app-ie-96 link:app-ie-97 link:app-ie-98 link:app-ie-99 link:app-ie-100 link:app-ie-101 link:app-ie-102 link:app-ie-103 link:app-ie-104 link:app-ie-105 link:app-ie-106 link:app-ie-107 link:app-ie-108 link:app-ie-109 link:app-ie-110 link:app-ie-111 link:app-ie-112 link:app-ie-113 link:app-ie-114 link:app-ie-115 link:app-ie-116 link:app-ie-117 link:app-ie-118 link:app-ie-119 link:app-ie-120 link:app-ie-121 link:app-ie-122 link:app-ie-123 link:app-ie-124 link:app-ie-125 link:app-ie-126 link:app-ie-127 link:app-ie-128 link:app-ie-129 link:app-ie-130 link:app-ie-131 link:app-ie-132 link:app-ie-133 link:app-ie-134 link:app-ie-135 link:app-ie-136 link:app-ie-137 link:app-ie-138 link:app-ie-139 link:app-ie-140 link:app-ie-141 link:app-ie-142 link:app-ie-143 link:app-ie-144 link:app-ie-145 link:app-ie-146 link:app-ie-147 link:app-ie-148 link:app-ie-149 link:app-ie-150 link:app-ie-151 link:app-ie-152 link:app-ie-153 link:app-ie-154 link:app-ie-155 link:app-ie-156 link:app-ie-157 link:app-ie-158 link:app-ie-159 link:app-ie-160 link:app-ie-161 link:app-ie-162 link:app-ie-163 link:app-ie-164 link:app-ie-165 link:app-ie-166 link:app-ie-167 link:app-ie-168 link:app-ie-169 link:app-ie-170 link:app-ie-171 link:app-ie-172 link:app-ie-173 link:app-ie-174 link:app-ie-175 link:app-ie-176 link:app-ie-177 link:app-ie-178 link:app-ie-179 link:app-ie-180 link:app-ie-181 link:app-ie-182 link:app-ie-183 link:app-ie-184 link:app-ie-185 link:app-ie-186 link:app-ie-187 link:app-ie-188 link:app-ie-189 link:app-ie-190 link:app-ie-191 link:app-ie-192 link:app-ie-193 link:app-ie-194 link:app-ie-195 link:app-ie-196 link:app-ie-197 link:app-ie-198 link:app-ie-199 link:app-ie-200
              en: VPC app has 201 resource endpoints, more than the AWS PrivateLink default quota of 200 per VPC. Request an increase, or centralise endpoints.
              ja: VPC appにはリソースエンドポイントが201個あり、AWS PrivateLinkのVPCあたり200個というデフォルトのクォータを超えています。引き上げを申請するか、エンドポイントを集約してください。
            warning Q-001 vpc:app link:app-ie-201 link:app-ie-202 link:app-ie-203 link:app-ie-204 link:app-ie-205 link:app-ie-206 link:app-ie-207 link:app-ie-208 link:app-ie-209 link:app-ie-210 link:app-ie-211 link:app-ie-212 link:app-ie-213 link:app-ie-214 link:app-ie-215 link:app-ie-216 link:app-ie-217 link:app-ie-218 link:app-ie-219 link:app-ie-220 link:app-ie-221 link:app-ie-222 link:app-ie-223 link:app-ie-224 link:app-ie-225 link:app-ie-226 link:app-ie-227 link:app-ie-228 link:app-ie-229 link:app-ie-230 link:app-ie-231 link:app-ie-232 link:app-ie-233 link:app-ie-234 link:app-ie-235 link:app-ie-236 link:app-ie-237 link:app-ie-238 link:app-ie-239 link:app-ie-240 link:app-ie-241 link:app-ie-242 link:app-ie-243 link:app-ie-244 link:app-ie-245 link:app-ie-246 link:app-ie-247 link:app-ie-248 link:app-ie-249 link:app-ie-250 link:app-ie-251
              en: VPC app has 51 service-network endpoints, more than the AWS PrivateLink default quota of 50 per VPC. Request an increase, or centralise endpoints.
              ja: VPC appにはサービスネットワークエンドポイントが51個あり、AWS PrivateLinkのVPCあたり50個というデフォルトのクォータを超えています。引き上げを申請するか、エンドポイントを集約してください。
        "#]],
        );

        // 200 resource and 50 service-network endpoints are within the quotas,
        // and neither counts towards the 50 interface endpoints.
        design.links.remove(0);
        design.links.pop();
        check(&RULE, &design, expect![[""]]);
    }

    #[test]
    fn endpoints_of_unknown_vpcs_are_skipped() {
        let design = with_links(vec![], interfaces("ghost", 60));
        check(&RULE, &design, expect![[""]]);
    }
}
