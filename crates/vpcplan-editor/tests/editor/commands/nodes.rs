//! Placing, moving, renaming nodes and changing their account or Region
//! (`command/nodes.rs`, `command/accounts.rs`): the CIDR a new VPC gets, the
//! catalogue name of a service, a drag as one undo step, and the endpoint
//! Region that follows the ends of an interface endpoint.

use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;
use vpcplan_editor::command::{Command, Field, propose_ipv4_cidr};
use vpcplan_editor::{Editor, NodeId, Point};

use super::cidrs;
use crate::{assert_no_errors, check_undo_redo, link, service, two_vpcs_and_services, vpc};

#[test]
fn add_vpc_proposes_the_next_free_cidr_with_subnets_and_a_main_route_table() {
    let mut editor = Editor::default();
    check_undo_redo(
        &mut editor,
        Command::AddVpc {
            at: Point::new(13.0, 27.0),
        },
    );
    check_undo_redo(
        &mut editor,
        Command::AddVpc {
            at: Point::new(400.0, 0.0),
        },
    );
    let design = editor.document();
    let first = &design.vpcs[0];
    assert_eq!(first.id.as_str(), "vpc-1");
    assert_eq!(first.ipv4_cidrs, ["10.0.0.0/16".parse().unwrap()]);
    assert_eq!(design.vpcs[1].ipv4_cidrs, ["10.1.0.0/16".parse().unwrap()]);
    assert_eq!(
        first.position,
        Position { x: 20.0, y: 20.0 },
        "snapped to the grid"
    );
    assert_eq!(first.region, "ap-northeast-1");
    assert_eq!(first.account.as_str(), "111111111111");
    assert_eq!(
        design.accounts.len(),
        1,
        "the default account is added once"
    );
    let azs: Vec<&str> = first
        .subnets
        .iter()
        .map(|s| s.availability_zone.as_str())
        .collect();
    assert_eq!(azs, ["ap-northeast-1a", "ap-northeast-1c"]);
    assert!(first.route_tables[0].main);
    assert_no_errors(&editor);
}

#[test]
fn the_cidr_proposal_skips_every_range_in_use() {
    let mut editor = Editor::default();
    editor
        .apply(Command::AddVpc {
            at: Point::default(),
        })
        .unwrap();
    editor
        .apply(Command::SetIpv4Cidrs {
            vpc: VpcId::from("vpc-1"),
            cidrs: cidrs(&["10.0.0.0/16", "10.1.0.0/16"]),
        })
        .unwrap();
    assert_eq!(
        propose_ipv4_cidr(editor.document()),
        Some("10.2.0.0/16".parse().unwrap())
    );
}

#[test]
fn add_aws_service_takes_the_catalogue_name_and_refuses_unknown_services() {
    let mut editor = Editor::default();
    check_undo_redo(
        &mut editor,
        Command::AddAwsService {
            service: "sqs".into(),
            at: Point::new(0.0, 0.0),
        },
    );
    let sqs = &editor.document().services[0];
    assert_eq!(sqs.name, "Amazon SQS");
    assert_eq!(
        sqs.kind,
        ServiceKind::Aws {
            service: "sqs".into()
        }
    );
    let error = editor
        .apply(Command::AddAwsService {
            service: "nosuch".into(),
            at: Point::default(),
        })
        .unwrap_err();
    assert!(
        error.message.en.contains("\"nosuch\""),
        "{}",
        error.message.en
    );
    assert_eq!(editor.document().services.len(), 1);
}

#[test]
fn add_endpoint_service_adds_a_provider_vpc_and_a_service_behind_an_nlb() {
    let mut editor = Editor::default();
    let patch = check_undo_redo(
        &mut editor,
        Command::AddEndpointService {
            at: Point::default(),
        },
    );
    assert_eq!(patch.added.len(), 3, "account, provider VPC and service");
    let design = editor.document();
    let ServiceKind::EndpointService(es) = &design.services[0].kind else {
        panic!("not an endpoint service: {:?}", design.services[0]);
    };
    assert_eq!(es.provider_vpc, design.vpcs[0].id);
    assert_eq!(es.network_load_balancers.len(), 1);
    assert!(design.vpcs[0].name.starts_with("provider"));
}

#[test]
fn move_nodes_moves_vpcs_and_services() {
    let mut editor = two_vpcs_and_services();
    check_undo_redo(
        &mut editor,
        Command::MoveNodes {
            nodes: vec![vpc("vpc-1"), service("svc-1")],
            dx: 40.0,
            dy: -20.0,
        },
    );
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 40.0, y: -20.0 }
    );
    assert_eq!(
        editor.design().services[0].position,
        Position { x: 40.0, y: 380.0 }
    );
    assert!(
        editor
            .apply(Command::MoveNodes {
                nodes: vec![vpc("vpc-9")],
                dx: 1.0,
                dy: 1.0
            })
            .is_err()
    );
}

#[test]
fn a_drag_recorded_in_a_gesture_is_one_undo_step() {
    let mut editor = two_vpcs_and_services();
    let start = editor.design().clone();
    editor.drag((20.0, 20.0), (140.0, 100.0));
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 120.0, y: 80.0 }
    );
    assert!(editor.undo());
    assert_eq!(editor.design(), &start);
    assert!(editor.redo());
    assert_eq!(
        editor.design().vpcs[0].position,
        Position { x: 120.0, y: 80.0 }
    );
}

