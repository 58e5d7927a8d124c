//! `DEPLOY.md`: the deploy plan as steps to follow by hand, written once by
//! one walk over the plan for each language (`language` holds the sentences).
//! The English section is the full one, with the commands; the Japanese one
//! follows it and refers back to its commands.

use std::fmt::{self, Write as _};

use vpcplan_core::Diagnostic;
use vpcplan_core::collections::sort_by_key;
use vpcplan_core::design::{EndpointTarget, LinkSpec};

use super::language::{English, Japanese, Language};
use super::{
    DeployPlan, DeployStep, INLINE_TEMPLATE_MAX_BYTES, ManualTask, ParameterValue, StepAction,
    StepParameter,
};
use crate::cloudformation::plan::Ctx;
use crate::cloudformation::stack::BuiltStack;

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

/// The command of a step; with `emptied`, the step's parameters are passed
/// as empty values (undoing an update).
fn deploy_command(out: &mut String, step: &DeployStep, large: bool, emptied: bool) {
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
        if emptied {
            let _ = write!(out, " \\\n      \"{name}=\"");
            continue;
        }
        let _ = match value {
            Some(output) => write!(out, " \\\n      \"{name}={output}\""),
            None => write!(out, " \\\n      \"{name}=${name}\""),
        };
    }
    out.push('\n');
}

/// What every language's section is written from.
struct Facts<'a> {
    ctx: &'a Ctx<'a>,
    plan: &'a DeployPlan,
    errors: &'a [Diagnostic],
    names: Names<'a>,
    /// The accounts, in the order of their first step.
    accounts: Vec<&'a str>,
    /// The notes of every stack, with the stack they belong to.
    notes: Vec<(usize, &'a str)>,
    /// The templates that go through S3.
    large: Vec<bool>,
    any_deferred: bool,
    any_large: bool,
    any_user_input: bool,
    /// Whether a VPC of the design has a main route table, which the
    /// stacks create as an ordinary one (`shared::associations`).
    any_main_table: bool,
    /// Whether an endpoint gets the VPC's default security group
    /// (`shared::endpoints`).
    any_default_group: bool,
    /// The Reachability Analyzer analyses `verify.sh` runs.
    analyses: usize,
}

/// `DEPLOY.md`: the steps in English with the commands, then in Japanese.
pub(crate) fn markdown(
    ctx: &Ctx<'_>,
    plan: &DeployPlan,
    built: &[BuiltStack],
    sizes: &[(String, usize)],
    errors: &[Diagnostic],
    analyses: usize,
) -> String {
    let large: Vec<bool> = plan
        .steps
        .iter()
        .map(|step| {
            sizes
                .iter()
                .any(|(path, size)| *path == step.template && *size > INLINE_TEMPLATE_MAX_BYTES)
        })
        .collect();
    let mut accounts: Vec<&str> = Vec::new();
    for step in &plan.steps {
        if !accounts.contains(&step.account.as_str()) {
            accounts.push(&step.account);
        }
    }
    let facts = Facts {
        ctx,
        plan,
        errors,
        names: Names { ctx },
        accounts,
        notes: built
            .iter()
            .enumerate()
            .flat_map(|(stack, stack_built)| {
                stack_built
                    .notes
                    .iter()
                    .map(move |note| (stack, note.as_str()))
            })
            .collect(),
        any_deferred: plan
            .steps
            .iter()
            .any(|step| step.action == StepAction::Update),
        any_large: large.contains(&true),
        any_user_input: plan.steps.iter().any(|step| {
            step.parameters.iter().any(|parameter| {
                matches!(
                    parameter.value,
                    ParameterValue::UserInput { default: None, .. }
                )
            })
        }),
        large,
        any_main_table: ctx
            .design
            .vpcs
            .iter()
            .any(|vpc| vpc.route_tables.iter().any(|table| table.main)),
        any_default_group: ctx.design.links.iter().any(|link| {
            matches!(
                &link.spec,
                LinkSpec::InterfaceEndpoint(endpoint)
                    if endpoint.security_groups.is_empty()
                        && !matches!(endpoint.target, EndpointTarget::GatewayLoadBalancer(_))
            )
        }),
        analyses,
    };
    let mut out = String::new();
    section(&mut out, &facts, &English);
    section(&mut out, &facts, &Japanese);
    out
}

