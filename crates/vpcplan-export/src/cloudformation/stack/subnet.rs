//! `AWS::EC2::Subnet`: a VPC's subnets, with an Availability Zone parameter
//! when only an AZ name (not an AZ id) was designed.

use std::collections::BTreeSet;

use super::{Builder, ParamSpec};
use crate::cloudformation::node::{Obj, reference, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};

impl Builder<'_, '_> {
    /// The subnets of VPC `position`, in design order.
    pub(super) fn emit_subnets(&mut self, position: usize, vpc_id: &str) {
        let vpc = &self.ctx.design.vpcs[position];
        for subnet in &vpc.subnets {
            let Some((owner, subnet_id)) = self.subnet_ids.get(&subnet.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            let mut properties = Obj::new().with("VpcId", reference(vpc_id));
            let mut after = Vec::new();
            let mut conditions = BTreeSet::new();
            if let Some(ipv4) = subnet.ipv4_cidr {
                properties.insert("CidrBlock", ipv4.trunc().to_string());
                if let Some(j) = vpc
                    .ipv4_cidrs
                    .iter()
                    .position(|block| block.contains(&ipv4))
                    .filter(|&j| j > 0)
                {
                    after.push(self.ipv4_block_ids[&(position, j)].clone());
                }
            }
            match subnet.availability_zone_id.as_deref() {
                Some(zone_id) if !zone_id.is_empty() => {
                    properties.insert("AvailabilityZoneId", zone_id);
                }
                _ if !subnet.availability_zone.is_empty() => {
                    // An AZ name means different AZs in different accounts:
                    // a parameter, defaulting to the designed name.
                    let zone = self.import(
                        Import::AvailabilityZone(subnet.availability_zone.clone()),
                        Source::User,
                        false,
                        ParamSpec {
                            kind: "Az",
                            parameter_type: "AWS::EC2::AvailabilityZone::Name",
                            name: subnet.availability_zone.clone(),
                            description: format!(
                                "The Availability Zone designed as {} (AZ names differ between accounts; no AZ id was designed).",
                                truncate_chars(&subnet.availability_zone, 64)
                            ),
                            pattern: "",
                            constraint: "",
                            default: Some(subnet.availability_zone.clone()),
                        },
                    );
                    properties.insert("AvailabilityZone", zone.node);
                }
                _ => {}
            }
            if let Some(ipv6) = subnet.ipv6_cidr {
                let val = self.ipv6_value(ipv6, Some(position), false);
                properties.insert("Ipv6CidrBlock", val.node);
                after.extend(val.after);
                conditions.extend(val.conditions);
                if subnet.ipv4_cidr.is_none() {
                    properties.insert("Ipv6Native", true);
                }
            }
            properties.insert("Tags", tags(&subnet.name, subnet.id.as_str()));
            self.add_resource(
                &subnet_id,
                "AWS::EC2::Subnet",
                properties,
                &conditions,
                &after,
            );
        }
    }
}
