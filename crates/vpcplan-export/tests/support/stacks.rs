//! Templates and the order to deploy them in: a template's parameters and
//! outputs, and the export's deploy plan run step by step on the mock.

#![allow(dead_code)]

use super::*;

/// A template's parameters (and whether each has a default) and outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateInterface {
    pub parameters: BTreeMap<String, bool>,
    pub outputs: BTreeSet<String>,
}

/// Reads a YAML (or JSON) template's interface; panics when it does not
/// parse as YAML with a `Resources` mapping.
pub fn template_interface(template: &str) -> TemplateInterface {
    let document = parse_template(template);
    let keys = |section: &str| -> Vec<(String, yaml_serde::Value)> {
        document
            .get(section)
            .and_then(yaml_serde::Value::as_mapping)
            .map(|mapping| {
                mapping
                    .iter()
                    .filter_map(|(key, value)| Some((key.as_str()?.to_owned(), value.clone())))
                    .collect()
            })
            .unwrap_or_default()
    };
    TemplateInterface {
        parameters: keys("Parameters")
            .into_iter()
            .map(|(name, declaration)| (name, declaration.get("Default").is_some()))
            .collect(),
        outputs: keys("Outputs").into_iter().map(|(name, _)| name).collect(),
    }
}

/// A template parsed as YAML (CloudFormation's short tags such as `!Ref`
/// stay tagged values); panics when it does not parse or has no resources.
pub fn parse_template(template: &str) -> yaml_serde::Value {
    let document: yaml_serde::Value = yaml_serde::from_str(template)
        .unwrap_or_else(|error| panic!("the template is not YAML: {error}\n{template}"));
    assert!(
        document
            .get("Resources")
            .and_then(yaml_serde::Value::as_mapping)
            .is_some_and(|resources| !resources.is_empty()),
        "the template has no Resources:\n{template}"
    );
    document
}

/// A template to deploy as an account in a Region.
#[derive(Debug, Clone)]
pub struct StackPlan {
    pub template: PathBuf,
    pub stack_name: String,
    pub account: String,
    pub region: String,
    /// What the stack's IAM resources need acknowledged (`CAPABILITY_IAM` …).
    pub capabilities: Vec<String>,
}

/// Deploys the stacks in the order given, filling each parameter from the
/// output of the same name of a stack deployed before it (this is how the
/// exported templates hand ids across accounts and Regions). A parameter with
/// a default and no such output keeps its default; one with neither fails the
/// test. Stops at the first stack that does not reach `CREATE_COMPLETE` and
/// returns the stacks so far.
pub fn deploy_in_order(server: &MotoServer, plans: &[StackPlan]) -> Vec<Stack> {
    let mut outputs: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut stacks = Vec::new();
    for plan in plans {
        let body = fs::read_to_string(&plan.template).expect("reading the template");
        let interface = template_interface(&body);
        let mut parameters = Vec::new();
        for (name, has_default) in &interface.parameters {
            match outputs.get(name) {
                Some((value, _)) => parameters.push((name.clone(), value.clone())),
                None if *has_default => {}
                None => panic!(
                    "{}: parameter {name} has no default and no stack deployed before it \
                     has an output of that name (outputs so far: {:?})",
                    plan.template.display(),
                    outputs.keys().collect::<Vec<_>>()
                ),
            }
        }
        let stack = server.deploy_stack(
            &plan.template,
            &plan.stack_name,
            &plan.region,
            &plan.account,
            &parameters,
            &plan.capabilities,
        );
        let done = stack.status == "CREATE_COMPLETE";
        for (key, value) in &stack.outputs {
            if let Some((_, from)) = outputs.get(key) {
                panic!(
                    "output {key} of {} repeats the one of {from}: later stacks could not tell them apart",
                    plan.stack_name
                );
            }
            outputs.insert(key.clone(), (value.clone(), plan.stack_name.clone()));
        }
        stacks.push(stack);
        if !done {
            break;
        }
    }
    stacks
}

/// Deploys an export's stacks the way its `DEPLOY.md` says, from the same
/// plan as data: each step creates or updates its stack as its account in
/// its Region, with every parameter the step names taken from the output of
/// the stack it names (or, for a value only the user knows, its default),
/// and on an update every other parameter kept. `dir` holds `cloudformation/`.
/// Stops at the first step that does not complete and returns the stacks
/// after each step so far.
pub fn deploy_plan(server: &MotoServer, dir: &Path, plan: &DeployPlan) -> Vec<(DeployStep, Stack)> {
    deploy_plan_with_input(server, dir, plan, &|_, _| None)
}

