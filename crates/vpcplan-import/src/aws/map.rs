//! AWS resources into the design. Each resource is mapped once, however
//! many files hold it (the first one wins); design ids are the `vpcplan:id`
//! tag when the resource has one (what vpcplan's exports write) and the AWS
//! id otherwise, and names the `Name` tag.
//!
//! Routes that links imply are derived in vpcplan, never stored
//! (`vpcplan_core::routes`): a route to a peer's CIDR through an imported
//! peering, and a gateway endpoint's prefix-list route, become the link's
//! own; a route table in use without the peering's route is one of the
//! peering's `excluded_route_tables`.

use std::collections::{HashMap, HashSet};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use vpcplan_core::design::*;

use super::shapes::{self, tag};
use super::{AwsFile, Collection};
use crate::build::{Builder, aws_service_suffix, vpc_item};
use crate::report::{Item, ItemKind, Said};

struct Ctx<'a> {
    file: &'a str,
    region: Option<String>,
    account: Option<String>,
}

/// Where an imported VPC is: its index in the design, and its design id.
#[derive(Clone)]
struct Placed {
    index: usize,
    id: VpcId,
}

#[derive(Default)]
struct Known {
    vpcs: HashMap<String, Placed>,
    subnets: HashMap<String, (VpcId, SubnetId)>,
    tables: HashMap<String, (usize, RouteTableId)>,
    groups: HashMap<String, (VpcId, SecurityGroupId)>,
    links: HashMap<String, (usize, LinkId)>,
    services: HashMap<String, ServiceId>,
    seen: HashSet<String>,
}

impl Known {
    /// Whether this AWS id comes up for the first time.
    fn first(&mut self, id: &str) -> bool {
        self.seen.insert(id.to_owned())
    }
}

