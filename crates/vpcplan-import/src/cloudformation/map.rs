//! Template resources into the design, VPCs first and what refers to them
//! after. A resource's design id is its `vpcplan:id` tag (what vpcplan's
//! exports write) or its logical id; its name the `Name` tag. Items from a
//! template are planned (a template holds no AWS ids). Routes through a
//! peering of the templates become the peering's own, as in the AWS
//! source.

use std::collections::{HashMap, HashSet};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde_json::Value;
use vpcplan_core::design::*;

use super::Template;
use super::eval::{Scope, V};
use crate::build::{Builder, aws_service_anywhere, aws_service_suffix, vpc_item};
use crate::report::{Item, ItemKind, Said};

type Key = (usize, String);

#[derive(Default)]
struct Known {
    vpcs: HashMap<Key, usize>,
    subnets: HashMap<Key, (usize, SubnetId)>,
    tables: HashMap<Key, (usize, RouteTableId)>,
    groups: HashMap<Key, (usize, SecurityGroupId)>,
    peerings: HashMap<Key, usize>,
    routed: HashSet<(usize, RouteTableId)>,
    ipv6: HashSet<usize>,
}

/// The resource types in the order they are mapped.
const ORDER: &[&str] = &[
    "AWS::EC2::VPC",
    "AWS::EC2::VPCCidrBlock",
    "AWS::EC2::Subnet",
    "AWS::EC2::RouteTable",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::VPCPeeringConnection",
    "AWS::EC2::Route",
    "AWS::EC2::VPCEndpoint",
];

pub(super) fn map(templates: &[Template], scopes: &[Scope<'_>], builder: &mut Builder) {
    let mut known = Known::default();
    for kind in ORDER {
        for (template, scope) in templates.iter().zip(scopes) {
            for (logical_id, resource) in &template.resources {
                if resource.get("Type").and_then(Value::as_str) != Some(kind) {
                    continue;
                }
                let r = Resource {
                    template,
                    scope,
                    logical_id,
                    resource,
                    kind,
                };
                if let Some(reason) = r.condition_false() {
                    builder.skipped(&template.name, kind, logical_id, reason);
                    continue;
                }
                match *kind {
                    "AWS::EC2::VPC" => vpc(builder, &mut known, &r),
                    "AWS::EC2::VPCCidrBlock" => cidr_block(builder, &known, &r),
                    "AWS::EC2::Subnet" => subnet(builder, &mut known, &r),
                    "AWS::EC2::RouteTable" => route_table(builder, &mut known, &r),
                    "AWS::EC2::SubnetRouteTableAssociation" => association(builder, &known, &r),
                    "AWS::EC2::SecurityGroup" => group(builder, &mut known, &r),
                    "AWS::EC2::SecurityGroupIngress" => ingress(builder, &known, &r),
                    "AWS::EC2::VPCPeeringConnection" => peering(builder, &mut known, &r),
                    "AWS::EC2::Route" => route(builder, &mut known, &r),
                    _ => endpoint(builder, &known, &r),
                }
            }
        }
    }
    for (template, _) in templates.iter().zip(scopes) {
        for (logical_id, resource) in &template.resources {
            let kind = resource
                .get("Type")
                .and_then(Value::as_str)
                .unwrap_or("(no Type)");
            if ORDER.contains(&kind) {
                continue;
            }
            builder.skipped(
                &template.name,
                kind,
                logical_id,
                Said::new(
                    format!("{kind} is not a part of the network vpcplan models"),
                    format!("{kind} は vpcplan が扱うネットワークの要素ではありません"),
                ),
            );
        }
    }
    exclude_unrouted_tables(builder, &known);
}

struct Resource<'a> {
    template: &'a Template,
    scope: &'a Scope<'a>,
    logical_id: &'a str,
    resource: &'a Value,
    kind: &'a str,
}

