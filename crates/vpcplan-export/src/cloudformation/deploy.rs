//! The deploy order of the generated stacks, as data and as `DEPLOY.md`.

use std::fmt::{self, Write as _};
use vpcplan_core::collections::{sort_by_key, sorted_order};

use vpcplan_core::Diagnostic;

use super::plan::{Ctx, Source};
use super::role::ROLE_OUTPUT;
use super::stack::{BuiltStack, ImportedParameter};

/// Templates above this size cannot be passed inline and must go through S3.
pub const INLINE_TEMPLATE_MAX_BYTES: usize = 51_200;

/// How to deploy the exported stacks, step by step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployPlan {
    pub steps: Vec<DeployStep>,
    /// Work after the stacks, outside CloudFormation.
    pub tasks: Vec<ManualTask>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAction {
    Create,
    /// Update the stack created earlier with the same template, passing
    /// parameters that were left empty at creation.
    Update,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployStep {
    pub action: StepAction,
    pub stack_name: String,
    /// Path of the template, relative to the export directory.
    pub template: String,
    pub account: String,
    pub region: String,
    /// `CAPABILITY_IAM` for the accepter-role stacks.
    pub capabilities: Vec<String>,
    pub parameters: Vec<StepParameter>,
    /// The step passes peering ids: run it once those peerings are active.
    pub after_peering: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepParameter {
    pub name: String,
    pub value: ParameterValue,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterValue {
    /// An output of a stack deployed earlier.
    Output {
        stack_name: String,
        account: String,
        region: String,
        output: String,
    },
    /// A value only the user knows (a load balancer ARN, a prefix list id).
    UserInput {
        description: String,
        default: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManualTask {
    /// The provider accepts an interface endpoint's connection request.
    AcceptEndpointConnection {
        service_name: String,
        provider_account: String,
        provider_region: String,
        provider_stack: String,
        service_id_output: String,
        consumer_account: String,
        consumer_region: String,
        consumer_stack: String,
        endpoint_output: String,
    },
    /// Each side turns on DNS resolution over a peering (CloudFormation
    /// cannot set it).
    PeeringDns {
        requester_name: String,
        accepter_name: String,
        requester_account: String,
        requester_region: String,
        requester_stack: String,
        peering_output: String,
        accepter_account: String,
        accepter_region: String,
    },
}

pub(crate) fn plan(
    ctx: &Ctx<'_>,
    built: &[BuiltStack],
    position: &[usize],
    extension: &str,
) -> DeployPlan {
    let mut steps = Vec::new();
    for role in &ctx.roles {
        steps.push(DeployStep {
            action: StepAction::Create,
            stack_name: role.stack_name.clone(),
            template: format!("cloudformation/{}.{extension}", role.file_stem),
            account: role.account.clone(),
            region: role.region.clone(),
            capabilities: vec!["CAPABILITY_IAM".to_owned()],
            parameters: Vec::new(),
            after_peering: false,
        });
    }
    let order = sorted_order(ctx.stacks.len(), |a, b| position[a].cmp(&position[b]));
    let resolve = |parameter: &ImportedParameter| -> ParameterValue {
        match parameter.source {
            Source::Stack(from) => match built[from].exports.get(&parameter.import) {
                Some(export) => ParameterValue::Output {
                    stack_name: ctx.stacks[from].stack_name.clone(),
                    account: ctx.stacks[from].account.clone(),
                    region: ctx.stacks[from].region.clone(),
                    output: export.output.clone(),
                },
                None => ParameterValue::UserInput {
                    description: parameter.description.clone(),
                    default: None,
                },
            },
            Source::Role(role) => ParameterValue::Output {
                stack_name: ctx.roles[role].stack_name.clone(),
                account: ctx.roles[role].account.clone(),
                region: ctx.roles[role].region.clone(),
                output: ROLE_OUTPUT.to_owned(),
            },
            Source::User => ParameterValue::UserInput {
                description: parameter.description.clone(),
                default: parameter.default.clone(),
            },
        }
    };
    // A deferred value is ready after every stack exists, unless the output
    // it comes from is itself conditional (a peering created by an update).
    let second_round = |parameter: &ImportedParameter| match parameter.source {
        Source::Stack(from) => built[from]
            .exports
            .get(&parameter.import)
            .is_some_and(|export| export.conditional),
        _ => false,
    };
    let step = |stack: usize, action, parameters: Vec<&ImportedParameter>| DeployStep {
        action,
        stack_name: ctx.stacks[stack].stack_name.clone(),
        template: format!("cloudformation/{}.{extension}", ctx.stacks[stack].file_stem),
        account: ctx.stacks[stack].account.clone(),
        region: ctx.stacks[stack].region.clone(),
        capabilities: Vec::new(),
        after_peering: parameters
            .iter()
            .any(|parameter| matches!(parameter.import, super::plan::Import::PeeringId(_))),
        parameters: parameters
            .into_iter()
            .map(|parameter| StepParameter {
                name: parameter.name.clone(),
                value: resolve(parameter),
            })
            .collect(),
    };
    for &stack in &order {
        let parameters = built[stack]
            .imports
            .iter()
            .filter(|parameter| !parameter.deferred)
            .collect();
        steps.push(step(stack, StepAction::Create, parameters));
    }
    for round in [false, true] {
        for &stack in &order {
            let parameters: Vec<&ImportedParameter> = built[stack]
                .imports
                .iter()
                .filter(|parameter| parameter.deferred && second_round(parameter) == round)
                .collect();
            if !parameters.is_empty() {
                steps.push(step(stack, StepAction::Update, parameters));
            }
        }
    }
    let mut tasks = Vec::new();
    for (stack, stack_built) in built.iter().enumerate() {
        for acceptance in &stack_built.acceptances {
            let service = &ctx.design.services[acceptance.service];
            let provider = match &service.kind {
                vpcplan_core::design::ServiceKind::EndpointService(provided) => {
                    ctx.stack_of_vpc(&provided.provider_vpc)
                }
                _ => None,
            };
            let Some(provider) = provider else {
                continue;
            };
            let Some(service_id_output) =
                built[provider].service_id_outputs.get(&acceptance.service)
            else {
                continue;
            };
            tasks.push(ManualTask::AcceptEndpointConnection {
                service_name: acceptance.service_name.clone(),
                provider_account: ctx.stacks[provider].account.clone(),
                provider_region: ctx.stacks[provider].region.clone(),
                provider_stack: ctx.stacks[provider].stack_name.clone(),
                service_id_output: service_id_output.clone(),
                consumer_account: ctx.stacks[stack].account.clone(),
                consumer_region: ctx.stacks[stack].region.clone(),
                consumer_stack: ctx.stacks[stack].stack_name.clone(),
                endpoint_output: acceptance.endpoint_output.clone(),
            });
        }
        for dns in &stack_built.peering_dns {
            let Some((_, peering)) = ctx.peering(&dns.link) else {
                continue;
            };
            let Some((_, accepter)) = ctx.vpc(&peering.accepter) else {
                continue;
            };
            tasks.push(ManualTask::PeeringDns {
                requester_name: dns.requester_name.clone(),
                accepter_name: dns.accepter_name.clone(),
                requester_account: ctx.stacks[stack].account.clone(),
                requester_region: ctx.stacks[stack].region.clone(),
                requester_stack: ctx.stacks[stack].stack_name.clone(),
                peering_output: dns.output.clone(),
                accepter_account: accepter.account.to_string(),
                accepter_region: accepter.region.clone(),
            });
        }
    }
    DeployPlan { steps, tasks }
}

/// Design text inside Markdown prose: one line, with the characters that
/// would start formatting, links or HTML escaped.
fn md(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A token for a shell command: only ASCII letters, digits and `-._/:`
/// pass; anything else (never in the names vpcplan generates, but a
/// design's account id or Region could hold it) becomes `_`, so commands
/// need no quoting of design data. Written straight into the text that
/// holds it.
fn token(text: &str) -> Token<'_> {
    Token(text)
}

struct Token<'a>(&'a str);

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '/' | ':');
        if text.is_empty() {
            return f.write_str("_");
        }
        if text.bytes().all(|b| b.is_ascii() && safe(char::from(b))) {
            return f.write_str(text);
        }
        for c in text.chars() {
            f.write_char(if safe(c) { c } else { '_' })?;
        }
        Ok(())
    }
}

/// Parameters grouped by the stack whose outputs they take (user inputs
/// last), in first-seen order.
fn grouped(parameters: &[StepParameter]) -> Vec<(Option<&str>, Vec<&StepParameter>)> {
    let mut groups: Vec<(Option<&str>, Vec<&StepParameter>)> = Vec::new();
    for parameter in parameters {
        let source = match &parameter.value {
            ParameterValue::Output { stack_name, .. } => Some(stack_name.as_str()),
            ParameterValue::UserInput { .. } => None,
        };
        match groups.iter_mut().find(|(group, _)| *group == source) {
            Some((_, members)) => members.push(parameter),
            None => groups.push((source, vec![parameter])),
        }
    }
    sort_by_key(&mut groups, |(source, _)| source.is_none());
    groups
}

/// `PROFILE_<account>`, the shell variable holding an account's profile.
fn profile_variable(account: &str) -> ProfileVariable<'_> {
    ProfileVariable(account)
}

