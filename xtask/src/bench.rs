//! `cargo xtask bench`: the criterion benchmarks, then the planner's browser
//! benchmarks (Playwright scripts in `tests/e2e/bench/`, against the release
//! build on a free port). Budgets and results: docs/benchmarks.md.

use std::path::PathBuf;
use std::process::Command;

use anyhow::Result;

use crate::dist::build_release;
use crate::shell::{note, project_root, run, step};
use crate::test::free_port;
use crate::tools::{self, Needs};

/// VPCs in the browser benchmarks' design; with the generator's 8 AWS
/// services they make 500 nodes on the canvas.
const BENCH_VPCS: usize = 492;

pub fn run_all(web_only: bool) -> Result<()> {
    if !web_only {
        step("Criterion benchmarks (cargo bench --workspace)");
        run(Command::new("cargo").current_dir(project_root()).args([
            "bench",
            "--workspace",
            "--locked",
        ]))?;
    }
    browser()
}

/// Where cargo writes: the benchmark design and the raw numbers go there too.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"))
}

fn browser() -> Result<()> {
    let toolchain = tools::ensure(Needs {
        browser: true,
        end_to_end: true,
        ..Needs::BUILD
    })?;
    build_release(&toolchain)?;
    let bench_dir = target_dir().join("bench");
    let design = bench_dir.join("design-500-nodes.json");
    let results = bench_dir.join("planner-browser.json");
    std::fs::create_dir_all(&bench_dir)?;
    step("Writing the 500-node benchmark design");
    run(toolchain
        .command("cargo")
        .args([
            "run",
            "--release",
            "--locked",
            "--quiet",
            "-p",
            "vpcplan-core",
            "--example",
            "synthetic_design",
            "--",
        ])
        .arg(BENCH_VPCS.to_string())
        .arg(&design))?;
    step("Browser benchmarks (Playwright, headless Chromium, release build)");
    let port = free_port()?;
    let mut command = Command::new("npx");
    command
        .current_dir(project_root().join("tests/e2e"))
        .env("PATH", &toolchain.path)
        .env("VPCPLAN_E2E_PORT", port.to_string())
        .env("VPCPLAN_BENCH_DESIGN", &design)
        .env("VPCPLAN_BENCH_OUT", &results)
        .args([
            "--no-install",
            "playwright",
            "test",
            "--config",
            "bench/playwright.config.ts",
        ]);
    run(&mut command)?;
    note(&format!("raw numbers in {}", results.display()));
    Ok(())
}
