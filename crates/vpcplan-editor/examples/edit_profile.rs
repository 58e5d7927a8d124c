//! A fixed workload for instruction counts under callgrind on a 500-VPC
//! design: 40 edits of one VPC's CIDR in the inspector, each followed by the
//! layout the canvas draws, with the document before each edit held
//! elsewhere, as the app's panels hold it.
//!
//! valgrind --tool=callgrind target/release/examples/edit_profile

use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_editor::command::Command;
use vpcplan_editor::testing::TestEditor;

fn main() {
    let design = generate(&Shape::benchmark(500));
    let mut editor = TestEditor::new(design);
    let mut panels = editor.document().clone();
    editor.layout();
    for step in 0..40 {
        let cidr = if step % 2 == 0 {
            "10.0.20.0/22"
        } else {
            "10.0.4.0/22"
        };
        editor
            .apply(Command::SetIpv4Cidrs {
                vpc: "vpc-1".into(),
                cidrs: vec![cidr.into()],
            })
            .expect("the CIDR applies");
        editor.layout();
        panels = editor.document().clone();
    }
    assert_eq!(panels.vpcs.len(), 500);
}
