//! Steps solved the way a student solves them, with the commands the
//! palette, the link tool and the inspector send (not "show solution"):
//! the goals accept the designs these make, service nodes with generated
//! ids included, and every step below is reachable through the editor.

use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_core::lesson::{Lesson, Step};
use vpcplan_editor::command::{
    Command, EndpointServiceOptions, GatewayEndpointOptions, InterfaceEndpointOptions,
};
use vpcplan_editor::editor::added_nodes;
use vpcplan_editor::{Editor, NodeId, Point};

use super::shipped_lessons;
use crate::check_undo_redo;

/// An editor at the start of step `index` (from 1) of the lesson, and the step.
fn at_step(id: &str, number: usize) -> (Editor, Step) {
    let lesson: Lesson = shipped_lessons()
        .into_iter()
        .map(|(_, lesson)| lesson)
        .find(|lesson| lesson.id == id)
        .unwrap_or_else(|| panic!("no lesson {id}"));
    let start = lesson.start_of(number - 1).expect("the step").clone();
    let step = lesson.steps[number - 1].clone();
    let editor = Editor::new(start);
    assert!(
        !step.status(editor.document()).met(),
        "{id} step {number} met at its start"
    );
    (editor, step)
}

#[track_caller]
fn assert_met(editor: &Editor, step: &Step) {
    let status = step.status(editor.document());
    assert!(status.met(), "not met: {:#?}", status.checks);
}

fn endpoint_options(editor: &Editor, link: &str) -> InterfaceEndpointOptions {
    match &editor
        .document()
        .link(&LinkId::from(link))
        .expect("the link")
        .spec
    {
        LinkSpec::InterfaceEndpoint(endpoint) => InterfaceEndpointOptions::of(endpoint),
        other => panic!("{link} is {other:?}"),
    }
}

#[test]
fn peering_basics_routes_by_associating_the_subnet_with_the_main_table() {
    let (mut editor, step) = at_step("peering-basics", 2);
    check_undo_redo(
        &mut editor,
        Command::EditRouteTable {
            vpc: VpcId::from("vpc-b"),
            table: RouteTableId::from("rtb-b"),
            name: "VPC B main".to_owned(),
            main: true,
            subnets: vec![SubnetId::from("subnet-b-1a")],
        },
    );
    assert_met(&editor, &step);
}

#[test]
fn overlapping_cidrs_renumbered_in_the_inspector() {
    let (mut editor, step) = at_step("overlapping-cidrs", 2);
    check_undo_redo(
        &mut editor,
        Command::SetIpv4Cidrs {
            vpc: VpcId::from("vpc-analytics"),
            cidrs: vec!["10.1.0.0/16".to_owned()],
        },
    );
    assert_met(&editor, &step);
}

#[test]
fn ssm_endpoint_from_the_palette_then_fixed_in_the_inspector() {
    // Step 1: a Systems Manager node from the palette (a generated id) and
    // an interface endpoint drawn to it.
    let (mut editor, step) = at_step("interface-endpoint-ssm", 1);
    let patch = check_undo_redo(
        &mut editor,
        Command::AddAwsService {
            service: "ssm".to_owned(),
            at: Point::new(700.0, 100.0),
        },
    );
    let ssm = added_nodes(&patch).remove(0);
    assert_ne!(ssm, NodeId::Service(ServiceId::from("svc-ssm")));
    check_undo_redo(
        &mut editor,
        Command::AddLink {
            from: NodeId::Vpc(VpcId::from("vpc-app")),
            to: ssm,
            kind: LinkKind::InterfaceEndpoint,
        },
    );
    assert_met(&editor, &step);

    // Step 3: the endpoint's security group, chosen in the inspector.
    let (mut editor, step) = at_step("interface-endpoint-ssm", 3);
    let mut options = endpoint_options(&editor, "vpce-ssm");
    options.security_groups = vec![SecurityGroupId::from("sg-vpce-https")];
    check_undo_redo(
        &mut editor,
        Command::SetInterfaceEndpointOptions {
            link: LinkId::from("vpce-ssm"),
            options,
        },
    );
    assert_met(&editor, &step);

    // Step 4: the VPC's DNS hostnames turned on.
    let (mut editor, step) = at_step("interface-endpoint-ssm", 4);
    check_undo_redo(
        &mut editor,
        Command::SetVpcDns {
            vpc: VpcId::from("vpc-app"),
            dns_support: true,
            dns_hostnames: true,
        },
    );
    assert_met(&editor, &step);
}

#[test]
fn s3_gateway_endpoint_moved_to_the_table_the_subnets_use() {
    let (mut editor, step) = at_step("gateway-endpoint-s3", 2);
    check_undo_redo(
        &mut editor,
        Command::SetGatewayEndpointOptions {
            link: LinkId::from("vpce-s3"),
            options: GatewayEndpointOptions {
                route_tables: vec![RouteTableId::from("rtb-data-private")],
                ip_address_type: IpAddressType::Ipv4,
            },
        },
    );
    assert_met(&editor, &step);
}

#[test]
fn endpoint_service_principal_and_acceptance_set_in_the_inspector() {
    let options = |editor: &Editor| match &editor
        .document()
        .service(&ServiceId::from("svc-orders"))
        .expect("orders-api")
        .kind
    {
        ServiceKind::EndpointService(service) => EndpointServiceOptions::of(service),
        ServiceKind::Aws { .. } => panic!("orders-api is an AWS service"),
    };
    let (mut editor, step) = at_step("endpoint-service-cross-account", 2);
    let mut allowed = options(&editor);
    allowed.allowed_principals = vec!["arn:aws:iam::111111111111:root".to_owned()];
    check_undo_redo(
        &mut editor,
        Command::SetEndpointServiceOptions {
            service: ServiceId::from("svc-orders"),
            options: allowed,
        },
    );
    assert_met(&editor, &step);

    let (mut editor, step) = at_step("endpoint-service-cross-account", 3);
    let mut accepted = options(&editor);
    accepted.acceptance_required = true;
    check_undo_redo(
        &mut editor,
        Command::SetEndpointServiceOptions {
            service: ServiceId::from("svc-orders"),
            options: accepted,
        },
    );
    assert_met(&editor, &step);
}

#[test]
fn choosing_the_pattern_with_the_link_tools_choices() {
    let (mut editor, step) = at_step("choose-the-pattern", 2);
    check_undo_redo(
        &mut editor,
        Command::AddLink {
            from: NodeId::Vpc(VpcId::from("vpc-batch-a")),
            to: NodeId::Vpc(VpcId::from("vpc-batch-b")),
            kind: LinkKind::Peering,
        },
    );
    assert_met(&editor, &step);

    let (mut editor, step) = at_step("choose-the-pattern", 3);
    check_undo_redo(
        &mut editor,
        Command::AddLink {
            from: NodeId::Vpc(VpcId::from("vpc-data")),
            to: NodeId::Service(ServiceId::from("svc-s3")),
            kind: LinkKind::GatewayEndpoint,
        },
    );
    assert_met(&editor, &step);
}
