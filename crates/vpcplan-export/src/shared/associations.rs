//! Route table associations, the same in both exports.
//!
//! CloudFormation cannot change which route table is a VPC's main table: no
//! resource type replaces the main association, and `AWS::EC2::VPC` does not
//! even return the main table's id ("Return values" of `AWS::EC2::VPC`:
//! `CidrBlock`, `CidrBlockAssociations`, `DefaultNetworkAcl`,
//! `DefaultSecurityGroup`, `Ipv6CidrBlocks`, `VpcId`). So the design's main
//! table is created as an ordinary table, explicitly associated with every
//! subnet of the design that no other table claims, and the VPC's own main
//! table is left as AWS creates it, with its local routes only. The CLI
//! script does the same, so a subnet added to the VPC later, outside the
//! design, is served by the VPC's own main table whichever export was
//! deployed (docs/design-format.md, "route table").

use vpcplan_core::design::{RouteTable, Subnet, Vpc};

/// The explicit association of each subnet of `vpc`, in the order of the
/// subnets: with the table that lists it (the first, when several do), else
/// with the design's main table (`Vpc::route_table_of`, the one home of that
/// fact). Returned with a note for each listing that is not followed.
pub(crate) fn route_table_associations(vpc: &Vpc) -> (Vec<(&Subnet, &RouteTable)>, Vec<String>) {
    let mut notes = Vec::new();
    for (position, table) in vpc.route_tables.iter().enumerate() {
        for subnet in &table.subnets {
            if !vpc.subnets.iter().any(|own| &own.id == subnet) {
                notes.push(format!(
                    "Route table {} lists subnet {subnet}, which is not in its VPC; not associated.",
                    table.id
                ));
            } else if vpc.route_tables[..position]
                .iter()
                .any(|earlier| earlier.subnets.contains(subnet))
            {
                notes.push(format!(
                    "Subnet {subnet} is listed by more than one route table; only its first table is associated."
                ));
            }
        }
    }
    let associations = vpc
        .subnets
        .iter()
        .filter_map(|subnet| Some((subnet, vpc.route_table_of(&subnet.id)?)))
        .collect();
    (associations, notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplan_core::Design;
    use vpcplan_core::design::SubnetId;
    use vpcplan_core::file::read_design;

    /// One VPC, subnets `subnet-data-1a` and `-1c`, tables `rtb-data-main`
    /// (main, listing none) and `rtb-data-private` (listing both).
    fn design() -> Design {
        let path = format!(
            "{}/../../tests/fixtures/designs/s3-gateway-endpoint.json",
            env!("CARGO_MANIFEST_DIR")
        );
        read_design(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn check(vpc: &Vpc, expected: &[(&str, &str)], expected_notes: usize) {
        let (associations, notes) = route_table_associations(vpc);
        let found: Vec<(&str, &str)> = associations
            .iter()
            .map(|(subnet, table)| (subnet.id.as_str(), table.id.as_str()))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(notes.len(), expected_notes, "{notes:?}");
    }

    #[test]
    fn the_main_table_is_associated_explicitly_with_every_subnet_no_other_table_claims() {
        let mut design = design();
        let vpc = &mut design.vpcs[0];
        vpc.route_tables[1].subnets = vec![SubnetId::from("subnet-data-1a")];
        check(
            vpc,
            &[
                ("subnet-data-1a", "rtb-data-private"),
                ("subnet-data-1c", "rtb-data-main"),
            ],
            0,
        );
    }

    #[test]
    fn a_subnet_listed_twice_goes_to_its_first_table_and_a_foreign_subnet_to_none() {
        let mut design = design();
        let vpc = &mut design.vpcs[0];
        vpc.route_tables[0].subnets = vec![SubnetId::from("subnet-data-1a")];
        vpc.route_tables[1]
            .subnets
            .push(SubnetId::from("subnet-elsewhere"));
        check(
            vpc,
            &[
                ("subnet-data-1a", "rtb-data-main"),
                ("subnet-data-1c", "rtb-data-private"),
            ],
            2,
        );
    }

    #[test]
    fn without_a_main_table_unlisted_subnets_stay_on_the_vpcs_own_main_table() {
        let mut design = design();
        let vpc = &mut design.vpcs[0];
        vpc.route_tables[0].main = false;
        vpc.route_tables[1].subnets = vec![SubnetId::from("subnet-data-1c")];
        check(vpc, &[("subnet-data-1c", "rtb-data-private")], 0);
    }
}
