//! Links: peerings, interface endpoints (and what they connect to) and
//! gateway endpoints.

use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::tagged::{split_tagged, tagged_variant, unknown_kind};

/// A connection the design makes: a peering between two VPCs, or an
/// endpoint in a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Link {
    /// A VPC peering connection.
    Peering(Peering),
    /// An interface endpoint (PrivateLink), or a Gateway Load Balancer,
    /// resource or service-network endpoint.
    InterfaceEndpoint(InterfaceEndpoint),
    /// A gateway endpoint (S3, DynamoDB, S3 Express One Zone).
    GatewayEndpoint(GatewayEndpoint),
}

tagged_deserialize!(Link, "a link object", {
    "peering" => Peering,
    "interface_endpoint" => InterfaceEndpoint,
    "gateway_endpoint" => GatewayEndpoint,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct Peering {
    pub id: String,
    /// The id of the VPC that requests the peering.
    pub requester: String,
    /// The id of the VPC that accepts it.
    pub accepter: String,
    /// Resolve the peer's public DNS hostnames to private addresses.
    /// Default: `false`.
    #[serde(default)]
    pub dns_resolution: bool,
    /// Carry IPv6 over the peering (adds IPv6 routes on both sides).
    /// Default: `false`.
    #[serde(default)]
    pub ipv6: bool,
    /// Ids of route tables that should not get the derived routes to the peer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_route_tables: Vec<String>,
    /// Default: `planned`.
    #[serde(default)]
    pub state: PeeringState,
}

/// Where a peering is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeeringState {
    /// Not created yet.
    #[default]
    Planned,
    /// Requested, waiting for the accepter.
    PendingAcceptance,
    Active,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct InterfaceEndpoint {
    pub id: String,
    /// The id of the consumer VPC.
    pub vpc: String,
    /// What the endpoint connects to.
    pub target: EndpointTarget,
    /// Ids of the subnets it has a network interface in (one per AZ).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// Ids of its security groups; empty means the VPC's default group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    /// Whether the service's default DNS name resolves to the endpoint.
    pub private_dns: bool,
    /// Default: `ipv4`.
    #[serde(default)]
    pub ip_address_type: IpAddressType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_record_ip_type: Option<DnsRecordIpType>,
    /// The service's Region when it differs from the VPC's (cross-Region
    /// PrivateLink).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_region: Option<String>,
    /// The endpoint policy, a JSON document as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// An explicit service name, such as `com.amazonaws.vpce.ap-northeast-1.vpce-svc-…`;
    /// otherwise it is derived from the target service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
}

/// What an interface-type endpoint connects to.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EndpointTarget {
    /// An AWS service or endpoint service node of the design.
    Service(ServiceRef),
    /// A Gateway Load Balancer endpoint to an endpoint service node.
    GatewayLoadBalancer(ServiceRef),
    /// A VPC Lattice resource endpoint.
    Resource(ResourceTarget),
    /// A VPC Lattice service-network endpoint.
    ServiceNetwork(ServiceNetworkTarget),
}

tagged_deserialize!(EndpointTarget, "an endpoint target object", {
    "service" => Service,
    "gateway_load_balancer" => GatewayLoadBalancer,
    "resource" => Resource,
    "service_network" => ServiceNetwork,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ServiceRef {
    /// The id of a service of the design.
    pub service: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ResourceTarget {
    /// The ARN of the VPC Lattice resource configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct ServiceNetworkTarget {
    /// The ARN of the VPC Lattice service network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// The IP address type of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IpAddressType {
    #[default]
    Ipv4,
    Dualstack,
    Ipv6,
}

/// The DNS record IP type of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DnsRecordIpType {
    Ipv4,
    Dualstack,
    Ipv6,
    ServiceDefined,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct GatewayEndpoint {
    pub id: String,
    /// The id of the VPC.
    pub vpc: String,
    /// The id of an AWS service node (`s3`, `dynamodb` or `s3express`).
    pub service: String,
    /// Ids of the route tables that get the route to the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<String>,
    /// The endpoint policy, a JSON document as a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// Default: `ipv4`.
    #[serde(default)]
    pub ip_address_type: IpAddressType,
    /// Interface-endpoint settings that do not apply to gateway endpoints,
    /// kept so a mistaken import can be flagged. Normally absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// See `subnets`. Normally absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<String>,
    /// See `subnets`. Default: `false`.
    #[serde(default)]
    pub private_dns: bool,
}
