//! Version 2 of the design file: version 1 plus
//! - `existing`, the AWS identity of the items that exist already (imported
//!   from AWS, a CloudFormation template or a Terraform state), so that a
//!   design can mix what exists with what is planned: one list per kind of
//!   item, each entry naming the item by its design id (a subnet, route
//!   table or security group together with its VPC) and giving the AWS id
//!   and, when known, the ARN. An entry that names no item of the design is
//!   an error with its path, like a dangling reference anywhere else in the
//!   file;
//! - transit gateways (their VPC attachments, route tables with
//!   associations, propagations and static routes, and RAM shares),
//!   peerings between transit gateways, and VPC routes that target a
//!   transit gateway of the design.
//!
//! Only the types that changed are defined here: the envelope and `Design`
//! (`existing` and two new lists), the identity types, `Vpc`, `RouteTable`, `Route` and `RouteTarget` (a new
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

use super::v1;
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
/// the flows it must allow, and which of its items exist in AWS already. Ids are chosen by whoever creates a thing
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
    /// The items that exist in AWS already, with their AWS identity. Items
    /// not listed here are planned. Default: none.
    #[serde(default, skip_serializing_if = "Existing::is_empty")]
    pub existing: Existing,
}

/// The AWS identity of the design's items that exist already, one list per
/// kind of item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Existing {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<ExistingVpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<ExistingInVpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<ExistingInVpc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<ExistingInVpc>,
    /// Peering connections and VPC endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<ExistingLink>,
}

impl Existing {
    pub fn is_empty(&self) -> bool {
        self.vpcs.is_empty()
            && self.subnets.is_empty()
            && self.route_tables.is_empty()
            && self.security_groups.is_empty()
            && self.links.is_empty()
    }
}

/// A VPC of the design that exists in AWS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExistingVpc {
    /// The design id of the VPC (one of `vpcs`).
    pub vpc: String,
    /// The id AWS gave it, such as `vpc-0a1b2c3d4e5f60718`.
    pub aws_id: String,
    /// Its ARN, when the source gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// A subnet, route table or security group of the design that exists in
/// AWS (which one, by the list it is in).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExistingInVpc {
    /// The design id of the VPC that holds the item.
    pub vpc: String,
    /// The design id of the item within that VPC.
    pub item: String,
    /// The id AWS gave it, such as `subnet-…`, `rtb-…` or `sg-…`.
    pub aws_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// A link of the design that exists in AWS: a peering connection (`pcx-…`)
/// or a VPC endpoint (`vpce-…`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExistingLink {
    /// The design id of the link (one of `links`).
    pub link: String,
    pub aws_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

fn identity(aws_id: String, arn: Option<String>) -> Option<m::AwsIdentity> {
    Some(m::AwsIdentity { id: aws_id, arn })
}

impl File {
    /// The JSON path and the reason of the first `existing` entry that names
    /// no item of the design, if any. Reading refuses such a file, as it
    /// refuses any other value that cannot be what the file says.
    pub(crate) fn dangling_existing(&self) -> Option<(String, String)> {
        let design = &self.design;
        let vpc = |id: &str| design.vpcs.iter().find(|vpc| vpc.id == id);
        let existing = &design.existing;
        for (index, entry) in existing.vpcs.iter().enumerate() {
            if vpc(&entry.vpc).is_none() {
                return Some((
                    format!("design.existing.vpcs[{index}].vpc"),
                    format!("no VPC of the design has the id {:?}", entry.vpc),
                ));
            }
        }
        type Items = fn(&Vpc) -> Vec<&str>;
        let lists: [(&str, &Vec<ExistingInVpc>, &str, Items); 3] = [
            ("subnets", &existing.subnets, "subnet", |vpc| {
                vpc.subnets.iter().map(|s| s.id.as_str()).collect()
            }),
            (
                "route_tables",
                &existing.route_tables,
                "route table",
                |vpc| vpc.route_tables.iter().map(|t| t.id.as_str()).collect(),
            ),
            (
                "security_groups",
                &existing.security_groups,
                "security group",
                |vpc| vpc.security_groups.iter().map(|g| g.id.as_str()).collect(),
            ),
        ];
        for (list, entries, noun, items) in lists {
            for (index, entry) in entries.iter().enumerate() {
                let Some(holder) = vpc(&entry.vpc) else {
                    return Some((
                        format!("design.existing.{list}[{index}].vpc"),
                        format!("no VPC of the design has the id {:?}", entry.vpc),
                    ));
                };
                if !items(holder).contains(&entry.item.as_str()) {
                    return Some((
                        format!("design.existing.{list}[{index}].item"),
                        format!(
                            "the VPC {:?} has no {noun} with the id {:?}",
                            entry.vpc, entry.item
                        ),
                    ));
                }
            }
        }
        for (index, entry) in existing.links.iter().enumerate() {
            let found = design.links.iter().any(|link| link_id(link) == entry.link);
            if !found {
                return Some((
                    format!("design.existing.links[{index}].link"),
                    format!("no link of the design has the id {:?}", entry.link),
                ));
            }
        }
        None
    }
}

fn link_id(link: &v1::Link) -> &str {
    match link {
        v1::Link::Peering(peering) => &peering.id,
        v1::Link::InterfaceEndpoint(endpoint) => &endpoint.id,
        v1::Link::GatewayEndpoint(endpoint) => &endpoint.id,
    }
}
