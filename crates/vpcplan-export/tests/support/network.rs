//! What the mock holds: one account's network in one Region, summarised from
//! the `describe-*` calls in forms tests compare with a design.

#![allow(dead_code)]

use super::*;

/// A summary of one account's network in one Region, in forms tests compare
/// with a design. Every list is sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Network {
    pub vpcs: Vec<VpcInfo>,
    pub subnets: Vec<SubnetInfo>,
    pub peerings: Vec<PeeringInfo>,
    pub route_tables: Vec<RouteTableInfo>,
    pub endpoints: Vec<EndpointInfo>,
    /// Security groups other than each VPC's `default`.
    pub security_groups: Vec<SecurityGroupInfo>,
    /// Each VPC's `default` group.
    pub default_security_groups: Vec<SecurityGroupInfo>,
    pub endpoint_services: Vec<EndpointServiceInfo>,
    /// The managed prefix lists of the Region: id to name.
    pub prefix_lists: BTreeMap<String, String>,
}

/// The tags that say which design object a resource is: `Name` and
/// `vpcplan:id` (the design's id), which both exports set.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct DesignTags {
    pub name: Option<String>,
    pub design_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct VpcInfo {
    pub name: Option<String>,
    pub tags: DesignTags,
    pub id: String,
    pub owner: String,
    pub is_default: bool,
    /// Associated IPv4 CIDRs, the primary first.
    pub ipv4_cidrs: Vec<String>,
    pub ipv6_cidrs: Vec<String>,
    /// `enableDnsSupport` and `enableDnsHostnames`.
    pub dns_support: Option<bool>,
    pub dns_hostnames: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SubnetInfo {
    pub name: Option<String>,
    pub tags: DesignTags,
    pub id: String,
    pub vpc: String,
    pub ipv4_cidr: Option<String>,
    pub ipv6_cidrs: Vec<String>,
    pub availability_zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeeringInfo {
    pub name: Option<String>,
    pub tags: DesignTags,
    pub id: String,
    /// `pending-acceptance`, `active`, `deleted`, …
    pub status: String,
    pub requester: PeerSide,
    pub accepter: PeerSide,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeerSide {
    pub vpc: String,
    pub owner: String,
    pub region: String,
    /// `AllowDnsResolutionFromRemoteVpc` of this side's options.
    pub dns_resolution: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteTableInfo {
    pub name: Option<String>,
    pub tags: DesignTags,
    pub id: String,
    pub vpc: String,
    pub main: bool,
    pub subnets: Vec<String>,
    pub routes: Vec<RouteInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteInfo {
    /// A CIDR or a prefix list id.
    pub destination: String,
    /// The peering, gateway or endpoint id; `local` for the VPC's own range.
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointInfo {
    pub name: Option<String>,
    pub tags: DesignTags,
    pub id: String,
    pub vpc: String,
    /// `Interface`, `Gateway`, …
    pub kind: String,
    pub service_name: String,
    /// `ServiceRegion`, when the mock keeps it.
    pub service_region: Option<String>,
    pub ip_address_type: Option<String>,
    pub dns_record_ip_type: Option<String>,
    /// The policy document, parsed and written back with sorted keys.
    pub policy: Option<String>,
    pub state: String,
    pub route_tables: Vec<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub private_dns: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SecurityGroupInfo {
    pub group_name: String,
    pub name_tag: Option<String>,
    pub tags: DesignTags,
    pub id: String,
    pub vpc: String,
    pub description: String,
    /// Inbound and outbound rules, one per source, sorted.
    pub ingress: Vec<RuleInfo>,
    pub egress: Vec<RuleInfo>,
}

/// One source of a security group permission.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleInfo {
    pub protocol: String,
    pub from_port: Option<i64>,
    pub to_port: Option<i64>,
    /// `cidr <block>`, `group <id>` (with `owner <account>` when given) or
    /// `prefix-list <id>`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointServiceInfo {
    pub name: Option<String>,
    pub tags: DesignTags,
    pub service_id: String,
    pub service_name: String,
    pub acceptance_required: bool,
    pub network_load_balancers: Vec<String>,
    pub gateway_load_balancers: Vec<String>,
    pub supported_regions: Vec<String>,
    pub supported_ip_address_types: Vec<String>,
    /// describe-vpc-endpoint-service-permissions, sorted.
    pub allowed_principals: Vec<String>,
}

fn tag(resource: &Value, key: &str) -> Option<String> {
    resource["Tags"]
        .as_array()?
        .iter()
        .find(|tag| tag["Key"] == key)
        .and_then(|tag| tag["Value"].as_str())
        .map(str::to_owned)
}

fn name_tag(resource: &Value) -> Option<String> {
    tag(resource, "Name")
}

fn design_tags(resource: &Value) -> DesignTags {
    DesignTags {
        name: name_tag(resource),
        design_id: tag(resource, "vpcplan:id"),
    }
}

fn strings(value: &Value, pointer: &str) -> Vec<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| item.as_str().map(str::to_owned))
        .collect()
}

fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value[key].as_array().into_iter().flatten()
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}

/// The rules of an `IpPermissions` list, one per source.
fn rules(permissions: &Value) -> Vec<RuleInfo> {
    let mut rules = Vec::new();
    for permission in permissions.as_array().into_iter().flatten() {
        let rule = |source: String| RuleInfo {
            protocol: str_at(permission, "/IpProtocol"),
            from_port: permission["FromPort"].as_i64(),
            to_port: permission["ToPort"].as_i64(),
            source,
        };
        for range in items(permission, "IpRanges") {
            rules.push(rule(format!("cidr {}", str_at(range, "/CidrIp"))));
        }
        for range in items(permission, "Ipv6Ranges") {
            rules.push(rule(format!("cidr {}", str_at(range, "/CidrIpv6"))));
        }
        for pair in items(permission, "UserIdGroupPairs") {
            let mut source = format!("group {}", str_at(pair, "/GroupId"));
            if let Some(owner) = pair["UserId"].as_str() {
                source.push_str(&format!(" owner {owner}"));
            }
            rules.push(rule(source));
        }
        for list in items(permission, "PrefixListIds") {
            rules.push(rule(format!(
                "prefix-list {}",
                str_at(list, "/PrefixListId")
            )));
        }
    }
    sorted(rules)
}

fn group_info(group: &Value) -> SecurityGroupInfo {
    SecurityGroupInfo {
        group_name: str_at(group, "/GroupName"),
        name_tag: name_tag(group),
        tags: design_tags(group),
        id: str_at(group, "/GroupId"),
        vpc: str_at(group, "/VpcId"),
        description: str_at(group, "/Description"),
        ingress: rules(&group["IpPermissions"]),
        egress: rules(&group["IpPermissionsEgress"]),
    }
}

/// A policy document as JSON with sorted keys, whatever its spacing.
fn policy(endpoint: &Value) -> Option<String> {
    let text = endpoint["PolicyDocument"].as_str()?;
    Some(match serde_json::from_str::<Value>(text) {
        Ok(parsed) => parsed.to_string(),
        Err(_) => text.to_owned(),
    })
}

impl Network {
    /// The network in one answer of `describe_networks.py`.
    pub fn from_answer(answer: &Value) -> Network {
        let attributes = &answer["vpc_attributes"];
        let permissions = &answer["endpoint_service_permissions"];
        let mut network = Network {
            vpcs: items(&answer["describe_vpcs"], "Vpcs")
                .map(|vpc| {
                    let primary = str_at(vpc, "/CidrBlock");
                    let id = str_at(vpc, "/VpcId");
                    let mut ipv4_cidrs = vec![primary.clone()];
                    ipv4_cidrs.extend(
                        items(vpc, "CidrBlockAssociationSet")
                            .filter(|association| {
                                str_at(association, "/CidrBlockState/State") == "associated"
                            })
                            .map(|association| str_at(association, "/CidrBlock"))
                            .filter(|cidr| cidr != &primary),
                    );
                    VpcInfo {
                        name: name_tag(vpc),
                        tags: design_tags(vpc),
                        owner: str_at(vpc, "/OwnerId"),
                        is_default: vpc["IsDefault"].as_bool().unwrap_or(false),
                        ipv4_cidrs,
                        ipv6_cidrs: items(vpc, "Ipv6CidrBlockAssociationSet")
                            .filter(|association| {
                                str_at(association, "/Ipv6CidrBlockState/State") == "associated"
                            })
                            .map(|association| str_at(association, "/Ipv6CidrBlock"))
                            .collect(),
                        dns_support: attributes[&id]["enableDnsSupport"].as_bool(),
                        dns_hostnames: attributes[&id]["enableDnsHostnames"].as_bool(),
                        id,
                    }
                })
                .collect(),
            subnets: items(&answer["describe_subnets"], "Subnets")
                .map(|subnet| SubnetInfo {
                    name: name_tag(subnet),
                    tags: design_tags(subnet),
                    id: str_at(subnet, "/SubnetId"),
                    vpc: str_at(subnet, "/VpcId"),
                    ipv4_cidr: subnet["CidrBlock"].as_str().map(str::to_owned),
                    ipv6_cidrs: items(subnet, "Ipv6CidrBlockAssociationSet")
                        .map(|association| str_at(association, "/Ipv6CidrBlock"))
                        .collect(),
                    availability_zone: str_at(subnet, "/AvailabilityZone"),
                })
                .collect(),
            peerings: items(
                &answer["describe_vpc_peering_connections"],
                "VpcPeeringConnections",
            )
            .map(|peering| {
                let side = |key: &str| PeerSide {
                    vpc: str_at(peering, &format!("/{key}/VpcId")),
                    owner: str_at(peering, &format!("/{key}/OwnerId")),
                    region: str_at(peering, &format!("/{key}/Region")),
                    dns_resolution: peering
                        .pointer(&format!(
                            "/{key}/PeeringOptions/AllowDnsResolutionFromRemoteVpc"
                        ))
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                };
                PeeringInfo {
                    name: name_tag(peering),
                    tags: design_tags(peering),
                    id: str_at(peering, "/VpcPeeringConnectionId"),
                    status: str_at(peering, "/Status/Code"),
                    requester: side("RequesterVpcInfo"),
                    accepter: side("AccepterVpcInfo"),
                }
            })
            .collect(),
            route_tables: items(&answer["describe_route_tables"], "RouteTables")
                .map(|table| {
                    let subnets: Vec<String> = items(table, "Associations")
                        .filter_map(|association| association["SubnetId"].as_str())
                        .map(str::to_owned)
                        .collect();
                    let routes: Vec<RouteInfo> = items(table, "Routes")
                        .map(|route| RouteInfo {
                            destination: [
                                "DestinationCidrBlock",
                                "DestinationIpv6CidrBlock",
                                "DestinationPrefixListId",
                            ]
                            .iter()
                            .find_map(|key| route[*key].as_str())
                            .unwrap_or_default()
                            .to_owned(),
                            target: [
                                "VpcPeeringConnectionId",
                                "GatewayId",
                                "NatGatewayId",
                                "TransitGatewayId",
                                "NetworkInterfaceId",
                                "VpcEndpointId",
                                "EgressOnlyInternetGatewayId",
                            ]
                            .iter()
                            .find_map(|key| route[*key].as_str())
                            .unwrap_or_default()
                            .to_owned(),
                        })
                        .collect();
                    RouteTableInfo {
                        name: name_tag(table),
                        tags: design_tags(table),
                        id: str_at(table, "/RouteTableId"),
                        vpc: str_at(table, "/VpcId"),
                        main: items(table, "Associations")
                            .any(|association| association["Main"].as_bool() == Some(true)),
                        subnets: sorted(subnets),
                        routes: sorted(routes),
                    }
                })
                .collect(),
            endpoints: items(&answer["describe_vpc_endpoints"], "VpcEndpoints")
                .map(|endpoint| EndpointInfo {
                    name: name_tag(endpoint),
                    tags: design_tags(endpoint),
                    id: str_at(endpoint, "/VpcEndpointId"),
                    vpc: str_at(endpoint, "/VpcId"),
                    kind: str_at(endpoint, "/VpcEndpointType"),
                    service_name: str_at(endpoint, "/ServiceName"),
                    service_region: endpoint["ServiceRegion"].as_str().map(str::to_owned),
                    ip_address_type: endpoint["IpAddressType"].as_str().map(str::to_owned),
                    dns_record_ip_type: endpoint
                        .pointer("/DnsOptions/DnsRecordIpType")
                        .and_then(Value::as_str)
                        .map(str::to_owned),
                    policy: policy(endpoint),
                    state: str_at(endpoint, "/State"),
                    route_tables: sorted(strings(endpoint, "/RouteTableIds")),
                    subnets: sorted(strings(endpoint, "/SubnetIds")),
                    security_groups: sorted(
                        items(endpoint, "Groups")
                            .map(|group| str_at(group, "/GroupId"))
                            .collect(),
                    ),
                    private_dns: endpoint["PrivateDnsEnabled"].as_bool().unwrap_or(false),
                })
                .collect(),
            security_groups: items(&answer["describe_security_groups"], "SecurityGroups")
                .filter(|group| group["GroupName"] != "default")
                .map(group_info)
                .collect(),
            default_security_groups: items(&answer["describe_security_groups"], "SecurityGroups")
                .filter(|group| group["GroupName"] == "default")
                .map(group_info)
                .collect(),
            endpoint_services: items(
                &answer["describe_vpc_endpoint_service_configurations"],
                "ServiceConfigurations",
            )
            .map(|service| {
                let service_id = str_at(service, "/ServiceId");
                EndpointServiceInfo {
                    name: name_tag(service),
                    tags: design_tags(service),
                    service_name: str_at(service, "/ServiceName"),
                    acceptance_required: service["AcceptanceRequired"].as_bool().unwrap_or(false),
                    network_load_balancers: strings(service, "/NetworkLoadBalancerArns"),
                    gateway_load_balancers: strings(service, "/GatewayLoadBalancerArns"),
                    supported_regions: sorted(
                        items(service, "SupportedRegions")
                            .map(|region| str_at(region, "/Region"))
                            .collect(),
                    ),
                    supported_ip_address_types: sorted(strings(
                        service,
                        "/SupportedIpAddressTypes",
                    )),
                    allowed_principals: sorted(strings(permissions, &format!("/{service_id}"))),
                    service_id,
                }
            })
            .collect(),
            prefix_lists: items(&answer["describe_managed_prefix_lists"], "PrefixLists")
                .map(|list| {
                    (
                        str_at(list, "/PrefixListId"),
                        str_at(list, "/PrefixListName"),
                    )
                })
                .collect(),
        };
        network.vpcs.sort();
        network.subnets.sort();
        network.peerings.sort();
        network.route_tables.sort();
        network.endpoints.sort();
        network.security_groups.sort();
        network.default_security_groups.sort();
        network.endpoint_services.sort();
        network
    }

    /// The VPCs other than moto's default ones.
    pub fn own_vpcs(&self) -> Vec<&VpcInfo> {
        self.vpcs.iter().filter(|vpc| !vpc.is_default).collect()
    }

    /// The peerings that are not deleted (deleted ones stay visible for a
    /// while, on AWS as on the mock).
    pub fn live_peerings(&self) -> Vec<&PeeringInfo> {
        self.peerings
            .iter()
            .filter(|peering| !matches!(peering.status.as_str(), "deleted" | "rejected"))
            .collect()
    }

    /// The endpoints that are not deleted.
    pub fn live_endpoints(&self) -> Vec<&EndpointInfo> {
        self.endpoints
            .iter()
            .filter(|endpoint| !endpoint.state.eq_ignore_ascii_case("deleted"))
            .collect()
    }

    pub fn vpc_named(&self, name: &str) -> Option<&VpcInfo> {
        self.vpcs
            .iter()
            .find(|vpc| vpc.name.as_deref() == Some(name))
    }
}
