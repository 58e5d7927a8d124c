//! `create-vpc-endpoint` of the interface kinds (interface, Gateway Load
//! Balancer, resource and service-network endpoints), with the settings both
//! exports share (`shared::endpoints`), and the provider's acceptance.

use vpcplan_core::design::{DnsRecordIpType, InterfaceEndpoint, Link, LinkSpec};

use super::Deploy;
use super::ip_address_type;
use crate::cli_script::shell::{AwsCall, Word, escape_controls, quote};
use crate::shared::endpoints::{EndpointType, Target, endpoint_settings};

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
                .arg_var("--service-id", &service_var)
                .arg_var("--vpc-endpoint-ids", &endpoint_var)
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
        let settings = match endpoint_settings(plan.design, vpc, link, endpoint) {
            Ok(settings) => settings,
            Err(note) => {
                self.note(note);
                return None;
            }
        };
        let endpoint_type = settings.endpoint_type;

        // What the endpoint connects to.
        let mut accept = None;
        let service_name = match &settings.target {
            Target::AwsService { name, .. } => ServiceName::Text(name.clone()),
            Target::EndpointService { service, settings } => {
                let (Some(service_plan), Some(provider)) = (
                    plan.services.get(&service.id),
                    plan.exported_vpc(&settings.provider_vpc),
                ) else {
                    self.note(format!(
                        "Endpoint {} is not exported: endpoint service \"{}\" is not created here.",
                        link.id, service.name
                    ));
                    return None;
                };
                if settings.acceptance_required {
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
                ServiceName::Var(service_plan.name_var.clone())
            }
            Target::Resource(arn) => ServiceName::Resource((*arn).to_owned()),
            Target::ServiceNetwork(arn) => ServiceName::Network((*arn).to_owned()),
        };
        for note in &settings.notes {
            self.note(note.clone());
        }

        self.section(&format!(
            "{} endpoint {} in \"{}\"",
            endpoint_type.aws_name(),
            escape_controls(&link.id.0),
            escape_controls(&vpc.name)
        ));

        // No groups given: AWS attaches the VPC's default group
        // (`shared::endpoints`).
        let groups: Vec<Word> = settings
            .security_groups
            .iter()
            .filter_map(|group| plan.security_groups.get(*group))
            .map(|group| Word::var(&group.var))
            .collect();
        let subnets: Vec<Word> = settings
            .subnets
            .iter()
            .filter_map(|subnet| plan.subnets.get(*subnet))
            .map(|subnet| Word::var(&subnet.var))
            .collect();

        self.log("", format!("creating endpoint {}", link.id));
        let mut call = AwsCall::ec2("create-vpc-endpoint", profile, &vpc.region)
            .arg("--vpc-endpoint-type", Word::lit(endpoint_type.aws_name()))
            .arg_var("--vpc-id", &vpc_plan.var);
        call = match service_name {
            ServiceName::Text(name) => call.text("--service-name", "ServiceName", &name),
            ServiceName::Var(name_var) => call.arg_var("--service-name", &name_var),
            ServiceName::Resource(arn) => call.text(
                "--resource-configuration-arn",
                "ResourceConfigurationArn",
                &arn,
            ),
            ServiceName::Network(arn) => {
                call.text("--service-network-arn", "ServiceNetworkArn", &arn)
            }
        };
        if let Some(region) = &settings.service_region {
            call = call.text("--service-region", "ServiceRegion", region);
        }
        if !subnets.is_empty() {
            call = call.args("--subnet-ids", subnets);
        }
        if !groups.is_empty() {
            call = call.args("--security-group-ids", groups);
        }
        if endpoint_type == EndpointType::Interface {
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
                self.tag_specifications(
                    "vpc-endpoint",
                    &settings.name(),
                    &link.id.0,
                    &link_plan.key,
                ),
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
