//! CIDR arithmetic beyond what `ipnet` offers directly: finding every
//! overlapping pair in a set of ranges in O(n log n + overlaps), by sorting and
//! sweeping rather than comparing all pairs.

use crate::collections::{sort, sorted_order};
use ipnet::IpNet;

/// Two CIDR ranges overlap exactly when one contains the other's network
/// address (CIDR blocks nest or are disjoint; they never partly overlap).
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The index pairs `(i, j)`, `i < j`, of ranges that overlap.
///
/// Sorted by network address and then by prefix length, each range can only
/// overlap ranges that contain it, and those form a chain: a stack of the
/// ranges still "open" at the current address holds exactly them.
pub fn overlapping_pairs(ranges: &[IpNet]) -> Vec<(usize, usize)> {
    // Most callers pass one or two ranges (a VPC's CIDRs or subnets).
    match ranges {
        [] | [_] => return Vec::new(),
        [a, b] => {
            return if overlaps(a, b) {
                vec![(0, 1)]
            } else {
                Vec::new()
            };
        }
        _ => {}
    }
    let order = sorted_order(ranges.len(), |a, b| {
        let (a, b) = (&ranges[a], &ranges[b]);
        // IPv4 before IPv6, then by address, then widest first.
        (a.network(), a.prefix_len()).cmp(&(b.network(), b.prefix_len()))
    });
    let mut open: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for index in order {
        let range = &ranges[index];
        while let Some(&top) = open.last() {
            if ranges[top].contains(&range.network()) {
                break;
            }
            open.pop();
        }
        for &outer in &open {
            pairs.push((outer.min(index), outer.max(index)));
        }
        open.push(index);
    }
    sort(&mut pairs);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn net(text: &str) -> IpNet {
        text.parse().unwrap()
    }

    fn all_pairs(ranges: &[IpNet]) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for i in 0..ranges.len() {
            for j in i + 1..ranges.len() {
                if overlaps(&ranges[i], &ranges[j]) {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }

    #[test]
    fn nested_equal_and_disjoint_ranges() {
        let ranges = [
            net("10.0.0.0/16"),
            net("10.0.128.0/17"),
            net("10.1.0.0/16"),
            net("10.0.0.0/16"),
            net("fd00::/8"),
            net("fd00:1::/64"),
        ];
        assert_eq!(
            overlapping_pairs(&ranges),
            vec![(0, 1), (0, 3), (1, 3), (4, 5)]
        );
    }

    #[test]
    fn two_ranges_either_way_round() {
        let (wide, narrow) = (net("10.0.0.0/16"), net("10.0.1.0/24"));
        assert_eq!(overlapping_pairs(&[wide, narrow]), [(0, 1)]);
        assert_eq!(overlapping_pairs(&[narrow, wide]), [(0, 1)]);
        assert!(overlapping_pairs(&[narrow, net("10.0.2.0/24")]).is_empty());
        assert!(overlapping_pairs(&[wide]).is_empty());
        assert!(overlapping_pairs(&[]).is_empty());
    }

    #[test]
    fn ipv4_and_ipv6_never_overlap() {
        assert!(overlapping_pairs(&[net("0.0.0.0/0"), net("::/0")]).is_empty());
    }

    fn arbitrary_net() -> impl Strategy<Value = IpNet> {
        prop_oneof![
            (any::<u8>(), any::<u8>(), 8u8..=24).prop_map(|(a, b, len)| {
                IpNet::V4(
                    ipnet::Ipv4Net::new([10, a & 0x0f, b, 0].into(), len)
                        .unwrap()
                        .trunc(),
                )
            }),
            (any::<u16>(), 16u8..=64).prop_map(|(a, len)| {
                IpNet::V6(
                    ipnet::Ipv6Net::new([0xfd00, a & 0x00ff, 0, 0, 0, 0, 0, 0].into(), len)
                        .unwrap()
                        .trunc(),
                )
            }),
        ]
    }

    proptest! {
        #[test]
        fn the_sweep_agrees_with_comparing_all_pairs(ranges in prop::collection::vec(arbitrary_net(), 0..60)) {
            prop_assert_eq!(overlapping_pairs(&ranges), all_pairs(&ranges));
        }
    }
}
