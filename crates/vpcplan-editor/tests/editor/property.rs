use proptest::prelude::*;
use vpcplan_core::LinkKind;
use vpcplan_core::design::{
    DnsRecordIpType, IpAddressType, IpFamily, LinkId, ServiceId, SubnetId, VpcId,
};
use vpcplan_editor::command::{
    Command, EndpointServiceOptions, GatewayEndpointOptions, InterfaceEndpointOptions, SubnetFields,
};
use vpcplan_editor::testing::TestEditor;
use vpcplan_editor::{Layout, NodeId, Point};

fn node() -> impl Strategy<Value = NodeId> {
    prop_oneof![
        (1..5u8).prop_map(|n| NodeId::vpc(&format!("vpc-{n}"))),
        (1..4u8).prop_map(|n| NodeId::service(&format!("svc-{n}"))),
    ]
}

fn vpc_id() -> impl Strategy<Value = VpcId> {
    (1..5u8).prop_map(|n| VpcId::new(format!("vpc-{n}")))
}

fn link_id() -> impl Strategy<Value = LinkId> {
    (1..7u8).prop_map(|n| LinkId::new(format!("link-{n}")))
}

fn point() -> impl Strategy<Value = Point> {
    (-500.0..1500.0f64, -500.0..1500.0f64).prop_map(|(x, y)| Point::new(x, y))
}

fn kind() -> impl Strategy<Value = LinkKind> {
    prop_oneof![
        Just(LinkKind::Peering),
        Just(LinkKind::InterfaceEndpoint),
        Just(LinkKind::GatewayEndpoint)
    ]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        1 => point().prop_map(|at| Command::AddVpc { at }),
        1 => (prop::sample::select(vec!["s3", "sqs", "dynamodb", "ecr.dkr"]), point())
            .prop_map(|(s, at)| Command::AddAwsService { service: s.into(), at }),
        1 => point().prop_map(|at| Command::AddEndpointService { at }),
        1 => (prop::collection::vec(node(), 1..3), -100.0..100.0f64, -100.0..100.0f64)
            .prop_map(|(nodes, dx, dy)| Command::MoveNodes { nodes, dx, dy }),
        1 => (prop::collection::vec(node(), 0..2), prop::collection::vec(link_id(), 0..2))
            .prop_map(|(nodes, links)| Command::Delete { nodes, links }),
        1 => prop::collection::vec(node(), 1..3)
            .prop_map(|nodes| Command::Duplicate { nodes, dx: 40.0, dy: 40.0 }),
        4 => (node(), node(), kind()).prop_map(|(from, to, kind)| Command::AddLink { from, to, kind }),
        1 => (node(), "[a-z]{0,6}").prop_map(|(node, name)| Command::RenameNode { node, name }),
        1 => (vpc_id(), prop::sample::select(vec!["222222222222", "333333333333", "12"]))
            .prop_map(|(vpc, a)| Command::SetAccount { vpc, account: a.into() }),
        1 => (node(), prop::sample::select(vec!["us-east-1", "eu-west-1", "nowhere"]))
            .prop_map(|(node, r)| Command::SetRegion { node, region: r.into() }),
        1 => (vpc_id(), prop::sample::select(vec!["172.31.0.0/16", "10.0.0.0/16", "13.0.0.0/16", "10.0.0.0/20", "bad"]))
            .prop_map(|(vpc, c)| Command::SetIpv4Cidrs { vpc, cidrs: vec![c.into()] }),
        1 => (vpc_id(), 0..40u8).prop_map(|(vpc, n)| Command::AddSubnet {
            vpc,
            subnet: SubnetFields {
                name: format!("s{n}"),
                ipv4_cidr: format!("10.0.{n}.0/24"),
                ipv6_cidr: String::new(),
                availability_zone: "ap-northeast-1a".into(),
            },
        }),
        1 => (vpc_id(), 1..12u8).prop_map(|(vpc, n)| Command::RemoveSubnet {
            vpc,
            subnet: SubnetId::new(format!("subnet-{n}")),
        }),
        1 => (vpc_id(), "[a-z]{1,4}").prop_map(|(vpc, name)| Command::AddRouteTable { vpc, name }),
        1 => (link_id(), any::<bool>(), any::<bool>()).prop_map(|(link, dns_resolution, ipv6)| {
            Command::SetPeeringOptions { link, dns_resolution, ipv6 }
        }),
        1 => (link_id(), any::<bool>()).prop_map(|(link, private_dns)| {
            Command::SetInterfaceEndpointOptions {
                link,
                options: InterfaceEndpointOptions {
                    subnets: vec![],
                    security_groups: vec![],
                    private_dns,
                    ip_address_type: IpAddressType::Dualstack,
                    dns_record_ip_type: Some(DnsRecordIpType::Ipv6),
                    service_region: "us-west-2".into(),
                },
            }
        }),
        1 => (link_id(), any::<bool>()).prop_map(|(link, dualstack)| {
            Command::SetGatewayEndpointOptions {
                link,
                options: GatewayEndpointOptions {
                    route_tables: vec![],
                    ip_address_type: if dualstack { IpAddressType::Dualstack } else { IpAddressType::Ipv4 },
                },
            }
        }),
        1 => ((1..4u8), any::<bool>(), prop::sample::select(vec!["us-east-1", "ap-northeast-1", "mars-1"]))
            .prop_map(|(n, acceptance_required, region)| Command::SetEndpointServiceOptions {
                service: ServiceId::new(format!("svc-{n}")),
                options: EndpointServiceOptions {
                    acceptance_required,
                    allowed_principals: vec!["*".into()],
                    supported_regions: vec![region.into()],
                    supported_ip_address_types: vec![IpFamily::Ipv6],
                },
            }),
        1 => (vpc_id(), any::<bool>(), any::<bool>()).prop_map(|(vpc, dns_support, dns_hostnames)| {
            Command::SetVpcDns { vpc, dns_support, dns_hostnames }
        }),
        // A lesson's "show solution" or "reset step": another whole design.
        1 => prop::sample::select(vec![
            vpcplan_core::Design::default(),
            vpcplan_core::file::read_design(include_str!(
                "../../../../tests/fixtures/designs/article-peering.json"
            ))
            .expect("the article fixture reads"),
        ])
        .prop_map(|design| Command::ReplaceDesign { design: Box::new(design) }),
    ]
}

