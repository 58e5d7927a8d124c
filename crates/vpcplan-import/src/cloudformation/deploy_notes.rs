//! vpcplan's `DEPLOY.md`, read for one thing: which stack's output feeds
//! which parameter of which template. vpcplan's exports pass values between
//! stacks as the outputs of one given as the parameters of another, and the
//! deploy commands in `DEPLOY.md` say so (`--stack-name S`,
//! `--template-file F`, and `"PARAMETER=$(output PROFILE REGION STACK
//! OUTPUT)"` per parameter). Import it with the templates and their
//! parameters take the outputs' values.

/// A parameter of a template fed by an output of another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wire {
    /// The file name of the template that takes the parameter.
    pub template: String,
    pub parameter: String,
    /// The file name of the template whose stack gives the output.
    pub source: String,
    pub output: String,
}

/// The file name of a path (`cloudformation/a.yaml` → `a.yaml`).
pub(crate) fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

pub(crate) fn wires(text: &str) -> Vec<Wire> {
    let mut stacks: Vec<(String, String)> = Vec::new();
    let mut pending: Vec<(Option<String>, String, String, String)> = Vec::new();
    let mut stack: Option<String> = None;
    let mut template: Option<String> = None;
    for line in text.lines() {
        let line = line.trim().trim_end_matches('\\').trim();
        if let Some(name) = line.strip_prefix("--stack-name ") {
            stack = Some(name.trim().to_owned());
            template = None;
        } else if let Some(file) = line.strip_prefix("--template-file ") {
            let file = file_name(file.trim()).to_owned();
            if let Some(stack) = &stack {
                stacks.push((stack.clone(), file.clone()));
            }
            template = Some(file);
        } else if let Some((parameter, rest)) =
            line.trim_start_matches('"').split_once("=$(output ")
        {
            let words: Vec<&str> = rest.split_whitespace().collect();
            if let [.., source_stack, output] = words.as_slice() {
                let output = output.trim_end_matches(['"', ')']);
                if !output.is_empty() {
                    pending.push((
                        template.clone(),
                        parameter.to_owned(),
                        (*source_stack).to_owned(),
                        output.to_owned(),
                    ));
                }
            }
        }
    }
    pending
        .into_iter()
        .filter_map(|(template, parameter, source_stack, output)| {
            let source = stacks.iter().find(|(s, _)| *s == source_stack)?.1.clone();
            Some(Wire {
                template: template?,
                parameter,
                source,
                output,
            })
        })
        .collect()
}
