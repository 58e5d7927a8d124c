//! The linters users trust, run on exported files: cfn-lint on templates,
//! shellcheck on scripts; each finding with its file, line and rule.

#![allow(dead_code)]

use super::*;

/// One thing a linter reports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub file: String,
    pub line: u64,
    /// cfn-lint: `Error`, `Warning` or `Informational`; shellcheck: `error`,
    /// `warning`, `info` or `style`.
    pub level: String,
    /// `E3002`, `W2001`, `SC2086`, …
    pub rule: String,
    pub message: String,
}

impl Finding {
    /// cfn-lint's errors and warnings (not its informational notes).
    pub fn is_error_or_warning(&self) -> bool {
        matches!(
            self.level.as_str(),
            "Error" | "Warning" | "error" | "warning"
        )
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {} {}: {}",
            self.file, self.line, self.level, self.rule, self.message
        )
    }
}

/// Lists findings one a line, for assertion messages.
pub fn show(findings: &[Finding]) -> String {
    findings.iter().fold(String::new(), |mut out, finding| {
        let _ = writeln!(out, "  {finding}");
        out
    })
}

/// Everything cfn-lint finds in the templates (errors, warnings and
/// informational notes), checking resource types and properties against the
/// schemas of `regions` (cfn-lint's default, us-east-1, when empty).
pub fn cfn_lint(files: &[&Path], regions: &[&str]) -> Vec<Finding> {
    assert!(!files.is_empty(), "cfn_lint needs at least one template");
    let mut command = Command::new(tool("cfn-lint"));
    command
        .env("PATH", child_path())
        .args(["--format", "json", "--include-checks", "I"]);
    if !regions.is_empty() {
        command.arg("--regions").args(regions);
    }
    command.arg("--").args(files);
    let output = command.output().expect("cfn-lint starts");
    // Exit codes are bit flags: 2 errors, 4 warnings, 8 informational; 1 is
    // cfn-lint itself failing (a crash, a file it could not read).
    let code = output.status.code().unwrap_or(1);
    assert!(
        code & 1 == 0,
        "cfn-lint failed ({}):\n{}{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    let stdout = text(&output.stdout);
    let reported: Vec<Value> = serde_json::from_str(stdout.trim()).unwrap_or_else(|error| {
        panic!(
            "cfn-lint's JSON output does not parse ({error}):\n{stdout}{}",
            text(&output.stderr)
        )
    });
    let mut findings: Vec<Finding> = reported
        .iter()
        .map(|finding| Finding {
            file: str_at(finding, "/Filename"),
            line: finding
                .pointer("/Location/Start/LineNumber")
                .and_then(Value::as_u64)
                .unwrap_or(0),
            level: str_at(finding, "/Level"),
            rule: str_at(finding, "/Rule/Id"),
            message: str_at(finding, "/Message"),
        })
        .collect();
    findings.sort();
    assert_eq!(
        code != 0,
        !findings.is_empty(),
        "cfn-lint's exit code ({code}) disagrees with its report:\n{}",
        show(&findings)
    );
    findings
}

/// Everything shellcheck finds in the scripts, at every severity down to
/// style, following sourced files.
pub fn shellcheck(files: &[&Path]) -> Vec<Finding> {
    assert!(!files.is_empty(), "shellcheck needs at least one script");
    let output = Command::new(shellcheck_program())
        .args(["--format=json1", "--severity=style", "--external-sources"])
        .arg("--")
        .args(files)
        .output()
        .expect("shellcheck starts");
    // 0: clean, 1: findings, anything else: shellcheck could not run.
    let code = output.status.code().unwrap_or(2);
    assert!(
        code <= 1,
        "shellcheck failed ({}):\n{}{}",
        output.status,
        text(&output.stdout),
        text(&output.stderr)
    );
    let stdout = text(&output.stdout);
    let report: Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|error| panic!("shellcheck's JSON does not parse ({error}):\n{stdout}"));
    let mut findings: Vec<Finding> = report["comments"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|comment| Finding {
            file: str_at(comment, "/file"),
            line: comment["line"].as_u64().unwrap_or(0),
            level: str_at(comment, "/level"),
            rule: format!("SC{}", comment["code"].as_u64().unwrap_or(0)),
            message: str_at(comment, "/message"),
        })
        .collect();
    findings.sort();
    assert_eq!(
        code == 1,
        !findings.is_empty(),
        "shellcheck's exit code ({code}) disagrees with its report:\n{}",
        show(&findings)
    );
    findings
}
