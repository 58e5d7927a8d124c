//! `AWS::EC2::RouteTable` and `AWS::EC2::SubnetRouteTableAssociation`.

use std::collections::BTreeSet;

use vpcplan_core::collections::HashMap;
use vpcplan_core::design::{RouteTableId, SubnetId};

use super::Builder;
use crate::cloudformation::node::{Obj, reference, tags};

impl Builder<'_, '_> {
    /// The route tables of VPC `position` (their routes come after the peerings).
    pub(super) fn emit_route_tables(&mut self, position: usize, vpc_id: &str) {
        let vpc = &self.ctx.design.vpcs[position];
        for table in &vpc.route_tables {
            let Some((owner, table_id)) = self.table_ids.get(&table.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            self.has_main_table |= table.main;
            self.add_resource(
                &table_id,
                "AWS::EC2::RouteTable",
                Obj::new()
                    .with("VpcId", reference(vpc_id))
                    .with("Tags", tags(&table.name, table.id.as_str())),
                &BTreeSet::new(),
                &[],
            );
        }
    }

    /// Explicit associations as designed; a main table of the design
    /// becomes an ordinary table associated with every subnet no other table
    /// claims, since CloudFormation cannot change a VPC's main table.
    pub(super) fn emit_associations(&mut self, position: usize) {
        let vpc = &self.ctx.design.vpcs[position];
        let mut assigned: HashMap<&SubnetId, &RouteTableId> = HashMap::default();
        for table in &vpc.route_tables {
            if self.table_ids.get(&table.id).map(|(owner, _)| *owner) != Some(position) {
                continue;
            }
            for subnet in &table.subnets {
                match self.subnet_ids.get(subnet) {
                    Some((owner, _)) if *owner == position => {
                        if assigned.contains_key(subnet) {
                            self.note(format!(
                                "Subnet {subnet} is listed by more than one route table; only its first table is associated."
                            ));
                        } else {
                            assigned.insert(subnet, &table.id);
                        }
                    }
                    _ => self.note(format!(
                        "Route table {} lists subnet {subnet}, which is not in its VPC; not associated.",
                        table.id
                    )),
                }
            }
        }
        if let Some(main) = vpc.route_tables.iter().find(|table| {
            table.main && self.table_ids.get(&table.id).map(|(owner, _)| *owner) == Some(position)
        }) {
            for subnet in &vpc.subnets {
                if self.subnet_ids.get(&subnet.id).map(|(owner, _)| *owner) == Some(position) {
                    assigned.entry(&subnet.id).or_insert(&main.id);
                }
            }
        }
        for subnet in &vpc.subnets {
            let Some(table) = assigned.remove(&subnet.id) else {
                continue;
            };
            let subnet_id = self.subnet_ids[&subnet.id].1.clone();
            let table_id = self.table_ids[table].1.clone();
            let id = self.allocate("RouteTableAssoc", &subnet.name);
            self.add_resource(
                &id,
                "AWS::EC2::SubnetRouteTableAssociation",
                Obj::new()
                    .with("RouteTableId", reference(&table_id))
                    .with("SubnetId", reference(&subnet_id)),
                &BTreeSet::new(),
                &[],
            );
        }
    }
}
