//! `cargo xtask test`: every test layer, a summary per layer, and a closing
//! `N passed, M failed` line.
//!
//! A layer fails when its command fails, when it runs no test at all, or when
//! it skips or ignores a test: a skipped test hides a gap. All layers run even
//! after one fails, so one run shows everything that is wrong. The last
//! layer holds the release build to its size budgets (`size.rs`), one check
//! per budget.

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::dist::{build_release, dist_dir};
use crate::shell::{Timer, describe, project_root, run_streaming, step};
use crate::size;
use crate::tools::{self, Needs, Toolchain};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
    pub skipped: u64,
}

struct Layer {
    name: &'static str,
    counts: Counts,
    seconds: f64,
    problem: Option<String>,
}

impl Layer {
    fn ok(&self) -> bool {
        self.problem.is_none() && self.counts.failed == 0
    }
}

pub fn run_all() -> Result<()> {
    let total = Timer::start();
    let toolchain = tools::ensure(Needs::EVERYTHING)?;
    let mut built = false;
    let mut layers = vec![
        check_layer("format", &toolchain, &["fmt", "--all", "--", "--check"]),
        check_layer(
            "clippy (native)",
            &toolchain,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
        ),
        check_layer(
            "clippy (wasm32)",
            &toolchain,
            &[
                "clippy",
                "--package",
                "vpcplan-web",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--locked",
                "--",
                "-D",
                "warnings",
            ],
        ),
        cargo_test_layer(
            "native tests",
            &toolchain,
            &["test", "--workspace", "--locked"],
        ),
        cargo_test_layer(
            "browser tests (wasm-bindgen-test, headless Chromium)",
            &toolchain,
            &[
                "test",
                "--package",
                "vpcplan-web",
                "--target",
                "wasm32-unknown-unknown",
                "--locked",
            ],
        ),
        end_to_end_layer(&toolchain, &mut built),
    ];
    let dist = dist_dir();
    layers.push(size_layer(built.then_some(dist.as_path())));

    step(&format!("Summary ({:.0} s)", total.seconds()));
    for layer in &layers {
        let verdict = if layer.ok() { "ok  " } else { "FAIL" };
        let counts = &layer.counts;
        println!(
            "  {verdict}  {:<54} {:>4} passed {:>3} failed {:>7.1} s{}",
            layer.name,
            counts.passed,
            counts.failed,
            layer.seconds,
            layer
                .problem
                .as_deref()
                .map(|problem| format!("  — {problem}"))
                .unwrap_or_default()
        );
    }
    let passed: u64 = layers.iter().map(|layer| layer.counts.passed).sum();
    let failed: u64 = layers
        .iter()
        .map(|layer| layer.counts.failed.max(u64::from(!layer.ok())))
        .sum();
    println!("{passed} passed, {failed} failed");
    if layers.iter().all(Layer::ok) {
        Ok(())
    } else {
        bail!(
            "{} of {} test layers failed",
            layers.iter().filter(|layer| !layer.ok()).count(),
            layers.len()
        )
    }
}

/// Cargo for a test run. The run builds everything once, so incremental
/// compilation only costs disk here (1.5 GB of a clean run's 8 GB); a caller
/// who sets `CARGO_INCREMENTAL` keeps their choice.
fn cargo(toolchain: &Toolchain) -> Command {
    let mut command = toolchain.command("cargo");
    if std::env::var_os("CARGO_INCREMENTAL").is_none() {
        command.env("CARGO_INCREMENTAL", "0");
    }
    command
}

/// A layer that is one pass/fail check (formatting, lints).
fn check_layer(name: &'static str, toolchain: &Toolchain, args: &[&str]) -> Layer {
    step(name);
    let timer = Timer::start();
    let mut command = cargo(toolchain);
    command.args(args);
    let ok = crate::shell::run(&mut command).is_ok();
    Layer {
        name,
        counts: Counts {
            passed: u64::from(ok),
            failed: u64::from(!ok),
            skipped: 0,
        },
        seconds: timer.seconds(),
        problem: (!ok).then(|| format!("`{}` failed", describe(&command))),
    }
}

fn cargo_test_layer(name: &'static str, toolchain: &Toolchain, args: &[&str]) -> Layer {
    step(name);
    let timer = Timer::start();
    let mut command = cargo(toolchain);
    command.args(args);
    if let Some(driver) = &toolchain.chromedriver {
        command.env("CHROMEDRIVER", driver);
    }
    // The export tests (crates/vpcplan-export/tests) run cfn-lint,
    // moto_server and aws from here.
    if let Some(tools_bin) = &toolchain.tools_bin {
        command.env("VPCPLAN_TOOLS_BIN", tools_bin);
    }
    let outcome =
        run_streaming(&mut command).map(|(success, output)| (success, parse_cargo_test(&output)));
    finish_layer(name, timer, outcome)
}

/// The journeys against the release build, which this layer builds (and
/// says so in `built`, for the size layer).
fn end_to_end_layer(toolchain: &Toolchain, built: &mut bool) -> Layer {
    let name = "end-to-end (Playwright, Chromium, release build)";
    step(name);
    let timer = Timer::start();
    let outcome = (|| {
        build_release(toolchain)?;
        *built = true;
        let e2e = project_root().join("tests/e2e");
        let report = e2e.join("playwright-report/results.json");
        let _ = fs::remove_file(&report);
        let port = free_port()?;
        let mut command = Command::new("npx");
        command
            .current_dir(&e2e)
            .env("PATH", &toolchain.path)
            .env("VPCPLAN_E2E_PORT", port.to_string())
            .args(["--no-install", "playwright", "test"]);
        // The export journeys lint the downloaded template with cfn-lint.
        if let Some(tools_bin) = &toolchain.tools_bin {
            command.env("VPCPLAN_TOOLS_BIN", tools_bin);
        }
        let (success, _) = run_streaming(&mut command)?;
        let json = fs::read_to_string(&report)
            .with_context(|| format!("Playwright wrote no report at {}", report.display()))?;
        Ok((success, parse_playwright_report(&json)?))
    })();
    finish_layer(name, timer, outcome)
}

