//! Codebase invariant: no source file grows past what a newcomer can read.
//!
//! Large modules are split by responsibility (ARCHITECTURE.md says how), and
//! long tests move to sibling files by concern. This test holds the line for
//! every Rust, Python and TypeScript file the project writes, so a file that
//! outgrows it is split when it does, not when it has doubled.

use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 800;

/// Where the project's own sources live, relative to the workspace root.
const SOURCE_DIRS: [&str; 3] = ["crates", "xtask", "tests"];
const SOURCE_EXTENSIONS: [&str; 3] = ["rs", "py", "ts"];
/// Directories that hold what tools generate or install, not what we write.
const SKIPPED_DIRS: [&str; 5] = [
    "target",
    "node_modules",
    "__pycache__",
    "test-results",
    "playwright-report",
];

fn sources(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_ref()) && !name.starts_with('.') {
                sources(&path, found);
            }
        } else if path
            .extension()
            .is_some_and(|extension| SOURCE_EXTENSIONS.contains(&&*extension.to_string_lossy()))
        {
            found.push(path);
        }
    }
}

#[test]
fn no_source_file_is_longer_than_the_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files = Vec::new();
    for dir in SOURCE_DIRS {
        sources(&root.join(dir), &mut files);
    }
    // The walk itself must keep finding the code it guards.
    assert!(
        files.len() > 300,
        "only {} source files found under {SOURCE_DIRS:?}",
        files.len()
    );
    let mut too_long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let lines = fs::read_to_string(path).unwrap().lines().count();
            (lines > MAX_LINES).then(|| {
                format!(
                    "{} ({lines} lines)",
                    path.strip_prefix(root).unwrap().display()
                )
            })
        })
        .collect();
    too_long.sort();
    assert!(
        too_long.is_empty(),
        "split these by responsibility (at most {MAX_LINES} lines each): {too_long:#?}"
    );
}
