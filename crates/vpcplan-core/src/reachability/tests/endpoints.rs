//! Reachability of services: gateway and interface endpoints, endpoint
//! services, in the source VPC or over a peering.

use super::*;

#[test]
fn a_gateway_endpoint_serves_the_subnets_of_its_route_tables() {
    let design = with_s3(vec![], TOKYO);
    let result = reachability(&design, &Node::subnet("app", "app-a"), &Node::service("s3"));
    let hops = path(&result);
    assert_eq!(hops.len(), 1);
    assert_eq!(hops[0].kind, Some(LinkKind::GatewayEndpoint));
    assert_eq!(hops[0].link, Some(LinkId::new("gw")));
    assert!(
        hops[0].via.en.contains("route table app-rtb"),
        "{}",
        hops[0].via.en
    );
    assert!(hops[0].via.en.contains("com.amazonaws.ap-northeast-1.s3"));
}

#[test]
fn a_subnet_outside_the_gateway_endpoints_route_tables_is_not_served() {
    let mut design = with_s3(vec![], TOKYO);
    design.vpcs[0] = with_private_table(design.vpcs[0].clone(), "b");
    let result = reachability(&design, &Node::subnet("app", "app-b"), &Node::service("s3"));
    assert_eq!(rules_of(&result), [Some("GW-005")]);
    let message = &reasons(&result)[0].message;
    assert!(
        message.en.contains("Subnet b uses route table app-private"),
        "{}",
        message.en
    );
    assert!(
        message.en.contains("its route tables: app-rtb"),
        "{}",
        message.en
    );
    assert!(message.ja.contains("関連付け"));
    // The VPC as a whole still reaches S3 through subnet a.
    assert!(reachability(&design, &Node::vpc("app"), &Node::service("s3")).is_reachable());
    // With no route table at all, nothing in the VPC is served.
    gateway_mut(&mut design, 0).route_tables.clear();
    let none = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
    assert_eq!(rules_of(&none), [Some("GW-005")]);
    assert!(
        reasons(&none)[0]
            .message
            .en
            .contains("its route tables: none")
    );
}

#[test]
fn a_gateway_endpoint_to_another_region_or_service_is_refused() {
    let design = with_s3(vec![], "us-east-1");
    let result = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
    assert_eq!(rules_of(&result), [Some("GW-002")]);
    assert!(reasons(&result)[0].message.en.contains("us-east-1"));
    assert!(reasons(&result)[0].message.en.contains(TOKYO));

    let mut sqs = with_s3(vec![], TOKYO);
    sqs.services = vec![aws_service("s3", "sqs", TOKYO)];
    let result = reachability(&sqs, &Node::vpc("app"), &Node::service("s3"));
    assert_eq!(rules_of(&result), [Some("GW-001")]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("only for Amazon S3, DynamoDB and S3 Express One Zone")
    );
}

