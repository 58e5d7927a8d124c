//! The machinery of the export tests: the real tools users trust (cfn-lint,
//! shellcheck, the AWS CLI) and a local AWS API mock (moto's server) to deploy
//! to, with a summary of what the mock then holds.
//!
//! The Python tools live in the virtualenv that `cargo xtask setup` creates
//! (`.tools/venv`, or wherever `VPCPLAN_TOOLS_BIN` points); shellcheck comes
//! from Debian. A missing tool fails the test with the command that installs
//! it: a skipped check would hide a gap.
//!
//! Accounts on the mock: moto maps every plain access key to 123456789012.
//! Any other account is reached the way users often reach theirs, through an
//! assume-role profile: `[profile acct-<account>]` with
//! `role_arn = arn:aws:iam::<account>:role/any` and `source_profile = default`;
//! the CLI calls STS on the mock and then acts as that account.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::io::Read as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use vpcplan_export::cloudformation::{DeployPlan, DeployStep, ParameterValue, StepAction};

/// The account moto gives plain access keys.
pub const MOTO_DEFAULT_ACCOUNT: &str = "123456789012";

/// The Region the CLI falls back to when a command has no `--region`. No
/// fixture uses it, so a step that forgets its Region lands where the checks
/// notice it.
pub const FALLBACK_REGION: &str = "sa-east-1";

/// The largest template CloudFormation takes inline (`--template-body`);
/// larger ones go through S3.
pub const INLINE_TEMPLATE_MAX_BYTES: u64 = 51_200;

const SETUP_HINT: &str = "run `cargo xtask setup` (it installs cfn-lint, moto[server] and the AWS CLI \
     into .tools/venv at the pinned versions, and shellcheck from Debian)";

// ---------------------------------------------------------------------------
// Finding the tools
// ---------------------------------------------------------------------------

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate lives two levels below the repository root")
        .to_path_buf()
}

/// Where cfn-lint, moto's server and aws are: `VPCPLAN_TOOLS_BIN` when set
/// (the xtask sets it), else `<repo>/.tools/venv/bin`.
pub fn tools_bin() -> PathBuf {
    match std::env::var_os("VPCPLAN_TOOLS_BIN") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => repo_root().join(".tools/venv/bin"),
    }
}

/// A program of the tools virtualenv; panics with the setup hint when it is
/// not there.
pub fn tool(name: &str) -> PathBuf {
    tool_in(&tools_bin(), name)
}

pub fn tool_in(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "{name} is not installed at {}: {SETUP_HINT}",
        path.display()
    );
    path
}

/// shellcheck from PATH.
pub fn shellcheck_program() -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("shellcheck"))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("shellcheck is not on PATH: {SETUP_HINT}"))
}

