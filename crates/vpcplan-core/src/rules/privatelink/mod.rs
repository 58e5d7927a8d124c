//! Rules for interface endpoints and endpoint services (PL-*).

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
