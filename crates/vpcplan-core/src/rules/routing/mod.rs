//! Rules for route tables (RT-*) and packet sizes (MTU-001).

use super::Rule;

pub(super) const RULES: &[&Rule] = &[];
