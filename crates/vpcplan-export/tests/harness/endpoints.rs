//! VPC endpoints on the mock (`support/mock/endpoints.py`): the settings
//! moto drops are kept, and each request AWS refuses is refused.

use super::*;

const REGION: &str = "ap-northeast-1";

/// A mock with VPC A (subnets in ap-northeast-1a and 1c) and VPC B (one
/// subnet), in one account and Region.
struct Setup {
    server: MotoServer,
    vpc_a: String,
    subnet_a1: String,
    subnet_a2: String,
    vpc_b: String,
    subnet_b: String,
}

impl Setup {
    fn new() -> Setup {
        let server = MotoServer::start(&[TOKYO]);
        let vpc = |cidr: &str| {
            let answer = server.aws_as(TOKYO, REGION, &["ec2", "create-vpc", "--cidr-block", cidr]);
            answer["Vpc"]["VpcId"].as_str().unwrap().to_owned()
        };
        let subnet = |vpc: &str, cidr: &str, zone: &str| {
            let answer = server.aws_as(
                TOKYO,
                REGION,
                &[
                    "ec2",
                    "create-subnet",
                    "--vpc-id",
                    vpc,
                    "--cidr-block",
                    cidr,
                    "--availability-zone",
                    zone,
                ],
            );
            answer["Subnet"]["SubnetId"].as_str().unwrap().to_owned()
        };
        let vpc_a = vpc("10.0.0.0/16");
        let vpc_b = vpc("10.1.0.0/16");
        let subnet_a1 = subnet(&vpc_a, "10.0.1.0/24", "ap-northeast-1a");
        let subnet_a2 = subnet(&vpc_a, "10.0.2.0/24", "ap-northeast-1c");
        let subnet_b = subnet(&vpc_b, "10.1.1.0/24", "ap-northeast-1a");
        Setup {
            server,
            vpc_a,
            subnet_a1,
            subnet_a2,
            vpc_b,
            subnet_b,
        }
    }

    /// `create-vpc-endpoint` in VPC A with `args`.
    fn create(&self, args: &[&str]) -> Result<serde_json::Value, String> {
        let mut all = vec![
            "ec2",
            "create-vpc-endpoint",
            "--vpc-id",
            &self.vpc_a,
            "--profile",
            "acct-111111111111",
            "--region",
            REGION,
        ];
        all.extend(args);
        self.server.try_aws(&all)
    }
}

fn refused_with(result: Result<serde_json::Value, String>, code: &str) {
    match result {
        Ok(answer) => panic!("the mock accepted what AWS refuses ({code}): {answer}"),
        Err(error) => assert!(
            error.contains(code),
            "refused, but not with {code}: {error}"
        ),
    }
}

#[test]
fn an_endpoint_keeps_its_service_region_ip_type_and_dns_options_and_gets_the_default_group() {
    let setup = Setup::new();
    let created = setup
        .create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.us-east-1.s3",
            "--service-region",
            "us-east-1",
            "--subnet-ids",
            &setup.subnet_a1,
            "--ip-address-type",
            "ipv4",
            "--dns-options",
            "DnsRecordIpType=ipv4",
            "--no-private-dns-enabled",
        ])
        .unwrap();
    let endpoint = &created["VpcEndpoint"];
    assert_eq!(endpoint["ServiceRegion"], "us-east-1");
    assert_eq!(endpoint["IpAddressType"], "ipv4");
    assert_eq!(endpoint["DnsOptions"]["DnsRecordIpType"], "ipv4");
    assert_eq!(endpoint["Groups"][0]["GroupName"], "default", "{endpoint}");

    let gateway = setup
        .create(&[
            "--vpc-endpoint-type",
            "Gateway",
            "--service-name",
            "com.amazonaws.ap-northeast-1.s3",
        ])
        .unwrap();
    assert_eq!(gateway["VpcEndpoint"]["PrivateDnsEnabled"], false);
}

#[test]
fn a_service_in_another_region_without_its_service_region_is_refused() {
    let setup = Setup::new();
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.us-east-1.s3",
            "--subnet-ids",
            &setup.subnet_a1,
            "--no-private-dns-enabled",
        ]),
        "InvalidServiceName",
    );
}

#[test]
fn an_endpoint_service_that_does_not_support_the_consumers_region_is_refused() {
    let setup = Setup::new();
    let oregon = |args: &[&str]| setup.server.aws_as(TOKYO, "us-west-2", args);
    let subnets = oregon(&[
        "ec2",
        "describe-subnets",
        "--filters",
        "Name=default-for-az,Values=true",
    ]);
    let subnet = subnets["Subnets"][0]["SubnetId"]
        .as_str()
        .unwrap()
        .to_owned();
    let balancer = oregon(&[
        "elbv2",
        "create-load-balancer",
        "--name",
        "api",
        "--type",
        "network",
        "--scheme",
        "internal",
        "--subnets",
        &subnet,
    ]);
    let nlb = balancer["LoadBalancers"][0]["LoadBalancerArn"]
        .as_str()
        .unwrap()
        .to_owned();
    let service = setup.server.aws_as(
        TOKYO,
        "us-west-2",
        &[
            "ec2",
            "create-vpc-endpoint-service-configuration",
            "--network-load-balancer-arns",
            &nlb,
        ],
    );
    let name = service["ServiceConfiguration"]["ServiceName"]
        .as_str()
        .unwrap()
        .to_owned();
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            &name,
            "--service-region",
            "us-west-2",
            "--subnet-ids",
            &setup.subnet_a1,
            "--no-private-dns-enabled",
        ]),
        "InvalidServiceName",
    );
}

