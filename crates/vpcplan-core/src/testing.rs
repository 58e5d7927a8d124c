//! The one builder of test designs: every test of the core builds its
//! designs from here (the rule tests through `rules::testing`, which adds
//! `check`), and so can the integration tests in `tests/` and other crates'
//! tests, with the `testing` feature.
//!
//! `design(vpcs, services, links)` over `vpc(id, cidr)` and its `with_*`
//! methods; links (`peering`, `interface_endpoint`, `gateway_endpoint`),
//! services (`aws_service`, `endpoint_service`), intents, routes, route
//! tables, security groups, and `*_mut` accessors to tweak one field of a
//! built design. Test code: it panics on malformed input.

use ipnet::{Ipv4Net, Ipv6Net};

use crate::design::*;

pub const ACCOUNT_A: &str = "111111111111";
pub const ACCOUNT_B: &str = "222222222222";

pub fn v4(text: &str) -> Ipv4Net {
    text.parse().expect("a test IPv4 CIDR")
}

pub fn v6(text: &str) -> Ipv6Net {
    text.parse().expect("a test IPv6 CIDR")
}

/// A VPC in account A, ap-northeast-1, with DNS on, one subnet per CIDR
/// given to `subnet`, and one main route table `<id>-rtb` serving them all.
pub fn vpc(id: &str, cidr: &str) -> Vpc {
    Vpc {
        id: VpcId::new(id),
        name: id.to_owned(),
        account: AccountId::new(ACCOUNT_A),
        region: "ap-northeast-1".to_owned(),
        ipv4_cidrs: vec![v4(cidr)],
        ipv6_cidrs: Vec::new(),
        dns_support: true,
        dns_hostnames: true,
        subnets: Vec::new(),
        route_tables: vec![RouteTable {
            id: RouteTableId::new(format!("{id}-rtb")),
            name: format!("{id} main"),
            main: true,
            subnets: Vec::new(),
            routes: Vec::new(),
        }],
        security_groups: Vec::new(),
        edge_gateways: Vec::new(),
        network_acls: Vec::new(),
        jumbo_frames: false,
        position: Position::default(),
    }
}

impl Vpc {
    pub fn in_region(mut self, region: &str) -> Vpc {
        self.region = region.to_owned();
        self
    }

    pub fn in_account(mut self, account: &str) -> Vpc {
        self.account = AccountId::new(account);
        self
    }

    pub fn with_ipv4(mut self, cidr: &str) -> Vpc {
        self.ipv4_cidrs.push(v4(cidr));
        self
    }

    pub fn with_ipv6(mut self, cidr: &str) -> Vpc {
        self.ipv6_cidrs.push(v6(cidr));
        self
    }

    /// Adds subnet `<vpc>-<suffix>` in the given AZ (name `ap-northeast-1<az>`,
    /// id `apne1-az<n>` for a, c, d = 4, 1, 2).
    pub fn with_subnet(mut self, suffix: &str, cidr: &str, az: char) -> Vpc {
        let az_id = match az {
            'a' => "apne1-az4",
            'c' => "apne1-az1",
            'd' => "apne1-az2",
            _ => "apne1-az9",
        };
        self.subnets.push(Subnet {
            id: SubnetId::new(format!("{}-{suffix}", self.id)),
            name: suffix.to_owned(),
            ipv4_cidr: Some(v4(cidr)),
            ipv6_cidr: None,
            availability_zone: format!("{}{az}", self.region),
            availability_zone_id: Some(az_id.to_owned()),
        });
        self
    }

    pub fn without_dns(mut self) -> Vpc {
        self.dns_support = false;
        self.dns_hostnames = false;
        self
    }
}

pub fn aws_service(id: &str, suffix: &str, region: &str) -> Service {
    Service {
        id: ServiceId::new(id),
        name: suffix.to_owned(),
        region: region.to_owned(),
        kind: ServiceKind::Aws {
            service: suffix.to_owned(),
        },
        position: Position::default(),
    }
}

pub fn peering(id: &str, requester: &str, accepter: &str) -> Link {
    Link {
        id: LinkId::new(id),
        spec: LinkSpec::Peering(Peering {
            requester: VpcId::new(requester),
            accepter: VpcId::new(accepter),
            dns_resolution: false,
            ipv6: false,
            excluded_route_tables: Vec::new(),
            state: PeeringState::Planned,
        }),
    }
}

/// An interface endpoint in `vpc` to `service` using the given subnets.
pub fn interface_endpoint(id: &str, vpc: &str, service: &str, subnets: &[&str]) -> Link {
    Link {
        id: LinkId::new(id),
        spec: LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
            vpc: VpcId::new(vpc),
            target: EndpointTarget::Service(ServiceId::new(service)),
            subnets: subnets
                .iter()
                .map(|&subnet| SubnetId::new(subnet))
                .collect(),
            security_groups: Vec::new(),
            private_dns: true,
            ip_address_type: IpAddressType::Ipv4,
            dns_record_ip_type: None,
            service_region: None,
            policy: None,
            service_name: None,
        }),
    }
}