impl Resource<'_> {
    fn property(&self, name: &str) -> V {
        match self.resource.get("Properties").and_then(|p| p.get(name)) {
            Some(value) => self.scope.eval(value),
            None => V::NoValue,
        }
    }

    fn tag(&self, key: &str) -> Option<String> {
        match self.property("Tags") {
            V::List(tags) => tags.iter().find_map(|tag| {
                (tag.get("Key").and_then(V::as_str) == Some(key))
                    .then(|| tag.get("Value").and_then(V::as_str).map(str::to_owned))
                    .flatten()
            }),
            _ => None,
        }
    }

    fn design_id(&self, builder: &mut Builder) -> String {
        let wanted = self
            .tag("vpcplan:id")
            .unwrap_or_else(|| self.logical_id.to_owned());
        builder.unique_id(&wanted)
    }

    fn name(&self) -> String {
        self.tag("Name").unwrap_or_default()
    }

    /// Why the resource is not created, when its condition is false.
    fn condition_false(&self) -> Option<Said> {
        let name = self.resource.get("Condition")?.as_str()?;
        (self.scope.condition(name) == Some(false)).then(|| {
            Said::new(
                format!("its condition {name} is false with the parameters' values"),
                format!("条件 {name} がパラメータの値で偽のため作成されません"),
            )
        })
    }

    /// The index of the VPC a property names.
    fn vpc(&self, known: &Known, property: &str) -> Result<usize, Said> {
        let value = self.property(property);
        value
            .resource()
            .and_then(|(t, id)| known.vpcs.get(&(t, id.to_owned())).copied())
            .ok_or_else(|| unresolved(property, &value))
    }

    fn skip(&self, builder: &mut Builder, reason: Said) {
        builder.skipped(&self.template.name, self.kind, self.logical_id, reason);
    }

    fn done(&self, builder: &mut Builder, item: Item, lost: Vec<Said>) {
        builder.mapped_losing(&self.template.name, self.kind, self.logical_id, item, lost);
    }
}

fn unresolved(property: &str, value: &V) -> Said {
    match value {
        V::Unknown(why) => Said::new(
            format!("{property} is not known from the templates: {why}"),
            format!("{property} がテンプレートから分かりません: {why}"),
        ),
        _ => Said::new(
            format!("{property} does not name a resource of the imported templates"),
            format!("{property} がインポートしたテンプレートのリソースを指していません"),
        ),
    }
}

fn unknown_value(property: &str, value: &V) -> Said {
    match value {
        V::Unknown(why) => Said::new(
            format!("{property}: {why}"),
            format!("{property}: テンプレートからは分かりません ({why})"),
        ),
        _ => Said::new(
            format!("{property}: not a value vpcplan reads here"),
            format!("{property}: vpcplan が読める値ではありません"),
        ),
    }
}

fn vpc(builder: &mut Builder, known: &mut Known, r: &Resource<'_>) {
    let mut lost = Vec::new();
    let cidr = r.property("CidrBlock");
    let ipv4_cidrs: Vec<Ipv4Net> = match cidr.as_str().map(str::parse) {
        Some(Ok(cidr)) => vec![cidr],
        _ => {
            if cidr != V::NoValue {
                lost.push(unknown_value("CidrBlock", &cidr));
            } else {
                lost.push(Said::new(
                    "its CIDR: it comes from an IPAM pool, known only at deploy time",
                    "CIDR: IPAM プールから割り当てられ、デプロイ時にしか分かりません",
                ));
            }
            Vec::new()
        }
    };
    // CloudFormation's defaults (AWS::EC2::VPC): DNS support on, DNS
    // hostnames off.
    let dns_support = r.property("EnableDnsSupport").as_bool().unwrap_or(true);
    let dns_hostnames = r.property("EnableDnsHostnames").as_bool().unwrap_or(false);
    let region = r.scope.region.clone().unwrap_or_else(|| {
        lost.push(Said::new(
            "the Region: a template is deployed to a Region it does not name",
            "リージョン: テンプレートはデプロイ先のリージョンを含みません",
        ));
        String::new()
    });
    let account = builder.account(r.scope.account.as_deref().unwrap_or_default());
    let id = VpcId::new(r.design_id(builder));
    builder.design.vpcs.push(Vpc {
        id: id.clone(),
        name: r.name(),
        account,
        region,
        ipv4_cidrs,
        ipv6_cidrs: Vec::new(),
        dns_support,
        dns_hostnames,
        subnets: Vec::new(),
        route_tables: Vec::new(),
        security_groups: Vec::new(),
        edge_gateways: Vec::new(),
        network_acls: Vec::new(),
        jumbo_frames: false,
        position: Position::default(),
        existing: None,
    });
    known.vpcs.insert(
        (r.scope.index, r.logical_id.to_owned()),
        builder.design.vpcs.len() - 1,
    );
    r.done(builder, vpc_item(id.as_str()), lost);
}

