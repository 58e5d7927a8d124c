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

use std::borrow::Cow;
use std::fmt;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::design as m;

/// The format version these types describe.
pub const VERSION: u64 = 1;

// ---------------------------------------------------------------------------
// The envelope

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

// ---------------------------------------------------------------------------
// CIDRs: strings in the file, parsed with `ipnet` as they are read

macro_rules! cidr_type {
    ($(#[$doc:meta])* $name:ident($net:ty), $what:literal, $example:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(pub $net);

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, "a string holding {}", $what)
                    }
                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$name, E> {
                        text.parse().map($name).map_err(|_| {
                            E::custom(format_args!("{text:?} is not a valid {}", $what))
                        })
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "type": "string",
                    "description": concat!($what, " in CIDR notation, such as `", $example, "`."),
                    "examples": [$example],
                })
            }
        }
    };
}

cidr_type!(
    /// An IPv4 CIDR block.
    Ipv4Cidr(Ipv4Net),
    "IPv4 CIDR",
    "10.0.0.0/16"
);
cidr_type!(
    /// An IPv6 CIDR block.
    Ipv6Cidr(Ipv6Net),
    "IPv6 CIDR",
    "2600:1f18:abcd:1200::/56"
);
cidr_type!(
    /// An IPv4 or IPv6 CIDR block.
    IpCidr(IpNet),
    "IPv4 or IPv6 CIDR",
    "192.168.0.0/16"
);

// ---------------------------------------------------------------------------
// Internally tagged enums whose errors keep their JSON path

/// A serde error message that carries a JSON path relative to where it was
/// raised: `\u{0}path\u{0}message`. serde errors are plain text, so this is
/// how a tagged enum hands the path inside it up to the reader, which joins
/// it onto the path the reader tracked (see `split_nested`).
const NESTED: char = '\u{0}';

pub(super) fn nested_message(path: &str, message: &str) -> String {
    let (inner_path, message) = split_nested(message);
    format!(
        "{NESTED}{}{NESTED}{message}",
        join_path(path, inner_path.unwrap_or(""))
    )
}

/// Splits a message made by `nested_message` into its relative path and text.
pub(super) fn split_nested(message: &str) -> (Option<&str>, &str) {
    message
        .strip_prefix(NESTED)
        .and_then(|rest| rest.split_once(NESTED))
        .map_or((None, message), |(path, message)| (Some(path), message))
}

/// `outer` then `inner`, as JSON paths: `a.b` + `c[0]` = `a.b.c[0]`,
/// `a` + `[1].c` = `a[1].c`; `.` is the root.
pub(super) fn join_path(outer: &str, inner: &str) -> String {
    let outer = if outer == "." { "" } else { outer };
    let inner = if inner == "." { "" } else { inner };
    match (outer.is_empty(), inner.is_empty()) {
        (_, true) => outer.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

/// Reads an object, takes its `kind` out and returns it with the rest.
fn split_tagged<'de, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<(String, Map<String, Value>), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let mut object = match value {
        Value::Object(object) => object,
        other => {
            return Err(de::Error::invalid_type(unexpected(&other), &expecting));
        }
    };
    match object.remove("kind") {
        Some(Value::String(kind)) => Ok((kind, object)),
        Some(other) => Err(de::Error::custom(nested_message(
            "kind",
            &format!("expected a string, found {}", describe(&other)),
        ))),
        None => Err(de::Error::missing_field("kind")),
    }
}

/// Reads the fields of one variant, keeping the path of an error inside it.
fn tagged_variant<'de, D: Deserializer<'de>, T: de::DeserializeOwned>(
    fields: Map<String, Value>,
) -> Result<T, D::Error> {
    super::json::from_value(Value::Object(fields))
        .map_err(|(path, error)| de::Error::custom(nested_message(&path, &error.to_string())))
}

fn unknown_kind<E: de::Error>(kind: &str, kinds: &'static [&'static str]) -> E {
    let expected = kinds
        .iter()
        .map(|kind| format!("`{kind}`"))
        .collect::<Vec<_>>()
        .join(", ");
    E::custom(nested_message(
        "kind",
        &format!("unknown kind `{kind}`, expected one of {expected}"),
    ))
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

pub(super) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `Deserialize` for an enum `#[serde(tag = "kind")]` of newtype variants,
/// each `"kind"` string mapping to one variant. The kinds must be the
/// variant names in snake_case, as `Serialize` writes them; the round-trip
/// tests cover every variant.
macro_rules! tagged_deserialize {
    ($enum:ident, $expecting:literal, { $($kind:literal => $variant:ident),+ $(,)? }) => {
        impl<'de> Deserialize<'de> for $enum {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const KINDS: &[&str] = &[$($kind),+];
                let (kind, fields) = split_tagged(deserializer, $expecting)?;
                match kind.as_str() {
                    $($kind => tagged_variant::<D, _>(fields).map($enum::$variant),)+
                    _ => Err(unknown_kind(&kind, KINDS)),
                }
            }
        }
    };
}

// ---------------------------------------------------------------------------
// The design

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

