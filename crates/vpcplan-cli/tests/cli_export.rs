//! `vpcplan export`: the files it writes, and its errors for bad input.

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

fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn each_target_writes_the_exporters_files() {
    let design = fixture("cross-account-cross-region-peering.json");
    let text = std::fs::read_to_string(&design).unwrap();
    let parsed = vpcplan_core::file::read_design(&text).unwrap();
    for (target, expected) in [
        (
            "cloudformation",
            vpcplan_export::cloudformation(
                &parsed,
                &vpcplan_export::CloudFormationOptions {
                    export: vpcplan_export::ExportOptions::default(),
                    format: vpcplan_export::TemplateFormat::Yaml,
                },
            )
            .unwrap(),
        ),
        (
            "cloudformation-json",
            vpcplan_export::cloudformation(
                &parsed,
                &vpcplan_export::CloudFormationOptions {
                    export: vpcplan_export::ExportOptions::default(),
                    format: vpcplan_export::TemplateFormat::Json,
                },
            )
            .unwrap(),
        ),
        (
            "cli",
            vpcplan_export::cli_scripts(&parsed, &vpcplan_export::ExportOptions::default())
                .unwrap(),
        ),
    ] {
        let out = tempfile::tempdir().unwrap();
        let output = vpcplan(&[
            "export",
            design.to_str().unwrap(),
            "--to",
            target,
            "--out",
            out.path().to_str().unwrap(),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut wanted: Vec<String> = expected.iter().map(|file| file.path.clone()).collect();
        wanted.sort();
        assert_eq!(files_under(out.path()), wanted, "{target}");
        for file in &expected {
            assert_eq!(
                std::fs::read_to_string(out.path().join(&file.path)).unwrap(),
                file.contents
            );
            #[cfg(unix)]
            if file.path.ends_with(".sh") {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(out.path().join(&file.path))
                    .unwrap()
                    .permissions()
                    .mode();
                assert_eq!(mode & 0o111, 0o111, "{} is not executable", file.path);
            }
        }
    }
}

#[test]
fn a_design_with_errors_exports_only_with_allow_errors() {
    let design = fixture("mistake-overlapping-cidrs.json");
    let out = tempfile::tempdir().unwrap();
    let refused = vpcplan(&[
        "export",
        design.to_str().unwrap(),
        "--to",
        "cli",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("PEER-001") && message.contains("--allow-errors"),
        "{message}"
    );
    assert!(files_under(out.path()).is_empty());

    let allowed = vpcplan(&[
        "export",
        design.to_str().unwrap(),
        "--to",
        "cli",
        "--out",
        out.path().to_str().unwrap(),
        "--allow-errors",
    ]);
    assert!(allowed.status.success());
    assert!(!files_under(out.path()).is_empty());
}

#[test]
fn exporting_a_missing_file_is_a_message() {
    let output = vpcplan(&["export", "/nonexistent.json", "--to", "cloudformation"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("/nonexistent.json") && !message.contains("panicked"),
        "{message}"
    );
}

/// A failure that is a message on stderr with the exit code, not a panic.
fn assert_clean_failure(output: &Output, code: i32) -> String {
    let message = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(code), "{message}");
    assert!(
        !message.contains("panicked") && !message.contains("RUST_BACKTRACE"),
        "{message}"
    );
    message
}

#[test]
fn exporting_invalid_json_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(
        &file,
        "{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,,\n}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = vpcplan(&[
        "export",
        file.to_str().unwrap(),
        "--to",
        "cli",
        "--out",
        out.to_str().unwrap(),
    ]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.contains(&format!("{}:3:", file.display())),
        "{message}"
    );
    assert!(!out.exists(), "nothing is written for a bad file");
}

#[test]
fn exporting_a_misspelt_field_names_it_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("typo.json");
    let text = std::fs::read_to_string(fixture("article-peering.json"))
        .unwrap()
        .replacen("\"ipv4_cidrs\"", "\"ipv4_cidr\"", 1);
    let line = text
        .lines()
        .position(|line| line.contains("\"ipv4_cidr\""))
        .unwrap()
        + 1;
    std::fs::write(&file, text).unwrap();
    let output = vpcplan(&["export", file.to_str().unwrap(), "--to", "cloudformation"]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.starts_with(&format!("vpcplan: {}:{line}:", file.display()))
            && message.contains("ipv4_cidr"),
        "{message}"
    );
}

#[test]
fn an_output_directory_that_cannot_be_created_is_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let output = vpcplan(&[
        "export",
        fixture("article-peering.json").to_str().unwrap(),
        "--to",
        "cloudformation-json",
        "--out",
        blocker.to_str().unwrap(),
    ]);
    let message = assert_clean_failure(&output, 2);
    assert!(message.contains(blocker.to_str().unwrap()), "{message}");
}

#[test]
fn an_unknown_target_is_a_usage_error_naming_the_choices() {
    let output = vpcplan(&[
        "export",
        fixture("article-peering.json").to_str().unwrap(),
        "--to",
        "terraform",
    ]);
    let message = assert_clean_failure(&output, 2);
    assert!(
        message.contains("cloudformation") && message.contains("cli"),
        "{message}"
    );
}
