//! Endpoint hops: interface endpoints (PrivateLink), gateway endpoints and
//! endpoint services, in the source's VPC or over one peering.

use crate::LinkKind;
use crate::catalogue::{self, GATEWAY_SERVICES};
use crate::collections::{HashMap, HashSet};
use crate::design::{
    AccountId, EndpointService, EndpointTarget, GatewayEndpoint, InterfaceEndpoint, Link,
    RouteTarget, Service, ServiceId, ServiceKind, Vpc, VpcId,
};
use crate::diagnostic::{Localized, Subject};
use crate::index::DesignIndex;
use crate::regions::region_by_code;
use crate::routes::gateway_prefix_list;

use super::explanations::{dangling, join, join_or};
use super::graph::resolve_subnets;
use super::{DANGLING_REFERENCE, Graph, Hop, Node, Path, Reason, Side};

/// The service node an interface endpoint targets, if any.
pub(crate) fn endpoint_target(endpoint: &InterfaceEndpoint) -> Option<&ServiceId> {
    match &endpoint.target {
        EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) => {
            Some(service)
        }
        EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => None,
    }
}

/// For each service, the VPCs that offer it to the VPCs that reach them:
/// those with an interface endpoint to it, then its provider, each once.
/// PEER-003 and reachability both ask it.
pub(crate) fn service_hosts<'d>(index: &DesignIndex<'d>) -> HashMap<&'d ServiceId, Vec<&'d VpcId>> {
    let mut hosts: HashMap<&ServiceId, Vec<&VpcId>> = HashMap::default();
    let mut seen: HashSet<(&ServiceId, &VpcId)> = HashSet::default();
    let interface_hosts = index
        .interface_endpoints
        .iter()
        .filter_map(|(_, endpoint)| Some((endpoint_target(endpoint)?, &endpoint.vpc)));
    let providers = index
        .design
        .services
        .iter()
        .filter_map(|service| match &service.kind {
            ServiceKind::EndpointService(endpoint_service) => {
                Some((&service.id, &endpoint_service.provider_vpc))
            }
            ServiceKind::Aws { .. } => None,
        });
    for (service, host) in interface_hosts.chain(providers) {
        if seen.insert((service, host)) {
            hosts.entry(service).or_default().push(host);
        }
    }
    hosts
}

/// Whether an endpoint service's allowed principals let an account connect.
pub(crate) fn principals_allow(service: &EndpointService, account: &AccountId) -> bool {
    service.allowed_principals.iter().any(|principal| {
        principal == "*"
            || principal == account.as_str()
            || principal.split(':').nth(4) == Some(account.as_str())
    })
}

/// Why an interface endpoint cannot reach `known`, an AWS service that
/// offers only a gateway endpoint (the catalogue's `interface_endpoint`).
pub(crate) fn gateway_only_blocker(
    known: &catalogue::AwsService,
    suffix: &str,
    subjects: Vec<Subject>,
) -> Reason {
    Reason::new(
        None,
        subjects,
        format!(
            "{} ({suffix}) has no interface endpoint; it is reached only through a gateway endpoint.",
            known.display_name
        ),
        format!(
            "{}({suffix})にはインターフェイスエンドポイントがなく、ゲートウェイエンドポイントでのみ到達できます。",
            known.display_name
        ),
    )
}

