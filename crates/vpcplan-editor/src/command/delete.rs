//! Planning `Delete`: the nodes and links, and everything that cannot
//! outlive them (attached links, endpoint services of a removed provider
//! VPC, intents, routes through removed links).

use vpcplan_core::design::*;

use super::{Planner, Result, missing_node};
use crate::items::{NodeId, link_touches};
use crate::patch::{Record, RecordId};

impl Planner<'_> {
    pub(super) fn delete(&mut self, nodes: &[NodeId], links: &[LinkId]) -> Result<()> {
        let mut doomed: Vec<NodeId> = Vec::new();
        for node in nodes {
            if !node.exists_in(self.design) {
                return Err(missing_node(node));
            }
            doomed.push(node.clone());
        }
        for service in &self.design.services {
            if let ServiceKind::EndpointService(es) = &service.kind
                && doomed.contains(&NodeId::Vpc(es.provider_vpc.clone()))
            {
                doomed.push(NodeId::Service(service.id.clone()));
            }
        }
        for link in links {
            super::link(self.design, link)?;
            self.changes.remove(RecordId::Link(link.clone()));
        }
        for node in &doomed {
            self.changes.remove(match node {
                NodeId::Vpc(id) => RecordId::Vpc(id.clone()),
                NodeId::Service(id) => RecordId::Service(id.clone()),
            });
        }
        for link in &self.design.links {
            if doomed.iter().any(|node| link_touches(&link.spec, node)) {
                self.changes.remove(RecordId::Link(link.id.clone()));
            }
        }
        for intent in &self.design.intents {
            let source = match &intent.from {
                IntentSource::Vpc(vpc) | IntentSource::Subnet { vpc, .. } => {
                    NodeId::Vpc(vpc.clone())
                }
            };
            let target = match &intent.to {
                IntentTarget::Vpc(vpc) => NodeId::Vpc(vpc.clone()),
                IntentTarget::Service(service) => NodeId::Service(service.clone()),
            };
            if doomed.contains(&source) || doomed.contains(&target) {
                self.changes.remove(RecordId::Intent(intent.id.clone()));
            }
        }
        let removed_links: Vec<&LinkId> = self
            .changes
            .removes
            .iter()
            .filter_map(|id| match id {
                RecordId::Link(link) => Some(link),
                _ => None,
            })
            .collect();
        let mut updated_vpcs = Vec::new();
        for vpc in &self.design.vpcs {
            let through_removed = |route: &Route| match &route.target {
                RouteTarget::Peering(link) | RouteTarget::GatewayEndpoint(link) => {
                    removed_links.contains(&link)
                }
                _ => false,
            };
            if vpc
                .route_tables
                .iter()
                .any(|table| table.routes.iter().any(through_removed))
            {
                let mut edited = vpc.clone();
                for table in &mut edited.route_tables {
                    table.routes.retain(|route| !through_removed(route));
                }
                updated_vpcs.push(Record::Vpc(edited));
            }
        }
        for vpc in updated_vpcs {
            self.changes.update(vpc);
        }
        Ok(())
    }
}
