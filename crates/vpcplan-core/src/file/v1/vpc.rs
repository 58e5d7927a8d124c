//! A VPC and what it holds: subnets, route tables and their routes, network
//! ACLs, edge gateways and security groups.

use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::tagged::{split_tagged, tagged_variant, unknown_kind};
use super::*;

/// A VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    pub id: String,
    pub name: String,
    /// The id of the owning account (one of `accounts`).
    pub account: String,
    /// The Region code, such as `ap-northeast-1`.
    pub region: String,
    /// The primary IPv4 CIDR first, then secondary ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ipv4_cidrs: Vec<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ipv6_cidrs: Vec<Ipv6Cidr>,
    /// `enableDnsSupport`: the Amazon DNS server answers in the VPC.
    pub dns_support: bool,
    /// `enableDnsHostnames`: instances get public DNS hostnames.
    pub dns_hostnames: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    /// Gateways at the VPC's edge that routes may target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edge_gateways: Vec<EdgeGateway>,
    /// Network ACLs associated with subnets (others use the default ACL,
    /// which allows all traffic).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAcl>,
    /// Instances send jumbo frames (MTU 9001). Default: `false`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub jumbo_frames: bool,
    /// Default: `{"x": 0, "y": 0}`.
    #[serde(default)]
    pub position: Position,
}

/// A subnet of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub id: String,
    pub name: String,
    /// Absent for an IPv6-only subnet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv4_cidr: Option<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr: Option<Ipv6Cidr>,
    /// The AZ name as the owning account sees it, such as `ap-northeast-1a`.
    pub availability_zone: String,
    /// The AZ id, the same in every account, such as `apne1-az4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
}

/// A route table of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    pub id: String,
    pub name: String,
    /// The main route table serves every subnet not explicitly associated
    /// with another table.
    pub main: bool,
    /// The ids of the subnets explicitly associated with this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// Routes written by hand or found by an import. Routes that links imply
    /// (peerings, gateway endpoints) are derived and never stored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
}

/// A route: where traffic goes and through what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub destination: RouteDestination,
    pub target: RouteTarget,
}

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RouteDestination {
    /// An IPv4 CIDR.
    Ipv4(CidrV4Destination),
    /// An IPv6 CIDR.
    Ipv6(CidrV6Destination),
    /// A managed prefix list.
    PrefixList(PrefixListRef),
}

tagged_deserialize!(RouteDestination, "a route destination object", {
    "ipv4" => Ipv4,
    "ipv6" => Ipv6,
    "prefix_list" => PrefixList,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct CidrV4Destination {
    pub cidr: Ipv4Cidr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct CidrV6Destination {
    pub cidr: Ipv6Cidr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct PrefixListRef {
    /// The prefix list's id (`pl-…`) or name, such as
    /// `com.amazonaws.ap-northeast-1.s3`.
    pub prefix_list: String,
}

/// What a route sends traffic through.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RouteTarget {
    /// A peering link of the design.
    Peering(LinkRef),
    /// A gateway endpoint link of the design.
    GatewayEndpoint(LinkRef),
    /// A gateway at the VPC's edge.
    Edge(EdgeRef),
    /// Anything else (a transit gateway, a network interface, …), by its AWS id.
    Other(OtherTarget),
}

tagged_deserialize!(RouteTarget, "a route target object", {
    "peering" => Peering,
    "gateway_endpoint" => GatewayEndpoint,
    "edge" => Edge,
    "other" => Other,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct LinkRef {
    /// The id of a link of the design.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct EdgeRef {
    pub gateway: EdgeGatewayKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct OtherTarget {
    /// The target's AWS id, such as `tgw-0123456789abcdef0` or `eni-…`.
    pub id: String,
}

/// A network ACL and the subnets it is associated with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<NetworkAclEntry>,
}

/// A numbered rule of a network ACL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkAclEntry {
    pub rule_number: u16,
    /// `true` for an outbound rule, `false` for inbound.
    pub egress: bool,
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub cidr: IpCidr,
    /// `true` to allow, `false` to deny.
    pub allow: bool,
}

/// A gateway at a VPC's edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EdgeGateway {
    pub kind: EdgeGatewayKind,
    /// For VPN and Direct Connect: the on-premises ranges behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote_cidrs: Vec<IpCidr>,
}

/// The kinds of edge gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EdgeGatewayKind {
    InternetGateway,
    NatGateway,
    VpnGateway,
    DirectConnect,
    TransitGateway,
}

/// A security group of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    /// Inbound rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<SecurityGroupRule>,
}

/// An inbound security group rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupRule {
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub from_port: u16,
    pub to_port: u16,
    pub source: RuleSource,
}

/// Where a security group rule allows traffic from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleSource {
    /// An IPv4 or IPv6 CIDR.
    Cidr(CidrSource),
    /// A security group in this VPC or in another VPC of the design.
    SecurityGroup(SecurityGroupSource),
    /// A managed prefix list.
    PrefixList(PrefixListRef),
}

tagged_deserialize!(RuleSource, "a rule source object", {
    "cidr" => Cidr,
    "security_group" => SecurityGroup,
    "prefix_list" => PrefixList,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct CidrSource {
    pub cidr: IpCidr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SecurityGroupSource {
    /// The id of the VPC the group belongs to.
    pub vpc: String,
    /// The id of the group.
    pub group: String,
}
