//! Installing what the build and the tests need, when it is missing.
//!
//! Each tool comes from a package registry only: the wasm target through
//! rustup, trunk and the wasm-bindgen CLI through `cargo install --locked` at
//! pinned versions, Chromium, chromedriver and shellcheck from Debian, Node
//! packages (Playwright; binaryen's wasm-opt) from their committed lockfiles,
//! and the export checkers (cfn-lint, the moto AWS mock, the AWS CLI) from
//! PyPI into a virtualenv at pinned versions. Nothing downloads a binary of
//! its own. A second run finds everything in place and
//! only checks versions.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::shell::{Timer, note, output_of, project_root, run, step, which};

pub const TRUNK_VERSION: &str = "0.21.14";
/// The wasm-opt that `xtask/package.json` pins (npm `binaryen`); Debian's
/// binaryen is too old to read current rustc output.
pub const WASM_OPT_VERSION: &str = "version_132";

#[derive(Clone, Copy)]
pub struct Needs {
    /// rustfmt and clippy.
    pub lints: bool,
    /// The wasm target, trunk, wasm-bindgen and wasm-opt.
    pub web_build: bool,
    /// Chromium and chromedriver.
    pub browser: bool,
    /// Playwright's Node packages.
    pub end_to_end: bool,
    /// What the export tests run: shellcheck, and cfn-lint, moto's server and
    /// the AWS CLI in the virtualenv `.tools/venv`.
    pub export_checks: bool,
}

impl Needs {
    pub const BUILD: Needs = Needs {
        lints: false,
        web_build: true,
        browser: false,
        end_to_end: false,
        export_checks: false,
    };
    pub const EVERYTHING: Needs = Needs {
        lints: true,
        web_build: true,
        browser: true,
        end_to_end: true,
        export_checks: true,
    };
}

/// What the tools need from the environment once installed.
pub struct Toolchain {
    /// PATH with the cargo bin directory and the Node tool directories first.
    pub path: OsString,
    pub chromedriver: Option<PathBuf>,
    /// The virtualenv's `bin` with cfn-lint, moto_server and aws, once
    /// installed; the export tests find the tools through `VPCPLAN_TOOLS_BIN`.
    pub tools_bin: Option<PathBuf>,
}

impl Toolchain {
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path).current_dir(project_root());
        command
    }
}

