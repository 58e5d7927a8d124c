//! Version 2 of the design file: version 1 plus transit gateways (their VPC
//! attachments, route tables with associations, propagations and static
//! routes, and RAM shares), peerings between transit gateways, and VPC
//! routes that target a transit gateway of the design.
//!
//! Only the types that changed are defined here: the envelope and `Design`
//! (two new lists), `Vpc`, `RouteTable`, `Route` and `RouteTarget` (a new
//! `transit_gateway` kind), and the transit gateway types in
//! `transit_gateway.rs`. Every other type is version 1's, unchanged and
//! re-exported (`pub use super::v1::*`; the types defined here shadow their
//! version 1 namesakes). A later change to one of those types copies it
//! here first, since version 1's types are frozen.
//!
//! Into the model in `into_model.rs`, from it in `from_model.rs`; a version
//! 1 file becomes a version 2 file in `from_v1.rs`.

mod from_model;
mod from_v1;
mod into_model;
mod transit_gateway;
mod vpc;

pub use super::v1::*;
pub use transit_gateway::*;
pub use vpc::{Route, RouteTable, RouteTarget, TransitGatewayRef, Vpc};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::design as m;
use serde::{Deserialize, Serialize};

/// The format version these types describe.
pub const VERSION: u64 = 2;

/// A vpcplan design file, format version 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "vpcplan design file (format version 2)")]
pub struct File {
    /// Always `vpcplan-design`: what this file is.
    pub format: Format,
    /// The format version: 2. Readers refuse versions newer than they know
    /// and migrate older ones.
    #[schemars(schema_with = "version_schema")]
    pub version: u64,
    pub design: Design,
}

fn version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "integer",
        "const": VERSION,
    })
}

/// The accounts, VPCs, services, links and transit gateways of a design,
/// and the flows it must allow. Ids are chosen by whoever creates a thing
/// and must be unique within the design; references between things use
/// them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// A name for the design, shown in titles and exports.
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<Account>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<Vpc>,
    /// AWS services and endpoint services that endpoints connect to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// Peerings, interface endpoints and gateway endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// Flows the design must allow ("this must reach that").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<Intent>,
    /// Transit gateways, each with its VPC attachments and route tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateways: Vec<TransitGateway>,
    /// Peerings between two transit gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transit_gateway_peerings: Vec<TransitGatewayPeering>,
}