/// A step is a command, or a drag of the node at a point, committed or
/// cancelled with Escape.
#[derive(Debug, Clone)]
enum Step {
    Apply(Command),
    Drag {
        from: (f64, f64),
        to: (f64, f64),
        cancel: bool,
    },
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => command().prop_map(Step::Apply),
        1 => ((0.0..600.0f64, 0.0..400.0f64), (0.0..900.0f64, 0.0..700.0f64), any::<bool>())
            .prop_map(|(from, to, cancel)| Step::Drag { from, to, cancel }),
        1 => Just(Step::Undo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_gives_back_the_original_and_redo_all_the_final_document(
        steps in prop::collection::vec(step(), 1..30)
    ) {
        let mut editor = TestEditor::default();
        for command in [
            Command::AddVpc { at: Point::new(0.0, 0.0) },
            Command::AddVpc { at: Point::new(400.0, 0.0) },
            Command::AddAwsService { service: "s3".into(), at: Point::new(0.0, 300.0) },
            Command::AddAwsService { service: "sqs".into(), at: Point::new(400.0, 300.0) },
            Command::AddLink { from: NodeId::vpc("vpc-1"), to: NodeId::vpc("vpc-2"), kind: LinkKind::Peering },
            Command::AddLink { from: NodeId::vpc("vpc-1"), to: NodeId::service("svc-1"), kind: LinkKind::GatewayEndpoint },
            Command::AddLink { from: NodeId::vpc("vpc-2"), to: NodeId::service("svc-2"), kind: LinkKind::InterfaceEndpoint },
        ] {
            editor.apply(command).unwrap();
        }
        let start = editor.design().clone();
        editor.load(start);
        let original = editor.design().clone();
        for step in &steps {
            match step {
                Step::Apply(command) => {
                    let before = editor.design().clone();
                    if editor.apply(command.clone()).is_err() {
                        prop_assert_eq!(editor.design(), &before, "a refused command changed the document");
                    }
                }
                Step::Drag { from, to, cancel } => {
                    let before = editor.design().clone();
                    editor.pointer_down(from.0, from.1).pointer_move(to.0, to.1);
                    if *cancel {
                        editor.key("Escape");
                        prop_assert_eq!(editor.design(), &before, "Escape did not cancel the drag");
                    }
                    editor.pointer_up(to.0, to.1);
                }
                Step::Undo => {
                    editor.undo();
                }
            }
            // Laid out after every step, so that the next one brings this
            // layout up to date in place wherever it can.
            prop_assert_eq!(&*editor.layout(), &Layout::of(editor.document()), "the layout after {:?}", step);
        }
        let last = editor.design().clone();
        let mut undone = 0;
        while editor.undo() {
            undone += 1;
            prop_assert_eq!(&*editor.layout(), &Layout::of(editor.document()), "the layout after undo {}", undone);
        }
        prop_assert_eq!(editor.design(), &original);
        for _ in 0..undone {
            prop_assert!(editor.redo());
            prop_assert_eq!(&*editor.layout(), &Layout::of(editor.document()), "the layout after a redo");
        }
        prop_assert_eq!(editor.design(), &last);
    }
}
