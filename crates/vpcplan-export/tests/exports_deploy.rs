//! The exports end to end, for every fixture design: the CloudFormation
//! templates pass cfn-lint and deploy on the AWS API mock in the order
//! DEPLOY.md gives; the CLI scripts pass shellcheck, deploy.sh builds exactly
//! the design on the mock (VPCs and CIDRs, subnets, route tables and their
//! routes on both sides of each peering, peerings active between the right
//! VPCs and owners, endpoints of the right type and service name, endpoint
//! services with their permissions), and teardown.sh leaves nothing behind.
//! Hostile names survive all of it, and none of them runs.
//!
//! The CloudFormation stacks are deployed from the export's deploy plan, the
//! data DEPLOY.md is written from (and the test checks DEPLOY.md gives the
//! same steps): creates, the updates that pass values only known later (the
//! accepter side of each peering), templates over 51,200 bytes through S3,
//! then the work DEPLOY.md lists after the stacks (accepting endpoint
//! connections, peering DNS).
//!
//! What the mock cannot prove: moto 5.2 lacks some CloudFormation resources
//! and properties the templates use; `support/moto_server.py` adds each as
//! AWS documents it and says which. The mock does not enforce AWS quotas
//! beyond the inline template size, and the 30-VPC mesh's CLI script is not
//! run (see below).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{
    FALLBACK_REGION, MotoServer, Network, Stack, cfn_lint, deploy_plan, shellcheck, show,
};
use vpcplan_core::design::{EndpointTarget, LinkSpec, RouteDestination, RouteTarget, ServiceKind};
use vpcplan_core::file::read_design;
use vpcplan_core::routes::{effective_routes, gateway_prefix_list};
use vpcplan_core::{Design, Severity, validate};
use vpcplan_export::cloudformation::{DeployPlan, DeployStep, ManualTask, StepAction};
use vpcplan_export::{
    CloudFormationExport, CloudFormationOptions, ExportError, ExportOptions, ExportedFile,
    TemplateFormat, cli_scripts, cloudformation, cloudformation_with_plan,
};

/// deploy.sh makes one AWS CLI call per step, about a second each on two
/// cores; the 30-VPC mesh (435 peerings, 870 routes, some 5,000 calls with
/// the teardown) would take most of an hour, so its CLI script is checked by
/// shellcheck but not run. Its CloudFormation templates, which the mock
/// creates in-process, are deployed.
const TOO_SLOW_FOR_THE_CLI_DEPLOY: &[&str] = &["mesh-30-vpcs.json"];

const SCRIPT_TIMEOUT: Duration = Duration::from_secs(20 * 60);

// ---------------------------------------------------------------------------
// Fixtures and exports
// ---------------------------------------------------------------------------

fn fixture(name: &str) -> Design {
    let path = support::repo_root()
        .join("tests/fixtures/designs")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|error| panic!("{name}: {error}"));
    read_design(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn cloudformation_export(
    design: &Design,
    format: TemplateFormat,
    allow_errors: bool,
) -> CloudFormationExport {
    cloudformation_with_plan(
        design,
        &CloudFormationOptions {
            export: ExportOptions { allow_errors },
            format,
        },
    )
    .unwrap_or_else(|error| panic!("{}: {error}", design.name))
}

fn cloudformation_files(
    design: &Design,
    format: TemplateFormat,
    allow_errors: bool,
) -> Vec<ExportedFile> {
    cloudformation_export(design, format, allow_errors).files
}

fn cli_files(design: &Design, allow_errors: bool) -> Vec<ExportedFile> {
    cli_scripts(design, &ExportOptions { allow_errors })
        .unwrap_or_else(|error| panic!("{}: {error}", design.name))
}

/// Writes the files under a fresh directory; each path must be relative and
/// stay inside it.
fn write_export(files: &[ExportedFile]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::Builder::new()
        .prefix("vpcplan-export-")
        .tempdir()
        .unwrap();
    let mut paths = Vec::new();
    for file in files {
        let relative = Path::new(&file.path);
        assert!(
            relative.is_relative()
                && relative
                    .components()
                    .all(|part| matches!(part, std::path::Component::Normal(_))),
            "exported path {:?} leaves the export directory",
            file.path
        );
        let path = dir.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &file.contents).unwrap();
        paths.push(path);
    }
    (dir, paths)
}

