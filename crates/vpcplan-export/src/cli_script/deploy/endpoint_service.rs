//! `create-vpc-endpoint-service-configuration` (a provider's PrivateLink
//! service), its permissions, and the load balancer ARNs the script asks for.

use vpcplan_core::design::{IpFamily, ServiceKind};

use super::Deploy;
use super::looks_like_arn;
use crate::cli_script::header::log_text;
use crate::cli_script::shell::{AwsCall, Word, escape_controls, quote};

impl Deploy<'_, '_> {
    pub(super) fn endpoint_services(&mut self) {
        let plan = self.plan;
        for service in &plan.design.services {
            let (ServiceKind::EndpointService(endpoint_service), Some(service_plan)) =
                (&service.kind, plan.services.get(&service.id))
            else {
                continue;
            };
            let Some(provider) = plan.exported_vpc(&endpoint_service.provider_vpc) else {
                self.note(format!(
                    "endpoint service \"{}\": its provider VPC is not created here",
                    service.name
                ));
                continue;
            };
            if service_plan.nlb_vars.is_empty() && service_plan.gwlb_vars.is_empty() {
                self.note(format!(
                    "endpoint service \"{}\" has no load balancer",
                    service.name
                ));
                continue;
            }
            let profile = plan.profile(&provider.account);
            self.section(&format!(
                "Endpoint service {} (provider account {}, {})",
                escape_controls(&service.name),
                escape_controls(&provider.account.0),
                escape_controls(&provider.region)
            ));
            self.log(
                "",
                format!("creating endpoint service \"{}\"", service.name),
            );
            let mut call = AwsCall::ec2(
                "create-vpc-endpoint-service-configuration",
                profile.clone(),
                &provider.region,
            );
            if !service_plan.nlb_vars.is_empty() {
                call = call.args(
                    "--network-load-balancer-arns",
                    service_plan
                        .nlb_vars
                        .iter()
                        .map(|var| Word::var(var))
                        .collect(),
                );
            }
            if !service_plan.gwlb_vars.is_empty() {
                call = call.args(
                    "--gateway-load-balancer-arns",
                    service_plan
                        .gwlb_vars
                        .iter()
                        .map(|var| Word::var(var))
                        .collect(),
                );
            }
            call = call.flag(if endpoint_service.acceptance_required {
                "--acceptance-required"
            } else {
                "--no-acceptance-required"
            });
            if !endpoint_service.supported_ip_address_types.is_empty() {
                call = call.args(
                    "--supported-ip-address-types",
                    endpoint_service
                        .supported_ip_address_types
                        .iter()
                        .map(|family| {
                            Word::lit(match family {
                                IpFamily::Ipv4 => "ipv4",
                                IpFamily::Ipv6 => "ipv6",
                            })
                        })
                        .collect(),
                );
            }
            call = call
                .texts(
                    "--supported-regions",
                    "SupportedRegions",
                    &endpoint_service.supported_regions,
                )
                .arg(
                    "--tag-specifications",
                    self.tag_specifications(
                        "vpc-endpoint-service",
                        &service.name,
                        &service.id.0,
                        &service_plan.key,
                    ),
                )
                .query("ServiceConfiguration.[ServiceId, ServiceName]");
            self.line(call.capture("created"));
            self.line(format!(
                "read -r {id} {name} <<<\"$created\"\nneed {id} \"${{{id}}}\"\nneed {name} \"${{{name}}}\"",
                id = service_plan.id_var,
                name = service_plan.name_var
            ));
            self.created.push(service_plan.id_var.clone());
            self.created.push(service_plan.name_var.clone());
            if !endpoint_service.allowed_principals.is_empty() {
                self.line(
                    AwsCall::ec2(
                        "modify-vpc-endpoint-service-permissions",
                        profile,
                        &provider.region,
                    )
                    .arg_var("--service-id", &service_plan.id_var)
                    .texts(
                        "--add-allowed-principals",
                        "AddAllowedPrincipals",
                        &endpoint_service.allowed_principals,
                    )
                    .run(),
                );
            }
        }
    }

    pub(super) fn load_balancer_settings(&self) -> String {
        let mut lines = String::new();
        for service in &self.plan.design.services {
            let (ServiceKind::EndpointService(endpoint_service), Some(service_plan)) =
                (&service.kind, self.plan.services.get(&service.id))
            else {
                continue;
            };
            if self
                .plan
                .exported_vpc(&endpoint_service.provider_vpc)
                .is_none()
            {
                continue;
            }
            let balancers = endpoint_service
                .network_load_balancers
                .iter()
                .zip(&service_plan.nlb_vars)
                .chain(
                    endpoint_service
                        .gateway_load_balancers
                        .iter()
                        .zip(&service_plan.gwlb_vars),
                );
            for (balancer, var) in balancers {
                if looks_like_arn(&balancer.name) {
                    lines.push_str(&format!("{var}=${{{var}:-{}}}\n", quote(&balancer.name)));
                } else {
                    lines.push_str(&format!(
                        "[[ -n ${{{var}:-}} ]] || {{ printf 'vpcplan: ERROR: set %s to the ARN of load balancer %s\\n' {var} {} >&2; exit 1; }}\n",
                        log_text(&balancer.name)
                    ));
                }
            }
        }
        lines
    }
}
