//! The checks each fixture's tests run: the linters, the CLI deploy and
//! teardown, the CloudFormation deploy in DEPLOY.md's order, and refusing
//! designs with errors unless they are allowed.

use super::*;

pub(crate) fn check_cloudformation_lints_clean(name: &str, allow_errors: bool) {
    let design = fixture(name);
    // Both formats' templates, by the Region they are deployed in: cfn-lint
    // checks each against that Region's schemas, in one run per Region (it
    // takes seconds to start, so not one run per template).
    let mut by_region: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut dirs = Vec::new();
    for (format, extension) in [
        (TemplateFormat::Yaml, "yaml"),
        (TemplateFormat::Json, "json"),
    ] {
        let export = cloudformation_export(&design, format, allow_errors);
        let (dir, paths) = write_export(&export.files);
        let templates = templates(&paths, extension);
        let regions = template_regions(&export.plan);

        // One template per account and Region with VPCs (a VPC that accepts
        // peerings from other accounts has its accepter role in its own
        // stack), and no other.
        let names: BTreeSet<String> = templates
            .iter()
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let places = places(&design);
        for (account, region) in &places {
            assert!(
                names
                    .iter()
                    .any(|file| names_place(file, account, region, extension)),
                "{name}: no template for {account} in {region}: {names:?}"
            );
        }
        for file in &names {
            assert!(
                places
                    .iter()
                    .any(|(account, region)| names_place(file, account, region, extension)),
                "{name}: {file} is the template of no account and Region"
            );
        }
        assert!(
            paths
                .iter()
                .any(|path| path.ends_with("cloudformation/DEPLOY.md")),
            "{name}: no DEPLOY.md"
        );

        for template in templates {
            let relative = template
                .strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let region = regions.get(&relative).unwrap_or_else(|| {
                panic!("{name}: the deploy plan never deploys {relative}: {regions:?}")
            });
            by_region.entry(region.clone()).or_default().push(template);
        }
        dirs.push(dir);
    }
    for (region, templates) in &by_region {
        let files: Vec<&Path> = templates.iter().map(PathBuf::as_path).collect();
        let findings = cfn_lint(&files, &[region]);
        let serious: Vec<_> = findings
            .iter()
            .filter(|finding| finding.is_error_or_warning())
            .cloned()
            .collect();
        assert!(
            serious.is_empty(),
            "{name}: cfn-lint on the templates for {region}:\n{}",
            show(&serious)
        );
    }
}

pub(crate) fn check_cli_scripts_pass_shellcheck(name: &str, allow_errors: bool) {
    let design = fixture(name);
    let files = cli_files(&design, allow_errors);
    let (_dir, paths) = write_export(&files);
    let scripts: Vec<&Path> = ["cli/deploy.sh", "cli/teardown.sh", "cli/verify.sh"]
        .iter()
        .map(|wanted| {
            paths
                .iter()
                .find(|path| path.ends_with(wanted))
                .unwrap_or_else(|| panic!("{name}: no {wanted} in {paths:?}"))
                .as_path()
        })
        .collect();
    let findings = shellcheck(&scripts);
    assert!(
        findings.is_empty(),
        "{name}: shellcheck:\n{}",
        show(&findings)
    );
}

pub(crate) fn check_cli_deploy_and_teardown(name: &str) {
    let design = fixture(name);
    let files = cli_files(&design, false);
    let (dir, _) = write_export(&files);
    let cli = dir.path().join("cli");
    for script in ["deploy.sh", "teardown.sh"] {
        assert!(
            cli.join(script).is_file(),
            "{name}: the export has no cli/{script}"
        );
    }
    let server = start_mock(&design);
    let existing = create_existing_load_balancers(&design, &server);
    let environment = cli_environment(
        &fs::read_to_string(cli.join("deploy.sh")).unwrap(),
        &existing,
    );

    let deploy = server.run_script_with_env(
        &cli,
        &cli.join("deploy.sh"),
        &[],
        &environment,
        SCRIPT_TIMEOUT,
    );
    assert!(
        deploy.success,
        "{name}: deploy.sh {deploy}\n--- moto\n{}",
        server.log()
    );
    assert_network_is_the_design(&design, &server);
    assert_load_balancers_are_the_design(&design, &server, &existing);

    let teardown = server.run_script_in(&cli, &cli.join("teardown.sh"), &[], SCRIPT_TIMEOUT);
    assert!(
        teardown.success,
        "{name}: teardown.sh {teardown}\n--- moto\n{}",
        server.log()
    );
    assert_nothing_left(&design, &server);
    assert_only_the_users_load_balancers_left(&design, &server, &existing);
}

