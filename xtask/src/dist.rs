//! Building the planner with trunk, and serving it.

use std::path::PathBuf;

use anyhow::Result;

use crate::shell::{Timer, note, project_root, run, step};
use crate::tools::{self, Needs, Toolchain};

pub fn dist_dir() -> PathBuf {
    project_root().join("dist")
}

/// Installs what is missing and builds the release site into dist/.
pub fn release() -> Result<Toolchain> {
    let toolchain = tools::ensure(Needs::BUILD)?;
    build_release(&toolchain)?;
    Ok(toolchain)
}

pub fn build_release(toolchain: &Toolchain) -> Result<()> {
    step("Building the release site into dist/ (trunk; about 40 s the first time)");
    let timer = Timer::start();
    run(toolchain.command("trunk").args(["build", "--release"]))?;
    note(&format!("built in {:.1} s", timer.seconds()));
    Ok(())
}

pub fn serve(dev: bool, port: u16) -> Result<()> {
    let toolchain = tools::ensure(Needs::BUILD)?;
    let profile = if dev { "debug" } else { "release" };
    step(&format!(
        "Serving the {profile} build of vpcplan at http://127.0.0.1:{port}/ (Ctrl-C stops it; edits rebuild it{})",
        if dev {
            ""
        } else {
            ", reload the page to see them"
        }
    ));
    let mut serve = toolchain.command("trunk");
    serve
        .args(["serve", "--address", "127.0.0.1", "--port"])
        .arg(port.to_string());
    if !dev {
        // The release page's Content-Security-Policy (csp.rs) admits only the
        // inline scripts it had when it was built, and trunk fills in its
        // live-reload script as it serves it: that script would be refused,
        // so the release build is served as built, and reloaded by hand.
        serve.args(["--release", "--no-autoreload"]);
    }
    run(&mut serve)
}
