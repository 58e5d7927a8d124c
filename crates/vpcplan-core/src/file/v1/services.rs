//! Services that endpoints connect to: AWS services from the catalogue and
//! providers' endpoint services behind load balancers.

use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::tagged::{split_tagged, tagged_variant, unknown_kind};
use super::*;

/// A service endpoints connect to: an AWS service, or a provider's endpoint
/// service in one of the design's VPCs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Service {
    /// An AWS service from vpcplan's catalogue.
    Aws(AwsService),
    /// A provider's endpoint service (PrivateLink) behind load balancers.
    EndpointService(EndpointService),
}

tagged_deserialize!(Service, "a service object", {
    "aws" => Aws,
    "endpoint_service" => EndpointService,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct AwsService {
    pub id: String,
    pub name: String,
    /// The Region of the service, such as `ap-northeast-1`.
    pub region: String,
    /// The service-name suffix after `com.amazonaws.<region>.`, such as `s3`
    /// or `ecr.dkr`.
    pub service: String,
    /// Default: `{"x": 0, "y": 0}`.
    #[serde(default)]
    pub position: Position,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct EndpointService {
    pub id: String,
    pub name: String,
    /// The Region of the service: its provider VPC's Region.
    pub region: String,
    /// The id of the VPC its load balancers are in.
    pub provider_vpc: String,
    /// Network Load Balancers, for interface endpoint consumers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_load_balancers: Vec<LoadBalancer>,
    /// Gateway Load Balancers, for Gateway Load Balancer endpoint consumers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gateway_load_balancers: Vec<LoadBalancer>,
    /// Whether the provider must accept each endpoint connection.
    pub acceptance_required: bool,
    /// Principal ARNs allowed to connect, such as
    /// `arn:aws:iam::123456789012:root`, or `*` for everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_principals: Vec<String>,
    /// Regions other than its own from which consumers may connect.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supported_regions: Vec<String>,
    /// The IP families consumers may use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supported_ip_address_types: Vec<IpFamily>,
    /// The AZ ids the service is offered in, such as `apne1-az4`; empty when
    /// not known yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability_zone_ids: Vec<String>,
    /// The port consumers connect to.
    pub port: u16,
    /// Default: `{"x": 0, "y": 0}`.
    #[serde(default)]
    pub position: Position,
}

/// A load balancer behind an endpoint service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LoadBalancer {
    /// The load balancer's name or ARN.
    pub name: String,
    /// How many listeners it has.
    pub listeners: u32,
}

/// An IP address family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IpFamily {
    Ipv4,
    Ipv6,
}