/// A gateway endpoint in `vpc` to `service`, attached to the VPC's main table.
pub fn gateway_endpoint(id: &str, vpc: &str, service: &str) -> Link {
    Link {
        id: LinkId::new(id),
        spec: LinkSpec::GatewayEndpoint(GatewayEndpoint {
            vpc: VpcId::new(vpc),
            service: ServiceId::new(service),
            route_tables: vec![RouteTableId::new(format!("{vpc}-rtb"))],
            policy: None,
            ip_address_type: IpAddressType::Ipv4,
            subnets: Vec::new(),
            security_groups: Vec::new(),
            private_dns: false,
        }),
    }
}

pub fn design(vpcs: Vec<Vpc>, services: Vec<Service>, links: Vec<Link>) -> Design {
    let mut accounts: Vec<AccountId> = vpcs.iter().map(|vpc| vpc.account.clone()).collect();
    accounts.sort();
    accounts.dedup();
    Design {
        name: "test".to_owned(),
        accounts: accounts
            .into_iter()
            .map(|id| Account {
                name: format!("account {id}"),
                id,
            })
            .collect(),
        vpcs,
        services,
        links,
        intents: Vec::new(),
    }
}

/// Mutable access to the spec of the first link, for tweaking a test design.
pub fn peering_mut(design: &mut Design, index: usize) -> &mut Peering {
    match &mut design.links[index].spec {
        LinkSpec::Peering(peering) => peering,
        other => panic!("link {index} is not a peering: {other:?}"),
    }
}

// Intents, routes, gateways and security groups (the peering and gateway rules).

pub fn vpc_intent(id: &str, from: &str, to: &str) -> Intent {
    Intent {
        id: IntentId::new(id),
        from: IntentSource::Vpc(VpcId::new(from)),
        to: IntentTarget::Vpc(VpcId::new(to)),
    }
}

pub fn subnet_intent(id: &str, vpc: &str, subnet: &str, to: &str) -> Intent {
    Intent {
        id: IntentId::new(id),
        from: IntentSource::Subnet {
            vpc: VpcId::new(vpc),
            subnet: SubnetId::new(subnet),
        },
        to: IntentTarget::Vpc(VpcId::new(to)),
    }
}

pub fn service_intent(id: &str, from: &str, service: &str) -> Intent {
    Intent {
        id: IntentId::new(id),
        from: IntentSource::Vpc(VpcId::new(from)),
        to: IntentTarget::Service(ServiceId::new(service)),
    }
}

/// A route: the destination is a prefix list (`pl-…`, `com.…`), an IPv6 or
/// an IPv4 CIDR.
pub fn route(destination: &str, target: RouteTarget) -> Route {
    let destination = if destination.starts_with("pl-") || destination.starts_with("com.") {
        RouteDestination::PrefixList(destination.to_owned())
    } else if destination.contains(':') {
        RouteDestination::Ipv6(v6(destination))
    } else {
        RouteDestination::Ipv4(v4(destination))
    };
    Route {
        destination,
        target,
    }
}

/// A route into peering `link`.
pub fn peering_route(destination: &str, link: &str) -> Route {
    route(destination, RouteTarget::Peering(LinkId::new(link)))
}

/// Adds an explicit route to the VPC's first (main) route table.
pub fn with_route(mut vpc: Vpc, destination: &str, target: RouteTarget) -> Vpc {
    if let Some(table) = vpc.route_tables.first_mut() {
        table.routes.push(route(destination, target));
    }
    vpc
}

/// Adds a route into peering `link` to the VPC's first (main) route table.
pub fn route_via(mut vpc: Vpc, destination: &str, link: &str) -> Vpc {
    if let Some(table) = vpc.route_tables.first_mut() {
        table.routes.push(peering_route(destination, link));
    }
    vpc
}

pub fn with_gateway(mut vpc: Vpc, kind: EdgeGatewayKind, remote: &[&str]) -> Vpc {
    vpc.edge_gateways.push(EdgeGateway {
        kind,
        remote_cidrs: remote
            .iter()
            .map(|cidr| cidr.parse().expect("a test CIDR"))
            .collect(),
    });
    vpc
}

/// Adds security group `id` whose only ingress rule allows TCP 443 from
/// group `source_group` of VPC `source_vpc`.
pub fn with_group_from(mut vpc: Vpc, id: &str, source_vpc: &str, source_group: &str) -> Vpc {
    vpc.security_groups.push(SecurityGroup {
        id: SecurityGroupId::new(id),
        name: id.to_owned(),
        ingress: vec![SecurityGroupRule {
            protocol: "tcp".to_owned(),
            from_port: 443,
            to_port: 443,
            source: RuleSource::SecurityGroup {
                vpc: VpcId::new(source_vpc),
                group: SecurityGroupId::new(source_group),
            },
        }],
    });
    vpc
}

/// Adds an empty security group `id`.
pub fn with_group(mut vpc: Vpc, id: &str) -> Vpc {
    vpc.security_groups.push(SecurityGroup {
        id: SecurityGroupId::new(id),
        name: id.to_owned(),
        ingress: Vec::new(),
    });
    vpc
}

