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

/// The string at a JSON pointer, or "" when there is none.
fn str_at(value: &Value, pointer: &str) -> String {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

mod lint;
mod mock;
mod network;
mod stacks;

pub use lint::*;
pub use mock::*;
pub use network::*;
pub use stacks::*;
