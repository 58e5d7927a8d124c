use super::*;
use crate::reachability::DANGLING_REFERENCE;
use crate::reachability::fixtures::*;
use crate::rules::testing::*;

const TOKYO: &str = "ap-northeast-1";

fn two_vpcs(a_cidr: &str, b_cidr: &str) -> Design {
    design(
        vec![vpc("app", a_cidr), vpc("data", b_cidr)],
        vec![],
        vec![],
    )
}

fn vpcs(design: &Design) -> Advice {
    advise(design, &Node::vpc("app"), &Node::vpc("data"))
}

#[test]
fn overlapping_vpcs_cannot_peer_and_need_an_endpoint_service() {
    let design = two_vpcs("10.0.0.0/16", "10.0.128.0/17");
    let advice = vpcs(&design);
    assert_eq!(advice.peering.blocking_rules(), [Some("PEER-001")]);
    assert!(
        advice.peering.blockers[0]
            .message
            .en
            .contains("10.0.0.0/16 ∩ 10.0.128.0/17"),
        "{}",
        advice.peering.blockers[0].message.en
    );
    assert!(!advice.interface_endpoint.allowed);
    let interface = &advice.interface_endpoint.blockers[0].message;
    assert!(
        interface.en.contains("data offers no endpoint service"),
        "{}",
        interface.en
    );
    assert!(interface.en.contains("Network Load Balancer"));
    assert!(interface.ja.contains("Network Load Balancer"));
    assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-001")]);
    assert_eq!(advice.recommended, None);
    assert!(advice.recommendation.en.contains("Re-address one VPC"));
    assert!(advice.recommendation.ja.contains("アドレスを変更"));
}

#[test]
fn overlapping_vpcs_with_an_endpoint_service_get_privatelink() {
    let mut design = two_vpcs("10.0.0.0/16", "10.0.0.0/16");
    design.services.push(endpoint_service("api", "data", TOKYO));
    let advice = vpcs(&design);
    assert!(!advice.peering.allowed);
    assert!(advice.interface_endpoint.allowed);
    assert!(
        advice.interface_endpoint.notes[0]
            .message
            .en
            .contains("endpoint service api of data")
    );
    assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
    assert!(advice.recommendation.en.contains("overlapping CIDRs"));
    assert!(advice.recommendation.ja.contains("重複"));
}

#[test]
fn separate_vpcs_are_best_peered() {
    let design = two_vpcs("10.0.0.0/16", "10.1.0.0/16");
    let advice = vpcs(&design);
    assert!(advice.peering.allowed);
    assert!(
        advice.peering.notes.is_empty(),
        "{:?}",
        advice.peering.notes
    );
    assert_eq!(advice.recommended, Some(LinkKind::Peering));
    assert!(advice.recommendation.en.contains("no hourly charge"));
    assert!(advice.recommendation.ja.contains("時間料金"));
    assert!(!advice.recommendation.en.contains("Transit Gateway"));
    assert!(!advice.gateway_endpoint.allowed);
    assert_eq!(advice.options().map(|option| option.kind), LinkKind::ALL);
    assert_eq!(advice.option(LinkKind::Peering), &advice.peering);
}

#[test]
fn an_existing_peering_cannot_be_added_again() {
    let mut design = two_vpcs("10.0.0.0/16", "10.1.0.0/16");
    design.links.push(peering("pcx", "data", "app"));
    let advice = vpcs(&design);
    assert_eq!(advice.peering.blocking_rules(), [Some("PEER-002")]);
    assert!(advice.peering.blockers[0].message.en.contains("(pcx)"));
    assert!(
        advice.peering.blockers[0]
            .subjects
            .contains(&Subject::Link("pcx".into()))
    );
    assert_eq!(advice.recommended, None);
    assert!(advice.recommendation.en.contains("already linked (pcx)"));
}

#[test]
fn cross_account_and_cross_region_peerings_carry_their_steps() {
    let design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("data", "10.1.0.0/16")
                .in_account(ACCOUNT_B)
                .in_region("us-west-2"),
        ],
        vec![],
        vec![],
    );
    let advice = vpcs(&design);
    assert!(advice.peering.allowed);
    assert_eq!(advice.peering.note_rules(), ["PEER-015", "PEER-016"]);
    assert!(advice.peering.notes[0].message.en.contains(ACCOUNT_B));
    assert!(
        advice.peering.notes[1]
            .message
            .en
            .contains("PeerRegion=us-west-2")
    );
}

