//! Rules that a design is well-formed (DES-*): references resolve, CIDRs are
//! consistent, ids and Regions are real. The AWS rules assume these hold.

mod des_001_dangling_reference;
mod des_002_duplicate_id;
mod des_003_subnet_outside_vpc;
mod des_004_overlapping_subnets;
mod des_005_invalid_vpc_cidrs;
mod des_006_invalid_account;
mod des_007_unknown_region;
mod des_008_inconsistent_route_table_associations;

use super::Rule;

pub(super) const RULES: &[&Rule] = &[
    &des_001_dangling_reference::RULE,
    &des_002_duplicate_id::RULE,
    &des_003_subnet_outside_vpc::RULE,
    &des_004_overlapping_subnets::RULE,
    &des_005_invalid_vpc_cidrs::RULE,
    &des_006_invalid_account::RULE,
    &des_007_unknown_region::RULE,
    &des_008_inconsistent_route_table_associations::RULE,
];

// A name to show: the core's one rule for labels.
use crate::design::display_label as shown;

#[cfg(test)]
mod tests {
    use crate::design::*;
    use crate::rules::testing::*;

    /// A design that breaks every assumption at once: dangling and repeated
    /// ids, empty lists, self-peering, tables and subnets in the wrong VPC.
    fn malformed() -> Design {
        let mut empty = vpc("empty", "10.0.0.0/16").in_region("nowhere-1");
        empty.ipv4_cidrs.clear();
        empty.route_tables.clear();
        let mut odd = vpc("odd", "10.0.0.0/8")
            .in_account("x")
            .with_ipv4("10.0.0.0/8")
            .with_subnet("a", "192.168.0.0/24", 'a')
            .with_subnet("a", "192.168.0.0/24", 'z')
            .with_subnet("b", "10.1.0.0/16", 'a')
            .with_subnet("c", "10.1.2.0/24", 'c');
        odd.subnets[1].ipv4_cidr = None;
        odd.route_tables[0].subnets = vec!["odd-a".into(), "ghost".into()];
        odd.route_tables[0].routes.push(Route {
            destination: RouteDestination::Ipv4(v4("10.0.0.0/8")),
            target: RouteTarget::GatewayEndpoint("pcx-self".into()),
        });
        odd.route_tables.push(odd.route_tables[0].clone());
        let mut design = design(
            vec![empty, odd.clone(), odd],
            vec![
                aws_service("s3", "s3", "mars-1"),
                aws_service("s3", "sqs", "ap-northeast-1"),
            ],
            vec![
                peering("pcx-self", "odd", "odd"),
                peering("pcx-ghost", "ghost", "empty"),
                gateway_endpoint("gw", "odd", "s3"),
                gateway_endpoint("gw", "empty", "ghost"),
                interface_endpoint("ie", "ghost", "s3", &["odd-a", "ghost"]),
            ],
        );
        if let Some(LinkSpec::GatewayEndpoint(endpoint)) =
            design.links.get_mut(3).map(|link| &mut link.spec)
        {
            endpoint.route_tables = vec!["odd-rtb".into(), "ghost-rtb".into()];
            endpoint.private_dns = true;
        }
        design.intents = vec![
            subnet_service_intent("i", "odd", "ghost", "s3"),
            service_intent("i", "empty", "s3"),
        ];
        design
    }

    #[test]
    fn the_rules_of_this_branch_never_panic_on_malformed_designs() {
        let rules = super::RULES
            .iter()
            .chain(crate::rules::routing::RULES)
            .chain(crate::rules::gateway::RULES);
        let mut fired = Vec::new();
        for design in [Design::default(), malformed()] {
            for rule in rules.clone() {
                for diagnostic in run(rule, &design) {
                    assert!(!diagnostic.message.en.is_empty() && !diagnostic.message.ja.is_empty());
                    assert!(!diagnostic.subjects.is_empty(), "{}", diagnostic.rule);
                    fired.push(diagnostic.rule);
                }
            }
        }
        for id in [
            "DES-001", "DES-002", "DES-003", "DES-004", "DES-005", "DES-006", "DES-007", "DES-008",
        ] {
            assert!(fired.contains(&id), "{id} did not fire: {fired:?}");
        }
    }
}
