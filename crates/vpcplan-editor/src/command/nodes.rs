//! Planning the commands that place nodes on the canvas, move them, rename
//! them, change their Region (an endpoint service and its provider VPC
//! change Region together) and a VPC's DNS attributes.

use ipnet::Ipv4Net;
use vpcplan_core::catalogue;
use vpcplan_core::design::*;

use super::{
    EditError, Field, Planner, Result, check_name, check_region, node_subject, service, vpc,
};
use crate::geometry::{GRID, Point};
use crate::items::NodeId;
use crate::patch::{Changes, Record, RecordId};

impl Planner<'_> {
    pub(super) fn add_vpc(&mut self, at: Point, name_prefix: Option<&str>) -> Result<VpcId> {
        let cidr = propose_ipv4_cidr(self.design).ok_or_else(|| {
            EditError::new(
                None,
                Field::Ipv4Cidr(0),
                "Every /16 of 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 is taken: free one before adding a VPC.",
                "10.0.0.0/8、172.16.0.0/12、192.168.0.0/16のすべての/16が使用中です。VPCを追加する前にどれかを空けてください。",
            )
        })?;
        let id = self.ids.next("vpc");
        let subnets: Vec<Subnet> = ["a", "c"]
            .iter()
            .zip(cidr.subnets(24).expect("/24 fits a /16"))
            .map(|(letter, block)| Subnet {
                id: SubnetId::new(self.ids.next("subnet")),
                name: format!("private-{letter}"),
                ipv4_cidr: Some(block),
                ipv6_cidr: None,
                availability_zone: format!("{}{letter}", self.defaults.region),
                availability_zone_id: None,
            })
            .collect();
        let route_table = RouteTable {
            id: RouteTableId::new(self.ids.next("rtb")),
            name: "main".to_owned(),
            main: true,
            subnets: Vec::new(),
            routes: Vec::new(),
        };
        if !self
            .design
            .accounts
            .iter()
            .any(|a| a.id == self.defaults.account)
            && !self
                .changes
                .adds
                .iter()
                .any(|r| r.id() == RecordId::Account(self.defaults.account.clone()))
        {
            self.changes.add(Record::Account(Account {
                id: self.defaults.account.clone(),
                name: String::new(),
            }));
        }
        let name = match name_prefix {
            Some(prefix) => format!("{prefix}-{}", id.trim_start_matches("vpc-")),
            None => id.clone(),
        };
        let id = VpcId::new(id);
        self.changes.add(Record::Vpc(Vpc {
            id: id.clone(),
            name,
            account: self.defaults.account.clone(),
            region: self.defaults.region.clone(),
            ipv4_cidrs: vec![cidr],
            ipv6_cidrs: Vec::new(),
            dns_support: true,
            dns_hostnames: true,
            subnets,
            route_tables: vec![route_table],
            security_groups: Vec::new(),
            edge_gateways: Vec::new(),
            network_acls: Vec::new(),
            jumbo_frames: false,
            position: at.into(),
        }));
        Ok(id)
    }

    pub(super) fn add_aws_service(&mut self, service: &str, at: &Point) -> Result<()> {
        let entry = catalogue::aws_service(service).ok_or_else(|| {
            EditError::new(
                None,
                Field::Command,
                format!("{service:?} is not an AWS service vpcplan knows."),
                format!("{service:?}はvpcplanが知っているAWSサービスではありません。"),
            )
        })?;
        self.changes.add(Record::Service(Service {
            id: ServiceId::new(self.ids.next("svc")),
            name: entry.display_name.to_owned(),
            region: self.defaults.region.clone(),
            kind: ServiceKind::Aws {
                service: entry.suffix.to_owned(),
            },
            position: at.snapped().into(),
        }));
        Ok(())
    }

    pub(super) fn add_endpoint_service(&mut self, at: &Point) -> Result<()> {
        let at = at.snapped();
        let provider = self.add_vpc(at, Some("provider"))?;
        let id = self.ids.next("svc");
        let nlb = self.ids.next("nlb");
        self.changes.add(Record::Service(Service {
            name: format!("endpoint service {}", id.trim_start_matches("svc-")),
            id: ServiceId::new(id),
            region: self.defaults.region.clone(),
            kind: ServiceKind::EndpointService(EndpointService {
                provider_vpc: provider,
                network_load_balancers: vec![LoadBalancer {
                    name: nlb,
                    listeners: 1,
                }],
                gateway_load_balancers: Vec::new(),
                acceptance_required: true,
                allowed_principals: Vec::new(),
                supported_regions: Vec::new(),
                supported_ip_address_types: vec![IpFamily::Ipv4],
                availability_zone_ids: Vec::new(),
                port: 443,
            }),
            position: Point::new(at.x + 12.0 * GRID, at.y).into(),
        }));
        Ok(())
    }

    pub(super) fn move_nodes(&mut self, nodes: &[NodeId], dx: f64, dy: f64) -> Result<()> {
        let moved = |p: &mut Position| {
            p.x += dx;
            p.y += dy;
        };
        for node in nodes {
            edit_node(
                self.design,
                &mut self.changes,
                node,
                |vpc| moved(&mut vpc.position),
                |service| moved(&mut service.position),
            )?;
        }
        Ok(())
    }

    pub(super) fn rename_node(&mut self, node: &NodeId, name: &str) -> Result<()> {
        let name = check_name(node_subject(node), name)?;
        edit_node(
            self.design,
            &mut self.changes,
            node,
            |vpc| vpc.name = name.clone(),
            |service| service.name = name.clone(),
        )?;
        Ok(())
    }

    pub(super) fn set_region(&mut self, node: &NodeId, region: &str) -> Result<()> {
        let region = check_region(node_subject(node), region)?;
        // An endpoint service is in its provider VPC's Region: they move together.
        let moving = with_region_partners(self.design, node)?;
        for node in &moving {
            edit_node(
                self.design,
                &mut self.changes,
                node,
                |vpc| {
                    for subnet in &mut vpc.subnets {
                        if let Some(letter) = az_letter(&vpc.region, &subnet.availability_zone) {
                            subnet.availability_zone = format!("{region}{letter}");
                            subnet.availability_zone_id = None;
                        }
                    }
                    vpc.region = region.clone();
                },
                |service| service.region = region.clone(),
            )?;
        }
        follow_service_regions(self.design, &mut self.changes, &moving, &region);
        Ok(())
    }

    /// A VPC's DNS attributes: private DNS of interface endpoints (PL-003)
    /// and peering DNS resolution (PEER-013) need both on.
    pub(super) fn set_vpc_dns(
        &mut self,
        id: &VpcId,
        dns_support: bool,
        dns_hostnames: bool,
    ) -> Result<()> {
        let mut edited = vpc(self.design, id)?.clone();
        edited.dns_support = dns_support;
        edited.dns_hostnames = dns_hostnames;
        self.changes.update(Record::Vpc(edited));
        Ok(())
    }
}

