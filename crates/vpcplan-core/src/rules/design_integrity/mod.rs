//! Rules that a design is well-formed (DES-*): references resolve, CIDRs are
//! consistent, ids and Regions are real. The AWS rules assume these hold.

mod des_001_dangling_references;
mod des_002_duplicate_ids;
mod des_003_subnet_outside_vpc;
mod des_004_overlapping_subnets;
mod des_005_vpc_cidrs;
mod des_006_accounts;
mod des_007_regions;
mod des_008_route_tables;

use super::Rule;

pub(super) const RULES: &[&Rule] = &[
    &des_001_dangling_references::RULE,
    &des_002_duplicate_ids::RULE,
    &des_003_subnet_outside_vpc::RULE,
    &des_004_overlapping_subnets::RULE,
    &des_005_vpc_cidrs::RULE,
    &des_006_accounts::RULE,
    &des_007_regions::RULE,
    &des_008_route_tables::RULE,
];

/// A name to show, falling back to the id when the name is blank.
fn shown<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
}
