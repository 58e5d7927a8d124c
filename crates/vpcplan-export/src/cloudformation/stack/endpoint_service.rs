//! `AWS::EC2::VPCEndpointService` (a provider's PrivateLink service),
//! `AWS::EC2::VPCEndpointServicePermissions`, and the internal network load
//! balancer the export creates for a service whose NLB the design names by
//! name, with its listener and target group (`crate::load_balancer` decides
//! which; a load balancer named by ARN is a parameter without a default).

use std::collections::BTreeSet;

use vpcplan_core::design::{IpFamily, ServiceKind};

use vpcplan_core::design::Service;

use super::{Builder, EmptyTargetGroup, LOAD_BALANCER_PATTERN, ParamSpec};
use crate::cloudformation::node::{Node, Obj, reference, sub, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};
use crate::load_balancer::{self, Balancer, CreatedNlb};

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
                if kind == "Network"
                    && let Some(balancer) = balancer
                    && let Balancer::Created(created) =
                        load_balancer::network(balancer, provided, vpc)
                {
                    let arn = self.emit_created_nlb(node, position, &balancer.name, &created);
                    balancers.push((kind, arn));
                    continue;
                }
                let balancer_name = balancer.map_or("", |balancer| balancer.name.as_str());
                let val = self.import(
                    Import::LoadBalancerArn(node.id.clone(), i),
                    Source::User,
                    false,
                    ParamSpec {
                        kind: if kind == "Network" { "NlbArn" } else { "GwlbArn" },
                        parameter_type: "String",
                        name: node.name.clone(),
                        description: format!(
                            "The ARN of the existing {kind} Load Balancer {}behind the endpoint service \"{}\". It must serve the Availability Zones of the service's consumers.",
                            if balancer_name.is_empty() {
                                String::new()
                            } else {
                                format!("(designed as \"{}\") ", truncate_chars(balancer_name, 512))
                            },
                            truncate_chars(&node.name, 255)
                        ),
                        pattern: LOAD_BALANCER_PATTERN,
                        constraint: "a load balancer ARN (arn:aws:elasticloadbalancing:...)",
                        default: None,
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

impl Builder<'_, '_> {
    /// An internal NLB in the designed subnets of the provider VPC
    /// `position`, a TCP listener on the service's port and a target group
    /// for it, left empty for the user (DEPLOY.md says so). Returns the
    /// NLB's ARN (`Ref`).
    fn emit_created_nlb(
        &mut self,
        service: &Service,
        position: usize,
        designed_name: &str,
        created: &CreatedNlb<'_>,
    ) -> Node {
        let label = if designed_name.is_empty() {
            service.name.as_str()
        } else {
            designed_name
        };
        let nlb = self.allocate("Nlb", label);
        let mut properties = Obj::new();
        if let Some(name) = created.name {
            properties.insert("Name", name);
        }
        properties.insert("Type", Node::word("network"));
        properties.insert("Scheme", Node::word("internal"));
        let subnets: Vec<Node> = created
            .subnets
            .iter()
            .filter_map(|subnet| self.subnet_ids.get(&subnet.id))
            .map(|(_, logical)| reference(logical))
            .collect();
        properties.insert("Subnets", subnets);
        if created.dualstack {
            properties.insert("IpAddressType", Node::word("dualstack"));
        }
        properties.insert("Tags", tags(label, service.id.as_str()));
        self.add_resource(
            &nlb,
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            properties,
            &BTreeSet::new(),
            &[],
        );
        let Some(port) = created.port else {
            self.note(format!(
                "The load balancer \"{}\" of the endpoint service \"{}\" has no listener: the design gives the service no port.",
                truncate_chars(label, 255),
                truncate_chars(&service.name, 255)
            ));
            return reference(&nlb);
        };
        let Some(vpc_id) = self.vpc_ids.get(&position).cloned() else {
            return reference(&nlb);
        };
        let target_group = self.allocate("TargetGroup", label);
        self.add_resource(
            &target_group,
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            Obj::new()
                .with("Protocol", Node::word("TCP"))
                .with("Port", u32::from(port))
                .with("VpcId", reference(&vpc_id))
                .with("Tags", tags(label, service.id.as_str())),
            &BTreeSet::new(),
            &[],
        );
        let listener = self.allocate("Listener", label);
        self.add_resource(
            &listener,
            "AWS::ElasticLoadBalancingV2::Listener",
            Obj::new()
                .with("LoadBalancerArn", reference(&nlb))
                .with("Protocol", Node::word("TCP"))
                .with("Port", u32::from(port))
                .with(
                    "DefaultActions",
                    vec![Node::from(
                        Obj::new()
                            .with("Type", Node::word("forward"))
                            .with("TargetGroupArn", reference(&target_group)),
                    )],
                ),
            &BTreeSet::new(),
            &[],
        );
        let output = self.add_output(
            &format!("{target_group}Arn"),
            reference(&target_group),
            &format!(
                "The ARN of the target group of the load balancer \"{}\" behind the endpoint service \"{}\": register the service's targets in it.",
                truncate_chars(label, 255),
                truncate_chars(&service.name, 255)
            ),
            &BTreeSet::new(),
        );
        self.target_groups.push(EmptyTargetGroup {
            output,
            service_name: service.name.clone(),
            balancer_name: label.to_owned(),
            port,
        });
        reference(&nlb)
    }
}
