//! The export test machinery (`support`), proven on small hand-written
//! inputs: the tools are the pinned ones and fail loudly when missing, the
//! linters report what they should, and the mock behaves as the exports rely
//! on — stacks deploy, two accounts reach each other through assume-role
//! profiles, a cross-account cross-Region peering is accepted from the
//! second account and becomes active, and teardown leaves nothing behind.

#[path = "../support/mod.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{
    MOTO_DEFAULT_ACCOUNT, MotoServer, RouteInfo, StackPlan, cfn_lint, deploy_in_order, shellcheck,
    show, template_interface, tool, tool_in,
};

const TOKYO: &str = "111111111111";
const OREGON: &str = "222222222222";

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("vpcplan-harness-")
        .tempdir()
        .unwrap()
}

/// The version `xtask/requirements-export.txt` pins for a package.
fn pinned(package: &str) -> String {
    let path = support::repo_root().join("xtask/requirements-export.txt");
    let requirements = fs::read_to_string(&path).unwrap();
    requirements
        .lines()
        .find_map(|line| {
            let (name, version) = line.split_once("==")?;
            let name = name.split('[').next()?;
            name.eq_ignore_ascii_case(package)
                .then(|| version.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("{package} is not pinned in {}", path.display()))
}

fn stdout_of(program: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{} does not start: {error}", program.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed",
        program.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn the_tools_are_the_pinned_versions() {
    let cfn_lint = stdout_of(&tool("cfn-lint"), &["--version"]);
    assert!(
        cfn_lint.contains(&pinned("cfn-lint")),
        "cfn-lint says {cfn_lint:?}; the pin is {}: run `cargo xtask setup`",
        pinned("cfn-lint")
    );
    let aws = stdout_of(&tool("aws"), &["--version"]);
    assert!(
        aws.starts_with(&format!("aws-cli/{} ", pinned("awscli"))),
        "aws says {aws:?}; the pin is {}: run `cargo xtask setup`",
        pinned("awscli")
    );
    let moto = stdout_of(
        &tool("python"),
        &["-c", "import moto; print(moto.__version__)"],
    );
    assert_eq!(moto.trim(), pinned("moto"), "run `cargo xtask setup`");
    assert!(tool("moto_server").is_file());
    let shellcheck = stdout_of(&support::shellcheck_program(), &["--version"]);
    assert!(shellcheck.contains("version: 0."), "{shellcheck}");
}

#[test]
fn a_missing_tool_fails_the_test_and_says_how_to_install_it() {
    let empty = scratch();
    let outcome = std::panic::catch_unwind(|| tool_in(empty.path(), "cfn-lint"));
    let payload = outcome.expect_err("a missing tool must fail, not skip");
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("run `cargo xtask setup`"), "{message}");
    assert!(message.contains("cfn-lint"), "{message}");
}

const TINY_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: One VPC, for proving the test machinery.
Parameters:
  VpcCidr:
    Type: String
    Default: 10.20.0.0/16
Resources:
  TinyVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      EnableDnsSupport: true
      EnableDnsHostnames: true
      Tags:
        - Key: Name
          Value: "tiny: #{} 'single' \"double\" 日本語"
Outputs:
  TinyVpcId:
    Value: !Ref TinyVpc
"#;

#[test]
fn cfn_lint_reports_errors_and_warnings_in_a_bad_template_and_nothing_in_a_good_one() {
    let dir = scratch();
    let good = write(dir.path(), "good.yaml", TINY_TEMPLATE);
    let bad = write(
        dir.path(),
        "bad.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NobodyUsesMe:
    Type: String
Resources:
  Broken:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlok: 10.0.0.0/16
"#,
    );
    let findings = cfn_lint(&[&good], &["ap-northeast-1"]);
    assert!(findings.is_empty(), "{}", show(&findings));

    let findings = cfn_lint(&[&bad], &["ap-northeast-1"]);
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|finding| (finding.level.as_str(), finding.rule.as_str()))
        .collect();
    // The misspelt property, the then missing CIDR, the unused parameter.
    assert!(rules.contains(&("Error", "E3002")), "{}", show(&findings));
    assert!(rules.contains(&("Error", "E3014")), "{}", show(&findings));
    assert!(rules.contains(&("Warning", "W2001")), "{}", show(&findings));
    assert!(
        findings
            .iter()
            .all(|finding| finding.file.ends_with("bad.yaml"))
    );
    assert!(findings.iter().any(|finding| finding.line == 9));
}

#[test]
fn shellcheck_reports_unsafe_scripts_and_nothing_in_a_careful_one() {
    let dir = scratch();
    let good = write(
        dir.path(),
        "good.sh",
        "#!/usr/bin/env bash\nset -euo pipefail\nname=\"$1\"\ncd \"$(dirname \"$0\")\"\necho \"hello, $name\"\n",
    );
    let bad = write(
        dir.path(),
        "bad.sh",
        "#!/usr/bin/env bash\nname=$1\ncd $(dirname $0)\necho hello, $name\n",
    );
    let findings = shellcheck(&[&good]);
    assert!(findings.is_empty(), "{}", show(&findings));

    let findings = shellcheck(&[&bad]);
    let rules: Vec<&str> = findings
        .iter()
        .map(|finding| finding.rule.as_str())
        .collect();
    // Unquoted expansions (info) and `cd` without a fallback (warning).
    assert!(rules.contains(&"SC2086"), "{}", show(&findings));
    assert!(rules.contains(&"SC2046"), "{}", show(&findings));
    assert!(
        findings
            .iter()
            .any(|finding| finding.rule == "SC2164" && finding.is_error_or_warning()),
        "{}",
        show(&findings)
    );
}

mod endpoint_services;
mod peering;
mod security_group_rules;
mod stacks;
