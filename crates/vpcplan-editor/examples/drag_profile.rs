//! A fixed workload for instruction counts under callgrind (deterministic,
//! unlike timings on a shared machine): 200 drag steps of one node and 200
//! box-select steps on a 500-VPC design.
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
}
