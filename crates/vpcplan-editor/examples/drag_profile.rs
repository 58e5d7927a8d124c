//! A fixed workload for instruction counts under callgrind (deterministic,
//! unlike timings on a shared machine) on a 500-VPC design: 200 drag steps
//! of one node, 200 box-select steps, then 100 drag steps of the 48 nodes
//! selected (the top row of VPCs and the generated services).
//!
//! valgrind --tool=callgrind target/release/examples/drag_profile

use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_editor::testing::TestEditor;

fn main() {
    let design = generate(&Shape::benchmark(500));
    let mut editor = TestEditor::new(design);
    editor.pointer_down(20.0, 20.0);
    for step in 0..200 {
        editor.pointer_move(40.0 + f64::from(step % 2) * 40.0, 60.0);
    }
    editor.pointer_up(60.0, 60.0);
    editor.pointer_down(-10.0, -10.0);
    for step in 0..200 {
        editor.pointer_move(2000.0, 700.0 + f64::from(step % 2) * 200.0);
    }
    editor.pointer_up(2000.0, 700.0);
    assert!(editor.selection().nodes.len() > 40);
    // The first drag moved vpc-0 down by 40, so the box reaches lower.
    editor.drag((-10.0, -10.0), (10_400.0, 50.0));
    assert_eq!(editor.selection().nodes.len(), 48);
    editor.pointer_down(20.0, 20.0);
    for step in 0..100 {
        editor.pointer_move(40.0 + f64::from(step % 2) * 40.0, 60.0);
    }
    editor.pointer_up(60.0, 60.0);
}
