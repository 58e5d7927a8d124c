use std::rc::Rc;

use vpcplan_core::LinkKind;
use vpcplan_core::design::Position;
use vpcplan_editor::command::Command;
use vpcplan_editor::geometry::Point;
use vpcplan_editor::testing::TestEditor;
use vpcplan_editor::{Gesture, Item, Layout, Modifiers, PaletteItem, Tool};

use super::{link, service, two_vpcs_and_services, vpc};

fn selected_nodes(editor: &vpcplan_editor::Editor) -> Vec<&str> {
    editor
        .selection()
        .nodes
        .iter()
        .map(|n| n.as_str())
        .collect()
}

#[test]
fn click_selects_shift_click_toggles_and_the_background_clears() {
    let mut editor = two_vpcs_and_services();
    editor.click(20.0, 20.0);
    assert_eq!(selected_nodes(&editor), ["vpc-1"]);
    editor.click(420.0, 20.0);
    assert_eq!(selected_nodes(&editor), ["vpc-2"]);
    editor
        .hold(Modifiers::SHIFT)
        .click(20.0, 20.0)
        .click(20.0, 420.0);
    assert_eq!(selected_nodes(&editor), ["vpc-1", "vpc-2", "svc-1"]);
    editor.click(20.0, 20.0);
    assert_eq!(
        editor.selection().nodes.len(),
        2,
        "shift-click took vpc-1 out"
    );
    editor.release().click(900.0, 700.0);
    assert!(editor.selection().is_empty());
}

#[test]
fn box_select_on_the_background_selects_the_nodes_it_touches() {
    let mut editor = two_vpcs_and_services();
    editor.drag((-10.0, -10.0), (600.0, 120.0));
    assert_eq!(selected_nodes(&editor), ["vpc-1", "vpc-2"]);
    assert_eq!(editor.brush(), None, "the brush ends on release");
    editor
        .hold(Modifiers::SHIFT)
        .drag((-10.0, 390.0), (50.0, 450.0));
    assert_eq!(editor.selection().len(), 3, "shift adds to the selection");
}

#[test]
fn escape_during_box_select_restores_the_selection() {
    let mut editor = two_vpcs_and_services();
    editor.click(20.0, 420.0);
    editor
        .hold(Modifiers::SHIFT)
        .pointer_down(-10.0, -10.0)
        .pointer_move(300.0, 50.0)
        .pointer_move(600.0, 120.0);
    assert_eq!(editor.selection().len(), 3);
    assert!(editor.brush().is_some());
    editor.release().key("Escape");
    assert_eq!(selected_nodes(&editor), ["svc-1"]);
}

#[test]
fn dragging_moves_every_selected_node_snapped_to_the_grid() {
    let mut editor = two_vpcs_and_services();
    editor
        .hold(Modifiers::SHIFT)
        .click(20.0, 20.0)
        .click(420.0, 20.0)
        .release();
    editor.drag((30.0, 30.0), (73.0, 49.0));
    let design = editor.design();
    assert_eq!(design.vpcs[0].position, Position { x: 40.0, y: 20.0 });
    assert_eq!(design.vpcs[1].position, Position { x: 440.0, y: 20.0 });
    assert_eq!(
        editor.selection().len(),
        2,
        "the selection survives the drag"
    );
}

#[test]
fn alt_drags_without_snapping() {
    let mut editor = two_vpcs_and_services();
    editor
        .hold(Modifiers {
            alt: true,
            ..Modifiers::NONE
        })
        .drag((30.0, 30.0), (73.0, 49.0));
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 43.0, y: 19.0 }
    );
}

#[test]
fn escape_cancels_a_drag_back_to_the_mark_without_an_undo_step() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    editor
        .pointer_down(30.0, 30.0)
        .pointer_move(100.0, 100.0)
        .pointer_move(200.0, 160.0);
    assert!(matches!(editor.gesture(), Gesture::Dragging { .. }));
    assert_ne!(editor.design(), &start);
    editor.key("Escape");
    assert_eq!(editor.design(), &start);
    editor.pointer_up(200.0, 160.0);
    assert_eq!(
        editor.design(),
        &start,
        "the release after Escape moves nothing"
    );
    assert!(editor.undo());
    assert_eq!(
        editor.design().services.len(),
        1,
        "undo took back the last command, not a drag"
    );
}