struct ProfileVariable<'a>(&'a str);

impl fmt::Display for ProfileVariable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PROFILE_")?;
        if self.0.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            f.write_char(if c.is_ascii_alphanumeric() { c } else { '_' })?;
        }
        Ok(())
    }
}

struct Names<'a> {
    ctx: &'a Ctx<'a>,
}

impl Names<'_> {
    fn account(&self, account: &str) -> String {
        match self
            .ctx
            .design
            .accounts
            .iter()
            .find(|known| known.id.as_str() == account)
        {
            Some(known) if !known.name.is_empty() => {
                format!("{} ({})", md(account), md(&known.name))
            }
            _ => md(account),
        }
    }
}

/// `$(output …)`: one output of a deployed stack, through the shell
/// function `DEPLOY.md` defines first.
fn output_of<'a>(
    stack_name: &'a str,
    account: &'a str,
    region: &'a str,
    output: &'a str,
) -> OutputOf<'a> {
    OutputOf {
        stack_name,
        account,
        region,
        output,
    }
}

struct OutputOf<'a> {
    stack_name: &'a str,
    account: &'a str,
    region: &'a str,
    output: &'a str,
}

impl fmt::Display for OutputOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "$(output \"${}\" {} {} {})",
            profile_variable(self.account),
            token(self.region),
            token(self.stack_name),
            token(self.output)
        )
    }
}

