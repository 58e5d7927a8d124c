//! Planning `Duplicate`: copies of nodes with fresh ids for them and their
//! parts, and the links among the copied nodes.

use vpcplan_core::design::*;

use super::{Planner, Result, service, vpc};
use crate::items::NodeId;
use crate::patch::Record;

impl Planner<'_> {
    pub(super) fn duplicate(&mut self, nodes: &[NodeId], dx: f64, dy: f64) -> Result<()> {
        use std::collections::HashMap;
        let shift = |p: Position| Position {
            x: p.x + dx,
            y: p.y + dy,
        };
        let mut vpcs: HashMap<VpcId, VpcId> = HashMap::new();
        let mut services: HashMap<ServiceId, ServiceId> = HashMap::new();
        let mut subnets: HashMap<SubnetId, SubnetId> = HashMap::new();
        let mut tables: HashMap<RouteTableId, RouteTableId> = HashMap::new();
        let mut groups: HashMap<SecurityGroupId, SecurityGroupId> = HashMap::new();
        let mut copies: Vec<Record> = Vec::new();
        for node in nodes {
            match node {
                NodeId::Vpc(id) => {
                    if vpcs.contains_key(id) {
                        continue;
                    }
                    let mut copy = vpc(self.design, id)?.clone();
                    copy.id = VpcId::new(self.ids.next("vpc"));
                    vpcs.insert(id.clone(), copy.id.clone());
                    copy.name = format!(
                        "{} copy",
                        crate::geometry::display_name(&copy.name, id.as_str())
                    );
                    copy.position = shift(copy.position);
                    for subnet in &mut copy.subnets {
                        let fresh = SubnetId::new(self.ids.next("subnet"));
                        subnets.insert(std::mem::replace(&mut subnet.id, fresh.clone()), fresh);
                    }
                    for table in &mut copy.route_tables {
                        let fresh = RouteTableId::new(self.ids.next("rtb"));
                        tables.insert(std::mem::replace(&mut table.id, fresh.clone()), fresh);
                    }
                    for group in &mut copy.security_groups {
                        let fresh = SecurityGroupId::new(self.ids.next("sg"));
                        groups.insert(std::mem::replace(&mut group.id, fresh.clone()), fresh);
                    }
                    for acl in &mut copy.network_acls {
                        acl.id = NetworkAclId::new(self.ids.next("acl"));
                    }
                    copies.push(Record::Vpc(copy));
                }
                NodeId::Service(id) => {
                    if services.contains_key(id) {
                        continue;
                    }
                    let mut copy = service(self.design, id)?.clone();
                    copy.id = ServiceId::new(self.ids.next("svc"));
                    services.insert(id.clone(), copy.id.clone());
                    copy.name = format!(
                        "{} copy",
                        crate::geometry::display_name(&copy.name, id.as_str())
                    );
                    copy.position = shift(copy.position);
                    copies.push(Record::Service(copy));
                }
            }
        }
        let remap = |list: &mut Vec<SubnetId>| {
            list.iter_mut().for_each(|s| {
                if let Some(n) = subnets.get(s) {
                    *s = n.clone()
                }
            })
        };
        for record in &mut copies {
            match record {
                Record::Vpc(copy) => {
                    for table in &mut copy.route_tables {
                        remap(&mut table.subnets);
                    }
                    for acl in &mut copy.network_acls {
                        remap(&mut acl.subnets);
                    }
                    for group in &mut copy.security_groups {
                        for rule in &mut group.ingress {
                            if let RuleSource::SecurityGroup { vpc, group } = &mut rule.source
                                && let (Some(v), Some(g)) = (vpcs.get(vpc), groups.get(group))
                            {
                                *vpc = v.clone();
                                *group = g.clone();
                            }
                        }
                    }
                }
                Record::Service(copy) => {
                    if let ServiceKind::EndpointService(es) = &mut copy.kind
                        && let Some(provider) = vpcs.get(&es.provider_vpc)
                    {
                        es.provider_vpc = provider.clone();
                    }
                }
                _ => {}
            }
        }
        let mut link_copies = Vec::new();
        for link in &self.design.links {
            let mut copy = link.clone();
            let copied = match &mut copy.spec {
                LinkSpec::Peering(p) => match (vpcs.get(&p.requester), vpcs.get(&p.accepter)) {
                    (Some(a), Some(b)) => {
                        p.requester = a.clone();
                        p.accepter = b.clone();
                        p.excluded_route_tables.iter_mut().for_each(|t| {
                            if let Some(n) = tables.get(t) {
                                *t = n.clone()
                            }
                        });
                        true
                    }
                    _ => false,
                },
                LinkSpec::InterfaceEndpoint(e) => {
                    let target = match &mut e.target {
                        EndpointTarget::Service(s) | EndpointTarget::GatewayLoadBalancer(s) => {
                            Some(s)
                        }
                        _ => None,
                    };
                    match (vpcs.get(&e.vpc), target) {
                        (Some(v), Some(s)) if services.contains_key(s) => {
                            e.vpc = v.clone();
                            *s = services[s].clone();
                            remap(&mut e.subnets);
                            e.security_groups.iter_mut().for_each(|g| {
                                if let Some(n) = groups.get(g) {
                                    *g = n.clone()
                                }
                            });
                            true
                        }
                        _ => false,
                    }
                }
                LinkSpec::GatewayEndpoint(e) => {
                    match (vpcs.get(&e.vpc), services.get(&e.service)) {
                        (Some(v), Some(s)) => {
                            e.vpc = v.clone();
                            e.service = s.clone();
                            e.route_tables.iter_mut().for_each(|t| {
                                if let Some(n) = tables.get(t) {
                                    *t = n.clone()
                                }
                            });
                            remap(&mut e.subnets);
                            true
                        }
                        _ => false,
                    }
                }
            };
            if copied {
                copy.id = LinkId::new(self.ids.next("link"));
                link_copies.push(Record::Link(copy));
            }
        }
        for record in copies.into_iter().chain(link_copies) {
            self.changes.add(record);
        }
        Ok(())
    }
}