#[test]
fn a_drag_moves_the_revision_but_not_the_content_revision_and_settles_on_release() {
    let mut editor = two_vpcs_and_services();
    let (content, settled) = (editor.content_revision(), editor.settled_revision());
    assert_eq!(settled, editor.revision());
    editor
        .pointer_down(30.0, 30.0)
        .pointer_move(100.0, 100.0)
        .pointer_move(200.0, 160.0);
    assert!(editor.revision() > settled, "the drag moved the node");
    assert_eq!(
        editor.content_revision(),
        content,
        "a move changes no content"
    );
    assert_eq!(
        editor.settled_revision(),
        settled,
        "autosave waits for the end of the drag"
    );
    editor.pointer_up(200.0, 160.0);
    assert_eq!(editor.settled_revision(), editor.revision());
    assert_eq!(editor.content_revision(), content);

    assert!(editor.undo(), "the drag is one undo step");
    assert_eq!(
        editor.content_revision(),
        content,
        "undoing a move is a move"
    );
    assert_eq!(editor.settled_revision(), editor.revision());

    editor.key("Delete");
    assert_eq!(
        editor.content_revision(),
        editor.revision(),
        "a deletion is content"
    );
}

#[test]
fn the_layout_a_drag_updates_in_place_equals_laying_out_the_moved_document() {
    let design = vpcplan_core::synthetic::generate(&vpcplan_core::synthetic::Shape::benchmark(40));
    let mut editor = TestEditor::new(design);
    let assert_fresh = |editor: &TestEditor, when: &str| {
        assert_eq!(
            *editor.layout(),
            Layout::of(editor.document()),
            "the layout {when}"
        );
    };
    // vpc-1 and vpc-2, in two accounts, have peerings and two endpoints each.
    let (first, second) = (
        editor.center_of(&vpc("vpc-1")),
        editor.center_of(&vpc("vpc-2")),
    );
    editor
        .click(first.0, first.1)
        .hold(Modifiers::SHIFT)
        .click(second.0, second.1)
        .release();
    let before = editor.layout();
    editor.pointer_down(first.0, first.1);
    for step in 1..=12 {
        let offset = f64::from(step) * 37.0;
        editor.pointer_move(first.0 + offset, first.1 + offset * 3.0);
        assert_fresh(&editor, &format!("after move {step}"));
    }
    assert_ne!(*editor.layout(), *before, "the drag moved the nodes");
    editor.key("Escape");
    assert_fresh(&editor, "after Escape");
    assert_eq!(*editor.layout(), *before, "Escape put the nodes back");

    editor.drag(first, (first.0 - 500.0, first.1 - 300.0));
    assert_fresh(&editor, "after a drag");
    editor.undo();
    assert_fresh(&editor, "after undo");
    editor.redo();
    assert_fresh(&editor, "after redo");
}

#[test]
fn inspector_edits_update_the_layout_in_place_as_laying_out_the_edited_document() {
    let design = vpcplan_core::synthetic::generate(&vpcplan_core::synthetic::Shape::benchmark(40));
    let mut editor = TestEditor::new(design);
    let index = editor.layout_index();
    let peering = editor
        .document()
        .links
        .iter()
        .find(|link| link.kind() == LinkKind::Peering)
        .map(|link| link.id.clone())
        .expect("the benchmark design has peerings");
    let edits = [
        // Wider text makes the node wider, which moves its links' ends and
        // grows its account and Region boxes.
        Command::SetIpv4Cidrs {
            vpc: "vpc-1".into(),
            cidrs: vec!["10.0.0.0/16".into(), "100.64.128.0/17".into()],
        },
        Command::RenameNode {
            node: vpc("vpc-2"),
            name: "a VPC with a much longer name than before".into(),
        },
        Command::SetPeeringOptions {
            link: peering,
            dns_resolution: true,
            ipv6: false,
        },
    ];
    for edit in edits {
        let what = format!("{edit:?}");
        let before = editor.layout();
        editor.apply(edit).expect("the edit applies");
        assert_eq!(
            *editor.layout(),
            Layout::of(editor.document()),
            "the layout after {what}"
        );
        assert!(
            Rc::ptr_eq(&editor.layout_index(), &index),
            "{what} kept the layout's index"
        );
        editor.undo();
        assert_eq!(*editor.layout(), *before, "the layout after undoing {what}");
        editor.redo();
        assert_eq!(
            *editor.layout(),
            Layout::of(editor.document()),
            "the layout after redoing {what}"
        );
    }

    editor
        .apply(Command::SetRegion {
            node: vpc("vpc-1"),
            region: "eu-west-1".into(),
        })
        .expect("the Region changes");
    assert_eq!(*editor.layout(), Layout::of(editor.document()));
    assert!(
        !Rc::ptr_eq(&editor.layout_index(), &index),
        "a node in another Region's box needs a new index"
    );
}