/// A VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vpc {
    pub id: String,
    pub name: String,
    /// The id of the owning account (one of `accounts`).
    pub account: String,
    /// The Region code, such as `ap-northeast-1`.
    pub region: String,
    /// The primary IPv4 CIDR first, then secondary ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ipv4_cidrs: Vec<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ipv6_cidrs: Vec<Ipv6Cidr>,
    /// `enableDnsSupport`: the Amazon DNS server answers in the VPC.
    pub dns_support: bool,
    /// `enableDnsHostnames`: instances get public DNS hostnames.
    pub dns_hostnames: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Subnet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route_tables: Vec<RouteTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<SecurityGroup>,
    /// Gateways at the VPC's edge that routes may target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub edge_gateways: Vec<EdgeGateway>,
    /// Network ACLs associated with subnets (others use the default ACL,
    /// which allows all traffic).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_acls: Vec<NetworkAcl>,
    /// Instances send jumbo frames (MTU 9001). Default: `false`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub jumbo_frames: bool,
    /// Default: `{"x": 0, "y": 0}`.
    #[serde(default)]
    pub position: Position,
}

/// A subnet of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subnet {
    pub id: String,
    pub name: String,
    /// Absent for an IPv6-only subnet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv4_cidr: Option<Ipv4Cidr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr: Option<Ipv6Cidr>,
    /// The AZ name as the owning account sees it, such as `ap-northeast-1a`.
    pub availability_zone: String,
    /// The AZ id, the same in every account, such as `apne1-az4`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<String>,
}

/// A route table of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteTable {
    pub id: String,
    pub name: String,
    /// The main route table serves every subnet not explicitly associated
    /// with another table.
    pub main: bool,
    /// The ids of the subnets explicitly associated with this table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    /// Routes written by hand or found by an import. Routes that links imply
    /// (peerings, gateway endpoints) are derived and never stored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<Route>,
}

/// A route: where traffic goes and through what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub destination: RouteDestination,
    pub target: RouteTarget,
}

/// Where a route sends traffic.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RouteDestination {
    /// An IPv4 CIDR.
    Ipv4(CidrV4Destination),
    /// An IPv6 CIDR.
    Ipv6(CidrV6Destination),
    /// A managed prefix list.
    PrefixList(PrefixListRef),
}

tagged_deserialize!(RouteDestination, "a route destination object", {
    "ipv4" => Ipv4,
    "ipv6" => Ipv6,
    "prefix_list" => PrefixList,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct CidrV4Destination {
    pub cidr: Ipv4Cidr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct CidrV6Destination {
    pub cidr: Ipv6Cidr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct PrefixListRef {
    /// The prefix list's id (`pl-…`) or name, such as
    /// `com.amazonaws.ap-northeast-1.s3`.
    pub prefix_list: String,
}

/// What a route sends traffic through.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RouteTarget {
    /// A peering link of the design.
    Peering(LinkRef),
    /// A gateway endpoint link of the design.
    GatewayEndpoint(LinkRef),
    /// A gateway at the VPC's edge.
    Edge(EdgeRef),
    /// Anything else (a transit gateway, a network interface, …), by its AWS id.
    Other(OtherTarget),
}

tagged_deserialize!(RouteTarget, "a route target object", {
    "peering" => Peering,
    "gateway_endpoint" => GatewayEndpoint,
    "edge" => Edge,
    "other" => Other,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct LinkRef {
    /// The id of a link of the design.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct EdgeRef {
    pub gateway: EdgeGatewayKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct OtherTarget {
    /// The target's AWS id, such as `tgw-0123456789abcdef0` or `eni-…`.
    pub id: String,
}

/// A network ACL and the subnets it is associated with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkAcl {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<NetworkAclEntry>,
}

/// A numbered rule of a network ACL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NetworkAclEntry {
    pub rule_number: u16,
    /// `true` for an outbound rule, `false` for inbound.
    pub egress: bool,
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub cidr: IpCidr,
    /// `true` to allow, `false` to deny.
    pub allow: bool,
}

/// A gateway at a VPC's edge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EdgeGateway {
    pub kind: EdgeGatewayKind,
    /// For VPN and Direct Connect: the on-premises ranges behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote_cidrs: Vec<IpCidr>,
}

/// The kinds of edge gateway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EdgeGatewayKind {
    InternetGateway,
    NatGateway,
    VpnGateway,
    DirectConnect,
    TransitGateway,
}

/// A security group of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    /// Inbound rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<SecurityGroupRule>,
}

/// An inbound security group rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecurityGroupRule {
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub from_port: u16,
    pub to_port: u16,
    pub source: RuleSource,
}

/// Where a security group rule allows traffic from.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleSource {
    /// An IPv4 or IPv6 CIDR.
    Cidr(CidrSource),
    /// A security group in this VPC or in another VPC of the design.
    SecurityGroup(SecurityGroupSource),
    /// A managed prefix list.
    PrefixList(PrefixListRef),
}

tagged_deserialize!(RuleSource, "a rule source object", {
    "cidr" => Cidr,
    "security_group" => SecurityGroup,
    "prefix_list" => PrefixList,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct CidrSource {
    pub cidr: IpCidr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
pub struct SecurityGroupSource {
    /// The id of the VPC the group belongs to.
    pub vpc: String,
    /// The id of the group.
    pub group: String,
}

// ---------------------------------------------------------------------------
// Services

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

// ---------------------------------------------------------------------------
// Links

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

// ---------------------------------------------------------------------------
// Intents

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

#[allow(clippy::trivially_copy_pass_by_ref)] // serde passes fields by reference.
fn is_false(value: &bool) -> bool {
    !*value
}

mod from_model;
mod into_model;
