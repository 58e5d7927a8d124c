//! `AWS::EC2::VPCEndpoint` of the interface kinds (interface, Gateway Load
//! Balancer, resource and service-network endpoints), with the security group
//! made for an endpoint designed without one.

use std::collections::BTreeSet;

use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{DnsRecordIpType, EndpointTarget, IpAddressType, ServiceKind};

use super::{
    Acceptance, Builder, ParamSpec, SERVICE_NAME_PATTERN, Val, ip_address_type, policy_document,
};
use crate::cloudformation::node::{Node, Obj, get_att, reference, sub, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};

impl Builder<'_, '_> {
    pub(super) fn emit_interface_endpoints(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        for &endpoint in self
            .ctx
            .interface_endpoints_of
            .get(&vpc.id)
            .into_iter()
            .flatten()
        {
            let (link, endpoint) = self.ctx.index.interface_endpoints[endpoint];
            let mut properties = Obj::new();
            let mut conditions = BTreeSet::new();
            let mut port = 443;
            let mut acceptance: Option<usize> = None;
            let (endpoint_type, display) = match &endpoint.target {
                EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) => {
                    let endpoint_type = if matches!(endpoint.target, EndpointTarget::Service(_)) {
                        "Interface"
                    } else {
                        "GatewayLoadBalancer"
                    };
                    let Some(node) = self.ctx.index.service(service) else {
                        self.note(format!(
                            "Endpoint {} is not exported: its service {service} is not in the design.",
                            link.id
                        ));
                        continue;
                    };
                    let service_region = endpoint
                        .service_region
                        .clone()
                        .unwrap_or_else(|| node.region.clone());
                    let name = match (&node.kind, &endpoint.service_name) {
                        (_, Some(explicit)) => Val::literal(explicit.as_str()),
                        (ServiceKind::Aws { service }, None) => {
                            let known = aws_service(service);
                            port = known.map_or(443, |known| known.port);
                            Val::literal(match known {
                                Some(known) => known.service_name(&service_region),
                                None => format!("com.amazonaws.{service_region}.{service}"),
                            })
                        }
                        (ServiceKind::EndpointService(provided), None) => {
                            port = provided.port;
                            let Some(val) = self.endpoint_service_name(service, provided) else {
                                self.note(format!(
                                    "Endpoint {} is not exported: the provider VPC of its service is not in the design.",
                                    link.id
                                ));
                                continue;
                            };
                            val
                        }
                    };
                    if let ServiceKind::EndpointService(provided) = &node.kind {
                        port = provided.port;
                        if provided.acceptance_required {
                            acceptance = self.ctx.service_position(&node.id);
                        }
                    }
                    conditions.extend(name.conditions);
                    properties.insert("ServiceName", name.node);
                    if service_region != vpc.region {
                        properties.insert("ServiceRegion", service_region.as_str());
                    }
                    (endpoint_type, node.name.clone())
                }
                EndpointTarget::Resource { configuration_arn } => {
                    let Some(arn) = configuration_arn else {
                        self.note(format!(
                            "Resource endpoint {} is not exported: it has no resource configuration ARN.",
                            link.id
                        ));
                        continue;
                    };
                    properties.insert("ResourceConfigurationArn", arn.as_str());
                    ("Resource", "resource endpoint".to_owned())
                }
                EndpointTarget::ServiceNetwork { arn } => {
                    let Some(arn) = arn else {
                        self.note(format!(
                            "Service-network endpoint {} is not exported: it has no service network ARN.",
                            link.id
                        ));
                        continue;
                    };
                    properties.insert("ServiceNetworkArn", arn.as_str());
                    ("ServiceNetwork", "service-network endpoint".to_owned())
                }
            };
            let id = self.allocate("Endpoint", &display);
            let mut body = Obj::new()
                .with("VpcEndpointType", Node::word(endpoint_type))
                .with("VpcId", reference(&vpc_id));
            body.extend(properties);
            let subnets: Vec<Node> = endpoint
                .subnets
                .iter()
                .filter_map(|subnet| match self.subnet_ids.get(subnet) {
                    Some((owner, id)) if *owner == position => Some(reference(id)),
                    _ => None,
                })
                .collect();
            if subnets.len() != endpoint.subnets.len() {
                self.note(format!(
                    "Endpoint {} lists subnets outside its VPC; they are left out.",
                    link.id
                ));
            }
            if !subnets.is_empty() {
                body.insert("SubnetIds", subnets);
            }
            let mut after = Vec::new();
            if endpoint_type == "Interface" || endpoint_type == "Resource" {
                let mut groups: Vec<Node> = Vec::new();
                for group in &endpoint.security_groups {
                    match self.group_ids.get(group) {
                        Some((owner, id)) if *owner == position => {
                            groups.push(get_att(id, "GroupId"))
                        }
                        _ => self.note(format!(
                            "Endpoint {} lists security group {group}, which is not in its VPC; it is left out.",
                            link.id
                        )),
                    }
                }
                if endpoint.security_groups.is_empty() && endpoint_type == "Interface" {
                    let group = self.emit_endpoint_group(
                        position,
                        &display,
                        link.id.as_str(),
                        port,
                        endpoint.ip_address_type,
                    );
                    groups.push(get_att(&group, "GroupId"));
                }
                if !groups.is_empty() {
                    body.insert("SecurityGroupIds", groups);
                }
            }
            if endpoint_type == "Interface" {
                body.insert("PrivateDnsEnabled", endpoint.private_dns);
            }
            if endpoint_type == "Interface" || endpoint_type == "GatewayLoadBalancer" {
                body.insert(
                    "IpAddressType",
                    Node::word(ip_address_type(endpoint.ip_address_type)),
                );
            }
            if let Some(record) = endpoint.dns_record_ip_type {
                body.insert(
                    "DnsOptions",
                    Obj::new().with("DnsRecordIpType", dns_record_ip_type(record)),
                );
            }
            if let Some(policy) = &endpoint.policy {
                body.insert("PolicyDocument", policy_document(policy));
            }
            body.insert("Tags", tags(&display, link.id.as_str()));
            vpcplan_core::collections::sort(&mut after);
            self.add_resource(&id, "AWS::EC2::VPCEndpoint", body, &conditions, &after);
            if let Some(service) = acceptance {
                let output = self.add_output(
                    &format!("{id}Id"),
                    reference(&id),
                    &format!(
                        "The id of the endpoint to \"{}\" the provider accepts.",
                        truncate_chars(&display, 255)
                    ),
                    &conditions,
                );
                self.acceptances.push(Acceptance {
                    endpoint_output: output,
                    service,
                    service_name: display.clone(),
                });
            }
        }
    }

    fn endpoint_service_name(
        &mut self,
        service: &vpcplan_core::design::ServiceId,
        provided: &vpcplan_core::design::EndpointService,
    ) -> Option<Val> {
        let position = self.ctx.service_position(service)?;
        if let Some(id) = self.service_ids.get(&position) {
            return Some(Val::reference(
                sub(&format!("com.amazonaws.vpce.${{AWS::Region}}.${{{id}}}")),
                BTreeSet::new(),
            ));
        }
        let stack = self.ctx.stack_of_vpc(&provided.provider_vpc)?;
        let node = &self.ctx.design.services[position];
        Some(self.import(
            Import::EndpointServiceName(service.clone()),
            Source::Stack(stack),
            true,
            ParamSpec {
                kind: "ServiceName",
                parameter_type: "String",
                name: node.name.clone(),
                description: format!(
                    "The service name (com.amazonaws.vpce.<region>.vpce-svc-...) of the endpoint service \"{}\".",
                    truncate_chars(&node.name, 255)
                ),
                pattern: SERVICE_NAME_PATTERN,
                constraint: "an endpoint service name such as com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
                default: None,
            },
        ))
    }

    /// A security group for an interface endpoint designed without one: the
    /// service port from the CIDRs of the endpoint's VPC.
    fn emit_endpoint_group(
        &mut self,
        position: usize,
        display: &str,
        design_id: &str,
        port: u16,
        ip_type: IpAddressType,
    ) -> String {
        let vpc = &self.ctx.design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        let id = self.allocate("EndpointSecurityGroup", display);
        let mut rules = Vec::new();
        for block in &vpc.ipv4_cidrs {
            rules.push(Node::from(
                Obj::new()
                    .with("IpProtocol", Node::word("tcp"))
                    .with("FromPort", port)
                    .with("ToPort", port)
                    .with("CidrIp", block.trunc().to_string()),
            ));
        }
        let mut after = Vec::new();
        if ip_type != IpAddressType::Ipv4 {
            for block in vpc.ipv6_cidrs.clone() {
                let val = self.ipv6_value(block, Some(position), false);
                after.extend(val.after);
                rules.push(Node::from(
                    Obj::new()
                        .with("IpProtocol", Node::word("tcp"))
                        .with("FromPort", port)
                        .with("ToPort", port)
                        .with("CidrIpv6", val.node),
                ));
            }
        }
        self.add_resource(
            &id,
            "AWS::EC2::SecurityGroup",
            Obj::new()
                .with(
                    "GroupDescription",
                    format!(
                        "vpcplan: TCP {port} to an interface endpoint from the CIDRs of its VPC"
                    ),
                )
                .with("VpcId", reference(&vpc_id))
                .with("SecurityGroupIngress", rules)
                .with("Tags", tags(&format!("{display} endpoint"), design_id)),
            &BTreeSet::new(),
            &after,
        );
        id
    }
}

fn dns_record_ip_type(record: DnsRecordIpType) -> &'static str {
    match record {
        DnsRecordIpType::Ipv4 => "ipv4",
        DnsRecordIpType::Dualstack => "dualstack",
        DnsRecordIpType::Ipv6 => "ipv6",
        DnsRecordIpType::ServiceDefined => "service-defined",
    }
}
