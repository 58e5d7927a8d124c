//! Adding links and editing their options (`command/links.rs`): each kind from
//! the VPC side, the pairs a kind cannot join, and checked option values.

use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_editor::command::{Command, Field, GatewayEndpointOptions, InterfaceEndpointOptions};

use super::peered;
use crate::{assert_no_errors, check_undo_redo, link, service, two_vpcs_and_services, vpc};

#[test]
fn add_link_makes_each_kind_from_the_vpc_side() {
    let mut editor = two_vpcs_and_services();
    check_undo_redo(
        &mut editor,
        Command::AddLink {
            from: vpc("vpc-1"),
            to: vpc("vpc-2"),
            kind: LinkKind::Peering,
        },
    );
    check_undo_redo(
        &mut editor,
        Command::AddLink {
            from: service("svc-1"),
            to: vpc("vpc-1"),
            kind: LinkKind::GatewayEndpoint,
        },
    );
    check_undo_redo(
        &mut editor,
        Command::AddLink {
            from: vpc("vpc-2"),
            to: service("svc-2"),
            kind: LinkKind::InterfaceEndpoint,
        },
    );
    let design = editor.design();
    let LinkSpec::GatewayEndpoint(gateway) = &design.links[1].spec else {
        panic!("not a gateway endpoint");
    };
    assert_eq!(gateway.vpc.as_str(), "vpc-1");
    assert_eq!(
        gateway.route_tables,
        [design.vpcs[0].route_tables[0].id.clone()]
    );
    let LinkSpec::InterfaceEndpoint(interface) = &design.links[2].spec else {
        panic!("not an interface endpoint");
    };
    assert_eq!(interface.subnets.len(), 2, "one subnet per AZ");
    assert!(interface.private_dns);
    assert_no_errors(&editor);
}

#[test]
fn add_link_refuses_pairs_the_kind_cannot_join() {
    let mut editor = two_vpcs_and_services();
    for (from, to, kind) in [
        (vpc("vpc-1"), vpc("vpc-1"), LinkKind::Peering),
        (vpc("vpc-1"), service("svc-1"), LinkKind::Peering),
        (vpc("vpc-1"), vpc("vpc-2"), LinkKind::InterfaceEndpoint),
        (
            service("svc-1"),
            service("svc-2"),
            LinkKind::GatewayEndpoint,
        ),
        (vpc("vpc-1"), vpc("vpc-7"), LinkKind::Peering),
    ] {
        let error = editor
            .apply(Command::AddLink {
                from: from.clone(),
                to: to.clone(),
                kind,
            })
            .expect_err("an impossible link");
        assert_eq!(error.field, Field::Command);
    }
    assert!(editor.design().links.is_empty());
}

#[test]
fn link_options_are_edited_and_checked() {
    let mut editor = peered();
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-2"),
        LinkKind::InterfaceEndpoint,
    );
    link(
        &mut editor,
        vpc("vpc-1"),
        service("svc-1"),
        LinkKind::GatewayEndpoint,
    );
    let peering = LinkId::from("link-1");
    check_undo_redo(
        &mut editor,
        Command::SetPeeringOptions {
            link: peering.clone(),
            dns_resolution: true,
            ipv6: false,
        },
    );
    let subnet = editor.design().vpcs[0].subnets[1].id.clone();
    check_undo_redo(
        &mut editor,
        Command::SetInterfaceEndpointOptions {
            link: LinkId::from("link-2"),
            options: InterfaceEndpointOptions {
                subnets: vec![subnet],
                security_groups: vec![],
                private_dns: false,
                ip_address_type: IpAddressType::Dualstack,
                dns_record_ip_type: Some(DnsRecordIpType::Dualstack),
                service_region: " us-east-1 ".into(),
            },
        },
    );
    let LinkSpec::InterfaceEndpoint(endpoint) = &editor.design().links[1].spec else {
        panic!("link-2 is not an interface endpoint");
    };
    assert_eq!(endpoint.service_region.as_deref(), Some("us-east-1"));
    assert_eq!(
        endpoint.dns_record_ip_type,
        Some(DnsRecordIpType::Dualstack)
    );
    check_undo_redo(
        &mut editor,
        Command::SetGatewayEndpointOptions {
            link: LinkId::from("link-3"),
            options: GatewayEndpointOptions {
                route_tables: vec![],
                ip_address_type: IpAddressType::Dualstack,
            },
        },
    );
    let error = editor
        .apply(Command::SetGatewayEndpointOptions {
            link: LinkId::from("link-3"),
            options: GatewayEndpointOptions {
                route_tables: vec![RouteTableId::from("rtb-9")],
                ip_address_type: IpAddressType::Ipv4,
            },
        })
        .unwrap_err();
    assert_eq!(error.field, Field::RouteTables);
    let foreign = editor.design().vpcs[1].subnets[0].id.clone();
    let error = editor
        .apply(Command::SetInterfaceEndpointOptions {
            link: LinkId::from("link-2"),
            options: InterfaceEndpointOptions {
                subnets: vec![foreign],
                security_groups: vec![],
                private_dns: true,
                ip_address_type: IpAddressType::Ipv4,
                dns_record_ip_type: None,
                service_region: String::new(),
            },
        })
        .unwrap_err();
    assert_eq!(error.field, Field::Subnets, "a subnet of another VPC");
    let error = editor
        .apply(Command::SetInterfaceEndpointOptions {
            link: LinkId::from("link-2"),
            options: InterfaceEndpointOptions {
                subnets: vec![],
                security_groups: vec![SecurityGroupId::from("sg-nowhere")],
                private_dns: true,
                ip_address_type: IpAddressType::Ipv4,
                dns_record_ip_type: None,
                service_region: String::new(),
            },
        })
        .unwrap_err();
    assert_eq!(error.field, Field::SecurityGroups, "a group not in the VPC");
    let before = editor.design().clone();
    let error = editor
        .apply(Command::SetInterfaceEndpointOptions {
            link: LinkId::from("link-2"),
            options: InterfaceEndpointOptions {
                subnets: vec![],
                security_groups: vec![],
                private_dns: true,
                ip_address_type: IpAddressType::Ipv4,
                dns_record_ip_type: None,
                service_region: "moon-1".into(),
            },
        })
        .unwrap_err();
    assert_eq!(error.field, Field::ServiceRegion);
    assert!(
        error.message.en.contains("\"moon-1\""),
        "{}",
        error.message.en
    );
    assert_eq!(editor.design(), &before, "nothing applied half-way");
    let error = editor
        .apply(Command::SetPeeringOptions {
            link: LinkId::from("link-2"),
            dns_resolution: true,
            ipv6: true,
        })
        .unwrap_err();
    assert!(
        error.message.en.contains("not a VPC peering"),
        "{}",
        error.message.en
    );
}
