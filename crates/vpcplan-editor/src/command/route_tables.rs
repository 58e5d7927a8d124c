//! Planning the route table commands: adding, editing (name, main flag,
//! subnet associations) and removing a route table, and the links that
//! named a removed table.

use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;

use super::subnets::check_subnets_exist;
use super::{EditError, Field, Planner, Result, dedup, vpc};
use crate::patch::Record;

impl Planner<'_> {
    pub(super) fn add_route_table(&mut self, id: &VpcId, name: &str) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let main = vpc.route_tables.is_empty();
        vpc.route_tables.push(RouteTable {
            id: RouteTableId::new(self.ids.next("rtb")),
            name: name.trim().to_owned(),
            main,
            subnets: Vec::new(),
            routes: Vec::new(),
        });
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }

    pub(super) fn edit_route_table(
        &mut self,
        id: &VpcId,
        table: &RouteTableId,
        name: &str,
        main: bool,
        subnets: &[SubnetId],
    ) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let index = route_table_index(&vpc, table)?;
        check_subnets_exist(&vpc, subnets, Subject::RouteTable(table.clone()))?;
        if !main && vpc.route_tables[index].main {
            return Err(EditError::new(
                Some(Subject::RouteTable(table.clone())),
                Field::Command,
                format!(
                    "Route table {table} is the main table of {id}: make another table main instead."
                ),
                format!(
                    "ルートテーブル{table}は{id}のメインテーブルです。代わりに別のテーブルをメインにしてください。"
                ),
            ));
        }
        for (i, other) in vpc.route_tables.iter_mut().enumerate() {
            if i != index {
                other.subnets.retain(|s| !subnets.contains(s));
                if main {
                    other.main = false;
                }
            }
        }
        let edited = &mut vpc.route_tables[index];
        edited.name = name.trim().to_owned();
        edited.main = main;
        edited.subnets = dedup(subnets);
        self.changes.update(Record::Vpc(vpc));
        Ok(())
    }

    pub(super) fn remove_route_table(&mut self, id: &VpcId, table: &RouteTableId) -> Result<()> {
        let mut vpc = vpc(self.design, id)?.clone();
        let index = route_table_index(&vpc, table)?;
        if vpc.route_tables[index].main {
            return Err(EditError::new(
                Some(Subject::RouteTable(table.clone())),
                Field::Command,
                format!("Route table {table} is the main table of {id} and cannot be removed."),
                format!("ルートテーブル{table}は{id}のメインテーブルなので削除できません。"),
            ));
        }
        vpc.route_tables.remove(index);
        self.changes.update(Record::Vpc(vpc));
        for link in &self.design.links {
            if let LinkSpec::GatewayEndpoint(e) = &link.spec
                && &e.vpc == id
                && e.route_tables.contains(table)
            {
                let mut edited = link.clone();
                if let LinkSpec::GatewayEndpoint(e) = &mut edited.spec {
                    e.route_tables.retain(|t| t != table);
                }
                self.changes.update(Record::Link(edited));
            }
            if let LinkSpec::Peering(p) = &link.spec
                && p.excluded_route_tables.contains(table)
            {
                let mut edited = link.clone();
                if let LinkSpec::Peering(p) = &mut edited.spec {
                    p.excluded_route_tables.retain(|t| t != table);
                }
                self.changes.update(Record::Link(edited));
            }
        }
        Ok(())
    }
}

fn route_table_index(vpc: &Vpc, table: &RouteTableId) -> Result<usize> {
    vpc.route_tables
        .iter()
        .position(|t| &t.id == table)
        .ok_or_else(|| {
            EditError::new(
                Some(Subject::RouteTable(table.clone())),
                Field::Command,
                format!("There is no route table {table} in VPC {}.", vpc.id),
                format!("VPC {}にルートテーブル{table}がありません。", vpc.id),
            )
        })
}
