//! vpcplan-cli: the native `vpcplan` command over the same core as the web app.
//!
//! `validate` checks a design file against the rule catalogue, `explain` and
//! `rules` show the catalogue, `matrix` compares the three connectivity
//! patterns, and `export` writes CloudFormation templates or AWS CLI scripts.
//! Bad input never ends in a panic: every problem is a message naming the
//! file and, where known, the line and column, and a non-zero exit code.

mod export_cmd;
mod input;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use vpcplan_core::matrix::{Aspect, CellStatus, cell};
use vpcplan_core::{Lang, LinkKind};

/// Exit code for a design with errors (`validate`, `export`).
pub const EXIT_DESIGN_ERRORS: u8 = 1;
/// Exit code for input vpcplan cannot use: a file it cannot read, a file
/// that is not a design, an unknown rule id (clap uses it for bad arguments).
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Parser)]
#[command(
    name = "vpcplan",
    version,
    about = "Plan private connectivity between AWS VPCs"
)]
struct Cli {
    /// Language of the output.
    #[arg(long, value_enum, default_value_t = LangArg::En, global = true)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a design file against every rule. Exits 1 when the design has
    /// errors, 0 otherwise (warnings and notes do not fail it), 2 when the
    /// file cannot be read as a design (with `--format json`, that problem
    /// is JSON on stdout too).
    Validate {
        /// The design file (JSON, as the planner saves it).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Explain one rule: what it flags, why AWS works that way, how to fix
    /// it, and the AWS documents behind it.
    Explain {
        /// A rule id such as PEER-001 (any case).
        rule: String,
    },
    /// List every rule with its id, severities and title.
    Rules,
    /// Print the comparison matrix of VPC peering, interface endpoints and
    /// gateway endpoints: what the 2020 article said and what holds today.
    Matrix,
    /// Write CloudFormation templates or AWS CLI scripts for a design.
    Export(export_cmd::ExportArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Ja,
}

impl From<LangArg> for Lang {
    fn from(arg: LangArg) -> Lang {
        match arg {
            LangArg::En => Lang::En,
            LangArg::Ja => Lang::Ja,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang: Lang = cli.lang.into();
    match cli.command {
        Command::Validate { file, format } => validate(&file, format, lang),
        Command::Explain { rule } => match vpcplan_core::rule(&rule) {
            Some(doc) => {
                print!("{}", report::explain(doc, lang));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("vpcplan: {}", report::unknown_rule(&rule, lang));
                ExitCode::from(EXIT_BAD_INPUT)
            }
        },
        Command::Rules => {
            print!("{}", report::rules(lang));
            ExitCode::SUCCESS
        }
        Command::Matrix => {
            print!("{}", render_matrix(lang));
            ExitCode::SUCCESS
        }
        Command::Export(args) => export_cmd::run(&args, lang),
    }
}

fn validate(file: &std::path::Path, format: Format, lang: Lang) -> ExitCode {
    let design = match input::read_design_file(file) {
        Ok(design) => design,
        // Scripts asking for JSON get the problem as JSON too, on stdout
        // where the report would be.
        Err(problem) if format == Format::Json => {
            println!("{}", problem.json());
            return ExitCode::from(EXIT_BAD_INPUT);
        }
        Err(problem) => {
            eprintln!("vpcplan: {}", problem.text(lang));
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let diagnostics = vpcplan_core::validate(&design);
    match format {
        Format::Text => print!(
            "{}",
            report::text(&file.display().to_string(), &diagnostics, lang)
        ),
        Format::Json => println!(
            "{}",
            report::json(&file.display().to_string(), &diagnostics)
        ),
    }
    if report::has_errors(&diagnostics) {
        ExitCode::from(EXIT_DESIGN_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

fn render_matrix(lang: Lang) -> String {
    let mut out = String::new();
    for kind in LinkKind::ALL {
        out.push_str(&format!("## {}\n", kind.name().get(lang)));
        for aspect in Aspect::ALL {
            let cell = cell(aspect, kind);
            out.push_str(&format!(
                "- {}: {}\n",
                aspect.name().get(lang),
                cell.today.get(lang)
            ));
            if cell.status != CellStatus::Unchanged {
                let label = match lang {
                    Lang::En => "2020",
                    Lang::Ja => "2020年",
                };
                out.push_str(&format!(
                    "  ({}: {}; {})\n",
                    label,
                    cell.in_2020.get(lang),
                    cell.status.name().get(lang)
                ));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matrix_names_each_pattern_and_marks_what_changed() {
        let text = render_matrix(Lang::En);
        for kind in LinkKind::ALL {
            assert!(text.contains(&format!("## {}", kind.name().en)));
        }
        assert!(text.contains("(2020: No; changed since 2020)"), "{text}");
    }

    #[test]
    fn the_matrix_speaks_japanese() {
        let text = render_matrix(Lang::Ja);
        assert!(text.contains("## VPCピアリング"));
        assert!(text.contains("他リージョン"));
    }
}
