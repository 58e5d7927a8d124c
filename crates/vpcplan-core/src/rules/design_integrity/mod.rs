//! Rules that a design is well-formed (DES-*): references resolve, CIDRs are
//! consistent, ids and Regions are real. The AWS rules assume these hold.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
