//! CloudFormation templates from a design.
//!
//! `cloudformation/<account>-<region>.yaml` (or `.json`) for every account
//! and Region that owns VPCs (a VPC that accepts peerings from other accounts
//! comes with the role they accept with), `cloudformation/DEPLOY.md` with
//! the order to deploy them in and which outputs feed which parameters, and
//! `cloudformation/verify.sh`, which checks the deployed network (the same
//! script as the CLI export's).
//!
//! Inside a template, resources reference each other with `Ref` and
//! `Fn::GetAtt` only; across templates, with parameters filled from other
//! stacks' outputs. See `plan` for how stacks are cut and ordered, `stack`
//! for what each design element becomes.

mod deploy;
pub(crate) mod node;
mod plan;
mod stack;

#[cfg(test)]
mod tests;

use vpcplan_core::collections::HashSet;
use vpcplan_core::{Design, Diagnostic};

use crate::{ExportError, ExportOptions, ExportedFile, cli_script, errors_to_report, parallel};

pub use deploy::{
    DeployPlan, DeployStep, INLINE_TEMPLATE_MAX_BYTES, ManualTask, ParameterValue, StepAction,
    StepParameter,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum TemplateFormat {
    #[default]
    Yaml,
    Json,
}

impl TemplateFormat {
    pub fn extension(self) -> &'static str {
        match self {
            TemplateFormat::Yaml => "yaml",
            TemplateFormat::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct CloudFormationOptions {
    pub export: ExportOptions,
    pub format: TemplateFormat,
}

/// The files and the deploy plan they come with.
#[derive(Debug, Clone)]
pub struct CloudFormationExport {
    pub files: Vec<ExportedFile>,
    pub plan: DeployPlan,
}

/// The templates and `DEPLOY.md` of a design.
pub fn cloudformation(
    design: &Design,
    options: &CloudFormationOptions,
) -> Result<Vec<ExportedFile>, ExportError> {
    cloudformation_with_plan(design, options).map(|export| export.files)
}

/// [`cloudformation`], with the deploy order as data (for tools that deploy
/// the stacks themselves, such as tests against a local AWS mock).
pub fn cloudformation_with_plan(
    design: &Design,
    options: &CloudFormationOptions,
) -> Result<CloudFormationExport, ExportError> {
    // Validation and the stack plan do not depend on each other.
    let (errors, (stacks, scripts)) = parallel::both(
        || errors_to_report(design, &options.export),
        || {
            parallel::both(
                || Stacks::new(design),
                || cli_script::Plan::accounts_only(design),
            )
        },
    );
    let errors = errors?;
    let verify = cli_script::verify_script(&scripts, &errors);
    Ok(stacks.write(options.format, &errors, verify))
}

/// What the templates are built from: the stacks, the values that cross
/// them, and the order to create them in.
pub(crate) struct Stacks<'d> {
    ctx: plan::Ctx<'d>,
    needed: HashSet<plan::Import>,
    position: Vec<usize>,
}

impl<'d> Stacks<'d> {
    pub(crate) fn new(design: &'d Design) -> Stacks<'d> {
        let ctx = plan::Ctx::new(design);
        let (edges, needed) = ctx.dependencies();
        let position = plan::creation_order(ctx.stacks.len(), &edges);
        Stacks {
            ctx,
            needed,
            position,
        }
    }

    /// The templates, `DEPLOY.md` and `verify` (the script both exports
    /// carry) as `verify.sh`, with `errors` (already allowed) in their
    /// headers.
    pub(crate) fn write(
        self,
        format: TemplateFormat,
        errors: &[Diagnostic],
        verify: cli_script::VerifyScript,
    ) -> CloudFormationExport {
        let Stacks {
            ctx,
            needed,
            position,
        } = self;
        let stacks = ctx.stacks.len();

        // The templates, with the values that come too late for creation left
        // as empty parameters. Each stack is built, written out and its tree
        // freed on its own, all stacks at once on native builds.
        let extension = format.extension();
        let render = |template: &node::Node| match format {
            TemplateFormat::Yaml => node::to_yaml(template),
            TemplateFormat::Json => node::to_json(template),
        };
        let pieces = parallel::map_in_order(stacks, |stack| {
            let (template, built) = stack::build(&ctx, stack, Some(&position), &needed, errors);
            let file = ExportedFile {
                path: format!("cloudformation/{}.{extension}", ctx.stacks[stack].file_stem),
                contents: render(&template),
            };
            (file, built)
        });
        let mut files = Vec::with_capacity(pieces.len() + 1);
        let mut built = Vec::with_capacity(stacks);
        for (file, built_stack) in pieces {
            files.push(file);
            built.push(built_stack);
        }
        let plan = deploy::plan(&ctx, &built, &position, extension);
        let sizes: Vec<(String, usize)> = files
            .iter()
            .map(|file| (file.path.clone(), file.contents.len()))
            .collect();
        files.push(ExportedFile {
            path: "cloudformation/DEPLOY.md".to_owned(),
            contents: deploy::markdown(&ctx, &plan, &built, &sizes, errors, verify.analyses),
        });
        files.push(ExportedFile {
            path: "cloudformation/verify.sh".to_owned(),
            contents: verify.contents,
        });
        CloudFormationExport { files, plan }
    }
}
