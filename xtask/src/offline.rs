//! The offline snapshot of a build: trunk's post-build hook (Trunk.toml) runs
//! `cargo xtask post-build`, which lists every file of the build in
//! `offline-files.json` for the service worker (`web/sw.js`) to cache, and
//! stamps the worker with a build id so browsers install the new snapshot.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;

pub const WORKER: &str = "sw.js";
pub const MANIFEST: &str = "offline-files.json";
const BUILD_PLACEHOLDER: &str = "__VPCPLAN_BUILD__";
/// The page itself is cached under the URL it is opened at.
const PAGE: &str = "./";

#[derive(Serialize)]
struct Manifest {
    build: String,
    files: Vec<String>,
}

/// Lists the files of the build in `dir` (every file but the worker and the
/// manifest, `index.html` as the page) and stamps the worker with their hash.
pub fn write(dir: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let mut hasher = DefaultHasher::new();
    for (name, path) in &files {
        hasher.write(name.as_bytes());
        hasher.write(&fs::read(path).with_context(|| format!("reading {}", path.display()))?);
    }
    let build = format!("{:016x}", hasher.finish());
    let worker_path = dir.join(WORKER);
    let worker = fs::read_to_string(&worker_path)
        .with_context(|| format!("reading {} (copied by index.html)", worker_path.display()))?;
    if !worker.contains(BUILD_PLACEHOLDER) {
        bail!(
            "{} has no {BUILD_PLACEHOLDER} to stamp",
            worker_path.display()
        );
    }
    fs::write(&worker_path, worker.replace(BUILD_PLACEHOLDER, &build))?;
    let manifest = Manifest {
        build,
        files: files
            .into_iter()
            .map(|(name, _)| {
                if name == "index.html" {
                    PAGE.to_owned()
                } else {
                    name
                }
            })
            .collect(),
    };
    fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(())
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect(root, &path, files)?;
            continue;
        }
        let name = path
            .strip_prefix(root)?
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if name != WORKER && name != MANIFEST {
            files.push((name, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build_dir(name: &str, wasm: &[u8]) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("vpcplan-offline-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        fs::write(dir.join("app-1a2b.wasm"), wasm).unwrap();
        fs::write(dir.join("icons/logo.svg"), "<svg/>").unwrap();
        fs::write(
            dir.join(WORKER),
            format!("const BUILD = '{BUILD_PLACEHOLDER}';"),
        )
        .unwrap();
        dir
    }

    fn manifest(dir: &Path) -> serde_json::Value {
        serde_json::from_slice(&fs::read(dir.join(MANIFEST)).unwrap()).unwrap()
    }

    #[test]
    fn lists_every_file_but_the_worker_and_stamps_the_worker_with_the_build() {
        let dir = build_dir("list", b"\0asm");
        write(&dir).unwrap();
        let manifest = manifest(&dir);
        assert_eq!(
            manifest["files"],
            serde_json::json!(["app-1a2b.wasm", "icons/logo.svg", "./"])
        );
        let build = manifest["build"].as_str().unwrap();
        assert_eq!(build.len(), 16);
        let worker = fs::read_to_string(dir.join(WORKER)).unwrap();
        assert_eq!(worker, format!("const BUILD = '{build}';"));
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_changed_file_changes_the_build_id() {
        let (one, two) = (build_dir("one", b"\0asm 1"), build_dir("two", b"\0asm 2"));
        write(&one).unwrap();
        write(&two).unwrap();
        assert_ne!(manifest(&one)["build"], manifest(&two)["build"]);
        for dir in [one, two] {
            fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_worker_without_the_placeholder_is_an_error_not_a_stale_snapshot() {
        let dir = build_dir("stamped", b"\0asm");
        write(&dir).unwrap();
        let error = write(&dir).unwrap_err().to_string();
        assert!(error.contains(BUILD_PLACEHOLDER), "{error}");
        fs::remove_dir_all(dir).unwrap();
    }
}
