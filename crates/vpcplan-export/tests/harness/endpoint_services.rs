//! Endpoint services on the mock: an interface endpoint needs the service's
//! permission and, when required, the provider's acceptance.

use super::*;

#[test]
fn an_endpoint_service_needs_permission_and_acceptance_before_its_endpoint_is_available() {
    const REGION: &str = "ap-northeast-1";
    let nlb = "arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188";
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let provider = |args: &[&str]| server.aws_as(OREGON, REGION, args);

    // Another account's NLB is refused, as on AWS.
    let foreign = nlb.replace("222222222222", "333333333333");
    let refused = server.try_aws(&[
        "ec2",
        "create-vpc-endpoint-service-configuration",
        "--network-load-balancer-arns",
        &foreign,
        "--profile",
        "acct-222222222222",
        "--region",
        REGION,
    ]);
    assert!(refused.is_err(), "{refused:?}");

    let created = provider(&[
        "ec2",
        "create-vpc-endpoint-service-configuration",
        "--network-load-balancer-arns",
        nlb,
        "--acceptance-required",
    ]);
    let service_id = created["ServiceConfiguration"]["ServiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let service_name = created["ServiceConfiguration"]["ServiceName"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        service_name,
        format!("com.amazonaws.vpce.{REGION}.{service_id}")
    );

    let vpc = server.aws_as(
        TOKYO,
        REGION,
        &["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"],
    );
    let vpc = vpc["Vpc"]["VpcId"].as_str().unwrap().to_owned();
    let subnet = server.aws_as(
        TOKYO,
        REGION,
        &[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &vpc,
            "--cidr-block",
            "10.0.0.0/24",
            "--availability-zone",
            "ap-northeast-1a",
        ],
    );
    let subnet = subnet["Subnet"]["SubnetId"].as_str().unwrap().to_owned();
    let create_endpoint = || {
        server.try_aws(&[
            "ec2",
            "create-vpc-endpoint",
            "--vpc-endpoint-type",
            "Interface",
            "--vpc-id",
            &vpc,
            "--service-name",
            &service_name,
            "--subnet-ids",
            &subnet,
            "--profile",
            "acct-111111111111",
            "--region",
            REGION,
        ])
    };
    let not_allowed = create_endpoint();
    assert!(
        not_allowed
            .as_ref()
            .is_err_and(|error| error.contains("InvalidServiceName")),
        "{not_allowed:?}"
    );

    provider(&[
        "ec2",
        "modify-vpc-endpoint-service-permissions",
        "--service-id",
        &service_id,
        "--add-allowed-principals",
        "arn:aws:iam::111111111111:root",
    ]);
    let endpoint = create_endpoint().unwrap();
    let endpoint_id = endpoint["VpcEndpoint"]["VpcEndpointId"]
        .as_str()
        .unwrap()
        .to_owned();
    let state = || {
        let network = server.describe_network(TOKYO, REGION);
        let endpoints = network.live_endpoints();
        assert_eq!(endpoints.len(), 1, "{network:#?}");
        assert_eq!(
            (
                endpoints[0].kind.as_str(),
                endpoints[0].service_name.as_str()
            ),
            ("Interface", service_name.as_str())
        );
        endpoints[0].state.clone()
    };
    assert_eq!(state(), "pendingAcceptance");

    let accepted = provider(&[
        "ec2",
        "accept-vpc-endpoint-connections",
        "--service-id",
        &service_id,
        "--vpc-endpoint-ids",
        &endpoint_id,
    ]);
    assert_eq!(
        accepted["Unsuccessful"],
        serde_json::json!([]),
        "{accepted}"
    );
    assert_eq!(state(), "available");

    let services = server.describe_network(OREGON, REGION).endpoint_services;
    assert_eq!(services.len(), 1);
    assert!(services[0].acceptance_required);
    assert_eq!(services[0].network_load_balancers, [nlb]);
}