/// One language's section of `DEPLOY.md`.
fn section(out: &mut String, facts: &Facts<'_>, lang: &impl Language) {
    let full = lang.full();
    let templates = facts
        .plan
        .steps
        .iter()
        .filter(|step| step.action == StepAction::Create)
        .count();
    lang.intro(out, &md(&facts.ctx.design.name), templates);
    if !facts.errors.is_empty() {
        out.push_str(lang.errors_heading());
        for error in facts.errors {
            let _ = writeln!(out, "- **{}**: {}", error.rule, md(lang.message(error)));
        }
        out.push('\n');
    }

    out.push_str(lang.before_heading());
    out.push_str("- ");
    out.push_str(lang.profiles());
    let profile_for =
        |account: &&str| lang.profile_for(profile_variable(account), &facts.names.account(account));
    if full {
        out.push_str("\n\n```sh\n");
        for account in &facts.accounts {
            let _ = writeln!(out, "{}=your-profile-name", profile_variable(account));
        }
        out.push_str(OUTPUT_FUNCTION);
        out.push_str("```\n\n");
        for account in &facts.accounts {
            out.push_str("  ");
            out.push_str(&profile_for(account));
            out.push('\n');
        }
        out.push('\n');
    } else {
        out.push(' ');
        let profiles: Vec<String> = facts.accounts.iter().map(profile_for).collect();
        out.push_str(&profiles.join(lang.list_separator()));
        out.push_str(lang.list_end());
        out.push('\n');
    }
    let bullet_end = if full { "\n\n" } else { "\n" };
    for (applies, text) in [
        (
            facts.any_large,
            lang.large_templates(INLINE_TEMPLATE_MAX_BYTES),
        ),
        (facts.any_user_input, lang.user_input().to_owned()),
        (facts.any_deferred, lang.deferred().to_owned()),
    ] {
        if applies {
            out.push_str("- ");
            out.push_str(&text);
            out.push_str(bullet_end);
        }
    }
    out.push_str("- ");
    out.push_str(lang.partitions());
    out.push_str(bullet_end);

    out.push_str(lang.steps_heading());
    let mut command = String::new();
    for (number, step) in facts.plan.steps.iter().enumerate() {
        let _ = write!(out, "{}. ", number + 1);
        let account = facts.names.account(&step.account);
        let (stack, template, region) = (
            token(&step.stack_name),
            token(&step.template),
            md(&step.region),
        );
        match step.action {
            StepAction::Create => {
                lang.create(out, stack, template, &account, &region);
                if !step.capabilities.is_empty() {
                    out.push_str(lang.creates_peer_role());
                }
            }
            StepAction::Update => {
                lang.update(out, stack, template, &account, &region);
                if step.after_peering {
                    out.push_str(lang.after_peering());
                }
            }
        }
        out.push('\n');
        if step.parameters.is_empty() {
            out.push_str("   ");
            out.push_str(lang.no_parameters());
            out.push('\n');
        }
        for (source, parameters) in grouped(&step.parameters) {
            out.push_str("   ");
            match source {
                Some(stack) => lang.parameters_from(out, token(stack)),
                None => out.push_str(lang.parameters_you_know()),
            }
            out.push('\n');
            for parameter in parameters {
                let _ = write!(out, "   - `{}`", token(&parameter.name));
                match &parameter.value {
                    ParameterValue::Output { output, .. } => {
                        let _ = write!(out, " \u{2190} {} `{}`", lang.output(), token(output));
                    }
                    ParameterValue::UserInput {
                        description,
                        default,
                    } => {
                        if full {
                            let _ = write!(out, ": {}", md(description));
                        }
                        if let Some(default) = default {
                            lang.default(out, token(default));
                        }
                    }
                }
                out.push('\n');
            }
        }
        if full {
            out.push_str("\n   ```sh\n");
            command.clear();
            deploy_command(&mut command, step, facts.large[number], false);
            push_indented(out, &command, "   ");
            out.push_str("   ```\n\n");
        } else {
            out.push('\n');
        }
    }

    if !facts.plan.tasks.is_empty() {
        out.push_str(lang.tasks_heading());
        for task in &facts.plan.tasks {
            out.push_str("- ");
            command.clear();
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
                    lang.accept_endpoint(
                        out,
                        &md(service_name),
                        &facts.names.account(provider_account),
                        &md(provider_region),
                    );
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
                }
                ManualTask::RegisterTargets {
                    service_name,
                    load_balancer_name,
                    port,
                    account,
                    region,
                    stack,
                    target_group_output,
                } => {
                    lang.register_targets(out, &md(service_name), &md(load_balancer_name), *port);
                    let _ = writeln!(
                        command,
                        "aws elbv2 register-targets --profile \"${}\" --region {} \\\n    --target-group-arn \"{}\" \\\n    --targets \"Id=$INSTANCE_ID\"",
                        profile_variable(account),
                        token(region),
                        output_of(stack, account, region, target_group_output)
                    );
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
                    lang.peering_dns(out, &md(requester_name), &md(accepter_name));
                    let peering = output_of(
                        requester_stack,
                        requester_account,
                        requester_region,
                        peering_output,
                    );
                    for (side, account, region) in [
                        ("requester", requester_account, requester_region),
                        ("accepter", accepter_account, accepter_region),
                    ] {
                        let _ = writeln!(
                            command,
                            "aws ec2 modify-vpc-peering-connection-options --profile \"${}\" --region {} \\\n    --vpc-peering-connection-id \"{peering}\" \\\n    --{side}-peering-connection-options AllowDnsResolutionFromRemoteVpc=true",
                            profile_variable(account),
                            token(region)
                        );
                    }
                }
            }
            if full {
                out.push_str("\n\n  ```sh\n");
                push_indented(out, &command, "  ");
                out.push_str("  ```\n\n");
            } else {
                out.push('\n');
            }
        }
        if !full {
            out.push('\n');
        }
    }

    if facts.any_main_table || facts.any_default_group {
        out.push_str(lang.defaults_heading());
        for (applies, text) in [
            (facts.any_main_table, lang.main_route_tables()),
            (facts.any_default_group, lang.default_security_group()),
        ] {
            if applies {
                out.push_str(text);
                out.push_str("\n\n");
            }
        }
    }

    // The last step of the deploy, before how to delete it all.
    lang.verify(out, facts.analyses, crate::cli_script::PRICING);
    deletion(out, facts, lang);

    if !facts.notes.is_empty() {
        out.push_str(lang.notes_heading());
        if full {
            out.push_str("\n\n");
            for (stack, note) in &facts.notes {
                let _ = writeln!(
                    out,
                    "- `{}`: {}",
                    token(&facts.ctx.stacks[*stack].stack_name),
                    md(note)
                );
            }
            out.push('\n');
        } else {
            out.push('\n');
        }
    }
}