/// Each line of `text` after `indent`, into `out`.
fn push_indented(out: &mut String, text: &str, indent: &str) {
    for line in text.lines() {
        out.push_str(indent);
        out.push_str(line);
        out.push('\n');
    }
}

const OUTPUT_FUNCTION: &str =
    "# output PROFILE REGION STACK KEY prints one output of a deployed stack.
output() {
  aws cloudformation describe-stacks --profile \"$1\" --region \"$2\" --stack-name \"$3\" \\
    --query \"Stacks[0].Outputs[?OutputKey=='$4'].OutputValue\" --output text
}
";

fn deploy_command(out: &mut String, step: &DeployStep, large: bool) {
    let _ = write!(
        out,
        "aws cloudformation deploy --profile \"${}\" --region {} \\\n    --stack-name {} \\\n    --template-file {}",
        profile_variable(&step.account),
        token(&step.region),
        token(&step.stack_name),
        token(&step.template)
    );
    if large {
        out.push_str(" \\\n    --s3-bucket \"$TEMPLATE_BUCKET\"");
    }
    if !step.capabilities.is_empty() {
        let _ = write!(
            out,
            " \\\n    --capabilities {}",
            step.capabilities.join(" ")
        );
    }
    if step.action == StepAction::Update {
        out.push_str(" \\\n    --no-fail-on-empty-changeset");
    }
    let mut first_override = true;
    for parameter in &step.parameters {
        let name = token(&parameter.name);
        let value = match &parameter.value {
            ParameterValue::Output {
                stack_name,
                account,
                region,
                output,
            } => Some(output_of(stack_name, account, region, output)),
            ParameterValue::UserInput { default: None, .. } => None,
            ParameterValue::UserInput {
                default: Some(_), ..
            } => continue,
        };
        if first_override {
            out.push_str(" \\\n    --parameter-overrides");
            first_override = false;
        }
        let _ = match value {
            Some(output) => write!(out, " \\\n      \"{name}={output}\""),
            None => write!(out, " \\\n      \"{name}=${name}\""),
        };
    }
    out.push('\n');
}

