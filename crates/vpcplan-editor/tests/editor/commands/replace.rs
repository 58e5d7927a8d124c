//! `ReplaceDesign` (a lesson's "show solution" and "reset step") and
//! `SetVpcDns`: one undo step each, and the whole design replaced exactly,
//! order of every list included.

use vpcplan_core::Design;
use vpcplan_core::design::*;
use vpcplan_editor::command::Command;
use vpcplan_editor::patch::Patch;

use super::peered;
use crate::check_undo_redo;

fn replace(design: &Design) -> Command {
    Command::ReplaceDesign {
        design: Box::new(design.clone()),
    }
}

#[test]
fn replacing_the_design_is_one_undo_step_and_exact() {
    let mut editor = peered();
    let before = editor.design().clone();
    // Another design: the VPCs swapped, one renamed, the link gone, a
    // service added, the design renamed.
    let mut other = before.clone();
    other.name = "solution".to_owned();
    other.vpcs.swap(0, 1);
    other.vpcs[0].name = "renamed".to_owned();
    other.links.clear();
    other.services.reverse();
    check_undo_redo(&mut editor, replace(&other));
    assert_eq!(*editor.design(), other);
    // To an empty design and back.
    check_undo_redo(&mut editor, replace(&Design::default()));
    check_undo_redo(&mut editor, replace(&before));
    assert_eq!(*editor.design(), before);
}

#[test]
fn a_replacement_updates_only_what_differs_when_the_order_holds() {
    let editor = peered();
    let before = editor.design().clone();
    let mut other = before.clone();
    other.vpcs[1].name = "B".to_owned();
    let patch = Patch::replacing(&before, &other);
    assert!(patch.added.is_empty() && patch.removed.is_empty());
    assert_eq!(patch.updated.len(), 1);
    assert!(Patch::replacing(&before, &before).is_empty());
    // A design with an id twice (DES-002) is still replaced exactly.
    let mut twice = before.clone();
    twice.vpcs.push(twice.vpcs[0].clone());
    let mut design = before.clone();
    Patch::replacing(&before, &twice).apply_to(&mut design);
    assert_eq!(design, twice);
    Patch::replacing(&twice, &before).apply_to(&mut design);
    assert_eq!(design, before);
}

#[test]
fn the_dns_attributes_of_a_vpc_are_set_together() {
    let mut editor = peered();
    let vpc = editor.design().vpcs[0].id.clone();
    check_undo_redo(
        &mut editor,
        Command::SetVpcDns {
            vpc: vpc.clone(),
            dns_support: true,
            dns_hostnames: false,
        },
    );
    let changed = editor.design().vpc(&vpc).unwrap();
    assert!(changed.dns_support && !changed.dns_hostnames);
    let error = editor
        .apply(Command::SetVpcDns {
            vpc: VpcId::from("vpc-nowhere"),
            dns_support: true,
            dns_hostnames: true,
        })
        .unwrap_err();
    assert_eq!(
        error.message,
        vpcplan_core::Localized::new(
            "There is no node vpc-nowhere in the design.",
            "設計にノードvpc-nowhereがありません。"
        )
    );
}
