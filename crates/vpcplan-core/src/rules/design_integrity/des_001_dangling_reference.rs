//! DES-001: references to things that do not exist (or not where they must
//! be), and a VPC peered with itself.

use crate::LinkKind;
use crate::Text;
use crate::design::{
    EdgeGatewayKind, EndpointTarget, IntentId, IntentSource, IntentTarget, Link, LinkId, LinkSpec,
    RouteDestination, RouteTable, RouteTarget, RuleSource, SecurityGroupId, ServiceId, ServiceKind,
    SubnetId, Vpc, VpcId,
};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

use super::shown;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-001",
        name: "dangling-reference",
        severities: &[Severity::Error],
        title: Text::new(
            "Something refers to a thing that does not exist",
            "存在しない要素を参照しています",
        ),
        why: Text::new(
            "Every link, route, route table association, security group rule, intent and endpoint service names other parts of the design by id. A name that matches nothing (or matches something in the wrong VPC) cannot be exported or checked: AWS rejects the resource with a NotFound error, and the connectivity rules skip it. A peering must join two different VPCs.",
            "リンク、ルート、ルートテーブルの関連付け、セキュリティグループのルール、通信要件、エンドポイントサービスは、設計のほかの要素をIDで参照します。どの要素にも一致しない(または別のVPCの要素に一致する)参照はエクスポートも検査もできません。AWSはNotFoundエラーでリソースを拒否し、接続性のルールはその要素を検査しません。ピアリングは異なる2つのVPCを接続する必要があります。",
        ),
        fix: Text::new(
            "Point the reference at an existing thing in the right VPC, or remove it. Peer a VPC only with another VPC.",
            "参照先を正しいVPCに存在する要素に直すか、参照を削除してください。VPCは別のVPCとだけピアリングしてください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html",
            "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
            "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html",
        ],
    },
    check,
};

/// What kind of thing a reference names, in English and Japanese.
#[derive(Clone, Copy)]
struct Kind(&'static str, &'static str);

const VPC: Kind = Kind("VPC", "VPC");
const SUBNET: Kind = Kind("subnet", "サブネット");
const ROUTE_TABLE: Kind = Kind("route table", "ルートテーブル");
const SECURITY_GROUP: Kind = Kind("security group", "セキュリティグループ");
const SERVICE: Kind = Kind("service", "サービス");
const LINK: Kind = Kind("link", "リンク");

