//! The editor driven headless: every command with undo and redo, every tool
//! through pointer events, the keyboard model, the persistence codecs, a
//! property test over random command sequences, and every shipped lesson
//! played through.

mod commands;
mod keyboard;
mod lessons;
mod persist;
mod property;
mod tools;

use vpcplan_core::Design;
use vpcplan_editor::command::Command;
use vpcplan_editor::testing::TestEditor;
use vpcplan_editor::{Editor, NodeId, Patch, Point};

/// Applies `command`, then checks that undo gives back exactly the document
/// before and redo exactly the one after.
pub fn check_undo_redo(editor: &mut Editor, command: Command) -> Patch {
    let before: Design = (**editor.document()).clone();
    let patch = editor
        .apply(command.clone())
        .unwrap_or_else(|error| panic!("{command:?} was refused: {error}"));
    let after: Design = (**editor.document()).clone();
    assert_ne!(before, after, "{command:?} changed nothing");
    assert!(editor.undo(), "nothing to undo after {command:?}");
    assert_eq!(**editor.document(), before, "undo of {command:?}");
    assert!(editor.redo(), "nothing to redo after {command:?}");
    assert_eq!(**editor.document(), after, "redo of {command:?}");
    patch
}

/// Two VPCs side by side (vpc-1 10.0.0.0/16 at 0,0 and vpc-2 10.1.0.0/16
/// at 400,0), S3 (svc-1) and SQS (svc-2) below them.
pub fn two_vpcs_and_services() -> TestEditor {
    let mut editor = TestEditor::default();
    for command in [
        Command::AddVpc {
            at: Point::new(0.0, 0.0),
        },
        Command::AddVpc {
            at: Point::new(400.0, 0.0),
        },
        Command::AddAwsService {
            service: "s3".into(),
            at: Point::new(0.0, 400.0),
        },
        Command::AddAwsService {
            service: "sqs".into(),
            at: Point::new(400.0, 400.0),
        },
    ] {
        editor.apply(command).expect("the fixture builds");
    }
    editor
}

/// Links two nodes, which must succeed.
pub fn link(editor: &mut Editor, from: NodeId, to: NodeId, kind: vpcplan_core::LinkKind) {
    editor
        .apply(Command::AddLink { from, to, kind })
        .unwrap_or_else(|error| panic!("the link was refused: {error}"));
}

/// Fails with the list when validation finds errors in the document.
pub fn assert_no_errors(editor: &Editor) {
    let errors: Vec<_> = editor
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == vpcplan_core::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

pub fn vpc(id: &str) -> NodeId {
    NodeId::vpc(id)
}

pub fn service(id: &str) -> NodeId {
    NodeId::service(id)
}
