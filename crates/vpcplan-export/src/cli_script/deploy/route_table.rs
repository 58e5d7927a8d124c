//! `create-route-table` and `associate-route-table`; a design's main table
//! names the VPC's own main table instead.

use vpcplan_core::design::{RouteTable, Vpc};

use super::Deploy;
use crate::cli_script::main_table;
use crate::cli_script::shell::{AwsCall, Word};

impl Deploy<'_, '_> {
    /// The route tables of `vpc`, created (the main table named) in its
    /// section; their routes come with the peerings.
    pub(super) fn route_tables(&mut self, vpc: &Vpc, profile: &Word, region: &str, var: &str) {
        let plan = self.plan;
        let main = main_table(vpc).map(|table| table.id.clone());
        for table in &vpc.route_tables {
            let Some(table_plan) = plan.route_tables.get(&table.id) else {
                continue;
            };
            if Some(&table.id) == main.as_ref() {
                self.log(
                    "",
                    format!("naming the main route table \"{}\"", table.name),
                );
                let mut filter = Word::lit("Name=vpc-id,Values=");
                filter.push(Word::var(var));
                self.line(
                    AwsCall::ec2("describe-route-tables", profile.clone(), region)
                        .args(
                            "--filters",
                            vec![filter, Word::lit("Name=association.main,Values=true")],
                        )
                        .query("RouteTables[0].RouteTableId")
                        .capture_id(&table_plan.var),
                );
                self.line(
                    AwsCall::ec2("create-tags", profile.clone(), region)
                        .arg("--resources", Word::var(&table_plan.var))
                        .arg("--tags", self.tags(&table.name, &table_plan.key).to_word())
                        .run(),
                );
                // Subnets listed under the main table use it implicitly.
            } else {
                self.log("", format!("creating route table \"{}\"", table.name));
                self.line(
                    AwsCall::ec2("create-route-table", profile.clone(), region)
                        .arg("--vpc-id", Word::var(var))
                        .arg(
                            "--tag-specifications",
                            self.tag_specifications("route-table", &table.name, &table_plan.key),
                        )
                        .query("RouteTable.RouteTableId")
                        .capture_id(&table_plan.var),
                );
                self.associate(table, profile, region, vpc);
            }
            self.created.push(table_plan.var.clone());
        }
    }

    fn associate(&mut self, table: &RouteTable, profile: &Word, region: &str, vpc: &Vpc) {
        let Some(table_plan) = self.plan.route_tables.get(&table.id) else {
            return;
        };
        for subnet_id in &table.subnets {
            let in_vpc = vpc.subnets.iter().any(|subnet| &subnet.id == subnet_id);
            match self.plan.subnets.get(subnet_id) {
                Some(subnet_plan) if in_vpc => {
                    self.line(
                        AwsCall::ec2("associate-route-table", profile.clone(), region)
                            .arg("--route-table-id", Word::var(&table_plan.var))
                            .arg("--subnet-id", Word::var(&subnet_plan.var))
                            .run(),
                    );
                }
                _ => self.note(format!(
                    "route table \"{}\" lists subnet {} that is not in its VPC",
                    table.name, subnet_id
                )),
            }
        }
    }
}
