//! `verify.sh`: the same file in both exports, the core's verdicts as the
//! expectations, the ends it picks, the intents it cannot analyse, and runs
//! against a fake `aws` for what the script itself decides (the count and
//! the question, the verdicts it prints and its exit status, and the
//! temporary resources it always deletes). What AWS answers is not
//! simulated beyond that: the fake says "found" or "not found" as told.

use vpcplan_core::design::{RouteTable, RouteTableId, Subnet, SubnetId};
use vpcplan_core::{Node, reachability};

use super::*;
use crate::{CloudFormationOptions, cloudformation};

pub(super) fn verify(design: &Design) -> String {
    let files = cli_scripts(design, &ExportOptions { allow_errors: true }).unwrap();
    let verify = files
        .into_iter()
        .find(|file| file.path == "cli/verify.sh")
        .expect("cli/verify.sh");
    verify.contents
}

/// The generated calls of one function, each as the words bash makes of
/// them.
fn calls_of(script: &str, function: &str) -> Vec<Vec<String>> {
    let prefix = format!("{function} ");
    logical_lines(script)
        .iter()
        .filter(|line| line.starts_with(&prefix))
        .map(|line| bash_words(line))
        .collect()
}

/// What bash makes of a line's words, through bash itself.
fn bash_words(line: &str) -> Vec<String> {
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("printf '%s\\0' {line}"))
        .env("LC_ALL", "C.UTF-8")
        .output()
        .unwrap();
    assert!(output.status.success(), "{line}");
    let mut words: Vec<String> = output
        .stdout
        .split(|byte| *byte == 0)
        .map(|word| String::from_utf8(word.to_vec()).unwrap())
        .collect();
    words.pop();
    words
}

#[test]
fn both_exports_carry_the_same_verify_sh() {
    for name in fixture_names() {
        let design = fixture(&name);
        let cli = verify(&design);
        for format in [crate::TemplateFormat::Yaml, crate::TemplateFormat::Json] {
            let files = cloudformation(
                &design,
                &CloudFormationOptions {
                    export: ExportOptions { allow_errors: true },
                    format,
                },
            )
            .unwrap();
            let last = files.last().unwrap();
            assert_eq!(last.path, "cloudformation/verify.sh", "{name}");
            assert!(last.contents == cli, "{name}: the two verify.sh differ");
        }
    }
}

#[test]
fn snapshots_of_the_fixture_verify_scripts() {
    for name in fixture_names() {
        let stem = name.trim_end_matches(".json");
        let script = verify(&fixture(&name));
        if stem.starts_with("mesh-") {
            let mut summary = String::new();
            for function in [
                "plan_line",
                "find_one",
                "temp_group",
                "temp_interface",
                "allow_from",
                "start_analysis",
                "verdict",
                "skipped",
            ] {
                summary.push_str(&format!(
                    "{function}: {}\n",
                    calls_of(&script, function).len()
                ));
            }
            insta::assert_snapshot!(format!("{stem}-verify-summary"), summary);
        } else {
            insta::assert_snapshot!(format!("{stem}-verify"), script);
        }
    }
}

/// Every intent is listed once with the core's verdict, and the count the
/// script states is the number of analyses it starts.
#[test]
fn expectations_are_the_cores_verdicts_and_the_count_is_right() {
    for name in fixture_names() {
        let design = fixture(&name);
        let script = verify(&design);
        let plan_lines = calls_of(&script, "plan_line");
        let verdicts = calls_of(&script, "verdict");
        let skipped = calls_of(&script, "skipped");
        let starts = calls_of(&script, "start_analysis");
        assert_eq!(plan_lines.len(), design.intents.len(), "{name}");
        assert_eq!(
            verdicts.len() + skipped.len(),
            design.intents.len(),
            "{name}"
        );
        assert_eq!(starts.len(), verdicts.len(), "{name}");
        assert!(
            script.contains(&format!("\nDESIGN_ANALYSES={}\n", starts.len())),
            "{name}"
        );
        let results: Vec<&Vec<String>> = logical_lines(&script)
            .iter()
            .filter(|line| line.starts_with("verdict ") || line.starts_with("skipped "))
            .map(|line| {
                verdicts
                    .iter()
                    .chain(&skipped)
                    .find(|words| **words == bash_words(line))
                    .unwrap()
            })
            .collect();
        for ((intent, plan_line), result) in design.intents.iter().zip(&plan_lines).zip(results) {
            let expected =
                reachability(&design, &Node::from(&intent.from), &Node::from(&intent.to))
                    .is_reachable();
            let word = if expected { "reachable" } else { "unreachable" };
            assert_eq!(plan_line[1], intent.id.as_str(), "{name}");
            assert_eq!(plan_line[3], word, "{name}: {}", intent.id);
            assert_eq!(result[1], intent.id.as_str(), "{name}");
            assert_eq!(result[3], word, "{name}: {}", intent.id);
        }
    }
    // The transitive-peering mistake expects its intent to fail, and says so.
    let script = verify(&fixture("mistake-transitive-peering.json"));
    assert_eq!(calls_of(&script, "verdict")[0][3], "unreachable");
}

