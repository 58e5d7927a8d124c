//! Transit gateways: the gateway and its options, its VPC attachments, its
//! route tables (associations, propagations, static routes and blackholes),
//! its RAM share, and peerings between two transit gateways. The fields
//! follow AWS's `TransitGatewayRequestOptions` and
//! `CreateTransitGatewayVpcAttachmentRequestOptions`, and default as the
//! EC2 API does (`../shared/reference/tgw-rules.md` §1).

use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};

use super::*;
use crate::file::v1::tagged::{split_tagged, tagged_deserialize, tagged_variant, unknown_kind};

/// A transit gateway: a Regional router that VPCs attach to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitGateway {
    pub id: String,
    pub name: String,
    /// The id of the owning account (one of `accounts`).
    pub account: String,
    /// The Region code, such as `ap-northeast-1`.
    pub region: String,
    /// `AmazonSideAsn`: a private ASN, 64512–65534 or
    /// 4200000000–4294967294. Default: 64512.
    #[serde(default = "default_asn")]
    pub amazon_side_asn: u32,
    /// `DefaultRouteTableAssociation`: new attachments associate with the
    /// default route table. Default: `true`.
    #[serde(default = "yes")]
    pub default_route_table_association: bool,
    /// `DefaultRouteTablePropagation`: new attachments propagate into the
    /// default route table. Default: `true`.
    #[serde(default = "yes")]
    pub default_route_table_propagation: bool,
    /// `AutoAcceptSharedAttachments`: attachments from other accounts need
    /// no acceptance. Default: `false`.
    #[serde(default)]
    pub auto_accept_shared_attachments: bool,
    /// `DnsSupport`. Default: `true`.
    #[serde(default = "yes")]
    pub dns_support: bool,
    /// `SecurityGroupReferencingSupport`. Default: `false`.
    #[serde(default)]
    pub security_group_referencing: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vpc_attachments: Vec<TransitGatewayVpcAttachment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<TransitGatewayRouteTable>,
    /// The AWS RAM share that lets other accounts attach their VPCs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<ResourceShare>,
    /// Default: `{"x": 0, "y": 0}`.
    #[serde(default)]
    pub position: Position,
}

fn default_asn() -> u32 {
    64512
}

fn yes() -> bool {
    true
}

/// A VPC attachment: one subnet per Availability Zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitGatewayVpcAttachment {
    pub id: String,
    /// The id of the attached VPC.
    pub vpc: String,
    /// The ids of the attachment's subnets, one per Availability Zone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// `ApplianceModeSupport`. Default: `false`.
    #[serde(default)]
    pub appliance_mode: bool,
    /// `Ipv6Support`. Default: `false`.
    #[serde(default)]
    pub ipv6_support: bool,
    /// `DnsSupport`. Default: `true`.
    #[serde(default = "yes")]
    pub dns_support: bool,
    /// `SecurityGroupReferencingSupport`. Default: `true`.
    #[serde(default = "yes")]
    pub security_group_referencing: bool,
}

/// A route table of a transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitGatewayRouteTable {
    pub id: String,
    pub name: String,
    /// The ids of the attachments (VPC attachments or peerings) associated
    /// with this table: their incoming traffic is routed here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<String>,
    /// The ids of the VPC attachments that propagate their CIDRs into this
    /// table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub propagations: Vec<String>,
    /// Static routes, blackholes included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<TransitGatewayRoute>,
    /// The ids of route tables of the same transit gateway whose associated
    /// attachments this table's attachments must not reach (segments).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub isolated_from: Vec<String>,
}

/// A static route of a transit gateway route table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitGatewayRoute {
    /// An IPv4 or IPv6 CIDR.
    pub destination: IpCidr,
    pub target: TransitGatewayRouteTarget,
}

/// Where a static transit gateway route sends traffic.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TransitGatewayRouteTarget {
    /// A VPC attachment or a transit gateway peering of the design.
    Attachment(AttachmentRef),
    /// Drops the traffic.
    Blackhole(Blackhole),
}

tagged_deserialize!(TransitGatewayRouteTarget, "a transit gateway route target object", {
    "attachment" => Attachment,
    "blackhole" => Blackhole,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct AttachmentRef {
    /// The id of a VPC attachment or a transit gateway peering.
    pub attachment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct Blackhole {}

/// An AWS RAM resource share of a transit gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceShare {
    /// Account ids, or the ARN of an organization or an organizational unit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principals: Vec<String>,
    /// `AllowExternalPrincipals`: accounts outside the organization may be
    /// principals. Default: `false`.
    #[serde(default)]
    pub allow_external_principals: bool,
}

/// A peering between two transit gateways.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitGatewayPeering {
    /// The id of the peering attachment, the one both sides' route tables
    /// name.
    pub id: String,
    /// The id of the transit gateway that requests the peering.
    pub requester: String,
    /// The id of the transit gateway that accepts it.
    pub accepter: String,
    /// Default: `planned`.
    #[serde(default)]
    pub state: PeeringState,
}
