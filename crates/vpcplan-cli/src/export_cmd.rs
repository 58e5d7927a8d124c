//! `vpcplan export FILE --to cloudformation|cloudformation-json|cli
//! [--out DIR] [--allow-errors]`: writes the exporter's files under DIR.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use vpcplan_core::Lang;
use vpcplan_export::{
    CloudFormationOptions, ExportError, ExportOptions, ExportedFile, TemplateFormat, cli_scripts,
    cloudformation,
};

use crate::{EXIT_BAD_INPUT, EXIT_DESIGN_ERRORS, input};

#[derive(Args)]
pub struct ExportArgs {
    /// The design file.
    file: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    to: Target,
    /// The directory to write into (created when missing); the files go to
    /// `cloudformation/` or `cli/` inside it.
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// Export even when the design has errors; the files' headers list them.
    #[arg(long)]
    allow_errors: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Target {
    /// CloudFormation templates in YAML, one per account and Region, and
    /// DEPLOY.md with the order to deploy them in, and verify.sh, which
    /// checks the deployed network with Reachability Analyzer.
    Cloudformation,
    /// The same templates in JSON.
    CloudformationJson,
    /// AWS CLI scripts: deploy.sh, teardown.sh and verify.sh (which checks
    /// the deployed network with Reachability Analyzer).
    Cli,
}

pub fn run(args: &ExportArgs, lang: Lang) -> ExitCode {
    let design = match input::read_design_file(&args.file) {
        Ok(design) => design,
        Err(problem) => {
            eprintln!("vpcplan: {}", problem.text(lang));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let export = ExportOptions {
        allow_errors: args.allow_errors,
    };
    let files = match args.to {
        Target::Cloudformation | Target::CloudformationJson => cloudformation(
            &design,
            &CloudFormationOptions {
                export,
                format: match args.to {
                    Target::CloudformationJson => TemplateFormat::Json,
                    _ => TemplateFormat::Yaml,
                },
            },
        ),
        Target::Cli => cli_scripts(&design, &export),
    };
    let files = match files {
        Ok(files) => files,
        Err(error) => {
            eprintln!("vpcplan: {}: {error}", args.file.display());
            if !matches!(error, ExportError::DesignHasErrors(_)) {
                return ExitCode::from(EXIT_BAD_INPUT);
            }
            eprintln!(
                "{}",
                match lang {
                    Lang::En =>
                        "nothing written; fix the errors, or pass --allow-errors to export anyway",
                    Lang::Ja =>
                        "何も書き出していません。エラーを直すか、--allow-errors を付けて書き出してください",
                }
            );
            return ExitCode::from(EXIT_DESIGN_ERRORS);
        }
    };
    match write_files(&args.out, &files) {
        Ok(written) => {
            for path in written {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("vpcplan: {problem}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// Writes each file under `out`, refusing paths that would leave it, and
/// makes shell scripts executable. Returns the paths written.
fn write_files(out: &Path, files: &[ExportedFile]) -> Result<Vec<PathBuf>, String> {
    let mut written = Vec::new();
    for file in files {
        let relative = Path::new(&file.path);
        if !relative
            .components()
            .all(|part| matches!(part, Component::Normal(_)))
        {
            return Err(format!(
                "refusing to write {:?} outside {}",
                file.path,
                out.display()
            ));
        }
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("{}: cannot create: {error}", parent.display()))?;
        }
        std::fs::write(&path, &file.contents)
            .map_err(|error| format!("{}: cannot write: {error}", path.display()))?;
        #[cfg(unix)]
        if file.path.ends_with(".sh") {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(|error| format!("{}: cannot make executable: {error}", path.display()))?;
        }
        written.push(path);
    }
    Ok(written)
}