/// DEPLOY.md gives the plan's steps in the plan's order, each with its
/// stack, template, account and Region.
pub(crate) fn assert_deploy_md_follows_the_plan(name: &str, deploy_md: &str, plan: &DeployPlan) {
    let mut rest = deploy_md;
    for (number, step) in plan.steps.iter().enumerate() {
        let verb = match step.action {
            StepAction::Create => "Create",
            StepAction::Update => "Update",
        };
        let heading = format!("{}. **{verb}** the stack `{}`", number + 1, step.stack_name);
        let at = rest.find(&heading).unwrap_or_else(|| {
            panic!("{name}: DEPLOY.md does not give step {heading:?} in order:\n{deploy_md}")
        });
        rest = &rest[at..];
        let command_end = rest.find("   ```\n\n").unwrap_or(rest.len());
        let command = &rest[..command_end];
        for wanted in [
            format!("--stack-name {}", step.stack_name),
            format!("--template-file {}", step.template),
            format!("--region {}", step.region),
            format!("\"$PROFILE_{}\"", step.account),
        ] {
            assert!(
                command.contains(&wanted),
                "{name}: step {} of DEPLOY.md lacks {wanted}:\n{command}",
                number + 1
            );
        }
        for parameter in &step.parameters {
            assert!(
                command.contains(&format!("`{}`", parameter.name)),
                "{name}: step {} of DEPLOY.md does not name the parameter {}",
                number + 1,
                parameter.name
            );
        }
    }
}

pub(crate) fn check_cloudformation_deploys(name: &str) {
    let design = fixture(name);
    let export = cloudformation_export(&design, TemplateFormat::Yaml, false);
    let (dir, _) = write_export(&export.files);
    let deploy_md = export
        .files
        .iter()
        .find(|file| file.path == "cloudformation/DEPLOY.md")
        .map(|file| file.contents.as_str())
        .expect("DEPLOY.md");
    assert_deploy_md_follows_the_plan(name, deploy_md, &export.plan);
    let created: BTreeSet<&str> = export
        .plan
        .steps
        .iter()
        .filter(|step| step.action == StepAction::Create)
        .map(|step| step.template.as_str())
        .collect();
    let templates: BTreeSet<&str> = export
        .files
        .iter()
        .filter(|file| file.path.ends_with(".yaml"))
        .map(|file| file.path.as_str())
        .collect();
    assert_eq!(created, templates, "{name}: every template is created once");

    let server = start_mock(&design);
    let existing = create_existing_load_balancers(&design, &server);
    let done = deploy_plan_with_input(&server, dir.path(), &export.plan, &|_, description| {
        parameter_input(&existing, description)
    });
    for (step, stack) in &done {
        let wanted = match step.action {
            StepAction::Create => "CREATE_COMPLETE",
            StepAction::Update => "UPDATE_COMPLETE",
        };
        assert_eq!(
            stack.status,
            wanted,
            "{name}: {:?} {} from {} as {} in {}: {}\n--- moto\n{}",
            step.action,
            step.stack_name,
            step.template,
            step.account,
            step.region,
            stack.reason,
            server.log()
        );
    }
    assert_eq!(
        done.len(),
        export.plan.steps.len(),
        "{name}: not every step was deployed"
    );
    run_tasks_after_the_stacks(&server, &export.plan, &done);
    assert_network_is_the_design(&design, &server);
    assert_load_balancers_are_the_design(&design, &server, &existing);
}

/// The work DEPLOY.md lists after the stacks ("After the stacks"), done as
/// it says, with the ids from the stacks' outputs.
pub(crate) fn run_tasks_after_the_stacks(
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

/// A design with errors is refused unless errors are allowed, and then every
/// template and script lists them.
pub(crate) fn check_errors_refused_unless_allowed(name: &str) {
    let design = fixture(name);
    let errors: BTreeSet<&str> = validate(&design)
        .into_iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| diagnostic.rule)
        .collect();
    if errors.is_empty() {
        // Which rules flag a fixture is the validator's business (only
        // PEER-001 on the overlapping CIDRs is fixed here); without errors
        // the design simply exports.
        assert_ne!(
            name, "mistake-overlapping-cidrs.json",
            "PEER-001 must flag it"
        );
        cloudformation_files(&design, TemplateFormat::Yaml, false);
        cli_files(&design, false);
        return;
    }

    let refused = cloudformation(
        &design,
        &CloudFormationOptions {
            export: ExportOptions::default(),
            format: TemplateFormat::Yaml,
        },
    );
    assert!(
        matches!(refused, Err(ExportError::DesignHasErrors(_))),
        "{name}"
    );
    let refused = cli_scripts(&design, &ExportOptions::default());
    assert!(
        matches!(refused, Err(ExportError::DesignHasErrors(_))),
        "{name}"
    );

    // With the option, every template and script names the errors.
    let mut files = cloudformation_files(&design, TemplateFormat::Yaml, true);
    files.extend(cli_files(&design, true));
    for file in files.iter().filter(|file| !file.path.ends_with(".md")) {
        for rule in &errors {
            assert!(
                file.contents.contains(rule),
                "{name}: {} does not list {rule} in its header",
                file.path
            );
        }
    }
}
