//! Identifiers of the things in a design.
//!
//! Ids are short strings chosen by whoever creates the thing (the editor uses
//! `vpc-1`, imports use AWS ids such as `vpc-0a1b…`), unique within a design.
//! One newtype per kind of thing, so a subnet id can never be passed where a
//! route table id is expected. Ids are shared strings (`Arc<str>`): the index,
//! derived routes and diagnostics copy them by the thousand, and a copy then
//! costs a reference count, not an allocation.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Arc<str>);

        impl $name {
            pub fn new(id: impl Into<Arc<str>>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.into())
            }
        }
    };
}

id_type!(
    /// A 12-digit AWS account id, such as `123456789012`.
    AccountId
);
id_type!(VpcId);
id_type!(SubnetId);
id_type!(RouteTableId);
id_type!(SecurityGroupId);
id_type!(
    /// A service node on the canvas: an AWS service or a provider's endpoint service.
    ServiceId
);
id_type!(
    /// A peering, an interface endpoint or a gateway endpoint.
    LinkId
);
id_type!(IntentId);
id_type!(NetworkAclId);