pub(crate) fn build(files: &[AwsFile], builder: &mut Builder) {
    if files.is_empty() {
        return;
    }
    let mut known = Known::default();
    let collections: Vec<(Ctx<'_>, &Collection)> = files
        .iter()
        .flat_map(|file| {
            file.collections.iter().map(|collection| {
                (
                    Ctx {
                        file: &file.name,
                        region: region_of(collection),
                        account: collection.caller.as_ref().and_then(|c| c.account.clone()),
                    },
                    collection,
                )
            })
        })
        .collect();
    let attributes: Vec<&shapes::VpcAttribute> = collections
        .iter()
        .flat_map(|(_, c)| &c.attributes)
        .collect();
    // A raw describe-vpcs does not say its Region; its subnets' zones do,
    // in whichever file they are.
    let mut zone_regions: HashMap<&str, String> = HashMap::new();
    for subnet in collections.iter().flat_map(|(_, c)| &c.subnets) {
        if let Some(region) = region_of_zone(&subnet.availability_zone) {
            zone_regions.entry(subnet.vpc_id.as_str()).or_insert(region);
        }
    }
    for (ctx, collection) in &collections {
        for vpc in &collection.vpcs {
            if known.first(&vpc.vpc_id) {
                let region = ctx
                    .region
                    .clone()
                    .or_else(|| zone_regions.get(vpc.vpc_id.as_str()).cloned());
                map_vpc(builder, &mut known, ctx, region, vpc, &attributes);
            }
        }
    }
    for (ctx, collection) in &collections {
        for subnet in &collection.subnets {
            if known.first(&subnet.subnet_id) {
                map_subnet(builder, &mut known, ctx, subnet);
            }
        }
    }
    for (ctx, collection) in &collections {
        for table in &collection.route_tables {
            if known.first(&table.route_table_id) {
                map_route_table(builder, &mut known, ctx, table);
            }
        }
    }
    for (ctx, collection) in &collections {
        for group in &collection.groups {
            if known.first(&group.group_id) {
                map_group(builder, &mut known, ctx, group);
            }
        }
    }
    for (ctx, collection) in &collections {
        for group in &collection.groups {
            map_group_rules(builder, &known, ctx, group);
        }
    }
    for (ctx, collection) in &collections {
        for peering in &collection.peerings {
            if known.first(&peering.vpc_peering_connection_id) {
                map_peering(builder, &mut known, ctx, peering);
            }
        }
    }
    let balancers: HashMap<&str, &shapes::LoadBalancer> = collections
        .iter()
        .flat_map(|(_, c)| &c.load_balancers)
        .map(|lb| (lb.load_balancer_arn.as_str(), lb))
        .collect();
    let permissions: HashMap<&str, &shapes::ServicePermissions> = collections
        .iter()
        .flat_map(|(_, c)| &c.permissions)
        .map(|p| (p.service_id.as_str(), p))
        .collect();
    for (ctx, collection) in &collections {
        for service in &collection.services {
            if known.first(&service.service_id) {
                map_endpoint_service(builder, &mut known, ctx, service, &balancers, &permissions);
            }
        }
    }
    for (ctx, collection) in &collections {
        for endpoint in &collection.endpoints {
            if known.first(&endpoint.vpc_endpoint_id) {
                map_endpoint(builder, &mut known, ctx, endpoint);
            }
        }
    }
    let mut routed: HashSet<(usize, RouteTableId)> = HashSet::new();
    let mut peering_ipv6: HashSet<usize> = HashSet::new();
    let mut seen_tables = HashSet::new();
    for (ctx, collection) in &collections {
        for table in &collection.route_tables {
            if seen_tables.insert(table.route_table_id.clone()) {
                map_routes(builder, &known, ctx, table, &mut routed, &mut peering_ipv6);
            }
        }
    }
    exclude_unrouted_tables(builder, &routed, &peering_ipv6);
}

/// The Region of a collection: its zones' Region, or one of its subnets'
/// zones without the zone letter.
fn region_of(collection: &Collection) -> Option<String> {
    if let Some(zone) = collection.zones.iter().find(|z| !z.region_name.is_empty()) {
        return Some(zone.region_name.clone());
    }
    collection
        .subnets
        .iter()
        .find_map(|subnet| region_of_zone(&subnet.availability_zone))
}

fn region_of_zone(zone: &str) -> Option<String> {
    let region = zone.trim_end_matches(|c: char| c.is_ascii_lowercase());
    (region.len() < zone.len() && region.ends_with(|c: char| c.is_ascii_digit()))
        .then(|| region.to_owned())
}

fn design_id(tags: &[shapes::Tag], aws_id: &str) -> String {
    tag(tags, "vpcplan:id")
        .filter(|id| !id.trim().is_empty())
        .unwrap_or(aws_id)
        .to_owned()
}

fn name(tags: &[shapes::Tag]) -> String {
    tag(tags, "Name").unwrap_or_default().to_owned()
}

fn not_imported_vpc(vpc: &str) -> Said {
    Said::new(
        format!("its VPC {vpc} is not among the imported VPCs"),
        format!("その VPC {vpc} はインポートした VPC にありません"),
    )
}

fn map_vpc(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    region: Option<String>,
    vpc: &shapes::Vpc,
    attributes: &[&shapes::VpcAttribute],
) {
    let mut lost = Vec::new();
    let region = region.unwrap_or_else(|| {
        lost.push(Said::new(
            "the Region: the output does not say it (import the collector's bundle, or \
             describe-subnets or describe-availability-zones with it)",
            "リージョン: 出力にありません (コレクターのバンドル、または describe-subnets か \
             describe-availability-zones も一緒にインポートしてください)",
        ));
        String::new()
    });
    let account = vpc.owner_id.clone().or_else(|| ctx.account.clone());
    let account = account.unwrap_or_else(|| {
        lost.push(Said::new(
            "the owning account: the output does not say it",
            "所有アカウント: 出力にありません",
        ));
        String::new()
    });
    let account = builder.account(&account);
    let mut ipv4_cidrs: Vec<Ipv4Net> = Vec::new();
    let primary = vpc
        .cidr_block
        .as_deref()
        .and_then(|c| c.parse::<Ipv4Net>().ok());
    ipv4_cidrs.extend(primary);
    for association in &vpc.cidr_block_association_set {
        if association
            .cidr_block_state
            .state
            .as_deref()
            .is_some_and(|s| s != "associated")
        {
            continue;
        }
        match association.cidr_block.parse::<Ipv4Net>() {
            Ok(cidr) if !ipv4_cidrs.contains(&cidr) => ipv4_cidrs.push(cidr),
            Ok(_) => {}
            Err(_) => lost.push(bad_cidr(&association.cidr_block)),
        }
    }
    let mut ipv6_cidrs: Vec<Ipv6Net> = Vec::new();
    for association in &vpc.ipv6_cidr_block_association_set {
        if association
            .ipv6_cidr_block_state
            .state
            .as_deref()
            .is_some_and(|s| s != "associated")
        {
            continue;
        }
        match association.ipv6_cidr_block.parse::<Ipv6Net>() {
            Ok(cidr) if !ipv6_cidrs.contains(&cidr) => ipv6_cidrs.push(cidr),
            Ok(_) => {}
            Err(_) => lost.push(bad_cidr(&association.ipv6_cidr_block)),
        }
    }
    let attribute = |pick: fn(&shapes::VpcAttribute) -> Option<bool>| {
        attributes
            .iter()
            .filter(|a| a.vpc_id == vpc.vpc_id)
            .find_map(|a| pick(a))
    };
    let dns_support = attribute(|a| a.enable_dns_support.as_ref().map(|v| v.value));
    let dns_hostnames = attribute(|a| a.enable_dns_hostnames.as_ref().map(|v| v.value));
    if dns_support.is_none() || dns_hostnames.is_none() {
        lost.push(Said::new(
            "the DNS settings: describe-vpcs does not show them (describe-vpc-attribute does, \
             and the collector reads it); AWS's defaults assumed",
            "DNS 設定: describe-vpcs には含まれません (describe-vpc-attribute にあり、\
             コレクターは読みます)。AWS の既定値とみなしました",
        ));
    }
    let id = VpcId::new(builder.unique_id(&design_id(&vpc.tags, &vpc.vpc_id)));
    builder.design.vpcs.push(Vpc {
        id: id.clone(),
        name: name(&vpc.tags),
        account,
        region,
        ipv4_cidrs,
        ipv6_cidrs,
        // Source: Amazon VPC User Guide, "DNS attributes for your VPC": a
        // default VPC has both on; a VPC created otherwise has DNS support on
        // and DNS hostnames off.
        dns_support: dns_support.unwrap_or(true),
        dns_hostnames: dns_hostnames.unwrap_or(vpc.is_default),
        subnets: Vec::new(),
        route_tables: Vec::new(),
        security_groups: Vec::new(),
        edge_gateways: Vec::new(),
        network_acls: Vec::new(),
        jumbo_frames: false,
        position: Position::default(),
        existing: Some(AwsIdentity::id(&vpc.vpc_id)),
    });
    known.vpcs.insert(
        vpc.vpc_id.clone(),
        Placed {
            index: builder.design.vpcs.len() - 1,
            id: id.clone(),
        },
    );
    builder.mapped_losing(
        ctx.file,
        "describe-vpcs",
        &vpc.vpc_id,
        vpc_item(id.as_str()),
        lost,
    );
}

fn bad_cidr(cidr: &str) -> Said {
    Said::new(
        format!("the CIDR {cidr:?}, which is not a valid CIDR"),
        format!("CIDR {cidr:?} (正しい CIDR ではありません)"),
    )
}

fn map_subnet(builder: &mut Builder, known: &mut Known, ctx: &Ctx<'_>, subnet: &shapes::Subnet) {
    let Some(placed) = known.vpcs.get(&subnet.vpc_id).cloned() else {
        builder.skipped(
            ctx.file,
            "describe-subnets",
            &subnet.subnet_id,
            not_imported_vpc(&subnet.vpc_id),
        );
        return;
    };
    let mut lost = Vec::new();
    let ipv4_cidr = subnet
        .cidr_block
        .as_deref()
        .and_then(|cidr| cidr.parse().map_err(|_| lost.push(bad_cidr(cidr))).ok());
    let ipv6_cidr = subnet
        .ipv6_cidr_block_association_set
        .iter()
        .filter(|a| {
            a.ipv6_cidr_block_state
                .state
                .as_deref()
                .is_none_or(|s| s == "associated")
        })
        .find_map(|a| a.ipv6_cidr_block.parse().ok());
    let id = SubnetId::new(builder.unique_id(&design_id(&subnet.tags, &subnet.subnet_id)));
    builder.design.vpcs[placed.index].subnets.push(Subnet {
        id: id.clone(),
        name: name(&subnet.tags),
        ipv4_cidr,
        ipv6_cidr,
        availability_zone: subnet.availability_zone.clone(),
        availability_zone_id: subnet.availability_zone_id.clone(),
        existing: Some(AwsIdentity {
            id: subnet.subnet_id.clone(),
            arn: subnet.subnet_arn.clone(),
        }),
    });
    known
        .subnets
        .insert(subnet.subnet_id.clone(), (placed.id.clone(), id.clone()));
    let item = Item::in_vpc(ItemKind::Subnet, placed.id.as_str(), id.as_str());
    builder.mapped_losing(ctx.file, "describe-subnets", &subnet.subnet_id, item, lost);
}

fn map_route_table(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    table: &shapes::RouteTable,
) {
    let Some(placed) = known.vpcs.get(&table.vpc_id).cloned() else {
        builder.skipped(
            ctx.file,
            "describe-route-tables",
            &table.route_table_id,
            not_imported_vpc(&table.vpc_id),
        );
        return;
    };
    let mut lost = Vec::new();
    let main = table.associations.iter().any(|a| a.main);
    let mut subnets = Vec::new();
    for association in &table.associations {
        if let Some(subnet) = &association.subnet_id {
            match known.subnets.get(subnet) {
                Some((_, id)) => subnets.push(id.clone()),
                None => lost.push(Said::new(
                    format!("the association with the subnet {subnet}, which is not imported"),
                    format!("サブネット {subnet} との関連付け (インポートされていません)"),
                )),
            }
        }
        if let Some(gateway) = &association.gateway_id {
            lost.push(Said::new(
                format!("the edge association with {gateway}: vpcplan does not model gateway route tables"),
                format!("{gateway} とのエッジ関連付け: vpcplan はゲートウェイルートテーブルを扱いません"),
            ));
        }
    }
    let id = RouteTableId::new(builder.unique_id(&design_id(&table.tags, &table.route_table_id)));
    builder.design.vpcs[placed.index]
        .route_tables
        .push(RouteTable {
            id: id.clone(),
            name: name(&table.tags),
            main,
            subnets,
            routes: Vec::new(),
            existing: Some(AwsIdentity::id(&table.route_table_id)),
        });
    known
        .tables
        .insert(table.route_table_id.clone(), (placed.index, id.clone()));
    let item = Item::in_vpc(ItemKind::RouteTable, placed.id.as_str(), id.as_str());
    builder.mapped_losing(
        ctx.file,
        "describe-route-tables",
        &table.route_table_id,
        item,
        lost,
    );
}

fn map_group(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    group: &shapes::SecurityGroup,
) {
    let vpc = group.vpc_id.clone().unwrap_or_default();
    let Some(placed) = known.vpcs.get(&vpc).cloned() else {
        builder.skipped(
            ctx.file,
            "describe-security-groups",
            &group.group_id,
            not_imported_vpc(&vpc),
        );
        return;
    };
    let id = SecurityGroupId::new(builder.unique_id(&design_id(&group.tags, &group.group_id)));
    let name = tag(&group.tags, "Name")
        .unwrap_or(&group.group_name)
        .to_owned();
    builder.design.vpcs[placed.index]
        .security_groups
        .push(SecurityGroup {
            id: id.clone(),
            name,
            ingress: Vec::new(),
            existing: Some(AwsIdentity {
                id: group.group_id.clone(),
                arn: group.security_group_arn.clone(),
            }),
        });
    known
        .groups
        .insert(group.group_id.clone(), (placed.id.clone(), id));
}

/// The group's ingress rules, once every group is known (a rule may name a
/// group of another VPC); the report entry of the group comes here.
fn map_group_rules(
    builder: &mut Builder,
    known: &Known,
    ctx: &Ctx<'_>,
    group: &shapes::SecurityGroup,
) {
    let Some((vpc, id)) = known.groups.get(&group.group_id) else {
        return;
    };
    let Some(index) = builder.design.vpcs.iter().position(|v| &v.id == vpc) else {
        return;
    };
    let Some(at) = builder.design.vpcs[index]
        .security_groups
        .iter()
        .position(|g| &g.id == id)
    else {
        return;
    };
    if !builder.design.vpcs[index].security_groups[at]
        .ingress
        .is_empty()
    {
        // Already read from another file.
        return;
    }
    let mut lost = Vec::new();
    let mut rules = Vec::new();
    for permission in &group.ip_permissions {
        let (from_port, to_port) = ports(permission);
        let protocol = permission.ip_protocol.clone();
        let mut push = |source| {
            rules.push(SecurityGroupRule {
                protocol: protocol.clone(),
                from_port,
                to_port,
                source,
            })
        };
        for range in &permission.ip_ranges {
            match range.cidr_ip.parse::<IpNet>() {
                Ok(cidr) => push(RuleSource::Cidr(cidr)),
                Err(_) => lost.push(bad_cidr(&range.cidr_ip)),
            }
        }
        for range in &permission.ipv6_ranges {
            match range.cidr_ipv6.parse::<IpNet>() {
                Ok(cidr) => push(RuleSource::Cidr(cidr)),
                Err(_) => lost.push(bad_cidr(&range.cidr_ipv6)),
            }
        }
        for list in &permission.prefix_list_ids {
            push(RuleSource::PrefixList(list.prefix_list_id.clone()));
        }
        for pair in &permission.user_id_group_pairs {
            match pair.group_id.as_deref().and_then(|g| known.groups.get(g)) {
                Some((vpc, group)) => push(RuleSource::SecurityGroup {
                    vpc: vpc.clone(),
                    group: group.clone(),
                }),
                None => lost.push(Said::new(
                    format!(
                        "an ingress rule from the security group {}, which is not imported",
                        pair.group_id.as_deref().unwrap_or("(no id)")
                    ),
                    format!(
                        "セキュリティグループ {} からのインバウンドルール (インポートされていません)",
                        pair.group_id.as_deref().unwrap_or("(id なし)")
                    ),
                )),
            }
        }
    }
    let allows_all_out = group
        .ip_permissions_egress
        .iter()
        .any(|p| p.ip_protocol == "-1" && p.ip_ranges.iter().any(|r| r.cidr_ip == "0.0.0.0/0"));
    if !group.ip_permissions_egress.is_empty() && !allows_all_out {
        lost.push(Said::new(
            "its outbound rules: vpcplan models inbound rules only",
            "アウトバウンドルール: vpcplan はインバウンドルールのみを扱います",
        ));
    }
    builder.design.vpcs[index].security_groups[at].ingress = rules;
    let item = Item::in_vpc(ItemKind::SecurityGroup, vpc.as_str(), id.as_str());
    builder.mapped_losing(
        ctx.file,
        "describe-security-groups",
        &group.group_id,
        item,
        lost,
    );
}

/// The port range of a permission: all ports for protocols without ports
/// (EC2 prints none, or -1).
fn ports(permission: &shapes::IpPermission) -> (u16, u16) {
    let port = |p: Option<i64>| p.and_then(|p| u16::try_from(p).ok());
    match (port(permission.from_port), port(permission.to_port)) {
        (Some(from), Some(to)) => (from, to),
        _ if permission.ip_protocol == "-1" => (0, 0),
        _ => (0, 65535),
    }
}

fn map_peering(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    peering: &shapes::PeeringConnection,
) {
    let code = peering.status.code.as_deref().unwrap_or("");
    let state = match code {
        "active" => PeeringState::Active,
        "pending-acceptance" | "initiating-request" | "provisioning" => {
            PeeringState::PendingAcceptance
        }
        other => {
            builder.skipped(
                ctx.file,
                "describe-vpc-peering-connections",
                &peering.vpc_peering_connection_id,
                Said::new(
                    format!("its status is {other:?}: it carries no traffic and will not"),
                    format!("状態が {other:?} のため、トラフィックを通さず今後も通しません"),
                ),
            );
            return;
        }
    };
    let mut lost = Vec::new();
    let requester = side(builder, known, ctx, &peering.requester_vpc_info, &mut lost);
    let accepter = side(builder, known, ctx, &peering.accepter_vpc_info, &mut lost);
    let (Some(requester), Some(accepter)) = (requester, accepter) else {
        builder.skipped(
            ctx.file,
            "describe-vpc-peering-connections",
            &peering.vpc_peering_connection_id,
            Said::new(
                "one of its VPCs is neither imported nor described well enough to draw",
                "片方の VPC がインポートされておらず、描けるだけの情報もありません",
            ),
        );
        return;
    };
    let dns = |info: &shapes::PeeringVpcInfo| {
        info.peering_options
            .as_ref()
            .is_some_and(|o| o.allow_dns_resolution_from_remote_vpc)
    };
    let (dns_requester, dns_accepter) = (
        dns(&peering.requester_vpc_info),
        dns(&peering.accepter_vpc_info),
    );
    if dns_requester != dns_accepter {
        lost.push(Said::new(
            "DNS resolution allowed on one side only: vpcplan's peering allows it on both or neither (set to both)",
            "片側のみで許可された DNS 解決: vpcplan のピアリングは両側か無しのみです (両側としました)",
        ));
    }
    let id = LinkId::new(builder.unique_id(&design_id(
        &peering.tags,
        &peering.vpc_peering_connection_id,
    )));
    builder.design.links.push(Link {
        id: id.clone(),
        spec: LinkSpec::Peering(Peering {
            requester,
            accepter,
            dns_resolution: dns_requester || dns_accepter,
            ipv6: false,
            excluded_route_tables: Vec::new(),
            state,
        }),
        existing: Some(AwsIdentity::id(&peering.vpc_peering_connection_id)),
    });
    known.links.insert(
        peering.vpc_peering_connection_id.clone(),
        (builder.design.links.len() - 1, id.clone()),
    );
    builder.mapped_losing(
        ctx.file,
        "describe-vpc-peering-connections",
        &peering.vpc_peering_connection_id,
        Item::new(ItemKind::Link, id.as_str()),
        lost,
    );
}

/// The design VPC of one side of a peering; a VPC of another account or
/// Region that was not collected is drawn from what the peering says of it.
fn side(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    info: &shapes::PeeringVpcInfo,
    lost: &mut Vec<Said>,
) -> Option<VpcId> {
    if let Some(placed) = known.vpcs.get(&info.vpc_id) {
        return Some(placed.id.clone());
    }
    let mut ipv4_cidrs: Vec<Ipv4Net> = info
        .cidr_block
        .as_deref()
        .and_then(|c| c.parse().ok())
        .into_iter()
        .collect();
    for block in &info.cidr_block_set {
        if let Ok(cidr) = block.cidr_block.parse()
            && !ipv4_cidrs.contains(&cidr)
        {
            ipv4_cidrs.push(cidr);
        }
    }
    if info.vpc_id.is_empty() || ipv4_cidrs.is_empty() {
        return None;
    }
    let ipv6_cidrs = info
        .ipv6_cidr_block_set
        .iter()
        .filter_map(|b| b.ipv6_cidr_block.parse().ok())
        .collect();
    let account = builder.account(info.owner_id.as_deref().unwrap_or_default());
    let id = VpcId::new(builder.unique_id(&info.vpc_id));
    builder.design.vpcs.push(Vpc {
        id: id.clone(),
        name: String::new(),
        account,
        region: info
            .region
            .clone()
            .or_else(|| ctx.region.clone())
            .unwrap_or_default(),
        ipv4_cidrs,
        ipv6_cidrs,
        dns_support: true,
        dns_hostnames: false,
        subnets: Vec::new(),
        route_tables: Vec::new(),
        security_groups: Vec::new(),
        edge_gateways: Vec::new(),
        network_acls: Vec::new(),
        jumbo_frames: false,
        position: Position::default(),
        existing: Some(AwsIdentity::id(&info.vpc_id)),
    });
    known.vpcs.insert(
        info.vpc_id.clone(),
        Placed {
            index: builder.design.vpcs.len() - 1,
            id: id.clone(),
        },
    );
    lost.push(Said::new(
        format!(
            "the peer VPC {} was not collected: it is drawn from what the peering says of it \
             (CIDRs, account, Region), without subnets, route tables or DNS settings",
            info.vpc_id
        ),
        format!(
            "ピア VPC {} は収集されていません。ピアリングの情報 (CIDR、アカウント、リージョン) から描き、\
             サブネット、ルートテーブル、DNS 設定はありません",
            info.vpc_id
        ),
    ));
    builder.mapped_losing(
        ctx.file,
        "describe-vpc-peering-connections",
        &info.vpc_id,
        vpc_item(id.as_str()),
        vec![Said::new(
            "known only from a peering connection: no subnets, route tables or security groups",
            "ピアリング接続からのみ分かる VPC: サブネット、ルートテーブル、セキュリティグループはありません",
        )],
    );
    Some(id)
}

fn map_endpoint_service(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    service: &shapes::ServiceConfiguration,
    balancers: &HashMap<&str, &shapes::LoadBalancer>,
    permissions: &HashMap<&str, &shapes::ServicePermissions>,
) {
    let kind = "describe-vpc-endpoint-service-configurations";
    let provider = service
        .network_load_balancer_arns
        .iter()
        .chain(&service.gateway_load_balancer_arns)
        .filter_map(|arn| balancers.get(arn.as_str()))
        .find_map(|lb| lb.vpc_id.as_deref().and_then(|vpc| known.vpcs.get(vpc)))
        .cloned();
    let Some(provider) = provider else {
        builder.skipped(
            ctx.file,
            kind,
            &service.service_id,
            Said::new(
                "its provider VPC is unknown: none of its load balancers is in an imported VPC \
                 (the collector reads elbv2 describe-load-balancers for this)",
                "プロバイダー VPC が不明です。ロードバランサーがインポートした VPC にありません \
                 (コレクターは elbv2 describe-load-balancers でこれを読みます)",
            ),
        );
        return;
    };
    let balancer = |arn: &String| LoadBalancer {
        name: arn.clone(),
        listeners: 1,
    };
    let region = builder.design.vpcs[provider.index].region.clone();
    let id = ServiceId::new(builder.unique_id(&design_id(&service.tags, &service.service_id)));
    let service_name = service.service_name.clone().unwrap_or_default();
    builder.design.services.push(Service {
        id: id.clone(),
        name: tag(&service.tags, "Name")
            .unwrap_or(&service_name)
            .to_owned(),
        region: region.clone(),
        kind: ServiceKind::EndpointService(EndpointService {
            provider_vpc: provider.id.clone(),
            network_load_balancers: service
                .network_load_balancer_arns
                .iter()
                .map(balancer)
                .collect(),
            gateway_load_balancers: service
                .gateway_load_balancer_arns
                .iter()
                .map(balancer)
                .collect(),
            acceptance_required: service.acceptance_required,
            allowed_principals: permissions
                .get(service.service_id.as_str())
                .map(|p| {
                    p.permissions
                        .allowed_principals
                        .iter()
                        .map(|a| a.principal.clone())
                        .collect()
                })
                .unwrap_or_default(),
            supported_regions: service
                .supported_regions
                .iter()
                .map(|r| r.region.clone())
                .filter(|r| *r != region)
                .collect(),
            supported_ip_address_types: service
                .supported_ip_address_types
                .iter()
                .filter_map(|t| match t.as_str() {
                    "ipv4" => Some(IpFamily::Ipv4),
                    "ipv6" => Some(IpFamily::Ipv6),
                    _ => None,
                })
                .collect(),
            availability_zone_ids: service.availability_zone_ids.clone(),
            port: 443,
        }),
        position: Position::default(),
    });
    if !service_name.is_empty() {
        known.services.insert(service_name, id.clone());
    }
    builder.mapped_losing(
        ctx.file,
        kind,
        &service.service_id,
        Item::new(ItemKind::Service, id.as_str()),
        vec![Said::new(
            "the port consumers connect to and the listeners per load balancer: describe output \
             does not show them (443 and one listener assumed)",
            "コンシューマーが接続するポートとロードバランサーごとのリスナー数: describe の出力にありません \
             (443、リスナー 1 つとみなしました)",
        )],
    );
}

fn map_endpoint(
    builder: &mut Builder,
    known: &mut Known,
    ctx: &Ctx<'_>,
    endpoint: &shapes::VpcEndpoint,
) {
    let kind = "describe-vpc-endpoints";
    let aws_id = &endpoint.vpc_endpoint_id;
    if let Some(state) = endpoint.state.as_deref()
        && matches!(
            state.to_ascii_lowercase().as_str(),
            "deleting" | "deleted" | "rejected" | "failed" | "expired"
        )
    {
        builder.skipped(
            ctx.file,
            kind,
            aws_id,
            Said::new(
                format!("its state is {state}: it carries no traffic"),
                format!("状態が {state} のため、トラフィックを通しません"),
            ),
        );
        return;
    }
    let Some(placed) = known.vpcs.get(&endpoint.vpc_id).cloned() else {
        builder.skipped(ctx.file, kind, aws_id, not_imported_vpc(&endpoint.vpc_id));
        return;
    };
    let mut lost = Vec::new();
    let region = builder.design.vpcs[placed.index].region.clone();
    let service_name = endpoint.service_name.clone().unwrap_or_default();
    let service_region = endpoint.service_region.clone().filter(|r| *r != region);
    let own_region = service_region.clone().unwrap_or_else(|| region.clone());
    let subnets: Vec<SubnetId> = endpoint
        .subnet_ids
        .iter()
        .filter_map(|s| known.subnets.get(s).map(|(_, id)| id.clone()))
        .collect();
    let groups: Vec<SecurityGroupId> = endpoint
        .groups
        .iter()
        .filter_map(|g| known.groups.get(&g.group_id).map(|(_, id)| id.clone()))
        .collect();
    let ip_address_type = match endpoint.ip_address_type.as_deref() {
        Some("dualstack") => IpAddressType::Dualstack,
        Some("ipv6") => IpAddressType::Ipv6,
        _ => IpAddressType::Ipv4,
    };
    let endpoint_type = endpoint.vpc_endpoint_type.as_deref().unwrap_or("Interface");
    let spec = match endpoint_type {
        "Gateway" => {
            let Some(suffix) = aws_service_suffix(&service_name, &own_region) else {
                builder.skipped(ctx.file, kind, aws_id, unknown_service(&service_name));
                return;
            };
            let service = builder.aws_service(&own_region, suffix);
            let route_tables = endpoint
                .route_table_ids
                .iter()
                .filter_map(|t| known.tables.get(t).map(|(_, id)| id.clone()))
                .collect();
            LinkSpec::GatewayEndpoint(GatewayEndpoint {
                vpc: placed.id.clone(),
                service,
                route_tables,
                policy: endpoint.policy_document.clone(),
                ip_address_type,
                subnets,
                security_groups: groups,
                private_dns: endpoint.private_dns_enabled.unwrap_or(false),
            })
        }
        "Interface" | "GatewayLoadBalancer" | "Resource" | "ServiceNetwork" => {
            let target = match endpoint_type {
                "Resource" => EndpointTarget::Resource {
                    configuration_arn: endpoint.resource_configuration_arn.clone(),
                },
                "ServiceNetwork" => EndpointTarget::ServiceNetwork {
                    arn: endpoint.service_network_arn.clone(),
                },
                _ => {
                    let service = match known.services.get(&service_name) {
                        Some(id) => id.clone(),
                        None => match aws_service_suffix(&service_name, &own_region) {
                            Some(suffix) if endpoint_type == "Interface" => {
                                builder.aws_service(&own_region, suffix)
                            }
                            _ => {
                                builder.skipped(
                                    ctx.file,
                                    kind,
                                    aws_id,
                                    unknown_service(&service_name),
                                );
                                return;
                            }
                        },
                    };
                    if endpoint_type == "GatewayLoadBalancer" {
                        EndpointTarget::GatewayLoadBalancer(service)
                    } else {
                        EndpointTarget::Service(service)
                    }
                }
            };
            LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
                vpc: placed.id.clone(),
                target,
                subnets,
                security_groups: groups,
                private_dns: endpoint.private_dns_enabled.unwrap_or(false),
                ip_address_type,
                dns_record_ip_type: endpoint.dns_options.as_ref().and_then(|o| {
                    match o.dns_record_ip_type.as_deref() {
                        Some("ipv4") => Some(DnsRecordIpType::Ipv4),
                        Some("dualstack") => Some(DnsRecordIpType::Dualstack),
                        Some("ipv6") => Some(DnsRecordIpType::Ipv6),
                        Some("service-defined") => Some(DnsRecordIpType::ServiceDefined),
                        _ => None,
                    }
                }),
                service_region,
                policy: endpoint.policy_document.clone(),
                service_name: None,
            })
        }
        other => {
            builder.skipped(
                ctx.file,
                kind,
                aws_id,
                Said::new(
                    format!("its type {other:?} is not one vpcplan knows"),
                    format!("種類 {other:?} は vpcplan が扱うものではありません"),
                ),
            );
            return;
        }
    };
    if endpoint
        .subnet_ids
        .iter()
        .any(|s| !known.subnets.contains_key(s))
    {
        lost.push(Said::new(
            "some of its subnets, which are not imported",
            "一部のサブネット (インポートされていません)",
        ));
    }
    let id = LinkId::new(builder.unique_id(&design_id(&endpoint.tags, aws_id)));
    builder.design.links.push(Link {
        id: id.clone(),
        spec,
        existing: Some(AwsIdentity::id(aws_id)),
    });
    known
        .links
        .insert(aws_id.clone(), (builder.design.links.len() - 1, id.clone()));
    builder.mapped_losing(
        ctx.file,
        kind,
        aws_id,
        Item::new(ItemKind::Link, id.as_str()),
        lost,
    );
}

