//! Tests of the design file, one file per concern: the committed schema
//! (`schema`), writing and reading back (`round_trip`), errors that name
//! their place (`syntax_errors`, `invalid_values`, `envelope`), and no panic
//! on any text (`any_text`). `arbitrary` generates designs for the property
//! tests. The helpers shared by several of them are here.

mod any_text;
mod arbitrary;
mod envelope;
mod invalid_values;
mod round_trip;
mod schema;
mod syntax_errors;

use super::*;
use crate::design::*;

fn sample() -> Design {
    let mut vpc_a = crate::rules::testing::vpc("vpc-a", "10.0.0.0/16")
        .with_ipv6("2600:1f18:1:100::/56")
        .with_subnet("a", "10.0.0.0/24", 'a');
    vpc_a.security_groups.push(SecurityGroup {
        id: SecurityGroupId::new("sg-a"),
        name: "app".to_owned(),
        ingress: vec![SecurityGroupRule {
            protocol: "tcp".to_owned(),
            from_port: 443,
            to_port: 443,
            source: RuleSource::Cidr("10.1.0.0/16".parse().unwrap()),
        }],
    });
    vpc_a.route_tables[0].routes.push(Route {
        destination: RouteDestination::Ipv4("0.0.0.0/0".parse().unwrap()),
        target: RouteTarget::Edge(EdgeGatewayKind::NatGateway),
    });
    vpc_a.position = Position { x: 120.5, y: -40.0 };
    let vpc_b = crate::rules::testing::vpc("vpc-b", "10.1.0.0/16").in_region("us-west-2");
    let mut design = crate::rules::testing::design(
        vec![vpc_a, vpc_b],
        vec![crate::rules::testing::aws_service(
            "svc-s3",
            "s3",
            "ap-northeast-1",
        )],
        vec![
            crate::rules::testing::peering("pcx-ab", "vpc-a", "vpc-b"),
            crate::rules::testing::gateway_endpoint("vpce-s3", "vpc-a", "svc-s3"),
        ],
    );
    design.intents.push(Intent {
        id: IntentId::new("a-to-b"),
        from: IntentSource::Vpc(VpcId::new("vpc-a")),
        to: IntentTarget::Vpc(VpcId::new("vpc-b")),
    });
    design
}

fn read_error(text: &str) -> FileError {
    match read_design(text) {
        Ok(design) => panic!("read without error: {design:?}"),
        Err(error) => error,
    }
}

/// A valid file with `design` spliced in.
fn with_design(design: &str) -> String {
    format!("{{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,\n  \"design\": {design}\n}}")
}

fn error_in_vpc(fields: &str) -> FileError {
    read_error(&with_design(&format!(
        r#"{{"name": "x", "vpcs": [{{"id": "w", "name": "w", "account": "1", "region": "r",
  "dns_support": true, "dns_hostnames": true, {fields}}}]}}"#
    )))
}
