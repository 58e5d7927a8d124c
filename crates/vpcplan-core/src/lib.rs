//! vpcplan-core: everything vpcplan knows about private connectivity between
//! AWS VPCs, as pure Rust with no I/O, no clock and no browser types.
//!
//! The web app, the exporters and the native CLI are thin faces over this
//! crate. Today it holds the languages vpcplan speaks and the comparison matrix
//! of the three connectivity patterns; the design model, the rule catalogue,
//! validation, reachability and the link advisor join it next.

pub mod i18n;
pub mod link_kind;
pub mod matrix;

pub use i18n::{Lang, Text};
pub use link_kind::LinkKind;