fn unknown_service(name: &str) -> Said {
    Said::new(
        format!("its service {name:?} is neither an AWS service nor an imported endpoint service"),
        format!(
            "サービス {name:?} は AWS のサービスでもインポートしたエンドポイントサービスでもありません"
        ),
    )
}

fn map_routes(
    builder: &mut Builder,
    known: &Known,
    ctx: &Ctx<'_>,
    table: &shapes::RouteTable,
    routed: &mut HashSet<(usize, RouteTableId)>,
    peering_ipv6: &mut HashSet<usize>,
) {
    let Some((vpc_index, table_id)) = known.tables.get(&table.route_table_id).cloned() else {
        return;
    };
    let mut lost = Vec::new();
    let mut routes = Vec::new();
    let mut edges: Vec<EdgeGatewayKind> = Vec::new();
    for route in &table.routes {
        if route.origin.as_deref() == Some("CreateRouteTable")
            || route.gateway_id.as_deref() == Some("local")
        {
            continue;
        }
        let destination = if let Some(cidr) = &route.destination_cidr_block {
            cidr.parse().ok().map(RouteDestination::Ipv4)
        } else if let Some(cidr) = &route.destination_ipv6_cidr_block {
            cidr.parse().ok().map(RouteDestination::Ipv6)
        } else {
            route
                .destination_prefix_list_id
                .clone()
                .map(RouteDestination::PrefixList)
        };
        let Some(destination) = destination else {
            lost.push(Said::new(
                "a route whose destination is not a CIDR or prefix list",
                "宛先が CIDR でもプレフィックスリストでもないルート",
            ));
            continue;
        };
        if let Some(pcx) = &route.vpc_peering_connection_id {
            if let Some((link, _)) = known.links.get(pcx) {
                routed.insert((*link, table_id.clone()));
                if matches!(destination, RouteDestination::Ipv6(_)) {
                    peering_ipv6.insert(*link);
                }
                continue;
            }
            routes.push(Route {
                destination,
                target: RouteTarget::Other(pcx.clone()),
            });
            continue;
        }
        let gateway = route.gateway_id.as_deref().unwrap_or_default();
        if gateway.starts_with("vpce-") && known.links.contains_key(gateway) {
            // A gateway endpoint's route: derived from the endpoint.
            continue;
        }
        let target = if gateway.starts_with("igw-") {
            Some(EdgeGatewayKind::InternetGateway)
        } else if gateway.starts_with("vgw-") {
            Some(EdgeGatewayKind::VpnGateway)
        } else if route.nat_gateway_id.is_some() {
            Some(EdgeGatewayKind::NatGateway)
        } else if route.transit_gateway_id.is_some() {
            Some(EdgeGatewayKind::TransitGateway)
        } else {
            None
        };
        let target = match target {
            Some(kind) => {
                if !edges.contains(&kind) {
                    edges.push(kind);
                }
                RouteTarget::Edge(kind)
            }
            None => {
                let other = [
                    route.gateway_id.as_ref(),
                    route.network_interface_id.as_ref(),
                    route.instance_id.as_ref(),
                    route.egress_only_internet_gateway_id.as_ref(),
                    route.local_gateway_id.as_ref(),
                    route.carrier_gateway_id.as_ref(),
                    route.core_network_arn.as_ref(),
                ]
                .into_iter()
                .flatten()
                .next()
                .cloned()
                .unwrap_or_default();
                RouteTarget::Other(other)
            }
        };
        routes.push(Route {
            destination,
            target,
        });
    }
    let vpc = &mut builder.design.vpcs[vpc_index];
    for kind in edges {
        if !vpc.edge_gateways.iter().any(|g| g.kind == kind) {
            vpc.edge_gateways.push(EdgeGateway {
                kind,
                remote_cidrs: Vec::new(),
            });
        }
    }
    let vpc_id = vpc.id.clone();
    if let Some(target) = vpc.route_tables.iter_mut().find(|t| t.id == table_id) {
        target.routes = routes;
    }
    if !lost.is_empty() {
        builder.mapped_losing(
            ctx.file,
            "describe-route-tables",
            &table.route_table_id,
            Item::in_vpc(ItemKind::RouteTable, vpc_id.as_str(), table_id.as_str()),
            lost,
        );
    }
}

/// A peering's routes are derived for every route table in use on both
/// sides; the tables in use that have no route through it in AWS are
/// excluded, so that the design derives exactly the routes AWS has.
fn exclude_unrouted_tables(
    builder: &mut Builder,
    routed: &HashSet<(usize, RouteTableId)>,
    ipv6: &HashSet<usize>,
) {
    let design = &builder.design;
    let mut exclusions = Vec::new();
    for (index, link) in design.links.iter().enumerate() {
        let LinkSpec::Peering(peering) = &link.spec else {
            continue;
        };
        let mut excluded = Vec::new();
        for vpc_id in [&peering.requester, &peering.accepter] {
            let Some(vpc) = design.vpc(vpc_id) else {
                continue;
            };
            for table in vpc.route_tables_in_use() {
                if table.existing.is_some() && !routed.contains(&(index, table.id.clone())) {
                    excluded.push(table.id.clone());
                }
            }
        }
        exclusions.push((index, excluded, ipv6.contains(&index)));
    }
    for (index, excluded, ipv6) in exclusions {
        if let LinkSpec::Peering(peering) = &mut builder.design.links[index].spec {
            peering.excluded_route_tables = excluded;
            peering.ipv6 = ipv6;
        }
    }
}
