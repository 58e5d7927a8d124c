//! `AWS::EC2::VPCEndpoint` of the interface kinds (interface, Gateway Load
//! Balancer, resource and service-network endpoints), with the settings both
//! exports share (`shared::endpoints`).

use std::collections::BTreeSet;

use vpcplan_core::design::DnsRecordIpType;

use super::{
    Acceptance, Builder, ParamSpec, SERVICE_NAME_PATTERN, Val, ip_address_type, policy_document,
};
use crate::cloudformation::node::{Node, Obj, get_att, reference, sub, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};
use crate::shared::endpoints::{EndpointType, Target, endpoint_settings};

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
            let settings = match endpoint_settings(design, vpc, link, endpoint) {
                Ok(settings) => settings,
                Err(note) => {
                    self.note(note);
                    continue;
                }
            };
            let mut properties = Obj::new();
            let mut conditions = BTreeSet::new();
            let mut acceptance: Option<usize> = None;
            match &settings.target {
                Target::AwsService { name, .. } => {
                    properties.insert("ServiceName", name.as_str());
                }
                Target::EndpointService { service, settings } => {
                    let Some(name) = self.endpoint_service_name(&service.id, settings) else {
                        self.note(format!(
                            "Endpoint {} is not exported: the provider VPC of its service is not in the design.",
                            link.id
                        ));
                        continue;
                    };
                    if settings.acceptance_required {
                        acceptance = self.ctx.service_position(&service.id);
                    }
                    conditions.extend(name.conditions);
                    properties.insert("ServiceName", name.node);
                }
                Target::Resource(arn) => {
                    properties.insert("ResourceConfigurationArn", *arn);
                }
                Target::ServiceNetwork(arn) => {
                    properties.insert("ServiceNetworkArn", *arn);
                }
            }
            let display = settings.name();
            if let Some(region) = &settings.service_region {
                properties.insert("ServiceRegion", region.as_str());
            }
            for note in settings.notes {
                self.note(note);
            }
            let endpoint_type = settings.endpoint_type;
            let id = self.allocate("Endpoint", &display);
            let mut body = Obj::new()
                .with("VpcEndpointType", Node::word(endpoint_type.aws_name()))
                .with("VpcId", reference(&vpc_id));
            body.extend(properties);
            let subnets: Vec<Node> = settings
                .subnets
                .iter()
                .filter_map(|subnet| match self.subnet_ids.get(*subnet) {
                    Some((owner, id)) if *owner == position => Some(reference(id)),
                    _ => None,
                })
                .collect();
            if !subnets.is_empty() {
                body.insert("SubnetIds", subnets);
            }
            // No groups given: AWS attaches the VPC's default group
            // (`shared::endpoints`).
            let groups: Vec<Node> = settings
                .security_groups
                .iter()
                .filter_map(|group| match self.group_ids.get(*group) {
                    Some((owner, id)) if *owner == position => Some(get_att(id, "GroupId")),
                    _ => None,
                })
                .collect();
            if !groups.is_empty() {
                body.insert("SecurityGroupIds", groups);
            }
            if endpoint_type == EndpointType::Interface {
                body.insert("PrivateDnsEnabled", endpoint.private_dns);
            }
            body.insert(
                "IpAddressType",
                Node::word(ip_address_type(endpoint.ip_address_type)),
            );
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
            self.add_resource(&id, "AWS::EC2::VPCEndpoint", body, &conditions, &[]);
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
}

fn dns_record_ip_type(record: DnsRecordIpType) -> &'static str {
    match record {
        DnsRecordIpType::Ipv4 => "ipv4",
        DnsRecordIpType::Dualstack => "dualstack",
        DnsRecordIpType::Ipv6 => "ipv6",
        DnsRecordIpType::ServiceDefined => "service-defined",
    }
}