/// `DEPLOY.md`: the steps in English with the commands, then in Japanese.
pub(crate) fn markdown(
    ctx: &Ctx<'_>,
    plan: &DeployPlan,
    built: &[BuiltStack],
    sizes: &[(String, usize)],
    errors: &[Diagnostic],
) -> String {
    let names = Names { ctx };
    let large = |template: &str| {
        sizes
            .iter()
            .any(|(path, size)| path == template && *size > INLINE_TEMPLATE_MAX_BYTES)
    };
    let mut accounts: Vec<&str> = Vec::new();
    for step in &plan.steps {
        if !accounts.contains(&step.account.as_str()) {
            accounts.push(&step.account);
        }
    }
    let any_deferred = plan
        .steps
        .iter()
        .any(|step| step.action == StepAction::Update);
    let any_large = plan.steps.iter().any(|step| large(&step.template));
    let any_user_input = plan.steps.iter().any(|step| {
        step.parameters.iter().any(|parameter| {
            matches!(
                parameter.value,
                ParameterValue::UserInput { default: None, .. }
            )
        })
    });

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Deploying \u{201c}{}\u{201d} with CloudFormation\n",
        md(&ctx.design.name)
    );
    let _ = writeln!(
        out,
        "vpcplan generated {} template(s) for this design. Each network stack holds the VPCs of one account in one Region; values cross stacks as the outputs of one stack passed as the parameters of another. Deploy them in the order below, from the directory that holds `cloudformation/`. A Japanese version follows the English one.\n",
        plan.steps
            .iter()
            .filter(|step| step.action == StepAction::Create)
            .count()
    );
    if !errors.is_empty() {
        out.push_str("## Exported with errors\n\nThe design has errors, and it was exported only because that was asked for explicitly. Expect some stacks to fail until they are fixed:\n\n");
        for error in errors {
            let _ = writeln!(out, "- **{}**: {}", error.rule, md(&error.message.en));
        }
        out.push('\n');
    }
    out.push_str("## Before you start\n\n");
    out.push_str("- The AWS CLI, with a profile for each account. The commands read the profile names from these shell variables; set them first:\n\n```sh\n");
    for account in &accounts {
        let _ = writeln!(out, "{}=your-profile-name", profile_variable(account));
    }
    out.push_str(OUTPUT_FUNCTION);
    out.push_str("```\n\n");
    for account in &accounts {
        let _ = writeln!(
            out,
            "  `{}` is for account {}.",
            profile_variable(account),
            names.account(account)
        );
    }
    out.push('\n');
    if any_large {
        let _ = writeln!(
            out,
            "- Templates larger than {INLINE_TEMPLATE_MAX_BYTES} bytes go through an S3 bucket in their stack's Region: set `TEMPLATE_BUCKET` to such a bucket before those steps.\n"
        );
    }
    if any_user_input {
        out.push_str("- Some parameters are values only you know (listed as *your input*); set a shell variable of the parameter's name to the value before that step.\n\n");
    }
    if any_deferred {
        out.push_str("- Some parameters cannot have a value when their stack is created: the id of a peering requested by a stack created later, or a value from a stack that comes later. They are left empty at creation, the resources that need them are skipped, and a later *update* step passes them and creates those resources. The accepter side's peering routes always come this way, once the peering is active.\n\n");
    }
    out.push_str("## Steps\n\n");
    let mut command = String::new();
    for (number, step) in plan.steps.iter().enumerate() {
        let _ = write!(out, "{}. ", number + 1);
        match step.action {
            StepAction::Create => {
                let _ = write!(
                    out,
                    "**Create** the stack `{}` from `{}` in account {}, Region {}.",
                    token(&step.stack_name),
                    token(&step.template),
                    names.account(&step.account),
                    md(&step.region)
                );
                if !step.capabilities.is_empty() {
                    out.push_str(" It creates the IAM role the requester stacks assume to accept their peering requests in this account.");
                }
            }
            StepAction::Update => {
                let _ = write!(
                    out,
                    "**Update** the stack `{}` (same template, `{}`) in account {}, Region {}, passing the values left empty at creation.",
                    token(&step.stack_name),
                    token(&step.template),
                    names.account(&step.account),
                    md(&step.region)
                );
                if step.after_peering {
                    out.push_str(" Run this once the peering connections are active, that is, once the stacks that request them are complete.");
                }
            }
        }
        out.push('\n');
        if step.parameters.is_empty() {
            out.push_str("   No parameters.\n");
        }
        for (source, parameters) in grouped(&step.parameters) {
            match source {
                Some(stack) => {
                    let _ = writeln!(
                        out,
                        "   Parameters from the outputs of the stack `{}`:",
                        token(stack)
                    );
                }
                None => out.push_str("   Parameters only you know:\n"),
            }
            for parameter in parameters {
                let _ = write!(out, "   - `{}`", token(&parameter.name));
                match &parameter.value {
                    ParameterValue::Output { output, .. } => {
                        let _ = write!(out, " \u{2190} output `{}`", token(output));
                    }
                    ParameterValue::UserInput {
                        description,
                        default,
                    } => {
                        let _ = write!(out, ": {}", md(description));
                        if let Some(default) = default {
                            let _ = write!(out, " Defaults to `{}`.", token(default));
                        }
                    }
                }
                out.push('\n');
            }
        }
        out.push_str("\n   ```sh\n");
        command.clear();
        deploy_command(&mut command, step, large(&step.template));
        push_indented(&mut out, &command, "   ");
        out.push_str("   ```\n\n");
    }
    if !plan.tasks.is_empty() {
        out.push_str("## After the stacks\n\n");
        for task in &plan.tasks {
            match task {
                ManualTask::AcceptEndpointConnection {
                    service_name,
                    provider_account,
                    provider_region,
                    provider_stack,
                    service_id_output,
                    consumer_account,
                    consumer_region,
                    consumer_stack,
                    endpoint_output,
                } => {
                    let _ = writeln!(
                        out,
                        "- The endpoint service \u{201c}{}\u{201d} requires acceptance: its consumer's endpoint stays `pendingAcceptance` until the provider, account {}, accepts it in Region {}:\n",
                        md(service_name),
                        names.account(provider_account),
                        md(provider_region)
                    );
                    out.push_str("  ```sh\n");
                    let mut command = String::new();
                    let _ = writeln!(
                        command,
                        "aws ec2 accept-vpc-endpoint-connections --profile \"${}\" --region {} \\\n    --service-id \"{}\" \\\n    --vpc-endpoint-ids \"{}\"",
                        profile_variable(provider_account),
                        token(provider_region),
                        output_of(
                            provider_stack,
                            provider_account,
                            provider_region,
                            service_id_output
                        ),
                        output_of(
                            consumer_stack,
                            consumer_account,
                            consumer_region,
                            endpoint_output
                        )
                    );
                    push_indented(&mut out, &command, "  ");
                    out.push_str("  ```\n\n");
                }
                ManualTask::PeeringDns {
                    requester_name,
                    accepter_name,
                    requester_account,
                    requester_region,
                    requester_stack,
                    peering_output,
                    accepter_account,
                    accepter_region,
                } => {
                    let _ = writeln!(
                        out,
                        "- DNS resolution over the peering from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}: CloudFormation cannot set it, so each side turns it on once the peering is active:\n",
                        md(requester_name),
                        md(accepter_name)
                    );
                    out.push_str("  ```sh\n");
                    let peering = output_of(
                        requester_stack,
                        requester_account,
                        requester_region,
                        peering_output,
                    );
                    let mut command = String::new();
                    let _ = writeln!(
                        command,
                        "aws ec2 modify-vpc-peering-connection-options --profile \"${}\" --region {} \\\n    --vpc-peering-connection-id \"{peering}\" \\\n    --requester-peering-connection-options AllowDnsResolutionFromRemoteVpc=true",
                        profile_variable(requester_account),
                        token(requester_region)
                    );
                    let _ = writeln!(
                        command,
                        "aws ec2 modify-vpc-peering-connection-options --profile \"${}\" --region {} \\\n    --vpc-peering-connection-id \"{peering}\" \\\n    --accepter-peering-connection-options AllowDnsResolutionFromRemoteVpc=true",
                        profile_variable(accepter_account),
                        token(accepter_region)
                    );
                    push_indented(&mut out, &command, "  ");
                    out.push_str("  ```\n\n");
                }
            }
        }
    }
    let notes: Vec<(usize, &String)> = built
        .iter()
        .enumerate()
        .flat_map(|(stack, stack_built)| stack_built.notes.iter().map(move |note| (stack, note)))
        .collect();
    if !notes.is_empty() {
        out.push_str("## Not exported\n\nThe templates leave these parts of the design out (each template's Metadata lists them too):\n\n");
        for (stack, note) in &notes {
            let _ = writeln!(
                out,
                "- `{}`: {}",
                token(&ctx.stacks[*stack].stack_name),
                md(note)
            );
        }
        out.push('\n');
    }

    // Japanese.
    out.push_str("## 日本語\n\n");
    let _ = writeln!(
        out,
        "デザイン\u{300c}{}\u{300d}から vpcplan が生成した CloudFormation テンプレートのデプロイ手順です。ネットワークのスタックはアカウントとリージョンの組ごとに 1 つ（大きい場合は分割）で、スタック間の値は、あるスタックの出力を別のスタックのパラメータとして渡します。`cloudformation/` を含むディレクトリで、次の順に実行してください。コマンドは上の英語の各手順にあります。\n",
        md(&ctx.design.name)
    );
    if !errors.is_empty() {
        out.push_str("### エラーのあるままのエクスポート\n\nこのデザインにはエラーがあり、明示的な指定によってエクスポートされました。修正するまで一部のスタックは失敗する見込みです。\n\n");
        for error in errors {
            let _ = writeln!(out, "- **{}**: {}", error.rule, md(&error.message.ja));
        }
        out.push('\n');
    }
    out.push_str("### 事前準備\n\n- AWS CLI と、アカウントごとのプロファイル。コマンドはプロファイル名を次のシェル変数から読みます: ");
    let variables: Vec<String> = accounts
        .iter()
        .map(|account| {
            format!(
                "`{}`（アカウント {}）",
                profile_variable(account),
                names.account(account)
            )
        })
        .collect();
    out.push_str(&variables.join("、"));
    out.push_str("。\n");
    if any_large {
        let _ = writeln!(
            out,
            "- {INLINE_TEMPLATE_MAX_BYTES} バイトを超えるテンプレートは、スタックと同じリージョンの S3 バケットを経由します。該当する手順の前に `TEMPLATE_BUCKET` にバケット名を設定してください。"
        );
    }
    if any_user_input {
        out.push_str("- 一部のパラメータ（*入力*）はあなたしか知らない値です。その手順の前に、パラメータ名のシェル変数に値を設定してください。\n");
    }
    if any_deferred {
        out.push_str("- スタックの作成時点では値のないパラメータがあります（後で作成されるスタックが要求するピアリングの ID など）。作成時は空のままにし、それを使うリソースは作成されません。後の*更新*手順で値を渡すと作成されます。アクセプタ側のピアリングのルートは、ピアリングが active になった後、必ずこの方法で作成します。\n");
    }
    out.push_str("\n### 手順\n\n");
    for (number, step) in plan.steps.iter().enumerate() {
        let _ = write!(out, "{}. ", number + 1);
        match step.action {
            StepAction::Create => {
                let _ = write!(
                    out,
                    "スタック `{}` を **作成** します（テンプレート `{}`、アカウント {}、リージョン {}）。",
                    token(&step.stack_name),
                    token(&step.template),
                    names.account(&step.account),
                    md(&step.region)
                );
                if !step.capabilities.is_empty() {
                    out.push_str("リクエスタ側のスタックがこのアカウントでピアリング要求を承認するために引き受ける IAM ロールを作成します。");
                }
            }
            StepAction::Update => {
                let _ = write!(
                    out,
                    "スタック `{}` を **更新** し（テンプレートは同じ `{}`、アカウント {}、リージョン {}）、作成時に空にしたパラメータの値を渡します。",
                    token(&step.stack_name),
                    token(&step.template),
                    names.account(&step.account),
                    md(&step.region)
                );
                if step.after_peering {
                    out.push_str("ピアリング接続が active になってから（要求する側のスタックの作成が完了してから）実行してください。");
                }
            }
        }
        out.push('\n');
        if step.parameters.is_empty() {
            out.push_str("   パラメータはありません。\n");
        }
        for (source, parameters) in grouped(&step.parameters) {
            match source {
                Some(stack) => {
                    let _ = writeln!(
                        out,
                        "   スタック `{}` の出力から渡すパラメータ:",
                        token(stack)
                    );
                }
                None => out.push_str("   あなたが入力するパラメータ（説明は英語の手順を参照）:\n"),
            }
            for parameter in parameters {
                let _ = write!(out, "   - `{}`", token(&parameter.name));
                match &parameter.value {
                    ParameterValue::Output { output, .. } => {
                        let _ = write!(out, " \u{2190} 出力 `{}`", token(output));
                    }
                    ParameterValue::UserInput { default, .. } => {
                        if let Some(default) = default {
                            let _ = write!(out, "（既定値 `{}`）", token(default));
                        }
                    }
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }
    if !plan.tasks.is_empty() {
        out.push_str("### スタックの後の作業\n\n");
        for task in &plan.tasks {
            match task {
                ManualTask::AcceptEndpointConnection {
                    service_name,
                    provider_account,
                    provider_region,
                    ..
                } => {
                    let _ = writeln!(
                        out,
                        "- エンドポイントサービス\u{300c}{}\u{300d}は承認が必要です。プロバイダ（アカウント {}、リージョン {}）が承認するまで、コンシューマのエンドポイントは `pendingAcceptance` のままです（`aws ec2 accept-vpc-endpoint-connections`、コマンドは英語の節を参照）。",
                        md(service_name),
                        names.account(provider_account),
                        md(provider_region)
                    );
                }
                ManualTask::PeeringDns {
                    requester_name,
                    accepter_name,
                    ..
                } => {
                    let _ = writeln!(
                        out,
                        "- \u{300c}{}\u{300d}から\u{300c}{}\u{300d}へのピアリングの DNS 解決は CloudFormation では設定できません。ピアリングが active になった後、両側でそれぞれ `aws ec2 modify-vpc-peering-connection-options` を実行してください（コマンドは英語の節を参照）。",
                        md(requester_name),
                        md(accepter_name)
                    );
                }
            }
        }
        out.push('\n');
    }
    if !notes.is_empty() {
        out.push_str("### エクスポートされないもの\n\nテンプレートに含まれないデザインの要素があります（英語の節と各テンプレートの Metadata に一覧があります）。\n");
    }
    out
}
