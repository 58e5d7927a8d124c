//! `vpcplan import FILE... [--from auto|aws|cloudformation|terraform]
//! --out DESIGN [--report REPORT.json] [--into EXISTING]`: reads the
//! collector's bundle, raw `aws ec2 describe-*` output or CloudFormation
//! templates into a design file, with the import report as JSON; and
//! `vpcplan collect-script`, which prints the read-only collector.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use vpcplan_core::Lang;
use vpcplan_core::file::write_design;
use vpcplan_import::{Input, Outcome, Source, add_to, import};

use crate::{EXIT_BAD_INPUT, input};

#[derive(Args)]
pub struct ImportArgs {
    /// The files to import: the collector's bundle, `aws ec2 describe-*`
    /// JSON, CloudFormation templates (YAML or JSON). Several merge.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What the files are; `auto` tells each file's kind from its content.
    #[arg(long, value_enum, default_value_t = From::Auto)]
    from: From,
    /// The design file to write.
    #[arg(long)]
    out: PathBuf,
    /// Where to write the import report (JSON): each resource mapped,
    /// partially mapped (what was lost and why) or skipped (why).
    #[arg(long)]
    report: Option<PathBuf>,
    /// A design to add the imported items to (it is not changed; the result
    /// goes to --out).
    #[arg(long)]
    into: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum From {
    Auto,
    Aws,
    Cloudformation,
    Terraform,
}

pub fn run(args: &ImportArgs, lang: Lang) -> ExitCode {
    let mut texts = Vec::new();
    for file in &args.files {
        match input::read_text_file(file) {
            Ok(text) => texts.push((file.display().to_string(), text)),
            Err(problem) => {
                eprintln!("vpcplan: {}", problem.text(lang));
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        }
    }
    let base = match &args.into {
        Some(path) => match input::read_design_file(path) {
            Ok(design) => Some(design),
            Err(problem) => {
                eprintln!("vpcplan: {}", problem.text(lang));
                return ExitCode::from(EXIT_BAD_INPUT);
            }
        },
        None => None,
    };
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .map(|(name, text)| Input { name, text })
        .collect();
    let source = match args.from {
        From::Auto => Source::Auto,
        From::Aws => Source::Aws,
        From::Cloudformation => Source::CloudFormation,
        From::Terraform => Source::Terraform,
    };
    let imported = match import(&inputs, source) {
        Ok(imported) => imported,
        Err(error) => {
            eprintln!("vpcplan: {}", error.to_text(lang));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let design = match base {
        Some(base) => add_to(&base, imported.design),
        None => imported.design,
    };
    if let Err(code) = write(&args.out, &write_design(&design), lang) {
        return code;
    }
    if let Some(path) = &args.report
        && let Err(code) = write(path, &imported.report.to_json(), lang)
    {
        return code;
    }
    let (mapped, partial, skipped) = imported.report.counts();
    match lang {
        Lang::Ja => println!(
            "{}: VPC {} 個。対応 {mapped}、一部のみ対応 {partial}、スキップ {skipped}",
            args.out.display(),
            design.vpcs.len()
        ),
        _ => println!(
            "{}: {} VPC(s). Mapped {mapped}, partially mapped {partial}, skipped {skipped}",
            args.out.display(),
            design.vpcs.len()
        ),
    }
    for entry in &imported.report.entries {
        let (said, what) = match &entry.outcome {
            Outcome::Mapped { .. } => continue,
            Outcome::Partial { lost, .. } => (lost.first(), ("partial", "一部のみ")),
            Outcome::Skipped { reason } => (Some(reason), ("skipped", "スキップ")),
        };
        let (label, text) = match lang {
            Lang::Ja => (what.1, said.map(|s| s.ja.as_str())),
            _ => (what.0, said.map(|s| s.en.as_str())),
        };
        println!(
            "  {label}: {} {} ({}): {}",
            entry.resource_type,
            entry.resource,
            entry.file,
            text.unwrap_or_default()
        );
    }
    ExitCode::SUCCESS
}

fn write(path: &Path, text: &str, lang: Lang) -> Result<(), ExitCode> {
    std::fs::write(path, text).map_err(|error| {
        match lang {
            Lang::Ja => eprintln!("vpcplan: {}: 書き込めません: {error}", path.display()),
            _ => eprintln!("vpcplan: {}: cannot write: {error}", path.display()),
        }
        ExitCode::from(EXIT_BAD_INPUT)
    })
}