/// The PL-007 obstacles to reaching `service` from an interface endpoint in
/// `consumer` when their Regions differ: different partitions, or a service
/// not offered across Regions to the consumer's Region.
pub(crate) fn cross_region_blockers(consumer: &Vpc, service: &Service) -> Vec<Reason> {
    let mut blockers = Vec::new();
    if consumer.region == service.region {
        return blockers;
    }
    let subjects = vec![
        Subject::Vpc(consumer.id.clone()),
        Subject::Service(service.id.clone()),
    ];
    let (from, to) = (&consumer.region, &service.region);
    if let (Some(a), Some(b)) = (region_by_code(from), region_by_code(to))
        && a.partition != b.partition
    {
        blockers.push(Reason::new(
            Some("PL-007"),
            subjects.clone(),
            format!(
                "Cross-Region PrivateLink works only within one partition: {from} is in `{}` and {to} in `{}`.",
                a.partition.arn_segment(),
                b.partition.arn_segment()
            ),
            format!(
                "リージョン間のPrivateLinkは同じパーティション内でのみ使えます: {from}は`{}`、{to}は`{}`です。",
                a.partition.arn_segment(),
                b.partition.arn_segment()
            ),
        ));
    }
    let name = service.label();
    match &service.kind {
        ServiceKind::Aws { service: suffix } => match catalogue::aws_service(suffix) {
            Some(known) if known.cross_region => {}
            Some(known) => blockers.push(Reason::new(
                Some("PL-007"),
                subjects,
                format!(
                    "{} ({suffix}) is not on the list of AWS services reachable across Regions, so {} in {from} cannot use an interface endpoint to it in {to}. Create the endpoint in a VPC in {to}.",
                    known.display_name,
                    consumer.label()
                ),
                format!(
                    "{}({suffix})はリージョン間で利用できるAWSサービスの一覧にないため、{from}の{}から{to}のこのサービスへのインターフェイスエンドポイントは作成できません。{to}のVPCにエンドポイントを作成してください。",
                    known.display_name,
                    consumer.label()
                ),
            )),
            None => blockers.push(Reason::new(
                Some("PL-007"),
                subjects,
                format!(
                    "{name} ({suffix}) is not among the AWS services vpcplan knows to be reachable across Regions, so {} in {from} cannot be assumed to reach it in {to}.",
                    consumer.label()
                ),
                format!(
                    "{name}({suffix})は、vpcplanがリージョン間で利用できると把握しているAWSサービスに含まれないため、{from}の{}から{to}のこのサービスに到達できるとは見なせません。",
                    consumer.label()
                ),
            )),
        },
        ServiceKind::EndpointService(endpoint_service) => {
            if !endpoint_service.supported_regions.contains(from) {
                let (list_en, list_ja) =
                    join_or(&endpoint_service.supported_regions, "none", "なし");
                blockers.push(Reason::new(
                    Some("PL-007"),
                    subjects,
                    format!(
                        "Endpoint service {name} in {to} does not list {from} in its supported Regions ({list_en}), so {} cannot connect to it across Regions. The provider must add {from}.",
                        consumer.label()
                    ),
                    format!(
                        "{to}のエンドポイントサービス{name}のサポート対象リージョン({list_ja})に{from}が含まれないため、{}からリージョンをまたいで接続できません。プロバイダーが{from}を追加する必要があります。",
                        consumer.label()
                    ),
                ));
            }
        }
    }
    blockers
}

fn provider_via(vpc: &Vpc, service: &Service, endpoint_service: &EndpointService) -> Localized {
    let balancers = join(
        endpoint_service
            .network_load_balancers
            .iter()
            .chain(&endpoint_service.gateway_load_balancers)
            .map(|balancer| &balancer.name),
    );
    Localized::new(
        format!(
            "directly to the load balancers of endpoint service {} ({balancers}) in {}",
            service.label(),
            vpc.label()
        ),
        format!(
            "{}にあるエンドポイントサービス{}のロードバランサー({balancers})へ直接",
            vpc.label(),
            service.label()
        ),
    )
}

fn acceptance_note(link: &Link, service: &Service, provider: &Vpc) -> Reason {
    Reason::new(
        Some("PL-009"),
        vec![
            Subject::Link(link.id.clone()),
            Subject::Service(service.id.clone()),
        ],
        format!(
            "Endpoint service {} requires acceptance: endpoint {} stays pendingAcceptance until the owner of {} accepts it.",
            service.label(),
            link.id,
            provider.label()
        ),
        format!(
            "エンドポイントサービス{}は承諾が必要です: {}の所有者が承諾するまで、エンドポイント{}はpendingAcceptanceのままです。",
            service.label(),
            provider.label(),
            link.id
        ),
    )
}