/// `app` peered with a hub that has `spokes` other peers, and a lone `data`.
fn hub_and_spokes(spokes: usize) -> Design {
    let mut vpcs = vec![
        vpc("app", "10.0.0.0/16"),
        vpc("hub", "10.1.0.0/16"),
        vpc("data", "10.2.0.0/16"),
    ];
    let mut links = vec![peering("pcx-app", "app", "hub")];
    for i in 0..spokes {
        let id = format!("spoke{i}");
        vpcs.push(vpc(&id, &format!("10.{}.0.0/16", 10 + i)));
        links.push(peering(&format!("pcx-{i}"), "hub", &id));
    }
    design(vpcs, vec![], links)
}

#[test]
fn a_large_peering_graph_points_to_transit_gateway() {
    // app + hub + 7 spokes = 9 VPCs; with data, 10.
    let advice = vpcs(&hub_and_spokes(7));
    assert!(advice.peering.allowed);
    assert_eq!(advice.peering.note_rules(), ["PEER-017"]);
    let note = &advice.peering.notes[0].message;
    assert!(note.en.contains("10 VPCs"), "{}", note.en);
    assert!(note.en.contains("45 peerings"), "{}", note.en);
    assert!(note.en.contains("Transit Gateway"));
    assert!(note.ja.contains("Transit Gateway"));
    assert_eq!(advice.recommended, Some(LinkKind::Peering));
    assert!(advice.recommendation.en.contains("Transit Gateway"));

    let small = vpcs(&hub_and_spokes(6));
    assert!(small.peering.note_rules().is_empty());
}

#[test]
fn a_vpc_with_many_peerings_points_to_transit_gateway() {
    let design = hub_and_spokes(9);
    let advice = advise(&design, &Node::vpc("hub"), &Node::vpc("data"));
    assert_eq!(advice.peering.note_rules(), ["PEER-017"]);
    assert!(
        advice.peering.notes[0]
            .message
            .en
            .contains("hub has 10 peerings")
    );
}

#[test]
fn peering_quotas_warn_then_block() {
    let over_default = advise(&hub_and_spokes(49), &Node::vpc("hub"), &Node::vpc("data"));
    assert!(over_default.peering.allowed);
    assert!(over_default.peering.note_rules().contains(&"PEER-011"));
    assert!(
        over_default
            .peering
            .notes
            .iter()
            .any(|note| note.message.en.contains("51 peerings"))
    );
    let at_max = advise(&hub_and_spokes(124), &Node::vpc("hub"), &Node::vpc("data"));
    assert_eq!(at_max.peering.blocking_rules(), [Some("PEER-011")]);
    assert!(
        at_max.peering.blockers[0]
            .message
            .en
            .contains("125 peerings")
    );
    assert_eq!(at_max.recommended, None);
}

fn to_service(suffix: &str, region: &str) -> Design {
    design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![aws_service("svc", suffix, region)],
        vec![],
    )
}

fn service(design: &Design) -> Advice {
    advise(design, &Node::vpc("app"), &Node::service("svc"))
}

#[test]
fn s3_in_the_same_region_gets_a_free_gateway_endpoint() {
    let advice = service(&to_service("s3", TOKYO));
    assert!(advice.gateway_endpoint.allowed);
    assert!(advice.interface_endpoint.allowed);
    assert!(!advice.peering.allowed);
    assert_eq!(advice.peering.blocking_rules(), [None]);
    assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
    assert!(
        advice.recommendation.en.contains("free"),
        "{}",
        advice.recommendation.en
    );
    assert!(advice.recommendation.ja.contains("無料"));
}

#[test]
fn sqs_has_no_gateway_endpoint() {
    let advice = service(&to_service("sqs", TOKYO));
    assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-001")]);
    let message = &advice.gateway_endpoint.blockers[0].message;
    assert!(
        message.en.contains(
            "Gateway endpoints exist only for Amazon S3, DynamoDB and S3 Express One Zone"
        ),
        "{}",
        message.en
    );
    assert!(message.en.contains("sqs needs an interface endpoint"));
    assert!(message.ja.contains("S3 Express One Zone"));
    assert!(advice.interface_endpoint.allowed);
    assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
    assert!(advice.recommendation.en.contains("has no gateway endpoint"));
}