fn peered_with_endpoint(endpoint: Link) -> Design {
    design(
        vec![
            vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
            vpc("shared", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
        ],
        vec![
            aws_service("s3", "s3", TOKYO),
            aws_service("sqs", "sqs", TOKYO),
        ],
        vec![peering("pcx", "app", "shared"), endpoint],
    )
}

#[test]
fn a_peers_gateway_endpoint_cannot_be_used() {
    let design = peered_with_endpoint(gateway_endpoint("gw", "shared", "s3"));
    let result = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
    assert_eq!(rules_of(&result), [Some("PEER-005")]);
    let message = &reasons(&result)[0].message;
    assert!(message.en.contains("gw"), "{}", message.en);
    assert!(message.en.contains("GW-003"));
    assert!(message.en.contains("Create a gateway endpoint in app"));
    assert!(reachability(&design, &Node::vpc("shared"), &Node::service("s3")).is_reachable());
}

#[test]
fn a_peers_interface_endpoint_is_reached_with_a_dns_caveat() {
    let design = peered_with_endpoint(interface_endpoint("vpce", "shared", "sqs", &["shared-a"]));
    let result = reachability(
        &design,
        &Node::subnet("app", "app-a"),
        &Node::service("sqs"),
    );
    let hops = path(&result);
    assert_eq!(hops.len(), 2);
    assert_eq!(hops[0].kind, Some(LinkKind::Peering));
    assert_eq!(hops[0].to, Node::vpc("shared"));
    assert_eq!(hops[1].kind, Some(LinkKind::InterfaceEndpoint));
    assert_eq!(hops[1].link, Some(LinkId::new("vpce")));
    assert_eq!(hops[1].to, Node::service("sqs"));
    assert!(
        hops[1].via.en.contains("subnets a of shared"),
        "{}",
        hops[1].via.en
    );
    assert_eq!(result.rules(), ["PEER-006"]);
    assert!(
        hops[1].notes[0]
            .message
            .en
            .contains("endpoint-specific DNS name")
    );
    assert!(
        hops[1].notes[0]
            .message
            .ja
            .contains("プライベートホストゾーン")
    );
}

#[test]
fn a_peers_interface_endpoint_needs_routes_to_its_subnets() {
    let mut design =
        peered_with_endpoint(interface_endpoint("vpce", "shared", "sqs", &["shared-a"]));
    peering_mut(&mut design, 0)
        .excluded_route_tables
        .push(RouteTableId::new("shared-rtb"));
    let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
    assert_eq!(rules_of(&result), [Some("PEER-007")]);
    assert!(reasons(&result)[0].message.en.contains("10.0.0.0/16"));
}

#[test]
fn an_interface_endpoint_in_the_same_vpc_is_one_hop() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![interface_endpoint("vpce", "app", "sqs", &["app-a"])],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
    let hops = path(&result);
    assert_eq!(hops.len(), 1);
    assert_eq!(hops[0].kind, Some(LinkKind::InterfaceEndpoint));
    assert!(hops[0].notes.is_empty());
}

