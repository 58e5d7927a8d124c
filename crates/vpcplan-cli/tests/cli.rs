//! The `vpcplan` binary as a user runs it: exit codes, output, and plain
//! messages (never a panic) for input it cannot use.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/designs")
        .join(name)
}

fn vpcplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vpcplan"))
        .args(args)
        .output()
        .expect("vpcplan runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// A failure that is a message, not a crash.
fn assert_clean_failure(output: &Output, code: i32) -> String {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(!message.contains("RUST_BACKTRACE"), "{message}");
    message
}

#[test]
fn a_clean_design_validates_with_exit_code_0() {
    let file = fixture("article-peering.json");
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("article-peering.json"), "{text}");
    assert!(!text.contains("\nerror ("), "{text}");
}

#[test]
fn a_design_with_errors_exits_1_and_groups_them_by_severity_with_the_fix() {
    let file = fixture("mistake-overlapping-cidrs.json");
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let error_heading = text.find("\nerror (").expect("an error heading");
    let peer_001 = text.find("  PEER-001  ").expect("the rule id");
    assert!(error_heading < peer_001, "{text}");
    assert!(text[peer_001..].contains("\n    fix: "), "{text}");
    // Any warnings and notes come after the errors.
    for later in ["\nwarning (", "\ninfo ("] {
        if let Some(position) = text.find(later) {
            assert!(position > error_heading, "{text}");
        }
    }
}

#[test]
fn validation_speaks_japanese() {
    let file = fixture("mistake-overlapping-cidrs.json");
    let output = vpcplan(&["validate", file.to_str().unwrap(), "--lang", "ja"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("\nエラー ("), "{text}");
    assert!(text.contains("    修正: "), "{text}");
}

#[test]
fn json_output_lists_each_diagnostic_in_both_languages() {
    let file = fixture("mistake-overlapping-cidrs.json");
    let output = vpcplan(&["validate", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let peer_001 = diagnostics
        .iter()
        .find(|diagnostic| diagnostic["rule"] == "PEER-001")
        .expect("PEER-001 is reported");
    assert_eq!(peer_001["severity"], "error");
    assert!(
        peer_001["message"]["en"]
            .as_str()
            .is_some_and(|text| !text.is_empty())
    );
    assert!(
        peer_001["fix"]["ja"]
            .as_str()
            .is_some_and(|text| !text.is_empty())
    );
    assert!(!peer_001["subjects"].as_array().unwrap().is_empty());
    assert!(report["summary"]["error"].as_u64().unwrap() >= 1);

    let clean = vpcplan(&[
        "validate",
        fixture("s3-gateway-endpoint.json").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(clean.status.success());
    let report: serde_json::Value = serde_json::from_str(&stdout(&clean)).unwrap();
    assert_eq!(report["summary"]["error"], 0);
}

#[test]
fn every_fixture_validates_without_crashing() {
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "json") {
            continue;
        }
        let output = vpcplan(&["validate", path.to_str().unwrap(), "--format", "json"]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{}: {}",
            path.display(),
            stderr(&output)
        );
        let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
        let has_errors = report["summary"]["error"].as_u64().unwrap() > 0;
        assert_eq!(
            output.status.code(),
            Some(i32::from(has_errors)),
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_missing_file_is_named_without_a_panic() {
    let output = vpcplan(&["validate", "/nonexistent/design.json"]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains("/nonexistent/design.json"), "{message}");
}

#[test]
fn a_directory_is_named_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let output = vpcplan(&["validate", dir.path().to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains(dir.path().to_str().unwrap()), "{message}");
    assert!(message.contains("directory"), "{message}");
}

#[test]
fn invalid_json_is_reported_with_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,,\n}\n",
    )
    .unwrap();
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.contains(&format!("{}:3:", file.display())),
        "{message}"
    );
}

#[test]
fn a_misspelt_field_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.json");
    let text = std::fs::read_to_string(fixture("article-peering.json"))
        .unwrap()
        .replacen("\"ipv4_cidrs\"", "\"ipv4_cidr\"", 1);
    std::fs::write(&file, text).unwrap();
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains(file.to_str().unwrap()), "{message}");
    assert!(message.contains("design.vpcs[0]"), "{message}");
}

#[test]
fn a_file_from_a_newer_vpcplan_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("future.json");
    std::fs::write(
        &file,
        r#"{"format": "vpcplan-design", "version": 99, "design": {}}"#,
    )
    .unwrap();
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains("future.json"), "{message}");
    assert!(message.contains("newer"), "{message}");
}

#[test]
fn binary_garbage_is_not_a_design() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("garbage.json");
    std::fs::write(&file, [0xff, 0xfe, 0x00, 0x9f]).unwrap();
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains("garbage.json"), "{message}");
}

#[test]
fn explain_shows_a_rule_in_the_chosen_language() {
    let output = vpcplan(&["explain", "peer-001"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let doc = vpcplan_core::rule("PEER-001").unwrap();
    assert!(text.starts_with("PEER-001 ("), "{text}");
    assert!(
        text.contains(doc.title.en) && text.contains(doc.fix.en),
        "{text}"
    );
    assert!(text.contains(doc.sources[0]), "{text}");

    let japanese = stdout(&vpcplan(&["explain", "PEER-001", "--lang", "ja"]));
    assert!(
        japanese.contains(doc.title.ja) && japanese.contains("修正: "),
        "{japanese}"
    );
}

#[test]
fn explaining_an_unknown_rule_fails_with_a_hint() {
    let output = vpcplan(&["explain", "NOPE-999"]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.contains("NOPE-999") && message.contains("vpcplan rules"),
        "{message}"
    );
}

#[test]
fn rules_lists_the_whole_catalogue() {
    let output = vpcplan(&["rules"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let ids: Vec<&str> = text
        .lines()
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    let catalogue: Vec<&str> = vpcplan_core::rules().map(|doc| doc.id).collect();
    assert_eq!(ids, catalogue);
}

#[test]
fn the_matrix_still_prints() {
    let output = vpcplan(&["matrix", "--lang", "ja"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("## VPCピアリング"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let output = vpcplan(&["validate"]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains("Usage"), "{message}");
    let output = vpcplan(&["validate", "x.json", "--format", "yaml"]);
    assert_clean_failure(&output, 2);
}
