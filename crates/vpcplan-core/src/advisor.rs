//! The link advisor: for two nodes a user picks, which of the three links
//! (VPC peering, interface endpoint, gateway endpoint) AWS allows between
//! them, why or why not, and which one to choose.
//!
//! Every verdict names the catalogue rule behind it and the concrete values
//! (CIDRs, Regions, accounts, link ids), in English and Japanese. Links are
//! made from the consuming VPC, so a service picked first is advised on as
//! the second node.

use crate::LinkKind;
use crate::catalogue::{self, GATEWAY_SERVICES};
use crate::design::{Design, EndpointService, Link, Peering, Service, ServiceKind, Vpc};
use crate::diagnostic::{Localized, Subject};
use crate::reachability::{
    Graph, Node, Place, Reason, cross_region_blockers, dangling, endpoint_target, format_overlaps,
    gateway_only_for, gateway_other_region, overlapping_cidrs, principals_allow,
};

// Peerings per VPC by default (L-7E9ECCDB) and the most AWS allows: the
// limits PEER-011 checks, read from the rule.
use crate::rules::{PEERING_QUOTA_DEFAULT, PEERING_QUOTA_MAX};
// From this many VPCs in one peering graph, or peerings on one VPC, the
// advisor points to Transit Gateway: where PEER-017 turns into a warning.
use crate::rules::PEERING_MESH_WARN_FROM as TRANSIT_GATEWAY_THRESHOLD;

/// Whether one kind of link is allowed between the pair, why not, and what
/// to know when it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkAdvice {
    pub kind: LinkKind,
    /// True exactly when `blockers` is empty.
    pub allowed: bool,
    /// Why the link cannot be made.
    pub blockers: Vec<Reason>,
    /// What it gives, what it costs, and caveats that do not block it.
    pub notes: Vec<Reason>,
}

impl LinkAdvice {
    fn new(kind: LinkKind, blockers: Vec<Reason>, notes: Vec<Reason>) -> LinkAdvice {
        LinkAdvice {
            kind,
            allowed: blockers.is_empty(),
            blockers,
            notes,
        }
    }

    /// The rule ids of the blockers, for compact checks.
    pub fn blocking_rules(&self) -> Vec<Option<&'static str>> {
        self.blockers.iter().map(|reason| reason.rule).collect()
    }

    /// The rule ids of the notes.
    pub fn note_rules(&self) -> Vec<&'static str> {
        self.notes.iter().filter_map(|reason| reason.rule).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    /// The consuming side: the first node, or the second when the first was a service.
    pub from: Node,
    pub to: Node,
    pub peering: LinkAdvice,
    pub interface_endpoint: LinkAdvice,
    pub gateway_endpoint: LinkAdvice,
    /// The link to create, if one is allowed and the pair is not linked yet.
    pub recommended: Option<LinkKind>,
    /// Why that link, or why none.
    pub recommendation: Localized,
    /// About the pair as a whole: swapped order, links that already exist.
    pub notes: Vec<Reason>,
}

impl Advice {
    pub fn option(&self, kind: LinkKind) -> &LinkAdvice {
        match kind {
            LinkKind::Peering => &self.peering,
            LinkKind::InterfaceEndpoint => &self.interface_endpoint,
            LinkKind::GatewayEndpoint => &self.gateway_endpoint,
        }
    }

    /// The three options in `LinkKind::ALL` order.
    pub fn options(&self) -> [&LinkAdvice; 3] {
        LinkKind::ALL.map(|kind| self.option(kind))
    }
}

/// Which links AWS allows between `a` and `b`, and which to choose.
pub fn advise(design: &Design, a: &Node, b: &Node) -> Advice {
    let graph = Graph::new(design);
    Advisor { graph: &graph }.advise(a, b)
}

struct Advisor<'g, 'd> {
    graph: &'g Graph<'d>,
}

/// Advice where the same reasons block all three links.
fn nothing(from: &Node, to: &Node, reasons: Vec<Reason>, recommendation: Localized) -> Advice {
    let option = |kind| LinkAdvice::new(kind, reasons.clone(), Vec::new());
    Advice {
        from: from.clone(),
        to: to.clone(),
        peering: option(LinkKind::Peering),
        interface_endpoint: option(LinkKind::InterfaceEndpoint),
        gateway_endpoint: option(LinkKind::GatewayEndpoint),
        recommended: None,
        recommendation,
        notes: Vec::new(),
    }
}

