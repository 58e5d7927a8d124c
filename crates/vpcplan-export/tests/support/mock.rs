//! The AWS API mock: moto's server (through `moto_server.py`, which adds
//! what moto lacks) on a free local port, the AWS config that reaches it as
//! several accounts, and the calls the tests make on it.

#![allow(dead_code)]

use super::*;

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
        self.run_script_with_env(cwd, script, args, &[], timeout)
    }

    /// [`MotoServer::run_script_in`], with `environment` set for the script
    /// (values a user sets before running it, such as an existing NLB's ARN).
    pub fn run_script_with_env(
        &self,
        cwd: &Path,
        script: &Path,
        args: &[&str],
        environment: &[(String, String)],
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
            .envs(environment.iter().map(|(name, value)| (name, value)))
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

    /// Creates a stack from a template file as `account` in `region`,
    /// acknowledging `capabilities` (`CAPABILITY_NAMED_IAM` …, as DEPLOY.md
    /// passes them), and polls `describe-stacks` until it reaches a final
    /// status.
    pub fn deploy_stack(
        &self,
        template: &Path,
        stack_name: &str,
        region: &str,
        account: &str,
        parameters: &[(String, String)],
        capabilities: &[String],
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
            (&parameters, capabilities),
        )
    }

    /// Updates a stack with a template file as `account` in `region` (the
    /// parameters not given keep their previous values), acknowledging
    /// `capabilities`, and polls `describe-stacks` until it reaches a final
    /// status.
    pub fn update_stack(
        &self,
        template: &Path,
        stack_name: &str,
        region: &str,
        account: &str,
        parameters: &[StackParameter],
        capabilities: &[String],
    ) -> Stack {
        self.stack_operation(
            "update-stack",
            template,
            stack_name,
            region,
            account,
            (parameters, capabilities),
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
        (parameters, capabilities): (&[StackParameter], &[String]),
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
            "--profile",
            &profile,
            "--region",
            region,
        ]
        .map(str::to_owned)
        .to_vec();
        if !capabilities.is_empty() {
            args.push("--capabilities".to_owned());
            args.extend(capabilities.iter().cloned());
        }
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
    /// the answers of describe-vpcs (with each VPC's DNS attributes),
    /// -subnets, -vpc-peering-connections, -route-tables, -vpc-endpoints,
    /// -security-groups, -vpc-endpoint-service-configurations (with each
    /// service's permissions) and -managed-prefix-lists, all fetched by one Python
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
        answers.iter().map(Network::from_answer).collect()
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
