//! vpcplan-import: reads what already exists — the bundle of the read-only
//! collector (`collect_script`), raw `aws ec2 describe-*` output, and
//! CloudFormation templates (YAML with short-form tags, or JSON) — into a
//! vpcplan design, with a report of what became of every resource.
//!
//! Pure functions from text to a design and its report, or to a located
//! error: no I/O, so the CLI and the web app's import worker call the same
//! code. Imported items keep their AWS identity (`design::AwsIdentity`);
//! `add_to` puts an import into an existing design.
//!
//! Bad input never panics: a file that cannot be read is an `ImportError`
//! naming the file, and the line and column or the path where it is wrong;
//! a resource that cannot be used is a `Skipped` or `Partial` entry of the
//! report.

mod aws;
mod build;
mod cloudformation;
mod merge;
pub mod report;

use vpcplan_core::Design;

pub use merge::add_to;
pub use report::{Entry, Item, ItemKind, Outcome, Report, Said};

/// One file to import: its name (for the report and errors) and its text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// What the files are. `Auto` tells each file's kind from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    #[default]
    Auto,
    /// The collector's bundle, or raw `aws ec2 describe-*` JSON.
    Aws,
    CloudFormation,
    /// `terraform show -json` output (not read yet: refused with a message).
    Terraform,
}

/// A design read from the sources, and what became of each resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub design: Design,
    pub report: Report,
}

/// Why a file could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    /// Line and column (from 1), when the problem is at a place in the text.
    pub position: Option<(usize, usize)>,
    /// The path inside the document, such as `Resources.Vpc.Properties`.
    pub path: Option<String>,
    pub message: Said,
}

impl ImportError {
    pub(crate) fn new(file: &str, message: Said) -> ImportError {
        ImportError {
            file: file.to_owned(),
            position: None,
            path: None,
            message,
        }
    }

    pub(crate) fn at(mut self, position: Option<(usize, usize)>) -> ImportError {
        self.position = position;
        self
    }

    pub(crate) fn in_path(mut self, path: impl Into<String>) -> ImportError {
        self.path = Some(path.into());
        self
    }

    /// `file:line:column: path: message` in one language.
    pub fn to_text(&self, lang: vpcplan_core::Lang) -> String {
        let mut text = self.file.clone();
        if let Some((line, column)) = self.position {
            text.push_str(&format!(":{line}:{column}"));
        }
        text.push_str(": ");
        if let Some(path) = &self.path {
            text.push_str(path);
            text.push_str(": ");
        }
        text.push_str(match lang {
            vpcplan_core::Lang::Ja => &self.message.ja,
            _ => &self.message.en,
        });
        text
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text(vpcplan_core::Lang::En))
    }
}

impl std::error::Error for ImportError {}

/// The read-only collector script that `vpcplan collect-script` prints and
/// the web app's Import dialog shows: AWS CLI calls per profile and Region,
/// writing one bundle file. It states the IAM permissions it needs.
pub fn collect_script() -> &'static str {
    include_str!("aws/collect.bash")
}

/// Reads the files into one design. AWS sources (bundles and raw outputs)
/// are merged; CloudFormation templates are read together, so that values
/// one template exports or outputs reach the templates that import them.
pub fn import(inputs: &[Input<'_>], source: Source) -> Result<Imported, ImportError> {
    let mut aws_files = Vec::new();
    let mut templates = Vec::new();
    for input in inputs {
        let kind = match source {
            Source::Auto => detect(input)?,
            other => other,
        };
        match kind {
            Source::Aws => aws_files.push(aws::read(input)?),
            Source::CloudFormation => templates.push(cloudformation::read_file(input)?),
            Source::Terraform | Source::Auto => {
                return Err(ImportError::new(
                    input.name,
                    Said::new(
                        "Terraform state is not imported yet; import the collector's bundle \
                         or CloudFormation templates",
                        "Terraform の state はまだインポートできません。コレクターのバンドルか \
                         CloudFormation テンプレートをインポートしてください",
                    ),
                ));
            }
        }
    }
    let mut builder = build::Builder::default();
    aws::build(&aws_files, &mut builder);
    cloudformation::build(templates, &mut builder);
    Ok(builder.finish())
}

/// What kind of source a file is, from its content.
fn detect(input: &Input<'_>) -> Result<Source, ImportError> {
    let trimmed = input.text.trim_start();
    if input.name.ends_with(".md") || !trimmed.starts_with('{') {
        // Not a JSON object: a YAML template (or nothing vpcplan reads,
        // which the template reader says).
        return Ok(Source::CloudFormation);
    }
    let value: serde_json::Value =
        serde_json::from_str(input.text).map_err(|error| json_error(input.name, &error))?;
    let has = |key: &str| value.get(key).is_some();
    if value.get("format").and_then(|f| f.as_str()) == Some(aws::BUNDLE_FORMAT)
        || aws::RAW_KEYS.iter().any(|key| has(key))
    {
        Ok(Source::Aws)
    } else if has("Resources") || has("AWSTemplateFormatVersion") {
        Ok(Source::CloudFormation)
    } else if has("format_version") && (has("values") || has("terraform_version")) {
        Ok(Source::Terraform)
    } else {
        Err(ImportError::new(
            input.name,
            Said::new(
                "not a file vpcplan imports: expected the collector's bundle, the JSON of an \
                 `aws ec2 describe-*` call, or a CloudFormation template",
                "vpcplan がインポートできるファイルではありません。コレクターのバンドル、\
                 `aws ec2 describe-*` の JSON、CloudFormation テンプレートのいずれかが必要です",
            ),
        ))
    }
}

/// A JSON syntax error with its line and column.
pub(crate) fn json_error(file: &str, error: &serde_json::Error) -> ImportError {
    ImportError::new(
        file,
        Said::new(
            format!("not valid JSON: {error}"),
            format!("JSON として正しくありません: {error}"),
        ),
    )
    .at(Some((error.line(), error.column())))
}
