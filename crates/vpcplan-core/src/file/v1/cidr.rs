//! CIDRs: strings in the file, parsed with `ipnet` as they are read, and
//! described in the schema with an example.

use std::borrow::Cow;
use std::fmt;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

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
