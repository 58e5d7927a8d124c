//! `AWS::EC2::RouteTable` and `AWS::EC2::SubnetRouteTableAssociation`.

use std::collections::BTreeSet;

use super::Builder;
use crate::cloudformation::node::{Obj, reference, tags};
use crate::shared::associations::route_table_associations;

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

    /// Every designed subnet explicitly associated with its table, the
    /// design's main table included (`shared::associations`: CloudFormation
    /// cannot change a VPC's main table, and the CLI script does the same).
    pub(super) fn emit_associations(&mut self, position: usize) {
        let vpc = &self.ctx.design.vpcs[position];
        let (associations, notes) = route_table_associations(vpc);
        for note in notes {
            self.note(note);
        }
        for (subnet, table) in associations {
            let (Some((subnet_owner, subnet_id)), Some((table_owner, table_id))) = (
                self.subnet_ids.get(&subnet.id).cloned(),
                self.table_ids.get(&table.id).cloned(),
            ) else {
                continue;
            };
            if subnet_owner != position || table_owner != position {
                continue;
            }
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
