//! `create-subnet`, in its VPC's section.

use vpcplan_core::design::Vpc;

use super::Deploy;
use crate::cli_script::shell::{AwsCall, Word};

impl Deploy<'_, '_> {
    /// The subnets of `vpc`, created in its section.
    pub(super) fn subnets(&mut self, vpc: &Vpc, profile: &Word, region: &str, var: &str) {
        let plan = self.plan;
        for subnet in &vpc.subnets {
            let Some(subnet_plan) = plan.subnets.get(&subnet.id) else {
                continue;
            };
            if subnet.ipv4_cidr.is_none() && subnet.ipv6_cidr.is_none() {
                self.note(format!("subnet \"{}\" has no CIDR", subnet.name));
                continue;
            }
            self.log("", format!("creating subnet \"{}\"", subnet.name));
            let mut call =
                AwsCall::ec2("create-subnet", profile.clone(), region).arg_var("--vpc-id", var);
            if let Some(cidr) = subnet.ipv4_cidr {
                call = call.arg("--cidr-block", Word::lit(cidr.to_string()));
            }
            if let Some(cidr) = subnet.ipv6_cidr {
                call = call.arg("--ipv6-cidr-block", plan.ipv6(&cidr));
                if subnet.ipv4_cidr.is_none() {
                    call = call.flag("--ipv6-native");
                }
            }
            call = match &subnet.availability_zone_id {
                Some(zone_id) => call.text("--availability-zone-id", "AvailabilityZoneId", zone_id),
                None => call.text(
                    "--availability-zone",
                    "AvailabilityZone",
                    &subnet.availability_zone,
                ),
            };
            call = call
                .arg(
                    "--tag-specifications",
                    self.tag_specifications("subnet", &subnet.name, &subnet.id.0, &subnet_plan.key),
                )
                .query("Subnet.SubnetId");
            self.line(call.capture_id(&subnet_plan.var));
            self.created.push(subnet_plan.var.clone());
        }
    }
}