fn cidr_block(builder: &mut Builder, known: &Known, r: &Resource<'_>) {
    let at = match r.vpc(known, "VpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let vpc = &mut builder.design.vpcs[at];
    let item = vpc_item(vpc.id.as_str());
    let mut lost = Vec::new();
    match r.property("CidrBlock").as_str().map(str::parse::<Ipv4Net>) {
        Some(Ok(cidr)) => vpc.ipv4_cidrs.push(cidr),
        _ => match r
            .property("Ipv6CidrBlock")
            .as_str()
            .map(str::parse::<Ipv6Net>)
        {
            Some(Ok(cidr)) => vpc.ipv6_cidrs.push(cidr),
            _ => lost.push(Said::new(
                "the CIDR block: AWS assigns it at deploy time (Amazon-provided or from a pool)",
                "CIDR ブロック: デプロイ時に AWS が割り当てます (Amazon 提供またはプール)",
            )),
        },
    }
    r.done(builder, item, lost);
}

fn subnet(builder: &mut Builder, known: &mut Known, r: &Resource<'_>) {
    let at = match r.vpc(known, "VpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let mut lost = Vec::new();
    let ipv4 = r.property("CidrBlock");
    let ipv4_cidr = match ipv4.as_str().map(str::parse) {
        Some(Ok(cidr)) => Some(cidr),
        _ if ipv4 == V::NoValue => None,
        _ => {
            lost.push(unknown_value("CidrBlock", &ipv4));
            None
        }
    };
    let ipv6 = r.property("Ipv6CidrBlock");
    let ipv6_cidr = match ipv6.as_str().map(str::parse) {
        Some(Ok(cidr)) => Some(cidr),
        _ if ipv6 == V::NoValue => None,
        _ => {
            lost.push(unknown_value("Ipv6CidrBlock", &ipv6));
            None
        }
    };
    let zone = r.property("AvailabilityZone");
    let zone_id = r.property("AvailabilityZoneId").as_str().map(str::to_owned);
    if zone_id.is_none() && zone.as_str().is_none() {
        lost.push(unknown_value("AvailabilityZone", &zone));
    }
    let id = SubnetId::new(r.design_id(builder));
    let vpc = &mut builder.design.vpcs[at];
    vpc.subnets.push(Subnet {
        id: id.clone(),
        name: r.name(),
        ipv4_cidr,
        ipv6_cidr,
        availability_zone: zone.as_str().unwrap_or_default().to_owned(),
        availability_zone_id: zone_id,
        existing: None,
    });
    let item = Item::in_vpc(ItemKind::Subnet, vpc.id.as_str(), id.as_str());
    known
        .subnets
        .insert((r.scope.index, r.logical_id.to_owned()), (at, id));
    r.done(builder, item, lost);
}

fn route_table(builder: &mut Builder, known: &mut Known, r: &Resource<'_>) {
    let at = match r.vpc(known, "VpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let id = RouteTableId::new(r.design_id(builder));
    let vpc = &mut builder.design.vpcs[at];
    vpc.route_tables.push(RouteTable {
        id: id.clone(),
        name: r.name(),
        // CloudFormation cannot make a table the VPC's main one.
        main: false,
        subnets: Vec::new(),
        routes: Vec::new(),
        existing: None,
    });
    let item = Item::in_vpc(ItemKind::RouteTable, vpc.id.as_str(), id.as_str());
    known
        .tables
        .insert((r.scope.index, r.logical_id.to_owned()), (at, id));
    r.done(builder, item, Vec::new());
}

fn named<'k, T>(map: &'k HashMap<Key, T>, value: &V) -> Option<&'k T> {
    value
        .resource()
        .and_then(|(t, id)| map.get(&(t, id.to_owned())))
}

fn association(builder: &mut Builder, known: &Known, r: &Resource<'_>) {
    let table = r.property("RouteTableId");
    let subnet = r.property("SubnetId");
    let (Some((at, table_id)), Some((subnet_at, subnet_id))) =
        (named(&known.tables, &table), named(&known.subnets, &subnet))
    else {
        let reason = if named(&known.tables, &table).is_none() {
            unresolved("RouteTableId", &table)
        } else {
            unresolved("SubnetId", &subnet)
        };
        return r.skip(builder, reason);
    };
    if at != subnet_at {
        return r.skip(
            builder,
            Said::new(
                "the subnet and the route table are in different VPCs",
                "サブネットとルートテーブルが別の VPC にあります",
            ),
        );
    }
    let vpc = &mut builder.design.vpcs[*at];
    let item = Item::in_vpc(ItemKind::RouteTable, vpc.id.as_str(), table_id.as_str());
    if let Some(table) = vpc.route_tables.iter_mut().find(|t| &t.id == table_id) {
        table.subnets.push(subnet_id.clone());
    }
    r.done(builder, item, Vec::new());
}

fn group(builder: &mut Builder, known: &mut Known, r: &Resource<'_>) {
    let at = match r.vpc(known, "VpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let id = SecurityGroupId::new(r.design_id(builder));
    let name = r
        .tag("Name")
        .or_else(|| r.property("GroupName").as_str().map(str::to_owned))
        .unwrap_or_default();
    let mut lost = Vec::new();
    let mut ingress = Vec::new();
    if let V::List(rules) = r.property("SecurityGroupIngress") {
        for rule in &rules {
            match rule_of(rule, known) {
                Ok(rule) => ingress.push(rule),
                Err(reason) => lost.push(reason),
            }
        }
    }
    if !matches!(r.property("SecurityGroupEgress"), V::NoValue) {
        lost.push(Said::new(
            "its outbound rules: vpcplan models inbound rules only",
            "アウトバウンドルール: vpcplan はインバウンドルールのみを扱います",
        ));
    }
    let vpc = &mut builder.design.vpcs[at];
    vpc.security_groups.push(SecurityGroup {
        id: id.clone(),
        name,
        ingress,
        existing: None,
    });
    let item = Item::in_vpc(ItemKind::SecurityGroup, vpc.id.as_str(), id.as_str());
    known
        .groups
        .insert((r.scope.index, r.logical_id.to_owned()), (at, id));
    r.done(builder, item, lost);
}

/// A rule from an inline rule or an `AWS::EC2::SecurityGroupIngress`'s
/// properties.
fn rule_of(rule: &V, known: &Known) -> Result<SecurityGroupRule, Said> {
    let field = |key: &str| rule.get(key).cloned().unwrap_or(V::NoValue);
    let protocol = match field("IpProtocol") {
        V::Str(s) => s,
        V::Num(n) => n.to_string(),
        other => return Err(unknown_value("IpProtocol", &other)),
    };
    let port = |key: &str| field(key).as_u64().and_then(|p| u16::try_from(p).ok());
    let (from_port, to_port) = match (port("FromPort"), port("ToPort")) {
        (Some(from), Some(to)) => (from, to),
        _ if protocol == "-1" || protocol == "all" => (0, 0),
        _ => (0, 65535),
    };
    let source = if let Some(cidr) = field("CidrIp")
        .as_str()
        .or(field("CidrIpv6").as_str())
        .map(str::to_owned)
    {
        RuleSource::Cidr(
            cidr.parse::<IpNet>()
                .map_err(|_| unknown_value("CidrIp", &V::Str(cidr.clone())))?,
        )
    } else if let Some(list) = field("SourcePrefixListId").as_str() {
        RuleSource::PrefixList(list.to_owned())
    } else {
        let group = field("SourceSecurityGroupId");
        match named(&known.groups, &group) {
            Some((_, id)) => RuleSource::SecurityGroup {
                vpc: VpcId::new(""),
                group: id.clone(),
            },
            None => {
                let shown = if let V::Unknown(_) = group {
                    group
                } else {
                    field("CidrIpv6")
                };
                return Err(unknown_value("the rule's source", &shown));
            }
        }
    };
    Ok(SecurityGroupRule {
        protocol,
        from_port,
        to_port,
        source,
    })
}

fn ingress(builder: &mut Builder, known: &Known, r: &Resource<'_>) {
    let group = r.property("GroupId");
    let Some((at, id)) = named(&known.groups, &group) else {
        return r.skip(builder, unresolved("GroupId", &group));
    };
    let properties = match r.resource.get("Properties") {
        Some(p) => r.scope.eval(p),
        None => V::NoValue,
    };
    let mut rule = match rule_of(&properties, known) {
        Ok(rule) => rule,
        Err(reason) => return r.skip(builder, reason),
    };
    let vpc_ids: Vec<VpcId> = builder.design.vpcs.iter().map(|v| v.id.clone()).collect();
    fix_group_vpc(&mut rule, known, &vpc_ids);
    let vpc = &mut builder.design.vpcs[*at];
    let item = Item::in_vpc(ItemKind::SecurityGroup, vpc.id.as_str(), id.as_str());
    if let Some(target) = vpc.security_groups.iter_mut().find(|g| &g.id == id) {
        target.ingress.push(rule);
    }
    r.done(builder, item, Vec::new());
}

/// A rule naming a group of the templates names its VPC too.
fn fix_group_vpc(rule: &mut SecurityGroupRule, known: &Known, vpc_ids: &[VpcId]) {
    if let RuleSource::SecurityGroup { vpc, group } = &mut rule.source
        && let Some((at, _)) = known.groups.values().find(|(_, id)| id == group)
    {
        *vpc = vpc_ids[*at].clone();
    }
}

fn peering(builder: &mut Builder, known: &mut Known, r: &Resource<'_>) {
    let requester = match r.vpc(known, "VpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let accepter = match r.vpc(known, "PeerVpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let id = LinkId::new(r.design_id(builder));
    let (requester, accepter) = (
        builder.design.vpcs[requester].id.clone(),
        builder.design.vpcs[accepter].id.clone(),
    );
    builder.design.links.push(Link {
        id: id.clone(),
        spec: LinkSpec::Peering(Peering {
            requester,
            accepter,
            dns_resolution: false,
            ipv6: false,
            excluded_route_tables: Vec::new(),
            state: PeeringState::Planned,
        }),
        existing: None,
    });
    known.peerings.insert(
        (r.scope.index, r.logical_id.to_owned()),
        builder.design.links.len() - 1,
    );
    r.done(
        builder,
        Item::new(ItemKind::Link, id.as_str()),
        vec![Said::new(
            "DNS resolution over the peering: set after deployment (AWS::EC2::VPCPeeringConnection has no property for it)",
            "ピアリング越しの DNS 解決: デプロイ後に設定します (AWS::EC2::VPCPeeringConnection にはプロパティがありません)",
        )],
    );
}

fn route(builder: &mut Builder, known: &mut Known, r: &Resource<'_>) {
    let table = r.property("RouteTableId");
    let Some((at, table_id)) = named(&known.tables, &table).cloned() else {
        return r.skip(builder, unresolved("RouteTableId", &table));
    };
    let destination = if let Some(cidr) = r
        .property("DestinationCidrBlock")
        .as_str()
        .and_then(|c| c.parse().ok())
    {
        RouteDestination::Ipv4(cidr)
    } else if let Some(cidr) = r
        .property("DestinationIpv6CidrBlock")
        .as_str()
        .and_then(|c| c.parse().ok())
    {
        RouteDestination::Ipv6(cidr)
    } else if let Some(list) = r.property("DestinationPrefixListId").as_str() {
        RouteDestination::PrefixList(list.to_owned())
    } else {
        let shown = ["DestinationCidrBlock", "DestinationIpv6CidrBlock"]
            .iter()
            .map(|p| r.property(p))
            .find(|v| *v != V::NoValue)
            .unwrap_or(V::NoValue);
        return r.skip(builder, unknown_value("the route's destination", &shown));
    };
    let vpc_id = builder.design.vpcs[at].id.clone();
    let item = Item::in_vpc(ItemKind::Route, vpc_id.as_str(), table_id.as_str());
    let peering = r.property("VpcPeeringConnectionId");
    if peering != V::NoValue {
        return match named(&known.peerings, &peering).copied() {
            Some(link) => {
                known.routed.insert((link, table_id));
                if matches!(destination, RouteDestination::Ipv6(_)) {
                    known.ipv6.insert(link);
                }
                r.done(builder, item, Vec::new());
            }
            None => r.skip(builder, unresolved("VpcPeeringConnectionId", &peering)),
        };
    }
    let gateway = r.property("GatewayId");
    let target = if let Some((t, id)) = gateway.resource() {
        let kind = r
            .template
            .body
            .get("Resources")
            .and_then(|all| all.get(id))
            .and_then(|res| res.get("Type"))
            .and_then(Value::as_str);
        let _ = t;
        match kind {
            Some("AWS::EC2::InternetGateway") => {
                RouteTarget::Edge(EdgeGatewayKind::InternetGateway)
            }
            Some("AWS::EC2::VPNGateway") => RouteTarget::Edge(EdgeGatewayKind::VpnGateway),
            _ => RouteTarget::Other(id.to_owned()),
        }
    } else if r.property("NatGatewayId") != V::NoValue {
        RouteTarget::Edge(EdgeGatewayKind::NatGateway)
    } else if r.property("TransitGatewayId") != V::NoValue {
        RouteTarget::Edge(EdgeGatewayKind::TransitGateway)
    } else {
        let other = [
            "GatewayId",
            "NetworkInterfaceId",
            "InstanceId",
            "VpcEndpointId",
            "EgressOnlyInternetGatewayId",
            "CarrierGatewayId",
            "LocalGatewayId",
            "CoreNetworkArn",
        ]
        .iter()
        .find_map(|p| r.property(p).as_str().map(str::to_owned))
        .unwrap_or_default();
        RouteTarget::Other(other)
    };
    let vpc = &mut builder.design.vpcs[at];
    if let RouteTarget::Edge(kind) = target
        && !vpc.edge_gateways.iter().any(|g| g.kind == kind)
    {
        vpc.edge_gateways.push(EdgeGateway {
            kind,
            remote_cidrs: Vec::new(),
        });
    }
    if let Some(table) = vpc.route_tables.iter_mut().find(|t| t.id == table_id) {
        table.routes.push(Route {
            destination,
            target,
        });
    }
    r.done(builder, item, Vec::new());
}

fn endpoint(builder: &mut Builder, known: &Known, r: &Resource<'_>) {
    let at = match r.vpc(known, "VpcId") {
        Ok(at) => at,
        Err(reason) => return r.skip(builder, reason),
    };
    let mut lost = Vec::new();
    let vpc_id = builder.design.vpcs[at].id.clone();
    let region = builder.design.vpcs[at].region.clone();
    let service_name = r.property("ServiceName");
    let Some(service_name) = service_name.as_str().map(str::to_owned) else {
        return r.skip(builder, unknown_value("ServiceName", &service_name));
    };
    let service_region = r
        .property("ServiceRegion")
        .as_str()
        .map(str::to_owned)
        .filter(|s| *s != region);
    let own_region = service_region.clone().unwrap_or_else(|| region.clone());
    let found = match aws_service_suffix(&service_name, &own_region) {
        Some(suffix) => Some((own_region.clone(), suffix)),
        None if own_region.is_empty() => {
            aws_service_anywhere(&service_name).map(|(region, suffix)| (region.to_owned(), suffix))
        }
        None => None,
    };
    let Some((own_region, suffix)) = found else {
        return r.skip(
            builder,
            Said::new(
                format!("its service {service_name:?} is not an AWS service; endpoint services in templates are not imported yet"),
                format!("サービス {service_name:?} は AWS のサービスではありません。テンプレートのエンドポイントサービスはまだインポートできません"),
            ),
        );
    };
    let service = builder.aws_service(&own_region, suffix);
    let list =
        |property: &str, map: &dyn Fn(&V) -> Option<String>, lost: &mut Vec<Said>| -> Vec<String> {
            match r.property(property) {
                V::List(items) => items
                    .iter()
                    .filter_map(|item| {
                        let found = map(item);
                        if found.is_none() {
                            lost.push(unknown_value(property, item));
                        }
                        found
                    })
                    .collect(),
                V::NoValue => Vec::new(),
                other => {
                    lost.push(unknown_value(property, &other));
                    Vec::new()
                }
            }
        };
    let subnets: Vec<SubnetId> = list(
        "SubnetIds",
        &|v| named(&known.subnets, v).map(|(_, id)| id.to_string()),
        &mut lost,
    )
    .into_iter()
    .map(SubnetId::new)
    .collect();
    let groups: Vec<SecurityGroupId> = list(
        "SecurityGroupIds",
        &|v| named(&known.groups, v).map(|(_, id)| id.to_string()),
        &mut lost,
    )
    .into_iter()
    .map(SecurityGroupId::new)
    .collect();
    let tables: Vec<RouteTableId> = list(
        "RouteTableIds",
        &|v| named(&known.tables, v).map(|(_, id)| id.to_string()),
        &mut lost,
    )
    .into_iter()
    .map(RouteTableId::new)
    .collect();
    let policy = match r.property("PolicyDocument") {
        V::NoValue => None,
        _ => r
            .resource
            .get("Properties")
            .and_then(|p| p.get("PolicyDocument"))
            .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_owned)),
    };
    let ip_address_type = match r.property("IpAddressType").as_str() {
        Some("dualstack") => IpAddressType::Dualstack,
        Some("ipv6") => IpAddressType::Ipv6,
        _ => IpAddressType::Ipv4,
    };
    let private_dns = r.property("PrivateDnsEnabled").as_bool().unwrap_or(false);
    let spec = match r.property("VpcEndpointType").as_str().unwrap_or("Gateway") {
        "Interface" => LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
            vpc: vpc_id,
            target: EndpointTarget::Service(service),
            subnets,
            security_groups: groups,
            private_dns,
            ip_address_type,
            dns_record_ip_type: None,
            service_region,
            policy,
            service_name: None,
        }),
        _ => LinkSpec::GatewayEndpoint(GatewayEndpoint {
            vpc: vpc_id,
            service,
            route_tables: tables,
            policy,
            ip_address_type,
            subnets,
            security_groups: groups,
            private_dns,
        }),
    };
    let id = LinkId::new(r.design_id(builder));
    builder.design.links.push(Link {
        id: id.clone(),
        spec,
        existing: None,
    });
    r.done(builder, Item::new(ItemKind::Link, id.as_str()), lost);
}

/// Tables of the peered VPCs without the peering's route are excluded
/// from its derived routes (as in the AWS source).
fn exclude_unrouted_tables(builder: &mut Builder, known: &Known) {
    let mut exclusions = Vec::new();
    for &link in known.peerings.values() {
        let LinkSpec::Peering(peering) = &builder.design.links[link].spec else {
            continue;
        };
        let mut excluded = Vec::new();
        for vpc_id in [&peering.requester, &peering.accepter] {
            let Some(vpc) = builder.design.vpc(vpc_id) else {
                continue;
            };
            for table in vpc.route_tables_in_use() {
                if !known.routed.contains(&(link, table.id.clone())) {
                    excluded.push(table.id.clone());
                }
            }
        }
        exclusions.push((link, excluded));
    }
    for (link, excluded) in exclusions {
        if let LinkSpec::Peering(peering) = &mut builder.design.links[link].spec {
            peering.excluded_route_tables = excluded;
            peering.ipv6 = known.ipv6.contains(&link);
        }
    }
}