#[test]
fn dragging_each_node_of_an_endpoint_service_design_keeps_its_group_boxes_fresh() {
    // The endpoint service sits in its provider's account box and in its
    // Region's box; the consumer and the provider are in two accounts.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/designs/endpoint-service-nlb-cross-account.json"
    );
    let text = std::fs::read_to_string(path).expect("the fixture is readable");
    let design = vpcplan_core::file::read_design(&text).expect("the fixture reads");
    let mut editor = TestEditor::new(design);
    let nodes: Vec<_> = editor.layout().nodes.iter().map(|n| n.id.clone()).collect();
    assert!(nodes.len() >= 3, "VPCs and the endpoint service");
    for node in nodes {
        let (x, y) = editor.center_of(&node);
        editor.pointer_down(x, y);
        for step in 1..=6 {
            let offset = f64::from(step) * 53.0;
            editor.pointer_move(x + offset, y - offset * 2.0);
            assert_eq!(
                *editor.layout(),
                Layout::of(editor.document()),
                "the layout while dragging {node:?}, move {step}"
            );
        }
        editor.pointer_up(x + 318.0, y - 636.0);
    }
}

#[test]
fn escape_settles_a_cancelled_drag_back_at_the_document_before_it() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    editor
        .pointer_down(30.0, 30.0)
        .pointer_move(100.0, 100.0)
        .key("Escape");
    assert_eq!(editor.design(), &start);
    assert_eq!(editor.settled_revision(), editor.revision());
}

#[test]
fn a_press_without_movement_is_not_a_drag() {
    let mut editor = two_vpcs_and_services();
    let revision = editor.revision();
    editor
        .pointer_down(30.0, 30.0)
        .pointer_move(31.0, 31.0)
        .pointer_up(31.0, 31.0);
    assert_eq!(editor.revision(), revision);
}

#[test]
fn clicking_one_of_several_selected_nodes_selects_only_it() {
    let mut editor = two_vpcs_and_services();
    editor.drag((-10.0, -10.0), (600.0, 120.0));
    editor.click(20.0, 20.0);
    assert_eq!(selected_nodes(&editor), ["vpc-1"]);
}

#[test]
fn space_drag_the_hand_tool_and_the_wheel_pan() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    assert!(editor.key_down(&vpcplan_editor::KeyEvent::new(" ", Modifiers::NONE)));
    assert!(editor.space_held());
    editor.drag((20.0, 20.0), (70.0, 40.0));
    assert_eq!(editor.viewport().pan, Point::new(50.0, 20.0));
    assert_eq!(
        editor.design(),
        &start,
        "panning over a node does not move it"
    );
    editor.key_up(&vpcplan_editor::KeyEvent::new(" ", Modifiers::NONE));
    editor.set_tool(Tool::Hand);
    editor.drag((500.0, 500.0), (490.0, 500.0));
    assert_eq!(editor.viewport().pan, Point::new(40.0, 20.0));
    editor.set_tool(Tool::Select);
    editor.wheel(0.0, 0.0, 5.0, 10.0);
    assert_eq!(editor.viewport().pan, Point::new(35.0, 10.0));
}

#[test]
fn ctrl_wheel_zooms_around_the_pointer() {
    let mut editor = two_vpcs_and_services();
    let under = editor.viewport().to_canvas(Point::new(300.0, 200.0));
    editor
        .hold(Modifiers::CTRL)
        .wheel(300.0, 200.0, 0.0, -100.0);
    assert!(editor.viewport().zoom > 1.2, "{}", editor.viewport().zoom);
    let after = editor.viewport().to_canvas(Point::new(300.0, 200.0));
    assert!(under.distance(after) < 1e-9, "{under:?} moved to {after:?}");
    editor.release();
    let (x, y) = editor.center_of(&vpc("vpc-2"));
    editor.click(x, y);
    assert_eq!(
        selected_nodes(&editor),
        ["vpc-2"],
        "hit-testing follows the zoom"
    );
}

#[test]
fn zoom_buttons_and_fit_to_design() {
    let mut editor = two_vpcs_and_services();
    editor.zoom_in();
    assert_eq!(editor.viewport().zoom, 1.25);
    editor.zoom_out();
    editor.zoom_out();
    assert_eq!(editor.viewport().zoom, 0.8);
    editor
        .apply(vpcplan_editor::Command::AddVpc {
            at: Point::new(3000.0, 2000.0),
        })
        .unwrap();
    editor.fit_to_design();
    let visible = editor.viewport().visible();
    let bounds = editor.layout().bounds().unwrap();
    assert!(
        visible.x <= bounds.x && visible.right() >= bounds.right(),
        "{visible:?} {bounds:?}"
    );
    assert!(
        visible.y <= bounds.y && visible.bottom() >= bounds.bottom(),
        "{visible:?} {bounds:?}"
    );
}

