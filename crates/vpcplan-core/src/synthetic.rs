//! Generated designs of any size, deterministic, for benchmarks and stress
//! tests: the same arguments always give the same design.
//!
//! Each VPC gets a unique IPv4 CIDR, two subnets in two AZs and a main route
//! table; VPC `i` requests peerings to the next `peerings_per_vpc` VPCs (so
//! every VPC takes part in twice that many), and has an S3 gateway endpoint
//! and an SSM interface endpoint. VPCs are spread over four Regions and ten
//! accounts, and peerings stay within a Region, so the design is valid apart
//! from quota and mesh advice.

use ipnet::Ipv4Net;

use crate::design::*;

const REGIONS: [&str; 4] = ["ap-northeast-1", "us-east-1", "eu-west-1", "us-west-2"];
const ACCOUNTS: usize = 10;

pub struct Shape {
    pub vpcs: usize,
    pub peerings_per_vpc: usize,
    /// 0, 1 (S3 gateway endpoint) or 2 (plus an SSM interface endpoint).
    pub endpoints_per_vpc: usize,
}

impl Shape {
    /// The shape the benchmarks use: 5 peerings and 2 endpoints per VPC.
    pub fn benchmark(vpcs: usize) -> Shape {
        Shape {
            vpcs,
            peerings_per_vpc: 5,
            endpoints_per_vpc: 2,
        }
    }
}

fn account_id(index: usize) -> AccountId {
    AccountId::new(format!("{:012}", 100_000_000_000_u64 + index as u64))
}

/// A /22 per VPC carved from 10.0.0.0/8 (16,384 of them), then 100.64.0.0/10.
fn vpc_cidr(index: usize) -> Ipv4Net {
    let (base, offset) = if index < 16_384 {
        (u32::from_be_bytes([10, 0, 0, 0]), index as u32)
    } else {
        (
            u32::from_be_bytes([100, 64, 0, 0]),
            (index - 16_384) as u32 % 4_096,
        )
    };
    Ipv4Net::new((base + (offset << 10)).into(), 22).expect("a /22 is a valid prefix")
}

