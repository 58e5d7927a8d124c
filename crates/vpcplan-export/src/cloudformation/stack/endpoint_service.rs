//! `AWS::EC2::VPCEndpointService` (a provider's PrivateLink service) and
//! `AWS::EC2::VPCEndpointServicePermissions`.

use std::collections::BTreeSet;

use vpcplan_core::design::{IpFamily, ServiceKind};

use super::{Builder, LOAD_BALANCER_PATTERN, ParamSpec};
use crate::cloudformation::node::{Node, Obj, reference, sub, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};

impl Builder<'_, '_> {
    pub(super) fn emit_endpoint_services(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        for &service in self.ctx.services_of.get(&vpc.id).into_iter().flatten() {
            let node = &design.services[service];
            let ServiceKind::EndpointService(provided) = &node.kind else {
                continue;
            };
            let Some(id) = self.service_ids.get(&service).cloned() else {
                continue;
            };
            let mut balancers = Vec::new();
            let network = provided.network_load_balancers.len();
            let count = network + provided.gateway_load_balancers.len();
            for i in 0..count.max(1) {
                let (kind, balancer) = if i < network || count == 0 {
                    ("Network", provided.network_load_balancers.get(i))
                } else {
                    ("Gateway", provided.gateway_load_balancers.get(i - network))
                };
                let balancer_name = balancer.map_or("", |balancer| balancer.name.as_str());
                let default = is_load_balancer_arn(balancer_name).then(|| balancer_name.to_owned());
                let val = self.import(
                    Import::LoadBalancerArn(node.id.clone(), i),
                    Source::User,
                    false,
                    ParamSpec {
                        kind: if kind == "Network" { "NlbArn" } else { "GwlbArn" },
                        parameter_type: "String",
                        name: node.name.clone(),
                        description: format!(
                            "The ARN of the {kind} Load Balancer {}behind the endpoint service \"{}\".",
                            if balancer_name.is_empty() {
                                String::new()
                            } else {
                                format!("\"{}\" ", truncate_chars(balancer_name, 512))
                            },
                            truncate_chars(&node.name, 255)
                        ),
                        pattern: LOAD_BALANCER_PATTERN,
                        constraint: "a load balancer ARN (arn:aws:elasticloadbalancing:...)",
                        default,
                    },
                );
                balancers.push((kind, val.node));
            }
            let mut properties =
                Obj::new().with("AcceptanceRequired", provided.acceptance_required);
            for (kind, property) in [
                ("Network", "NetworkLoadBalancerArns"),
                ("Gateway", "GatewayLoadBalancerArns"),
            ] {
                let arns: Vec<Node> = balancers
                    .iter()
                    .filter(|(balancer_kind, _)| *balancer_kind == kind)
                    .map(|(_, node)| node.clone())
                    .collect();
                if !arns.is_empty() {
                    properties.insert(property, arns);
                }
            }
            if !provided.supported_ip_address_types.is_empty() {
                let types: Vec<Node> = provided
                    .supported_ip_address_types
                    .iter()
                    .map(|family| {
                        Node::from(match family {
                            IpFamily::Ipv4 => "ipv4",
                            IpFamily::Ipv6 => "ipv6",
                        })
                    })
                    .collect();
                properties.insert("SupportedIpAddressTypes", types);
            }
            if !provided.supported_regions.is_empty() {
                let mut regions: Vec<&str> = Vec::new();
                for region in &provided.supported_regions {
                    if !regions.contains(&region.as_str()) {
                        regions.push(region);
                    }
                }
                properties.insert(
                    "SupportedRegions",
                    regions.into_iter().map(Node::from).collect::<Vec<_>>(),
                );
            }
            properties.insert("Tags", tags(&node.name, node.id.as_str()));
            self.add_resource(
                &id,
                "AWS::EC2::VPCEndpointService",
                properties,
                &BTreeSet::new(),
                &[],
            );
            if !provided.allowed_principals.is_empty() {
                let permissions = self.allocate("EndpointServicePermissions", &node.name);
                self.add_resource(
                    &permissions,
                    "AWS::EC2::VPCEndpointServicePermissions",
                    Obj::new().with("ServiceId", reference(&id)).with(
                        "AllowedPrincipals",
                        provided
                            .allowed_principals
                            .iter()
                            .map(Node::from)
                            .collect::<Vec<_>>(),
                    ),
                    &BTreeSet::new(),
                    &[],
                );
            }
            let name = truncate_chars(&node.name, 255);
            let service_id_output = self.add_output(
                &format!("{id}ServiceId"),
                reference(&id),
                &format!("The id (vpce-svc-...) of the endpoint service \"{name}\"."),
                &BTreeSet::new(),
            );
            self.service_id_outputs.insert(service, service_id_output);
            self.export(
                Import::EndpointServiceName(node.id.clone()),
                &format!("{id}ServiceName"),
                sub(&format!("com.amazonaws.vpce.${{AWS::Region}}.${{{id}}}")),
                &format!(
                    "The service name consumers of the endpoint service \"{name}\" connect to."
                ),
                &BTreeSet::new(),
            );
        }
    }
}

fn is_load_balancer_arn(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("arn:aws") else {
        return false;
    };
    let Some((partition_tail, rest)) = rest.split_once(':') else {
        return false;
    };
    partition_tail
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == '-')
        && rest
            .strip_prefix("elasticloadbalancing:")
            .is_some_and(|tail| !tail.is_empty() && !tail.chars().any(char::is_whitespace))
}