/// How to delete what the steps created: the updates undone, then the
/// stacks deleted, each in the reverse order of the steps.
fn deletion(out: &mut String, facts: &Facts<'_>, lang: &impl Language) {
    let full = lang.full();
    out.push_str(lang.delete_heading());
    let steps = &facts.plan.steps;
    let updates = (0..steps.len())
        .rev()
        .filter(|&i| steps[i].action == StepAction::Update);
    let creates = (0..steps.len())
        .rev()
        .filter(|&i| steps[i].action == StepAction::Create);
    let mut command = String::new();
    for (number, index) in updates.chain(creates).enumerate() {
        let step = &steps[index];
        let _ = write!(out, "{}. ", number + 1);
        let account = facts.names.account(&step.account);
        let (stack, region) = (token(&step.stack_name), md(&step.region));
        command.clear();
        match step.action {
            StepAction::Update => {
                lang.undo_update(out, stack, &account, &region);
                deploy_command(&mut command, step, facts.large[index], true);
            }
            StepAction::Create => {
                lang.delete_stack(out, stack, &account, &region);
                let _ = writeln!(
                    command,
                    "aws cloudformation delete-stack --profile \"${profile}\" --region {region} \\\n    --stack-name {stack}\naws cloudformation wait stack-delete-complete --profile \"${profile}\" --region {region} \\\n    --stack-name {stack}",
                    profile = profile_variable(&step.account),
                    region = token(&step.region),
                    stack = token(&step.stack_name),
                );
            }
        }
        out.push('\n');
        if full {
            out.push_str("\n   ```sh\n");
            push_indented(out, &command, "   ");
            out.push_str("   ```\n\n");
        }
    }
    if !full {
        out.push('\n');
    }
    if !facts.ctx.services_of.is_empty() {
        out.push_str(lang.delete_endpoint_services());
    }
}
