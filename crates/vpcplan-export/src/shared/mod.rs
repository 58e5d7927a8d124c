//! What the CloudFormation templates and the CLI scripts build the same way,
//! decided once for both: which route table each subnet is associated with
//! (`associations`) and the settings of an interface-kind endpoint
//! (`endpoints`), what resources the design does not name are called and
//! the tags every resource carries (`names`). A writer turns these decisions into its own syntax; it does
//! not decide again, so a deployed network does not depend on the format.

pub(crate) mod associations;
pub(crate) mod endpoints;
pub(crate) mod names;

#[cfg(test)]
mod tests;