/// The next /16 in 10.0.0.0/8, then 172.16.0.0/12, then 192.168.0.0/16, that
/// overlaps no IPv4 CIDR of the design (the first 10.x.0.0/16 for a design
/// without VPCs).
pub fn propose_ipv4_cidr(design: &Design) -> Option<Ipv4Net> {
    let taken: Vec<Ipv4Net> = design
        .vpcs
        .iter()
        .flat_map(|vpc| vpc.ipv4_cidrs.iter().copied())
        .collect();
    let pools: [Ipv4Net; 3] = [
        "10.0.0.0/8".parse().expect("valid"),
        "172.16.0.0/12".parse().expect("valid"),
        "192.168.0.0/16".parse().expect("valid"),
    ];
    pools
        .iter()
        .flat_map(|pool| pool.subnets(16).expect("/16 fits each pool"))
        .find(|candidate| {
            !taken
                .iter()
                .any(|t| t.contains(candidate) || candidate.contains(t))
        })
}

/// The node that changes Region and the nodes that go with it: an endpoint
/// service and its provider VPC, either way round.
fn with_region_partners(design: &Design, node: &NodeId) -> Result<Vec<NodeId>> {
    let mut moving = vec![node.clone()];
    match node {
        NodeId::Vpc(id) => {
            vpc(design, id)?;
            moving.extend(
                design
                    .services
                    .iter()
                    .filter(|s| matches!(&s.kind, ServiceKind::EndpointService(es) if es.provider_vpc == *id))
                    .map(|s| NodeId::Service(s.id.clone())),
            );
        }
        NodeId::Service(id) => {
            if let ServiceKind::EndpointService(es) = &service(design, id)?.kind
                && design.vpc(&es.provider_vpc).is_some()
            {
                moving.push(NodeId::Vpc(es.provider_vpc.clone()));
                moving.extend(
                    design
                        .services
                        .iter()
                        .filter(|s| s.id != *id)
                        .filter(|s| matches!(&s.kind, ServiceKind::EndpointService(other) if other.provider_vpc == es.provider_vpc))
                        .map(|s| NodeId::Service(s.id.clone())),
                );
            }
        }
    }
    Ok(moving)
}