/// PATH for child processes: the tools first, then what the tests run with.
fn child_path() -> OsString {
    let mut dirs = vec![tools_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

/// The text of a command's output, lossily decoded.
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------------------
// Linters
// ---------------------------------------------------------------------------

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

fn str_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

// ---------------------------------------------------------------------------
// The AWS API mock
// ---------------------------------------------------------------------------

/// The name of the CLI profile that acts as `account` on the mock.
pub fn profile(account: &str) -> String {
    format!("acct-{account}")
}

/// moto's server on 127.0.0.1 at a free port, with an AWS config that reaches
/// it as the given accounts. Killed when dropped.
pub struct MotoServer {
    child: Child,
    pub port: u16,
    pub endpoint: String,
    /// Holds the AWS config, the server's log and the children's HOME.
    dir: tempfile::TempDir,
}

impl MotoServer {
    /// Starts the mock with one `acct-<account>` profile per account.
    pub fn start(accounts: &[&str]) -> MotoServer {
        let dir = tempfile::Builder::new()
            .prefix("vpcplan-moto-")
            .tempdir()
            .expect("a temporary directory");
        write_aws_config(dir.path(), accounts);
        fs::create_dir_all(dir.path().join("home")).expect("a HOME for the children");
        // The port is free when asked; another process could take it before
        // the server binds it, so a start that fails is tried again.
        let mut failures = Vec::new();
        for _ in 0..3 {
            let port = free_port();
            match launch(dir.path(), port) {
                Ok(child) => {
                    return MotoServer {
                        child,
                        port,
                        endpoint: format!("http://127.0.0.1:{port}"),
                        dir,
                    };
                }
                Err(error) => failures.push(error),
            }
        }
        panic!("moto's server did not start:\n{}", failures.join("\n---\n"));
    }

    /// The directory with `config`, `credentials` and the server's log.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// What the server logged so far (for failure messages).
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("moto.log")).unwrap_or_default()
    }

    /// A command with an environment that reaches the mock and nothing else:
    /// the environment is cleared (no real credentials, profiles or AWS
    /// settings get through), then PATH (the tools first), a temporary HOME,
    /// a UTF-8 locale and the AWS settings are set.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env_clear()
            .env("PATH", child_path())
            .env("HOME", self.dir.path().join("home"))
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .env("PYTHONIOENCODING", "utf-8")
            .env("TMPDIR", std::env::temp_dir())
            .env("AWS_ENDPOINT_URL", &self.endpoint)
            .env("AWS_CONFIG_FILE", self.dir.path().join("config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.dir.path().join("credentials"),
            )
            .env("AWS_DEFAULT_REGION", FALLBACK_REGION)
            .env("AWS_PAGER", "")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .current_dir(self.dir.path());
        command
    }

    /// Runs the venv's `aws` with `args` and `--output json`; its JSON
    /// answer, `Value::Null` when it prints nothing, or the error text.
    pub fn try_aws(&self, args: &[&str]) -> Result<Value, String> {
        let output = self
            .command(tool("aws"))
            .args(args)
            .args(["--output", "json"])
            .stdin(Stdio::null())
            .output()
            .expect("aws starts");
        let stdout = text(&output.stdout);
        if !output.status.success() {
            return Err(format!(
                "`aws {}` failed ({}): {}{}",
                args.join(" "),
                output.status,
                text(&output.stderr).trim(),
                stdout.trim()
            ));
        }
        if stdout.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&stdout).map_err(|error| {
            format!(
                "`aws {}` printed no JSON ({error}): {stdout}",
                args.join(" ")
            )
        })
    }

    /// `try_aws`, failing the test on an error.
    pub fn aws(&self, args: &[&str]) -> Value {
        self.try_aws(args).unwrap_or_else(|error| panic!("{error}"))
    }

    /// `aws` as `account` in `region`.
    pub fn aws_as(&self, account: &str, region: &str, args: &[&str]) -> Value {
        let profile = profile(account);
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--profile", &profile, "--region", region]);
        self.aws(&all)
    }

    /// Runs a bash script against the mock from a fresh working directory,
    /// giving it `timeout` to finish.
    pub fn run_script(&self, script: &Path, args: &[&str], timeout: Duration) -> ScriptRun {
        let work = tempfile::Builder::new()
            .prefix("vpcplan-script-")
            .tempdir()
            .expect("a temporary directory");
        self.run_script_in(work.path(), script, args, timeout)
    }

    /// Runs a bash script against the mock from `cwd` (scripts that work as a
    /// pair, such as deploy and teardown, may leave state there), giving it
    /// `timeout` to finish. Its output goes to files beside `cwd`.
    pub fn run_script_in(
        &self,
        cwd: &Path,
        script: &Path,
        args: &[&str],
        timeout: Duration,
    ) -> ScriptRun {
        let logs = tempfile::Builder::new()
            .prefix("vpcplan-script-log-")
            .tempdir()
            .expect("a temporary directory");
        let stdout_path = logs.path().join("stdout");
        let stderr_path = logs.path().join("stderr");
        let started = Instant::now();
        let mut child = self
            .command("bash")
            .arg(script)
            .args(args)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(fs::File::create(&stdout_path).expect("stdout file"))
            .stderr(fs::File::create(&stderr_path).expect("stderr file"))
            .spawn()
            .expect("bash starts");
        let status = loop {
            if let Some(status) = child.try_wait().expect("waiting for the script") {
                break Some(status);
            }
            if started.elapsed() > timeout {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        ScriptRun {
            success: status.is_some_and(|status| status.success()),
            timed_out: status.is_none(),
            code: status.and_then(|status| status.code()),
            stdout: fs::read_to_string(&stdout_path).unwrap_or_default(),
            stderr: fs::read_to_string(&stderr_path).unwrap_or_default(),
            seconds: started.elapsed().as_secs_f64(),
        }
    }

    /// Creates a stack from a template file as `account` in `region` and
    /// polls `describe-stacks` until it reaches a final status.
    pub fn deploy_stack(
        &self,
        template: &Path,
        stack_name: &str,
        region: &str,
        account: &str,
        parameters: &[(String, String)],
    ) -> Stack {
        let parameters: Vec<StackParameter> = parameters
            .iter()
            .map(|(key, value)| StackParameter::Value(key.clone(), value.clone()))
            .collect();
        self.stack_operation(
            "create-stack",
            template,
            stack_name,
            region,
            account,
            &parameters,
        )
    }

    /// Updates a stack with a template file as `account` in `region` (the
    /// parameters not given keep their previous values) and polls
    /// `describe-stacks` until it reaches a final status.
    pub fn update_stack(
        &self,
        template: &Path,
        stack_name: &str,
        region: &str,
        account: &str,
        parameters: &[StackParameter],
    ) -> Stack {
        self.stack_operation(
            "update-stack",
            template,
            stack_name,
            region,
            account,
            parameters,
        )
    }

    /// Puts a template into a bucket of `account` in `region` (created on
    /// first use), as CloudFormation needs for templates over
    /// [`INLINE_TEMPLATE_MAX_BYTES`], and returns its URL.
    fn upload_template(&self, template: &Path, account: &str, region: &str) -> String {
        let bucket = format!("vpcplan-templates-{account}-{region}");
        let profile = profile(account);
        let mut create = vec![
            "s3api",
            "create-bucket",
            "--bucket",
            &bucket,
            "--profile",
            &profile,
            "--region",
            region,
        ];
        let location = format!("LocationConstraint={region}");
        if region != "us-east-1" {
            create.extend(["--create-bucket-configuration", &location]);
        }
        if let Err(error) = self.try_aws(&create) {
            assert!(
                error.contains("BucketAlreadyOwnedByYou"),
                "creating the template bucket: {error}"
            );
        }
        let key = template
            .file_name()
            .expect("a template file")
            .to_string_lossy()
            .into_owned();
        let body = template.to_string_lossy();
        self.aws(&[
            "s3api",
            "put-object",
            "--bucket",
            &bucket,
            "--key",
            &key,
            "--body",
            &body,
            "--profile",
            &profile,
            "--region",
            region,
        ]);
        format!("https://{bucket}.s3.{region}.amazonaws.com/{key}")
    }

    fn stack_operation(
        &self,
        operation: &str,
        template: &Path,
        stack_name: &str,
        region: &str,
        account: &str,
        parameters: &[StackParameter],
    ) -> Stack {
        let profile = profile(account);
        let size = fs::metadata(template).map_or(0, |metadata| metadata.len());
        let (template_option, template_value) = if size > INLINE_TEMPLATE_MAX_BYTES {
            (
                "--template-url",
                self.upload_template(template, account, region),
            )
        } else {
            ("--template-body", format!("file://{}", template.display()))
        };
        let mut args: Vec<String> = [
            "cloudformation",
            operation,
            "--stack-name",
            stack_name,
            template_option,
            &template_value,
            "--capabilities",
            "CAPABILITY_IAM",
            "CAPABILITY_NAMED_IAM",
            "--profile",
            &profile,
            "--region",
            region,
        ]
        .map(str::to_owned)
        .to_vec();
        if !parameters.is_empty() {
            args.push("--parameters".to_owned());
            // The shorthand syntax would split values at commas; JSON keeps
            // any value intact.
            let list: Vec<Value> = parameters
                .iter()
                .map(|parameter| match parameter {
                    StackParameter::Value(key, value) => {
                        serde_json::json!({"ParameterKey": key, "ParameterValue": value})
                    }
                    StackParameter::Previous(key) => {
                        serde_json::json!({"ParameterKey": key, "UsePreviousValue": true})
                    }
                })
                .collect();
            args.push(Value::Array(list).to_string());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if let Err(error) = self.try_aws(&args) {
            // moto fails the call itself when a resource cannot be created.
            return Stack {
                name: stack_name.to_owned(),
                status: if operation == "create-stack" {
                    "CREATE_FAILED"
                } else {
                    "UPDATE_FAILED"
                }
                .to_owned(),
                reason: error,
                outputs: BTreeMap::new(),
            };
        }
        let started = Instant::now();
        loop {
            let described = self.aws(&[
                "cloudformation",
                "describe-stacks",
                "--stack-name",
                stack_name,
                "--profile",
                &profile,
                "--region",
                region,
            ]);
            let stack = &described["Stacks"][0];
            let status = str_at(stack, "/StackStatus");
            if !status.ends_with("_IN_PROGRESS") || started.elapsed() > Duration::from_secs(120) {
                let outputs = stack["Outputs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|output| (str_at(output, "/OutputKey"), str_at(output, "/OutputValue")))
                    .collect();
                return Stack {
                    name: stack_name.to_owned(),
                    reason: str_at(stack, "/StackStatusReason"),
                    status,
                    outputs,
                };
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }

    /// What the mock holds for `account` in `region`.
    pub fn describe_network(&self, account: &str, region: &str) -> Network {
        self.describe_networks(&[(account.to_owned(), region.to_owned())])
            .pop()
            .expect("one network per place")
    }

    /// What the mock holds for each (account, Region), in the order given:
    /// the answers of describe-vpcs, -subnets, -vpc-peering-connections,
    /// -route-tables, -vpc-endpoints, -security-groups and
    /// -vpc-endpoint-service-configurations, all fetched by one Python
    /// process (`describe_networks.py`; an AWS CLI run per call costs a
    /// Python start each).
    pub fn describe_networks(&self, places: &[(String, String)]) -> Vec<Network> {
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/describe_networks.py");
        let pairs: Vec<[String; 2]> = places
            .iter()
            .map(|(account, region)| [profile(account), region.clone()])
            .collect();
        let output = self
            .command(tool("python"))
            .arg(&script)
            .arg(serde_json::to_string(&pairs).expect("JSON"))
            .stdin(Stdio::null())
            .output()
            .expect("python starts");
        assert!(
            output.status.success(),
            "describing {places:?} failed ({}): {}",
            output.status,
            text(&output.stderr)
        );
        let answers: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "describe_networks.py printed no JSON list ({error}): {}",
                text(&output.stdout)
            )
        });
        assert_eq!(answers.len(), places.len(), "one answer per place");
        answers
            .iter()
            .map(|answer| {
                Network::from_descriptions(
                    &answer["describe_vpcs"],
                    &answer["describe_subnets"],
                    &answer["describe_vpc_peering_connections"],
                    &answer["describe_route_tables"],
                    &answer["describe_vpc_endpoints"],
                    &answer["describe_security_groups"],
                    &answer["describe_vpc_endpoint_service_configurations"],
                )
            })
            .collect()
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Starts the server and waits until it answers HTTP; the error carries its
/// log.
fn launch(dir: &Path, port: u16) -> Result<Child, String> {
    let log_path = dir.join("moto.log");
    let log = fs::File::create(&log_path).expect("the server's log file");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/moto_server.py");
    let mut child = Command::new(tool("python"))
        .arg(&script)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .env_clear()
        .env("PATH", child_path())
        .env("HOME", dir.join("home"))
        .env("LANG", "C.UTF-8")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("the log file"))
        .stderr(log)
        .spawn()
        .map_err(|error| format!("could not start {}: {error}", script.display()))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("waiting for moto") {
            let log = fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("moto's server exited ({status}):\n{log}"));
        }
        if answers_http(port) {
            return Ok(child);
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            let log = fs::read_to_string(&log_path).unwrap_or_default();
            return Err(format!("moto's server did not answer within 60 s:\n{log}"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Whether an HTTP server answers on 127.0.0.1:`port`.
pub fn answers_http(port: u16) -> bool {
    use std::io::Write as _;
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if stream
        .write_all(b"GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/")
}

/// `config`: a default profile with the Region, and one `acct-<account>`
/// profile per account; `credentials`: dummy keys for the default profile.
/// moto's own account uses the keys directly; every other account assumes a
/// role in it.
fn write_aws_config(dir: &Path, accounts: &[&str]) {
    let mut config = format!("[default]\nregion = {FALLBACK_REGION}\n");
    let mut credentials = String::from(
        "[default]\naws_access_key_id = vpcplan-test-key\naws_secret_access_key = vpcplan-test-secret\n",
    );
    let unique: BTreeSet<&str> = accounts.iter().copied().collect();
    for account in unique {
        let name = profile(account);
        if account == MOTO_DEFAULT_ACCOUNT {
            let _ = write!(config, "\n[profile {name}]\nregion = {FALLBACK_REGION}\n");
            let _ = write!(
                credentials,
                "\n[{name}]\naws_access_key_id = vpcplan-test-key\naws_secret_access_key = vpcplan-test-secret\n"
            );
        } else {
            let _ = write!(
                config,
                "\n[profile {name}]\nrole_arn = arn:aws:iam::{account}:role/any\n\
                 source_profile = default\nregion = {FALLBACK_REGION}\n"
            );
        }
    }
    fs::write(dir.join("config"), config).expect("writing the AWS config");
    fs::write(dir.join("credentials"), credentials).expect("writing the AWS credentials");
}

/// How a script run ended.
#[derive(Debug)]
pub struct ScriptRun {
    pub success: bool,
    pub timed_out: bool,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub seconds: f64,
}

impl std::fmt::Display for ScriptRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}{} after {:.1} s\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            if self.timed_out { " (timed out)" } else { "" },
            self.seconds,
            self.stdout,
            self.stderr
        )
    }
}

/// A parameter passed to `update_stack`.
#[derive(Debug, Clone)]
pub enum StackParameter {
    Value(String, String),
    /// Keeps the value the stack has.
    Previous(String),
}

/// A stack after `deploy_stack`.
#[derive(Debug, Clone)]
pub struct Stack {
    pub name: String,
    /// `CREATE_COMPLETE`, or what went wrong (`CREATE_FAILED` when the
    /// create-stack call itself failed).
    pub status: String,
    pub reason: String,
    pub outputs: BTreeMap<String, String>,
}

// ---------------------------------------------------------------------------
// Templates and the order to deploy them in
// ---------------------------------------------------------------------------

/// A template's parameters (and whether each has a default) and outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateInterface {
    pub parameters: BTreeMap<String, bool>,
    pub outputs: BTreeSet<String>,
}

/// Reads a YAML (or JSON) template's interface; panics when it does not
/// parse as YAML with a `Resources` mapping.
pub fn template_interface(template: &str) -> TemplateInterface {
    let document = parse_template(template);
    let keys = |section: &str| -> Vec<(String, yaml_serde::Value)> {
        document
            .get(section)
            .and_then(yaml_serde::Value::as_mapping)
            .map(|mapping| {
                mapping
                    .iter()
                    .filter_map(|(key, value)| Some((key.as_str()?.to_owned(), value.clone())))
                    .collect()
            })
            .unwrap_or_default()
    };
    TemplateInterface {
        parameters: keys("Parameters")
            .into_iter()
            .map(|(name, declaration)| (name, declaration.get("Default").is_some()))
            .collect(),
        outputs: keys("Outputs").into_iter().map(|(name, _)| name).collect(),
    }
}

/// A template parsed as YAML (CloudFormation's short tags such as `!Ref`
/// stay tagged values); panics when it does not parse or has no resources.
pub fn parse_template(template: &str) -> yaml_serde::Value {
    let document: yaml_serde::Value = yaml_serde::from_str(template)
        .unwrap_or_else(|error| panic!("the template is not YAML: {error}\n{template}"));
    assert!(
        document
            .get("Resources")
            .and_then(yaml_serde::Value::as_mapping)
            .is_some_and(|resources| !resources.is_empty()),
        "the template has no Resources:\n{template}"
    );
    document
}

/// A template to deploy as an account in a Region.
#[derive(Debug, Clone)]
pub struct StackPlan {
    pub template: PathBuf,
    pub stack_name: String,
    pub account: String,
    pub region: String,
}

/// Deploys the stacks in the order given, filling each parameter from the
/// output of the same name of a stack deployed before it (this is how the
/// exported templates hand ids across accounts and Regions). A parameter with
/// a default and no such output keeps its default; one with neither fails the
/// test. Stops at the first stack that does not reach `CREATE_COMPLETE` and
/// returns the stacks so far.
pub fn deploy_in_order(server: &MotoServer, plans: &[StackPlan]) -> Vec<Stack> {
    let mut outputs: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut stacks = Vec::new();
    for plan in plans {
        let body = fs::read_to_string(&plan.template).expect("reading the template");
        let interface = template_interface(&body);
        let mut parameters = Vec::new();
        for (name, has_default) in &interface.parameters {
            match outputs.get(name) {
                Some((value, _)) => parameters.push((name.clone(), value.clone())),
                None if *has_default => {}
                None => panic!(
                    "{}: parameter {name} has no default and no stack deployed before it \
                     has an output of that name (outputs so far: {:?})",
                    plan.template.display(),
                    outputs.keys().collect::<Vec<_>>()
                ),
            }
        }
        let stack = server.deploy_stack(
            &plan.template,
            &plan.stack_name,
            &plan.region,
            &plan.account,
            &parameters,
        );
        let done = stack.status == "CREATE_COMPLETE";
        for (key, value) in &stack.outputs {
            if let Some((_, from)) = outputs.get(key) {
                panic!(
                    "output {key} of {} repeats the one of {from}: later stacks could not tell them apart",
                    plan.stack_name
                );
            }
            outputs.insert(key.clone(), (value.clone(), plan.stack_name.clone()));
        }
        stacks.push(stack);
        if !done {
            break;
        }
    }
    stacks
}

/// Deploys an export's stacks the way its `DEPLOY.md` says, from the same
/// plan as data: each step creates or updates its stack as its account in
/// its Region, with every parameter the step names taken from the output of
/// the stack it names (or, for a value only the user knows, its default),
/// and on an update every other parameter kept. `dir` holds `cloudformation/`.
/// Stops at the first step that does not complete and returns the stacks
/// after each step so far.
pub fn deploy_plan(server: &MotoServer, dir: &Path, plan: &DeployPlan) -> Vec<(DeployStep, Stack)> {
    let mut outputs: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut done = Vec::new();
    for step in &plan.steps {
        let template = dir.join(&step.template);
        let mut parameters = Vec::new();
        for parameter in &step.parameters {
            let value = match &parameter.value {
                ParameterValue::Output {
                    stack_name, output, ..
                } => outputs
                    .get(stack_name)
                    .and_then(|found| found.get(output))
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: parameter {} takes the output {output} of {stack_name}, which \
                             has no such output by then (outputs so far: {outputs:?})",
                            step.stack_name, parameter.name
                        )
                    })
                    .clone(),
                ParameterValue::UserInput {
                    default: Some(default),
                    ..
                } => default.clone(),
                ParameterValue::UserInput {
                    description,
                    default: None,
                } => panic!(
                    "{}: parameter {} is a value only the user knows and has no default: {description}",
                    step.stack_name, parameter.name
                ),
            };
            parameters.push(StackParameter::Value(parameter.name.clone(), value));
        }
        let stack = match step.action {
            StepAction::Create => {
                let values: Vec<(String, String)> = parameters
                    .into_iter()
                    .filter_map(|parameter| match parameter {
                        StackParameter::Value(key, value) => Some((key, value)),
                        StackParameter::Previous(_) => None,
                    })
                    .collect();
                server.deploy_stack(
                    &template,
                    &step.stack_name,
                    &step.region,
                    &step.account,
                    &values,
                )
            }
            StepAction::Update => {
                let body = fs::read_to_string(&template).expect("reading the template");
                for name in template_interface(&body).parameters.into_keys() {
                    if !step.parameters.iter().any(|given| given.name == name) {
                        parameters.push(StackParameter::Previous(name));
                    }
                }
                server.update_stack(
                    &template,
                    &step.stack_name,
                    &step.region,
                    &step.account,
                    &parameters,
                )
            }
        };
        let complete = stack.status.ends_with("_COMPLETE") && !stack.status.contains("ROLLBACK");
        outputs.insert(step.stack_name.clone(), stack.outputs.clone());
        done.push((step.clone(), stack));
        if !complete {
            break;
        }
    }
    done
}

