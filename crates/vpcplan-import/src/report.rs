//! The import report: what became of every resource of the sources. Each
//! one is mapped to a design item, mapped with something lost (and why), or
//! skipped (and why); nothing is dropped without a line here. The faces show
//! it before anything changes, and the CLI writes it as JSON.

use serde::{Deserialize, Serialize};
use vpcplan_core::Localized;

/// Every resource the sources held, in the order they were read.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    pub entries: Vec<Entry>,
}

/// One resource of a source and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The file it came from, as the caller named it.
    pub file: String,
    /// Its type in the source: `AWS::EC2::VPC`, `describe-vpcs`, ….
    pub resource_type: String,
    /// Its name in the source: a logical id, or an AWS id such as `vpc-0a1b…`.
    pub resource: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// What became of a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Mapped to a design item, completely.
    Mapped { item: Item },
    /// Mapped to a design item, but some of it could not be kept.
    Partial { item: Item, lost: Vec<Said> },
    /// Not in the design.
    Skipped { reason: Said },
}

/// A design item, by its kind and design id (and its VPC's, for what a VPC
/// holds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Account,
    Vpc,
    Subnet,
    RouteTable,
    Route,
    SecurityGroup,
    SecurityGroupRule,
    Service,
    Link,
}

/// A sentence in both languages vpcplan speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub en: String,
    pub ja: String,
}

impl Said {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Said {
        Said {
            en: en.into(),
            ja: ja.into(),
        }
    }
}

impl From<Said> for Localized {
    fn from(said: Said) -> Localized {
        Localized::new(said.en, said.ja)
    }
}

impl Item {
    pub fn new(kind: ItemKind, id: impl Into<String>) -> Item {
        Item {
            kind,
            id: id.into(),
            vpc: None,
        }
    }

    pub fn in_vpc(kind: ItemKind, vpc: impl Into<String>, id: impl Into<String>) -> Item {
        Item {
            kind,
            id: id.into(),
            vpc: Some(vpc.into()),
        }
    }
}

impl Report {
    /// How many entries were mapped, partially mapped and skipped.
    pub fn counts(&self) -> (usize, usize, usize) {
        self.entries
            .iter()
            .fold((0, 0, 0), |(m, p, s), entry| match entry.outcome {
                Outcome::Mapped { .. } => (m + 1, p, s),
                Outcome::Partial { .. } => (m, p + 1, s),
                Outcome::Skipped { .. } => (m, p, s + 1),
            })
    }

    /// The report as pretty-printed JSON ending with a newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .expect("the report holds only strings, lists and structs");
        text.push('\n');
        text
    }
}
