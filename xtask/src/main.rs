//! xtask: vpcplan's project automation, run as `cargo xtask <command>`.
//!
//! Every command installs what it needs and is missing first (the wasm target,
//! trunk, the wasm-bindgen CLI matching Cargo.lock, Chromium and chromedriver,
//! the Node packages from their lockfiles, shellcheck, and cfn-lint, moto and
//! the AWS CLI in `.tools/venv`), saying what it does and how long
//! it usually takes, so a fresh machine needs nothing but these commands.

mod bench;
mod csp;
mod dist;
mod offline;
mod shell;
mod size;
mod test;
mod tools;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Build, serve and test vpcplan")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build the planner and serve it at
    /// http://127.0.0.1:8080 (Ctrl-C stops it).
    Serve {
        /// Serve an unoptimised debug build that rebuilds faster on change.
        #[arg(long)]
        dev: bool,
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Install what is missing and build the release site into dist/.
    Build,
    /// Install what is missing and run every test layer: formatting, clippy,
    /// native tests, browser tests in headless Chromium, the Playwright
    /// end-to-end suite against the release build, and the release build's
    /// size against its budgets.
    Test,
    /// Print the raw and gzip size of every file in dist/, the first load
    /// and the on-demand files apart, and the build against its budgets.
    Size,
    /// Run the criterion benchmarks, then the planner's browser benchmarks
    /// on a 500-node design (budgets and results: docs/benchmarks.md; raw
    /// numbers in target/bench/).
    Bench {
        /// Only the browser benchmarks.
        #[arg(long)]
        web_only: bool,
    },
    /// Only install what is missing (useful to warm a machine).
    Setup,
    /// trunk's post-build hook: write the release build's
    /// Content-Security-Policy into its page, list the build's files for the
    /// service worker's offline snapshot and stamp the worker with the
    /// build id.
    #[command(hide = true)]
    PostBuild,
}

/// What trunk's post-build hook (Trunk.toml) does to the build it is
/// staging: the policy first, so that the offline snapshot's build id covers
/// the page as it is served.
fn post_build() -> anyhow::Result<()> {
    use anyhow::Context;
    let staging = std::env::var_os("TRUNK_STAGING_DIR").context(
        "TRUNK_STAGING_DIR is not set: `post-build` runs as trunk's post-build hook (Trunk.toml)",
    )?;
    let staging = std::path::Path::new(&staging);
    // Only the release build: `trunk serve --dev`'s page is for editing.
    if std::env::var("TRUNK_PROFILE").as_deref() == Ok("release") {
        csp::write(staging)?;
    }
    offline::write(staging)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve { dev, port } => dist::serve(dev, port),
        Command::Build => dist::release().map(|_| ()),
        Command::Test => test::run_all(),
        Command::Size => size::report(),
        Command::Bench { web_only } => bench::run_all(web_only),
        Command::Setup => tools::ensure(tools::Needs::EVERYTHING).map(|_| ()),
        Command::PostBuild => post_build(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
