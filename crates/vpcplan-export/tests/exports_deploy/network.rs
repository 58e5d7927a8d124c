//! The mock against the design: what `describe-*` shows after a deploy is
//! exactly the design, and nothing is left after the teardown.

use super::*;

pub(crate) fn networks(
    design: &Design,
    server: &MotoServer,
) -> BTreeMap<(String, String), Network> {
    let places: Vec<(String, String)> = places(design).into_iter().collect();
    let networks = server.describe_networks(&places);
    places.into_iter().zip(networks).collect()
}

pub(crate) fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}

/// Checks that the mock holds exactly what the design describes, found by
/// the designed names in the Name tags.
pub(crate) fn assert_network_is_the_design(design: &Design, server: &MotoServer) {
    let name = &design.name;
    let networks = networks(design, server);
    let network_of = |account: &str, region: &str| -> &Network {
        &networks[&(account.to_owned(), region.to_owned())]
    };

    // VPCs, by name, with their CIDRs.
    let mut vpc_ids = BTreeMap::new();
    let mut vpc_ipv6 = BTreeMap::new();
    for ((account, region), network) in &networks {
        let designed: Vec<&str> = design
            .vpcs
            .iter()
            .filter(|vpc| vpc.account.as_str() == account && &vpc.region == region)
            .map(|vpc| vpc.name.as_str())
            .collect();
        let found: Vec<&str> = network
            .own_vpcs()
            .iter()
            .map(|vpc| vpc.name.as_deref().unwrap_or("(no Name tag)"))
            .collect();
        assert_eq!(
            sorted(found),
            sorted(designed),
            "{name}: the VPCs of {account} in {region}"
        );
    }
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let found = network.vpc_named(&vpc.name).unwrap();
        assert_eq!(
            found.owner,
            vpc.account.as_str(),
            "{name}: owner of {}",
            vpc.name
        );
        let designed: Vec<String> = vpc.ipv4_cidrs.iter().map(ToString::to_string).collect();
        assert_eq!(
            found.ipv4_cidrs.first(),
            designed.first(),
            "{name}: primary CIDR of {}",
            vpc.name
        );
        assert_eq!(
            sorted(found.ipv4_cidrs.clone()),
            sorted(designed),
            "{name}: IPv4 CIDRs of {}",
            vpc.name
        );
        // AWS picks the IPv6 ranges; the count is what the design decides.
        assert_eq!(
            found.ipv6_cidrs.len(),
            vpc.ipv6_cidrs.len(),
            "{name}: IPv6 CIDRs of {}",
            vpc.name
        );
        vpc_ids.insert(vpc.id.clone(), found.id.clone());
        for (designed, actual) in vpc.ipv6_cidrs.iter().zip(&found.ipv6_cidrs) {
            vpc_ipv6.insert(designed.to_string(), actual.clone());
        }
    }

    // Subnets, by name, with their CIDRs.
    let mut subnet_ids = BTreeMap::new();
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let actual_vpc = &vpc_ids[&vpc.id];
        let found: Vec<_> = network
            .subnets
            .iter()
            .filter(|subnet| &subnet.vpc == actual_vpc)
            .collect();
        assert_eq!(
            sorted(
                found
                    .iter()
                    .map(|subnet| subnet.name.clone().unwrap_or_default())
                    .collect()
            ),
            sorted(
                vpc.subnets
                    .iter()
                    .map(|subnet| subnet.name.clone())
                    .collect::<Vec<_>>()
            ),
            "{name}: the subnets of {}",
            vpc.name
        );
        for subnet in &vpc.subnets {
            let actual = found
                .iter()
                .find(|found| found.name.as_deref() == Some(subnet.name.as_str()))
                .unwrap();
            assert_eq!(
                actual.ipv4_cidr,
                subnet.ipv4_cidr.map(|cidr| cidr.to_string()),
                "{name}: CIDR of subnet {}",
                subnet.name
            );
            assert_eq!(
                actual.ipv6_cidrs.len(),
                usize::from(subnet.ipv6_cidr.is_some()),
                "{name}: IPv6 CIDR of subnet {}",
                subnet.name
            );
            subnet_ids.insert(subnet.id.clone(), actual.id.clone());
        }
    }

    // Peerings: active, between the right VPCs, owners and Regions, and no
    // others.
    let mut peering_ids = BTreeMap::new();
    let mut all_peerings = BTreeSet::new();
    for network in networks.values() {
        all_peerings.extend(
            network
                .live_peerings()
                .iter()
                .map(|peering| peering.id.clone()),
        );
    }
    for link in &design.links {
        let LinkSpec::Peering(peering) = &link.spec else {
            continue;
        };
        let requester = design.vpc(&peering.requester).unwrap();
        let accepter = design.vpc(&peering.accepter).unwrap();
        for (side, vpc) in [("requester", requester), ("accepter", accepter)] {
            let network = network_of(vpc.account.as_str(), &vpc.region);
            let matching: Vec<_> = network
                .live_peerings()
                .into_iter()
                .filter(|found| {
                    found.requester.vpc == vpc_ids[&requester.id]
                        && found.accepter.vpc == vpc_ids[&accepter.id]
                })
                .collect();
            assert_eq!(
                matching.len(),
                1,
                "{name}: peering {} seen from the {side}: {:#?}",
                link.id,
                network.peerings
            );
            let found = matching[0];
            assert_eq!(found.status, "active", "{name}: peering {}", link.id);
            assert_eq!(
                (
                    found.requester.owner.as_str(),
                    found.requester.region.as_str()
                ),
                (requester.account.as_str(), requester.region.as_str()),
                "{name}: requester of {}",
                link.id
            );
            assert_eq!(
                (
                    found.accepter.owner.as_str(),
                    found.accepter.region.as_str()
                ),
                (accepter.account.as_str(), accepter.region.as_str()),
                "{name}: accepter of {}",
                link.id
            );
            peering_ids.insert(link.id.clone(), found.id.clone());
        }
    }
    assert_eq!(
        all_peerings.len(),
        peering_ids.len(),
        "{name}: peerings that are not in the design: {all_peerings:?}"
    );

    // Endpoint services, with their settings and permissions.
    let mut service_names = BTreeMap::new();
    for service in &design.services {
        let ServiceKind::EndpointService(endpoint_service) = &service.kind else {
            continue;
        };
        let provider = design.vpc(&endpoint_service.provider_vpc).unwrap();
        let network = network_of(provider.account.as_str(), &provider.region);
        let found = match network.endpoint_services.as_slice() {
            [only] => only,
            several => several
                .iter()
                .find(|found| found.name.as_deref() == Some(service.name.as_str()))
                .unwrap_or_else(|| {
                    panic!("{name}: no endpoint service {}: {several:#?}", service.name)
                }),
        };
        assert_eq!(
            found.acceptance_required,
            endpoint_service.acceptance_required
        );
        // Its load balancers: `assert_load_balancers_are_the_design`.
        for region in &endpoint_service.supported_regions {
            assert!(
                found.supported_regions.contains(region),
                "{name}: {region} not supported"
            );
        }
        let permissions = server.aws_as(
            provider.account.as_str(),
            &provider.region,
            &[
                "ec2",
                "describe-vpc-endpoint-service-permissions",
                "--service-id",
                &found.service_id,
            ],
        );
        let principals: Vec<String> = permissions["AllowedPrincipals"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|principal| principal["Principal"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(
            sorted(principals),
            sorted(endpoint_service.allowed_principals.clone()),
            "{name}: who may connect to {}",
            service.name
        );
        service_names.insert(service.id.clone(), found.service_name.clone());
    }
    let endpoint_service_count: usize = networks
        .values()
        .map(|network| network.endpoint_services.len())
        .sum();
    assert_eq!(
        endpoint_service_count,
        service_names.len(),
        "{name}: endpoint services"
    );

    // Endpoints, of the right type and service, in the right subnets or
    // route tables; and no others.
    let table_id = |vpc_id: &vpcplan_core::design::VpcId, table: &str| -> String {
        let vpc = design.vpc(vpc_id).unwrap();
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let designed = vpc
            .route_tables
            .iter()
            .find(|found| found.id.as_str() == table)
            .unwrap();
        network
            .route_tables
            .iter()
            .find(|found| {
                found.vpc == vpc_ids[vpc_id]
                    && found.name.as_deref() == Some(designed.name.as_str())
            })
            .unwrap_or_else(|| {
                panic!(
                    "{name}: no route table named {:?} in {}",
                    designed.name, vpc.name
                )
            })
            .id
            .clone()
    };
    let mut endpoint_ids = BTreeMap::new();
    for link in &design.links {
        let (vpc_id, kind, service_name, subnets, tables, private_dns) = match &link.spec {
            LinkSpec::InterfaceEndpoint(endpoint) => {
                let vpc = design.vpc(&endpoint.vpc).unwrap();
                let service_name = match (&endpoint.service_name, &endpoint.target) {
                    (Some(explicit), _) => explicit.clone(),
                    (None, EndpointTarget::Service(service_id)) => {
                        let service = design.service(service_id).unwrap();
                        match &service.kind {
                            ServiceKind::Aws { service: suffix } => {
                                let region = endpoint
                                    .service_region
                                    .as_deref()
                                    .unwrap_or(&service.region);
                                vpcplan_core::catalogue::aws_service(suffix)
                                    .map(|known| known.service_name(region))
                                    .unwrap_or_else(|| format!("com.amazonaws.{region}.{suffix}"))
                            }
                            ServiceKind::EndpointService(_) => service_names[service_id].clone(),
                        }
                    }
                    (None, other) => {
                        panic!("{name}: endpoint target {other:?} is not covered here")
                    }
                };
                let subnets = sorted(
                    endpoint
                        .subnets
                        .iter()
                        .map(|subnet| subnet_ids[subnet].clone())
                        .collect(),
                );
                (
                    &vpc.id,
                    "Interface",
                    service_name,
                    subnets,
                    Vec::new(),
                    endpoint.private_dns,
                )
            }
            LinkSpec::GatewayEndpoint(endpoint) => {
                let vpc = design.vpc(&endpoint.vpc).unwrap();
                let ServiceKind::Aws { service } = &design.service(&endpoint.service).unwrap().kind
                else {
                    panic!("{name}: a gateway endpoint to an endpoint service");
                };
                let tables = sorted(
                    endpoint
                        .route_tables
                        .iter()
                        .map(|table| table_id(&vpc.id, table.as_str()))
                        .collect(),
                );
                (
                    &vpc.id,
                    "Gateway",
                    gateway_prefix_list(service, &vpc.region),
                    Vec::new(),
                    tables,
                    false,
                )
            }
            LinkSpec::Peering(_) => continue,
        };
        let vpc = design.vpc(vpc_id).unwrap();
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let matching: Vec<_> = network
            .live_endpoints()
            .into_iter()
            .filter(|found| {
                found.vpc == vpc_ids[vpc_id]
                    && found.kind == kind
                    && found.service_name == service_name
            })
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "{name}: {kind} endpoint {} to {service_name}: {:#?}",
            link.id,
            network.endpoints
        );
        let found = matching[0];
        if kind == "Interface" {
            assert_eq!(found.subnets, subnets, "{name}: subnets of {}", link.id);
            assert_eq!(
                found.private_dns, private_dns,
                "{name}: private DNS of {}",
                link.id
            );
            if let LinkSpec::InterfaceEndpoint(endpoint) = &link.spec {
                for group in &endpoint.security_groups {
                    let designed = vpc
                        .security_groups
                        .iter()
                        .find(|found| &found.id == group)
                        .unwrap();
                    let actual = network
                        .security_groups
                        .iter()
                        .find(|found| {
                            found.vpc == vpc_ids[vpc_id]
                                && found.name_tag.as_deref() == Some(designed.name.as_str())
                        })
                        .unwrap_or_else(|| {
                            panic!("{name}: no security group named {:?}", designed.name)
                        });
                    assert!(
                        found.security_groups.contains(&actual.id),
                        "{name}: groups of {}",
                        link.id
                    );
                }
            }
            // deploy.sh accepts endpoint connections itself; after the
            // stacks, DEPLOY.md says how, and the test does it.
            assert!(
                found.state.eq_ignore_ascii_case("available"),
                "{name}: endpoint {} is {}",
                link.id,
                found.state
            );
        } else {
            assert_eq!(
                found.route_tables, tables,
                "{name}: route tables of {}",
                link.id
            );
        }
        endpoint_ids.insert(link.id.clone(), found.id.clone());
    }
    let endpoint_count: usize = networks
        .values()
        .map(|network| network.live_endpoints().len())
        .sum();
    assert_eq!(
        endpoint_count,
        endpoint_ids.len(),
        "{name}: endpoints that are not in the design"
    );

    // Security groups of the design, by name.
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        for group in &vpc.security_groups {
            assert!(
                network
                    .security_groups
                    .iter()
                    .any(|found| found.vpc == vpc_ids[&vpc.id]
                        && found.name_tag.as_deref() == Some(group.name.as_str())),
                "{name}: no security group named {:?} in {}: {:#?}",
                group.name,
                vpc.name,
                network.security_groups
            );
        }
    }

    // Route tables: the designed ones by name, each subnet served by the
    // table the design gives it, and exactly the routes the design implies.
    let routes = effective_routes(design);
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let actual_vpc = &vpc_ids[&vpc.id];
        let tables: Vec<_> = network
            .route_tables
            .iter()
            .filter(|table| &table.vpc == actual_vpc)
            .collect();
        let tagged: Vec<String> = tables
            .iter()
            .filter_map(|table| table.name.clone())
            .collect();
        assert_eq!(
            sorted(tagged),
            sorted(
                vpc.route_tables
                    .iter()
                    .map(|table| table.name.clone())
                    .collect::<Vec<_>>()
            ),
            "{name}: the route tables of {}",
            vpc.name
        );
        // Untagged: only the main table AWS creates with a VPC, unused.
        for table in tables.iter().filter(|table| table.name.is_none()) {
            assert!(
                table.main && table.routes.iter().all(|route| route.target == "local"),
                "{name}: an undesigned route table in {}: {table:#?}",
                vpc.name
            );
        }
        let main_actual = tables
            .iter()
            .find(|table| table.main)
            .map(|table| table.id.clone());
        let main_designed = vpc.route_tables.iter().find(|table| table.main);
        for subnet in &vpc.subnets {
            let designed = vpc
                .route_tables
                .iter()
                .find(|table| table.subnets.contains(&subnet.id))
                .or(main_designed);
            let actual_subnet = &subnet_ids[&subnet.id];
            let actual = tables
                .iter()
                .find(|table| table.subnets.contains(actual_subnet))
                .map(|table| table.id.clone())
                .or(main_actual.clone());
            let actual_name = actual
                .and_then(|id| tables.iter().find(|table| table.id == id))
                .and_then(|table| table.name.clone());
            assert_eq!(
                actual_name.as_deref(),
                designed.map(|table| table.name.as_str()),
                "{name}: the table serving subnet {}",
                subnet.name
            );
        }
        for table in &vpc.route_tables {
            let actual = tables
                .iter()
                .find(|found| found.name.as_deref() == Some(table.name.as_str()))
                .unwrap();
            let expected: Vec<(String, String)> = routes
                .get(&table.id)
                .into_iter()
                .flatten()
                .map(|route| {
                    let target = match &route.target {
                        RouteTarget::Peering(link) => peering_ids[link].clone(),
                        RouteTarget::GatewayEndpoint(link) => endpoint_ids[link].clone(),
                        other => panic!("{name}: route target {other:?} is not covered here"),
                    };
                    let destination = match &route.destination {
                        RouteDestination::Ipv4(net) => net.to_string(),
                        RouteDestination::Ipv6(net) => vpc_ipv6
                            .get(&net.to_string())
                            .cloned()
                            .unwrap_or_else(|| net.to_string()),
                        // The prefix list's id is the mock's; the target
                        // identifies the route.
                        RouteDestination::PrefixList(_) => "pl-".to_owned(),
                    };
                    (destination, target)
                })
                .collect();
            let found: Vec<(String, String)> = actual
                .routes
                .iter()
                .filter(|route| route.target != "local")
                .map(|route| {
                    let destination = if route.destination.starts_with("pl-") {
                        "pl-".to_owned()
                    } else {
                        route.destination.clone()
                    };
                    (destination, route.target.clone())
                })
                .collect();
            assert_eq!(
                sorted(found),
                sorted(expected),
                "{name}: the routes of table {:?} in {}",
                table.name,
                vpc.name
            );
        }
    }

    // Nothing where the CLI goes without a --region.
    let fallback_places: Vec<(String, String)> = accounts(design)
        .into_iter()
        .map(|account| (account, FALLBACK_REGION.to_owned()))
        .collect();
    for fallback in server.describe_networks(&fallback_places) {
        assert!(
            fallback.own_vpcs().is_empty(),
            "{name}: VPCs in {FALLBACK_REGION}, which the design does not use: {fallback:#?}"
        );
    }
}

pub(crate) fn assert_nothing_left(design: &Design, server: &MotoServer) {
    let name = &design.name;
    for ((account, region), network) in networks(design, server) {
        assert!(
            network.own_vpcs().is_empty(),
            "{name}: VPCs left in {account} {region}: {network:#?}"
        );
        assert!(
            network.live_peerings().is_empty(),
            "{name}: peerings left in {account} {region}"
        );
        assert!(
            network.live_endpoints().is_empty(),
            "{name}: endpoints left in {account} {region}"
        );
        assert!(
            network.endpoint_services.is_empty(),
            "{name}: endpoint services left in {account} {region}"
        );
        assert!(
            network.security_groups.is_empty(),
            "{name}: security groups left in {account} {region}"
        );
    }
}
