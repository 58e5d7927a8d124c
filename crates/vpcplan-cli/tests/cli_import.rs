//! `vpcplan import` and `vpcplan collect-script`: the design and report
//! they write, `--into`, and their errors for bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn import_data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../vpcplan-import/tests/data")
        .join(name)
}

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

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn import_writes_the_design_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.json");
    let report = dir.path().join("report.json");
    let bundle = import_data("hub-bundle.json");
    let output = vpcplan(&[
        "import",
        bundle.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("3 VPC(s). Mapped 13, partially mapped 4, skipped 3"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  skipped: describe-vpc-peering-connections pcx-0old ("),
        "{stdout}"
    );
    let design = vpcplan_core::file::read_design(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(design.vpcs.len(), 3);
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    let entries = report["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 20);
    assert_eq!(
        entries[0],
        serde_json::json!({
            "file": bundle.display().to_string(),
            "resource_type": "describe-vpcs",
            "resource": "vpc-0hub",
            "outcome": "mapped",
            "item": {"kind": "vpc", "id": "vpc-0hub"},
        })
    );
    let skipped = entries.iter().find(|e| e["outcome"] == "skipped").unwrap();
    assert!(skipped["reason"]["ja"].as_str().unwrap().contains("VPC"));
    // The imported design validates like any other.
    let validate = vpcplan(&["validate", out.to_str().unwrap()]);
    assert!(validate.status.code() == Some(0) || validate.status.code() == Some(1));
}

#[test]
fn import_into_adds_to_an_existing_design_without_changing_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("merged.json");
    let base = fixture("article-peering.json");
    let before = std::fs::read_to_string(&base).unwrap();
    let output = vpcplan(&[
        "import",
        import_data("describe-vpcs.json").to_str().unwrap(),
        import_data("describe-subnets.json").to_str().unwrap(),
        "--into",
        base.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let merged = vpcplan_core::file::read_design(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = merged.vpcs.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["vpc-a", "vpc-b", "vpc-0hub", "vpc-0app"]);
    assert_eq!(
        merged.name,
        "2020 article: VPC peering within one account (ap-northeast-1)"
    );
    assert_eq!(std::fs::read_to_string(&base).unwrap(), before);
}

#[test]
fn a_file_that_cannot_be_imported_exits_2_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"Vpcs\": [\n  {\"VpcId\": ").unwrap();
    let out = dir.path().join("never.json");
    let output = vpcplan(&[
        "import",
        broken.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with(&format!(
            "vpcplan: {}:2:12: not valid JSON",
            broken.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    let output = vpcplan(&[
        "--lang",
        "ja",
        "import",
        broken.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(text(&output.stderr).contains("JSON として正しくありません"));
}

#[test]
fn collect_script_prints_the_read_only_collector() {
    let output = vpcplan(&["collect-script"]);
    assert!(output.status.success());
    assert_eq!(text(&output.stdout), vpcplan_import::collect_script());
}

#[test]
fn an_export_imports_back_through_the_cli_with_its_deploy_notes() {
    let dir = tempfile::tempdir().unwrap();
    let design = fixture("peering-security-group-references.json");
    let export = vpcplan(&[
        "export",
        design.to_str().unwrap(),
        "--to",
        "cloudformation",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("cloudformation"))
        .unwrap()
        .map(|entry| entry.unwrap().path().display().to_string())
        .filter(|path| path.ends_with(".yaml") || path.ends_with("DEPLOY.md"))
        .collect();
    files.sort();
    let out = dir.path().join("back.json");
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--from", "cloudformation", "--out", out.to_str().unwrap()]);
    let output = vpcplan(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let back = vpcplan_core::file::read_design(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let original =
        vpcplan_core::file::read_design(&std::fs::read_to_string(&design).unwrap()).unwrap();
    let ids = |d: &vpcplan_core::Design| {
        let mut ids: Vec<String> = d
            .vpcs
            .iter()
            .map(|v| v.id.to_string())
            .chain(d.links.iter().map(|l| l.id.to_string()))
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&back), ids(&original));
}