/// The thing that holds a reference. Its text and subjects are only built
/// when a reference fails, so a clean design costs no formatting.
#[derive(Clone, Copy)]
enum Owner<'d> {
    Peering(&'d LinkId),
    InterfaceEndpoint(&'d LinkId),
    GatewayEndpoint(&'d LinkId),
    RouteTable(&'d Vpc, &'d RouteTable),
    SecurityGroup(&'d Vpc, &'d SecurityGroupId),
    Intent(&'d IntentId),
    EndpointService(&'d ServiceId),
}

impl Owner<'_> {
    /// How a message names the owner, at the start of a sentence.
    fn text(self) -> (String, String) {
        match self {
            Owner::Peering(id) => (format!("Peering `{id}`"), format!("ピアリング`{id}`")),
            Owner::InterfaceEndpoint(id) => (
                format!("Interface endpoint `{id}`"),
                format!("インターフェイスエンドポイント`{id}`"),
            ),
            Owner::GatewayEndpoint(id) => (
                format!("Gateway endpoint `{id}`"),
                format!("ゲートウェイエンドポイント`{id}`"),
            ),
            Owner::RouteTable(vpc, table) => {
                let table = table.label();
                (
                    format!("Route table {table} of VPC {}", vpc.label()),
                    format!("VPC {}のルートテーブル{table}", vpc.label()),
                )
            }
            Owner::SecurityGroup(vpc, group) => (
                format!("Security group `{group}` of VPC {}", vpc.label()),
                format!("VPC {}のセキュリティグループ`{group}`", vpc.label()),
            ),
            Owner::Intent(id) => (format!("Intent `{id}`"), format!("通信要件`{id}`")),
            Owner::EndpointService(id) => (
                format!("Endpoint service `{id}`"),
                format!("エンドポイントサービス`{id}`"),
            ),
        }
    }

    fn subjects(self) -> Vec<Subject> {
        match self {
            Owner::Peering(id) | Owner::InterfaceEndpoint(id) | Owner::GatewayEndpoint(id) => {
                vec![Subject::Link(id.clone())]
            }
            Owner::RouteTable(vpc, table) => vec![
                Subject::RouteTable(table.id.clone()),
                Subject::Vpc(vpc.id.clone()),
            ],
            Owner::SecurityGroup(vpc, group) => vec![
                Subject::SecurityGroup(group.clone()),
                Subject::Vpc(vpc.id.clone()),
            ],
            Owner::Intent(id) => vec![Subject::Intent(id.clone())],
            Owner::EndpointService(id) => vec![Subject::Service(id.clone())],
        }
    }
}

struct Report<'r, 'd> {
    rule: &'r Rule,
    index: &'r DesignIndex<'d>,
    out: &'r mut Vec<Diagnostic>,
}

impl<'d> Report<'_, 'd> {
    fn push(&mut self, subjects: Vec<Subject>, en: String, ja: String) {
        self.out.push(
            self.rule
                .diagnostic(Severity::Error, subjects, Localized::new(en, ja)),
        );
    }

    /// `owner` names nothing: "{owner} refers to {kind} `{id}`, which does not exist".
    fn missing(&mut self, owner: Owner<'_>, kind: Kind, id: &str) {
        let (en, ja) = owner.text();
        self.push(
            owner.subjects(),
            format!(
                "{en} refers to {} `{id}`, which does not exist in the design.",
                kind.0
            ),
            format!("{ja}が参照する{}`{id}`は設計に存在しません。", kind.1),
        );
    }

    /// `owner` names a thing in VPC `found` that must be in VPC `expected`.
    fn elsewhere(
        &mut self,
        owner: Owner<'_>,
        referenced: Subject,
        kind: Kind,
        id: &str,
        expected: &VpcId,
        found: &Vpc,
    ) {
        let (en, ja) = owner.text();
        let mut subjects = owner.subjects();
        subjects.push(referenced);
        let expected = self.vpc_name(expected);
        let found = found.label();
        self.push(
            subjects,
            format!(
                "{en} refers to {} `{id}`, which is in VPC {found}, not in VPC {expected}.",
                kind.0
            ),
            format!(
                "{ja}が参照する{}`{id}`はVPC {expected}ではなくVPC {found}にあります。",
                kind.1
            ),
        );
    }

    fn vpc_name(&self, id: &VpcId) -> String {
        self.index.vpc(id).map_or_else(
            || id.to_string(),
            |vpc| shown(vpc.label(), id.as_str()).to_owned(),
        )
    }

    /// Checks a VPC reference; returns the VPC when it exists.
    fn vpc(&mut self, owner: Owner<'_>, id: &VpcId) -> Option<&'d Vpc> {
        let found = self.index.vpc(id);
        self.resolved(owner, id, found)
    }

    /// Reports VPC `id` as missing unless it was `found`.
    fn resolved(
        &mut self,
        owner: Owner<'_>,
        id: &VpcId,
        found: Option<&'d Vpc>,
    ) -> Option<&'d Vpc> {
        if found.is_none() {
            self.missing(owner, VPC, id.as_str());
        }
        found
    }

    /// Checks that a subnet exists in VPC `vpc`, which `resolved` is (the
    /// same VPC is recognised by address before its id is compared).
    fn subnet_in(&mut self, owner: Owner<'_>, subnet: &SubnetId, vpc: &VpcId, resolved: &Vpc) {
        match self.index.subnets.get(subnet) {
            None => self.missing(owner, SUBNET, subnet.as_str()),
            Some((found, _)) if !std::ptr::eq(*found, resolved) && &found.id != vpc => {
                let referenced = Subject::Subnet(subnet.clone());
                self.elsewhere(owner, referenced, SUBNET, subnet.as_str(), vpc, found);
            }
            Some(_) => {}
        }
    }

    /// Checks that a security group exists in VPC `vpc`, which `resolved` is.
    fn group_in(&mut self, owner: Owner<'_>, group: &SecurityGroupId, vpc: &VpcId, resolved: &Vpc) {
        match self.index.security_groups.get(group) {
            None => self.missing(owner, SECURITY_GROUP, group.as_str()),
            Some((found, _)) if !std::ptr::eq(*found, resolved) && &found.id != vpc => {
                let referenced = Subject::SecurityGroup(group.clone());
                self.elsewhere(
                    owner,
                    referenced,
                    SECURITY_GROUP,
                    group.as_str(),
                    vpc,
                    found,
                );
            }
            Some(_) => {}
        }
    }

    fn link(&mut self, id: &LinkId) -> Option<&'d Link> {
        self.index.link(id)
    }
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut report = Report { rule, index, out };
    let design = index.design;
    // `index.peerings` holds the peerings in link order, with their VPCs resolved.
    // The index holds the peerings and endpoints in link order, with their
    // VPCs resolved.
    // The kinds come from the index, so that a clean peering (both ends
    // distinct VPCs of the design, no excluded tables) is passed over
    // without reading the link.
    let mut positions = [0usize; 3];
    for (link, &kind) in design.links.iter().zip(&index.link_kinds) {
        let kind = match kind {
            LinkKind::Peering => 0,
            LinkKind::InterfaceEndpoint => 1,
            LinkKind::GatewayEndpoint => 2,
        };
        let position = positions.get(kind).copied().unwrap_or_default();
        if let Some(next) = positions.get_mut(kind) {
            *next += 1;
        }
        if kind == 0
            && let (Some(&(Some(requester), Some(accepter))), Some(facts)) = (
                index.peering_nodes.get(position),
                index.peering_facts.get(position),
            )
            && requester != accepter
            && !facts.excludes_tables
        {
            continue;
        }
        let vpcs = match link.spec {
            LinkSpec::Peering(_) => index.peering_vpcs(position),
            LinkSpec::InterfaceEndpoint(_) => (index.interface_endpoint_vpc(position), None),
            LinkSpec::GatewayEndpoint(_) => (index.gateway_endpoint_vpc(position), None),
        };
        check_link(&mut report, link, vpcs);
    }
    for vpc in &design.vpcs {
        for table in &vpc.route_tables {
            check_route_table(&mut report, vpc, table);
        }
        for group in &vpc.security_groups {
            let owner = Owner::SecurityGroup(vpc, &group.id);
            for ingress in &group.ingress {
                let RuleSource::SecurityGroup {
                    vpc: source_vpc,
                    group: source,
                } = &ingress.source
                else {
                    continue;
                };
                if let Some(found) = report.vpc(owner, source_vpc) {
                    report.group_in(owner, source, source_vpc, found);
                }
            }
        }
    }
    for intent in &design.intents {
        let owner = Owner::Intent(&intent.id);
        match &intent.from {
            IntentSource::Vpc(vpc) => {
                report.vpc(owner, vpc);
            }
            IntentSource::Subnet { vpc, subnet } => {
                if let Some(found) = report.vpc(owner, vpc) {
                    report.subnet_in(owner, subnet, vpc, found);
                }
            }
        }
        match &intent.to {
            IntentTarget::Vpc(vpc) => {
                report.vpc(owner, vpc);
            }
            IntentTarget::Service(service) => {
                if index.service(service).is_none() {
                    report.missing(owner, SERVICE, service.as_str());
                }
            }
        }
    }
    for service in &design.services {
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind {
            report.vpc(
                Owner::EndpointService(&service.id),
                &endpoint_service.provider_vpc,
            );
        }
    }
}

/// `vpcs`: the VPCs of the link as the index resolves them: for a peering
/// its requester and accepter, for an endpoint its VPC (first).
fn check_link<'d>(
    report: &mut Report<'_, 'd>,
    link: &Link,
    vpcs: (Option<&'d Vpc>, Option<&'d Vpc>),
) {
    match &link.spec {
        LinkSpec::Peering(peering) => {
            let owner = Owner::Peering(&link.id);
            let requester = report.resolved(owner, &peering.requester, vpcs.0);
            let accepter = report.resolved(owner, &peering.accepter, vpcs.1);
            // The index resolves equal ids to one VPC and distinct ids to
            // distinct VPCs, so comparing the VPCs' addresses compares the ids.
            if let (Some(requester), Some(accepter)) = (requester, accepter)
                && std::ptr::eq(requester, accepter)
            {
                let name = report.vpc_name(&peering.requester);
                let mut subjects = owner.subjects();
                subjects.push(Subject::Vpc(peering.requester.clone()));
                report.push(
                    subjects,
                    format!(
                        "Peering `{}` joins VPC {name} with itself; a peering must join two different VPCs.",
                        link.id
                    ),
                    format!(
                        "ピアリング`{}`はVPC {name}を自分自身と接続しています。ピアリングは異なる2つのVPCを接続する必要があります。",
                        link.id
                    ),
                );
            }
            for table in &peering.excluded_route_tables {
                match report.index.route_tables.get(table) {
                    None => report.missing(owner, ROUTE_TABLE, table.as_str()),
                    Some((owner_vpc, _))
                        if owner_vpc.id != peering.requester
                            && owner_vpc.id != peering.accepter =>
                    {
                        let mut subjects = owner.subjects();
                        subjects.push(Subject::RouteTable(table.clone()));
                        let found = shown(&owner_vpc.name, owner_vpc.id.as_str()).to_owned();
                        let ends =
                            [requester, accepter].map(|vpc| vpc.map_or("?", |vpc| vpc.label()));
                        report.push(
                            subjects,
                            format!(
                                "Peering `{}` excludes route table `{table}`, which is in VPC {found}, not in either peered VPC ({} or {}).",
                                link.id, ends[0], ends[1]
                            ),
                            format!(
                                "ピアリング`{}`が除外するルートテーブル`{table}`は、ピアリングするVPC({}、{})ではなくVPC {found}にあります。",
                                link.id, ends[0], ends[1]
                            ),
                        );
                    }
                    Some(_) => {}
                }
            }
        }
        LinkSpec::InterfaceEndpoint(endpoint) => {
            let owner = Owner::InterfaceEndpoint(&link.id);
            let vpc = report.resolved(owner, &endpoint.vpc, vpcs.0);
            if let EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) =
                &endpoint.target
                && report.index.service(service).is_none()
            {
                report.missing(owner, SERVICE, service.as_str());
            }
            if let Some(vpc) = vpc {
                for subnet in &endpoint.subnets {
                    report.subnet_in(owner, subnet, &endpoint.vpc, vpc);
                }
                for group in &endpoint.security_groups {
                    report.group_in(owner, group, &endpoint.vpc, vpc);
                }
            }
        }
        LinkSpec::GatewayEndpoint(endpoint) => {
            let owner = Owner::GatewayEndpoint(&link.id);
            report.resolved(owner, &endpoint.vpc, vpcs.0);
            if report.index.service(&endpoint.service).is_none() {
                report.missing(owner, SERVICE, endpoint.service.as_str());
            }
            // Route tables of another VPC, subnets and security groups are GW-005's.
            for table in &endpoint.route_tables {
                if !report.index.route_tables.contains_key(table) {
                    report.missing(owner, ROUTE_TABLE, table.as_str());
                }
            }
        }
    }
}

