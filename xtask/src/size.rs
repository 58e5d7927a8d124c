//! The size report: what a browser downloads to run the planner.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::dist::{self, dist_dir};
use crate::shell::step;

/// The budget of the first load, gzip: what the page fetches before it is
/// interactive (issue 12).
pub const FIRST_LOAD_BUDGET_BYTES: u64 = 600 * 1024;
/// The budget of everything the build ships, on-demand modules included,
/// gzip: what a first visit transfers once the service worker has cached
/// the offline snapshot (issue 12).
pub const EVERYTHING_BUDGET_BYTES: u64 = 1536 * 1024;

pub struct FileSize {
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
}

/// The files of the exporter's Web Worker, which the page loads only when
/// the export dialog first opens (trunk names them after the worker's bin).
const ON_DEMAND_PREFIX: &str = "vpcplan-export-worker";

/// Whether the browser downloads `path` (relative to `dist/`) only when the
/// export dialog first opens, not on the first load.
pub fn is_on_demand(path: &str) -> bool {
    path.starts_with(ON_DEMAND_PREFIX)
}

/// Whether `path` is a kind of file the page fetches before it is
/// interactive: HTML, JS, CSS, wasm (not the icons, nor the offline
/// manifest the service worker reads once it runs).
pub fn is_page_code(path: &str) -> bool {
    [".html", ".js", ".css", ".wasm"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// One budget and what the build measures against it, gzip.
pub struct Check {
    pub name: &'static str,
    pub measured: u64,
    pub budget: u64,
}

impl Check {
    pub fn ok(&self) -> bool {
        self.measured <= self.budget
    }

    /// `first load 534.1 KiB of 600.0 KiB: within (65.9 KiB to spare)`.
    pub fn verdict(&self) -> String {
        let (word, margin) = if self.ok() {
            (
                "within",
                format!("{} to spare", kib(self.budget - self.measured)),
            )
        } else {
            ("OVER", format!("{} over", kib(self.measured - self.budget)))
        };
        format!(
            "{} {} of {}: {word} ({margin})",
            self.name,
            kib(self.measured),
            kib(self.budget)
        )
    }
}

/// The build's sizes against both budgets: the first load (HTML, JS, CSS
/// and wasm that are not on demand) and everything (every file).
pub fn checks(sizes: &[FileSize]) -> [Check; 2] {
    let first_load = sizes
        .iter()
        .filter(|size| !is_on_demand(&size.path) && is_page_code(&size.path))
        .map(|size| size.gzip)
        .sum();
    let everything = sizes.iter().map(|size| size.gzip).sum();
    [
        Check {
            name: "first load (HTML, JS, CSS, app wasm)",
            measured: first_load,
            budget: FIRST_LOAD_BUDGET_BYTES,
        },
        Check {
            name: "everything (on-demand modules included)",
            measured: everything,
            budget: EVERYTHING_BUDGET_BYTES,
        },
    ]
}

/// `cargo xtask size`: every file of `dist/` (built first if missing), the
/// first load and the on-demand files apart, and both budgets (reported
/// here; `cargo xtask test` fails on them).
pub fn report() -> Result<()> {
    let dist = dist_dir();
    if !dist.join("index.html").is_file() {
        dist::release()?;
    }
    step(&format!("Sizes of {}", dist.display()));
    let sizes = measure(&dist)?;
    let (on_demand, first_load): (Vec<&FileSize>, Vec<&FileSize>) =
        sizes.iter().partition(|size| is_on_demand(&size.path));
    println!("{:<56} {:>10} {:>10}", "file", "raw", "gzip");
    println!("first load (index.html and what it loads):");
    print_files(&first_load, "first load, every file");
    println!("on demand (the exporter's worker, when the export dialog first opens):");
    print_files(&on_demand, "on demand");
    print_total(&sizes.iter().collect::<Vec<_>>(), "total of both");
    println!("budgets, gzip:");
    for check in checks(&sizes) {
        println!("  {}", check.verdict());
    }
    Ok(())
}

fn print_files(files: &[&FileSize], label: &str) {
    for size in files {
        println!(
            "  {:<54} {:>10} {:>10}",
            size.path,
            kib(size.raw),
            kib(size.gzip)
        );
    }
    print_total(files, label);
}

fn print_total(files: &[&FileSize], label: &str) {
    let raw: u64 = files.iter().map(|size| size.raw).sum();
    let gzip: u64 = files.iter().map(|size| size.gzip).sum();
    println!("{:<56} {:>10} {:>10}", label, kib(raw), kib(gzip));
}

pub fn measure(dir: &Path) -> Result<Vec<FileSize>> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
            encoder.write_all(&bytes)?;
            Ok(FileSize {
                path: path.strip_prefix(dir)?.display().to_string(),
                raw: bytes.len() as u64,
                gzip: encoder.finish()?.len() as u64,
            })
        })
        .collect()
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

pub fn kib(bytes: u64) -> String {
    format!("{:.1} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exporter_worker_files_are_on_demand_and_the_rest_first_load() {
        assert!(is_on_demand("vpcplan-export-worker.js"));
        assert!(is_on_demand("vpcplan-export-worker_bg.wasm"));
        assert!(!is_on_demand("vpcplan-web-926d2df96b907a06_bg.wasm"));
        assert!(!is_on_demand("index.html"));
        assert!(is_page_code("vpcplan-export-worker_bg.wasm"));
        assert!(is_page_code("styles-f925b7021611cb13.css"));
        assert!(is_page_code("index.html"));
        assert!(!is_page_code("vpcplan-e26199933eb4af98.svg"));
        assert!(!is_page_code("offline-files.json"));
    }

    fn file(path: &str, gzip: u64) -> FileSize {
        FileSize {
            path: path.to_owned(),
            raw: gzip * 3,
            gzip,
        }
    }

    #[test]
    fn the_first_load_counts_the_pages_code_and_everything_every_file() {
        let sizes = [
            file("index.html", 1_000),
            file("app-1a2b_bg.wasm", 500_000),
            file("app-1a2b.js", 10_000),
            file("styles-9f.css", 5_000),
            file("icons-3c.svg", 800),
            file("offline-files.json", 300),
            file("vpcplan-export-worker_bg.wasm", 360_000),
            file("vpcplan-export-worker.js", 3_000),
        ];
        let [first_load, everything] = checks(&sizes);
        assert_eq!(first_load.measured, 516_000);
        assert_eq!(everything.measured, 880_100);
        assert!(first_load.ok() && everything.ok());
        assert_eq!(
            first_load.verdict(),
            "first load (HTML, JS, CSS, app wasm) 503.9 KiB of 600.0 KiB: within (96.1 KiB to spare)"
        );
    }

    #[test]
    fn a_build_over_either_budget_fails_that_check_alone() {
        let [first_load, everything] = checks(&[
            file("app_bg.wasm", FIRST_LOAD_BUDGET_BYTES + 1),
            file("vpcplan-export-worker_bg.wasm", 100),
        ]);
        assert!(!first_load.ok());
        assert!(everything.ok());
        assert!(
            first_load.verdict().contains("OVER (0.0 KiB over)"),
            "{}",
            first_load.verdict()
        );
        let [first_load, everything] = checks(&[
            file("app_bg.wasm", 1_000),
            file("vpcplan-export-worker_bg.wasm", EVERYTHING_BUDGET_BYTES),
        ]);
        assert!(first_load.ok());
        assert!(!everything.ok());
        // At the budget exactly is within it.
        assert!(checks(&[file("app_bg.wasm", FIRST_LOAD_BUDGET_BYTES)])[0].ok());
    }
}
