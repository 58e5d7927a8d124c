//! Duplicating nodes (`command/duplicate.rs`): fresh ids, and the links among
//! the copies.

use vpcplan_core::design::*;
use vpcplan_editor::command::Command;

use super::peered;
use crate::{check_undo_redo, vpc};

#[test]
fn duplicate_copies_nodes_with_fresh_ids_and_the_links_among_them() {
    let mut editor = peered();
    check_undo_redo(
        &mut editor,
        Command::Duplicate {
            nodes: vec![vpc("vpc-1"), vpc("vpc-2")],
            dx: 40.0,
            dy: 40.0,
        },
    );
    let design = editor.design();
    assert_eq!(design.vpcs.len(), 4);
    let copy = &design.vpcs[2];
    assert_eq!(copy.id.as_str(), "vpc-3");
    assert_eq!(copy.name, "vpc-1 copy");
    assert_eq!(copy.position, Position { x: 40.0, y: 40.0 });
    let original_subnets: Vec<&SubnetId> = design.vpcs[0].subnets.iter().map(|s| &s.id).collect();
    assert!(
        copy.subnets
            .iter()
            .all(|s| !original_subnets.contains(&&s.id))
    );
    let LinkSpec::Peering(p) = &design.links[1].spec else {
        panic!("the copied link is not a peering");
    };
    assert_eq!(
        (p.requester.as_str(), p.accepter.as_str()),
        ("vpc-3", "vpc-4")
    );
}
