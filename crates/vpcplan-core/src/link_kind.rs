//! The three ways vpcplan connects a VPC privately to another VPC or service.

use serde::{Deserialize, Serialize};

use crate::Text;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A VPC peering connection joining two whole VPCs.
    Peering,
    /// A PrivateLink interface endpoint: ENIs in chosen subnets reaching an
    /// AWS service or a provider's endpoint service.
    InterfaceEndpoint,
    /// A gateway endpoint for S3, DynamoDB or S3 Express, attached to route tables.
    GatewayEndpoint,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [
        LinkKind::Peering,
        LinkKind::InterfaceEndpoint,
        LinkKind::GatewayEndpoint,
    ];

    pub fn name(self) -> Text {
        match self {
            LinkKind::Peering => Text::new("VPC peering", "VPCピアリング"),
            LinkKind::InterfaceEndpoint => Text::new(
                "PrivateLink (interface endpoint)",
                "PrivateLink (インターフェイス型)",
            ),
            LinkKind::GatewayEndpoint => Text::new(
                "PrivateLink (gateway endpoint)",
                "PrivateLink (ゲートウェイ型)",
            ),
        }
    }

    /// A stable identifier for CSS classes, test ids and file formats.
    pub fn slug(self) -> &'static str {
        match self {
            LinkKind::Peering => "peering",
            LinkKind::InterfaceEndpoint => "interface-endpoint",
            LinkKind::GatewayEndpoint => "gateway-endpoint",
        }
    }
}
