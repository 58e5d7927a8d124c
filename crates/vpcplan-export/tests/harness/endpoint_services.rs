//! Endpoint services on the mock: an interface endpoint needs the service's
//! permission and, when required, the provider's acceptance; and, as on AWS,
//! a service needs a load balancer that exists (a Network or Gateway Load
//! Balancer, one service each), its consumers' endpoints go only in that
//! load balancer's AZs, and the load balancer outlives no service using it.
//! The CloudFormation ELBv2 resources are the load balancers they say.

use serde_json::Value;

use super::*;

const REGION: &str = "ap-northeast-1";

/// A load balancer of `kind` (`network` or `application`) in `account`'s
/// default VPC, in the default subnets of the AZs `zones` (names): the kind
/// a user has before deploying an export. Its ARN.
fn users_load_balancer(server: &MotoServer, account: &str, kind: &str, zones: &[&str]) -> String {
    let zones = format!("Name=availability-zone,Values={}", zones.join(","));
    let defaults = server.aws_as(
        account,
        REGION,
        &[
            "ec2",
            "describe-subnets",
            "--filters",
            "Name=default-for-az,Values=true",
            &zones,
        ],
    );
    let subnets: Vec<&str> = defaults["Subnets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|subnet| subnet["SubnetId"].as_str().unwrap())
        .collect();
    assert!(!subnets.is_empty(), "{defaults}");
    let name = format!("users-{kind}-{}", subnets.len());
    let mut args = vec![
        "elbv2",
        "create-load-balancer",
        "--name",
        &name,
        "--type",
        kind,
        "--scheme",
        "internal",
        "--subnets",
    ];
    args.extend(subnets);
    let created = server.aws_as(account, REGION, &args);
    created["LoadBalancers"][0]["LoadBalancerArn"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// `create-vpc-endpoint-service-configuration` for `arns` as `account`.
fn create_service(server: &MotoServer, account: &str, arns: &str) -> Result<Value, String> {
    server.try_aws(&[
        "ec2",
        "create-vpc-endpoint-service-configuration",
        "--network-load-balancer-arns",
        arns,
        "--no-acceptance-required",
        "--profile",
        &support::profile(account),
        "--region",
        REGION,
    ])
}

fn refused_with(answer: &Result<Value, String>, code: &str, message: &str) -> bool {
    answer
        .as_ref()
        .is_err_and(|error| error.contains(code) && error.contains(message))
}

/// An NLB ARN the mock does not know is refused, as AWS refuses an NLB that
/// does not exist (the mock once took any well-formed ARN of the caller's
/// account and Region for an existing NLB, which hid exports that named a
/// placeholder).
#[test]
fn an_endpoint_service_refuses_a_load_balancer_that_does_not_exist() {
    let server = MotoServer::start(&[OREGON]);
    let placeholder = "arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188";
    let refused = create_service(&server, OREGON, placeholder);
    assert!(
        refused_with(&refused, "InvalidParameter", "does not exist"),
        "{refused:?}"
    );
    let services = server.describe_network(OREGON, REGION).endpoint_services;
    assert!(services.is_empty(), "{services:?}");
}

/// An Application Load Balancer cannot back an endpoint service.
#[test]
fn an_endpoint_service_refuses_an_application_load_balancer() {
    let server = MotoServer::start(&[OREGON]);
    let alb = users_load_balancer(
        &server,
        OREGON,
        "application",
        &["ap-northeast-1a", "ap-northeast-1c"],
    );
    let refused = create_service(&server, OREGON, &alb);
    assert!(
        refused_with(
            &refused,
            "InvalidParameter",
            "Network or Gateway Load Balancer"
        ),
        "{refused:?}"
    );
}

/// "A Network Load Balancer can be associated with a single endpoint
/// service": a second service on the same NLB is refused.
#[test]
fn a_network_load_balancer_backs_only_one_endpoint_service() {
    let server = MotoServer::start(&[OREGON]);
    let nlb = users_load_balancer(&server, OREGON, "network", &["ap-northeast-1a"]);
    create_service(&server, OREGON, &nlb).unwrap();
    let refused = create_service(&server, OREGON, &nlb);
    assert!(
        refused_with(&refused, "InvalidParameter", "already associated"),
        "{refused:?}"
    );
}

/// A consumer's interface endpoint in an AZ the service's NLB does not
/// serve is refused with AWS's error, compared by AZ id across accounts; in
/// an AZ it serves it is created.
#[test]
fn an_interface_endpoint_refuses_a_subnet_in_an_az_the_nlb_does_not_serve() {
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let nlb = users_load_balancer(&server, OREGON, "network", &["ap-northeast-1a"]);
    let created = create_service(&server, OREGON, &nlb).unwrap();
    let service_id = created["ServiceConfiguration"]["ServiceId"]
        .as_str()
        .unwrap();
    let service_name = created["ServiceConfiguration"]["ServiceName"]
        .as_str()
        .unwrap()
        .to_owned();
    server.aws_as(
        OREGON,
        REGION,
        &[
            "ec2",
            "modify-vpc-endpoint-service-permissions",
            "--service-id",
            service_id,
            "--add-allowed-principals",
            "arn:aws:iam::111111111111:root",
        ],
    );
    let vpc = server.aws_as(
        TOKYO,
        REGION,
        &["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"],
    );
    let vpc = vpc["Vpc"]["VpcId"].as_str().unwrap().to_owned();
    let subnet_in = |zone_id: &str, cidr: &str| {
        let subnet = server.aws_as(
            TOKYO,
            REGION,
            &[
                "ec2",
                "create-subnet",
                "--vpc-id",
                &vpc,
                "--cidr-block",
                cidr,
                "--availability-zone-id",
                zone_id,
            ],
        );
        subnet["Subnet"]["SubnetId"].as_str().unwrap().to_owned()
    };
    // ap-northeast-1a is apne1-az4 on the mock.
    let served = subnet_in("apne1-az4", "10.0.0.0/24");
    let not_served = subnet_in("apne1-az1", "10.0.1.0/24");
    let create_endpoint = |subnets: &[&str]| {
        let mut args = vec![
            "ec2",
            "create-vpc-endpoint",
            "--vpc-endpoint-type",
            "Interface",
            "--vpc-id",
            &vpc,
            "--service-name",
            &service_name,
            "--profile",
            "acct-111111111111",
            "--region",
            REGION,
            "--subnet-ids",
        ];
        args.extend(subnets);
        server.try_aws(&args)
    };
    let refused = create_endpoint(&[&served, &not_served]);
    assert!(
        refused_with(
            &refused,
            "InvalidParameter",
            &format!(
                "The VPC endpoint service {service_name} does not support the availability zone of the subnet: {not_served}."
            )
        ),
        "{refused:?}"
    );
    assert!(
        server
            .describe_network(TOKYO, REGION)
            .live_endpoints()
            .is_empty()
    );
    create_endpoint(&[&served]).unwrap();
}

/// A load balancer an endpoint service uses cannot be deleted; once the
/// service is gone, it can.
#[test]
fn a_load_balancer_cannot_be_deleted_while_an_endpoint_service_uses_it() {
    let server = MotoServer::start(&[OREGON]);
    let nlb = users_load_balancer(&server, OREGON, "network", &["ap-northeast-1a"]);
    let created = create_service(&server, OREGON, &nlb).unwrap();
    let service_id = created["ServiceConfiguration"]["ServiceId"]
        .as_str()
        .unwrap();
    let delete = || {
        server.try_aws(&[
            "elbv2",
            "delete-load-balancer",
            "--load-balancer-arn",
            &nlb,
            "--profile",
            "acct-222222222222",
            "--region",
            REGION,
        ])
    };
    let refused = delete();
    assert!(
        refused_with(
            &refused,
            "ResourceInUse",
            "cannot be deleted because it is currently associated with another service"
        ),
        "{refused:?}"
    );
    server.aws_as(
        OREGON,
        REGION,
        &[
            "ec2",
            "delete-vpc-endpoint-service-configurations",
            "--service-ids",
            service_id,
        ],
    );
    delete().unwrap();
}

#[test]
fn an_endpoint_service_needs_permission_and_acceptance_before_its_endpoint_is_available() {
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let nlb = &users_load_balancer(&server, OREGON, "network", &["ap-northeast-1a"]);
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
    assert_eq!(services[0].network_load_balancers, [nlb.as_str()]);
}

/// An NLB, its TCP listener and its target group as a stack declares them
/// (what the provider stacks of the exports hold).
const NLB_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.9.0.0/16
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.9.0.0/24
      AvailabilityZoneId: apne1-az4
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: network
      Scheme: internal
      Subnets: [!Ref Subnet]
      Tags:
        - Key: Name
          Value: tiny-nlb
  Group:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      Protocol: TCP
      Port: 8443
      VpcId: !Ref Vpc
      Tags:
        - Key: Name
          Value: tiny-group
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Nlb
      Protocol: TCP
      Port: 8443
      DefaultActions:
        - Type: forward
          TargetGroupArn: !Ref Group
  Service:
    Type: AWS::EC2::VPCEndpointService
    Properties:
      AcceptanceRequired: false
      NetworkLoadBalancerArns: [!Ref Nlb]
"#;

/// The CloudFormation ELBv2 resources are what they declare (moto 5.2 makes
/// every LoadBalancer an Application Load Balancer, which no endpoint
/// service takes, and drops tags), and deleting the stack deletes the
/// listener and the target group with the rest.
#[test]
fn cloudformation_load_balancers_are_what_they_declare_and_go_with_their_stack() {
    let server = MotoServer::start(&[OREGON]);
    let dir = scratch();
    let template = write(dir.path(), "nlb.yaml", NLB_TEMPLATE);
    let stack = server.deploy_stack(&template, "tiny-nlb", REGION, OREGON, &[], &[]);
    assert_eq!(stack.status, "CREATE_COMPLETE", "{}", stack.reason);
    let elbv2 = |args: &[&str]| server.aws_as(OREGON, REGION, args);
    let balancers = elbv2(&["elbv2", "describe-load-balancers"]);
    let balancer = &balancers["LoadBalancers"][0];
    assert_eq!(balancer["Type"], "network", "{balancer}");
    assert_eq!(balancer["Scheme"], "internal", "{balancer}");
    let groups = elbv2(&["elbv2", "describe-target-groups"]);
    let group = &groups["TargetGroups"][0];
    for (arn, name) in [
        (&balancer["LoadBalancerArn"], "tiny-nlb"),
        (&group["TargetGroupArn"], "tiny-group"),
    ] {
        let tags = elbv2(&[
            "elbv2",
            "describe-tags",
            "--resource-arns",
            arn.as_str().unwrap(),
        ]);
        assert_eq!(
            tags["TagDescriptions"][0]["Tags"][0]["Value"], name,
            "{tags}"
        );
    }
    let listeners = elbv2(&[
        "elbv2",
        "describe-listeners",
        "--load-balancer-arn",
        balancer["LoadBalancerArn"].as_str().unwrap(),
    ]);
    assert_eq!(listeners["Listeners"][0]["Port"], 8443, "{listeners}");

    elbv2(&["cloudformation", "delete-stack", "--stack-name", "tiny-nlb"]);
    let balancers = elbv2(&["elbv2", "describe-load-balancers"]);
    assert_eq!(
        balancers["LoadBalancers"],
        serde_json::json!([]),
        "{balancers}"
    );
    let groups = elbv2(&["elbv2", "describe-target-groups"]);
    assert_eq!(groups["TargetGroups"], serde_json::json!([]), "{groups}");
}