/// Keeps the interface endpoints at the ends of nodes that changed Region
/// naming the service's Region exactly when it is not their own, as new
/// endpoints do.
fn follow_service_regions(design: &Design, changes: &mut Changes, moved: &[NodeId], region: &str) {
    let region_of = |node: NodeId, before: Option<&str>| -> Option<String> {
        if moved.contains(&node) {
            Some(region.to_owned())
        } else {
            before.map(str::to_owned)
        }
    };
    for link in &design.links {
        let LinkSpec::InterfaceEndpoint(e) = &link.spec else {
            continue;
        };
        let EndpointTarget::Service(target) = &e.target else {
            continue;
        };
        let (consumer, service) = (NodeId::Vpc(e.vpc.clone()), NodeId::Service(target.clone()));
        if !moved.contains(&consumer) && !moved.contains(&service) {
            continue;
        }
        let consumer_region = region_of(consumer, design.vpc(&e.vpc).map(|v| v.region.as_str()));
        let service_region = region_of(service, design.service(target).map(|s| s.region.as_str()));
        let (Some(consumer_region), Some(service_region)) = (consumer_region, service_region)
        else {
            continue;
        };
        let wanted = (consumer_region != service_region).then_some(service_region);
        if e.service_region != wanted {
            let mut edited = link.clone();
            if let LinkSpec::InterfaceEndpoint(e) = &mut edited.spec {
                e.service_region = wanted;
            }
            changes.update(Record::Link(edited));
        }
    }
}

/// Updates a node's record with the edit for its kind.
fn edit_node(
    design: &Design,
    changes: &mut Changes,
    node: &NodeId,
    edit_vpc: impl FnOnce(&mut Vpc),
    edit_service: impl FnOnce(&mut Service),
) -> Result<()> {
    match node {
        NodeId::Vpc(id) => {
            let mut edited = vpc(design, id)?.clone();
            edit_vpc(&mut edited);
            changes.update(Record::Vpc(edited));
        }
        NodeId::Service(id) => {
            let mut edited = service(design, id)?.clone();
            edit_service(&mut edited);
            changes.update(Record::Service(edited));
        }
    }
    Ok(())
}

/// The letter of an AZ name in `region` (`a` of `ap-northeast-1a`).
pub(super) fn az_letter<'a>(region: &str, az: &'a str) -> Option<&'a str> {
    let letter = az.strip_prefix(region)?;
    (!letter.is_empty() && letter.chars().all(|c| c.is_ascii_lowercase())).then_some(letter)
}
