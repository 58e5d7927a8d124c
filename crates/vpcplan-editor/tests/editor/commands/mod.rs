//! Every command applied to a headless editor, with undo and redo checked
//! after each; one file per command family, named like the file in
//! `src/command/` that plans it. The fixtures shared by several families are
//! here; those of the whole suite are in `main.rs`.

mod cidrs;
mod delete;
mod duplicate;
mod endpoint_service;
mod links;
mod nodes;
mod replace;
mod route_tables;
mod subnets;

use vpcplan_core::LinkKind;

use crate::{link, two_vpcs_and_services, vpc};

fn cidrs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn peered() -> vpcplan_editor::testing::TestEditor {
    let mut editor = two_vpcs_and_services();
    link(&mut editor, vpc("vpc-1"), vpc("vpc-2"), LinkKind::Peering);
    editor
}
