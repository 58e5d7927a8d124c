use vpcplan_core::LinkKind;
use vpcplan_core::design::{LinkSpec, Position};
use vpcplan_core::i18n::Lang;
use vpcplan_editor::command::Command;
use vpcplan_editor::{
    Gesture, Item, KeyEvent, Modifiers, NodesById, accessible_name, link_name, node_name,
};

use super::{link, service, two_vpcs_and_services, vpc};

fn focused(editor: &vpcplan_editor::Editor) -> Option<Item> {
    editor.focus().cloned()
}

#[test]
fn tab_reaches_every_node_in_reading_order_then_every_link_then_leaves() {
    let mut editor = two_vpcs_and_services();
    link(&mut editor, vpc("vpc-1"), vpc("vpc-2"), LinkKind::Peering);
    let mut visited = Vec::new();
    while editor.key_down(&KeyEvent::new("Tab", Modifiers::NONE)) {
        visited.push(focused(&editor).unwrap());
        assert_eq!(
            editor.selection().single(),
            focused(&editor),
            "focus selects"
        );
    }
    assert_eq!(
        visited,
        [
            Item::Node(vpc("vpc-1")),
            Item::Node(vpc("vpc-2")),
            Item::Node(service("svc-1")),
            Item::Node(service("svc-2")),
            Item::Link("link-1".into()),
        ]
    );
    assert_eq!(
        focused(&editor),
        None,
        "past the last item focus leaves the canvas"
    );
    editor.key_with("Tab", Modifiers::SHIFT);
    assert_eq!(focused(&editor), Some(Item::Link("link-1".into())));
}

#[test]
fn arrow_keys_move_the_selection_one_grid_step_per_undo_step() {
    let mut editor = two_vpcs_and_services();
    editor.key("Tab");
    editor.key("ArrowRight").key("ArrowRight").key("ArrowDown");
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 40.0, y: 20.0 }
    );
    editor.key_with("ArrowLeft", Modifiers::SHIFT);
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: -60.0, y: 20.0 }
    );
    editor.key_with("z", Modifiers::CTRL);
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 40.0, y: 20.0 }
    );
    editor.key_with("z", Modifiers::CTRL);
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 40.0, y: 0.0 }
    );
}

#[test]
fn enter_opens_the_inspector_and_escape_backs_out_one_level_at_a_time() {
    let mut editor = two_vpcs_and_services();
    assert!(
        !editor.key_down(&KeyEvent::new("Enter", Modifiers::NONE)),
        "nothing selected"
    );
    editor.key("Tab").key("Enter");
    assert!(editor.inspector_open());
    editor.key("Escape");
    assert!(!editor.inspector_open());
    assert!(!editor.selection().is_empty());
    editor.key("Escape");
    assert!(editor.selection().is_empty());
    assert!(
        !editor.key_down(&KeyEvent::new("Escape", Modifiers::NONE)),
        "nothing left to cancel"
    );
}

#[test]
fn delete_and_backspace_remove_and_ctrl_z_ctrl_shift_z_ctrl_y_undo_and_redo() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    editor.key("Tab").key("Delete");
    assert_eq!(editor.design().vpcs.len(), 1);
    editor.key("Backspace");
    assert!(editor.design().vpcs.is_empty());
    editor.key_with("z", Modifiers::CTRL).key_with(
        "z",
        Modifiers {
            meta: true,
            ..Modifiers::NONE
        },
    );
    assert_eq!(editor.design(), &start);
    editor.key_with(
        "Z",
        Modifiers {
            ctrl: true,
            shift: true,
            ..Modifiers::NONE
        },
    );
    assert_eq!(editor.design().vpcs.len(), 1);
    editor.key_with("y", Modifiers::CTRL);
    assert!(editor.design().vpcs.is_empty());
}

#[test]
fn ctrl_d_and_ctrl_c_v_duplicate_and_select_the_copies() {
    let mut editor = two_vpcs_and_services();
    editor.key("Tab").key_with("d", Modifiers::CTRL);
    assert_eq!(editor.design().vpcs.len(), 3);
    assert_eq!(editor.selection().single(), Some(Item::Node(vpc("vpc-3"))));
    assert_eq!(
        editor.design().vpcs[2].position,
        Position { x: 40.0, y: 40.0 }
    );
    editor
        .key_with("c", Modifiers::CTRL)
        .key_with("v", Modifiers::CTRL);
    assert_eq!(editor.design().vpcs.len(), 4);
    editor.key_with("v", Modifiers::CTRL);
    assert_eq!(
        editor.design().vpcs.len(),
        5,
        "paste again makes another copy"
    );
    // Each paste of vpc-3 lands one step further; copying again starts over.
    let positions: Vec<Position> = editor.design().vpcs[2..]
        .iter()
        .map(|v| v.position)
        .collect();
    assert_eq!(
        positions,
        [40.0, 80.0, 120.0].map(|at| Position { x: at, y: at })
    );
    let ids: Vec<&str> = editor.design().vpcs.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["vpc-1", "vpc-2", "vpc-3", "vpc-4", "vpc-5"]);
    editor
        .key_with("c", Modifiers::CTRL)
        .key_with("v", Modifiers::CTRL);
    assert_eq!(
        editor.design().vpcs[5].position,
        Position { x: 160.0, y: 160.0 },
        "a copy of vpc-5, one step from it"
    );
}

