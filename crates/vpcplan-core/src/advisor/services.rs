//! The advisor between a VPC and a service: an interface or gateway
//! endpoint, and what an endpoint service's provider must allow.

use super::*;

impl<'d> Advisor<'_, 'd> {
    /// PL-009 and PL-008 notes for a consumer of an endpoint service.
    pub(super) fn endpoint_service_notes(
        &self,
        consumer: &Vpc,
        service: &Service,
        endpoint_service: &EndpointService,
    ) -> Vec<Reason> {
        let mut notes = Vec::new();
        let name = service.label();
        let subjects = || {
            vec![
                Subject::Vpc(consumer.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        let provider_account = self
            .graph
            .index
            .vpc(&endpoint_service.provider_vpc)
            .map(|provider| &provider.account);
        let account = &consumer.account;
        if provider_account.is_some_and(|provider| provider != account) {
            let (en, ja) = if principals_allow(endpoint_service, account) {
                (
                    format!(
                        "Cross-account: endpoint service {name} already allows account {account} in its allowed principals."
                    ),
                    format!(
                        "アカウント間: エンドポイントサービス{name}の許可されたプリンシパルには、既にアカウント{account}が含まれています。"
                    ),
                )
            } else {
                (
                    format!(
                        "Cross-account: the provider must add arn:aws:iam::{account}:root to the allowed principals of endpoint service {name} before {} can connect.",
                        consumer.label()
                    ),
                    format!(
                        "アカウント間: {}が接続する前に、プロバイダーがエンドポイントサービス{name}の許可されたプリンシパルにarn:aws:iam::{account}:rootを追加する必要があります。",
                        consumer.label()
                    ),
                )
            };
            notes.push(Reason::new(Some("PL-009"), subjects(), en, ja));
        }
        if endpoint_service.acceptance_required {
            notes.push(Reason::new(
                Some("PL-009"),
                subjects(),
                format!(
                    "Endpoint service {name} requires acceptance: the endpoint stays pendingAcceptance until the provider accepts it."
                ),
                format!(
                    "エンドポイントサービス{name}は承諾が必要です: プロバイダーが承諾するまでエンドポイントはpendingAcceptanceのままです。"
                ),
            ));
        }
        if endpoint_service.network_load_balancers.is_empty() {
            let (en, ja) = if endpoint_service.gateway_load_balancers.is_empty() {
                (
                    format!(
                        "Endpoint service {name} has no load balancer yet: it needs a Network Load Balancer for interface endpoints."
                    ),
                    format!(
                        "エンドポイントサービス{name}にはまだロードバランサーがありません。インターフェイスエンドポイントにはNetwork Load Balancerが必要です。"
                    ),
                )
            } else {
                (
                    format!(
                        "Endpoint service {name} is behind Gateway Load Balancers: consumers use a Gateway Load Balancer endpoint."
                    ),
                    format!(
                        "エンドポイントサービス{name}はGateway Load Balancerを使っています。コンシューマーはGateway Load Balancerエンドポイントを使います。"
                    ),
                )
            };
            notes.push(Reason::new(Some("PL-008"), subjects(), en, ja));
        }
        notes
    }

    pub(super) fn vpc_to_service(
        &self,
        from: &Node,
        a: &'d Vpc,
        to: &Node,
        service: &'d Service,
    ) -> Advice {
        let names_a = a.label();
        let name = service.label();
        let subjects = || {
            vec![
                Subject::Vpc(a.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        let hosted_here = matches!(&service.kind, ServiceKind::EndpointService(endpoint_service) if endpoint_service.provider_vpc == a.id);

        let peering = LinkAdvice::new(
            LinkKind::Peering,
            vec![match &service.kind {
                ServiceKind::EndpointService(endpoint_service) => {
                    let provider = self.graph.label(&endpoint_service.provider_vpc);
                    Reason::new(
                        None,
                        subjects(),
                        format!(
                            "VPC peering joins two VPCs; {name} is an endpoint service. Peering {names_a} with its provider VPC {provider} is a separate choice, which reaches the load balancers directly."
                        ),
                        format!(
                            "VPCピアリングは2つのVPCをつなぐものですが、{name}はエンドポイントサービスです。{names_a}とプロバイダーVPC {provider}のピアリングは別の選択肢で、ロードバランサーに直接到達します。"
                        ),
                    )
                }
                ServiceKind::Aws { .. } => Reason::new(
                    None,
                    subjects(),
                    format!(
                        "VPC peering joins two VPCs; {name} is an AWS service, reached through an endpoint."
                    ),
                    format!(
                        "VPCピアリングは2つのVPCをつなぐものですが、{name}はAWSサービスで、エンドポイントを通じて到達します。"
                    ),
                ),
            }],
            Vec::new(),
        );

        let mut gateway_blockers = Vec::new();
        let mut gateway_notes = Vec::new();
        match &service.kind {
            ServiceKind::Aws { service: suffix } if GATEWAY_SERVICES.contains(&suffix.as_str()) => {
            }
            _ => gateway_blockers.push(gateway_only_for(service, subjects())),
        }
        if service.region != a.region {
            gateway_blockers.push(gateway_other_region(a, service, subjects()));
        }
        if gateway_blockers.is_empty() {
            gateway_notes.push(Reason::new(
                None,
                subjects(),
                format!(
                    "Free: no hourly or data processing charge. Only subnets whose route tables you associate use it, and only from inside {names_a}."
                ),
                format!(
                    "無料です(時間料金もデータ処理料金もかかりません)。使えるのは、関連付けたルートテーブルのサブネットだけで、{names_a}の中からだけです。"
                ),
            ));
            for (peering_link, _, peer) in self.graph.peers(&a.id) {
                for (link, endpoint) in self.graph.gateways_in(peer) {
                    if endpoint.service == service.id {
                        let peer_name = self.graph.label(peer);
                        gateway_notes.push(Reason::new(
                            Some("PEER-005"),
                            vec![
                                Subject::Link(link.id.clone()),
                                Subject::Link(peering_link.id.clone()),
                                Subject::Vpc(a.id.clone()),
                                Subject::Vpc(peer.clone()),
                            ],
                            format!(
                                "Gateway endpoint {} in peered VPC {peer_name} cannot be used from {names_a} across {} (GW-003); {names_a} needs its own.",
                                link.id, peering_link.id
                            ),
                            format!(
                                "ピアリング先のVPC {peer_name}にあるゲートウェイエンドポイント{}は、{}越しに{names_a}から使えません(GW-003)。{names_a}に専用のものが必要です。",
                                link.id, peering_link.id
                            ),
                        ));
                    }
                }
            }
        }
        let gateway_endpoint =
            LinkAdvice::new(LinkKind::GatewayEndpoint, gateway_blockers, gateway_notes);

        let interface_endpoint = self.interface_to_service(a, service, hosted_here);

        let existing: Vec<&Link> = self
            .graph
            .interfaces_in(&a.id)
            .iter()
            .filter(|(_, endpoint)| endpoint_target(endpoint) == Some(&service.id))
            .map(|(link, _)| *link)
            .chain(
                self.graph
                    .gateways_in(&a.id)
                    .iter()
                    .filter(|(_, endpoint)| endpoint.service == service.id)
                    .map(|(link, _)| *link),
            )
            .collect();

        let (recommended, recommendation) = if hosted_here {
            (
                None,
                Localized::new(
                    format!(
                        "Nothing to add: {names_a} hosts {name}, so its subnets reach the load balancers directly."
                    ),
                    format!(
                        "追加するものはありません: {name}は{names_a}にあるため、サブネットからロードバランサーに直接到達できます。"
                    ),
                ),
            )
        } else if !existing.is_empty() {
            (None, already_linked(names_a, name, existing.into_iter()))
        } else if gateway_endpoint.allowed {
            (
                Some(LinkKind::GatewayEndpoint),
                Localized::new(
                    format!(
                        "A gateway endpoint for {name} in {names_a}: it is free and serves the subnets whose route tables you associate. Choose an interface endpoint only for clients outside {names_a} (peered VPCs, on-premises), which a gateway endpoint cannot serve."
                    ),
                    format!(
                        "{names_a}に{name}のゲートウェイエンドポイントを作成してください。無料で、関連付けたルートテーブルのサブネットから使えます。インターフェイスエンドポイントは、ゲートウェイエンドポイントでは対応できない{names_a}の外のクライアント(ピアリング先のVPCやオンプレミス)のためだけに選んでください。"
                    ),
                ),
            )
        } else if interface_endpoint.allowed {
            let gateway_rules = gateway_endpoint.blocking_rules();
            let (why_en, why_ja) = if gateway_rules.contains(&Some("GW-001")) {
                (
                    format!("{name} has no gateway endpoint"),
                    format!("{name}にはゲートウェイエンドポイントがありません"),
                )
            } else {
                (
                    format!("a gateway endpoint works only within {}", a.region),
                    format!(
                        "ゲートウェイエンドポイントは{}の中でしか使えません",
                        a.region
                    ),
                )
            };
            let (region_en, region_ja) = if service.region != a.region {
                (
                    format!(", with ServiceRegion={}", service.region),
                    format!("(ServiceRegion={})", service.region),
                )
            } else {
                (String::new(), String::new())
            };
            (
                Some(LinkKind::InterfaceEndpoint),
                Localized::new(
                    format!(
                        "An interface endpoint in {names_a} to {name}{region_en}: {why_en}. It places network interfaces in the subnets you choose (one per AZ), charged per AZ-hour and per GB."
                    ),
                    format!(
                        "{names_a}に{name}へのインターフェイスエンドポイントを作成してください{region_ja}。{why_ja}。選んだサブネット(AZごとに1つ)にネットワークインターフェイスが置かれ、AZごとの時間料金とGB単位の料金がかかります。"
                    ),
                ),
            )
        } else {
            (
                None,
                Localized::new(
                    format!(
                        "No link can connect {names_a} to {name} as the design stands; see the reasons under each."
                    ),
                    format!(
                        "現在の設計では{names_a}から{name}へつなげるリンクはありません。各リンクの理由を確認してください。"
                    ),
                ),
            )
        };
        Advice {
            from: from.clone(),
            to: to.clone(),
            peering,
            interface_endpoint,
            gateway_endpoint,
            recommended,
            recommendation,
            notes: Vec::new(),
        }
    }

    pub(super) fn interface_to_service(
        &self,
        a: &'d Vpc,
        service: &'d Service,
        hosted_here: bool,
    ) -> LinkAdvice {
        let mut blockers = cross_region_blockers(a, service);
        let mut notes = Vec::new();
        let name = service.label();
        let subjects = || {
            vec![
                Subject::Vpc(a.id.clone()),
                Subject::Service(service.id.clone()),
            ]
        };
        match &service.kind {
            ServiceKind::Aws { service: suffix } => match catalogue::aws_service(suffix) {
                Some(known) if !known.interface_endpoint => {
                    blockers.push(gateway_only_blocker(known, suffix, subjects()))
                }
                Some(_) => {}
                None => notes.push(Reason::new(
                    None,
                    subjects(),
                    format!(
                        "{name} ({suffix}) is not in vpcplan's service catalogue: check with `aws ec2 describe-vpc-endpoint-services` that it offers an interface endpoint in {}.",
                        service.region
                    ),
                    format!(
                        "{name}({suffix})はvpcplanのサービスカタログにありません。`aws ec2 describe-vpc-endpoint-services`で、{}でインターフェイスエンドポイントが提供されているか確認してください。",
                        service.region
                    ),
                )),
            },
            ServiceKind::EndpointService(endpoint_service) => {
                if self.graph.index.vpc(&endpoint_service.provider_vpc).is_none() {
                    blockers.push(dangling(&Node::Vpc(
                        endpoint_service.provider_vpc.clone(),
                    )));
                } else if hosted_here {
                    notes.push(Reason::new(
                        None,
                        subjects(),
                        format!(
                            "{name} is hosted in {} itself: an endpoint adds nothing its subnets cannot reach directly.",
                            a.label()
                        ),
                        format!(
                            "{name}は{}自体にあります。エンドポイントを作成しても、サブネットから直接到達できる以上のものはありません。",
                            a.label()
                        ),
                    ));
                } else {
                    notes.extend(self.endpoint_service_notes(a, service, endpoint_service));
                }
            }
        }
        if blockers.is_empty() {
            if service.region != a.region {
                notes.push(Reason::new(
                    Some("PL-007"),
                    subjects(),
                    format!(
                        "Cross-Region: create the endpoint in {} with ServiceRegion={}; opt-in Regions must be enabled in the account.",
                        a.region, service.region
                    ),
                    format!(
                        "リージョン間: {}でServiceRegion={}を指定してエンドポイントを作成してください。オプトインリージョンはアカウントで有効にしておく必要があります。",
                        a.region, service.region
                    ),
                ));
            }
            if !(a.dns_support && a.dns_hostnames) {
                notes.push(Reason::new(
                    Some("PL-003"),
                    subjects(),
                    format!(
                        "Private DNS for the endpoint needs enableDnsSupport and enableDnsHostnames on {}; without them, use the endpoint-specific DNS names.",
                        a.label()
                    ),
                    format!(
                        "エンドポイントのプライベートDNSには、{}でenableDnsSupportとenableDnsHostnamesを有効にする必要があります。無効のままなら、エンドポイント固有のDNS名を使ってください。",
                        a.label()
                    ),
                ));
            }
        }
        LinkAdvice::new(LinkKind::InterfaceEndpoint, blockers, notes)
    }
}
