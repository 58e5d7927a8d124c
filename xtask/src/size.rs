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

pub fn report(budget: Option<u64>) -> Result<()> {
    let dist = dist_dir();
    if !dist.join("index.html").is_file() {
        dist::release()?;
    }
    step(&format!("Sizes of {}", dist.display()));
    let sizes = measure(&dist)?;
    println!("{:<56} {:>10} {:>10}", "file", "raw", "gzip");
    for size in &sizes {
        println!(
            "{:<56} {:>10} {:>10}",
            size.path,
            kib(size.raw),
            kib(size.gzip)
        );
    }
    let raw: u64 = sizes.iter().map(|size| size.raw).sum();
    let gzip: u64 = sizes.iter().map(|size| size.gzip).sum();
    println!("{:<56} {:>10} {:>10}", "total", kib(raw), kib(gzip));
    if let Some(budget) = budget {
        let code: u64 = sizes
            .iter()
            .filter(|size| {
                [".wasm", ".js", ".css"]
                    .iter()
                    .any(|ext| size.path.ends_with(ext))
            })
            .map(|size| size.gzip)
            .sum();
        println!(
            "wasm + JS + CSS, gzip: {} (budget {})",
            kib(code),
            kib(budget)
        );
        if code > budget {
            bail!(
                "the release build is {} over its transfer budget",
                kib(code - budget)
            );
        }
    }
    Ok(())
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
