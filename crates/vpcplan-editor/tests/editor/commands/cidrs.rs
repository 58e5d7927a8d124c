//! A VPC's IPv4 and IPv6 CIDRs (`command/cidrs.rs`): parsed and checked, the
//! subnets carried along, and an overlap with another VPC left to the rules.

use vpcplan_core::design::*;
use vpcplan_editor::command::{Command, Field};

use super::{cidrs, peered};
use crate::{check_undo_redo, two_vpcs_and_services};

#[test]
fn ipv4_cidrs_are_parsed_checked_and_carry_the_subnets_along() {
    let mut editor = two_vpcs_and_services();
    check_undo_redo(
        &mut editor,
        Command::SetIpv4Cidrs {
            vpc: VpcId::from("vpc-1"),
            cidrs: cidrs(&["172.31.0.0/16", " 100.64.0.0/20 "]),
        },
    );
    let vpc1 = &editor.design().vpcs[0];
    assert_eq!(vpc1.ipv4_cidrs.len(), 2);
    assert_eq!(
        vpc1.subnets[0].ipv4_cidr,
        Some("172.31.0.0/24".parse().unwrap()),
        "the subnet moved with the primary CIDR"
    );
    let before = editor.design().clone();
    let refused = |cidrs_in: &[&str]| {
        let mut editor = vpcplan_editor::testing::TestEditor::new(before.clone());
        editor
            .apply(Command::SetIpv4Cidrs {
                vpc: VpcId::from("vpc-1"),
                cidrs: cidrs(cidrs_in),
            })
            .expect_err("refused")
    };
    let error = refused(&["172.31.0.0/16", "10.0.0/16"]);
    assert_eq!(error.field, Field::Ipv4Cidr(1));
    assert!(
        error.message.en.contains("\"10.0.0/16\""),
        "{}",
        error.message.en
    );
    let error = refused(&["172.31.0.1/16"]);
    assert!(
        error.message.en.contains("172.31.0.0/16"),
        "{}",
        error.message.en
    );
    let error = refused(&["172.0.0.0/8"]);
    assert!(
        error.message.en.contains("/16 and /28"),
        "{}",
        error.message.en
    );
    let error = refused(&["172.31.0.0/16", "172.31.128.0/17"]);
    assert!(
        error.message.en.contains("overlaps"),
        "{}",
        error.message.en
    );
    let error = refused(&[]);
    assert_eq!(error.field, Field::Ipv4Cidr(0));
    let error = refused(&["172.31.0.0/28"]);
    assert_eq!(error.field, Field::SubnetIpv4Cidr, "{}", error.message.en);
    assert!(
        error.message.en.contains("outside VPC vpc-1"),
        "{}",
        error.message.en
    );
}

#[test]
fn a_cidr_that_overlaps_another_vpc_is_applied_and_flagged_by_the_rules() {
    let mut editor = peered();
    editor
        .apply(Command::SetIpv4Cidrs {
            vpc: VpcId::from("vpc-2"),
            cidrs: cidrs(&["10.0.0.0/16"]),
        })
        .unwrap();
    let rules: Vec<&str> = editor.diagnostics().iter().map(|d| d.rule).collect();
    assert!(rules.contains(&"PEER-001"), "{rules:?}");
    editor.undo();
    let rules: Vec<&str> = editor.diagnostics().iter().map(|d| d.rule).collect();
    assert!(!rules.contains(&"PEER-001"), "{rules:?}");
}

#[test]
fn ipv6_cidrs_are_checked() {
    let mut editor = two_vpcs_and_services();
    check_undo_redo(
        &mut editor,
        Command::SetIpv6Cidrs {
            vpc: VpcId::from("vpc-1"),
            cidrs: cidrs(&["2600:1f18:abcd:1200::/56"]),
        },
    );
    let error = editor
        .apply(Command::SetIpv6Cidrs {
            vpc: VpcId::from("vpc-1"),
            cidrs: cidrs(&["2600:1f18:abcd:1200::/56", "2600:1f18::/64"]),
        })
        .unwrap_err();
    assert_eq!(error.field, Field::Ipv6Cidr(1));
}