/// The (account, Region) pairs that own VPCs.
fn places(design: &Design) -> BTreeSet<(String, String)> {
    design
        .vpcs
        .iter()
        .map(|vpc| (vpc.account.to_string(), vpc.region.clone()))
        .collect()
}

fn accounts(design: &Design) -> Vec<String> {
    let mut accounts: BTreeSet<String> = design
        .accounts
        .iter()
        .map(|account| account.id.to_string())
        .collect();
    accounts.extend(design.vpcs.iter().map(|vpc| vpc.account.to_string()));
    accounts.into_iter().collect()
}

fn start_mock(design: &Design) -> MotoServer {
    let accounts = accounts(design);
    let accounts: Vec<&str> = accounts.iter().map(String::as_str).collect();
    MotoServer::start(&accounts)
}

/// Accounts that accept a peering from another account, and so need the
/// peer-role template.
fn peer_role_accounts(design: &Design) -> BTreeSet<String> {
    design
        .links
        .iter()
        .filter_map(|link| match &link.spec {
            LinkSpec::Peering(peering) => {
                let requester = design.vpc(&peering.requester)?;
                let accepter = design.vpc(&peering.accepter)?;
                (requester.account != accepter.account).then(|| accepter.account.to_string())
            }
            _ => None,
        })
        .collect()
}

/// The Region each template is deployed in, as the deploy plan says.
fn template_regions(plan: &DeployPlan) -> BTreeMap<String, String> {
    plan.steps
        .iter()
        .map(|step| (step.template.clone(), step.region.clone()))
        .collect()
}

/// Whether a network template's file is named for its account and Region:
/// `<account>-<region>.<ext>`, or `<account>-<region>-part-<n>.<ext>` when
/// the account's VPCs in that Region need more than one stack.
fn names_place(file_name: &str, account: &str, region: &str, extension: &str) -> bool {
    let Some(stem) = file_name.strip_suffix(&format!(".{extension}")) else {
        return false;
    };
    let place = format!("{account}-{region}");
    stem == place
        || stem
            .strip_prefix(&format!("{place}-part-"))
            .is_some_and(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

fn templates(paths: &[PathBuf], extension: &str) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|path| {
            path.parent().and_then(Path::file_name) == Some("cloudformation".as_ref())
                && path.extension() == Some(extension.as_ref())
        })
        .cloned()
        .collect()
}

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