fn peer_interface_note(
    link: &Link,
    endpoint: &InterfaceEndpoint,
    home: &Vpc,
    peer: &Vpc,
    service: &Service,
) -> Reason {
    let dns_en = if endpoint.private_dns {
        format!(
            "its private DNS name for {} resolves to it only inside {}",
            service.label(),
            peer.label()
        )
    } else {
        "it has no private DNS name".to_owned()
    };
    let dns_ja = if endpoint.private_dns {
        format!(
            "{}のプライベートDNS名がこのエンドポイントに解決されるのは{}の中だけです",
            service.label(),
            peer.label()
        )
    } else {
        "プライベートDNS名はありません".to_owned()
    };
    Reason::new(
        Some("PEER-006"),
        vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(home.id.clone()),
            Subject::Vpc(peer.id.clone()),
        ],
        format!(
            "Interface endpoint {} is in peered VPC {}, and {dns_en}. From {}, use the endpoint-specific DNS name or a private hosted zone associated with {}.",
            link.id,
            peer.label(),
            home.label(),
            home.label()
        ),
        format!(
            "インターフェイスエンドポイント{}はピアリング先のVPC {}にあり、{dns_ja}。{}からはエンドポイント固有のDNS名を使うか、{}に関連付けたプライベートホストゾーンを使ってください。",
            link.id,
            peer.label(),
            home.label(),
            home.label()
        ),
    )
}

pub(super) fn peer_gateway_reason(
    link: &Link,
    peering: &Link,
    home: &Vpc,
    peer_label: &str,
    peer: &VpcId,
    service: &Service,
) -> Reason {
    let (a, s) = (home.label(), service.label());
    Reason::new(
        Some("PEER-005"),
        vec![
            Subject::Link(link.id.clone()),
            Subject::Link(peering.id.clone()),
            Subject::Vpc(home.id.clone()),
            Subject::Vpc(peer.clone()),
            Subject::Service(service.id.clone()),
        ],
        format!(
            "Gateway endpoint {} to {s} is in {peer_label}, and gateway endpoints cannot be used across peering {} (GW-003: their connections do not extend out of the VPC). Create a gateway endpoint in {a}, or use an interface endpoint.",
            link.id, peering.id
        ),
        format!(
            "{s}へのゲートウェイエンドポイント{}は{peer_label}にあり、ゲートウェイエンドポイントはピアリング{}越しには使えません(GW-003: 接続はVPCの外に延長できません)。{a}にゲートウェイエンドポイントを作成するか、インターフェイスエンドポイントを使ってください。",
            link.id, peering.id
        ),
    )
}

/// GW-001: gateway endpoints exist only for S3, DynamoDB and S3 Express.
pub(crate) fn gateway_only_for(service: &Service, subjects: Vec<Subject>) -> Reason {
    let name = service.label();
    Reason::new(
        Some("GW-001"),
        subjects,
        format!(
            "Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone (s3express); {name} needs an interface endpoint."
        ),
        format!(
            "ゲートウェイエンドポイントがあるのはAmazon S3、DynamoDB、S3 Express One Zone(s3express)だけです。{name}にはインターフェイスエンドポイントを使ってください。"
        ),
    )
}

/// GW-002: a gateway endpoint reaches its service only in the VPC's Region.
pub(crate) fn gateway_other_region(vpc: &Vpc, service: &Service, subjects: Vec<Subject>) -> Reason {
    Reason::new(
        Some("GW-002"),
        subjects,
        format!(
            "Gateway endpoints work only within the VPC's Region: {} is in {}, {} in {}. Use an interface endpoint (cross-Region where the service allows it) or a VPC in {}.",
            vpc.label(),
            vpc.region,
            service.label(),
            service.region,
            service.region
        ),
        format!(
            "ゲートウェイエンドポイントはVPCと同じリージョンでのみ使えます: {}は{}、{}は{}にあります。インターフェイスエンドポイント(サービスが対応していればリージョン間)を使うか、{}のVPCから接続してください。",
            vpc.label(),
            vpc.region,
            service.label(),
            service.region,
            service.region
        ),
    )
}