#[test]
fn a_peering_built_with_the_keyboard_alone() {
    let mut editor = two_vpcs_and_services();
    editor.key("Tab").key("l");
    assert!(
        matches!(editor.gesture(), Gesture::KeyboardLink { target: Some(t), .. } if t == &vpc("vpc-2"))
    );
    editor.key("ArrowRight");
    assert!(
        matches!(editor.gesture(), Gesture::KeyboardLink { target: Some(t), .. } if t == &service("svc-1"))
    );
    editor.key("ArrowLeft").key("Enter");
    let choice = editor.link_choice().expect("the chooser opens");
    assert_eq!(
        choice.highlighted_kind(),
        Some(LinkKind::Peering),
        "the recommended kind"
    );
    editor.key("Enter");
    let design = editor.design();
    assert_eq!(design.links.len(), 1);
    assert!(
        matches!(&design.links[0].spec, LinkSpec::Peering(p) if p.requester.as_str() == "vpc-1")
    );
}

#[test]
fn the_chooser_takes_digits_and_refuses_disallowed_kinds() {
    let mut editor = two_vpcs_and_services();
    editor.open_link_choice(vpc("vpc-1"), service("svc-2"));
    editor.key("3");
    assert!(
        editor.design().links.is_empty(),
        "a gateway endpoint to SQS is refused"
    );
    assert!(editor.last_error().is_some());
    assert!(
        editor.link_choice().is_some(),
        "the chooser stays open after a refusal"
    );
    editor.key("ArrowDown").key("ArrowUp");
    assert_eq!(
        editor.link_choice().unwrap().highlighted_kind(),
        Some(LinkKind::InterfaceEndpoint)
    );
    editor.key("2");
    assert_eq!(editor.design().links[0].kind(), LinkKind::InterfaceEndpoint);
}

#[test]
fn escape_cancels_a_keyboard_link_and_l_needs_one_selected_node() {
    let mut editor = two_vpcs_and_services();
    assert!(!editor.key_down(&KeyEvent::new("l", Modifiers::NONE)));
    editor.key("Tab").key("l").key("Escape");
    assert_eq!(editor.gesture(), &Gesture::Idle);
    assert!(editor.link_choice().is_none());
}

#[test]
fn accessible_names_read_the_node_in_english_and_japanese() {
    let mut editor = two_vpcs_and_services();
    editor
        .apply(Command::RenameNode {
            node: vpc("vpc-1"),
            name: "app".into(),
        })
        .unwrap();
    editor
        .apply(Command::SetIpv4Cidrs {
            vpc: "vpc-1".into(),
            cidrs: vec!["172.31.0.0/16".into()],
        })
        .unwrap();
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-1"),
        LinkKind::GatewayEndpoint,
    );
    let design = editor.design();
    let name = |item: Item, lang| accessible_name(design, &item, lang).unwrap();
    assert_eq!(
        name(Item::Node(vpc("vpc-1")), Lang::En),
        "VPC app, 172.31.0.0/16, ap-northeast-1, account 111111111111"
    );
    assert_eq!(
        name(Item::Node(vpc("vpc-1")), Lang::Ja),
        "VPC app、172.31.0.0/16、ap-northeast-1、アカウント 111111111111"
    );
    assert_eq!(
        name(Item::Node(service("svc-1")), Lang::En),
        "AWS service Amazon S3, ap-northeast-1"
    );
    assert_eq!(
        name(Item::Link("link-1".into()), Lang::En),
        "PrivateLink (gateway endpoint) from app to Amazon S3"
    );
    assert_eq!(
        name(Item::Link("link-1".into()), Lang::Ja),
        "appからAmazon S3へのPrivateLink (ゲートウェイ型)"
    );
    assert_eq!(
        accessible_name(design, &Item::Node(vpc("vpc-9")), Lang::En),
        None
    );
    for item in editor.focus_order() {
        for lang in Lang::ALL {
            assert!(accessible_name(design, &item, lang).is_some_and(|n| !n.is_empty()));
        }
    }
    // The canvas names links without looking them up, and finds the nodes
    // they mention by id: the same names.
    let by_id = NodesById::new(design);
    for lang in Lang::ALL {
        for link in &design.links {
            assert_eq!(
                Some(link_name(&by_id, link, lang)),
                accessible_name(design, &Item::Link(link.id.clone()), lang)
            );
        }
        for item in editor.focus_order() {
            if let Item::Node(node) = &item {
                assert_eq!(
                    node_name(&by_id, node, lang),
                    accessible_name(design, &item, lang)
                );
            }
        }
    }
}

#[test]
fn after_a_delete_focus_and_selection_move_to_the_next_item_in_tab_order() {
    let mut editor = two_vpcs_and_services();
    editor.key("Tab").key("Tab").key("Delete");
    assert_eq!(focused(&editor), Some(Item::Node(service("svc-1"))));
    assert_eq!(
        editor.selection().single(),
        focused(&editor),
        "and selects it"
    );
    editor.key("Tab").key("Delete");
    assert_eq!(
        focused(&editor),
        Some(Item::Node(service("svc-1"))),
        "after the last item, the one before it"
    );
}