/// A VPC's first subnet is not always the one the design reaches from:
/// the script analyses from a subnet where the core's verdict is the
/// intent's, not from the first one.
#[test]
fn a_vpc_end_is_a_subnet_where_the_core_gives_the_intents_verdict() {
    let mut design = fixture("article-peering.json");
    let vpc_a = &mut design.vpcs[0];
    vpc_a.subnets.insert(
        0,
        Subnet {
            id: SubnetId::new("subnet-a-isolated"),
            name: "A isolated".to_owned(),
            ipv4_cidr: Some("172.31.16.0/20".parse().unwrap()),
            ipv6_cidr: None,
            availability_zone: "ap-northeast-1a".to_owned(),
            availability_zone_id: Some("apne1-az4".to_owned()),
        },
    );
    vpc_a.route_tables.push(RouteTable {
        id: RouteTableId::new("rtb-a-isolated"),
        name: "A isolated".to_owned(),
        main: false,
        subnets: vec![SubnetId::new("subnet-a-isolated")],
        routes: Vec::new(),
    });
    let LinkSpec::Peering(peering) = &mut design.links[0].spec else {
        panic!("the fixture's link is a peering");
    };
    peering
        .excluded_route_tables
        .push(RouteTableId::new("rtb-a-isolated"));
    // The core: VPC A reaches VPC B, but not from the isolated subnet.
    assert!(reachability(&design, &Node::vpc("vpc-a"), &Node::vpc("vpc-b")).is_reachable());
    assert!(
        !reachability(
            &design,
            &Node::subnet("vpc-a", "subnet-a-isolated"),
            &Node::vpc("vpc-b")
        )
        .is_reachable()
    );
    let script = verify(&design);
    let interfaces = calls_of(&script, "temp_interface");
    assert_eq!(interfaces[0][1], "ENI_FROM_A_1A", "{script}");
    assert!(!script.contains("subnet \"A isolated\""), "{script}");
}

#[test]
fn intents_across_regions_or_accounts_are_listed_and_not_analysed() {
    let script = verify(&fixture("cross-account-cross-region-peering.json"));
    assert!(script.contains("\nDESIGN_ANALYSES=0\n"));
    let skipped = calls_of(&script, "skipped");
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0][4].contains("different Regions"),
        "{:?}",
        skipped[0]
    );
    assert!(calls_of(&script, "temp_interface").is_empty());

    let mut design = fixture("cross-account-cross-region-peering.json");
    for vpc in &mut design.vpcs {
        vpc.region = "ap-northeast-1".to_owned();
    }
    let skipped = calls_of(&verify(&design), "skipped");
    assert!(
        skipped[0][4].contains("different accounts"),
        "{:?}",
        skipped[0]
    );
}

/// Names reach the filters exactly, cut as tags are and with the characters
/// EC2 filters take as wildcards escaped.
#[test]
fn name_filters_match_the_tag_literally() {
    use super::super::verify::name_filter;
    assert_eq!(name_filter("VPC A"), "VPC A");
    assert_eq!(name_filter(r"a*b?c\d"), r"a\*b\?c\\d");
    let long = "x".repeat(300);
    assert_eq!(name_filter(&long), "x".repeat(256));
}