// ---------------------------------------------------------------------------
// What the mock holds
// ---------------------------------------------------------------------------

/// A summary of one account's network in one Region, in forms tests compare
/// with a design. Every list is sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Network {
    pub vpcs: Vec<VpcInfo>,
    pub subnets: Vec<SubnetInfo>,
    pub peerings: Vec<PeeringInfo>,
    pub route_tables: Vec<RouteTableInfo>,
    pub endpoints: Vec<EndpointInfo>,
    /// Security groups other than each VPC's `default`.
    pub security_groups: Vec<SecurityGroupInfo>,
    pub endpoint_services: Vec<EndpointServiceInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct VpcInfo {
    pub name: Option<String>,
    pub id: String,
    pub owner: String,
    pub is_default: bool,
    /// Associated IPv4 CIDRs, the primary first.
    pub ipv4_cidrs: Vec<String>,
    pub ipv6_cidrs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SubnetInfo {
    pub name: Option<String>,
    pub id: String,
    pub vpc: String,
    pub ipv4_cidr: Option<String>,
    pub ipv6_cidrs: Vec<String>,
    pub availability_zone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeeringInfo {
    pub name: Option<String>,
    pub id: String,
    /// `pending-acceptance`, `active`, `deleted`, …
    pub status: String,
    pub requester: PeerSide,
    pub accepter: PeerSide,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PeerSide {
    pub vpc: String,
    pub owner: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteTableInfo {
    pub name: Option<String>,
    pub id: String,
    pub vpc: String,
    pub main: bool,
    pub subnets: Vec<String>,
    pub routes: Vec<RouteInfo>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteInfo {
    /// A CIDR or a prefix list id.
    pub destination: String,
    /// The peering, gateway or endpoint id; `local` for the VPC's own range.
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointInfo {
    pub name: Option<String>,
    pub id: String,
    pub vpc: String,
    /// `Interface`, `Gateway`, …
    pub kind: String,
    pub service_name: String,
    pub state: String,
    pub route_tables: Vec<String>,
    pub subnets: Vec<String>,
    pub security_groups: Vec<String>,
    pub private_dns: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SecurityGroupInfo {
    pub group_name: String,
    pub name_tag: Option<String>,
    pub id: String,
    pub vpc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EndpointServiceInfo {
    pub name: Option<String>,
    pub service_id: String,
    pub service_name: String,
    pub acceptance_required: bool,
    pub network_load_balancers: Vec<String>,
    pub supported_regions: Vec<String>,
}

fn name_tag(resource: &Value) -> Option<String> {
    resource["Tags"]
        .as_array()?
        .iter()
        .find(|tag| tag["Key"] == "Name")
        .and_then(|tag| tag["Value"].as_str())
        .map(str::to_owned)
}

fn strings(value: &Value, pointer: &str) -> Vec<String> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| item.as_str().map(str::to_owned))
        .collect()
}

fn items<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value[key].as_array().into_iter().flatten()
}

impl Network {
    #[allow(clippy::too_many_arguments)]
    pub fn from_descriptions(
        vpcs: &Value,
        subnets: &Value,
        peerings: &Value,
        tables: &Value,
        endpoints: &Value,
        groups: &Value,
        services: &Value,
    ) -> Network {
        let mut network = Network {
            vpcs: items(vpcs, "Vpcs")
                .map(|vpc| {
                    let primary = str_at(vpc, "/CidrBlock");
                    let mut ipv4_cidrs = vec![primary.clone()];
                    ipv4_cidrs.extend(
                        items(vpc, "CidrBlockAssociationSet")
                            .filter(|association| {
                                str_at(association, "/CidrBlockState/State") == "associated"
                            })
                            .map(|association| str_at(association, "/CidrBlock"))
                            .filter(|cidr| cidr != &primary),
                    );
                    VpcInfo {
                        name: name_tag(vpc),
                        id: str_at(vpc, "/VpcId"),
                        owner: str_at(vpc, "/OwnerId"),
                        is_default: vpc["IsDefault"].as_bool().unwrap_or(false),
                        ipv4_cidrs,
                        ipv6_cidrs: items(vpc, "Ipv6CidrBlockAssociationSet")
                            .filter(|association| {
                                str_at(association, "/Ipv6CidrBlockState/State") == "associated"
                            })
                            .map(|association| str_at(association, "/Ipv6CidrBlock"))
                            .collect(),
                    }
                })
                .collect(),
            subnets: items(subnets, "Subnets")
                .map(|subnet| SubnetInfo {
                    name: name_tag(subnet),
                    id: str_at(subnet, "/SubnetId"),
                    vpc: str_at(subnet, "/VpcId"),
                    ipv4_cidr: subnet["CidrBlock"].as_str().map(str::to_owned),
                    ipv6_cidrs: items(subnet, "Ipv6CidrBlockAssociationSet")
                        .map(|association| str_at(association, "/Ipv6CidrBlock"))
                        .collect(),
                    availability_zone: str_at(subnet, "/AvailabilityZone"),
                })
                .collect(),
            peerings: items(peerings, "VpcPeeringConnections")
                .map(|peering| {
                    let side = |key: &str| PeerSide {
                        vpc: str_at(peering, &format!("/{key}/VpcId")),
                        owner: str_at(peering, &format!("/{key}/OwnerId")),
                        region: str_at(peering, &format!("/{key}/Region")),
                    };
                    PeeringInfo {
                        name: name_tag(peering),
                        id: str_at(peering, "/VpcPeeringConnectionId"),
                        status: str_at(peering, "/Status/Code"),
                        requester: side("RequesterVpcInfo"),
                        accepter: side("AccepterVpcInfo"),
                    }
                })
                .collect(),
            route_tables: items(tables, "RouteTables")
                .map(|table| {
                    let mut subnets: Vec<String> = items(table, "Associations")
                        .filter_map(|association| association["SubnetId"].as_str())
                        .map(str::to_owned)
                        .collect();
                    subnets.sort();
                    let mut routes: Vec<RouteInfo> = items(table, "Routes")
                        .map(|route| RouteInfo {
                            destination: [
                                "DestinationCidrBlock",
                                "DestinationIpv6CidrBlock",
                                "DestinationPrefixListId",
                            ]
                            .iter()
                            .find_map(|key| route[*key].as_str())
                            .unwrap_or_default()
                            .to_owned(),
                            target: [
                                "VpcPeeringConnectionId",
                                "GatewayId",
                                "NatGatewayId",
                                "TransitGatewayId",
                                "NetworkInterfaceId",
                                "VpcEndpointId",
                                "EgressOnlyInternetGatewayId",
                            ]
                            .iter()
                            .find_map(|key| route[*key].as_str())
                            .unwrap_or_default()
                            .to_owned(),
                        })
                        .collect();
                    routes.sort();
                    RouteTableInfo {
                        name: name_tag(table),
                        id: str_at(table, "/RouteTableId"),
                        vpc: str_at(table, "/VpcId"),
                        main: items(table, "Associations")
                            .any(|association| association["Main"].as_bool() == Some(true)),
                        subnets,
                        routes,
                    }
                })
                .collect(),
            endpoints: items(endpoints, "VpcEndpoints")
                .map(|endpoint| {
                    let mut route_tables = strings(endpoint, "/RouteTableIds");
                    route_tables.sort();
                    let mut subnets = strings(endpoint, "/SubnetIds");
                    subnets.sort();
                    let mut security_groups: Vec<String> = items(endpoint, "Groups")
                        .map(|group| str_at(group, "/GroupId"))
                        .collect();
                    security_groups.sort();
                    EndpointInfo {
                        name: name_tag(endpoint),
                        id: str_at(endpoint, "/VpcEndpointId"),
                        vpc: str_at(endpoint, "/VpcId"),
                        kind: str_at(endpoint, "/VpcEndpointType"),
                        service_name: str_at(endpoint, "/ServiceName"),
                        state: str_at(endpoint, "/State"),
                        route_tables,
                        subnets,
                        security_groups,
                        private_dns: endpoint["PrivateDnsEnabled"].as_bool().unwrap_or(false),
                    }
                })
                .collect(),
            security_groups: items(groups, "SecurityGroups")
                .filter(|group| group["GroupName"] != "default")
                .map(|group| SecurityGroupInfo {
                    group_name: str_at(group, "/GroupName"),
                    name_tag: name_tag(group),
                    id: str_at(group, "/GroupId"),
                    vpc: str_at(group, "/VpcId"),
                })
                .collect(),
            endpoint_services: items(services, "ServiceConfigurations")
                .map(|service| EndpointServiceInfo {
                    name: name_tag(service),
                    service_id: str_at(service, "/ServiceId"),
                    service_name: str_at(service, "/ServiceName"),
                    acceptance_required: service["AcceptanceRequired"].as_bool().unwrap_or(false),
                    network_load_balancers: strings(service, "/NetworkLoadBalancerArns"),
                    supported_regions: items(service, "SupportedRegions")
                        .map(|region| str_at(region, "/Region"))
                        .collect(),
                })
                .collect(),
        };
        network.vpcs.sort();
        network.subnets.sort();
        network.peerings.sort();
        network.route_tables.sort();
        network.endpoints.sort();
        network.security_groups.sort();
        network.endpoint_services.sort();
        network
    }

    /// The VPCs other than moto's default ones.
    pub fn own_vpcs(&self) -> Vec<&VpcInfo> {
        self.vpcs.iter().filter(|vpc| !vpc.is_default).collect()
    }

    /// The peerings that are not deleted (deleted ones stay visible for a
    /// while, on AWS as on the mock).
    pub fn live_peerings(&self) -> Vec<&PeeringInfo> {
        self.peerings
            .iter()
            .filter(|peering| !matches!(peering.status.as_str(), "deleted" | "rejected"))
            .collect()
    }

    /// The endpoints that are not deleted.
    pub fn live_endpoints(&self) -> Vec<&EndpointInfo> {
        self.endpoints
            .iter()
            .filter(|endpoint| !endpoint.state.eq_ignore_ascii_case("deleted"))
            .collect()
    }

    pub fn vpc_named(&self, name: &str) -> Option<&VpcInfo> {
        self.vpcs
            .iter()
            .find(|vpc| vpc.name.as_deref() == Some(name))
    }
}