impl<'d> Graph<'d> {
    pub(super) fn connect_to_service(
        &self,
        from: &Node,
        source: &Side<'d>,
        to: &Node,
        service: &'d Service,
    ) -> Result<Path, Vec<Reason>> {
        let mut reasons = Vec::new();
        let home = source.vpc;
        let hop = |from: Node, link: Option<&Link>, kind, via, notes| Hop {
            from,
            to: to.clone(),
            link: link.map(|link| link.id.clone()),
            kind,
            via,
            notes,
        };
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind
            && endpoint_service.provider_vpc == home.id
        {
            return Ok(vec![hop(
                from.clone(),
                None,
                None,
                provider_via(home, service, endpoint_service),
                Vec::new(),
            )]);
        }
        for &(link, endpoint) in self.interfaces_in(&home.id) {
            if endpoint_target(endpoint) != Some(&service.id) {
                continue;
            }
            match self.check_interface(link, endpoint, home, service) {
                Ok((via, notes)) => {
                    return Ok(vec![hop(
                        from.clone(),
                        Some(link),
                        Some(LinkKind::InterfaceEndpoint),
                        via,
                        notes,
                    )]);
                }
                Err(found) => reasons.extend(found),
            }
        }
        for &(link, endpoint) in self.gateways_in(&home.id) {
            if endpoint.service != service.id {
                continue;
            }
            match self.check_gateway(link, endpoint, home, source, service) {
                Ok(via) => {
                    return Ok(vec![hop(
                        from.clone(),
                        Some(link),
                        Some(LinkKind::GatewayEndpoint),
                        via,
                        Vec::new(),
                    )]);
                }
                Err(found) => reasons.extend(found),
            }
        }
        for (peering_link, peering, peer_id) in self.peers(&home.id) {
            let Some(peer) = self.index.vpc(peer_id) else {
                continue;
            };
            let peer_node = Node::Vpc(peer.id.clone());
            let peering_hop = |via: Localized| Hop {
                from: from.clone(),
                to: peer_node.clone(),
                link: Some(peering_link.id.clone()),
                kind: Some(LinkKind::Peering),
                via,
                notes: Vec::new(),
            };
            for &(link, endpoint) in self.interfaces_in(&peer.id) {
                if endpoint_target(endpoint) != Some(&service.id) {
                    continue;
                }
                let endpoint_side = Side {
                    vpc: peer,
                    subnets: resolve_subnets(peer, &endpoint.subnets),
                };
                let over_peering =
                    self.check_peering(peering_link, peering, source, &endpoint_side);
                let through_endpoint = self.check_interface(link, endpoint, peer, service);
                match (over_peering, through_endpoint) {
                    (Ok(peering_via), Ok((via, mut notes))) => {
                        notes.push(peer_interface_note(link, endpoint, home, peer, service));
                        return Ok(vec![
                            peering_hop(peering_via),
                            hop(
                                peer_node.clone(),
                                Some(link),
                                Some(LinkKind::InterfaceEndpoint),
                                via,
                                notes,
                            ),
                        ]);
                    }
                    (first, second) => {
                        reasons.extend(first.err().into_iter().flatten());
                        reasons.extend(second.err().into_iter().flatten());
                    }
                }
            }
            if let ServiceKind::EndpointService(endpoint_service) = &service.kind
                && endpoint_service.provider_vpc == peer.id
            {
                let provider_side = Side {
                    vpc: peer,
                    subnets: Vec::new(),
                };
                match self.check_peering(peering_link, peering, source, &provider_side) {
                    Ok(peering_via) => {
                        return Ok(vec![
                            peering_hop(peering_via),
                            hop(
                                peer_node.clone(),
                                None,
                                None,
                                provider_via(peer, service, endpoint_service),
                                Vec::new(),
                            ),
                        ]);
                    }
                    Err(found) => reasons.extend(found),
                }
            }
        }
        Err(reasons)
    }

