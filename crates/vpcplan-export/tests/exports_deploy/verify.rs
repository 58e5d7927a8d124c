//! `verify.sh` on the mock, after each export's deploy: it finds what that
//! export deployed (by the design's Name tags and CIDRs, and endpoints by
//! their VPC, type and service name), creates nothing until confirmed,
//! creates its temporary security groups and network interfaces in the
//! designed subnets, and deletes them when the run stops.
//!
//! What the mock cannot show: moto 5.2.5 implements no Reachability Analyzer
//! call (nothing named `network_insights` in `moto/ec2`), so every run stops
//! at `create-network-insights-path`, which moto answers with an HTTP 500
//! ("The create_network_insights_path action has not been implemented").
//! The paths, the analyses, their waiting and AWS's verdicts are not
//! simulated here: the unit tests (`src/cli_script/tests/verify.rs`) run the
//! script's own logic (count, question, verdicts, exit status, cleanup after
//! any failing call) against a fake `aws`, and only AWS can check the rest.

use super::*;

/// What moto logs when asked for a path; the tests check the run got that
/// far and no further.
const MOTO_LACKS_PATHS: &str = "The create_network_insights_path action has not been implemented";

/// Runs `verify.sh` on a deployed network: first without `--yes` (refused,
/// nothing created), then with it (up to moto's missing path API); checks
/// that the temporary resources were created and are gone.
fn check_verify_on_the_mock(name: &str, design: &Design, server: &MotoServer, script: &Path) {
    let work = script.parent().unwrap();
    let first_intent = design.intents[0].id.to_string();

    let refused = server.run_script_in(work, script, &[], SCRIPT_TIMEOUT);
    assert_eq!(refused.code, Some(1), "{name}: verify.sh {refused}");
    assert!(
        refused
            .stderr
            .contains("not confirmed; nothing was created"),
        "{name}: verify.sh {refused}"
    );
    assert!(
        refused.stderr.contains(&format!(
            "this run makes {} Reachability Analyzer analyses",
            design.intents.len()
        )),
        "{name}: verify.sh {refused}"
    );
    assert_no_verify_resources(name, design, server);

    let run = server.run_script_in(work, script, &["--yes"], SCRIPT_TIMEOUT);
    assert!(!run.success, "{name}: verify.sh {run}");
    assert!(
        !run.stderr.contains("was not found") && !run.stderr.contains("times ("),
        "{name}: verify.sh did not find the deployed network: {run}"
    );
    assert!(
        run.stderr
            .contains(&format!("analysing intent {first_intent}")),
        "{name}: verify.sh stopped before its first path: {run}"
    );
    assert!(
        server.log().contains(MOTO_LACKS_PATHS),
        "{name}: the mock answered create-network-insights-path; extend this test to the analyses: {run}"
    );
    let created = run
        .stderr
        .matches("creating a temporary network interface")
        .count();
    let groups = run
        .stderr
        .matches("creating a temporary security group")
        .count();
    assert!(created >= 1 && groups >= 1, "{name}: {run}");
    assert_eq!(
        run.stderr
            .matches("deleting the temporary network-interface")
            .count(),
        created,
        "{name}: {run}"
    );
    assert_eq!(
        run.stderr
            .matches("deleting the temporary security-group")
            .count(),
        groups,
        "{name}: {run}"
    );
    assert!(!run.stdout.contains("AGREE"), "{name}: {run}");
    assert_no_verify_resources(name, design, server);
}

/// No network interface or security group tagged by a verify run is left in
/// any account and Region of the design.
fn assert_no_verify_resources(name: &str, design: &Design, server: &MotoServer) {
    for (account, region) in places(design) {
        let interfaces = server.aws_as(
            &account,
            &region,
            &[
                "ec2",
                "describe-network-interfaces",
                "--filters",
                "Name=tag-key,Values=vpcplan:verify",
            ],
        );
        assert_eq!(
            interfaces["NetworkInterfaces"],
            serde_json::json!([]),
            "{name}: interfaces left in {account} {region}"
        );
        let groups = server.aws_as(
            &account,
            &region,
            &[
                "ec2",
                "describe-security-groups",
                "--filters",
                "Name=tag-key,Values=vpcplan:verify",
            ],
        );
        assert_eq!(
            groups["SecurityGroups"],
            serde_json::json!([]),
            "{name}: security groups left in {account} {region}"
        );
    }
}

/// deploy.sh, verify.sh, then teardown.sh, which must still leave nothing.
fn check_verify_after_the_cli_deploy(name: &str) {
    let design = fixture(name);
    let files = cli_files(&design, false);
    let (dir, _) = write_export(&files);
    let cli = dir.path().join("cli");
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
    assert!(deploy.success, "{name}: deploy.sh {deploy}");
    check_verify_on_the_mock(name, &design, &server, &cli.join("verify.sh"));
    let teardown = server.run_script_in(&cli, &cli.join("teardown.sh"), &[], SCRIPT_TIMEOUT);
    assert!(teardown.success, "{name}: teardown.sh {teardown}");
    assert_nothing_left(&design, &server);
}

/// The stacks in DEPLOY.md's order, then the export's own verify.sh.
fn check_verify_after_the_cloudformation_deploy(name: &str) {
    let design = fixture(name);
    let export = cloudformation_export(&design, TemplateFormat::Yaml, false);
    let (dir, _) = write_export(&export.files);
    let server = start_mock(&design);
    let existing = create_existing_load_balancers(&design, &server);
    let done = deploy_plan_with_input(&server, dir.path(), &export.plan, &|_, description| {
        parameter_input(&existing, description)
    });
    assert_eq!(done.len(), export.plan.steps.len(), "{name}");
    run_tasks_after_the_stacks(&server, &export.plan, &done);
    check_verify_on_the_mock(
        name,
        &design,
        &server,
        &dir.path().join("cloudformation/verify.sh"),
    );
}

#[test]
fn after_the_cli_deploy_of_a_peering() {
    check_verify_after_the_cli_deploy("article-peering.json");
}

#[test]
fn after_the_cli_deploy_of_an_endpoint_service() {
    check_verify_after_the_cli_deploy("endpoint-service-nlb-cross-account.json");
}

#[test]
fn after_the_cloudformation_deploy_of_a_peering() {
    check_verify_after_the_cloudformation_deploy("article-peering.json");
}

#[test]
fn after_the_cloudformation_deploy_of_interface_endpoints() {
    check_verify_after_the_cloudformation_deploy("interface-endpoint-aws-service.json");
}