fn check_cloudformation_lints_clean(name: &str, allow_errors: bool) {
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

        // One template per account and Region with VPCs, and a peer role
        // per account accepting a peering from another account.
        let names: BTreeSet<String> = templates
            .iter()
            .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        for (account, region) in places(&design) {
            assert!(
                names
                    .iter()
                    .any(|file| names_place(file, &account, &region, extension)),
                "{name}: no template for {account} in {region}: {names:?}"
            );
        }
        for account in peer_role_accounts(&design) {
            assert!(
                names.contains(&format!("{account}-peer-role.{extension}")),
                "{name}: no peer-role template for {account}: {names:?}"
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

fn check_cli_scripts_pass_shellcheck(name: &str, allow_errors: bool) {
    let design = fixture(name);
    let files = cli_files(&design, allow_errors);
    let (_dir, paths) = write_export(&files);
    let scripts: Vec<&Path> = ["cli/deploy.sh", "cli/teardown.sh"]
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

fn check_cli_deploy_and_teardown(name: &str) {
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

    let deploy = server.run_script_in(&cli, &cli.join("deploy.sh"), &[], SCRIPT_TIMEOUT);
    assert!(
        deploy.success,
        "{name}: deploy.sh {deploy}\n--- moto\n{}",
        server.log()
    );
    assert_network_is_the_design(&design, &server);

    let teardown = server.run_script_in(&cli, &cli.join("teardown.sh"), &[], SCRIPT_TIMEOUT);
    assert!(
        teardown.success,
        "{name}: teardown.sh {teardown}\n--- moto\n{}",
        server.log()
    );
    assert_nothing_left(&design, &server);
}

/// DEPLOY.md gives the plan's steps in the plan's order, each with its
/// stack, template, account and Region.
fn assert_deploy_md_follows_the_plan(name: &str, deploy_md: &str, plan: &DeployPlan) {
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

fn check_cloudformation_deploys(name: &str) {
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
    let done = deploy_plan(&server, dir.path(), &export.plan);
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
}

/// The work DEPLOY.md lists after the stacks ("After the stacks"), done as
/// it says, with the ids from the stacks' outputs.
fn run_tasks_after_the_stacks(
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
fn check_errors_refused_unless_allowed(name: &str) {
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

// ---------------------------------------------------------------------------
// The mock against the design
// ---------------------------------------------------------------------------

fn networks(design: &Design, server: &MotoServer) -> BTreeMap<(String, String), Network> {
    let places: Vec<(String, String)> = places(design).into_iter().collect();
    let networks = server.describe_networks(&places);
    places.into_iter().zip(networks).collect()
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}

/// Checks that the mock holds exactly what the design describes, found by
/// the designed names in the Name tags.
fn assert_network_is_the_design(design: &Design, server: &MotoServer) {
    let name = &design.name;
    let networks = networks(design, server);
    let network_of = |account: &str, region: &str| -> &Network {
        &networks[&(account.to_owned(), region.to_owned())]
    };

    // VPCs, by name, with their CIDRs.
    let mut vpc_ids = BTreeMap::new();
    let mut vpc_ipv6 = BTreeMap::new();
    for ((account, region), network) in &networks {
        let designed: Vec<&str> = design
            .vpcs
            .iter()
            .filter(|vpc| vpc.account.as_str() == account && &vpc.region == region)
            .map(|vpc| vpc.name.as_str())
            .collect();
        let found: Vec<&str> = network
            .own_vpcs()
            .iter()
            .map(|vpc| vpc.name.as_deref().unwrap_or("(no Name tag)"))
            .collect();
        assert_eq!(
            sorted(found),
            sorted(designed),
            "{name}: the VPCs of {account} in {region}"
        );
    }
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let found = network.vpc_named(&vpc.name).unwrap();
        assert_eq!(
            found.owner,
            vpc.account.as_str(),
            "{name}: owner of {}",
            vpc.name
        );
        let designed: Vec<String> = vpc.ipv4_cidrs.iter().map(ToString::to_string).collect();
        assert_eq!(
            found.ipv4_cidrs.first(),
            designed.first(),
            "{name}: primary CIDR of {}",
            vpc.name
        );
        assert_eq!(
            sorted(found.ipv4_cidrs.clone()),
            sorted(designed),
            "{name}: IPv4 CIDRs of {}",
            vpc.name
        );
        // AWS picks the IPv6 ranges; the count is what the design decides.
        assert_eq!(
            found.ipv6_cidrs.len(),
            vpc.ipv6_cidrs.len(),
            "{name}: IPv6 CIDRs of {}",
            vpc.name
        );
        vpc_ids.insert(vpc.id.clone(), found.id.clone());
        for (designed, actual) in vpc.ipv6_cidrs.iter().zip(&found.ipv6_cidrs) {
            vpc_ipv6.insert(designed.to_string(), actual.clone());
        }
    }

    // Subnets, by name, with their CIDRs.
    let mut subnet_ids = BTreeMap::new();
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let actual_vpc = &vpc_ids[&vpc.id];
        let found: Vec<_> = network
            .subnets
            .iter()
            .filter(|subnet| &subnet.vpc == actual_vpc)
            .collect();
        assert_eq!(
            sorted(
                found
                    .iter()
                    .map(|subnet| subnet.name.clone().unwrap_or_default())
                    .collect()
            ),
            sorted(
                vpc.subnets
                    .iter()
                    .map(|subnet| subnet.name.clone())
                    .collect::<Vec<_>>()
            ),
            "{name}: the subnets of {}",
            vpc.name
        );
        for subnet in &vpc.subnets {
            let actual = found
                .iter()
                .find(|found| found.name.as_deref() == Some(subnet.name.as_str()))
                .unwrap();
            assert_eq!(
                actual.ipv4_cidr,
                subnet.ipv4_cidr.map(|cidr| cidr.to_string()),
                "{name}: CIDR of subnet {}",
                subnet.name
            );
            assert_eq!(
                actual.ipv6_cidrs.len(),
                usize::from(subnet.ipv6_cidr.is_some()),
                "{name}: IPv6 CIDR of subnet {}",
                subnet.name
            );
            subnet_ids.insert(subnet.id.clone(), actual.id.clone());
        }
    }

    // Peerings: active, between the right VPCs, owners and Regions, and no
    // others.
    let mut peering_ids = BTreeMap::new();
    let mut all_peerings = BTreeSet::new();
    for network in networks.values() {
        all_peerings.extend(
            network
                .live_peerings()
                .iter()
                .map(|peering| peering.id.clone()),
        );
    }
    for link in &design.links {
        let LinkSpec::Peering(peering) = &link.spec else {
            continue;
        };
        let requester = design.vpc(&peering.requester).unwrap();
        let accepter = design.vpc(&peering.accepter).unwrap();
        for (side, vpc) in [("requester", requester), ("accepter", accepter)] {
            let network = network_of(vpc.account.as_str(), &vpc.region);
            let matching: Vec<_> = network
                .live_peerings()
                .into_iter()
                .filter(|found| {
                    found.requester.vpc == vpc_ids[&requester.id]
                        && found.accepter.vpc == vpc_ids[&accepter.id]
                })
                .collect();
            assert_eq!(
                matching.len(),
                1,
                "{name}: peering {} seen from the {side}: {:#?}",
                link.id,
                network.peerings
            );
            let found = matching[0];
            assert_eq!(found.status, "active", "{name}: peering {}", link.id);
            assert_eq!(
                (
                    found.requester.owner.as_str(),
                    found.requester.region.as_str()
                ),
                (requester.account.as_str(), requester.region.as_str()),
                "{name}: requester of {}",
                link.id
            );
            assert_eq!(
                (
                    found.accepter.owner.as_str(),
                    found.accepter.region.as_str()
                ),
                (accepter.account.as_str(), accepter.region.as_str()),
                "{name}: accepter of {}",
                link.id
            );
            peering_ids.insert(link.id.clone(), found.id.clone());
        }
    }
    assert_eq!(
        all_peerings.len(),
        peering_ids.len(),
        "{name}: peerings that are not in the design: {all_peerings:?}"
    );

    // Endpoint services, with their settings and permissions.
    let mut service_names = BTreeMap::new();
    for service in &design.services {
        let ServiceKind::EndpointService(endpoint_service) = &service.kind else {
            continue;
        };
        let provider = design.vpc(&endpoint_service.provider_vpc).unwrap();
        let network = network_of(provider.account.as_str(), &provider.region);
        let found = match network.endpoint_services.as_slice() {
            [only] => only,
            several => several
                .iter()
                .find(|found| found.name.as_deref() == Some(service.name.as_str()))
                .unwrap_or_else(|| {
                    panic!("{name}: no endpoint service {}: {several:#?}", service.name)
                }),
        };
        assert_eq!(
            found.acceptance_required,
            endpoint_service.acceptance_required
        );
        let arns: Vec<String> = endpoint_service
            .network_load_balancers
            .iter()
            .map(|balancer| balancer.name.clone())
            .filter(|balancer| balancer.starts_with("arn:"))
            .collect();
        if arns.len() == endpoint_service.network_load_balancers.len() {
            assert_eq!(sorted(found.network_load_balancers.clone()), sorted(arns));
        }
        for region in &endpoint_service.supported_regions {
            assert!(
                found.supported_regions.contains(region),
                "{name}: {region} not supported"
            );
        }
        let permissions = server.aws_as(
            provider.account.as_str(),
            &provider.region,
            &[
                "ec2",
                "describe-vpc-endpoint-service-permissions",
                "--service-id",
                &found.service_id,
            ],
        );
        let principals: Vec<String> = permissions["AllowedPrincipals"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|principal| principal["Principal"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(
            sorted(principals),
            sorted(endpoint_service.allowed_principals.clone()),
            "{name}: who may connect to {}",
            service.name
        );
        service_names.insert(service.id.clone(), found.service_name.clone());
    }
    let endpoint_service_count: usize = networks
        .values()
        .map(|network| network.endpoint_services.len())
        .sum();
    assert_eq!(
        endpoint_service_count,
        service_names.len(),
        "{name}: endpoint services"
    );

    // Endpoints, of the right type and service, in the right subnets or
    // route tables; and no others.
    let table_id = |vpc_id: &vpcplan_core::design::VpcId, table: &str| -> String {
        let vpc = design.vpc(vpc_id).unwrap();
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let designed = vpc
            .route_tables
            .iter()
            .find(|found| found.id.as_str() == table)
            .unwrap();
        network
            .route_tables
            .iter()
            .find(|found| {
                found.vpc == vpc_ids[vpc_id]
                    && found.name.as_deref() == Some(designed.name.as_str())
            })
            .unwrap_or_else(|| {
                panic!(
                    "{name}: no route table named {:?} in {}",
                    designed.name, vpc.name
                )
            })
            .id
            .clone()
    };
    let mut endpoint_ids = BTreeMap::new();
    for link in &design.links {
        let (vpc_id, kind, service_name, subnets, tables, private_dns) = match &link.spec {
            LinkSpec::InterfaceEndpoint(endpoint) => {
                let vpc = design.vpc(&endpoint.vpc).unwrap();
                let service_name = match (&endpoint.service_name, &endpoint.target) {
                    (Some(explicit), _) => explicit.clone(),
                    (None, EndpointTarget::Service(service_id)) => {
                        let service = design.service(service_id).unwrap();
                        match &service.kind {
                            ServiceKind::Aws { service: suffix } => {
                                let region = endpoint
                                    .service_region
                                    .as_deref()
                                    .unwrap_or(&service.region);
                                vpcplan_core::catalogue::aws_service(suffix)
                                    .map(|known| known.service_name(region))
                                    .unwrap_or_else(|| format!("com.amazonaws.{region}.{suffix}"))
                            }
                            ServiceKind::EndpointService(_) => service_names[service_id].clone(),
                        }
                    }
                    (None, other) => {
                        panic!("{name}: endpoint target {other:?} is not covered here")
                    }
                };
                let subnets = sorted(
                    endpoint
                        .subnets
                        .iter()
                        .map(|subnet| subnet_ids[subnet].clone())
                        .collect(),
                );
                (
                    &vpc.id,
                    "Interface",
                    service_name,
                    subnets,
                    Vec::new(),
                    endpoint.private_dns,
                )
            }
            LinkSpec::GatewayEndpoint(endpoint) => {
                let vpc = design.vpc(&endpoint.vpc).unwrap();
                let ServiceKind::Aws { service } = &design.service(&endpoint.service).unwrap().kind
                else {
                    panic!("{name}: a gateway endpoint to an endpoint service");
                };
                let tables = sorted(
                    endpoint
                        .route_tables
                        .iter()
                        .map(|table| table_id(&vpc.id, table.as_str()))
                        .collect(),
                );
                (
                    &vpc.id,
                    "Gateway",
                    gateway_prefix_list(service, &vpc.region),
                    Vec::new(),
                    tables,
                    false,
                )
            }
            LinkSpec::Peering(_) => continue,
        };
        let vpc = design.vpc(vpc_id).unwrap();
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let matching: Vec<_> = network
            .live_endpoints()
            .into_iter()
            .filter(|found| {
                found.vpc == vpc_ids[vpc_id]
                    && found.kind == kind
                    && found.service_name == service_name
            })
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "{name}: {kind} endpoint {} to {service_name}: {:#?}",
            link.id,
            network.endpoints
        );
        let found = matching[0];
        if kind == "Interface" {
            assert_eq!(found.subnets, subnets, "{name}: subnets of {}", link.id);
            assert_eq!(
                found.private_dns, private_dns,
                "{name}: private DNS of {}",
                link.id
            );
            if let LinkSpec::InterfaceEndpoint(endpoint) = &link.spec {
                for group in &endpoint.security_groups {
                    let designed = vpc
                        .security_groups
                        .iter()
                        .find(|found| &found.id == group)
                        .unwrap();
                    let actual = network
                        .security_groups
                        .iter()
                        .find(|found| {
                            found.vpc == vpc_ids[vpc_id]
                                && found.name_tag.as_deref() == Some(designed.name.as_str())
                        })
                        .unwrap_or_else(|| {
                            panic!("{name}: no security group named {:?}", designed.name)
                        });
                    assert!(
                        found.security_groups.contains(&actual.id),
                        "{name}: groups of {}",
                        link.id
                    );
                }
            }
            // deploy.sh accepts endpoint connections itself; after the
            // stacks, DEPLOY.md says how, and the test does it.
            assert!(
                found.state.eq_ignore_ascii_case("available"),
                "{name}: endpoint {} is {}",
                link.id,
                found.state
            );
        } else {
            assert_eq!(
                found.route_tables, tables,
                "{name}: route tables of {}",
                link.id
            );
        }
        endpoint_ids.insert(link.id.clone(), found.id.clone());
    }
    let endpoint_count: usize = networks
        .values()
        .map(|network| network.live_endpoints().len())
        .sum();
    assert_eq!(
        endpoint_count,
        endpoint_ids.len(),
        "{name}: endpoints that are not in the design"
    );

    // Security groups of the design, by name.
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        for group in &vpc.security_groups {
            assert!(
                network
                    .security_groups
                    .iter()
                    .any(|found| found.vpc == vpc_ids[&vpc.id]
                        && found.name_tag.as_deref() == Some(group.name.as_str())),
                "{name}: no security group named {:?} in {}: {:#?}",
                group.name,
                vpc.name,
                network.security_groups
            );
        }
    }

    // Route tables: the designed ones by name, each subnet served by the
    // table the design gives it, and exactly the routes the design implies.
    let routes = effective_routes(design);
    for vpc in &design.vpcs {
        let network = network_of(vpc.account.as_str(), &vpc.region);
        let actual_vpc = &vpc_ids[&vpc.id];
        let tables: Vec<_> = network
            .route_tables
            .iter()
            .filter(|table| &table.vpc == actual_vpc)
            .collect();
        let tagged: Vec<String> = tables
            .iter()
            .filter_map(|table| table.name.clone())
            .collect();
        assert_eq!(
            sorted(tagged),
            sorted(
                vpc.route_tables
                    .iter()
                    .map(|table| table.name.clone())
                    .collect::<Vec<_>>()
            ),
            "{name}: the route tables of {}",
            vpc.name
        );
        // Untagged: only the main table AWS creates with a VPC, unused.
        for table in tables.iter().filter(|table| table.name.is_none()) {
            assert!(
                table.main && table.routes.iter().all(|route| route.target == "local"),
                "{name}: an undesigned route table in {}: {table:#?}",
                vpc.name
            );
        }
        let main_actual = tables
            .iter()
            .find(|table| table.main)
            .map(|table| table.id.clone());
        let main_designed = vpc.route_tables.iter().find(|table| table.main);
        for subnet in &vpc.subnets {
            let designed = vpc
                .route_tables
                .iter()
                .find(|table| table.subnets.contains(&subnet.id))
                .or(main_designed);
            let actual_subnet = &subnet_ids[&subnet.id];
            let actual = tables
                .iter()
                .find(|table| table.subnets.contains(actual_subnet))
                .map(|table| table.id.clone())
                .or(main_actual.clone());
            let actual_name = actual
                .and_then(|id| tables.iter().find(|table| table.id == id))
                .and_then(|table| table.name.clone());
            assert_eq!(
                actual_name.as_deref(),
                designed.map(|table| table.name.as_str()),
                "{name}: the table serving subnet {}",
                subnet.name
            );
        }
        for table in &vpc.route_tables {
            let actual = tables
                .iter()
                .find(|found| found.name.as_deref() == Some(table.name.as_str()))
                .unwrap();
            let expected: Vec<(String, String)> = routes
                .get(&table.id)
                .into_iter()
                .flatten()
                .map(|route| {
                    let target = match &route.target {
                        RouteTarget::Peering(link) => peering_ids[link].clone(),
                        RouteTarget::GatewayEndpoint(link) => endpoint_ids[link].clone(),
                        other => panic!("{name}: route target {other:?} is not covered here"),
                    };
                    let destination = match &route.destination {
                        RouteDestination::Ipv4(net) => net.to_string(),
                        RouteDestination::Ipv6(net) => vpc_ipv6
                            .get(&net.to_string())
                            .cloned()
                            .unwrap_or_else(|| net.to_string()),
                        // The prefix list's id is the mock's; the target
                        // identifies the route.
                        RouteDestination::PrefixList(_) => "pl-".to_owned(),
                    };
                    (destination, target)
                })
                .collect();
            let found: Vec<(String, String)> = actual
                .routes
                .iter()
                .filter(|route| route.target != "local")
                .map(|route| {
                    let destination = if route.destination.starts_with("pl-") {
                        "pl-".to_owned()
                    } else {
                        route.destination.clone()
                    };
                    (destination, route.target.clone())
                })
                .collect();
            assert_eq!(
                sorted(found),
                sorted(expected),
                "{name}: the routes of table {:?} in {}",
                table.name,
                vpc.name
            );
        }
    }

    // Nothing where the CLI goes without a --region.
    let fallback_places: Vec<(String, String)> = accounts(design)
        .into_iter()
        .map(|account| (account, FALLBACK_REGION.to_owned()))
        .collect();
    for fallback in server.describe_networks(&fallback_places) {
        assert!(
            fallback.own_vpcs().is_empty(),
            "{name}: VPCs in {FALLBACK_REGION}, which the design does not use: {fallback:#?}"
        );
    }
}

fn assert_nothing_left(design: &Design, server: &MotoServer) {
    let name = &design.name;
    for ((account, region), network) in networks(design, server) {
        assert!(
            network.own_vpcs().is_empty(),
            "{name}: VPCs left in {account} {region}: {network:#?}"
        );
        assert!(
            network.live_peerings().is_empty(),
            "{name}: peerings left in {account} {region}"
        );
        assert!(
            network.live_endpoints().is_empty(),
            "{name}: endpoints left in {account} {region}"
        );
        assert!(
            network.endpoint_services.is_empty(),
            "{name}: endpoint services left in {account} {region}"
        );
        assert!(
            network.security_groups.is_empty(),
            "{name}: security groups left in {account} {region}"
        );
    }
}

// ---------------------------------------------------------------------------
// One set of tests per fixture
// ---------------------------------------------------------------------------

macro_rules! clean_fixture {
    ($module:ident, $file:literal) => {
        mod $module {
            #[test]
            fn cloudformation_passes_cfn_lint() {
                super::check_cloudformation_lints_clean($file, false);
            }

            #[test]
            fn cli_scripts_pass_shellcheck() {
                super::check_cli_scripts_pass_shellcheck($file, false);
            }

            #[test]
            fn cloudformation_stacks_deploy_in_order() {
                super::check_cloudformation_deploys($file);
            }

            #[test]
            fn cli_deploy_builds_the_design_and_teardown_removes_it() {
                assert!(!super::TOO_SLOW_FOR_THE_CLI_DEPLOY.contains(&$file));
                super::check_cli_deploy_and_teardown($file);
            }
        }
    };
}

macro_rules! fixture_with_errors {
    ($module:ident, $file:literal) => {
        mod $module {
            #[test]
            fn exports_only_when_errors_are_allowed_and_lists_them() {
                super::check_errors_refused_unless_allowed($file);
            }

            #[test]
            fn cloudformation_with_allowed_errors_passes_cfn_lint() {
                super::check_cloudformation_lints_clean($file, true);
            }

            #[test]
            fn cli_scripts_with_allowed_errors_pass_shellcheck() {
                super::check_cli_scripts_pass_shellcheck($file, true);
            }
        }
    };
}

clean_fixture!(article_peering, "article-peering.json");
clean_fixture!(
    cross_account_cross_region_peering,
    "cross-account-cross-region-peering.json"
);
clean_fixture!(
    interface_endpoint_aws_service,
    "interface-endpoint-aws-service.json"
);
clean_fixture!(
    endpoint_service_nlb_cross_account,
    "endpoint-service-nlb-cross-account.json"
);
clean_fixture!(s3_gateway_endpoint, "s3-gateway-endpoint.json");
fixture_with_errors!(mistake_overlapping_cidrs, "mistake-overlapping-cidrs.json");
fixture_with_errors!(
    mistake_transitive_peering,
    "mistake-transitive-peering.json"
);

mod mesh_30_vpcs {
    const FILE: &str = "mesh-30-vpcs.json";

    #[test]
    fn cloudformation_passes_cfn_lint() {
        super::check_cloudformation_lints_clean(FILE, false);
    }

    #[test]
    fn cli_scripts_pass_shellcheck() {
        super::check_cli_scripts_pass_shellcheck(FILE, false);
    }

    #[test]
    fn cloudformation_stacks_deploy_in_order() {
        super::check_cloudformation_deploys(FILE);
    }

    #[test]
    fn its_cli_deploy_is_left_out_only_for_time() {
        assert!(super::TOO_SLOW_FOR_THE_CLI_DEPLOY.contains(&FILE));
        let design = super::fixture(FILE);
        assert!(
            design.links.len() > 400,
            "the mesh got small enough to deploy by CLI"
        );
    }
}

/// Every fixture in the directory has its tests here.
#[test]
fn every_fixture_is_covered() {
    let covered = [
        "article-peering.json",
        "cross-account-cross-region-peering.json",
        "interface-endpoint-aws-service.json",
        "endpoint-service-nlb-cross-account.json",
        "s3-gateway-endpoint.json",
        "mistake-overlapping-cidrs.json",
        "mistake-transitive-peering.json",
        "mesh-30-vpcs.json",
        "hostile-names.json",
    ];
    let dir = support::repo_root().join("tests/fixtures/designs");
    let present: BTreeSet<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|file| file.ends_with(".json"))
        .collect();
    assert_eq!(
        present,
        covered.iter().map(|file| (*file).to_owned()).collect()
    );
}

// ---------------------------------------------------------------------------
// Hostile names
// ---------------------------------------------------------------------------

mod hostile_names {
    use super::*;

    const FILE: &str = "hostile-names.json";
    const PWNED: &str = "/tmp/pwned";

    /// No name may run: the file a `$(touch /tmp/pwned)` would create must
    /// not exist before (a leftover would hide a new one) or after.
    fn assert_not_pwned(when: &str) {
        assert!(
            !Path::new(PWNED).exists(),
            "{PWNED} exists {when}: a name ran as a command (remove the file after fixing the quoting)"
        );
    }

    #[test]
    fn cloudformation_passes_cfn_lint() {
        check_cloudformation_lints_clean(FILE, false);
    }

    #[test]
    fn cli_scripts_pass_shellcheck() {
        check_cli_scripts_pass_shellcheck(FILE, false);
    }

    /// The string CloudFormation makes of a value: a plain string, or an
    /// `Fn::Join` of plain strings. The exporter writes `${` as a join of
    /// `$` and `{…`, because cfn-lint's E1029 takes any `${…}` outside
    /// `Fn::Sub` for a forgotten substitution; CloudFormation joins the parts
    /// back into the name exactly.
    fn literal_string(value: &yaml_serde::Value) -> Option<String> {
        if let Some(text) = value.as_str() {
            return Some(text.to_owned());
        }
        let join = value.get("Fn::Join")?.as_sequence()?;
        let [separator, parts] = join.as_slice() else {
            return None;
        };
        let parts: Option<Vec<String>> = parts
            .as_sequence()?
            .iter()
            .map(|part| part.as_str().map(str::to_owned))
            .collect();
        Some(parts?.join(separator.as_str()?))
    }

    #[test]
    fn the_templates_carry_the_names_verbatim() {
        let design = fixture(FILE);
        let files = cloudformation_files(&design, TemplateFormat::Yaml, false);
        let mut tags = BTreeSet::new();
        for file in files.iter().filter(|file| file.path.ends_with(".yaml")) {
            let template = support::parse_template(&file.contents);
            let resources = template["Resources"].as_mapping().unwrap();
            for (_, resource) in resources {
                let Some(list) = resource
                    .get("Properties")
                    .and_then(|properties| properties.get("Tags"))
                    .and_then(yaml_serde::Value::as_sequence)
                else {
                    continue;
                };
                for tag in list {
                    if tag.get("Key").and_then(yaml_serde::Value::as_str) == Some("Name")
                        && let Some(value) = tag.get("Value").and_then(literal_string)
                    {
                        tags.insert(value);
                    }
                }
            }
        }
        for vpc in &design.vpcs {
            let mut names = vec![vpc.name.clone()];
            names.extend(vpc.subnets.iter().map(|subnet| subnet.name.clone()));
            names.extend(vpc.route_tables.iter().map(|table| table.name.clone()));
            names.extend(vpc.security_groups.iter().map(|group| group.name.clone()));
            for name in names {
                assert!(
                    tags.contains(&name),
                    "no Name tag is exactly {name:?}: {tags:#?}"
                );
            }
        }
    }

    #[test]
    fn cli_deploy_builds_exactly_the_named_resources_and_runs_no_name() {
        assert_not_pwned("before the CLI deploy");
        check_cli_deploy_and_teardown(FILE);
        assert_not_pwned("after the CLI deploy and teardown");
    }

    #[test]
    fn cloudformation_stacks_deploy_with_the_names() {
        assert_not_pwned("before the stacks");
        check_cloudformation_deploys(FILE);
        assert_not_pwned("after the stacks");
    }
}
