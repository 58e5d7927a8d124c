//! The deploy order of the generated stacks, as data and as `DEPLOY.md`
//! (`markdown`).

mod language;
mod markdown;

pub(crate) use markdown::markdown;

use vpcplan_core::collections::sorted_order;

use super::plan::{Ctx, Source};
use super::stack::{BuiltStack, ImportedParameter};

/// Templates above this size cannot be passed inline and must go through S3.
pub const INLINE_TEMPLATE_MAX_BYTES: usize = 51_200;

/// How to deploy the exported stacks, step by step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployPlan {
    pub steps: Vec<DeployStep>,
    /// Work after the stacks, outside CloudFormation.
    pub tasks: Vec<ManualTask>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAction {
    Create,
    /// Update the stack created earlier with the same template, passing
    /// parameters that were left empty at creation.
    Update,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployStep {
    pub action: StepAction,
    pub stack_name: String,
    /// Path of the template, relative to the export directory.
    pub template: String,
    pub account: String,
    pub region: String,
    /// `CAPABILITY_NAMED_IAM` for the stacks that create peering accepter
    /// roles.
    pub capabilities: Vec<String>,
    pub parameters: Vec<StepParameter>,
    /// The step passes peering ids: run it once those peerings are active.
    pub after_peering: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepParameter {
    pub name: String,
    pub value: ParameterValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterValue {
    /// An output of a stack deployed earlier.
    Output {
        stack_name: String,
        account: String,
        region: String,
        output: String,
    },
    /// A value only the user knows (a load balancer ARN, a prefix list id).
    UserInput {
        description: String,
        default: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManualTask {
    /// The provider accepts an interface endpoint's connection request.
    AcceptEndpointConnection {
        service_name: String,
        provider_account: String,
        provider_region: String,
        provider_stack: String,
        service_id_output: String,
        consumer_account: String,
        consumer_region: String,
        consumer_stack: String,
        endpoint_output: String,
    },
    /// The provider registers the targets of the target group the stack
    /// created for an endpoint service's new load balancer.
    RegisterTargets {
        service_name: String,
        load_balancer_name: String,
        port: u16,
        account: String,
        region: String,
        stack: String,
        target_group_output: String,
    },
    /// Each side turns on DNS resolution over a peering (CloudFormation
    /// cannot set it).
    PeeringDns {
        requester_name: String,
        accepter_name: String,
        requester_account: String,
        requester_region: String,
        requester_stack: String,
        peering_output: String,
        accepter_account: String,
        accepter_region: String,
    },
}

pub(crate) fn plan(
    ctx: &Ctx<'_>,
    built: &[BuiltStack],
    position: &[usize],
    extension: &str,
) -> DeployPlan {
    let mut steps = Vec::new();
    let order = sorted_order(ctx.stacks.len(), |a, b| position[a].cmp(&position[b]));
    let resolve = |parameter: &ImportedParameter| -> ParameterValue {
        match parameter.source {
            Source::Stack(from) => match built[from].exports.get(&parameter.import) {
                Some(export) => ParameterValue::Output {
                    stack_name: ctx.stacks[from].stack_name.clone(),
                    account: ctx.stacks[from].account.clone(),
                    region: ctx.stacks[from].region.clone(),
                    output: export.output.clone(),
                },
                None => ParameterValue::UserInput {
                    description: parameter.description.clone(),
                    default: None,
                },
            },
            Source::User => ParameterValue::UserInput {
                description: parameter.description.clone(),
                default: parameter.default.clone(),
            },
        }
    };
    // A deferred value is ready after every stack exists, unless the output
    // it comes from is itself conditional (a peering created by an update).
    let second_round = |parameter: &ImportedParameter| match parameter.source {
        Source::Stack(from) => built[from]
            .exports
            .get(&parameter.import)
            .is_some_and(|export| export.conditional),
        _ => false,
    };
    let step = |stack: usize, action, parameters: Vec<&ImportedParameter>| DeployStep {
        action,
        stack_name: ctx.stacks[stack].stack_name.clone(),
        template: format!("cloudformation/{}.{extension}", ctx.stacks[stack].file_stem),
        account: ctx.stacks[stack].account.clone(),
        region: ctx.stacks[stack].region.clone(),
        capabilities: if built[stack].iam {
            vec!["CAPABILITY_NAMED_IAM".to_owned()]
        } else {
            Vec::new()
        },
        after_peering: parameters
            .iter()
            .any(|parameter| matches!(parameter.import, super::plan::Import::PeeringId(_))),
        parameters: parameters
            .into_iter()
            .map(|parameter| StepParameter {
                name: parameter.name.clone(),
                value: resolve(parameter),
            })
            .collect(),
    };
    for &stack in &order {
        let parameters = built[stack]
            .imports
            .iter()
            .filter(|parameter| !parameter.deferred)
            .collect();
        steps.push(step(stack, StepAction::Create, parameters));
    }
    for round in [false, true] {
        for &stack in &order {
            let parameters: Vec<&ImportedParameter> = built[stack]
                .imports
                .iter()
                .filter(|parameter| parameter.deferred && second_round(parameter) == round)
                .collect();
            if !parameters.is_empty() {
                steps.push(step(stack, StepAction::Update, parameters));
            }
        }
    }
    let mut tasks = Vec::new();
    for (stack, stack_built) in built.iter().enumerate() {
        for group in &stack_built.target_groups {
            tasks.push(ManualTask::RegisterTargets {
                service_name: group.service_name.clone(),
                load_balancer_name: group.balancer_name.clone(),
                port: group.port,
                account: ctx.stacks[stack].account.clone(),
                region: ctx.stacks[stack].region.clone(),
                stack: ctx.stacks[stack].stack_name.clone(),
                target_group_output: group.output.clone(),
            });
        }
        for acceptance in &stack_built.acceptances {
            let service = &ctx.design.services[acceptance.service];
            let provider = match &service.kind {
                vpcplan_core::design::ServiceKind::EndpointService(provided) => {
                    ctx.stack_of_vpc(&provided.provider_vpc)
                }
                _ => None,
            };
            let Some(provider) = provider else {
                continue;
            };
            let Some(service_id_output) =
                built[provider].service_id_outputs.get(&acceptance.service)
            else {
                continue;
            };
            tasks.push(ManualTask::AcceptEndpointConnection {
                service_name: acceptance.service_name.clone(),
                provider_account: ctx.stacks[provider].account.clone(),
                provider_region: ctx.stacks[provider].region.clone(),
                provider_stack: ctx.stacks[provider].stack_name.clone(),
                service_id_output: service_id_output.clone(),
                consumer_account: ctx.stacks[stack].account.clone(),
                consumer_region: ctx.stacks[stack].region.clone(),
                consumer_stack: ctx.stacks[stack].stack_name.clone(),
                endpoint_output: acceptance.endpoint_output.clone(),
            });
        }
        for dns in &stack_built.peering_dns {
            let Some((_, peering)) = ctx.peering(&dns.link) else {
                continue;
            };
            let Some((_, accepter)) = ctx.vpc(&peering.accepter) else {
                continue;
            };
            tasks.push(ManualTask::PeeringDns {
                requester_name: dns.requester_name.clone(),
                accepter_name: dns.accepter_name.clone(),
                requester_account: ctx.stacks[stack].account.clone(),
                requester_region: ctx.stacks[stack].region.clone(),
                requester_stack: ctx.stacks[stack].stack_name.clone(),
                peering_output: dns.output.clone(),
                accepter_account: accepter.account.to_string(),
                accepter_region: accepter.region.clone(),
            });
        }
    }
    DeployPlan { steps, tasks }
}