#[test]
fn subnets_groups_and_route_tables_of_another_vpc_are_refused() {
    let setup = Setup::new();
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.ap-northeast-1.ssm",
            "--subnet-ids",
            &setup.subnet_b,
            "--no-private-dns-enabled",
        ]),
        "InvalidParameterValue",
    );
    let group = setup.server.aws_as(
        TOKYO,
        REGION,
        &[
            "ec2",
            "create-security-group",
            "--group-name",
            "b",
            "--description",
            "b",
            "--vpc-id",
            &setup.vpc_b,
        ],
    );
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.ap-northeast-1.ssm",
            "--subnet-ids",
            &setup.subnet_a1,
            "--security-group-ids",
            group["GroupId"].as_str().unwrap(),
            "--no-private-dns-enabled",
        ]),
        "InvalidParameterValue",
    );
    let table = setup.server.aws_as(
        TOKYO,
        REGION,
        &["ec2", "create-route-table", "--vpc-id", &setup.vpc_b],
    );
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Gateway",
            "--service-name",
            "com.amazonaws.ap-northeast-1.s3",
            "--route-table-ids",
            table["RouteTable"]["RouteTableId"].as_str().unwrap(),
        ]),
        "InvalidParameterValue",
    );
}

#[test]
fn a_gateway_load_balancer_endpoint_with_two_subnets_is_refused() {
    let setup = Setup::new();
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "GatewayLoadBalancer",
            "--service-name",
            "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
            "--subnet-ids",
            &setup.subnet_a1,
            &setup.subnet_a2,
        ]),
        "InvalidParameterValue",
    );
}

#[test]
fn two_subnets_in_one_zone_are_refused() {
    let setup = Setup::new();
    let second = setup.server.aws_as(
        TOKYO,
        REGION,
        &[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &setup.vpc_a,
            "--cidr-block",
            "10.0.3.0/24",
            "--availability-zone",
            "ap-northeast-1a",
        ],
    );
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.ap-northeast-1.ssm",
            "--subnet-ids",
            &setup.subnet_a1,
            second["Subnet"]["SubnetId"].as_str().unwrap(),
            "--no-private-dns-enabled",
        ]),
        "DuplicateSubnetsInSameZone",
    );
}

#[test]
fn private_dns_without_the_vpcs_dns_attributes_is_refused() {
    let setup = Setup::new();
    // A new VPC has DNS support on and DNS hostnames off.
    refused_with(
        setup.create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.ap-northeast-1.ssm",
            "--subnet-ids",
            &setup.subnet_a1,
            "--private-dns-enabled",
        ]),
        "InvalidParameter",
    );
    setup.server.aws_as(
        TOKYO,
        REGION,
        &[
            "ec2",
            "modify-vpc-attribute",
            "--vpc-id",
            &setup.vpc_a,
            "--enable-dns-hostnames",
            "{\"Value\":true}",
        ],
    );
    setup
        .create(&[
            "--vpc-endpoint-type",
            "Interface",
            "--service-name",
            "com.amazonaws.ap-northeast-1.ssm",
            "--subnet-ids",
            &setup.subnet_a1,
            "--private-dns-enabled",
        ])
        .unwrap();
}

#[test]
fn a_subnet_is_associated_with_one_route_table_of_its_own_vpc() {
    let setup = Setup::new();
    let table = |vpc: &str| {
        let answer = setup.server.aws_as(
            TOKYO,
            REGION,
            &["ec2", "create-route-table", "--vpc-id", vpc],
        );
        answer["RouteTable"]["RouteTableId"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let associate = |table: &str, subnet: &str| {
        setup.server.try_aws(&[
            "ec2",
            "associate-route-table",
            "--route-table-id",
            table,
            "--subnet-id",
            subnet,
            "--profile",
            "acct-111111111111",
            "--region",
            REGION,
        ])
    };
    let (first, second, other) = (
        table(&setup.vpc_a),
        table(&setup.vpc_a),
        table(&setup.vpc_b),
    );
    refused_with(associate(&other, &setup.subnet_a1), "InvalidParameterValue");
    associate(&first, &setup.subnet_a1).unwrap();
    refused_with(
        associate(&second, &setup.subnet_a1),
        "Resource.AlreadyAssociated",
    );
}