#[test]
fn names_accounts_and_regions_are_edited_and_checked() {
    let mut editor = two_vpcs_and_services();
    check_undo_redo(
        &mut editor,
        Command::RenameDesign {
            name: "article".into(),
        },
    );
    check_undo_redo(
        &mut editor,
        Command::RenameNode {
            node: vpc("vpc-1"),
            name: "  app ".into(),
        },
    );
    assert_eq!(editor.design().vpcs[0].name, "app");
    check_undo_redo(
        &mut editor,
        Command::SetAccount {
            vpc: VpcId::from("vpc-1"),
            account: "222222222222".into(),
        },
    );
    assert_eq!(editor.design().accounts.len(), 2);
    check_undo_redo(
        &mut editor,
        Command::RenameAccount {
            account: AccountId::from("222222222222"),
            name: "shared".into(),
        },
    );
    check_undo_redo(
        &mut editor,
        Command::SetRegion {
            node: vpc("vpc-1"),
            region: "us-east-1".into(),
        },
    );
    let vpc1 = &editor.design().vpcs[0];
    assert_eq!(vpc1.region, "us-east-1");
    assert_eq!(
        vpc1.subnets[0].availability_zone, "us-east-1a",
        "AZs follow the Region"
    );
    check_undo_redo(
        &mut editor,
        Command::SetRegion {
            node: service("svc-1"),
            region: "eu-west-1".into(),
        },
    );

    let before = editor.design().clone();
    for (command, field) in [
        (
            Command::RenameNode {
                node: vpc("vpc-1"),
                name: "   ".into(),
            },
            Field::Name,
        ),
        (
            Command::SetAccount {
                vpc: VpcId::from("vpc-1"),
                account: "12345".into(),
            },
            Field::Account,
        ),
        (
            Command::SetRegion {
                node: vpc("vpc-1"),
                region: "mars-north-1".into(),
            },
            Field::Region,
        ),
    ] {
        let error = editor.apply(command).expect_err("bad input");
        assert_eq!(error.field, field);
        assert_eq!(error.subject, Some(Subject::Vpc(VpcId::from("vpc-1"))));
    }
    assert_eq!(editor.design(), &before, "refused edits change nothing");
}

#[test]
fn an_interface_endpoint_names_the_service_region_exactly_when_the_ends_move_apart() {
    let mut editor = two_vpcs_and_services();
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-2"),
        LinkKind::InterfaceEndpoint,
    );
    let service_region = |editor: &Editor| match &editor.document().links[0].spec {
        LinkSpec::InterfaceEndpoint(endpoint) => endpoint.service_region.clone(),
        other => panic!("not an interface endpoint: {other:?}"),
    };
    assert_eq!(service_region(&editor), None, "same Region at first");
    check_undo_redo(
        &mut editor,
        Command::SetRegion {
            node: service("svc-2"),
            region: "us-east-1".into(),
        },
    );
    assert_eq!(service_region(&editor).as_deref(), Some("us-east-1"));
    check_undo_redo(
        &mut editor,
        Command::SetRegion {
            node: vpc("vpc-1"),
            region: "us-east-1".into(),
        },
    );
    assert_eq!(service_region(&editor), None, "together again");
    editor
        .apply(Command::SetRegion {
            node: vpc("vpc-2"),
            region: "eu-west-1".into(),
        })
        .unwrap();
    assert_eq!(
        service_region(&editor),
        None,
        "a VPC that is not an end leaves the endpoint alone"
    );
}

#[test]
fn an_endpoint_service_and_its_provider_vpc_change_region_together() {
    let mut editor = Editor::default();
    editor
        .apply(Command::AddEndpointService {
            at: Point::default(),
        })
        .unwrap();
    editor
        .apply(Command::AddVpc {
            at: Point::new(0.0, 400.0),
        })
        .unwrap();
    let provider = editor.document().vpcs[0].id.clone();
    let consumer = editor.document().vpcs[1].id.clone();
    let service_id = editor.document().services[0].id.clone();
    link(
        &mut editor,
        NodeId::Vpc(consumer.clone()),
        NodeId::Service(service_id.clone()),
        LinkKind::InterfaceEndpoint,
    );
    let regions = |editor: &Editor| {
        let design = editor.document();
        let LinkSpec::InterfaceEndpoint(endpoint) = &design.links[0].spec else {
            panic!("not an interface endpoint");
        };
        (
            design.vpc(&provider).unwrap().region.clone(),
            design.service(&service_id).unwrap().region.clone(),
            endpoint.service_region.clone(),
        )
    };
    check_undo_redo(
        &mut editor,
        Command::SetRegion {
            node: NodeId::Service(service_id.clone()),
            region: "us-east-1".into(),
        },
    );
    assert_eq!(
        regions(&editor),
        (
            "us-east-1".into(),
            "us-east-1".into(),
            Some("us-east-1".into())
        )
    );
    let subnet_az = &editor.document().vpc(&provider).unwrap().subnets[0].availability_zone;
    assert!(subnet_az.starts_with("us-east-1"), "{subnet_az}");
    check_undo_redo(
        &mut editor,
        Command::SetRegion {
            node: NodeId::Vpc(provider.clone()),
            region: "ap-northeast-1".into(),
        },
    );
    assert_eq!(
        regions(&editor),
        ("ap-northeast-1".into(), "ap-northeast-1".into(), None)
    );
    let diagnostics = editor.diagnostics();
    assert!(
        diagnostics.iter().all(|d| d.rule != "PL-007"),
        "{diagnostics:?}"
    );
}