pub fn ensure(needs: Needs) -> Result<Toolchain> {
    let root = project_root();
    let path = tool_path(&root);
    let mut toolchain = Toolchain {
        path,
        chromedriver: None,
        tools_bin: None,
    };
    if needs.lints {
        ensure_rust_components()?;
    }
    if needs.web_build {
        ensure_wasm_target()?;
        ensure_trunk(&toolchain)?;
        ensure_wasm_bindgen(&toolchain)?;
        ensure_node()?;
        ensure_node_packages(&root.join("xtask"), "wasm-opt (npm binaryen)")?;
        ensure_wasm_opt(&toolchain)?;
        fetch_crates(&toolchain)?;
    }
    if needs.browser {
        toolchain.chromedriver = Some(ensure_chromium(&toolchain)?);
    }
    if needs.end_to_end {
        ensure_node()?;
        ensure_node_packages(&root.join("tests/e2e"), "Playwright")?;
    }
    if needs.export_checks {
        ensure_shellcheck()?;
        toolchain.tools_bin = Some(ensure_python_tools(&root)?);
    }
    Ok(toolchain)
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

/// The virtualenv with the export checkers (gitignored with all of `.tools`).
pub fn venv_dir(root: &Path) -> PathBuf {
    root.join(".tools/venv")
}

fn tool_path(root: &Path) -> OsString {
    let mut dirs = vec![
        root.join("xtask/node_modules/.bin"),
        cargo_home().join("bin"),
        venv_dir(root).join("bin"),
    ];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}

fn is_root() -> bool {
    output_of(Command::new("id").arg("-u")).as_deref() == Some("0")
}

fn ensure_rust_components() -> Result<()> {
    let missing: Vec<&str> = [("rustfmt", "fmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(_, sub)| output_of(Command::new("cargo").args([*sub, "--version"])).is_none())
        .map(|(component, _)| component)
        .collect();
    if !missing.is_empty() {
        step(&format!(
            "Installing rustup components: {}",
            missing.join(", ")
        ));
        run(Command::new("rustup")
            .args(["component", "add"])
            .args(&missing))?;
    }
    Ok(())
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if !installed
        .lines()
        .any(|line| line == "wasm32-unknown-unknown")
    {
        step("Adding the wasm32-unknown-unknown target (rustup, under a minute)");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

fn ensure_trunk(toolchain: &Toolchain) -> Result<()> {
    let found = output_of(toolchain.command("trunk").arg("--version"));
    if found.as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    step(&match found {
        Some(other) => format!("Replacing {other} with trunk {TRUNK_VERSION}"),
        None => format!(
            "Installing trunk {TRUNK_VERSION} with cargo install (usually 7–8 minutes on 2 cores)"
        ),
    });
    let timer = Timer::start();
    run(toolchain
        .command("cargo")
        .args(["install", "--locked", "--force"])
        .arg(format!("trunk@{TRUNK_VERSION}")))?;
    note(&format!("trunk installed in {:.0} s", timer.seconds()));
    Ok(())
}

/// The version of a package in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    #[derive(serde::Deserialize)]
    struct Lockfile {
        package: Vec<LockedPackage>,
    }
    #[derive(serde::Deserialize)]
    struct LockedPackage {
        name: String,
        version: String,
    }
    let path = project_root().join("Cargo.lock");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let lockfile: Lockfile =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    lockfile
        .package
        .into_iter()
        .find(|locked| locked.name == package)
        .map(|locked| locked.version)
        .with_context(|| format!("{package} is not in Cargo.lock"))
}

fn ensure_wasm_bindgen(toolchain: &Toolchain) -> Result<()> {
    let wanted = locked_version("wasm-bindgen")?;
    let found = output_of(toolchain.command("wasm-bindgen").arg("--version"));
    let expected = format!("wasm-bindgen {wanted}");
    match found.as_deref() {
        Some(version) if version == expected => return Ok(()),
        Some(version) => step(&format!(
            "The wasm-bindgen CLI on PATH is `{version}` but Cargo.lock has wasm-bindgen {wanted}; \
             they must match exactly. Installing wasm-bindgen-cli {wanted} (about 3 minutes)"
        )),
        None => step(&format!(
            "Installing wasm-bindgen-cli {wanted} to match Cargo.lock (about 3 minutes on 2 cores)"
        )),
    }
    let timer = Timer::start();
    let plain = run(toolchain
        .command("cargo")
        .args(["install", "--locked", "--force"])
        .arg(format!("wasm-bindgen-cli@{wanted}")));
    if let Err(error) = plain {
        note(&format!("the plain install failed ({error:#})"));
        install_wasm_bindgen_with_repaired_lock(toolchain, &wanted)?;
    }
    note(&format!(
        "wasm-bindgen-cli installed in {:.0} s",
        timer.seconds()
    ));
    let now = output_of(toolchain.command("wasm-bindgen").arg("--version"));
    if now.as_deref() != Some(expected.as_str()) {
        bail!(
            "after installing, `wasm-bindgen --version` says {now:?}, not `{expected}`: \
             another wasm-bindgen earlier on PATH ({:?}) shadows the one in {}",
            which("wasm-bindgen", &toolchain.path),
            cargo_home().join("bin").display()
        );
    }
    Ok(())
}

/// wasm-bindgen-cli 0.2.130's published lockfile pins a webpki-roots release
/// the registry index no longer has. Install from the crate's own source with
/// only that entry moved to the previous release.
fn install_wasm_bindgen_with_repaired_lock(toolchain: &Toolchain, version: &str) -> Result<()> {
    step("Retrying wasm-bindgen-cli from its source with webpki-roots pinned to 1.0.10");
    let archive = find_cached_crate("wasm-bindgen-cli", version).with_context(|| {
        format!(
            "wasm-bindgen-cli {version} is not in cargo's download cache after the failed install"
        )
    })?;
    // Outside the repository: inside it, cargo would take the crate for a
    // member of our workspace.
    let work = std::env::temp_dir().join("vpcplan-wasm-bindgen-cli");
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    fs::create_dir_all(&work)?;
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&work))?;
    let source = work.join(format!("wasm-bindgen-cli-{version}"));
    run(toolchain.command("cargo").current_dir(&source).args([
        "update",
        "-p",
        "webpki-roots",
        "--precise",
        "1.0.10",
    ]))?;
    run(toolchain
        .command("cargo")
        .current_dir(&source)
        .args(["install", "--locked", "--force", "--path", "."]))
}

fn find_cached_crate(name: &str, version: &str) -> Option<PathBuf> {
    let file_name = format!("{name}-{version}.crate");
    let cache = cargo_home().join("registry/cache");
    fs::read_dir(cache)
        .ok()?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().join(&file_name))
        .find(|candidate| candidate.is_file())
}

fn ensure_node() -> Result<()> {
    if output_of(Command::new("node").arg("--version")).is_some()
        && output_of(Command::new("npm").arg("--version")).is_some()
    {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "Node.js and npm are needed: install them (Debian: `sudo apt-get install nodejs npm`)"
        );
    }
    step("Installing Node.js and npm from Debian (about a minute)");
    apt_install(&["nodejs", "npm"])
}