fn destination_text(destination: &RouteDestination) -> String {
    match destination {
        RouteDestination::Ipv4(net) => net.to_string(),
        RouteDestination::Ipv6(net) => net.to_string(),
        RouteDestination::PrefixList(name) => name.clone(),
    }
}

fn check_route_table(report: &mut Report<'_, '_>, vpc: &Vpc, table: &RouteTable) {
    let owner = Owner::RouteTable(vpc, table);
    for subnet in &table.subnets {
        report.subnet_in(owner, subnet, &vpc.id, vpc);
    }
    for route in &table.routes {
        match &route.target {
            RouteTarget::Peering(id) | RouteTarget::GatewayEndpoint(id) => {
                let wants_peering = matches!(route.target, RouteTarget::Peering(_));
                let Some(link) = report.link(id) else {
                    report.missing(owner, LINK, id.as_str());
                    continue;
                };
                match (&link.spec, wants_peering) {
                    (LinkSpec::Peering(peering), true) => {
                        if peering.requester == vpc.id || peering.accepter == vpc.id {
                            continue;
                        }
                        let (owner_en, owner_ja) = owner.text();
                        let mut subjects = owner.subjects();
                        subjects.push(Subject::Link(id.clone()));
                        let destination = destination_text(&route.destination);
                        let ends =
                            [&peering.requester, &peering.accepter].map(|end| report.vpc_name(end));
                        report.push(
                            subjects,
                            format!(
                                "{owner_en} routes {destination} through peering `{id}`, which joins VPCs {} and {}, not VPC {}.",
                                ends[0], ends[1], vpc.label()
                            ),
                            format!(
                                "{owner_ja}は{destination}をピアリング`{id}`へルーティングしていますが、このピアリングが接続するのはVPC {}と{}で、VPC {}ではありません。",
                                ends[0], ends[1], vpc.label()
                            ),
                        );
                    }
                    (LinkSpec::GatewayEndpoint(_), false) => {}
                    (spec, _) => {
                        let (want_en, want_ja) = if wants_peering {
                            ("a peering", "ピアリング")
                        } else {
                            ("a gateway endpoint", "ゲートウェイエンドポイント")
                        };
                        let (is_en, is_ja) = match spec {
                            LinkSpec::Peering(_) => ("a peering", "ピアリング"),
                            LinkSpec::InterfaceEndpoint(_) => {
                                ("an interface endpoint", "インターフェイスエンドポイント")
                            }
                            LinkSpec::GatewayEndpoint(_) => {
                                ("a gateway endpoint", "ゲートウェイエンドポイント")
                            }
                        };
                        let (owner_en, owner_ja) = owner.text();
                        let mut subjects = owner.subjects();
                        subjects.push(Subject::Link(id.clone()));
                        let destination = destination_text(&route.destination);
                        report.push(
                            subjects,
                            format!(
                                "{owner_en} routes {destination} to `{id}` as {want_en}, but `{id}` is {is_en}."
                            ),
                            format!(
                                "{owner_ja}は{destination}を{want_ja}として`{id}`へルーティングしていますが、`{id}`は{is_ja}です。"
                            ),
                        );
                    }
                }
            }
            RouteTarget::Edge(kind) => {
                if vpc
                    .edge_gateways
                    .iter()
                    .any(|gateway| gateway.kind == *kind)
                {
                    continue;
                }
                let (en, ja) = edge_name(*kind);
                let (owner_en, owner_ja) = owner.text();
                let destination = destination_text(&route.destination);
                report.push(
                    owner.subjects(),
                    format!(
                        "{owner_en} routes {destination} to the VPC's {en}, but VPC {} has no {en}.",
                        vpc.label()
                    ),
                    format!(
                        "{owner_ja}は{destination}を{ja}へルーティングしていますが、VPC {}に{ja}がありません。",
                        vpc.label()
                    ),
                );
            }
            RouteTarget::Other(_) => {}
        }
    }
}