#[test]
fn fitting_zooms_in_up_to_the_limit_and_again_as_the_canvas_resizes() {
    let mut editor = vpcplan_editor::testing::TestEditor::default();
    editor
        .apply(vpcplan_editor::Command::AddVpc {
            at: Point::new(0.0, 0.0),
        })
        .unwrap();
    editor.set_viewport_size(2000.0, 1500.0);
    editor.fit_to_design();
    assert_eq!(editor.viewport().zoom, 1.0, "never past 1 by default");
    editor.set_fit_zoom_limit(2.5);
    editor.fit_to_design_as_resized();
    assert_eq!(editor.viewport().zoom, 2.5);

    // The canvas shrinks after the call (a panel comes back): fit again.
    editor.set_viewport_size(400.0, 300.0);
    let (visible, bounds) = (
        editor.viewport().visible(),
        editor.layout().bounds().unwrap(),
    );
    assert!(editor.viewport().zoom < 2.5);
    assert!(
        visible.x <= bounds.x && visible.right() >= bounds.right(),
        "{visible:?} {bounds:?}"
    );
    assert!(
        visible.y <= bounds.y && visible.bottom() >= bounds.bottom(),
        "{visible:?} {bounds:?}"
    );

    // Once the user moves the view, a resize leaves it alone.
    editor.wheel(100.0, 100.0, 0.0, 30.0);
    let moved = *editor.viewport();
    editor.set_viewport_size(800.0, 600.0);
    assert_eq!(editor.viewport().pan, moved.pan);
    assert_eq!(editor.viewport().zoom, moved.zoom);
}

#[test]
fn click_to_place_adds_the_item_selects_it_and_returns_to_select() {
    let mut editor = two_vpcs_and_services();
    editor.set_tool(Tool::Place(PaletteItem::Vpc));
    editor.click(707.0, 193.0);
    let added = editor.design().vpcs.last().unwrap().clone();
    assert_eq!(added.id.as_str(), "vpc-3");
    assert_eq!(added.position, Position { x: 700.0, y: 200.0 });
    assert_eq!(selected_nodes(&editor), ["vpc-3"]);
    assert_eq!(editor.tool(), &Tool::Select);
    editor.set_tool(Tool::Place(PaletteItem::EndpointService));
    editor.key("Escape");
    assert_eq!(
        editor.tool(),
        &Tool::Select,
        "Escape leaves the placing tool"
    );
}

#[test]
fn dropping_a_palette_item_places_it_at_the_drop_point() {
    let mut editor = two_vpcs_and_services();
    editor.zoom_in();
    let at = editor
        .viewport()
        .to_canvas(Point::new(800.0, 600.0))
        .snapped();
    editor
        .drop_item(&PaletteItem::AwsService("dynamodb".into()), 800.0, 600.0)
        .unwrap();
    let added = editor.design().services.last().unwrap();
    assert_eq!(added.name, "Amazon DynamoDB");
    assert_eq!(added.position, at.into());
    assert!(
        editor
            .drop_item(&PaletteItem::AwsService("nope".into()), 1.0, 1.0)
            .is_err()
    );
}

#[test]
fn the_link_tool_offers_the_kinds_with_the_advisors_verdicts() {
    let mut editor = two_vpcs_and_services();
    editor.set_tool(Tool::Link);
    let (from, to) = (
        editor.center_of(&vpc("vpc-1")),
        editor.center_of(&vpc("vpc-2")),
    );
    editor.pointer_down(from.0, from.1).pointer_move(to.0, to.1);
    assert!(
        matches!(editor.gesture(), Gesture::Linking { target: Some(t), .. } if t == &vpc("vpc-2"))
    );
    editor.pointer_up(to.0, to.1);
    let choice = editor.link_choice().expect("a chooser");
    assert_eq!(choice.recommended, Some(LinkKind::Peering));
    let kinds: Vec<(LinkKind, bool)> = choice.options.iter().map(|o| (o.kind, o.allowed)).collect();
    assert_eq!(
        kinds,
        [
            (LinkKind::Peering, true),
            (LinkKind::InterfaceEndpoint, false),
            (LinkKind::GatewayEndpoint, false)
        ]
    );
    assert!(choice.options[0].recommended);
    editor.choose_link(LinkKind::Peering).unwrap();
    assert!(editor.link_choice().is_none());
    assert_eq!(editor.design().links.len(), 1);
    assert_eq!(
        editor.selection().links.len(),
        1,
        "the new link is selected"
    );
    assert!(editor.undo());
    assert!(editor.design().links.is_empty());
}