// ------------------------------------------------------ against a fake aws

/// A fake `aws`: records each call's arguments, answers what the script
/// reads, and fails the operation named in `FAKE_FAIL`. Analyses finish as
/// `FAKE_FOUND` says (`True` or `False`), after one `running` answer.
const FAKE_AWS: &str = r#"#!/usr/bin/env bash
dir=$FAKE_AWS_DIR
count=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$count" >"$dir/count"
printf '%s\0' "$@" >"$dir/call-$(printf %05d "$count")"
operation=$2
if [[ $operation == "${FAKE_FAIL:-}" ]]; then
    echo "An error occurred (FakeFailure) when calling $operation" >&2
    exit 254
fi
case $operation in
    describe-vpcs) echo "vpc-$count" ;;
    describe-subnets) echo "subnet-$count" ;;
    describe-vpc-endpoints) echo "vpce-$count" ;;
    describe-vpc-endpoint-service-configurations) echo com.amazonaws.vpce.r.vpce-svc-1 ;;
    create-security-group) echo "sg-$count" ;;
    create-network-interface) printf 'eni-%s\t10.0.0.%s\n' "$count" "$count" ;;
    create-network-insights-path) echo "nip-$count" ;;
    start-network-insights-analysis) echo "nia-$count" ;;
    describe-network-insights-analyses)
        for argument in "$@"; do [[ $argument == nia-* ]] && analysis=$argument; done
        if [[ -e $dir/seen-$analysis ]]; then
            printf 'succeeded\t%s\tNone\n' "${FAKE_FOUND:-True}"
        else
            touch "$dir/seen-$analysis"
            printf 'running\tNone\tNone\n'
        fi
        ;;
esac
"#;

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    calls: Vec<Vec<String>>,
}

fn run_verify(script: &str, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    use std::io::Write as _;
    let dir = a_temp_dir("verify");
    let calls = dir.join("calls");
    std::fs::create_dir_all(&calls).unwrap();
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let aws = bin.join("aws");
    std::fs::write(&aws, FAKE_AWS).unwrap();
    let path = dir.join("verify.sh");
    std::fs::write(&path, script).unwrap();
    assert!(
        Command::new("chmod")
            .arg("+x")
            .arg(&aws)
            .arg(&path)
            .status()
            .unwrap()
            .success()
    );
    let mut command = Command::new(&path);
    command
        .args(args)
        .current_dir(&dir)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("FAKE_AWS_DIR", &calls)
        .env("VPCPLAN_POLL", "0")
        .env("VPCPLAN_TIMEOUT", "5")
        .env_remove("AWS_PROFILE")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&calls)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("call-")
        })
        .collect();
    files.sort();
    let calls = files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(file).unwrap();
            let mut args: Vec<String> = bytes
                .split(|byte| *byte == 0)
                .map(|arg| String::from_utf8(arg.to_vec()).unwrap())
                .collect();
            args.pop();
            args
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        calls,
    }
}

fn operations(run: &Run) -> Vec<&str> {
    run.calls.iter().map(|call| call[1].as_str()).collect()
}

/// The id each create call got (the fake numbers them by call), but for
/// the calls of the `failed` operation.
fn created_ids(run: &Run, failed: &str) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    for (index, call) in run.calls.iter().enumerate() {
        let number = index + 1;
        if call[1] == failed {
            continue;
        }
        let id = match call[1].as_str() {
            "create-security-group" => format!("sg-{number}"),
            "create-network-interface" => format!("eni-{number}"),
            "create-network-insights-path" => format!("nip-{number}"),
            "start-network-insights-analysis" => format!("nia-{number}"),
            _ => continue,
        };
        ids.push((call[1].clone(), id));
    }
    ids
}

/// The ids deleted, in order.
fn deleted_ids(run: &Run) -> Vec<String> {
    run.calls
        .iter()
        .filter(|call| call[1].starts_with("delete-"))
        .map(|call| call.last().unwrap().clone())
        .collect()
}

/// Everything created is deleted once, newest first.
fn assert_all_deleted_newest_first(run: &Run, failed: &str) {
    let mut created: Vec<String> = created_ids(run, failed)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    created.reverse();
    assert_eq!(deleted_ids(run), created, "{}", run.stderr);
}