/// The release build the end-to-end layer built in `dist` (`None` when its
/// build failed), against both size budgets: each budget a check that
/// passes or fails.
fn size_layer(dist: Option<&Path>) -> Layer {
    let name = "size (release build, gzip: first load, everything)";
    step(name);
    let timer = Timer::start();
    let checks = match dist {
        Some(dist) => size::measure(dist).map(|sizes| size::checks(&sizes)),
        None => Err(anyhow::anyhow!(
            "no release build to measure: the end-to-end layer's build failed"
        )),
    };
    let (counts, problem) = match checks {
        Err(error) => (Counts::default(), Some(format!("{error:#}"))),
        Ok(checks) => {
            for check in &checks {
                println!("  {}", check.verdict());
            }
            let over: Vec<String> = checks
                .iter()
                .filter(|check| !check.ok())
                .map(|check| {
                    format!(
                        "{} is {} over its {} budget",
                        check.name,
                        size::kib(check.measured - check.budget),
                        size::kib(check.budget)
                    )
                })
                .collect();
            let failed = over.len() as u64;
            (
                Counts {
                    passed: checks.len() as u64 - failed,
                    failed,
                    skipped: 0,
                },
                (!over.is_empty()).then(|| over.join("; ")),
            )
        }
    };
    Layer {
        name,
        counts,
        seconds: timer.seconds(),
        problem,
    }
}

fn finish_layer(name: &'static str, timer: Timer, outcome: Result<(bool, Counts)>) -> Layer {
    let (counts, problem) = match outcome {
        Err(error) => (Counts::default(), Some(format!("{error:#}"))),
        Ok((success, counts)) => {
            let problem = if counts.passed + counts.failed == 0 {
                Some("ran no tests".to_owned())
            } else if counts.skipped > 0 {
                Some(format!("{} tests skipped or ignored", counts.skipped))
            } else if !success && counts.failed == 0 {
                Some("the runner failed outside any test".to_owned())
            } else {
                None
            };
            (counts, problem)
        }
    };
    Layer {
        name,
        counts,
        seconds: timer.seconds(),
        problem,
    }
}

pub fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Adds up every `test result:` line that libtest and wasm-bindgen-test print.
pub fn parse_cargo_test(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            continue;
        };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            let (Some(number), Some(label)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => counts.passed += number,
                "failed" => counts.failed += number,
                "ignored" => counts.skipped += number,
                _ => {}
            }
        }
    }
    counts
}

/// Reads the totals from Playwright's JSON reporter.
pub fn parse_playwright_report(json: &str) -> Result<Counts> {
    #[derive(serde::Deserialize)]
    struct Report {
        stats: Stats,
    }
    #[derive(serde::Deserialize)]
    struct Stats {
        expected: u64,
        unexpected: u64,
        flaky: u64,
        skipped: u64,
    }
    let report: Report = serde_json::from_str(json).context("reading Playwright's JSON report")?;
    Ok(Counts {
        passed: report.stats.expected,
        // A test that passed only on retry is not a pass.
        failed: report.stats.unexpected + report.stats.flaky,
        skipped: report.stats.skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_test_results_are_added_up_across_binaries() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

test result: FAILED. 4 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.20s
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        assert_eq!(
            parse_cargo_test(output),
            Counts {
                passed: 7,
                failed: 2,
                skipped: 1
            }
        );
    }

    #[test]
    fn output_without_results_counts_nothing() {
        assert_eq!(
            parse_cargo_test("error: could not compile\n"),
            Counts::default()
        );
    }

    /// A build directory with a first load of `app_bytes` of incompressible
    /// wasm.
    fn build_of(name: &str, app_bytes: usize) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("vpcplan-size-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        // A xorshift stream: gzip cannot shrink it.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let wasm: Vec<u8> = (0..app_bytes)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()[0]
            })
            .collect();
        fs::write(dir.join("app_bg.wasm"), wasm).unwrap();
        dir
    }

    #[test]
    fn the_size_layer_passes_a_build_within_both_budgets() {
        let dir = build_of("within", 100 * 1024);
        let layer = size_layer(Some(&dir));
        assert!(layer.ok(), "{:?}", layer.problem);
        assert_eq!((layer.counts.passed, layer.counts.failed), (2, 0));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_size_layer_fails_a_first_load_over_its_budget() {
        let dir = build_of("over", 620 * 1024);
        let layer = size_layer(Some(&dir));
        assert!(!layer.ok());
        assert_eq!((layer.counts.passed, layer.counts.failed), (1, 1));
        let problem = layer.problem.unwrap();
        assert!(
            problem.starts_with("first load (HTML, JS, CSS, app wasm) is ")
                && problem.ends_with(" over its 600.0 KiB budget"),
            "{problem}"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_size_layer_fails_without_a_build() {
        let layer = size_layer(None);
        assert!(!layer.ok());
        assert!(layer.problem.unwrap().contains("build failed"));
    }

    #[test]
    fn playwright_flaky_tests_count_as_failures() {
        let json = r#"{"config":{},"suites":[],"stats":{"startTime":"x","duration":1,"expected":5,"unexpected":1,"flaky":1,"skipped":2}}"#;
        assert_eq!(
            parse_playwright_report(json).unwrap(),
            Counts {
                passed: 5,
                failed: 2,
                skipped: 2
            }
        );
    }
}