impl<'d> Advisor<'_, 'd> {
    fn advise(&self, a: &Node, b: &Node) -> Advice {
        let (first, second) = match (self.graph.resolve(a), self.graph.resolve(b)) {
            (Ok(first), Ok(second)) => (first, second),
            (first, second) => {
                let reasons: Vec<Reason> =
                    [first.err(), second.err()].into_iter().flatten().collect();
                return nothing(
                    a,
                    b,
                    reasons,
                    Localized::new(
                        "Nothing to recommend: the design does not contain both nodes.",
                        "推奨できるものはありません: 設計に両方のノードがありません。",
                    ),
                );
            }
        };
        match (End::of(first), End::of(second)) {
            (End::Service(x), End::Service(y)) => {
                let reason = Reason::new(
                    None,
                    vec![a.subject(), b.subject()],
                    format!(
                        "{} and {} are both services: a link connects a VPC to another VPC or to a service, never two services. Connect each from the VPC that uses it.",
                        x.label(),
                        y.label()
                    ),
                    format!(
                        "{}と{}はどちらもサービスです。リンクはVPCとVPC、またはVPCとサービスをつなぐもので、サービス同士はつなげません。それぞれを利用するVPCから接続してください。",
                        x.label(),
                        y.label()
                    ),
                );
                nothing(
                    a,
                    b,
                    vec![reason],
                    Localized::new(
                        "Nothing to recommend: two services cannot be linked.",
                        "推奨できるものはありません: サービス同士はリンクできません。",
                    ),
                )
            }
            (End::Service(service), End::Vpc(vpc)) => {
                let mut advice = self.vpc_to_service(b, vpc, a, service);
                advice.notes.insert(
                    0,
                    Reason::new(
                        None,
                        vec![b.subject(), a.subject()],
                        format!(
                            "Links to a service are made from the VPC that uses it: this is the advice for {} → {}.",
                            vpc.label(),
                            service.label()
                        ),
                        format!(
                            "サービスへのリンクは、それを利用するVPCの側で作成します。以下は{} → {}の助言です。",
                            vpc.label(),
                            service.label()
                        ),
                    ),
                );
                advice
            }
            (End::Vpc(vpc), End::Service(service)) => self.vpc_to_service(a, vpc, b, service),
            (End::Vpc(x), End::Vpc(y)) => self.vpc_to_vpc(a, x, b, y),
        }
    }

    fn vpc_to_vpc(&self, from: &Node, a: &'d Vpc, to: &Node, b: &'d Vpc) -> Advice {
        let pair = vec![Subject::Vpc(a.id.clone()), Subject::Vpc(b.id.clone())];
        if a.id == b.id {
            let reason = Reason::new(
                None,
                pair,
                format!(
                    "Both are in {}: its subnets already reach each other through the VPC's local route.",
                    a.label()
                ),
                format!(
                    "どちらも{}の中にあります。サブネット同士はVPCのローカルルートで既に到達できます。",
                    a.label()
                ),
            );
            return nothing(
                from,
                to,
                vec![reason],
                Localized::new(
                    "Nothing to add: the local route already connects them.",
                    "追加するものはありません: ローカルルートで既につながっています。",
                ),
            );
        }
        let existing = self.graph.peerings_between(&a.id, &b.id);
        let peering = self.peering_option(a, b, &existing);
        let interface_endpoint = self.interface_to_vpc(a, b);
        let gateway_endpoint = LinkAdvice::new(
            LinkKind::GatewayEndpoint,
            vec![Reason::new(
                Some("GW-001"),
                pair,
                format!(
                    "Gateway endpoints reach only Amazon S3, DynamoDB and S3 Express One Zone, never another VPC such as {}.",
                    b.label()
                ),
                format!(
                    "ゲートウェイエンドポイントが到達できるのはAmazon S3、DynamoDB、S3 Express One Zoneだけで、{}のような他のVPCには到達できません。",
                    b.label()
                ),
            )],
            Vec::new(),
        );
        let (names_a, names_b) = (a.label(), b.label());
        let (recommended, recommendation) = if !existing.is_empty() {
            (
                None,
                already_linked(names_a, names_b, existing.iter().map(|(link, _)| *link)),
            )
        } else if peering.allowed {
            let tgw = peering.note_rules().contains(&"PEER-017");
            let (tgw_en, tgw_ja) = if tgw {
                (
                    " As the peering graph grows, plan for Transit Gateway.",
                    "ピアリングの数が増えてきたら、Transit Gatewayへの移行を計画してください。",
                )
            } else {
                ("", "")
            };
            (
                Some(LinkKind::Peering),
                Localized::new(
                    format!(
                        "VPC peering between {names_a} and {names_b}: it joins the two whole VPCs both ways with no hourly charge (only data transfer across AZs or Regions is charged). Route each VPC's CIDRs to the peering on both sides.{tgw_en}"
                    ),
                    format!(
                        "{names_a}と{names_b}のVPCピアリング: 2つのVPC全体を双方向につなぎ、時間料金はかかりません(AZ間・リージョン間のデータ転送のみ課金)。両側で相手のCIDRへのルートをピアリングに向けてください。{tgw_ja}"
                    ),
                ),
            )
        } else if interface_endpoint.allowed {
            let services = join(
                self.graph
                    .provided_by(&b.id)
                    .iter()
                    .map(|(service, _)| service.label()),
            );
            (
                Some(LinkKind::InterfaceEndpoint),
                Localized::new(
                    format!(
                        "An interface endpoint in {names_a} to endpoint service {services} of {names_b}: VPC peering is not possible here, and PrivateLink works even across overlapping CIDRs, exposing only that service, from {names_a} to {names_b}."
                    ),
                    format!(
                        "{names_a}に、{names_b}のエンドポイントサービス{services}へのインターフェイスエンドポイントを作成してください。ここではVPCピアリングはできませんが、PrivateLinkはCIDRが重複していても使え、{names_a}から{names_b}へそのサービスだけを公開します。"
                    ),
                ),
            )
        } else {
            let overlap = peering.blocking_rules().contains(&Some("PEER-001"));
            let (fix_en, fix_ja) = if overlap {
                (
                    format!(
                        " Re-address one VPC, or create an endpoint service behind a Network Load Balancer in {names_b} and an interface endpoint to it in {names_a}."
                    ),
                    format!(
                        "どちらかのVPCのアドレスを変更するか、{names_b}にNetwork Load Balancerを使ったエンドポイントサービスを作成し、{names_a}からインターフェイスエンドポイントで接続してください。"
                    ),
                )
            } else {
                (String::new(), String::new())
            };
            (
                None,
                Localized::new(
                    format!(
                        "No link can connect {names_a} to {names_b} as the design stands; see the reasons under each.{fix_en}"
                    ),
                    format!(
                        "現在の設計では{names_a}から{names_b}へつなげるリンクはありません。各リンクの理由を確認してください。{fix_ja}"
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

    fn peering_option(
        &self,
        a: &'d Vpc,
        b: &'d Vpc,
        existing: &[(&'d Link, &'d Peering)],
    ) -> LinkAdvice {
        let mut blockers = Vec::new();
        let mut notes = Vec::new();
        let pair = || vec![Subject::Vpc(a.id.clone()), Subject::Vpc(b.id.clone())];
        let (names_a, names_b) = (a.label(), b.label());
        let overlapping = overlapping_cidrs(a, b);
        if !overlapping.is_empty() {
            let pairs = format_overlaps(&overlapping);
            blockers.push(Reason::new(
                Some("PEER-001"),
                pair(),
                format!(
                    "VPC peering between {names_a} and {names_b} is not possible: CIDRs overlap ({pairs}). AWS sends such a request to `failed`."
                ),
                format!(
                    "{names_a}と{names_b}のVPCピアリングはできません: CIDRが重複しています({pairs})。AWSはこのリクエストを`failed`にします。"
                ),
            ));
        }
        if !existing.is_empty() {
            let ids = join(existing.iter().map(|(link, _)| link.id.as_str()));
            let mut subjects = pair();
            subjects.extend(
                existing
                    .iter()
                    .map(|(link, _)| Subject::Link(link.id.clone())),
            );
            blockers.push(Reason::new(
                Some("PEER-002"),
                subjects,
                format!(
                    "{names_a} and {names_b} are already peered ({ids}); only one VPC peering connection can exist between two VPCs at a time."
                ),
                format!(
                    "{names_a}と{names_b}は既にピアリングされています({ids})。2つのVPCの間に同時に存在できるVPCピアリング接続は1つだけです。"
                ),
            ));
        }
        let degree_a = self.graph.peers(&a.id).count();
        let degree_b = self.graph.peers(&b.id).count();
        for (vpc, degree) in [(a, degree_a), (b, degree_b)] {
            let name = vpc.label();
            let after = degree + 1;
            if after > PEERING_QUOTA_MAX {
                blockers.push(Reason::new(
                    Some("PEER-011"),
                    vec![Subject::Vpc(vpc.id.clone())],
                    format!(
                        "{name} already has {degree} peerings; one more would exceed the maximum of {PEERING_QUOTA_MAX} per VPC. Use Transit Gateway or Cloud WAN."
                    ),
                    format!(
                        "{name}には既に{degree}個のピアリングがあり、1つ追加するとVPCあたりの上限{PEERING_QUOTA_MAX}を超えます。Transit GatewayまたはCloud WANを使ってください。"
                    ),
                ));
            } else if after > PEERING_QUOTA_DEFAULT {
                notes.push(Reason::new(
                    Some("PEER-011"),
                    vec![Subject::Vpc(vpc.id.clone())],
                    format!(
                        "{name} would have {after} peerings, over the default quota of {PEERING_QUOTA_DEFAULT} active peerings per VPC (L-7E9ECCDB): request an increase first."
                    ),
                    format!(
                        "{name}のピアリングは{after}個になり、VPCあたりのアクティブなピアリングのデフォルトクォータ{PEERING_QUOTA_DEFAULT}(L-7E9ECCDB)を超えます。先に引き上げを申請してください。"
                    ),
                ));
            }
        }
        let tree_a = self.graph.peering_tree(&a.id);
        let size = if tree_a.contains_key(&b.id) {
            tree_a.len()
        } else {
            tree_a.len() + self.graph.peering_tree(&b.id).len()
        };
        let busiest = degree_a.max(degree_b);
        if size >= TRANSIT_GATEWAY_THRESHOLD || busiest >= TRANSIT_GATEWAY_THRESHOLD {
            let mesh = size * size.saturating_sub(1) / 2;
            notes.push(Reason::new(
                Some("PEER-017"),
                pair(),
                format!(
                    "With this peering, {size} VPCs form one peering graph ({names_a} has {degree_a} peerings, {names_b} has {degree_b}). Peering is not transitive, so a full mesh of {size} VPCs needs {mesh} peerings. Consider Transit Gateway or Cloud WAN: hub-and-spoke, segmentation by route table, shared VPN and Direct Connect."
                ),
                format!(
                    "このピアリングで{size}個のVPCが1つのピアリンググラフになります({names_a}のピアリングは{degree_a}個、{names_b}は{degree_b}個)。ピアリングは推移的ではないため、{size}個のVPCのフルメッシュには{mesh}個のピアリングが必要です。Transit GatewayまたはCloud WAN(ハブアンドスポーク、ルートテーブルによる分離、VPN・Direct Connectの共有)を検討してください。"
                ),
            ));
        }
        if a.account != b.account {
            notes.push(Reason::new(
                Some("PEER-015"),
                pair(),
                format!(
                    "Cross-account: the owner of account {} must accept the request (or grant a role for PeerRoleArn); unaccepted requests expire after 7 days.",
                    b.account
                ),
                format!(
                    "アカウント間: アカウント{}の所有者がリクエストを承諾する(またはPeerRoleArn用のロールを用意する)必要があります。承諾されないリクエストは7日で期限切れになります。",
                    b.account
                ),
            ));
        }
        if a.region != b.region {
            notes.push(Reason::new(
                Some("PEER-016"),
                pair(),
                format!(
                    "Inter-Region ({} → {}): set PeerRegion={}, and accept and add the accepter's routes in {}. Security groups cannot reference the peer's groups across Regions.",
                    a.region, b.region, b.region, b.region
                ),
                format!(
                    "リージョン間({} → {}): PeerRegion={}を指定し、承諾とアクセプター側のルート追加は{}で行ってください。リージョンをまたぐとピアのセキュリティグループは参照できません。",
                    a.region, b.region, b.region, b.region
                ),
            ));
        }
        LinkAdvice::new(LinkKind::Peering, blockers, notes)
    }

    fn interface_to_vpc(&self, a: &'d Vpc, b: &'d Vpc) -> LinkAdvice {
        let (names_a, names_b) = (a.label(), b.label());
        let services = self.graph.provided_by(&b.id);
        if services.is_empty() {
            return LinkAdvice::new(
                LinkKind::InterfaceEndpoint,
                vec![Reason::new(
                    None,
                    vec![Subject::Vpc(a.id.clone()), Subject::Vpc(b.id.clone())],
                    format!(
                        "{names_b} offers no endpoint service, and an interface endpoint reaches a service, not a whole VPC. Create an endpoint service behind a Network Load Balancer in {names_b}, then an interface endpoint to it in {names_a}."
                    ),
                    format!(
                        "{names_b}にはエンドポイントサービスがなく、インターフェイスエンドポイントが到達するのはVPC全体ではなくサービスです。{names_b}にNetwork Load Balancerを使ったエンドポイントサービスを作成し、{names_a}からインターフェイスエンドポイントで接続してください。"
                    ),
                )],
                Vec::new(),
            );
        }
        let mut blockers = Vec::new();
        let mut notes = Vec::new();
        let mut usable = Vec::new();
        for &(service, endpoint_service) in services {
            let refused = cross_region_blockers(a, service);
            if refused.is_empty() {
                usable.push(service.label());
                notes.extend(self.endpoint_service_notes(a, service, endpoint_service));
            } else {
                blockers.extend(refused);
            }
        }
        if usable.is_empty() {
            return LinkAdvice::new(LinkKind::InterfaceEndpoint, blockers, Vec::new());
        }
        let names = join(usable);
        notes.insert(
            0,
            Reason::new(
                None,
                vec![Subject::Vpc(a.id.clone()), Subject::Vpc(b.id.clone())],
                format!(
                    "Reaches only endpoint service {names} of {names_b}, one way ({names_a} → {names_b}), not the whole VPC; it works even if the CIDRs overlap. Charged per AZ-hour and per GB."
                ),
                format!(
                    "到達できるのは{names_b}のエンドポイントサービス{names}だけで、一方向({names_a} → {names_b})です。VPC全体には到達しませんが、CIDRが重複していても使えます。AZごとの時間料金とGB単位の料金がかかります。"
                ),
            ),
        );
        LinkAdvice::new(LinkKind::InterfaceEndpoint, Vec::new(), notes)
    }

    /// PL-009 and PL-008 notes for a consumer of an endpoint service.
    fn endpoint_service_notes(
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

    fn vpc_to_service(&self, from: &Node, a: &'d Vpc, to: &Node, service: &'d Service) -> Advice {
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

    fn interface_to_service(
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
                Some(known) if !known.interface_endpoint => blockers.push(Reason::new(
                    None,
                    subjects(),
                    format!(
                        "{} ({suffix}) has no interface endpoint; it is reached only through a gateway endpoint.",
                        known.display_name
                    ),
                    format!(
                        "{}({suffix})にはインターフェイスエンドポイントがなく、ゲートウェイエンドポイントでのみ到達できます。",
                        known.display_name
                    ),
                )),
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

/// A resolved node as the advisor sees it: links are made per VPC, so a
/// subnet stands for its VPC.
enum End<'d> {
    Vpc(&'d Vpc),
    Service(&'d Service),
}

impl<'d> End<'d> {
    fn of(place: Place<'d>) -> End<'d> {
        match place {
            Place::Vpc(vpc) | Place::Subnet(vpc, _) => End::Vpc(vpc),
            Place::Service(service) => End::Service(service),
        }
    }
}

fn join<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(", ")
}

fn already_linked<'l>(a: &str, b: &str, links: impl Iterator<Item = &'l Link>) -> Localized {
    let ids = join(links.map(|link| link.id.as_str()));
    Localized::new(
        format!(
            "Nothing to add: {a} and {b} are already linked ({ids}). If traffic does not flow, check reachability for the routes."
        ),
        format!(
            "追加するものはありません: {a}と{b}は既にリンクされています({ids})。通信できない場合は到達性でルートを確認してください。"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reachability::DANGLING_REFERENCE;
    use crate::reachability::fixtures::*;
    use crate::rules::testing::*;

    const TOKYO: &str = "ap-northeast-1";

    fn two_vpcs(a_cidr: &str, b_cidr: &str) -> Design {
        design(
            vec![vpc("app", a_cidr), vpc("data", b_cidr)],
            vec![],
            vec![],
        )
    }

    fn vpcs(design: &Design) -> Advice {
        advise(design, &Node::vpc("app"), &Node::vpc("data"))
    }

    #[test]
    fn overlapping_vpcs_cannot_peer_and_need_an_endpoint_service() {
        let design = two_vpcs("10.0.0.0/16", "10.0.128.0/17");
        let advice = vpcs(&design);
        assert_eq!(advice.peering.blocking_rules(), [Some("PEER-001")]);
        assert!(
            advice.peering.blockers[0]
                .message
                .en
                .contains("10.0.0.0/16 ∩ 10.0.128.0/17"),
            "{}",
            advice.peering.blockers[0].message.en
        );
        assert!(!advice.interface_endpoint.allowed);
        let interface = &advice.interface_endpoint.blockers[0].message;
        assert!(
            interface.en.contains("data offers no endpoint service"),
            "{}",
            interface.en
        );
        assert!(interface.en.contains("Network Load Balancer"));
        assert!(interface.ja.contains("Network Load Balancer"));
        assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-001")]);
        assert_eq!(advice.recommended, None);
        assert!(advice.recommendation.en.contains("Re-address one VPC"));
        assert!(advice.recommendation.ja.contains("アドレスを変更"));
    }

    #[test]
    fn overlapping_vpcs_with_an_endpoint_service_get_privatelink() {
        let mut design = two_vpcs("10.0.0.0/16", "10.0.0.0/16");
        design.services.push(endpoint_service("api", "data", TOKYO));
        let advice = vpcs(&design);
        assert!(!advice.peering.allowed);
        assert!(advice.interface_endpoint.allowed);
        assert!(
            advice.interface_endpoint.notes[0]
                .message
                .en
                .contains("endpoint service api of data")
        );
        assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
        assert!(advice.recommendation.en.contains("overlapping CIDRs"));
        assert!(advice.recommendation.ja.contains("重複"));
    }

    #[test]
    fn separate_vpcs_are_best_peered() {
        let design = two_vpcs("10.0.0.0/16", "10.1.0.0/16");
        let advice = vpcs(&design);
        assert!(advice.peering.allowed);
        assert!(
            advice.peering.notes.is_empty(),
            "{:?}",
            advice.peering.notes
        );
        assert_eq!(advice.recommended, Some(LinkKind::Peering));
        assert!(advice.recommendation.en.contains("no hourly charge"));
        assert!(advice.recommendation.ja.contains("時間料金"));
        assert!(!advice.recommendation.en.contains("Transit Gateway"));
        assert!(!advice.gateway_endpoint.allowed);
        assert_eq!(advice.options().map(|option| option.kind), LinkKind::ALL);
        assert_eq!(advice.option(LinkKind::Peering), &advice.peering);
    }

    #[test]
    fn an_existing_peering_cannot_be_added_again() {
        let mut design = two_vpcs("10.0.0.0/16", "10.1.0.0/16");
        design.links.push(peering("pcx", "data", "app"));
        let advice = vpcs(&design);
        assert_eq!(advice.peering.blocking_rules(), [Some("PEER-002")]);
        assert!(advice.peering.blockers[0].message.en.contains("(pcx)"));
        assert!(
            advice.peering.blockers[0]
                .subjects
                .contains(&Subject::Link("pcx".into()))
        );
        assert_eq!(advice.recommended, None);
        assert!(advice.recommendation.en.contains("already linked (pcx)"));
    }

    #[test]
    fn cross_account_and_cross_region_peerings_carry_their_steps() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16")
                    .in_account(ACCOUNT_B)
                    .in_region("us-west-2"),
            ],
            vec![],
            vec![],
        );
        let advice = vpcs(&design);
        assert!(advice.peering.allowed);
        assert_eq!(advice.peering.note_rules(), ["PEER-015", "PEER-016"]);
        assert!(advice.peering.notes[0].message.en.contains(ACCOUNT_B));
        assert!(
            advice.peering.notes[1]
                .message
                .en
                .contains("PeerRegion=us-west-2")
        );
    }

    /// `app` peered with a hub that has `spokes` other peers, and a lone `data`.
    fn hub_and_spokes(spokes: usize) -> Design {
        let mut vpcs = vec![
            vpc("app", "10.0.0.0/16"),
            vpc("hub", "10.1.0.0/16"),
            vpc("data", "10.2.0.0/16"),
        ];
        let mut links = vec![peering("pcx-app", "app", "hub")];
        for i in 0..spokes {
            let id = format!("spoke{i}");
            vpcs.push(vpc(&id, &format!("10.{}.0.0/16", 10 + i)));
            links.push(peering(&format!("pcx-{i}"), "hub", &id));
        }
        design(vpcs, vec![], links)
    }

    #[test]
    fn a_large_peering_graph_points_to_transit_gateway() {
        // app + hub + 7 spokes = 9 VPCs; with data, 10.
        let advice = vpcs(&hub_and_spokes(7));
        assert!(advice.peering.allowed);
        assert_eq!(advice.peering.note_rules(), ["PEER-017"]);
        let note = &advice.peering.notes[0].message;
        assert!(note.en.contains("10 VPCs"), "{}", note.en);
        assert!(note.en.contains("45 peerings"), "{}", note.en);
        assert!(note.en.contains("Transit Gateway"));
        assert!(note.ja.contains("Transit Gateway"));
        assert_eq!(advice.recommended, Some(LinkKind::Peering));
        assert!(advice.recommendation.en.contains("Transit Gateway"));

        let small = vpcs(&hub_and_spokes(6));
        assert!(small.peering.note_rules().is_empty());
    }

    #[test]
    fn a_vpc_with_many_peerings_points_to_transit_gateway() {
        let design = hub_and_spokes(9);
        let advice = advise(&design, &Node::vpc("hub"), &Node::vpc("data"));
        assert_eq!(advice.peering.note_rules(), ["PEER-017"]);
        assert!(
            advice.peering.notes[0]
                .message
                .en
                .contains("hub has 10 peerings")
        );
    }

    #[test]
    fn peering_quotas_warn_then_block() {
        let over_default = advise(&hub_and_spokes(49), &Node::vpc("hub"), &Node::vpc("data"));
        assert!(over_default.peering.allowed);
        assert!(over_default.peering.note_rules().contains(&"PEER-011"));
        assert!(
            over_default
                .peering
                .notes
                .iter()
                .any(|note| note.message.en.contains("51 peerings"))
        );
        let at_max = advise(&hub_and_spokes(124), &Node::vpc("hub"), &Node::vpc("data"));
        assert_eq!(at_max.peering.blocking_rules(), [Some("PEER-011")]);
        assert!(
            at_max.peering.blockers[0]
                .message
                .en
                .contains("125 peerings")
        );
        assert_eq!(at_max.recommended, None);
    }

    fn to_service(suffix: &str, region: &str) -> Design {
        design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![aws_service("svc", suffix, region)],
            vec![],
        )
    }

    fn service(design: &Design) -> Advice {
        advise(design, &Node::vpc("app"), &Node::service("svc"))
    }

    #[test]
    fn s3_in_the_same_region_gets_a_free_gateway_endpoint() {
        let advice = service(&to_service("s3", TOKYO));
        assert!(advice.gateway_endpoint.allowed);
        assert!(advice.interface_endpoint.allowed);
        assert!(!advice.peering.allowed);
        assert_eq!(advice.peering.blocking_rules(), [None]);
        assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
        assert!(
            advice.recommendation.en.contains("free"),
            "{}",
            advice.recommendation.en
        );
        assert!(advice.recommendation.ja.contains("無料"));
    }

    #[test]
    fn sqs_has_no_gateway_endpoint() {
        let advice = service(&to_service("sqs", TOKYO));
        assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-001")]);
        let message = &advice.gateway_endpoint.blockers[0].message;
        assert!(
            message.en.contains(
                "Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone"
            ),
            "{}",
            message.en
        );
        assert!(message.en.contains("sqs needs an interface endpoint"));
        assert!(message.ja.contains("S3 Express One Zone"));
        assert!(advice.interface_endpoint.allowed);
        assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
        assert!(advice.recommendation.en.contains("has no gateway endpoint"));
    }

    #[test]
    fn s3_in_another_region_needs_a_cross_region_interface_endpoint() {
        let advice = service(&to_service("s3", "us-east-1"));
        assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-002")]);
        assert!(
            advice.gateway_endpoint.blockers[0]
                .message
                .en
                .contains("us-east-1")
        );
        assert!(advice.interface_endpoint.allowed);
        assert_eq!(advice.interface_endpoint.note_rules(), ["PL-007"]);
        assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
        assert!(advice.recommendation.en.contains("ServiceRegion=us-east-1"));
        assert!(
            advice
                .recommendation
                .en
                .contains("only within ap-northeast-1")
        );
    }

    #[test]
    fn sqs_in_another_region_is_out_of_reach() {
        let advice = service(&to_service("sqs", "us-east-1"));
        assert_eq!(
            advice.gateway_endpoint.blocking_rules(),
            [Some("GW-001"), Some("GW-002")]
        );
        assert_eq!(advice.interface_endpoint.blocking_rules(), [Some("PL-007")]);
        assert!(
            advice.interface_endpoint.blockers[0]
                .message
                .en
                .contains("Amazon SQS")
        );
        assert_eq!(advice.recommended, None);
        assert!(
            advice
                .recommendation
                .en
                .contains("No link can connect app to sqs")
        );
    }

    #[test]
    fn s3_express_has_only_a_gateway_endpoint() {
        let advice = service(&to_service("s3express", TOKYO));
        assert!(!advice.interface_endpoint.allowed);
        assert!(
            advice.interface_endpoint.blockers[0]
                .message
                .en
                .contains("has no interface endpoint")
        );
        assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
    }

    #[test]
    fn a_peers_gateway_endpoint_does_not_replace_one_here() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("shared", "10.1.0.0/16")],
            vec![aws_service("svc", "s3", TOKYO)],
            vec![
                peering("pcx", "app", "shared"),
                gateway_endpoint("gw-shared", "shared", "svc"),
            ],
        );
        let advice = service(&design);
        assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
        assert_eq!(advice.gateway_endpoint.note_rules(), ["PEER-005"]);
        let note = &advice.gateway_endpoint.notes[1].message;
        assert!(note.en.contains("gw-shared"), "{}", note.en);
        assert!(note.en.contains("across pcx"));
        assert!(note.ja.contains("GW-003"));
    }

    #[test]
    fn an_existing_endpoint_means_nothing_to_add() {
        let mut design = to_service("sqs", TOKYO);
        design
            .links
            .push(interface_endpoint("vpce", "app", "svc", &[]));
        let advice = service(&design);
        assert_eq!(advice.recommended, None);
        assert!(advice.recommendation.en.contains("already linked (vpce)"));
    }

    #[test]
    fn an_endpoint_service_in_another_account_needs_the_consumer_allowed() {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("provider", "10.0.0.0/16").in_account(ACCOUNT_B),
            ],
            vec![endpoint_service("svc", "provider", TOKYO)],
            vec![],
        );
        let advice = service(&design);
        assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
        assert_eq!(advice.interface_endpoint.note_rules(), ["PL-009"]);
        let note = &advice.interface_endpoint.notes[0].message;
        assert!(
            note.en.contains("arn:aws:iam::111111111111:root"),
            "{}",
            note.en
        );
        assert!(note.ja.contains("プリンシパル"));
        assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-001")]);
        assert!(
            advice.peering.blockers[0]
                .message
                .en
                .contains("provider VPC provider")
        );

        let endpoint_service = endpoint_service_mut(&mut design.services[0]);
        endpoint_service
            .allowed_principals
            .push("arn:aws:iam::111111111111:root".to_owned());
        endpoint_service.acceptance_required = true;
        let advice = service(&design);
        assert_eq!(advice.interface_endpoint.note_rules(), ["PL-009", "PL-009"]);
        assert!(
            advice.interface_endpoint.notes[0]
                .message
                .en
                .contains("already allows")
        );
        assert!(
            advice.interface_endpoint.notes[1]
                .message
                .en
                .contains("pendingAcceptance")
        );
    }

    #[test]
    fn an_endpoint_service_across_regions_must_support_the_consumer_region() {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("provider", "10.1.0.0/16").in_region("us-east-1"),
            ],
            vec![endpoint_service("svc", "provider", "us-east-1")],
            vec![],
        );
        let advice = service(&design);
        assert_eq!(advice.interface_endpoint.blocking_rules(), [Some("PL-007")]);
        endpoint_service_mut(&mut design.services[0])
            .supported_regions
            .push(TOKYO.to_owned());
        let advice = service(&design);
        assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
        // VPC to VPC, the provider's service is what an endpoint can reach.
        let to_vpc = advise(&design, &Node::vpc("app"), &Node::vpc("provider"));
        assert!(to_vpc.interface_endpoint.allowed);
        assert_eq!(to_vpc.recommended, Some(LinkKind::Peering));
    }

    #[test]
    fn the_provider_needs_nothing_to_reach_its_own_service() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![endpoint_service("svc", "app", TOKYO)],
            vec![],
        );
        let advice = service(&design);
        assert_eq!(advice.recommended, None);
        assert!(advice.recommendation.en.contains("app hosts svc"));
    }

    #[test]
    fn a_vpc_without_dns_gets_the_private_dns_caveat() {
        let mut design = to_service("sqs", TOKYO);
        design.vpcs[0] = design.vpcs[0].clone().without_dns();
        let advice = service(&design);
        assert_eq!(advice.interface_endpoint.note_rules(), ["PL-003"]);
    }

    #[test]
    fn a_service_picked_first_is_advised_from_the_vpc() {
        let design = to_service("s3", TOKYO);
        let advice = advise(&design, &Node::service("svc"), &Node::subnet("app", "nope"));
        assert_eq!(advice.peering.blocking_rules(), [Some(DANGLING_REFERENCE)]);
        let mut with_subnet = design.clone();
        with_subnet.vpcs[0] = with_subnet.vpcs[0]
            .clone()
            .with_subnet("a", "10.0.1.0/24", 'a');
        let advice = advise(
            &with_subnet,
            &Node::service("svc"),
            &Node::subnet("app", "app-a"),
        );
        assert_eq!(advice.from, Node::subnet("app", "app-a"));
        assert_eq!(advice.to, Node::service("svc"));
        assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
        assert!(advice.notes[0].message.en.contains("advice for app → s3"));
    }

    #[test]
    fn two_services_cannot_be_linked() {
        let mut design = to_service("s3", TOKYO);
        design.services.push(aws_service("queue", "sqs", TOKYO));
        let advice = advise(&design, &Node::service("svc"), &Node::service("queue"));
        for option in advice.options() {
            assert!(!option.allowed);
            assert_eq!(option.blocking_rules(), [None]);
            assert!(option.blockers[0].message.en.contains("both services"));
        }
        assert_eq!(advice.recommended, None);
    }

    #[test]
    fn the_same_vpc_needs_no_link() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![],
            vec![],
        );
        let advice = advise(&design, &Node::subnet("app", "app-a"), &Node::vpc("app"));
        assert!(advice.options().iter().all(|option| !option.allowed));
        assert!(
            advice.peering.blockers[0]
                .message
                .en
                .contains("local route")
        );
        assert_eq!(advice.recommended, None);
    }

    #[test]
    fn dangling_nodes_block_every_link() {
        let design = to_service("s3", TOKYO);
        let advice = advise(&design, &Node::vpc("ghost"), &Node::service("svc"));
        for option in advice.options() {
            assert_eq!(option.blocking_rules(), [Some(DANGLING_REFERENCE)]);
        }
        assert_eq!(advice.recommended, None);
        let orphan = design_with_orphan_service();
        let advice = advise(&orphan, &Node::vpc("app"), &Node::service("svc"));
        assert_eq!(
            advice.interface_endpoint.blocking_rules(),
            [Some(DANGLING_REFERENCE)]
        );
    }

    fn design_with_orphan_service() -> Design {
        design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![endpoint_service("svc", "gone", TOKYO)],
            vec![],
        )
    }

    proptest::proptest! {
        // Each case asks every pair of nodes; fewer cases keep the suite quick.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn any_pair_of_any_design_gets_consistent_advice(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..80)
        ) {
            let design = arbitrary_design(&bytes);
            let nodes = every_node(&design);
            for a in &nodes {
                for b in &nodes {
                    let advice = advise(&design, a, b);
                    for option in advice.options() {
                        proptest::prop_assert_eq!(option.allowed, option.blockers.is_empty());
                        for reason in option.blockers.iter().chain(&option.notes) {
                            proptest::prop_assert!(!reason.message.en.is_empty());
                            proptest::prop_assert!(!reason.message.ja.is_empty());
                        }
                    }
                    if let Some(kind) = advice.recommended {
                        proptest::prop_assert!(advice.option(kind).allowed);
                    }
                    proptest::prop_assert!(!advice.recommendation.en.is_empty());
                    proptest::prop_assert!(!advice.recommendation.ja.is_empty());
                }
            }
        }
    }
}