/// `npm ci` in `dir` unless node_modules already matches the lockfile.
fn ensure_node_packages(dir: &Path, what: &str) -> Result<()> {
    let lockfile = dir.join("package-lock.json");
    let stamp = dir.join("node_modules/.vpcplan-installed-lock.json");
    let wanted = fs::read(&lockfile).with_context(|| format!("reading {}", lockfile.display()))?;
    if fs::read(&stamp).ok().as_deref() == Some(wanted.as_slice()) {
        return Ok(());
    }
    step(&format!(
        "Installing the Node packages for {what} from {} (npm ci, under a minute)",
        lockfile.display()
    ));
    let timer = Timer::start();
    run(Command::new("npm")
        .current_dir(dir)
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    fs::write(&stamp, &wanted)?;
    note(&format!("installed in {:.0} s", timer.seconds()));
    Ok(())
}

fn ensure_wasm_opt(toolchain: &Toolchain) -> Result<()> {
    let version = output_of(toolchain.command("wasm-opt").arg("--version")).unwrap_or_default();
    if !version.contains(WASM_OPT_VERSION) {
        bail!(
            "trunk needs wasm-opt {WASM_OPT_VERSION} from xtask/node_modules, found {version:?} \
             (delete xtask/node_modules and rerun to reinstall)"
        );
    }
    Ok(())
}

/// trunk builds offline, so the crate cache must be complete first.
fn fetch_crates(toolchain: &Toolchain) -> Result<()> {
    let mut fetch = toolchain.command("cargo");
    fetch.args(["fetch", "--locked", "--quiet"]);
    if fetch
        .status()
        .map(|status| status.success())
        .unwrap_or(false)
    {
        return Ok(());
    }
    step("Downloading the crates the workspace needs (cargo fetch)");
    run(toolchain.command("cargo").args(["fetch", "--locked"]))
}

/// Chromium, a matching chromedriver and a Japanese font (without one,
/// screenshots of the Japanese interface show empty boxes), from Debian.
/// Returns chromedriver's path.
fn ensure_chromium(toolchain: &Toolchain) -> Result<PathBuf> {
    let has_chromium = Path::new("/usr/bin/chromium").is_file();
    let driver = which("chromedriver", &toolchain.path);
    let has_japanese_font =
        output_of(Command::new("fc-list").arg(":lang=ja")).is_some_and(|fonts| !fonts.is_empty());
    if let (true, Some(driver), true) = (has_chromium, &driver, has_japanese_font) {
        return Ok(driver.clone());
    }
    let mut packages = Vec::new();
    if !has_chromium || driver.is_none() {
        packages.extend(["chromium", "chromium-driver"]);
    }
    if !has_japanese_font {
        packages.push("fonts-ipafont-gothic");
    }
    if !is_root() {
        bail!(
            "the browser tests need Chromium at /usr/bin/chromium, chromedriver on PATH and a \
             Japanese font: install them (Debian: `sudo apt-get install {}`) and rerun",
            packages.join(" ")
        );
    }
    step(&format!(
        "Installing {} from Debian (about 30 seconds)",
        packages.join(", ")
    ));
    apt_install(&packages)?;
    which("chromedriver", &toolchain.path)
        .context("chromedriver is still not on PATH after installing")
}

fn ensure_shellcheck() -> Result<()> {
    if output_of(Command::new("shellcheck").arg("--version")).is_some() {
        return Ok(());
    }
    if !is_root() {
        bail!(
            "the export tests need shellcheck to check the generated scripts: install it \
             (Debian: `sudo apt-get install shellcheck`) and rerun"
        );
    }
    step("Installing shellcheck from Debian (about 20 seconds)");
    apt_install(&["shellcheck"])
}

/// The Python tools the export tests run (cfn-lint, moto's server, the AWS
/// CLI), at the versions pinned in `xtask/requirements-export.txt`, in a
/// virtualenv at `.tools/venv`. A stamp in the virtualenv holds the
/// requirements it was installed from; when it equals the committed file,
/// nothing runs. Returns the virtualenv's `bin` directory.
fn ensure_python_tools(root: &Path) -> Result<PathBuf> {
    let requirements = root.join("xtask/requirements-export.txt");
    let venv = venv_dir(root);
    let bin = venv.join("bin");
    let python = bin.join("python");
    let stamp = venv.join(".vpcplan-installed-requirements.txt");
    let wanted =
        fs::read(&requirements).with_context(|| format!("reading {}", requirements.display()))?;
    let python_runs = output_of(Command::new(&python).arg("--version")).is_some();
    if python_runs && fs::read(&stamp).ok().as_deref() == Some(wanted.as_slice()) {
        return Ok(bin);
    }
    step(&format!(
        "Installing cfn-lint, moto[server] and the AWS CLI at the versions pinned in {} \
         into {} (pip, about 2 minutes; under a minute with a warm pip cache)",
        requirements.display(),
        venv.display()
    ));
    let timer = Timer::start();
    if !python_runs {
        create_venv(&venv)?;
    }
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--progress-bar",
            "off",
            "--quiet",
            "--requirement",
        ])
        .arg(&requirements))?;
    for (tool, version_arg) in [
        ("cfn-lint", "--version"),
        ("aws", "--version"),
        ("moto_server", "--help"),
    ] {
        if output_of(Command::new(bin.join(tool)).arg(version_arg)).is_none() {
            bail!(
                "{tool} does not run from {} after installing",
                bin.display()
            );
        }
    }
    fs::write(&stamp, &wanted)?;
    note(&format!(
        "cfn-lint, moto[server] and awscli installed in {:.0} s",
        timer.seconds()
    ));
    Ok(bin)
}

/// `python3 -m venv`, installing Debian's python3-venv first when the
/// interpreter lacks the module (as Debian's own python3 does without it).
fn create_venv(venv: &Path) -> Result<()> {
    if venv.exists() {
        // A virtualenv whose interpreter no longer runs (Python was upgraded
        // or removed): start over.
        fs::remove_dir_all(venv).with_context(|| format!("removing {}", venv.display()))?;
    }
    if let Some(parent) = venv.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut create = Command::new("python3");
    create.args(["-m", "venv"]).arg(venv);
    if run(&mut create).is_ok() {
        return Ok(());
    }
    let _ = fs::remove_dir_all(venv);
    if !is_root() {
        bail!(
            "`python3 -m venv` failed: the export tests need Python 3 with its venv module \
             (Debian: `sudo apt-get install python3 python3-venv`)"
        );
    }
    step("Installing python3 and python3-venv from Debian (about 30 seconds)");
    apt_install(&["python3", "python3-venv"])?;
    run(&mut create)
}

fn apt_install(packages: &[&str]) -> Result<()> {
    let timer = Timer::start();
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    note(&format!(
        "{} installed in {:.0} s",
        packages.join(", "),
        timer.seconds()
    ));
    Ok(())
}
