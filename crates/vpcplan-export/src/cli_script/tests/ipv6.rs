//! IPv6 placement: design ranges put at the same offset inside the blocks
//! AWS assigns (`ipv6_in`).

use super::*;

#[test]
fn ipv6_in_places_networks_inside_the_assigned_block() {
    let functions = crate::cli_script::deploy::FUNCTIONS;
    let cases = [
        (
            "2600:1f14:abc:de00::/56",
            "0 0 64",
            "2600:1f14:abc:de00::/64",
        ),
        (
            "2600:1f14:abc:de00::/56",
            "1 0 64",
            "2600:1f14:abc:de01::/64",
        ),
        (
            "2600:1f14:abc:de00::/56",
            "255 0 64",
            "2600:1f14:abc:deff::/64",
        ),
        ("2600:1f14:0:100::/56", "16 0 60", "2600:1f14:0:110::/60"),
        ("2600::/56", "2 0 64", "2600:0:0:2::/64"),
        (
            "2406:da14:abc:de00::/56",
            "3 10 128",
            "2406:da14:abc:de03:0:0:0:10/128",
        ),
        (
            "fd00:1:2:300::/56",
            "4 ffffffffffffffff 128",
            "fd00:1:2:304:ffff:ffff:ffff:ffff/128",
        ),
    ];
    for (block, args, expected) in cases {
        let script = format!(
            "set -euo pipefail\nVPCPLAN_TIMEOUT=1 VPCPLAN_POLL=1\naws() {{ :; }}\n{functions}\nipv6_in {block} {args}\n"
        );
        let output = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            expected,
            "{block} {args}"
        );
    }
    // The generator computes the offsets: subnet 2406:da14:abc:de01::/64 of
    // the block 2406:da14:abc:de00::/56 is one /64 in.
    let (deploy, _) = export(&fixture("cross-account-cross-region-peering.json"));
    assert!(deploy.contains("--ipv6-cidr-block \"$(ipv6_in \"${V6_TOKYO_1}\" 1 0 64)\""));
}

/// Each IPv6 range of the design is placed in the first block, in design
/// order, that holds it, whatever the blocks' lengths; a range outside every
/// block, or wider than the block holding its start, stays as written.
#[test]
fn ipv6_ranges_are_placed_in_the_first_block_that_holds_them() {
    let mut design = fixture("cross-account-cross-region-peering.json");
    assert!(design.vpcs.len() >= 2);
    let net = |text: &str| text.parse::<ipnet::Ipv6Net>().unwrap();
    design.vpcs[0].ipv6_cidrs = vec![
        net("2600:1f14:abc:de00::/56"),
        net("2600:1f14:abc:df00::/56"),
    ];
    // A /48 holding both blocks of the first VPC, and a repeat of its first.
    design.vpcs[1].ipv6_cidrs = vec![net("2600:1f14:abc::/48"), net("2600:1f14:abc:de00::/56")];
    let plan = Plan::new(&design);
    let var = |vpc: usize, block: usize| plan.vpcs[&design.vpcs[vpc].id].ipv6_vars[block].clone();
    let placed = |text: &str| plan.ipv6(&net(text)).render();
    let whole = |vpc, block| format!("\"${{{}}}\"", var(vpc, block));
    let inside =
        |vpc, block, args: &str| format!("\"$(ipv6_in \"${{{}}}\" {args})\"", var(vpc, block));

    assert_eq!(placed("2600:1f14:abc:de00::/56"), whole(0, 0));
    assert_eq!(placed("2600:1f14:abc:de00:1::/56"), whole(0, 0));
    assert_eq!(placed("2600:1f14:abc:df00::/56"), whole(0, 1));
    assert_eq!(placed("2600:1f14:abc::/48"), whole(1, 0));
    assert_eq!(placed("2600:1f14:abc:df01::/64"), inside(0, 1, "1 0 64"));
    assert_eq!(
        placed("2600:1f14:abc:de00::10/128"),
        inside(0, 0, "0 10 128")
    );
    assert_eq!(placed("2600:1f14:abc:1::/64"), inside(1, 0, "1 0 64"));
    assert_eq!(placed("2600:1f14::/32"), "2600:1f14::/32");
    assert_eq!(placed("2001:db8::/64"), "2001:db8::/64");

    // A VPC the scripts do not create (no IPv4 CIDR) places nothing, and
    // the /48 comes before the repeated /56 in the VPC left.
    design.vpcs[0].ipv4_cidrs.clear();
    let plan = Plan::new(&design);
    let var = |block: usize| plan.vpcs[&design.vpcs[1].id].ipv6_vars[block].clone();
    for (range, args) in [
        ("2600:1f14:abc:de00::/56", "56832 0 56"),
        ("2600:1f14:abc:df01::/64", "57089 0 64"),
    ] {
        assert_eq!(
            plan.ipv6(&net(range)).render(),
            format!("\"$(ipv6_in \"${{{}}}\" {args})\"", var(0))
        );
    }
}
