//! vpcplan-core: everything vpcplan knows about private connectivity between
//! AWS VPCs, as pure Rust with no I/O, no clock and no browser types.
//!
//! The web app, the exporters and the native CLI are thin faces over this
//! crate: the design model (`design`), the AWS service and Region catalogues,
//! the routes links imply (`routes`), the rule catalogue and validation
//! (`rules`), what reaches what and why not (`reachability`), which link to
//! choose between two nodes (`advisor`), and the comparison matrix of the
//! three connectivity patterns (`matrix`), all with English and Japanese text
//! (`i18n`).

pub mod advisor;
pub mod catalogue;
pub mod cidr;
pub mod collections;
pub mod design;
pub mod diagnostic;
pub mod file;
pub mod i18n;
mod ids;
pub mod index;
pub mod lesson;
pub mod link_kind;
pub mod matrix;
pub mod reachability;
pub mod regions;
pub mod routes;
pub mod rules;
pub mod synthetic;
#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use advisor::{Advice, LinkAdvice, advise};
pub use design::Design;
pub use diagnostic::{Diagnostic, Localized, Severity, Subject};
pub use i18n::{Lang, Text};
pub use link_kind::LinkKind;
pub use reachability::{
    Hop, MatrixCell, Node, Reachabilities, Reachability, ReachabilityMatrix, Reason, reachability,
    reachability_matrix,
};
pub use rules::{RuleDoc, catalogue_markdown, rule, rules, validate};
