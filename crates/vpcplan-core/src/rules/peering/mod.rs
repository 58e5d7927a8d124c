//! Rules for VPC peering (PEER-*).

mod peer_001_overlapping_cidrs;

use super::Rule;

pub(super) const RULES: &[&Rule] = &[&peer_001_overlapping_cidrs::RULE];