    /// Whether an interface endpoint in `host` reaches `service`, with how
    /// and its caveats, or why not.
    fn check_interface(
        &self,
        link: &Link,
        endpoint: &InterfaceEndpoint,
        host: &'d Vpc,
        service: &'d Service,
    ) -> Result<(Localized, Vec<Reason>), Vec<Reason>> {
        let mut blockers = Vec::new();
        let mut notes = Vec::new();
        let name = service.label();
        let link_subjects = || {
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(host.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        let subnets = resolve_subnets(host, &endpoint.subnets);
        if subnets.is_empty() {
            blockers.push(if endpoint.subnets.is_empty() {
                Reason::new(
                    None,
                    link_subjects(),
                    format!(
                        "Interface endpoint {} has no subnet, so it has no network interface to send traffic to.",
                        link.id
                    ),
                    format!(
                        "インターフェイスエンドポイント{}にはサブネットがないため、通信先となるネットワークインターフェイスがありません。",
                        link.id
                    ),
                )
            } else {
                Reason::new(
                    Some(DANGLING_REFERENCE),
                    link_subjects(),
                    format!(
                        "None of the subnets of interface endpoint {} ({}) is in {}.",
                        link.id,
                        join(&endpoint.subnets),
                        host.label()
                    ),
                    format!(
                        "インターフェイスエンドポイント{}のサブネット({})はどれも{}にありません。",
                        link.id,
                        join(&endpoint.subnets),
                        host.label()
                    ),
                )
            });
        }
        let cross_region = host.region != service.region;
        if cross_region {
            blockers.extend(cross_region_blockers(host, service));
            if endpoint.service_region.as_deref() != Some(service.region.as_str()) {
                let set = endpoint.service_region.as_deref().unwrap_or("unset");
                blockers.push(Reason::new(
                    Some("PL-007"),
                    link_subjects(),
                    format!(
                        "Interface endpoint {} in {} reaches {name} in {} only with ServiceRegion={}; it is {set}.",
                        link.id, host.region, service.region, service.region
                    ),
                    format!(
                        "{}のインターフェイスエンドポイント{}が{}の{name}に到達するにはServiceRegion={}が必要ですが、現在は{set}です。",
                        host.region, link.id, service.region, service.region
                    ),
                ));
            }
        }
        match &service.kind {
            ServiceKind::Aws { service: suffix } => {
                if let Some(known) = catalogue::aws_service(suffix)
                    && !known.interface_endpoint
                {
                    blockers.push(gateway_only_blocker(known, suffix, link_subjects()));
                }
            }
            ServiceKind::EndpointService(endpoint_service) => {
                match self.index.vpc(&endpoint_service.provider_vpc) {
                    None => {
                        blockers.push(dangling(&Node::Vpc(endpoint_service.provider_vpc.clone())))
                    }
                    Some(provider) if provider.account != host.account => {
                        if !principals_allow(endpoint_service, &host.account) {
                            let (allowed_en, allowed_ja) =
                                join_or(&endpoint_service.allowed_principals, "none", "なし");
                            blockers.push(Reason::new(
                                Some("PL-009"),
                                link_subjects(),
                                format!(
                                    "Endpoint service {name} does not allow account {}: its allowed principals ({}) must include arn:aws:iam::{}:root.",
                                    host.account,
                                    allowed_en,
                                    host.account
                                ),
                                format!(
                                    "エンドポイントサービス{name}はアカウント{}を許可していません: 許可されたプリンシパル({})にarn:aws:iam::{}:rootを追加する必要があります。",
                                    host.account,
                                    allowed_ja,
                                    host.account
                                ),
                            ));
                        } else if endpoint_service.acceptance_required {
                            notes.push(acceptance_note(link, service, provider));
                        }
                    }
                    Some(provider) => {
                        if endpoint_service.acceptance_required {
                            notes.push(acceptance_note(link, service, provider));
                        }
                    }
                }
            }
        }
        if !blockers.is_empty() {
            return Err(blockers);
        }
        let names = join(subnets.iter().map(|subnet| subnet.label()));
        let (region_en, region_ja) = if cross_region {
            (
                format!(", cross-Region to {}", service.region),
                format!("、{}へのリージョン間接続", service.region),
            )
        } else {
            (String::new(), String::new())
        };
        Ok((
            Localized::new(
                format!(
                    "interface endpoint {}: network interfaces in subnets {names} of {}{region_en}",
                    link.id,
                    host.label()
                ),
                format!(
                    "インターフェイスエンドポイント{}: {}のサブネット{names}にあるネットワークインターフェイス{region_ja}",
                    link.id,
                    host.label()
                ),
            ),
            notes,
        ))
    }

    /// Whether a gateway endpoint of `host` serves the source side: the right
    /// service, the same Region, and a route table of the side associated.
    fn check_gateway(
        &self,
        link: &Link,
        endpoint: &GatewayEndpoint,
        host: &'d Vpc,
        source: &Side<'d>,
        service: &'d Service,
    ) -> Result<Localized, Vec<Reason>> {
        let mut blockers = Vec::new();
        let subjects = || {
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(host.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        let suffix = match &service.kind {
            ServiceKind::Aws { service: suffix } if GATEWAY_SERVICES.contains(&suffix.as_str()) => {
                Some(suffix)
            }
            _ => {
                blockers.push(gateway_only_for(service, subjects()));
                None
            }
        };
        // For a service without gateway endpoints (GW-001) the Region is moot,
        // as it is for GW-002 in `validate`.
        if suffix.is_some() && service.region != host.region {
            blockers.push(gateway_other_region(host, service, subjects()));
        }
        let Some(suffix) = suffix.filter(|_| blockers.is_empty()) else {
            return Err(blockers);
        };
        let tables = self.side_tables(source);
        let used = tables.iter().find(|table| {
            self.index.routes_of(&table.id).iter().any(
                |route| matches!(&route.target, RouteTarget::GatewayEndpoint(id) if id == &link.id),
            )
        });
        let prefix_list = gateway_prefix_list(suffix, &host.region);
        if let Some(table) = used {
            return Ok(Localized::new(
                format!(
                    "gateway endpoint {} via route table {} (prefix list {prefix_list})",
                    link.id, table.id
                ),
                format!(
                    "ルートテーブル{}経由のゲートウェイエンドポイント{}(プレフィックスリスト{prefix_list})",
                    table.id, link.id
                ),
            ));
        }
        let (associated_en, associated_ja) = join_or(&endpoint.route_tables, "none", "なし");
        let vpc = host.label();
        let (en, ja) = match (tables.as_slice(), source.subnets.as_slice()) {
            ([table], [subnet]) => (
                format!(
                    "Subnet {} uses route table {}, which gateway endpoint {} is not associated with (its route tables: {associated_en}). Only subnets whose route tables are associated use a gateway endpoint.",
                    subnet.label(),
                    table.id,
                    link.id
                ),
                format!(
                    "サブネット{}はルートテーブル{}を使っていますが、ゲートウェイエンドポイント{}はこのテーブルに関連付けられていません(関連付け: {associated_ja})。ゲートウェイエンドポイントを使えるのは、ルートテーブルが関連付けられたサブネットだけです。",
                    subnet.label(),
                    table.id,
                    link.id
                ),
            ),
            (tables, _) => {
                let (in_use_en, in_use_ja) =
                    join_or(tables.iter().map(|table| &table.id), "none", "なし");
                (
                    format!(
                        "Gateway endpoint {} is associated with none of the route tables in use in {vpc} ({in_use_en}; its route tables: {associated_en}). Only subnets whose route tables are associated use a gateway endpoint.",
                        link.id
                    ),
                    format!(
                        "ゲートウェイエンドポイント{}は、{vpc}で使われているルートテーブル({in_use_ja})のどれにも関連付けられていません(関連付け: {associated_ja})。ゲートウェイエンドポイントを使えるのは、ルートテーブルが関連付けられたサブネットだけです。",
                        link.id
                    ),
                )
            }
        };
        let mut subjects = subjects();
        subjects.extend(source.subnets.iter().map(|s| Subject::Subnet(s.id.clone())));
        subjects.extend(tables.iter().map(|t| Subject::RouteTable(t.id.clone())));
        // A side with no route table at all has a VPC without a main table:
        // DES-008 is the cause to fix, not the endpoint's associations.
        let rule = if tables.is_empty() {
            "DES-008"
        } else {
            "GW-005"
        };
        Err(vec![Reason::new(Some(rule), subjects, en, ja)])
    }
}