#[test]
fn an_interface_endpoint_without_subnets_has_nothing_to_reach() {
    let design = design(
        vec![vpc("app", "10.0.0.0/16")],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![interface_endpoint("vpce", "app", "sqs", &[])],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
    assert_eq!(rules_of(&result), [None]);
    assert!(reasons(&result)[0].message.en.contains("has no subnet"));
}

fn cross_region(suffix: &str, service_region: Option<&str>) -> Design {
    let mut design = design(
        vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![aws_service("svc", suffix, "us-east-1")],
        vec![interface_endpoint("vpce", "app", "svc", &["app-a"])],
    );
    interface_mut(&mut design, 0).service_region = service_region.map(str::to_owned);
    design
}

#[test]
fn cross_region_privatelink_needs_a_cross_region_service_and_service_region() {
    let s3 = cross_region("s3", Some("us-east-1"));
    let result = reachability(&s3, &Node::vpc("app"), &Node::service("svc"));
    assert!(
        path(&result)[0]
            .via
            .en
            .contains("cross-Region to us-east-1")
    );

    let sqs = cross_region("sqs", Some("us-east-1"));
    let result = reachability(&sqs, &Node::vpc("app"), &Node::service("svc"));
    assert_eq!(rules_of(&result), [Some("PL-007")]);
    assert!(reasons(&result)[0].message.en.contains("Amazon SQS (sqs)"));
    assert!(reasons(&result)[0].message.en.contains("not on the list"));

    let unset = cross_region("s3", None);
    let result = reachability(&unset, &Node::vpc("app"), &Node::service("svc"));
    assert_eq!(rules_of(&result), [Some("PL-007")]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("ServiceRegion=us-east-1")
    );

    let mut partition = cross_region("s3", Some("cn-north-1"));
    partition.services[0].region = "cn-north-1".to_owned();
    let result = reachability(&partition, &Node::vpc("app"), &Node::service("svc"));
    assert_eq!(rules_of(&result), [Some("PL-007")]);
    assert!(reasons(&result)[0].message.en.contains("`aws-cn`"));
}

fn consumer_and_provider() -> Design {
    design(
        vec![
            vpc("consumer", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
            vpc("provider", "10.0.0.0/16")
                .in_account(ACCOUNT_B)
                .with_subnet("a", "10.0.1.0/24", 'a'),
        ],
        vec![endpoint_service("api", "provider", TOKYO)],
        vec![interface_endpoint(
            "vpce",
            "consumer",
            "api",
            &["consumer-a"],
        )],
    )
}

#[test]
fn an_endpoint_service_in_another_account_must_allow_the_consumer() {
    let mut design = consumer_and_provider();
    let result = reachability(&design, &Node::vpc("consumer"), &Node::service("api"));
    assert_eq!(rules_of(&result), [Some("PL-009")]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("arn:aws:iam::111111111111:root"),
        "{}",
        reasons(&result)[0].message.en
    );
    let service = endpoint_service_mut(&mut design.services[0]);
    service
        .allowed_principals
        .push("arn:aws:iam::111111111111:root".to_owned());
    service.acceptance_required = true;
    let result = reachability(&design, &Node::vpc("consumer"), &Node::service("api"));
    assert_eq!(result.rules(), ["PL-009"]);
    assert!(
        path(&result)[0].notes[0]
            .message
            .en
            .contains("pendingAcceptance")
    );
}

#[test]
fn an_endpoint_service_across_regions_must_list_the_consumer_region() {
    let mut design = consumer_and_provider();
    design.services[0].region = "us-east-1".to_owned();
    design.vpcs[1].region = "us-east-1".to_owned();
    interface_mut(&mut design, 0).service_region = Some("us-east-1".to_owned());
    endpoint_service_mut(&mut design.services[0])
        .allowed_principals
        .push("*".to_owned());
    let result = reachability(&design, &Node::vpc("consumer"), &Node::service("api"));
    assert_eq!(rules_of(&result), [Some("PL-007")]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("supported Regions (none)")
    );
    endpoint_service_mut(&mut design.services[0])
        .supported_regions
        .push(TOKYO.to_owned());
    assert!(reachability(&design, &Node::vpc("consumer"), &Node::service("api")).is_reachable());
}

#[test]
fn the_provider_reaches_its_own_service_and_peers_reach_its_load_balancers() {
    let design = design(
        vec![
            vpc("provider", "10.0.0.0/16"),
            vpc("peer", "10.1.0.0/16"),
            vpc("far", "10.2.0.0/16"),
        ],
        vec![endpoint_service("api", "provider", TOKYO)],
        vec![
            peering("pcx", "peer", "provider"),
            peering("pcx-far", "far", "peer"),
        ],
    );
    let own = reachability(&design, &Node::vpc("provider"), &Node::service("api"));
    assert_eq!(path(&own).len(), 1);
    assert_eq!(path(&own)[0].link, None);
    assert!(path(&own)[0].via.en.contains("api-nlb"));
    let peered = reachability(&design, &Node::vpc("peer"), &Node::service("api"));
    assert_eq!(path(&peered).len(), 2);
    assert_eq!(path(&peered)[0].link, Some(LinkId::new("pcx")));
    let far = reachability(&design, &Node::vpc("far"), &Node::service("api"));
    assert_eq!(rules_of(&far), [Some("PEER-003")]);
    assert!(
        reasons(&far)[0]
            .message
            .en
            .contains("far → peer → provider")
    );
}

#[test]
fn an_endpoint_two_peerings_away_is_not_transitive() {
    let design = design(
        vec![
            vpc("app", "10.0.0.0/16"),
            vpc("hub", "10.1.0.0/16"),
            vpc("shared", "10.2.0.0/16").with_subnet("a", "10.2.1.0/24", 'a'),
        ],
        vec![aws_service("sqs", "sqs", TOKYO)],
        vec![
            peering("pcx-1", "app", "hub"),
            peering("pcx-2", "hub", "shared"),
            interface_endpoint("vpce", "shared", "sqs", &["shared-a"]),
        ],
    );
    let result = reachability(&design, &Node::vpc("app"), &Node::service("sqs"));
    assert_eq!(rules_of(&result), [Some("PEER-003")]);
    assert!(
        reasons(&result)[0]
            .message
            .en
            .contains("app → hub → shared")
    );
    assert!(reachability(&design, &Node::vpc("hub"), &Node::service("sqs")).is_reachable());
}