fn edge_name(kind: EdgeGatewayKind) -> (&'static str, &'static str) {
    match kind {
        EdgeGatewayKind::InternetGateway => ("internet gateway", "インターネットゲートウェイ"),
        EdgeGatewayKind::NatGateway => ("NAT gateway", "NATゲートウェイ"),
        EdgeGatewayKind::VpnGateway => ("virtual private gateway", "仮想プライベートゲートウェイ"),
        EdgeGatewayKind::DirectConnect => ("Direct Connect gateway", "Direct Connectゲートウェイ"),
        EdgeGatewayKind::TransitGateway => ("transit gateway", "Transit Gateway"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{EdgeGateway, Intent, IntentId, Route, SecurityGroup, SecurityGroupRule};
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_links_naming_missing_vpcs_services_and_self_peering() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![],
            vec![
                peering("pcx-ghost", "app", "ghost"),
                peering("pcx-self", "app", "app"),
                interface_endpoint("ie", "app", "no-service", &["no-subnet"]),
                gateway_endpoint("gw", "nowhere", "no-s3"),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-001 link:pcx-ghost
              en: Peering `pcx-ghost` refers to VPC `ghost`, which does not exist in the design.
              ja: ピアリング`pcx-ghost`が参照するVPC`ghost`は設計に存在しません。
            error DES-001 link:pcx-self vpc:app
              en: Peering `pcx-self` joins VPC app with itself; a peering must join two different VPCs.
              ja: ピアリング`pcx-self`はVPC appを自分自身と接続しています。ピアリングは異なる2つのVPCを接続する必要があります。
            error DES-001 link:ie
              en: Interface endpoint `ie` refers to service `no-service`, which does not exist in the design.
              ja: インターフェイスエンドポイント`ie`が参照するサービス`no-service`は設計に存在しません。
            error DES-001 link:ie
              en: Interface endpoint `ie` refers to subnet `no-subnet`, which does not exist in the design.
              ja: インターフェイスエンドポイント`ie`が参照するサブネット`no-subnet`は設計に存在しません。
            error DES-001 link:gw
              en: Gateway endpoint `gw` refers to VPC `nowhere`, which does not exist in the design.
              ja: ゲートウェイエンドポイント`gw`が参照するVPC`nowhere`は設計に存在しません。
            error DES-001 link:gw
              en: Gateway endpoint `gw` refers to service `no-s3`, which does not exist in the design.
              ja: ゲートウェイエンドポイント`gw`が参照するサービス`no-s3`は設計に存在しません。
            error DES-001 link:gw
              en: Gateway endpoint `gw` refers to route table `nowhere-rtb`, which does not exist in the design.
              ja: ゲートウェイエンドポイント`gw`が参照するルートテーブル`nowhere-rtb`は設計に存在しません。
        "#]],
        );

        // gw's route table `nowhere-rtb` does not exist either.
    }

    #[test]
    fn flags_subnets_and_groups_in_the_wrong_vpc() {
        let mut data = vpc("data", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a');
        data.security_groups.push(SecurityGroup {
            id: "sg-data".into(),
            name: "data".to_owned(),
            ingress: Vec::new(),
        });
        let mut app = vpc("app", "10.0.0.0/16");
        app.route_tables[0].subnets.push("data-a".into());
        let mut design = design(
            vec![app, data],
            vec![aws_service("sqs", "sqs", "ap-northeast-1")],
            vec![interface_endpoint("ie", "app", "sqs", &["data-a"])],
        );
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut design.links[0].spec {
            endpoint.security_groups.push("sg-data".into());
        }
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-001 link:ie subnet:data-a
              en: Interface endpoint `ie` refers to subnet `data-a`, which is in VPC data, not in VPC app.
              ja: インターフェイスエンドポイント`ie`が参照するサブネット`data-a`はVPC appではなくVPC dataにあります。
            error DES-001 link:ie sg:sg-data
              en: Interface endpoint `ie` refers to security group `sg-data`, which is in VPC data, not in VPC app.
              ja: インターフェイスエンドポイント`ie`が参照するセキュリティグループ`sg-data`はVPC appではなくVPC dataにあります。
            error DES-001 route-table:app-rtb vpc:app subnet:data-a
              en: Route table app main of VPC app refers to subnet `data-a`, which is in VPC data, not in VPC app.
              ja: VPC appのルートテーブルapp mainが参照するサブネット`data-a`はVPC appではなくVPC dataにあります。
        "#]],
        );
    }

    #[test]
    fn flags_route_targets_that_do_not_resolve() {
        let mut app = vpc("app", "10.0.0.0/16");
        for (destination, target) in [
            ("10.9.0.0/16", RouteTarget::Peering("pcx-gone".into())),
            ("10.2.0.0/16", RouteTarget::Peering("pcx-other".into())),
            ("10.3.0.0/16", RouteTarget::Peering("ie".into())),
            (
                "0.0.0.0/0",
                RouteTarget::Edge(EdgeGatewayKind::InternetGateway),
            ),
        ] {
            app.route_tables[0].routes.push(Route {
                destination: RouteDestination::Ipv4(v4(destination)),
                target,
            });
        }
        let design = design(
            vec![app, vpc("b", "10.2.0.0/16"), vpc("c", "10.3.0.0/16")],
            vec![aws_service("sqs", "sqs", "ap-northeast-1")],
            vec![
                peering("pcx-other", "b", "c"),
                interface_endpoint("ie", "app", "sqs", &[]),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-001 route-table:app-rtb vpc:app
              en: Route table app main of VPC app refers to link `pcx-gone`, which does not exist in the design.
              ja: VPC appのルートテーブルapp mainが参照するリンク`pcx-gone`は設計に存在しません。
            error DES-001 route-table:app-rtb vpc:app link:pcx-other
              en: Route table app main of VPC app routes 10.2.0.0/16 through peering `pcx-other`, which joins VPCs b and c, not VPC app.
              ja: VPC appのルートテーブルapp mainは10.2.0.0/16をピアリング`pcx-other`へルーティングしていますが、このピアリングが接続するのはVPC bとcで、VPC appではありません。
            error DES-001 route-table:app-rtb vpc:app link:ie
              en: Route table app main of VPC app routes 10.3.0.0/16 to `ie` as a peering, but `ie` is an interface endpoint.
              ja: VPC appのルートテーブルapp mainは10.3.0.0/16をピアリングとして`ie`へルーティングしていますが、`ie`はインターフェイスエンドポイントです。
            error DES-001 route-table:app-rtb vpc:app
              en: Route table app main of VPC app routes 0.0.0.0/0 to the VPC's internet gateway, but VPC app has no internet gateway.
              ja: VPC appのルートテーブルapp mainは0.0.0.0/0をインターネットゲートウェイへルーティングしていますが、VPC appにインターネットゲートウェイがありません。
        "#]],
        );
    }

    #[test]
    fn flags_intents_security_group_sources_and_provider_vpcs() {
        let mut app = vpc("app", "10.0.0.0/16");
        app.security_groups.push(SecurityGroup {
            id: "sg-app".into(),
            name: "app".to_owned(),
            ingress: vec![SecurityGroupRule {
                protocol: "tcp".to_owned(),
                from_port: 443,
                to_port: 443,
                source: RuleSource::SecurityGroup {
                    vpc: "app".into(),
                    group: "sg-gone".into(),
                },
            }],
        });
        let mut provider = endpoint_service("svc", "provider-gone", "ap-northeast-1");
        provider.name = "billing".to_owned();
        let settings = endpoint_service_mut(&mut provider);
        settings.network_load_balancers.clear();
        settings.supported_ip_address_types.clear();
        let mut design = design(vec![app], vec![provider], vec![]);
        design.intents = vec![
            subnet_intent("i1", "app", "app-gone", "vpc-gone"),
            service_intent("i2", "app", "svc-gone"),
        ];
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-001 sg:sg-app vpc:app
              en: Security group `sg-app` of VPC app refers to security group `sg-gone`, which does not exist in the design.
              ja: VPC appのセキュリティグループ`sg-app`が参照するセキュリティグループ`sg-gone`は設計に存在しません。
            error DES-001 intent:i1
              en: Intent `i1` refers to subnet `app-gone`, which does not exist in the design.
              ja: 通信要件`i1`が参照するサブネット`app-gone`は設計に存在しません。
            error DES-001 intent:i1
              en: Intent `i1` refers to VPC `vpc-gone`, which does not exist in the design.
              ja: 通信要件`i1`が参照するVPC`vpc-gone`は設計に存在しません。
            error DES-001 intent:i2
              en: Intent `i2` refers to service `svc-gone`, which does not exist in the design.
              ja: 通信要件`i2`が参照するサービス`svc-gone`は設計に存在しません。
            error DES-001 service:svc
              en: Endpoint service `svc` refers to VPC `provider-gone`, which does not exist in the design.
              ja: エンドポイントサービス`svc`が参照するVPC`provider-gone`は設計に存在しません。
        "#]],
        );
    }

    #[test]
    fn a_consistent_design_is_clean() {
        let mut app = vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a');
        app.route_tables[0].subnets.push("app-a".into());
        app.edge_gateways.push(EdgeGateway {
            kind: EdgeGatewayKind::NatGateway,
            remote_cidrs: Vec::new(),
        });
        app.route_tables[0].routes.push(Route {
            destination: RouteDestination::Ipv4(v4("0.0.0.0/0")),
            target: RouteTarget::Edge(EdgeGatewayKind::NatGateway),
        });
        app.route_tables[0].routes.push(Route {
            destination: RouteDestination::Ipv4(v4("10.1.0.0/16")),
            target: RouteTarget::Peering("pcx".into()),
        });
        app.route_tables[0].routes.push(Route {
            destination: RouteDestination::Ipv4(v4("10.8.0.0/16")),
            target: RouteTarget::Other("tgw-1".to_owned()),
        });
        let mut design = design(
            vec![app, vpc("data", "10.1.0.0/16")],
            vec![
                aws_service("s3", "s3", "ap-northeast-1"),
                aws_service("sqs", "sqs", "ap-northeast-1"),
            ],
            vec![
                peering("pcx", "app", "data"),
                gateway_endpoint("gw", "app", "s3"),
                interface_endpoint("ie", "app", "sqs", &["app-a"]),
            ],
        );
        if let LinkSpec::Peering(peering) = &mut design.links[0].spec {
            peering.excluded_route_tables.push("data-rtb".into());
        }
        design.intents.push(Intent {
            id: IntentId::new("i1"),
            from: IntentSource::Subnet {
                vpc: "app".into(),
                subnet: "app-a".into(),
            },
            to: IntentTarget::Service("s3".into()),
        });
        check(&RULE, &design, expect![[""]]);
    }
}