/// [`deploy_plan`], with `input` giving the values only the user knows (by
/// parameter name and description) that have no default, as a user would.
pub fn deploy_plan_with_input(
    server: &MotoServer,
    dir: &Path,
    plan: &DeployPlan,
    input: &dyn Fn(&str, &str) -> Option<String>,
) -> Vec<(DeployStep, Stack)> {
    let mut outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut done = Vec::new();
    for step in &plan.steps {
        let template = dir.join(&step.template);
        let mut parameters = Vec::new();
        for parameter in &step.parameters {
            let value = match &parameter.value {
                ParameterValue::Output {
                    stack_name, output, ..
                } => outputs
                    .get(stack_name)
                    .and_then(|found| found.get(output))
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: parameter {} takes the output {output} of {stack_name}, which \
                             has no such output by then (outputs so far: {outputs:?})",
                            step.stack_name, parameter.name
                        )
                    })
                    .clone(),
                ParameterValue::UserInput {
                    default: Some(default),
                    ..
                } => default.clone(),
                ParameterValue::UserInput {
                    description,
                    default: None,
                } => input(&parameter.name, description).unwrap_or_else(|| panic!(
                    "{}: parameter {} is a value only the user knows and has no default: {description}",
                    step.stack_name, parameter.name
                )),
            };
            parameters.push(StackParameter::Value(parameter.name.clone(), value));
        }
        let stack = match step.action {
            StepAction::Create => {
                let values: Vec<(String, String)> = parameters
                    .into_iter()
                    .filter_map(|parameter| match parameter {
                        StackParameter::Value(key, value) => Some((key, value)),
                        StackParameter::Previous(_) => None,
                    })
                    .collect();
                server.deploy_stack(
                    &template,
                    &step.stack_name,
                    &step.region,
                    &step.account,
                    &values,
                    &step.capabilities,
                )
            }
            StepAction::Update => {
                let body = fs::read_to_string(&template).expect("reading the template");
                for name in template_interface(&body).parameters.into_keys() {
                    if !step.parameters.iter().any(|given| given.name == name) {
                        parameters.push(StackParameter::Previous(name));
                    }
                }
                server.update_stack(
                    &template,
                    &step.stack_name,
                    &step.region,
                    &step.account,
                    &parameters,
                    &step.capabilities,
                )
            }
        };
        let complete = stack.status.ends_with("_COMPLETE") && !stack.status.contains("ROLLBACK");
        outputs.insert(step.stack_name.clone(), stack.outputs.clone());
        done.push((step.clone(), stack));
        if !complete {
            break;
        }
    }
    done
}

/// The work DEPLOY.md lists after the stacks ("After the stacks"), done as
/// it says, with the ids from the stacks' outputs.
pub fn run_tasks_after_the_stacks(
    server: &MotoServer,
    plan: &DeployPlan,
    done: &[(DeployStep, Stack)],
) {
    let output = |stack_name: &str, key: &str| -> String {
        done.iter()
            .rev()
            .find(|(step, _)| step.stack_name == stack_name)
            .and_then(|(_, stack)| stack.outputs.get(key))
            .unwrap_or_else(|| panic!("the stack {stack_name} has no output {key}"))
            .clone()
    };
    for task in &plan.tasks {
        match task {
            ManualTask::AcceptEndpointConnection {
                provider_account,
                provider_region,
                provider_stack,
                service_id_output,
                consumer_stack,
                endpoint_output,
                ..
            } => {
                let answer = server.aws_as(
                    provider_account,
                    provider_region,
                    &[
                        "ec2",
                        "accept-vpc-endpoint-connections",
                        "--service-id",
                        &output(provider_stack, service_id_output),
                        "--vpc-endpoint-ids",
                        &output(consumer_stack, endpoint_output),
                    ],
                );
                assert_eq!(
                    answer["Unsuccessful"].as_array().map_or(0, Vec::len),
                    0,
                    "accepting the endpoint connection: {answer}"
                );
            }
            // The targets are the user's; the target group to register them
            // in is the stack's output, on the port the service listens on.
            ManualTask::RegisterTargets {
                port,
                account,
                region,
                stack,
                target_group_output,
                ..
            } => {
                let groups = server.aws_as(
                    account,
                    region,
                    &[
                        "elbv2",
                        "describe-target-groups",
                        "--target-group-arns",
                        &output(stack, target_group_output),
                    ],
                );
                assert_eq!(groups["TargetGroups"][0]["Port"], *port, "{groups}");
            }
            ManualTask::PeeringDns {
                requester_account,
                requester_region,
                requester_stack,
                peering_output,
                accepter_account,
                accepter_region,
                ..
            } => {
                let peering = output(requester_stack, peering_output);
                for (account, region, side) in [
                    (
                        requester_account,
                        requester_region,
                        "--requester-peering-connection-options",
                    ),
                    (
                        accepter_account,
                        accepter_region,
                        "--accepter-peering-connection-options",
                    ),
                ] {
                    server.aws_as(
                        account,
                        region,
                        &[
                            "ec2",
                            "modify-vpc-peering-connection-options",
                            "--vpc-peering-connection-id",
                            &peering,
                            side,
                            "AllowDnsResolutionFromRemoteVpc=true",
                        ],
                    );
                }
            }
        }
    }
}
