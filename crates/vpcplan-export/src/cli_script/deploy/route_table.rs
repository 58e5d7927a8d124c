//! `create-route-table` and `associate-route-table`: every table of the
//! design is created, its main table too, and each designed subnet is
//! associated explicitly (`shared::associations`, the same as the
//! CloudFormation templates); the VPC's own main table is left untouched.

use vpcplan_core::design::Vpc;

use super::Deploy;
use crate::cli_script::shell::{AwsCall, Word};
use crate::shared::associations::route_table_associations;

impl Deploy<'_, '_> {
    /// The route tables of `vpc`, created in its section with their
    /// associations; their routes come with the peerings.
    pub(super) fn route_tables(&mut self, vpc: &Vpc, profile: &Word, region: &str, var: &str) {
        let plan = self.plan;
        for table in &vpc.route_tables {
            let Some(table_plan) = plan.route_tables.get(&table.id) else {
                continue;
            };
            self.log("", format!("creating route table \"{}\"", table.name));
            self.line(
                AwsCall::ec2("create-route-table", profile.clone(), region)
                    .arg_var("--vpc-id", var)
                    .arg(
                        "--tag-specifications",
                        self.tag_specifications(
                            "route-table",
                            &table.name,
                            &table.id.0,
                            &table_plan.key,
                        ),
                    )
                    .query("RouteTable.RouteTableId")
                    .capture_id(&table_plan.var),
            );
            self.created.push(table_plan.var.clone());
        }
        let (associations, notes) = route_table_associations(vpc);
        for note in notes {
            self.note(note);
        }
        for (subnet, table) in associations {
            // A subnet without a CIDR is not created (`subnets`).
            if subnet.ipv4_cidr.is_none() && subnet.ipv6_cidr.is_none() {
                continue;
            }
            let (Some(table_plan), Some(subnet_plan)) = (
                plan.route_tables.get(&table.id),
                plan.subnets.get(&subnet.id),
            ) else {
                continue;
            };
            self.line(
                AwsCall::ec2("associate-route-table", profile.clone(), region)
                    .arg_var("--route-table-id", &table_plan.var)
                    .arg_var("--subnet-id", &subnet_plan.var)
                    .run(),
            );
        }
    }
}
