//! Version 1 of the design file: the types the JSON is read into and written
//! from, and their conversion to and from the internal model.
//!
//! These types are the file format's contract and change only with a new
//! version; the internal types in `crate::design` may change freely, and only
//! the conversions here follow them. Every struct denies unknown fields, so a
//! misspelt field is an error rather than silently ignored. Lists may be left
//! out (they default to empty) and so may optional values; a few settings
//! have documented defaults; everything else is required. The writer leaves
//! out empty lists and absent options and writes everything else.
//!
//! Links, services, route destinations and targets, rule sources, endpoint
//! targets and intents are internally tagged: `{"kind": "peering", ...}`.
//! Their `Deserialize` is written by hand (`tagged_deserialize!`) so that an
//! error inside one still names its full JSON path; serde's derived tagging
//! buffers the object and would report only the path of the whole object.
//!
//! The types are spread over files by the part of the design they describe:
//! here the envelope, the design and its accounts and positions; `vpc.rs`
//! (subnets, route tables, network ACLs, gateways, security groups),
//! `services.rs`, `links.rs`, `intents.rs`. `cidr.rs` holds the CIDR types,
//! `tagged.rs` the path-keeping `Deserialize` of the tagged enums. Into the
//! model in `into_model.rs`, from it in `from_model.rs`.

// `tagged_deserialize!` first: the type files below use it.
#[macro_use]
pub(crate) mod tagged;

mod cidr;
mod from_model;
mod intents;
mod into_model;
mod links;
mod services;
mod vpc;

pub use cidr::{IpCidr, Ipv4Cidr, Ipv6Cidr};
pub use intents::*;
pub use links::*;
pub use services::*;
pub(crate) use tagged::{describe, join_path, nested_message, split_nested};
pub use vpc::*;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::design as m;

/// The format version these types describe.
pub const VERSION: u64 = 1;

/// A vpcplan design file, format version 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "vpcplan design file (format version 1)")]
pub struct File {
    /// Always `vpcplan-design`: what this file is.
    pub format: Format,
    /// The format version: 1. Readers refuse versions newer than they know
    /// and migrate older ones.
    #[schemars(schema_with = "version_schema")]
    pub version: u64,
    pub design: Design,
}

/// The marker of a vpcplan design file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Format {
    #[serde(rename = "vpcplan-design")]
    VpcplanDesign,
}

fn version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "integer",
        "const": VERSION,
    })
}

/// The accounts, VPCs, services and links of a design, and the flows it must
/// allow. Ids are chosen by whoever creates a thing and must be unique within
/// the design; references between things use them.
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
}

/// An AWS account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The 12-digit account id, such as `123456789012`.
    pub id: String,
    pub name: String,
}

/// Where a node sits on the editor's canvas, in canvas units (x to the
/// right, y downwards). No rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes fields by reference.
fn is_false(value: &bool) -> bool {
    !*value
}
