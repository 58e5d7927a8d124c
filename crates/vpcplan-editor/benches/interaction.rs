//! What one pointer event costs the engine on a 500-VPC design: a drag step
//! of one node and of 40 selected nodes, a box-select step, an edit with its
//! undo, the layout the canvas draws, and a drag step with that layout. The
//! frame budget (issue 5) is 16 ms from pointermove to painted frame in the
//! browser; the engine's part has to be a small fraction of it.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_editor::command::Command;
use vpcplan_editor::testing::TestEditor;
use vpcplan_editor::{Layout, Modifiers, NodeId};

fn editor() -> TestEditor {
    TestEditor::new(generate(&Shape::benchmark(500)))
}

fn interaction(c: &mut Criterion) {
    let mut group = c.benchmark_group("editor_500_vpcs");

    let mut one = editor();
    one.pointer_down(20.0, 20.0).pointer_move(60.0, 60.0);
    let mut flip = false;
    group.bench_function("drag_step_one_node", |b| {
        b.iter(|| {
            flip = !flip;
            let x = if flip { 100.0 } else { 60.0 };
            one.pointer_move(black_box(x), 60.0);
        })
    });

    // What the canvas needs per pointermove of a drag: the step and the
    // layout it draws. Moves leave the content revision, which the app's
    // diagnostics and panels are keyed on, where it was.
    let mut frame = editor();
    let (x, y) = frame.center_of(&NodeId::vpc("vpc-41"));
    frame.pointer_down(x, y).pointer_move(x + 20.0, y);
    let content = frame.content_revision();
    group.bench_function("drag_frame_one_vpc_with_layout", |b| {
        b.iter(|| {
            flip = !flip;
            let dx = if flip { 40.0 } else { 60.0 };
            frame.pointer_move(black_box(x + dx), y);
            black_box(frame.layout());
        })
    });
    assert_eq!(frame.content_revision(), content);

    let mut many = editor();
    many.drag((-10.0, -10.0), (10_400.0, 5.0));
    // The top row of 40 VPCs, and the 8 generated services that all sit at 0,0.
    assert_eq!(many.selection().nodes.len(), 48);
    many.pointer_down(20.0, 20.0).pointer_move(60.0, 60.0);
    group.bench_function("drag_step_48_nodes", |b| {
        b.iter(|| {
            flip = !flip;
            let x = if flip { 100.0 } else { 60.0 };
            many.pointer_move(black_box(x), 60.0);
        })
    });

    let mut brush = editor();
    brush
        .hold(Modifiers::NONE)
        .pointer_down(-10.0, -10.0)
        .pointer_move(300.0, 300.0);
    group.bench_function("box_select_step", |b| {
        b.iter(|| {
            flip = !flip;
            let y = if flip { 900.0 } else { 700.0 };
            brush.pointer_move(2000.0, black_box(y));
        })
    });

    let mut edit = editor();
    group.bench_function("rename_then_undo", |b| {
        b.iter(|| {
            edit.apply(Command::RenameNode {
                node: NodeId::vpc("vpc-250"),
                name: "renamed".into(),
            })
            .expect("renames");
            edit.undo();
        })
    });

    let design = generate(&Shape::benchmark(500));
    group.bench_function("layout", |b| b.iter(|| Layout::of(black_box(&design))));
    group.finish();
}

criterion_group!(benches, interaction);
criterion_main!(benches);
