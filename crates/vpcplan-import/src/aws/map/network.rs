//! Route tables and their routes, security groups and their rules.

use super::*;

pub(super) fn map_route_table(
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

pub(super) fn map_group(
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
pub(super) fn map_group_rules(
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
pub(super) fn ports(permission: &shapes::IpPermission) -> (u16, u16) {
    let port = |p: Option<i64>| p.and_then(|p| u16::try_from(p).ok());
    match (port(permission.from_port), port(permission.to_port)) {
        (Some(from), Some(to)) => (from, to),
        _ if permission.ip_protocol == "-1" => (0, 0),
        _ => (0, 65535),
    }
}

pub(super) fn map_routes(
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
