//! `AWS::EC2::VPCEndpoint` of type `Gateway` (S3, DynamoDB), with the route
//! tables it adds its routes to.

use std::collections::BTreeSet;

use vpcplan_core::design::IpAddressType;

use super::{Builder, ip_address_type, policy_document};
use crate::cloudformation::node::{Node, Obj, reference, tags};
use crate::shared::endpoints::gateway_endpoint_settings;

impl Builder<'_, '_> {
    pub(super) fn emit_gateway_endpoints(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        for &endpoint in self
            .ctx
            .gateway_endpoints_of
            .get(&vpc.id)
            .into_iter()
            .flatten()
        {
            let (link, endpoint) = self.ctx.index.gateway_endpoints[endpoint];
            let settings = match gateway_endpoint_settings(design, vpc, link, endpoint) {
                Ok(settings) => settings,
                Err(note) => {
                    self.note(note);
                    continue;
                }
            };
            for note in &settings.notes {
                self.note(note.clone());
            }
            let node = settings.service;
            let service_name = settings.service_name;
            let tables: Vec<Node> = settings
                .route_tables
                .iter()
                .filter_map(|table| match self.table_ids.get(*table) {
                    Some((owner, id)) if *owner == position => Some(reference(id)),
                    _ => None,
                })
                .collect();
            let id = self.allocate("GatewayEndpoint", &node.name);
            let mut body = Obj::new()
                .with("VpcEndpointType", Node::word("Gateway"))
                .with("VpcId", reference(&vpc_id))
                .with("ServiceName", service_name);
            if !tables.is_empty() {
                body.insert("RouteTableIds", tables);
            }
            if endpoint.ip_address_type != IpAddressType::Ipv4 {
                body.insert(
                    "IpAddressType",
                    Node::word(ip_address_type(endpoint.ip_address_type)),
                );
            }
            if let Some(policy) = &endpoint.policy {
                body.insert("PolicyDocument", policy_document(policy));
            }
            body.insert("Tags", tags(&node.name, link.id.as_str()));
            self.add_resource(&id, "AWS::EC2::VPCEndpoint", body, &BTreeSet::new(), &[]);
        }
    }
}