#[test]
fn s3_in_another_region_needs_a_cross_region_interface_endpoint() {
    let advice = service(&to_service("s3", "us-east-1"));
    assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-002")]);
    assert!(
        advice.gateway_endpoint.blockers[0]
            .message
            .en
            .contains("us-east-1")
    );
    assert!(advice.interface_endpoint.allowed);
    assert_eq!(advice.interface_endpoint.note_rules(), ["PL-007"]);
    assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
    assert!(advice.recommendation.en.contains("ServiceRegion=us-east-1"));
    assert!(
        advice
            .recommendation
            .en
            .contains("only within ap-northeast-1")
    );
}

#[test]
fn sqs_in_another_region_is_out_of_reach() {
    let advice = service(&to_service("sqs", "us-east-1"));
    assert_eq!(
        advice.gateway_endpoint.blocking_rules(),
        [Some("GW-001"), Some("GW-002")]
    );
    assert_eq!(advice.interface_endpoint.blocking_rules(), [Some("PL-007")]);
    assert!(
        advice.interface_endpoint.blockers[0]
            .message
            .en
            .contains("Amazon SQS")
    );
    assert_eq!(advice.recommended, None);
    assert!(
        advice
            .recommendation
            .en
            .contains("No link can connect app to sqs")
    );
}

#[test]
fn s3_express_has_only_a_gateway_endpoint() {
    let advice = service(&to_service("s3express", TOKYO));
    assert!(!advice.interface_endpoint.allowed);
    assert!(
        advice.interface_endpoint.blockers[0]
            .message
            .en
            .contains("has no interface endpoint")
    );
    assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
}

#[test]
fn a_peers_gateway_endpoint_does_not_replace_one_here() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16"), vpc("shared", "10.1.0.0/16")],
        vec![aws_service("svc", "s3", TOKYO)],
        vec![
            peering("pcx", "app", "shared"),
            gateway_endpoint("gw-shared", "shared", "svc"),
        ],
    );
    let advice = service(&design);
    assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
    assert_eq!(advice.gateway_endpoint.note_rules(), ["PEER-005"]);
    let note = &advice.gateway_endpoint.notes[1].message;
    assert!(note.en.contains("gw-shared"), "{}", note.en);
    assert!(note.en.contains("across pcx"));
    assert!(note.ja.contains("GW-003"));
}

#[test]
fn an_existing_endpoint_means_nothing_to_add() {
    let mut design = to_service("sqs", TOKYO);
    design
        .links
        .push(interface_endpoint("vpce", "app", "svc", &[]));
    let advice = service(&design);
    assert_eq!(advice.recommended, None);
    assert!(advice.recommendation.en.contains("already linked (vpce)"));
}

#[test]
fn an_endpoint_service_in_another_account_needs_the_consumer_allowed() {
    let mut design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("provider", "10.0.0.0/16").in_account(ACCOUNT_B),
        ],
        vec![endpoint_service("svc", "provider", TOKYO)],
        vec![],
    );
    let advice = service(&design);
    assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
    assert_eq!(advice.interface_endpoint.note_rules(), ["PL-009"]);
    let note = &advice.interface_endpoint.notes[0].message;
    assert!(
        note.en.contains("arn:aws:iam::111111111111:root"),
        "{}",
        note.en
    );
    assert!(note.ja.contains("プリンシパル"));
    assert_eq!(advice.gateway_endpoint.blocking_rules(), [Some("GW-001")]);
    assert!(
        advice.peering.blockers[0]
            .message
            .en
            .contains("provider VPC provider")
    );

    let endpoint_service = endpoint_service_mut(&mut design.services[0]);
    endpoint_service
        .allowed_principals
        .push("arn:aws:iam::111111111111:root".to_owned());
    endpoint_service.acceptance_required = true;
    let advice = service(&design);
    assert_eq!(advice.interface_endpoint.note_rules(), ["PL-009", "PL-009"]);
    assert!(
        advice.interface_endpoint.notes[0]
            .message
            .en
            .contains("already allows")
    );
    assert!(
        advice.interface_endpoint.notes[1]
            .message
            .en
            .contains("pendingAcceptance")
    );
}

#[test]
fn an_endpoint_service_across_regions_must_support_the_consumer_region() {
    let mut design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("provider", "10.1.0.0/16").in_region("us-east-1"),
        ],
        vec![endpoint_service("svc", "provider", "us-east-1")],
        vec![],
    );
    let advice = service(&design);
    assert_eq!(advice.interface_endpoint.blocking_rules(), [Some("PL-007")]);
    endpoint_service_mut(&mut design.services[0])
        .supported_regions
        .push(TOKYO.to_owned());
    let advice = service(&design);
    assert_eq!(advice.recommended, Some(LinkKind::InterfaceEndpoint));
    // VPC to VPC, the provider's service is what an endpoint can reach.
    let to_vpc = advise(&design, &Node::vpc("app"), &Node::vpc("provider"));
    assert!(to_vpc.interface_endpoint.allowed);
    assert_eq!(to_vpc.recommended, Some(LinkKind::Peering));
}

