//! The advisor between two VPCs: peering, or an interface endpoint to an
//! endpoint service one of them provides.

use super::*;

impl<'d> Advisor<'_, 'd> {
    pub(super) fn vpc_to_vpc(&self, from: &Node, a: &'d Vpc, to: &Node, b: &'d Vpc) -> Advice {
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

    pub(super) fn peering_option(
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

    pub(super) fn interface_to_vpc(&self, a: &'d Vpc, b: &'d Vpc) -> LinkAdvice {
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
}
