//! Route tables (`command/route_tables.rs`): added, edited and removed.

use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_editor::command::{Command, Field};

use crate::{check_undo_redo, link, service, two_vpcs_and_services, vpc};

#[test]
fn route_tables_are_added_edited_and_removed() {
    let mut editor = two_vpcs_and_services();
    let id = VpcId::from("vpc-1");
    check_undo_redo(
        &mut editor,
        Command::AddRouteTable {
            vpc: id.clone(),
            name: "private".into(),
        },
    );
    let vpc1 = &editor.design().vpcs[0];
    let (main, private) = (
        vpc1.route_tables[0].id.clone(),
        vpc1.route_tables[1].id.clone(),
    );
    assert!(!vpc1.route_tables[1].main);
    let subnet = vpc1.subnets[0].id.clone();
    check_undo_redo(
        &mut editor,
        Command::EditRouteTable {
            vpc: id.clone(),
            table: private.clone(),
            name: "private".into(),
            main: true,
            subnets: vec![subnet.clone()],
        },
    );
    let vpc1 = &editor.design().vpcs[0];
    assert!(
        !vpc1.route_tables[0].main && vpc1.route_tables[1].main,
        "one main table"
    );
    let error = editor
        .apply(Command::EditRouteTable {
            vpc: id.clone(),
            table: main.clone(),
            name: "x".into(),
            main: false,
            subnets: vec![SubnetId::from("subnet-99")],
        })
        .unwrap_err();
    assert_eq!(error.field, Field::Subnets);
    assert!(error.message.en.contains("subnet-99"));
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-1"),
        LinkKind::GatewayEndpoint,
    );
    check_undo_redo(
        &mut editor,
        Command::RemoveRouteTable {
            vpc: id.clone(),
            table: main.clone(),
        },
    );
    let LinkSpec::GatewayEndpoint(g) = &editor.design().links[0].spec else {
        panic!("not a gateway endpoint");
    };
    assert_eq!(
        g.route_tables.as_slice(),
        std::slice::from_ref(&private),
        "the removed table left the endpoint"
    );
    assert!(
        editor
            .apply(Command::RemoveRouteTable {
                vpc: id,
                table: private
            })
            .is_err(),
        "main stays"
    );
}