#[test]
fn the_provider_needs_nothing_to_reach_its_own_service() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![endpoint_service("svc", "app", TOKYO)],
        vec![],
    );
    let advice = service(&design);
    assert_eq!(advice.recommended, None);
    assert!(advice.recommendation.en.contains("app hosts svc"));
}

#[test]
fn a_vpc_without_dns_gets_the_private_dns_caveat() {
    let mut design = to_service("sqs", TOKYO);
    design.vpcs[0] = design.vpcs[0].clone().without_dns();
    let advice = service(&design);
    assert_eq!(advice.interface_endpoint.note_rules(), ["PL-003"]);
}

#[test]
fn a_service_picked_first_is_advised_from_the_vpc() {
    let design = to_service("s3", TOKYO);
    let advice = advise(&design, &Node::service("svc"), &Node::subnet("app", "nope"));
    assert_eq!(advice.peering.blocking_rules(), [Some(DANGLING_REFERENCE)]);
    let mut with_subnet = design.clone();
    with_subnet.vpcs[0] = with_subnet.vpcs[0]
        .clone()
        .with_subnet("a", "10.0.1.0/24", 'a');
    let advice = advise(
        &with_subnet,
        &Node::service("svc"),
        &Node::subnet("app", "app-a"),
    );
    assert_eq!(advice.from, Node::subnet("app", "app-a"));
    assert_eq!(advice.to, Node::service("svc"));
    assert_eq!(advice.recommended, Some(LinkKind::GatewayEndpoint));
    assert!(advice.notes[0].message.en.contains("advice for app → s3"));
}

#[test]
fn two_services_cannot_be_linked() {
    let mut design = to_service("s3", TOKYO);
    design.services.push(aws_service("queue", "sqs", TOKYO));
    let advice = advise(&design, &Node::service("svc"), &Node::service("queue"));
    for option in advice.options() {
        assert!(!option.allowed);
        assert_eq!(option.blocking_rules(), [None]);
        assert!(option.blockers[0].message.en.contains("both services"));
    }
    assert_eq!(advice.recommended, None);
}

#[test]
fn the_same_vpc_needs_no_link() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![],
        vec![],
    );
    let advice = advise(&design, &Node::subnet("app", "app-a"), &Node::vpc("app"));
    assert!(advice.options().iter().all(|option| !option.allowed));
    assert!(
        advice.peering.blockers[0]
            .message
            .en
            .contains("local route")
    );
    assert_eq!(advice.recommended, None);
}

#[test]
fn dangling_nodes_block_every_link() {
    let design = to_service("s3", TOKYO);
    let advice = advise(&design, &Node::vpc("ghost"), &Node::service("svc"));
    for option in advice.options() {
        assert_eq!(option.blocking_rules(), [Some(DANGLING_REFERENCE)]);
    }
    assert_eq!(advice.recommended, None);
    let orphan = design_with_orphan_service();
    let advice = advise(&orphan, &Node::vpc("app"), &Node::service("svc"));
    assert_eq!(
        advice.interface_endpoint.blocking_rules(),
        [Some(DANGLING_REFERENCE)]
    );
}

fn design_with_orphan_service() -> Design {
    design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![endpoint_service("svc", "gone", TOKYO)],
        vec![],
    )
}

proptest::proptest! {
    // Each case asks every pair of nodes; fewer cases keep the suite quick.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn any_pair_of_any_design_gets_consistent_advice(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..80)
    ) {
        let design = arbitrary_design(&bytes);
        let nodes = every_node(&design);
        for a in &nodes {
            for b in &nodes {
                let advice = advise(&design, a, b);
                for option in advice.options() {
                    proptest::prop_assert_eq!(option.allowed, option.blockers.is_empty());
                    for reason in option.blockers.iter().chain(&option.notes) {
                        proptest::prop_assert!(!reason.message.en.is_empty());
                        proptest::prop_assert!(!reason.message.ja.is_empty());
                    }
                }
                if let Some(kind) = advice.recommended {
                    proptest::prop_assert!(advice.option(kind).allowed);
                }
                proptest::prop_assert!(!advice.recommendation.en.is_empty());
                proptest::prop_assert!(!advice.recommendation.ja.is_empty());
            }
        }
    }
}
