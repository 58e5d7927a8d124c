//! Subnets (`command/subnets.rs`): added, edited and removed with the
//! references to them.

use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_editor::command::{Command, Field, SubnetFields};

use crate::{check_undo_redo, link, service, two_vpcs_and_services, vpc};

#[test]
fn subnets_are_added_edited_and_removed_with_their_references() {
    let mut editor = two_vpcs_and_services();
    let id = VpcId::from("vpc-1");
    check_undo_redo(
        &mut editor,
        Command::AddSubnet {
            vpc: id.clone(),
            subnet: SubnetFields {
                name: "db".into(),
                ipv4_cidr: "10.0.8.0/24".into(),
                ipv6_cidr: String::new(),
                availability_zone: "ap-northeast-1d".into(),
            },
        },
    );
    let new = editor.design().vpcs[0].subnets[2].id.clone();
    assert_eq!(new.as_str(), "subnet-5");
    check_undo_redo(
        &mut editor,
        Command::EditSubnet {
            vpc: id.clone(),
            subnet: new.clone(),
            fields: SubnetFields {
                name: "db".into(),
                ipv4_cidr: "10.0.9.0/24".into(),
                ipv6_cidr: String::new(),
                availability_zone: "ap-northeast-1a".into(),
            },
        },
    );
    let bad = |cidr: &str, az: &str| SubnetFields {
        name: "x".into(),
        ipv4_cidr: cidr.into(),
        ipv6_cidr: String::new(),
        availability_zone: az.into(),
    };
    for (fields, field, says) in [
        (
            bad("10.9.0.0/24", "ap-northeast-1a"),
            Field::SubnetIpv4Cidr,
            "outside VPC vpc-1 (10.0.0.0/16)",
        ),
        (
            bad("10.0.0.0/25", "ap-northeast-1a"),
            Field::SubnetIpv4Cidr,
            "overlaps subnet subnet-1",
        ),
        (
            bad("10.0.20.0/24", "us-east-1a"),
            Field::AvailabilityZone,
            "ap-northeast-1",
        ),
        (
            bad("banana", "ap-northeast-1a"),
            Field::SubnetIpv4Cidr,
            "\"banana\"",
        ),
    ] {
        let error = editor
            .apply(Command::AddSubnet {
                vpc: id.clone(),
                subnet: fields,
            })
            .expect_err("bad subnet");
        assert_eq!(error.field, field, "{}", error.message.en);
        assert!(error.message.en.contains(says), "{}", error.message.en);
    }
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-2"),
        LinkKind::InterfaceEndpoint,
    );
    let first = editor.design().vpcs[0].subnets[0].id.clone();
    check_undo_redo(
        &mut editor,
        Command::RemoveSubnet {
            vpc: id.clone(),
            subnet: first.clone(),
        },
    );
    let LinkSpec::InterfaceEndpoint(e) = &editor.design().links[0].spec else {
        panic!("not an interface endpoint");
    };
    assert!(!e.subnets.contains(&first));
}
