//! `create-vpc-endpoint` of the interface kinds (interface, Gateway Load
//! Balancer, resource and service-network endpoints), the security group made
//! for an endpoint designed without one, and the provider's acceptance.

use serde_json::Value;
use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{
    DnsRecordIpType, EndpointTarget, InterfaceEndpoint, IpAddressType, Link, LinkSpec, ServiceKind,
};

use super::Deploy;
use super::ip_address_type;
use crate::cli_script::shell::{AwsCall, Json, Word, escape_controls, quote};

impl Deploy<'_, '_> {
    pub(super) fn interface_endpoints(&mut self) {
        let links: Vec<&Link> = self.plan.design.links.iter().collect();
        let mut accept = Vec::new();
        for link in links {
            if let LinkSpec::InterfaceEndpoint(endpoint) = &link.spec
                && let Some(pending) = self.interface_endpoint(link, endpoint)
            {
                accept.push(pending);
            }
        }
        if accept.is_empty() {
            return;
        }
        self.section("Endpoint connections: the consumer's endpoint waits, the provider accepts");
        for Acceptance {
            provider_profile: profile,
            provider_region: region,
            service_var,
            endpoint_var,
            link,
            consumer_profile,
            consumer_region,
        } in accept
        {
            self.log("", format!("accepting the connection of endpoint {link}"));
            self.line(format!(
                "state=$(wait_endpoint {} {} {})",
                consumer_profile.render(),
                quote(&consumer_region),
                Word::var(&endpoint_var).render()
            ));
            self.line("if [[ ${state,,} == pendingacceptance ]]; then");
            let call = AwsCall::ec2("accept-vpc-endpoint-connections", profile, &region)
                .arg("--service-id", Word::var(&service_var))
                .arg("--vpc-endpoint-ids", Word::var(&endpoint_var))
                .query("Unsuccessful[].Error.Message");
            self.line(format!(
                "    {}",
                call.capture("failed").replace('\n', "\n    ")
            ));
            self.line(format!(
                "    [[ -z $failed || $failed == None ]] || die \"could not accept endpoint ${endpoint_var}: $failed\""
            ));
            self.line("fi");
        }
    }

