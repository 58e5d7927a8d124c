//! Required flows (`command/intents.rs`): kept from a reachability question,
//! edited and removed, each undone then redone.

use vpcplan_core::design::*;
use vpcplan_editor::command::{Command, Field};

use crate::{check_undo_redo, two_vpcs_and_services};

fn from_vpc(id: &str) -> IntentSource {
    IntentSource::Vpc(VpcId::from(id))
}

#[test]
fn a_required_flow_is_kept_edited_and_removed() {
    let mut editor = two_vpcs_and_services();
    check_undo_redo(
        &mut editor,
        Command::AddIntent {
            from: from_vpc("vpc-1"),
            to: IntentTarget::Service(ServiceId::from("svc-2")),
        },
    );
    let intents = &editor.design().intents;
    assert_eq!(intents.len(), 1);
    let id = intents[0].id.clone();
    assert_eq!(id.as_str(), "flow-1");

    let subnet = editor.design().vpcs[1].subnets[0].id.clone();
    check_undo_redo(
        &mut editor,
        Command::EditIntent {
            intent: id.clone(),
            from: IntentSource::Subnet {
                vpc: VpcId::from("vpc-2"),
                subnet: subnet.clone(),
            },
            to: IntentTarget::Vpc(VpcId::from("vpc-1")),
        },
    );
    let intent = &editor.design().intents[0];
    assert_eq!(
        (&intent.id, &intent.from, &intent.to),
        (
            &id,
            &IntentSource::Subnet {
                vpc: VpcId::from("vpc-2"),
                subnet
            },
            &IntentTarget::Vpc(VpcId::from("vpc-1"))
        )
    );

    check_undo_redo(&mut editor, Command::RemoveIntent { intent: id });
    assert!(editor.design().intents.is_empty());
}

#[test]
fn a_flow_kept_twice_to_itself_or_to_nothing_is_refused() {
    let mut editor = two_vpcs_and_services();
    let to_sqs = Command::AddIntent {
        from: from_vpc("vpc-1"),
        to: IntentTarget::Service(ServiceId::from("svc-2")),
    };
    editor.apply(to_sqs.clone()).unwrap();
    let refusals = [
        (
            to_sqs,
            "This flow is already required (flow-1).",
            "この通信はすでに必須フローです(flow-1)。",
        ),
        (
            Command::AddIntent {
                from: from_vpc("vpc-1"),
                to: IntentTarget::Vpc(VpcId::from("vpc-1")),
            },
            "A required flow goes from one VPC to another; vpc-1 is both ends.",
            "必須フローは別のVPCへの通信です。vpc-1が両端になっています。",
        ),
        (
            Command::AddIntent {
                from: from_vpc("vpc-9"),
                to: IntentTarget::Vpc(VpcId::from("vpc-1")),
            },
            "There is no node vpc-9 in the design.",
            "設計にノードvpc-9がありません。",
        ),
        (
            Command::RemoveIntent {
                intent: IntentId::from("flow-7"),
            },
            "There is no required flow flow-7 in the design.",
            "設計に必須フローflow-7がありません。",
        ),
    ];
    for (command, en, ja) in refusals {
        let before = editor.design().clone();
        let error = editor.apply(command).unwrap_err();
        assert_eq!(error.field, Field::Command);
        assert_eq!(
            (error.message.en.as_str(), error.message.ja.as_str()),
            (en, ja)
        );
        assert_eq!(
            editor.design(),
            &before,
            "a refused command changes nothing"
        );
    }
}

#[test]
fn deleting_a_vpc_takes_its_required_flows_with_it_in_one_undo_step() {
    let mut editor = two_vpcs_and_services();
    editor
        .apply(Command::AddIntent {
            from: from_vpc("vpc-1"),
            to: IntentTarget::Vpc(VpcId::from("vpc-2")),
        })
        .unwrap();
    check_undo_redo(
        &mut editor,
        Command::Delete {
            nodes: vec![vpcplan_editor::NodeId::vpc("vpc-2")],
            links: Vec::new(),
        },
    );
    assert!(editor.design().intents.is_empty());
}
