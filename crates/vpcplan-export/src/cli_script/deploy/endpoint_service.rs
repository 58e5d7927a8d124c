//! `create-vpc-endpoint-service-configuration` (a provider's PrivateLink
//! service), its permissions, the internal network load balancer the script
//! creates for a service whose NLB the design names by name (with its
//! listener and target group), and the ARNs of the load balancers the user
//! already has, which the script asks for (`crate::load_balancer` decides
//! which is which).

use vpcplan_core::design::{IpFamily, Service, ServiceKind, Vpc};

use super::Deploy;
use crate::cli_script::header::log_text;
use crate::cli_script::shell::{AwsCall, Word, escape_controls};
use crate::cli_script::{CreatedNlbPlan, ServicePlan, fnv1a};
use crate::load_balancer::{self, Balancer, CreatedNlb};

impl<'p, 'a> Deploy<'p, 'a> {
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
            for (i, created_plan) in &service_plan.created_nlbs {
                let balancer = &endpoint_service.network_load_balancers[*i];
                if let Balancer::Created(created) =
                    load_balancer::network(balancer, endpoint_service, provider)
                {
                    self.created_nlb(
                        service,
                        provider,
                        service_plan,
                        *i,
                        created_plan,
                        &balancer.name,
                        &created,
                    );
                }
            }
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

    /// `create-load-balancer` (internal, network, in the provider's
    /// designed subnets), its target group, and a TCP listener on the
    /// service's port forwarding to it. The target group's targets are the
    /// user's (the header says so).
    #[allow(clippy::too_many_arguments)]
    fn created_nlb(
        &mut self,
        service: &Service,
        provider: &Vpc,
        service_plan: &ServicePlan,
        index: usize,
        created_plan: &CreatedNlbPlan,
        designed_name: &str,
        created: &CreatedNlb<'_>,
    ) {
        let plan = self.plan;
        let profile = plan.profile(&provider.account);
        let label = if designed_name.is_empty() {
            service.name.as_str()
        } else {
            designed_name
        };
        let nlb_var = &service_plan.nlb_vars[index];
        let name = created.name.map_or_else(
            || format!("vpcplan-{:016x}", fnv1a(&created_plan.key)),
            str::to_owned,
        );
        self.log(
            "",
            format!(
                "creating load balancer \"{label}\" for endpoint service \"{}\"",
                service.name
            ),
        );
        let subnets: Vec<Word> = created
            .subnets
            .iter()
            .filter_map(|subnet| plan.subnets.get(&subnet.id))
            .map(|subnet_plan| Word::var(&subnet_plan.var))
            .collect();
        let mut call = AwsCall::with_region_word(
            "elbv2",
            "create-load-balancer",
            profile.clone(),
            Word::lit(&provider.region),
        )
        .arg("--name", Word::lit(&name))
        .arg("--type", Word::lit("network"))
        .arg("--scheme", Word::lit("internal"))
        .args("--subnets", subnets);
        if created.dualstack {
            call = call.arg("--ip-address-type", Word::lit("dualstack"));
        }
        call = call
            .arg(
                "--tags",
                self.tags(label, service.id.as_str(), &created_plan.key)
                    .to_word(),
            )
            .query("LoadBalancers[0].LoadBalancerArn");
        self.line(call.capture_id(nlb_var));
        self.line(
            AwsCall::with_region_word(
                "elbv2",
                "wait load-balancer-available",
                profile.clone(),
                Word::lit(&provider.region),
            )
            .arg_var("--load-balancer-arns", nlb_var)
            .run(),
        );
        self.created.push(nlb_var.clone());
        let (Some(port), Some(vpc_plan)) = (created.port, plan.vpcs.get(&provider.id)) else {
            self.note(format!(
                "a listener for load balancer \"{label}\" of endpoint service \"{}\": the design gives the service no port",
                service.name
            ));
            return;
        };
        let target_group_var = &created_plan.target_group_var;
        self.line(
            AwsCall::with_region_word(
                "elbv2",
                "create-target-group",
                profile.clone(),
                Word::lit(&provider.region),
            )
            .arg(
                "--name",
                Word::lit(format!(
                    "vpcplan-{:016x}",
                    fnv1a(&created_plan.target_group_key)
                )),
            )
            .arg("--protocol", Word::lit("TCP"))
            .arg("--port", Word::lit(port.to_string()))
            .arg_var("--vpc-id", &vpc_plan.var)
            .arg(
                "--tags",
                self.tags(label, service.id.as_str(), &created_plan.target_group_key)
                    .to_word(),
            )
            .query("TargetGroups[0].TargetGroupArn")
            .capture_id(target_group_var),
        );
        let mut forward = Word::lit("Type=forward,TargetGroupArn=");
        forward.push(Word::var(target_group_var));
        self.line(
            AwsCall::with_region_word(
                "elbv2",
                "create-listener",
                profile,
                Word::lit(&provider.region),
            )
            .arg_var("--load-balancer-arn", nlb_var)
            .arg("--protocol", Word::lit("TCP"))
            .arg("--port", Word::lit(port.to_string()))
            .arg("--default-actions", forward)
            .run(),
        );
        self.created.push(target_group_var.clone());
        self.notes.push(format!(
            "targets for load balancer \"{label}\" of endpoint service \"{}\": register the instances that serve TCP port {port} in the target group printed as {target_group_var} (aws elbv2 register-targets)",
            service.name
        ));
        self.notes.push(format!(
            "エンドポイントサービス「{}」のロードバランサー「{label}」のターゲット: TCP ポート {port} でサービスを提供するインスタンスを、{target_group_var} として表示されるターゲットグループに登録してください（aws elbv2 register-targets）",
            service.name
        ));
    }

    /// The lines that check the ARNs of the load balancers the user already
    /// has: required, with no default (a designed ARN is often a placeholder).
    pub(super) fn load_balancer_settings(&self) -> String {
        let mut lines = String::new();
        for (_, balancer, var, _) in self.existing_load_balancers() {
            lines.push_str(&format!(
                "[[ -n ${{{var}:-}} ]] || {{ printf 'vpcplan: ERROR: set %s to the ARN of the existing load balancer %s\\n' {var} {} >&2; exit 1; }}\n",
                log_text(balancer)
            ));
        }
        lines
    }

    /// The environment lines of the header for those ARNs.
    pub(super) fn load_balancer_environment(&self) -> Vec<(String, String)> {
        self.existing_load_balancers()
            .into_iter()
            .map(|(service, balancer, var, kind)| {
                (
                    var.to_owned(),
                    format!(
                        "ARN of the existing {kind} load balancer \"{balancer}\" of endpoint service \"{}\" (required)",
                        service.name
                    ),
                )
            })
            .collect()
    }

    /// The load balancers of exported endpoint services that the user
    /// already has: the service, the designed name or ARN, the variable
    /// and the kind.
    fn existing_load_balancers(&self) -> Vec<(&'a Service, &'a str, &'p str, &'static str)> {
        let mut found = Vec::new();
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
            for (i, (balancer, var)) in endpoint_service
                .network_load_balancers
                .iter()
                .zip(&service_plan.nlb_vars)
                .enumerate()
            {
                if !service_plan
                    .created_nlbs
                    .iter()
                    .any(|(created, _)| *created == i)
                {
                    found.push((service, balancer.name.as_str(), var.as_str(), "network"));
                }
            }
            for (balancer, var) in endpoint_service
                .gateway_load_balancers
                .iter()
                .zip(&service_plan.gwlb_vars)
            {
                found.push((service, balancer.name.as_str(), var.as_str(), "gateway"));
            }
        }
        found
    }
}