#[test]
fn without_yes_it_asks_and_creates_nothing_unless_told_yes() {
    let script = verify(&fixture("article-peering.json"));
    for answer in ["", "n\n", "maybe\n"] {
        let run = run_verify(&script, &[], answer, &[]);
        assert_eq!(run.code, Some(1), "{answer:?}: {}", run.stderr);
        assert!(run.calls.is_empty(), "{answer:?}: {:?}", run.calls);
        assert!(
            run.stderr
                .contains("this run makes 2 Reachability Analyzer analyses")
                && run.stderr.contains(
                    "AWS charges for each analysis (https://aws.amazon.com/vpc/pricing/)"
                )
                && run.stderr.contains("run 2 analyses? [y/N]")
                && run.stderr.contains("not confirmed; nothing was created"),
            "{}",
            run.stderr
        );
    }
    let run = run_verify(&script, &[], "y\n", &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        operations(&run)
            .iter()
            .filter(|operation| **operation == "start-network-insights-analysis")
            .count(),
        2
    );
}

#[test]
fn agreeing_analyses_exit_zero_and_everything_is_deleted() {
    let script = verify(&fixture("article-peering.json"));
    let run = run_verify(&script, &["--yes"], "", &[("FAKE_FOUND", "True")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "AGREE     intent a-to-b: VPC A \u{2192} VPC B: vpcplan expects reachable; AWS finds it reachable\n\
         AGREE     intent b-to-a: VPC B \u{2192} VPC A: vpcplan expects reachable; AWS finds it reachable\n"
    );
    let created = created_ids(&run, "");
    let count = |kind: &str| {
        created
            .iter()
            .filter(|(operation, _)| operation == kind)
            .count()
    };
    // Two VPCs: a group each, a source and a destination interface each.
    assert_eq!(count("create-security-group"), 2);
    assert_eq!(count("create-network-interface"), 4);
    assert_eq!(count("create-network-insights-path"), 2);
    assert_eq!(count("start-network-insights-analysis"), 2);
    assert_all_deleted_newest_first(&run, "");
    // Paths and analyses are tagged with the run, the design and a name.
    for call in &run.calls {
        if let Some(spec) = option_value(call, "--tag-specifications") {
            let spec: serde_json::Value = serde_json::from_str(spec).unwrap();
            let tags = spec[0]["Tags"].as_array().unwrap();
            let keys: Vec<&str> = tags
                .iter()
                .map(|tag| tag["Key"].as_str().unwrap())
                .collect();
            assert_eq!(
                keys,
                ["Name", "vpcplan:design", "vpcplan:verify"],
                "{call:?}"
            );
            assert!(tags[2]["Value"].as_str().unwrap().starts_with("verify-"));
        }
    }
    // The destination's group lets the source's address in, on the port.
    let allow = run
        .calls
        .iter()
        .find(|call| call[1] == "authorize-security-group-ingress")
        .unwrap();
    assert_eq!(option_value(allow, "--port"), Some("443"));
    assert!(
        option_value(allow, "--cidr")
            .unwrap()
            .starts_with("10.0.0.")
    );
}

#[test]
fn a_disagreement_exits_non_zero_and_still_deletes_everything() {
    let script = verify(&fixture("article-peering.json"));
    let run = run_verify(&script, &["--yes"], "", &[("FAKE_FOUND", "False")]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("DISAGREE  intent a-to-b: VPC A \u{2192} VPC B: vpcplan expects reachable; AWS finds it unreachable (analysis nia-"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("0 agree, 2 disagree"), "{}", run.stderr);
    assert_all_deleted_newest_first(&run, "");

    // The transitive mistake expects no path: AWS finding none agrees.
    let script = verify(&fixture("mistake-transitive-peering.json"));
    let run = run_verify(&script, &["--yes"], "", &[("FAKE_FOUND", "False")]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("vpcplan expects unreachable; AWS finds it unreachable")
    );
}

/// Whatever call fails, what was created before it is deleted (the EXIT
/// trap), newest first, and the script exits non-zero.
#[test]
fn a_failing_call_still_deletes_what_was_created() {
    let script = verify(&fixture("article-peering.json"));
    for failing in [
        "create-network-interface",
        "authorize-security-group-ingress",
        "create-network-insights-path",
        "start-network-insights-analysis",
        "describe-network-insights-analyses",
    ] {
        let run = run_verify(&script, &["--yes"], "", &[("FAKE_FAIL", failing)]);
        assert_ne!(run.code, Some(0), "{failing}: {}", run.stderr);
        assert!(
            run.stderr.contains("FakeFailure"),
            "{failing}: {}",
            run.stderr
        );
        assert!(!created_ids(&run, failing).is_empty(), "{failing}");
        assert_all_deleted_newest_first(&run, failing);
    }
}

#[test]
fn endpoints_are_found_by_their_vpc_type_and_service_name() {
    let script = verify(&fixture("endpoint-service-nlb-cross-account.json"));
    let run = run_verify(&script, &["--yes"], "", &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let find = run
        .calls
        .iter()
        .find(|call| call[1] == "describe-vpc-endpoints")
        .unwrap();
    let filters: serde_json::Value =
        serde_json::from_str(option_value(find, "--filters").unwrap()).unwrap();
    assert_eq!(
        filters,
        serde_json::json!([
            {"Name": "vpc-id", "Values": ["vpc-1"]},
            {"Name": "vpc-endpoint-type", "Values": ["Interface"]},
            {"Name": "service-name", "Values": ["com.amazonaws.vpce.r.vpce-svc-1"]},
        ])
    );
    // The service name is read in the provider's account.
    let lookup = run
        .calls
        .iter()
        .find(|call| call[1] == "describe-vpc-endpoint-service-configurations")
        .unwrap();
    assert_eq!(option_value(lookup, "--profile"), Some("acct-222222222222"));
    let path = run
        .calls
        .iter()
        .find(|call| call[1] == "create-network-insights-path")
        .unwrap();
    assert!(
        option_value(path, "--destination")
            .unwrap()
            .starts_with("vpce-")
    );

    let script = verify(&fixture("s3-gateway-endpoint.json"));
    let run = run_verify(&script, &["--yes"], "", &[]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let find = run
        .calls
        .iter()
        .find(|call| call[1] == "describe-vpc-endpoints")
        .unwrap();
    let filters = option_value(find, "--filters").unwrap();
    assert!(
        filters.contains(r#"{"Name":"vpc-endpoint-type","Values":["Gateway"]}"#)
            && filters.contains(
                r#"{"Name":"service-name","Values":["com.amazonaws.ap-northeast-1.s3"]}"#
            ),
        "{filters}"
    );
}

#[test]
fn hostile_names_reach_the_filters_exactly_and_run_nothing() {
    let dir = a_temp_dir("verify-hostile");
    let marker = dir.join("pwned");
    let design = hostile_design(&marker);
    let script = verify(&design);
    let run = run_verify(&script, &["--yes"], "", &[]);
    assert!(!marker.exists(), "a hostile name ran a command");
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut names = HashSet::new();
    for call in &run.calls {
        if let Some(filters) = option_value(call, "--filters") {
            let filters: serde_json::Value = serde_json::from_str(filters).unwrap();
            for filter in filters.as_array().unwrap() {
                if filter["Name"] == "tag:Name" {
                    names.insert(filter["Values"][0].as_str().unwrap().to_owned());
                }
            }
        }
    }
    assert!(!names.is_empty());
    let designed: HashSet<String> = design
        .vpcs
        .iter()
        .flat_map(|vpc| {
            std::iter::once(vpc.name.as_str()).chain(vpc.subnets.iter().map(|s| s.name.as_str()))
        })
        .chain(design.services.iter().map(|service| service.name.as_str()))
        .map(super::super::verify::name_filter)
        .collect();
    for name in &names {
        assert!(designed.contains(name), "{name:?} is not a designed name");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn option_value<'c>(call: &'c [String], flag: &str) -> Option<&'c str> {
    call.windows(2)
        .find(|pair| pair[0] == flag)
        .map(|pair| pair[1].as_str())
}
