//! Version 2 of the design file: version 1 plus `existing`, the AWS identity
//! of the items that exist already (imported from AWS, a CloudFormation
//! template or a Terraform state), so that a design can mix what exists with
//! what is planned.
//!
//! Everything else is version 1's types, unchanged and frozen there: the
//! design's accounts, VPCs, services, links and intents are `v1` types, and
//! only the design (which gains `existing`) and the envelope are new. The
//! identities are one list per kind of item, each entry naming the item by
//! its design id (a subnet, route table or security group together with its
//! VPC) and giving the AWS id and, when known, the ARN. An entry that names
//! no item of the design is an error with its path, like a dangling
//! reference anywhere else in the file.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use super::v1;
use crate::design as m;

/// The format version these types describe.
pub const VERSION: u64 = 2;

/// A vpcplan design file, format version 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "vpcplan design file (format version 2)")]
pub struct File {
    /// Always `vpcplan-design`: what this file is.
    pub format: v1::Format,
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

/// The accounts, VPCs, services and links of a design, the flows it must
/// allow, and which of its items exist in AWS already. Ids are chosen by
/// whoever creates a thing and must be unique within the design; references
/// between things use them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// A name for the design, shown in titles and exports.
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<v1::Account>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpcs: Vec<v1::Vpc>,
    /// AWS services and endpoint services that endpoints connect to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<v1::Service>,
    /// Peerings, interface endpoints and gateway endpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<v1::Link>,
    /// Flows the design must allow ("this must reach that").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intents: Vec<v1::Intent>,
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
    /// The version 2 file for a version 1 file: the same design, nothing
    /// known to exist.
    pub fn from_v1(file: v1::File) -> File {
        let v1::Design {
            name,
            accounts,
            vpcs,
            services,
            links,
            intents,
        } = file.design;
        File {
            format: file.format,
            version: VERSION,
            design: Design {
                name,
                accounts,
                vpcs,
                services,
                links,
                intents,
                existing: Existing::default(),
            },
        }
    }

    /// The file for an internal design.
    pub fn from_model(design: &m::Design) -> File {
        let v1::File {
            format,
            design:
                v1::Design {
                    name,
                    accounts,
                    vpcs,
                    services,
                    links,
                    intents,
                },
            ..
        } = v1::File::from_model(design);
        let mut existing = Existing::default();
        for vpc in &design.vpcs {
            let in_vpc = |item: &str, identity: &m::AwsIdentity| ExistingInVpc {
                vpc: vpc.id.to_string(),
                item: item.to_owned(),
                aws_id: identity.id.clone(),
                arn: identity.arn.clone(),
            };
            if let Some(identity) = &vpc.existing {
                existing.vpcs.push(ExistingVpc {
                    vpc: vpc.id.to_string(),
                    aws_id: identity.id.clone(),
                    arn: identity.arn.clone(),
                });
            }
            for subnet in &vpc.subnets {
                if let Some(identity) = &subnet.existing {
                    existing.subnets.push(in_vpc(subnet.id.as_str(), identity));
                }
            }
            for table in &vpc.route_tables {
                if let Some(identity) = &table.existing {
                    existing
                        .route_tables
                        .push(in_vpc(table.id.as_str(), identity));
                }
            }
            for group in &vpc.security_groups {
                if let Some(identity) = &group.existing {
                    existing
                        .security_groups
                        .push(in_vpc(group.id.as_str(), identity));
                }
            }
        }
        for link in &design.links {
            if let Some(identity) = &link.existing {
                existing.links.push(ExistingLink {
                    link: link.id.to_string(),
                    aws_id: identity.id.clone(),
                    arn: identity.arn.clone(),
                });
            }
        }
        File {
            format,
            version: VERSION,
            design: Design {
                name,
                accounts,
                vpcs,
                services,
                links,
                intents,
                existing,
            },
        }
    }

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
        type Items = fn(&v1::Vpc) -> Vec<&str>;
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

    /// The internal design this file describes.
    pub fn into_model(self) -> m::Design {
        let Design {
            name,
            accounts,
            vpcs,
            services,
            links,
            intents,
            existing,
        } = self.design;
        let mut design = v1::Design {
            name,
            accounts,
            vpcs,
            services,
            links,
            intents,
        }
        .into_model();
        for entry in existing.vpcs {
            if let Some(vpc) = design
                .vpcs
                .iter_mut()
                .find(|vpc| vpc.id.as_str() == entry.vpc)
            {
                vpc.existing = identity(entry.aws_id, entry.arn);
            }
        }
        let in_vpc = |design: &mut m::Design, entry: &ExistingInVpc| {
            design
                .vpcs
                .iter_mut()
                .position(|vpc| vpc.id.as_str() == entry.vpc)
        };
        for entry in existing.subnets {
            if let Some(at) = in_vpc(&mut design, &entry)
                && let Some(subnet) = design.vpcs[at]
                    .subnets
                    .iter_mut()
                    .find(|subnet| subnet.id.as_str() == entry.item)
            {
                subnet.existing = identity(entry.aws_id, entry.arn);
            }
        }
        for entry in existing.route_tables {
            if let Some(at) = in_vpc(&mut design, &entry)
                && let Some(table) = design.vpcs[at]
                    .route_tables
                    .iter_mut()
                    .find(|table| table.id.as_str() == entry.item)
            {
                table.existing = identity(entry.aws_id, entry.arn);
            }
        }
        for entry in existing.security_groups {
            if let Some(at) = in_vpc(&mut design, &entry)
                && let Some(group) = design.vpcs[at]
                    .security_groups
                    .iter_mut()
                    .find(|group| group.id.as_str() == entry.item)
            {
                group.existing = identity(entry.aws_id, entry.arn);
            }
        }
        for entry in existing.links {
            if let Some(link) = design
                .links
                .iter_mut()
                .find(|link| link.id.as_str() == entry.link)
            {
                link.existing = identity(entry.aws_id, entry.arn);
            }
        }
        design
    }
}

fn link_id(link: &v1::Link) -> &str {
    match link {
        v1::Link::Peering(peering) => &peering.id,
        v1::Link::InterfaceEndpoint(endpoint) => &endpoint.id,
        v1::Link::GatewayEndpoint(endpoint) => &endpoint.id,
    }
}