pub fn generate(shape: &Shape) -> Design {
    let n = shape.vpcs;
    let mut design = Design {
        name: format!("synthetic {n} VPCs"),
        accounts: (0..ACCOUNTS)
            .map(|index| Account {
                id: account_id(index),
                name: format!("account {index}"),
            })
            .collect(),
        ..Design::default()
    };
    for region in REGIONS {
        for service in ["s3", "ssm"] {
            design.services.push(Service {
                id: ServiceId::new(format!("{service}-{region}")),
                name: service.to_owned(),
                region: region.to_owned(),
                kind: ServiceKind::Aws {
                    service: service.to_owned(),
                },
                position: Position::default(),
            });
        }
    }
    // VPC i lives in Region i % 4, so peering i with i + 4k stays in-Region.
    let region_of = |index: usize| REGIONS[index % REGIONS.len()];
    for index in 0..n {
        let cidr = vpc_cidr(index);
        let subnets: Vec<Subnet> = cidr
            .subnets(24)
            .expect("a /22 splits into /24s")
            .take(2)
            .zip(['a', 'c'])
            .enumerate()
            .map(|(number, (subnet_cidr, az))| Subnet {
                id: SubnetId::new(format!("subnet-{index}-{number}")),
                name: format!("private-{az}"),
                ipv4_cidr: Some(subnet_cidr),
                ipv6_cidr: None,
                availability_zone: format!("{}{az}", region_of(index)),
                availability_zone_id: None,
            })
            .collect();
        let subnet_ids = subnets.iter().map(|subnet| subnet.id.clone()).collect();
        design.vpcs.push(Vpc {
            id: VpcId::new(format!("vpc-{index}")),
            name: format!("vpc {index}"),
            account: account_id(index % ACCOUNTS),
            region: region_of(index).to_owned(),
            ipv4_cidrs: vec![cidr],
            ipv6_cidrs: Vec::new(),
            dns_support: true,
            dns_hostnames: true,
            subnets,
            route_tables: vec![RouteTable {
                id: RouteTableId::new(format!("rtb-{index}")),
                name: "main".to_owned(),
                main: true,
                subnets: subnet_ids,
                routes: Vec::new(),
            }],
            security_groups: vec![SecurityGroup {
                id: SecurityGroupId::new(format!("sg-{index}")),
                name: "endpoints".to_owned(),
                ingress: vec![SecurityGroupRule {
                    protocol: "tcp".to_owned(),
                    from_port: 443,
                    to_port: 443,
                    source: RuleSource::Cidr(cidr.into()),
                }],
            }],
            edge_gateways: Vec::new(),
            network_acls: Vec::new(),
            jumbo_frames: false,
            position: Position {
                x: (index % 40) as f64 * 260.0,
                y: (index / 40) as f64 * 180.0,
            },
        });
    }
    for index in 0..n {
        for step in 1..=shape.peerings_per_vpc {
            let peer = index + step * REGIONS.len();
            if peer >= n {
                break;
            }
            design.links.push(Link {
                id: LinkId::new(format!("pcx-{index}-{peer}")),
                spec: LinkSpec::Peering(Peering {
                    requester: VpcId::new(format!("vpc-{index}")),
                    accepter: VpcId::new(format!("vpc-{peer}")),
                    dns_resolution: false,
                    ipv6: false,
                    excluded_route_tables: Vec::new(),
                    state: PeeringState::Planned,
                }),
            });
        }
        let region = region_of(index);
        if shape.endpoints_per_vpc >= 1 {
            design.links.push(Link {
                id: LinkId::new(format!("vpce-s3-{index}")),
                spec: LinkSpec::GatewayEndpoint(GatewayEndpoint {
                    vpc: VpcId::new(format!("vpc-{index}")),
                    service: ServiceId::new(format!("s3-{region}")),
                    route_tables: vec![RouteTableId::new(format!("rtb-{index}"))],
                    policy: None,
                    ip_address_type: IpAddressType::Ipv4,
                    subnets: Vec::new(),
                    security_groups: Vec::new(),
                    private_dns: false,
                }),
            });
        }
        if shape.endpoints_per_vpc >= 2 {
            design.links.push(Link {
                id: LinkId::new(format!("vpce-ssm-{index}")),
                spec: LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
                    vpc: VpcId::new(format!("vpc-{index}")),
                    target: EndpointTarget::Service(ServiceId::new(format!("ssm-{region}"))),
                    subnets: vec![
                        SubnetId::new(format!("subnet-{index}-0")),
                        SubnetId::new(format!("subnet-{index}-1")),
                    ],
                    security_groups: vec![SecurityGroupId::new(format!("sg-{index}"))],
                    private_dns: true,
                    ip_address_type: IpAddressType::Ipv4,
                    dns_record_ip_type: None,
                    service_region: None,
                    policy: None,
                    service_name: None,
                }),
            });
        }
    }
    design
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_benchmark_shape_has_the_promised_counts() {
        let design = generate(&Shape::benchmark(1_000));
        assert_eq!(design.vpcs.len(), 1_000);
        let count = |kind: crate::LinkKind| {
            design
                .links
                .iter()
                .filter(|link| link.kind() == kind)
                .count()
        };
        // The last 20 VPCs have fewer than 5 later peers in their Region.
        assert_eq!(
            count(crate::LinkKind::Peering),
            5 * 1_000 - 4 * (1 + 2 + 3 + 4 + 5)
        );
        assert_eq!(count(crate::LinkKind::GatewayEndpoint), 1_000);
        assert_eq!(count(crate::LinkKind::InterfaceEndpoint), 1_000);
    }

    #[test]
    fn vpc_cidrs_never_overlap_even_for_large_designs() {
        let cidrs: Vec<ipnet::IpNet> = (0..20_000).map(|index| vpc_cidr(index).into()).collect();
        assert!(crate::cidr::overlapping_pairs(&cidrs).is_empty());
    }
}
