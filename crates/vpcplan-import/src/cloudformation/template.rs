//! Reading a template: JSON, or YAML whose short-form tags become the long
//! forms (`!Ref X` → `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A",
//! "B"]}`, `!Sub …` → `{"Fn::Sub": …}`), so that the rest of the reader sees
//! one shape. YAML is read by `yaml_serde`, whose `Value::Tagged` keeps the
//! tags; its errors carry the line and column.

use serde_json::{Map, Value};
use yaml_serde::Value as Yaml;

use crate::report::Said;
use crate::{ImportError, Input, json_error};

pub(crate) struct Template {
    pub name: String,
    pub body: Value,
    /// The resources in the template's order.
    pub resources: Vec<(String, Value)>,
}

pub(crate) fn read(input: &Input<'_>) -> Result<Template, ImportError> {
    let body = if input.text.trim_start().starts_with('{') {
        serde_json::from_str(input.text).map_err(|error| json_error(input.name, &error))?
    } else {
        let yaml: Yaml = yaml_serde::from_str(input.text).map_err(|error| {
            ImportError::new(
                input.name,
                Said::new(
                    format!("not valid YAML: {error}"),
                    format!("YAML として正しくありません: {error}"),
                ),
            )
            .at(error.location().map(|l| (l.line(), l.column())))
        })?;
        to_json(yaml, input.name, "")?
    };
    let Some(resources) = body.get("Resources").and_then(Value::as_object) else {
        return Err(ImportError::new(
            input.name,
            Said::new(
                "not a CloudFormation template: expected a `Resources` object",
                "CloudFormation テンプレートではありません。`Resources` オブジェクトが必要です",
            ),
        )
        .in_path("Resources"));
    };
    let resources = resources
        .iter()
        .map(|(id, resource)| (id.clone(), resource.clone()))
        .collect();
    Ok(Template {
        name: input.name.to_owned(),
        body,
        resources,
    })
}

/// The intrinsic functions with a short form, by tag.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("GetAZs", "Fn::GetAZs"),
    ("FindInMap", "Fn::FindInMap"),
    ("If", "Fn::If"),
    ("Equals", "Fn::Equals"),
    ("Not", "Fn::Not"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("ImportValue", "Fn::ImportValue"),
    ("Base64", "Fn::Base64"),
    ("Cidr", "Fn::Cidr"),
    ("Length", "Fn::Length"),
    ("ToJsonString", "Fn::ToJsonString"),
];

fn to_json(yaml: Yaml, file: &str, path: &str) -> Result<Value, ImportError> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| to_json(item, file, &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(mapping) => {
            let mut object = Map::new();
            for (key, value) in mapping {
                let key = match key {
                    Yaml::String(s) => s,
                    Yaml::Number(n) => n.to_string(),
                    Yaml::Bool(b) => b.to_string(),
                    _ => {
                        return Err(ImportError::new(
                            file,
                            Said::new("a key that is not a string", "文字列ではないキー"),
                        )
                        .in_path(if path.is_empty() {
                            "(top level)"
                        } else {
                            path
                        }));
                    }
                };
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                let value = to_json(value, file, &inner)?;
                object.insert(key, value);
            }
            Value::Object(object)
        }
        Yaml::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let name = tag.trim_start_matches('!');
            let Some((_, long)) = SHORT_FORMS.iter().find(|(short, _)| *short == name) else {
                return Err(ImportError::new(
                    file,
                    Said::new(format!("unknown tag {tag}"), format!("不明なタグ {tag}")),
                )
                .in_path(if path.is_empty() { "(top level)" } else { path }));
            };
            let mut value = to_json(tagged.value, file, path)?;
            // `!GetAtt A.B` is the string form of `[A, B]`.
            if *long == "Fn::GetAtt"
                && let Value::String(text) = &value
                && let Some((resource, attribute)) = text.split_once('.')
            {
                value = Value::Array(vec![resource.into(), attribute.into()]);
            }
            let mut object = Map::new();
            object.insert((*long).to_owned(), value);
            Value::Object(object)
        }
    })
}