#[test]
fn a_gateway_endpoint_to_sqs_is_disabled_with_the_reason() {
    let mut editor = two_vpcs_and_services();
    editor.set_tool(Tool::Link);
    let (from, to) = (
        editor.center_of(&vpc("vpc-1")),
        editor.center_of(&service("svc-2")),
    );
    editor.drag(from, to);
    let choice = editor.link_choice().expect("a chooser").clone();
    let gateway = choice.option(LinkKind::GatewayEndpoint).unwrap();
    assert!(!gateway.allowed);
    let reasons: Vec<&str> = gateway
        .blockers
        .iter()
        .map(|r| r.message.en.as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("S3") && r.contains("DynamoDB")),
        "{reasons:?}"
    );
    assert_eq!(choice.recommended, Some(LinkKind::InterfaceEndpoint));
    let error = editor.choose_link(LinkKind::GatewayEndpoint).unwrap_err();
    assert!(
        error.message.en.contains("not allowed"),
        "{}",
        error.message.en
    );
    assert!(editor.design().links.is_empty());
    editor.key("Escape");
    assert!(editor.link_choice().is_none(), "Escape closes the chooser");
}

#[test]
fn a_link_released_on_the_background_or_the_same_node_offers_nothing() {
    let mut editor = two_vpcs_and_services();
    editor.set_tool(Tool::Link);
    let from = editor.center_of(&vpc("vpc-1"));
    editor.drag(from, (900.0, 700.0));
    assert!(editor.link_choice().is_none());
    editor.drag(from, (from.0 + 10.0, from.1));
    assert!(editor.link_choice().is_none());
}

#[test]
fn clicking_a_link_selects_it() {
    let mut editor = two_vpcs_and_services();
    link(&mut editor, vpc("vpc-1"), vpc("vpc-2"), LinkKind::Peering);
    let mid = editor.layout().links[0].midpoint();
    assert_eq!(
        editor.item_at(mid.x, mid.y + 3.0),
        Some(Item::Link("link-1".into()))
    );
    assert_eq!(editor.item_at(mid.x, mid.y + 30.0), None);
    editor.click(mid.x, mid.y + 3.0);
    assert_eq!(
        editor.selection().single(),
        Some(Item::Link("link-1".into()))
    );
}

#[test]
fn revealing_a_diagnostic_selects_its_things_and_pans_to_them() {
    use vpcplan_core::diagnostic::Subject;
    let mut editor = two_vpcs_and_services();
    editor
        .apply(vpcplan_editor::Command::AddVpc {
            at: Point::new(5000.0, 3000.0),
        })
        .unwrap();
    let subnet = editor.design().vpcs[2].subnets[0].id.clone();
    assert!(editor.reveal(&[Subject::Subnet(subnet), Subject::Account("1".into())]));
    assert_eq!(selected_nodes(&editor), ["vpc-3"]);
    let rect = editor.layout().node(&vpc("vpc-3")).unwrap().rect;
    let visible = editor.viewport().visible();
    assert!(
        visible.x <= rect.x && visible.right() >= rect.right(),
        "{visible:?} {rect:?}"
    );
    let pan = editor.viewport().pan;
    assert!(editor.reveal(&[Subject::Vpc("vpc-3".into())]));
    assert_eq!(
        editor.viewport().pan,
        pan,
        "no pan when it is already on screen"
    );
    assert!(!editor.reveal(&[Subject::Vpc("vpc-99".into())]));
}

#[test]
fn ctrl_z_during_a_drag_only_cancels_the_drag() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    editor.pointer_down(30.0, 30.0).pointer_move(100.0, 100.0);
    editor.key_with("z", Modifiers::CTRL);
    assert_eq!(editor.design(), &start);
    assert_eq!(editor.gesture(), &Gesture::Idle);
}

#[test]
fn events_with_nan_coordinates_change_nothing() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    let viewport = *editor.viewport();
    editor.set_tool(Tool::Place(PaletteItem::Vpc));
    editor.click(f64::NAN, 10.0);
    editor.drag((20.0, 20.0), (f64::NAN, f64::INFINITY));
    editor.hold(Modifiers::CTRL).wheel(f64::NAN, 0.0, 0.0, 10.0);
    editor.release().wheel(0.0, 0.0, f64::INFINITY, 0.0);
    assert_eq!(editor.design(), &start);
    assert_eq!(editor.viewport(), &viewport);
    assert!(
        editor.last_error().is_some(),
        "the refused placement is reported"
    );
}
