//! Intents: the flows a design must allow, from a VPC or subnet to a VPC or
//! service.

use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::tagged::{split_tagged, tagged_variant, unknown_kind};
use super::*;

/// "This must reach that": a flow the design is meant to allow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    pub id: String,
    pub from: IntentSource,
    pub to: IntentTarget,
}

/// Where a flow starts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IntentSource {
    /// Any subnet of a VPC.
    Vpc(VpcRef),
    /// One subnet of a VPC.
    Subnet(SubnetRef),
}

tagged_deserialize!(IntentSource, "an intent source object", {
    "vpc" => Vpc,
    "subnet" => Subnet,
});

/// Where a flow must arrive.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IntentTarget {
    /// A VPC.
    Vpc(VpcRef),
    /// A service node.
    Service(ServiceRef),
}

tagged_deserialize!(IntentTarget, "an intent target object", {
    "vpc" => Vpc,
    "service" => Service,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct VpcRef {
    /// The id of a VPC of the design.
    pub vpc: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SubnetRef {
    /// The id of the VPC.
    pub vpc: String,
    /// The id of the subnet in it.
    pub subnet: String,
}
