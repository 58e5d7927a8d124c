//! vpcplan-export: turns a design into files engineers deploy — CloudFormation
//! templates (YAML and JSON, one stack per account and Region, with a deploy
//! order) and AWS CLI scripts with their teardown scripts.
//!
//! Every exporter is a pure function of a design and its options; nothing here
//! touches the file system or the network. A design with errors exports only
//! when the caller says so explicitly, and the output then lists the errors in
//! its header.

mod cli_script;
pub mod cloudformation;
mod ip_protocol;
mod load_balancer;
mod naming;
mod parallel;
mod shared;

pub use cli_script::cli_scripts;
pub use cloudformation::{
    CloudFormationExport, CloudFormationOptions, TemplateFormat, cloudformation,
    cloudformation_with_plan,
};
pub use naming::LogicalIds;

use cloudformation::Stacks;
use vpcplan_core::{Design, Diagnostic, Severity, validate};

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Export even when validation finds errors; the files' headers list them.
    pub allow_errors: bool,
}

/// One generated file, with a path relative to the export directory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExportedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Debug)]
pub enum ExportError {
    /// Validation found errors and `allow_errors` was not set.
    DesignHasErrors(Vec<Diagnostic>),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::DesignHasErrors(errors) => {
                write!(
                    f,
                    "the design has {} error(s); fix them or export anyway with the allow-errors option:",
                    errors.len()
                )?;
                for error in errors {
                    write!(f, "\n  {} {}", error.rule, error.message.en)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// The templates in `options.format` with `DEPLOY.md`, then the CLI scripts:
/// [`cloudformation()`] and [`cli_scripts`] together,
/// as the export dialog offers them. The design is validated once, beside
/// both plans, and the templates and the scripts are written at the same
/// time on native builds.
pub fn cloudformation_and_cli_scripts(
    design: &Design,
    options: &CloudFormationOptions,
) -> Result<Vec<ExportedFile>, ExportError> {
    let (errors, (stacks, plan)) = parallel::both(
        || errors_to_report(design, &options.export),
        || parallel::both(|| Stacks::new(design), || cli_script::Plan::new(design)),
    );
    let errors = errors?;
    let verify = cli_script::verify_script(&plan, &errors);
    let contents = verify.contents.clone();
    let (templates, scripts) = parallel::both(
        || stacks.write(options.format, &errors, verify),
        || cli_script::write(&plan, &errors, contents),
    );
    let mut files = templates.files;
    files.extend(scripts);
    Ok(files)
}

/// The design's errors, or `Err` when there are some and they are not allowed.
/// Exporters call this first and put the returned errors in their headers.
pub fn errors_to_report(
    design: &Design,
    options: &ExportOptions,
) -> Result<Vec<Diagnostic>, ExportError> {
    let errors: Vec<Diagnostic> = validate(design)
        .into_iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .collect();
    if errors.is_empty() || options.allow_errors {
        Ok(errors)
    } else {
        Err(ExportError::DesignHasErrors(errors))
    }
}

/// The repository's fixture designs, read the one way every unit test of
/// this crate reads them.
#[cfg(test)]
pub(crate) mod test_fixtures {
    use std::path::PathBuf;
    use vpcplan_core::Design;
    use vpcplan_core::file::read_design;

    pub(crate) fn fixtures_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/designs")
    }

    /// The fixture design in file `name` (`article-peering.json`).
    pub(crate) fn fixture(name: &str) -> Design {
        read_design(&std::fs::read_to_string(fixtures_dir().join(name)).unwrap()).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::fixture;

    #[test]
    fn designs_with_errors_export_only_when_allowed() {
        let broken = fixture("mistake-overlapping-cidrs.json");
        let refused = errors_to_report(&broken, &ExportOptions::default()).unwrap_err();
        assert!(refused.to_string().contains("PEER-001"), "{refused}");
        let allowed = errors_to_report(&broken, &ExportOptions { allow_errors: true }).unwrap();
        assert_eq!(
            allowed.iter().map(|error| error.rule).collect::<Vec<_>>(),
            ["PEER-001"]
        );
        assert!(
            errors_to_report(&fixture("article-peering.json"), &ExportOptions::default())
                .unwrap()
                .is_empty()
        );
    }

    /// Pins every byte of the exports of the 1,000-VPC benchmark design (its
    /// files' count, size and FNV-1a digest), so work on the exporters' speed
    /// shows it changes nothing. A deliberate change to the output updates
    /// the snapshot (`cargo insta review`).
    #[test]
    fn the_benchmark_design_exports_exactly_as_pinned() {
        use vpcplan_core::synthetic::{Shape, generate};

        let design = generate(&Shape::benchmark(1_000));
        let options = ExportOptions::default();
        let mut summary = String::new();
        for format in [TemplateFormat::Yaml, TemplateFormat::Json] {
            let files = cloudformation(
                &design,
                &CloudFormationOptions {
                    export: options.clone(),
                    format,
                },
            )
            .unwrap();
            summary.push_str(&digest_line(format.extension(), &files));
        }
        let cli = cli_scripts(&design, &options).unwrap();
        summary.push_str(&digest_line("cli", &cli));
        insta::assert_snapshot!(summary);

        // The two together, as the export dialog asks for them, are the same
        // files in the same order.
        let mut separately = cloudformation(&design, &CloudFormationOptions::default()).unwrap();
        separately.extend(cli);
        let together =
            cloudformation_and_cli_scripts(&design, &CloudFormationOptions::default()).unwrap();
        assert!(together == separately, "the exports together differ");
    }

    #[test]
    fn the_exports_together_are_each_export_in_turn() {
        let names = [
            "article-peering.json",
            "cross-account-cross-region-peering.json",
            "endpoint-service-nlb-cross-account.json",
            "endpoint-service-new-nlb.json",
            "hostile-names.json",
            "interface-endpoint-aws-service.json",
            "mesh-30-vpcs.json",
            "mistake-overlapping-cidrs.json",
            "mistake-transitive-peering.json",
            "s3-gateway-endpoint.json",
        ];
        for name in names {
            let design = fixture(name);
            for allow_errors in [false, true] {
                for format in [TemplateFormat::Yaml, TemplateFormat::Json] {
                    let options = CloudFormationOptions {
                        export: ExportOptions { allow_errors },
                        format,
                    };
                    let separately = cloudformation(&design, &options).and_then(|mut files| {
                        files.extend(cli_scripts(&design, &options.export)?);
                        Ok(files)
                    });
                    match (
                        separately,
                        cloudformation_and_cli_scripts(&design, &options),
                    ) {
                        (Ok(separately), Ok(together)) => {
                            assert!(separately == together, "{name}: the files differ");
                        }
                        (Err(separately), Err(together)) => {
                            assert_eq!(separately.to_string(), together.to_string(), "{name}");
                        }
                        (separately, together) => panic!(
                            "{name}: {:?} separately, {:?} together",
                            separately.map(|files| files.len()),
                            together.map(|files| files.len())
                        ),
                    }
                }
            }
        }
    }

    fn digest_line(export: &str, files: &[ExportedFile]) -> String {
        let mut all = String::new();
        for file in files {
            all.push_str(&file.path);
            all.push('\0');
            all.push_str(&file.contents);
            all.push('\0');
        }
        let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
        format!(
            "{export}: {} files, {bytes} bytes, fnv1a {:016x}\n",
            files.len(),
            cli_script::fnv1a(&all)
        )
    }
}
