//! A VPC in version 2: its route tables' routes may target a transit
//! gateway of the design. Everything else in a VPC is version 1's.

use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::*;
use crate::file::v1::tagged::{split_tagged, tagged_deserialize, tagged_variant, unknown_kind};

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

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes fields by reference.
pub(super) fn is_false(value: &bool) -> bool {
    !*value
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
    /// A transit gateway of the design; the VPC must be attached to it.
    TransitGateway(TransitGatewayRef),
    /// Anything else (a network interface, a transit gateway outside the
    /// design, …), by its AWS id.
    Other(OtherTarget),
}

tagged_deserialize!(RouteTarget, "a route target object", {
    "peering" => Peering,
    "gateway_endpoint" => GatewayEndpoint,
    "edge" => Edge,
    "transit_gateway" => TransitGateway,
    "other" => Other,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct TransitGatewayRef {
    /// The id of a transit gateway of the design.
    pub transit_gateway: String,
}
