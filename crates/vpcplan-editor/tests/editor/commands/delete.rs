//! Deleting nodes and links (`command/delete.rs`): what goes with them (links,
//! an endpoint service, routes through a peering) and comes back on undo.

use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_editor::command::Command;
use vpcplan_editor::{Editor, Point};

use super::peered;
use crate::{check_undo_redo, link, service, vpc};

#[test]
fn deleting_a_node_takes_its_links_and_undo_brings_them_back_in_place() {
    let mut editor = peered();
    link(
        &mut editor,
        vpc("vpc-2"),
        service("svc-1"),
        LinkKind::GatewayEndpoint,
    );
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-2"),
        LinkKind::InterfaceEndpoint,
    );
    let patch = check_undo_redo(
        &mut editor,
        Command::Delete {
            nodes: vec![vpc("vpc-1")],
            links: vec![],
        },
    );
    assert_eq!(
        patch.removed.len(),
        3,
        "the VPC, its peering and its endpoint"
    );
    let links: Vec<&str> = editor
        .design()
        .links
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(links, ["link-2"]);
}

#[test]
fn deleting_a_provider_vpc_takes_its_endpoint_service() {
    let mut editor = Editor::default();
    editor
        .apply(Command::AddEndpointService {
            at: Point::default(),
        })
        .unwrap();
    check_undo_redo(
        &mut editor,
        Command::Delete {
            nodes: vec![vpc("vpc-1")],
            links: vec![],
        },
    );
    assert!(editor.document().services.is_empty());
}

#[test]
fn deleting_a_peering_takes_the_routes_through_it_and_undo_restores_them() {
    let mut design = peered().design().clone();
    design.vpcs[0].route_tables[0].routes.push(Route {
        destination: RouteDestination::Ipv4("10.1.0.0/16".parse().unwrap()),
        target: RouteTarget::Peering(LinkId::from("link-1")),
    });
    design.vpcs[0].route_tables[0].routes.push(Route {
        destination: RouteDestination::Ipv4("0.0.0.0/0".parse().unwrap()),
        target: RouteTarget::Edge(EdgeGatewayKind::NatGateway),
    });
    let mut editor = Editor::new(design);
    check_undo_redo(
        &mut editor,
        Command::Delete {
            nodes: vec![],
            links: vec![LinkId::from("link-1")],
        },
    );
    let routes = &editor.document().vpcs[0].route_tables[0].routes;
    assert_eq!(routes.len(), 1, "{routes:?}");
    assert_eq!(
        routes[0].target,
        RouteTarget::Edge(EdgeGatewayKind::NatGateway)
    );
}
