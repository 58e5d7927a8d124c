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

mod links;
mod network;

use std::collections::{HashMap, HashSet};

use links::*;
use network::*;

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