pub fn subnet_service_intent(id: &str, vpc: &str, subnet: &str, service: &str) -> Intent {
    Intent {
        id: IntentId::new(id),
        from: IntentSource::Subnet {
            vpc: VpcId::new(vpc),
            subnet: SubnetId::new(subnet),
        },
        to: IntentTarget::Service(ServiceId::new(service)),
    }
}

/// Adds route table `<vpc>-<suffix>` (not main, no routes) serving the given
/// subnets, and returns it for any further setting.
pub fn add_route_table<'v>(vpc: &'v mut Vpc, suffix: &str, subnets: &[&str]) -> &'v mut RouteTable {
    let id = RouteTableId::new(format!("{}-{suffix}", vpc.id));
    vpc.route_tables.push(RouteTable {
        id,
        name: suffix.to_owned(),
        main: false,
        subnets: subnets
            .iter()
            .map(|&subnet| SubnetId::new(subnet))
            .collect(),
        routes: Vec::new(),
    });
    let last = vpc.route_tables.len() - 1;
    &mut vpc.route_tables[last]
}

// Endpoint services, subnets and security-group rules (the PrivateLink rules).

/// An endpoint service behind one NLB in `provider`, open to no one yet.
pub fn endpoint_service(id: &str, provider: &str, region: &str) -> Service {
    Service {
        id: ServiceId::new(id),
        name: id.to_owned(),
        region: region.to_owned(),
        kind: ServiceKind::EndpointService(EndpointService {
            provider_vpc: VpcId::new(provider),
            network_load_balancers: vec![LoadBalancer {
                name: format!("{id}-nlb"),
                listeners: 1,
            }],
            gateway_load_balancers: Vec::new(),
            acceptance_required: false,
            allowed_principals: Vec::new(),
            supported_regions: Vec::new(),
            supported_ip_address_types: vec![IpFamily::Ipv4],
            availability_zone_ids: Vec::new(),
            port: 443,
        }),
        position: Position::default(),
    }
}

/// Mutable access to the endpoint-service settings of a service.
pub fn endpoint_service_mut(service: &mut Service) -> &mut EndpointService {
    match &mut service.kind {
        ServiceKind::EndpointService(endpoint_service) => endpoint_service,
        other => panic!("not an endpoint service: {other:?}"),
    }
}

/// Mutable access to the interface endpoint at `index` in the design's links.
pub fn interface_mut(design: &mut Design, index: usize) -> &mut InterfaceEndpoint {
    match &mut design.links[index].spec {
        LinkSpec::InterfaceEndpoint(endpoint) => endpoint,
        other => panic!("link {index} is not an interface endpoint: {other:?}"),
    }
}

/// Mutable access to the gateway endpoint at `index` in the design's links.
pub fn gateway_mut(design: &mut Design, index: usize) -> &mut GatewayEndpoint {
    match &mut design.links[index].spec {
        LinkSpec::GatewayEndpoint(endpoint) => endpoint,
        other => panic!("link {index} is not a gateway endpoint: {other:?}"),
    }
}

/// Gives `vpc` a second route table `<vpc>-private` serving the subnet
/// `<vpc>-<suffix>`.
pub fn with_private_table(mut vpc: Vpc, suffix: &str) -> Vpc {
    let subnet = format!("{}-{suffix}", vpc.id);
    add_route_table(&mut vpc, "private", &[&subnet]);
    vpc
}

/// The endpoint-service settings of service node `index`.
pub fn provider_mut(design: &mut Design, index: usize) -> &mut EndpointService {
    endpoint_service_mut(&mut design.services[index])
}

/// The subnet with id `id`, wherever it is.
pub fn subnet_mut<'a>(design: &'a mut Design, id: &str) -> &'a mut Subnet {
    design
        .vpcs
        .iter_mut()
        .flat_map(|vpc| vpc.subnets.iter_mut())
        .find(|subnet| subnet.id.as_str() == id)
        .unwrap_or_else(|| panic!("no subnet {id}"))
}

/// Gives subnet `id` the IPv4 and IPv6 CIDRs given (`None` removes one).
pub fn set_subnet_cidrs(design: &mut Design, id: &str, ipv4: Option<&str>, ipv6: Option<&str>) {
    let subnet = subnet_mut(design, id);
    subnet.ipv4_cidr = ipv4.map(v4);
    subnet.ipv6_cidr = ipv6.map(v6);
}

pub fn security_group(id: &str, name: &str, ingress: Vec<SecurityGroupRule>) -> SecurityGroup {
    SecurityGroup {
        id: SecurityGroupId::new(id),
        name: name.to_owned(),
        ingress,
    }
}

/// An ingress rule for `protocol` on ports `from..=to` from a CIDR.
pub fn ingress(protocol: &str, from: u16, to: u16, cidr: &str) -> SecurityGroupRule {
    SecurityGroupRule {
        protocol: protocol.to_owned(),
        from_port: from,
        to_port: to,
        source: RuleSource::Cidr(cidr.parse().expect("a test CIDR")),
    }
}
