//! Peerings (with the peer VPCs known only from them), endpoint services
//! and endpoints, and the route tables a peering leaves out.

use super::*;

pub(super) fn map_peering(
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
pub(super) fn side(
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

pub(super) fn map_endpoint_service(
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

pub(super) fn map_endpoint(
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

pub(super) fn unknown_service(name: &str) -> Said {
    Said::new(
        format!("its service {name:?} is neither an AWS service nor an imported endpoint service"),
        format!(
            "サービス {name:?} は AWS のサービスでもインポートしたエンドポイントサービスでもありません"
        ),
    )
}

/// A peering's routes are derived for every route table in use on both
/// sides; the tables in use that have no route through it in AWS are
/// excluded, so that the design derives exactly the routes AWS has.
pub(super) fn exclude_unrouted_tables(
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
