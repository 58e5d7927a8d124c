//! vpcplan-cli: the native `vpcplan` command over the same core as the web app.
//!
//! Today it prints the comparison matrix of the three connectivity patterns;
//! `validate`, `export`, `explain` and `rules` arrive with the core and export
//! issues.

use clap::{Parser, Subcommand, ValueEnum};
use vpcplan_core::matrix::{Aspect, CellStatus, cell};
use vpcplan_core::{Lang, LinkKind};

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
    /// Print the comparison matrix of VPC peering, interface endpoints and
    /// gateway endpoints: what the 2020 article said and what holds today.
    Matrix,
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

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Command::Matrix => print!("{}", render_matrix(cli.lang.into())),
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
