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

/// `validate --format json` on `file`: the exit code, and stdout as JSON
/// (stderr stays empty, so a script reads one stream).
fn validate_json(file: &Path) -> (Option<i32>, serde_json::Value) {
    let output = vpcplan(&["validate", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(stderr(&output), "", "JSON mode writes nothing on stderr");
    let report = serde_json::from_str(&stdout(&output))
        .unwrap_or_else(|error| panic!("{error}: {}", stdout(&output)));
    (output.status.code(), report)
}

#[test]
fn in_json_mode_a_file_that_cannot_be_read_is_a_json_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let (code, report) = validate_json(&missing);
    assert_eq!(code, Some(2));
    assert_eq!(report["file"], missing.to_str().unwrap());
    let error = &report["error"];
    assert_eq!(error["kind"], "unreadable");
    assert!(error["path"].is_null() && error["line"].is_null() && error["column"].is_null());
    assert!(
        error["message"]["en"]
            .as_str()
            .unwrap()
            .starts_with("cannot read: "),
        "{report}"
    );
    assert!(
        error["message"]["ja"]
            .as_str()
            .unwrap()
            .starts_with("読み込めません: "),
        "{report}"
    );
    assert!(report.get("diagnostics").is_none(), "{report}");

    let (code, report) = validate_json(dir.path());
    assert_eq!(code, Some(2));
    assert_eq!(report["error"]["kind"], "unreadable");
    assert!(
        report["error"]["message"]["en"]
            .as_str()
            .unwrap()
            .contains("directory")
    );

    let garbage = dir.path().join("garbage.json");
    std::fs::write(&garbage, [0xff, 0xfe, 0x00, 0x9f]).unwrap();
    let (code, report) = validate_json(&garbage);
    assert_eq!(code, Some(2));
    assert_eq!(report["error"]["kind"], "not_text");
}

#[test]
fn in_json_mode_a_file_that_is_not_json_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cut.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,\n  \"design\": {\"vpcs\": [\n",
    )
    .unwrap();
    let (code, report) = validate_json(&file);
    assert_eq!(code, Some(2));
    let error = &report["error"];
    assert_eq!(error["kind"], "not_json");
    assert!(error["path"].is_null(), "{report}");
    assert_eq!((&error["line"], &error["column"]), (&4.into(), &23.into()));
    assert_eq!(
        error["message"]["en"],
        "the file ends in the middle of an array (the `[` at line 4, column 22 is not closed); \
         is the file cut short?"
    );
    assert!(
        error["message"]["ja"]
            .as_str()
            .unwrap()
            .starts_with("配列の途中でファイルが終わっています"),
        "{report}"
    );

    // The text mode says the same once, with the same place, in either language.
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert_eq!(
        message,
        format!(
            "vpcplan: {}:4:23: the file ends in the middle of an array (the `[` at line 4, \
             column 22 is not closed); is the file cut short?\n",
            file.display()
        )
    );
    let output = vpcplan(&["validate", file.to_str().unwrap(), "--lang", "ja"]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.contains(":4:23: 配列の途中でファイルが終わっています (4 行目 22 列目の `[` が"),
        "{message}"
    );
}

#[test]
fn in_json_mode_an_invalid_design_names_its_path_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cidr.json");
    std::fs::write(
        &file,
        "{\"format\": \"vpcplan-design\", \"version\": 1, \"design\": {\"name\": \"x\", \"vpcs\": [\n\
         {\"id\": \"v\", \"name\": \"v\", \"account\": \"111111111111\", \"region\": \"ap-northeast-1\",\n\
         \"dns_support\": true, \"dns_hostnames\": true, \"ipv4_cidrs\": [\n\
         \"10.0.0.0/16\",\n\
         \"10.1.0.0/33\"\n\
         ]}]}}\n",
    )
    .unwrap();
    let (code, report) = validate_json(&file);
    assert_eq!(code, Some(2));
    let error = &report["error"];
    assert_eq!(error["kind"], "invalid");
    assert_eq!(error["path"], "design.vpcs[0].ipv4_cidrs[1]");
    // The faulty item's own line, not the closing bracket's.
    assert_eq!((&error["line"], &error["column"]), (&5.into(), &1.into()));
    assert_eq!(
        error["message"]["en"],
        "design.vpcs[0].ipv4_cidrs[1]: \"10.1.0.0/33\" is not a valid IPv4 CIDR"
    );
    let output = vpcplan(&["validate", file.to_str().unwrap()]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.contains(&format!(
            "{}:5:1: design.vpcs[0].ipv4_cidrs[1]: ",
            file.display()
        )),
        "{message}"
    );

    let future = dir.path().join("future.json");
    std::fs::write(
        &future,
        r#"{"format": "vpcplan-design", "version": 99, "design": {}}"#,
    )
    .unwrap();
    let (code, report) = validate_json(&future);
    assert_eq!(code, Some(2));
    assert_eq!(report["error"]["kind"], "newer_version");
    assert_eq!(report["error"]["path"], "version");
    let list = dir.path().join("list.json");
    std::fs::write(&list, "[]").unwrap();
    let (code, report) = validate_json(&list);
    assert_eq!(code, Some(2));
    assert_eq!(report["error"]["kind"], "not_a_design");
    assert_eq!(report["error"]["path"], "(top level)");
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
