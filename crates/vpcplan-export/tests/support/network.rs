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
    pub endpoint_services: Vec<EndpointServiceInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct VpcInfo {
    pub name: Option<String>,
    pub id: String,
    pub owner: String,
    pub is_default: bool,
    /// Associated IPv4 CIDRs, the primary first.
    pub ipv4_cidrs: Vec<String>,
    pub ipv6_cidrs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SubnetInfo {
    pub name: Option<String>,
    pub id: String,
    pub vpc: String,
    pub ipv4_cidr: Option<String>,
    pub ipv6_cidrs: Vec<String>,
    pub availability_zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeeringInfo {
    pub name: Option<String>,
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
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteTableInfo {
    pub name: Option<String>,
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
    pub id: String,
    pub vpc: String,
    /// `Interface`, `Gateway`, …
    pub kind: String,
    pub service_name: String,
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
    pub id: String,
    pub vpc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointServiceInfo {
    pub name: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub acceptance_required: bool,
    pub network_load_balancers: Vec<String>,
    pub supported_regions: Vec<String>,
}

fn name_tag(resource: &Value) -> Option<String> {
    resource["Tags"]
        .as_array()?
        .iter()
        .find(|tag| tag["Key"] == "Name")
        .and_then(|tag| tag["Value"].as_str())
        .map(str::to_owned)
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

impl Network {
    #[allow(clippy::too_many_arguments)]
    pub fn from_descriptions(
        vpcs: &Value,
        subnets: &Value,
        peerings: &Value,
        tables: &Value,
        endpoints: &Value,
        groups: &Value,
        services: &Value,
    ) -> Network {
        let mut network = Network {
            vpcs: items(vpcs, "Vpcs")
                .map(|vpc| {
                    let primary = str_at(vpc, "/CidrBlock");
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
                        id: str_at(vpc, "/VpcId"),
                        owner: str_at(vpc, "/OwnerId"),
                        is_default: vpc["IsDefault"].as_bool().unwrap_or(false),
                        ipv4_cidrs,
                        ipv6_cidrs: items(vpc, "Ipv6CidrBlockAssociationSet")
                            .filter(|association| {
                                str_at(association, "/Ipv6CidrBlockState/State") == "associated"
                            })
                            .map(|association| str_at(association, "/Ipv6CidrBlock"))
                            .collect(),
                    }
                })
                .collect(),
            subnets: items(subnets, "Subnets")
                .map(|subnet| SubnetInfo {
                    name: name_tag(subnet),
                    id: str_at(subnet, "/SubnetId"),
                    vpc: str_at(subnet, "/VpcId"),
                    ipv4_cidr: subnet["CidrBlock"].as_str().map(str::to_owned),
                    ipv6_cidrs: items(subnet, "Ipv6CidrBlockAssociationSet")
                        .map(|association| str_at(association, "/Ipv6CidrBlock"))
                        .collect(),
                    availability_zone: str_at(subnet, "/AvailabilityZone"),
                })
                .collect(),
            peerings: items(peerings, "VpcPeeringConnections")
                .map(|peering| {
                    let side = |key: &str| PeerSide {
                        vpc: str_at(peering, &format!("/{key}/VpcId")),
                        owner: str_at(peering, &format!("/{key}/OwnerId")),
                        region: str_at(peering, &format!("/{key}/Region")),
                    };
                    PeeringInfo {
                        name: name_tag(peering),
                        id: str_at(peering, "/VpcPeeringConnectionId"),
                        status: str_at(peering, "/Status/Code"),
                        requester: side("RequesterVpcInfo"),
                        accepter: side("AccepterVpcInfo"),
                    }
                })
                .collect(),
            route_tables: items(tables, "RouteTables")
                .map(|table| {
                    let mut subnets: Vec<String> = items(table, "Associations")
                        .filter_map(|association| association["SubnetId"].as_str())
                        .map(str::to_owned)
                        .collect();
                    subnets.sort();
                    let mut routes: Vec<RouteInfo> = items(table, "Routes")
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
                    routes.sort();
                    RouteTableInfo {
                        name: name_tag(table),
                        id: str_at(table, "/RouteTableId"),
                        vpc: str_at(table, "/VpcId"),
                        main: items(table, "Associations")
                            .any(|association| association["Main"].as_bool() == Some(true)),
                        subnets,
                        routes,
                    }
                })
                .collect(),
            endpoints: items(endpoints, "VpcEndpoints")
                .map(|endpoint| {
                    let mut route_tables = strings(endpoint, "/RouteTableIds");
                    route_tables.sort();
                    let mut subnets = strings(endpoint, "/SubnetIds");
                    subnets.sort();
                    let mut security_groups: Vec<String> = items(endpoint, "Groups")
                        .map(|group| str_at(group, "/GroupId"))
                        .collect();
                    security_groups.sort();
                    EndpointInfo {
                        name: name_tag(endpoint),
                        id: str_at(endpoint, "/VpcEndpointId"),
                        vpc: str_at(endpoint, "/VpcId"),
                        kind: str_at(endpoint, "/VpcEndpointType"),
                        service_name: str_at(endpoint, "/ServiceName"),
                        state: str_at(endpoint, "/State"),
                        route_tables,
                        subnets,
                        security_groups,
                        private_dns: endpoint["PrivateDnsEnabled"].as_bool().unwrap_or(false),
                    }
                })
                .collect(),
            security_groups: items(groups, "SecurityGroups")
                .filter(|group| group["GroupName"] != "default")
                .map(|group| SecurityGroupInfo {
                    group_name: str_at(group, "/GroupName"),
                    name_tag: name_tag(group),
                    id: str_at(group, "/GroupId"),
                    vpc: str_at(group, "/VpcId"),
                })
                .collect(),
            endpoint_services: items(services, "ServiceConfigurations")
                .map(|service| EndpointServiceInfo {
                    name: name_tag(service),
                    service_id: str_at(service, "/ServiceId"),
                    service_name: str_at(service, "/ServiceName"),
                    acceptance_required: service["AcceptanceRequired"].as_bool().unwrap_or(false),
                    network_load_balancers: strings(service, "/NetworkLoadBalancerArns"),
                    supported_regions: items(service, "SupportedRegions")
                        .map(|region| str_at(region, "/Region"))
                        .collect(),
                })
                .collect(),
        };
        network.vpcs.sort();
        network.subnets.sort();
        network.peerings.sort();
        network.route_tables.sort();
        network.endpoints.sort();
        network.security_groups.sort();
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