    /// Creates one interface (or GWLB, resource, service-network) endpoint;
    /// returns what the provider must accept, if anything.
    fn interface_endpoint(
        &mut self,
        link: &Link,
        endpoint: &InterfaceEndpoint,
    ) -> Option<Acceptance> {
        let plan = self.plan;
        let (Some(vpc), Some(link_plan)) =
            (plan.exported_vpc(&endpoint.vpc), plan.links.get(&link.id))
        else {
            self.note(format!("endpoint {}: its VPC is not created here", link.id));
            return None;
        };
        let vpc_plan = plan.vpcs.get(&vpc.id)?;
        let profile = plan.profile(&vpc.account);
        let var = link_plan.var.clone();

        // What the endpoint connects to.
        let mut accept = None;
        let (endpoint_type, service_name, service_region, port) = match &endpoint.target {
            EndpointTarget::Service(service_id)
            | EndpointTarget::GatewayLoadBalancer(service_id) => {
                let gwlb = matches!(endpoint.target, EndpointTarget::GatewayLoadBalancer(_));
                let endpoint_type = if gwlb {
                    "GatewayLoadBalancer"
                } else {
                    "Interface"
                };
                let Some(service) = plan.design.service(service_id) else {
                    self.note(format!(
                        "endpoint {}: service {service_id} is not in the design",
                        link.id
                    ));
                    return None;
                };
                match &service.kind {
                    ServiceKind::Aws { service: suffix } => {
                        let region = endpoint
                            .service_region
                            .clone()
                            .unwrap_or_else(|| vpc.region.clone());
                        let name = endpoint.service_name.clone().unwrap_or_else(|| {
                            aws_service(suffix)
                                .map(|known| known.service_name(&region))
                                .unwrap_or_else(|| format!("com.amazonaws.{region}.{suffix}"))
                        });
                        let port = aws_service(suffix).map_or(443, |known| known.port);
                        let cross = (region != vpc.region).then_some(region);
                        (endpoint_type, ServiceName::Text(name), cross, port)
                    }
                    ServiceKind::EndpointService(endpoint_service) => {
                        let (Some(service_plan), Some(provider)) = (
                            plan.services.get(service_id),
                            plan.exported_vpc(&endpoint_service.provider_vpc),
                        ) else {
                            self.note(format!(
                                "endpoint {}: endpoint service \"{}\" is not created here",
                                link.id, service.name
                            ));
                            return None;
                        };
                        if endpoint_service.acceptance_required {
                            accept = Some(Acceptance {
                                provider_profile: plan.profile(&provider.account),
                                provider_region: provider.region.clone(),
                                service_var: service_plan.id_var.clone(),
                                endpoint_var: var.clone(),
                                link: link.id.to_string(),
                                consumer_profile: profile.clone(),
                                consumer_region: vpc.region.clone(),
                            });
                        }
                        let cross =
                            (provider.region != vpc.region).then(|| provider.region.clone());
                        (
                            endpoint_type,
                            ServiceName::Var(service_plan.name_var.clone()),
                            cross,
                            endpoint_service.port,
                        )
                    }
                }
            }
            EndpointTarget::Resource {
                configuration_arn: Some(arn),
            } => ("Resource", ServiceName::Resource(arn.clone()), None, 0),
            EndpointTarget::ServiceNetwork { arn: Some(arn) } => {
                ("ServiceNetwork", ServiceName::Network(arn.clone()), None, 0)
            }
            EndpointTarget::Resource {
                configuration_arn: None,
            }
            | EndpointTarget::ServiceNetwork { arn: None } => {
                self.note(format!(
                    "endpoint {}: no ARN for its VPC Lattice target",
                    link.id
                ));
                return None;
            }
        };

        self.section(&format!(
            "{endpoint_type} endpoint {} in \"{}\"",
            escape_controls(&link.id.0),
            escape_controls(&vpc.name)
        ));

        // Its security groups: the design's, or a generated one that lets the
        // consumer VPC reach the service port.
        let mut groups: Vec<Word> = endpoint
            .security_groups
            .iter()
            .filter(|group| vpc.security_groups.iter().any(|own| &own.id == *group))
            .filter_map(|group| plan.security_groups.get(group))
            .map(|group| Word::var(&group.var))
            .collect();
        if let Some(generated) = plan.endpoint_security_groups.get(&link.id)
            && endpoint_type == "Interface"
        {
            let (group_var, group_key) = (generated.var.clone(), generated.key.clone());
            let name = format!("{} endpoint", link.id);
            self.create_group(vpc, &name, &name, &group_var, &group_key);
            let mut ranges = vec![(
                "IpRanges",
                Json::Array(
                    vpc.ipv4_cidrs
                        .iter()
                        .map(|cidr| Json::Object(vec![("CidrIp", Json::string(cidr.to_string()))]))
                        .collect(),
                ),
            )];
            if endpoint.ip_address_type != IpAddressType::Ipv4 && !vpc.ipv6_cidrs.is_empty() {
                ranges.push((
                    "Ipv6Ranges",
                    Json::Array(
                        vpc_plan
                            .ipv6_vars
                            .iter()
                            .map(|block| {
                                Json::Object(vec![("CidrIpv6", Json::Runtime(Word::var(block)))])
                            })
                            .collect(),
                    ),
                ));
            }
            let mut permission = vec![
                ("IpProtocol", Json::str("tcp")),
                ("FromPort", Json::Value(Value::from(port))),
                ("ToPort", Json::Value(Value::from(port))),
            ];
            permission.extend(ranges);
            self.line(
                AwsCall::ec2(
                    "authorize-security-group-ingress",
                    profile.clone(),
                    &vpc.region,
                )
                .arg("--group-id", Word::var(&group_var))
                .arg(
                    "--ip-permissions",
                    Json::Array(vec![Json::Object(permission)]).to_word(),
                )
                .run(),
            );
            groups.push(Word::var(&group_var));
        }

        let subnets: Vec<Word> = endpoint
            .subnets
            .iter()
            .filter(|subnet| vpc.subnets.iter().any(|own| &own.id == *subnet))
            .filter_map(|subnet| plan.subnets.get(subnet))
            .map(|subnet| Word::var(&subnet.var))
            .collect();

        self.log("", format!("creating endpoint {}", link.id));
        let mut call = AwsCall::ec2("create-vpc-endpoint", profile, &vpc.region)
            .arg("--vpc-endpoint-type", Word::lit(endpoint_type))
            .arg("--vpc-id", Word::var(&vpc_plan.var));
        call = match service_name {
            ServiceName::Text(name) => call.text("--service-name", "ServiceName", &name),
            ServiceName::Var(name_var) => call.arg("--service-name", Word::var(&name_var)),
            ServiceName::Resource(arn) => call.text(
                "--resource-configuration-arn",
                "ResourceConfigurationArn",
                &arn,
            ),
            ServiceName::Network(arn) => {
                call.text("--service-network-arn", "ServiceNetworkArn", &arn)
            }
        };
        if let Some(region) = &service_region {
            call = call.text("--service-region", "ServiceRegion", region);
        }
        if !subnets.is_empty() {
            let subnets = if endpoint_type == "GatewayLoadBalancer" {
                subnets.into_iter().take(1).collect()
            } else {
                subnets
            };
            call = call.args("--subnet-ids", subnets);
        }
        if !groups.is_empty() && endpoint_type != "GatewayLoadBalancer" {
            call = call.args("--security-group-ids", groups);
        }
        if endpoint_type == "Interface" {
            call = call.flag(if endpoint.private_dns {
                "--private-dns-enabled"
            } else {
                "--no-private-dns-enabled"
            });
        }
        call = call.arg(
            "--ip-address-type",
            Word::lit(ip_address_type(endpoint.ip_address_type)),
        );
        if let Some(record_type) = endpoint.dns_record_ip_type {
            call = call.arg(
                "--dns-options",
                Word::lit(format!(
                    "DnsRecordIpType={}",
                    match record_type {
                        DnsRecordIpType::Ipv4 => "ipv4",
                        DnsRecordIpType::Dualstack => "dualstack",
                        DnsRecordIpType::Ipv6 => "ipv6",
                        DnsRecordIpType::ServiceDefined => "service-defined",
                    }
                )),
            );
        }
        if let Some(policy) = &endpoint.policy {
            call = call.text("--policy-document", "PolicyDocument", policy);
        }
        call = call
            .arg(
                "--tag-specifications",
                self.tag_specifications("vpc-endpoint", &link.id.0, &link_plan.key),
            )
            .query("VpcEndpoint.VpcEndpointId");
        self.line(call.capture_id(&var));
        self.created.push(var);
        accept
    }
}

/// An endpoint whose connection the provider must accept.
struct Acceptance {
    provider_profile: Word,
    provider_region: String,
    service_var: String,
    endpoint_var: String,
    link: String,
    consumer_profile: Word,
    consumer_region: String,
}

enum ServiceName {
    Text(String),
    Var(String),
    Resource(String),
    Network(String),
}
