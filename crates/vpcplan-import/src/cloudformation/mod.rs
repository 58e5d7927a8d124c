//! The CloudFormation source: templates in YAML (short-form tags such as
//! `!Ref`, `!GetAtt`, `!Sub`) or JSON, read into one JSON value per
//! template with every short form written in its long form (`template`),
//! evaluated as far as the templates tell (`eval`) and mapped into the
//! design (`map`).
//!
//! Several templates are read together: an `Fn::ImportValue` finds the
//! template that exports the name, and a parameter without a value takes
//! the output of the same name of another template (how stacks pass values
//! when the outputs of one are given as the parameters of another).

mod deploy_notes;
mod eval;
mod map;
mod template;

use std::collections::HashMap;

use serde_json::Value;

pub(crate) use template::{Template, read};

/// A file of the CloudFormation source: a template, or vpcplan's deploy
/// notes saying which outputs feed which parameters.
pub(crate) enum CfnFile {
    Template(Template),
    Notes(Vec<deploy_notes::Wire>),
}

/// Reads a template, or deploy notes (a `.md` file).
pub(crate) fn read_file(input: &crate::Input<'_>) -> Result<CfnFile, crate::ImportError> {
    if input.name.ends_with(".md") {
        return Ok(CfnFile::Notes(deploy_notes::wires(input.text)));
    }
    read(input).map(CfnFile::Template)
}

use crate::build::Builder;
use eval::{Scope, V};

pub(crate) fn build(files: Vec<CfnFile>, builder: &mut Builder) {
    let mut templates = Vec::new();
    let mut wires = Vec::new();
    for file in files {
        match file {
            CfnFile::Template(template) => templates.push(template),
            CfnFile::Notes(found) => wires.extend(found),
        }
    }
    if templates.is_empty() {
        return;
    }
    let templates = &templates;
    let no_exports = HashMap::new();
    let mut scopes: Vec<Scope<'_>> = templates
        .iter()
        .enumerate()
        .map(|(index, template)| scope(index, template, &no_exports))
        .collect();
    settle_conditions(&mut scopes);
    // Outputs and exports, evaluated with what each template knows alone.
    let mut outputs: HashMap<String, V> = HashMap::new();
    let mut by_template: HashMap<(&str, String), V> = HashMap::new();
    let mut exports: HashMap<String, V> = HashMap::new();
    for (scope, template) in scopes.iter().zip(templates) {
        let Some(Value::Object(list)) = template.body.get("Outputs") else {
            continue;
        };
        for (key, output) in list {
            let Some(value) = output.get("Value") else {
                continue;
            };
            let value = scope.eval(value);
            if let Some(name) = output.get("Export").and_then(|e| e.get("Name"))
                && let V::Str(name) = scope.eval(name)
            {
                exports.insert(name, value.clone());
            }
            by_template.insert(
                (deploy_notes::file_name(&template.name), key.clone()),
                value.clone(),
            );
            outputs.entry(key.clone()).or_insert(value);
        }
    }
    let mut scopes: Vec<Scope<'_>> = templates
        .iter()
        .enumerate()
        .map(|(index, template)| {
            let mut scope = scope(index, template, &exports);
            let file = deploy_notes::file_name(&template.name);
            for (name, value) in scope.parameters.iter_mut() {
                let empty = matches!(value, V::Unknown(_)) || *value == V::Str(String::new());
                if !empty {
                    continue;
                }
                let wired = wires
                    .iter()
                    .find(|w| w.template == file && w.parameter == *name)
                    .and_then(|w| by_template.get(&(w.source.as_str(), w.output.clone())));
                if let Some(output) = wired.or_else(|| outputs.get(name)) {
                    *value = output.clone();
                }
            }
            scope
        })
        .collect();
    settle_conditions(&mut scopes);
    map::map(templates, &scopes, builder);
}

/// What a template knows alone: parameters with their defaults, its Region
/// and account from vpcplan's metadata when it has them.
fn scope<'a>(index: usize, template: &'a Template, exports: &'a HashMap<String, V>) -> Scope<'a> {
    let body = &template.body;
    let mut parameters = HashMap::new();
    if let Some(Value::Object(list)) = body.get("Parameters") {
        for (name, parameter) in list {
            let value = match parameter.get("Default") {
                Some(Value::String(s)) => V::Str(s.clone()),
                Some(Value::Number(n)) => V::Str(n.to_string()),
                Some(Value::Bool(b)) => V::Str(b.to_string()),
                _ => V::Unknown(format!("the parameter {name}, which has no default")),
            };
            parameters.insert(name.clone(), value);
        }
    }
    let metadata = |key: &str| {
        body.get("Metadata")
            .and_then(|m| m.get("vpcplan"))
            .and_then(|m| m.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    static EMPTY: std::sync::OnceLock<serde_json::Map<String, Value>> = std::sync::OnceLock::new();
    Scope {
        index,
        parameters,
        conditions: HashMap::new(),
        mappings: body.get("Mappings"),
        condition_definitions: body.get("Conditions").and_then(Value::as_object),
        resources: body
            .get("Resources")
            .and_then(Value::as_object)
            .unwrap_or_else(|| EMPTY.get_or_init(serde_json::Map::new)),
        region: metadata("Region"),
        account: metadata("Account"),
        exports,
    }
}

/// Evaluates the conditions until no more become known (a condition may
/// name another).
fn settle_conditions(scopes: &mut [Scope<'_>]) {
    for scope in scopes {
        let Some(conditions) = scope.condition_definitions else {
            continue;
        };
        for _ in 0..=conditions.len() {
            let mut changed = false;
            for (name, expression) in conditions {
                let value = scope.condition_value(expression, 0);
                if scope.conditions.get(name) != Some(&value) {
                    scope.conditions.insert(name.clone(), value);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
}
