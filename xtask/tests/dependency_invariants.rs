//! Architecture invariant: only vpcplan-web may depend on the browser.
//!
//! vpcplan-core, -export, -import and -editor are pure Rust shared by the web
//! app and the native CLI; a dependency on web-sys, wasm-bindgen or js-sys
//! there would tie them to the browser. `cargo tree -i` lists every workspace
//! crate that reaches each browser crate, on every target.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const BROWSER_CRATES: [&str; 3] = ["web-sys", "wasm-bindgen", "js-sys"];
const ALLOWED_DEPENDENTS: [&str; 1] = ["vpcplan-web"];

fn workspace_dependents_of(krate: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let output = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["tree", "--workspace", "--locked", "--target", "all"])
        .args([
            "--edges",
            "normal,build",
            "--prefix",
            "none",
            "--invert",
            krate,
        ])
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "cargo tree -i {krate} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| name.starts_with("vpcplan-"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn only_the_web_crate_depends_on_browser_crates() {
    for krate in BROWSER_CRATES {
        let dependents = workspace_dependents_of(krate);
        // The web app does use each of them, so an empty answer would mean
        // the check itself stopped working.
        assert!(
            dependents.contains("vpcplan-web"),
            "cargo tree -i {krate} did not list vpcplan-web: {dependents:?}"
        );
        let forbidden: Vec<&String> = dependents
            .iter()
            .filter(|name| !ALLOWED_DEPENDENTS.contains(&name.as_str()))
            .collect();
        assert!(
            forbidden.is_empty(),
            "{forbidden:?} depend on {krate}; only {ALLOWED_DEPENDENTS:?} may touch the browser"
        );
    }
}
