//! Arbitrary designs and their nodes, for the reachability and advisor
//! property tests; the designs are built with `rules::testing`.

use super::Node;
use crate::design::*;
use crate::rules::testing::*;

const TOKYO: &str = "ap-northeast-1";

/// Builds an arbitrary, often broken design from bytes: dangling ids,
/// self-peerings, overlapping CIDRs, tables of other VPCs, missing subnets.
pub(crate) fn arbitrary_design(bytes: &[u8]) -> Design {
    let mut bytes = bytes.iter().copied().cycle();
    let mut next = move || bytes.next().unwrap_or(0);
    let vpc_ids = ["v0", "v1", "v2", "v3", "ghost"];
    let service_ids = ["s3", "sqs", "ddb", "api", "api2", "nowhere"];
    let n_vpcs = usize::from(next() % 5);
    let mut vpcs = Vec::new();
    for &id in vpc_ids.iter().take(n_vpcs) {
        let cidr = [
            "10.0.0.0/16",
            "10.1.0.0/16",
            "10.0.128.0/17",
            "172.16.0.0/12",
        ][usize::from(next() % 4)];
        let mut node = vpc(id, cidr);
        if next() % 3 == 0 {
            node = node.in_region("us-east-1");
        }
        if next() % 3 == 0 {
            node = node.in_account(ACCOUNT_B);
        }
        if next() % 4 == 0 {
            node.route_tables.clear();
        }
        let base = node.ipv4_cidrs[0].network().octets();
        for s in 0..usize::from(next() % 3) {
            let subnet_cidr = format!("{}.{}.{}.0/24", base[0], base[1], s);
            node = node.with_subnet(&format!("s{s}"), &subnet_cidr, 'a');
        }
        if next() % 2 == 0 && !node.subnets.is_empty() {
            node = with_private_table(node, "s0");
        }
        vpcs.push(node);
    }
    let services = vec![
        aws_service(
            "s3",
            "s3",
            if next() % 2 == 0 { TOKYO } else { "us-east-1" },
        ),
        aws_service("sqs", "sqs", TOKYO),
        aws_service("ddb", "dynamodb", TOKYO),
        {
            let mut service = endpoint_service("api", vpc_ids[usize::from(next() % 5)], TOKYO);
            if next() % 2 == 0 {
                endpoint_service_mut(&mut service)
                    .allowed_principals
                    .push("*".to_owned());
            }
            service
        },
        endpoint_service("api2", "ghost", "us-east-1"),
    ];
    let mut links = Vec::new();
    for l in 0..usize::from(next() % 10) {
        let id = format!("l{l}");
        let a = vpc_ids[usize::from(next()) % (n_vpcs + 1)];
        let b = vpc_ids[usize::from(next()) % (n_vpcs + 1)];
        let service = service_ids[usize::from(next() % 6)];
        let mut link = match next() % 3 {
            0 => peering(&id, a, b),
            1 => interface_endpoint(&id, a, service, &[&format!("{a}-s0"), &format!("{b}-s1")]),
            _ => gateway_endpoint(&id, a, service),
        };
        match &mut link.spec {
            crate::design::LinkSpec::Peering(peering) if next() % 3 == 0 => {
                peering
                    .excluded_route_tables
                    .push(RouteTableId::new(format!("{b}-rtb")));
            }
            crate::design::LinkSpec::GatewayEndpoint(endpoint) if next() % 3 == 0 => {
                endpoint
                    .route_tables
                    .push(RouteTableId::new(format!("{b}-private")));
            }
            crate::design::LinkSpec::InterfaceEndpoint(endpoint) if next() % 3 == 0 => {
                endpoint.service_region = Some("us-east-1".to_owned());
            }
            _ => {}
        }
        links.push(link);
    }
    design(vpcs, services, links)
}

pub(crate) fn every_node(design: &Design) -> Vec<Node> {
    let mut nodes = vec![
        Node::vpc("ghost"),
        Node::service("nowhere"),
        Node::subnet("v0", "v1-s0"),
    ];
    for vpc in &design.vpcs {
        nodes.push(Node::Vpc(vpc.id.clone()));
        for subnet in &vpc.subnets {
            nodes.push(Node::Subnet {
                vpc: vpc.id.clone(),
                subnet: subnet.id.clone(),
            });
        }
    }
    nodes.extend(design.services.iter().map(|s| Node::Service(s.id.clone())));
    nodes
}
