use vpcplan_core::LinkKind;
use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;
use vpcplan_editor::command::{
    Command, EndpointServiceOptions, Field, GatewayEndpointOptions, InterfaceEndpointOptions,
    SubnetFields, propose_ipv4_cidr,
};
use vpcplan_editor::{Editor, NodeId, Point};

use super::{assert_no_errors, check_undo_redo, link, service, two_vpcs_and_services, vpc};

fn cidrs(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn peered() -> vpcplan_editor::testing::TestEditor {
    let mut editor = two_vpcs_and_services();
    link(&mut editor, vpc("vpc-1"), vpc("vpc-2"), LinkKind::Peering);
    editor
}

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
fn duplicate_copies_nodes_with_fresh_ids_and_the_links_among_them() {
    let mut editor = peered();
    check_undo_redo(
        &mut editor,
        Command::Duplicate {
            nodes: vec![vpc("vpc-1"), vpc("vpc-2")],
            dx: 40.0,
            dy: 40.0,
        },
    );
    let design = editor.design();
    assert_eq!(design.vpcs.len(), 4);
    let copy = &design.vpcs[2];
    assert_eq!(copy.id.as_str(), "vpc-3");
    assert_eq!(copy.name, "vpc-1 copy");
    assert_eq!(copy.position, Position { x: 40.0, y: 40.0 });
    let original_subnets: Vec<&SubnetId> = design.vpcs[0].subnets.iter().map(|s| &s.id).collect();
    assert!(
        copy.subnets
            .iter()
            .all(|s| !original_subnets.contains(&&s.id))
    );
    let LinkSpec::Peering(p) = &design.links[1].spec else {
        panic!("the copied link is not a peering");
    };
    assert_eq!(
        (p.requester.as_str(), p.accepter.as_str()),
        ("vpc-3", "vpc-4")
    );
}

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
                private_dns: true,
                ip_address_type: IpAddressType::Ipv4,
                dns_record_ip_type: None,
                service_region: String::new(),
            },
        })
        .unwrap_err();
    assert_eq!(error.field, Field::Subnets, "a subnet of another VPC");
    let before = editor.design().clone();
    let error = editor
        .apply(Command::SetInterfaceEndpointOptions {
            link: LinkId::from("link-2"),
            options: InterfaceEndpointOptions {
                subnets: vec![],
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

#[test]
fn endpoint_service_acceptance_principals_regions_and_ip_types_are_edited_and_checked() {
    let mut editor = Editor::default();
    editor
        .apply(Command::AddEndpointService {
            at: Point::default(),
        })
        .unwrap();
    let id = editor.document().services[0].id.clone();
    check_undo_redo(
        &mut editor,
        Command::SetEndpointServiceOptions {
            service: id.clone(),
            options: EndpointServiceOptions {
                acceptance_required: false,
                allowed_principals: vec!["arn:aws:iam::123456789012:root".into(), " ".into()],
                supported_regions: vec![
                    "us-east-1".into(),
                    "ap-northeast-1".into(),
                    "".into(),
                    "us-east-1".into(),
                ],
                supported_ip_address_types: vec![IpFamily::Ipv6, IpFamily::Ipv4],
            },
        },
    );
    let ServiceKind::EndpointService(es) = &editor.document().services[0].kind else {
        panic!("not an endpoint service");
    };
    assert_eq!(es.allowed_principals, ["arn:aws:iam::123456789012:root"]);
    assert_eq!(
        es.supported_regions,
        ["us-east-1"],
        "its own Region (ap-northeast-1) and repeats are left out"
    );
    assert_eq!(
        es.supported_ip_address_types,
        [IpFamily::Ipv4, IpFamily::Ipv6]
    );
    let options = EndpointServiceOptions::of(es);
    let refused = |options: EndpointServiceOptions, editor: &mut Editor| {
        editor
            .apply(Command::SetEndpointServiceOptions {
                service: id.clone(),
                options,
            })
            .unwrap_err()
    };
    let error = refused(
        EndpointServiceOptions {
            allowed_principals: vec!["*".into(), "123456789012".into()],
            ..options.clone()
        },
        &mut editor,
    );
    assert_eq!(error.field, Field::Principal(1));
    let error = refused(
        EndpointServiceOptions {
            supported_regions: vec!["us-east-1".into(), "us-east-9".into()],
            ..options.clone()
        },
        &mut editor,
    );
    assert_eq!(error.field, Field::SupportedRegion(1));
    let error = refused(
        EndpointServiceOptions {
            supported_ip_address_types: vec![],
            ..options
        },
        &mut editor,
    );
    assert_eq!(error.field, Field::SupportedIpAddressTypes);
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
