//! Rules for gateway endpoints (GW-*) and endpoint quotas.

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
