//! The size report: what a browser downloads to run the planner.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::dist::{self, dist_dir};
use crate::shell::step;

/// The planner's budget for wasm + JS + CSS, gzip-compressed (issue 5).
pub const TRANSFER_BUDGET_BYTES: u64 = 350 * 1024;

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

/// Whether `path` counts towards the transfer budget (wasm, JS, CSS).
pub fn is_code(path: &str) -> bool {
    [".wasm", ".js", ".css"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

pub fn report(budget: Option<u64>) -> Result<()> {
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
    print_files(&first_load, "first load");
    println!("on demand (the exporter's worker, when the export dialog first opens):");
    print_files(&on_demand, "on demand");
    print_total(&sizes.iter().collect::<Vec<_>>(), "total of both");
    let code_gzip = |files: &[&FileSize]| -> u64 {
        files
            .iter()
            .filter(|size| is_code(&size.path))
            .map(|size| size.gzip)
            .sum()
    };
    let first_load_code = code_gzip(&first_load);
    let all_code = code_gzip(&sizes.iter().collect::<Vec<_>>());
    println!("wasm + JS + CSS, gzip: first load {}", kib(first_load_code));
    println!(
        "wasm + JS + CSS, gzip: everything (first load and on demand) {}",
        kib(all_code)
    );
    if let Some(budget) = budget {
        // The budget is checked as before: every wasm, JS and CSS file of the
        // build, whether loaded first or on demand.
        println!(
            "budget {} for wasm + JS + CSS of everything: {}",
            kib(budget),
            if all_code > budget { "over" } else { "within" }
        );
        if all_code > budget {
            bail!(
                "the release build (wasm + JS + CSS of everything) is {} over its transfer budget",
                kib(all_code - budget)
            );
        }
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

fn kib(bytes: u64) -> String {
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
        assert!(is_code("vpcplan-export-worker_bg.wasm"));
        assert!(is_code("styles-f925b7021611cb13.css"));
        assert!(!is_code("index.html"));
        assert!(!is_code("vpcplan-e26199933eb4af98.svg"));
    }
}
