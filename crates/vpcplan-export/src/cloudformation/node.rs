//! A template as an ordered tree, serialised by the JSON and YAML crates.
//!
//! Maps keep the order they are built in, so templates read top-down
//! (`AWSTemplateFormatVersion`, `Description`, …, `Outputs`) and a resource's
//! `Type` comes before its `Properties`. Intrinsic functions are always
//! written in their long form (`Ref:`, `Fn::GetAtt:`), which every YAML and
//! JSON reader understands, unlike the `!Ref` tags of the short form.

use std::borrow::Cow;

use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Bool(bool),
    Int(i64),
    /// Text; the words of the template syntax are borrowed, never copied.
    Str(Cow<'static, str>),
    List(Vec<Node>),
    Map(Obj),
}

/// A map that keeps insertion order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj(Vec<(Key, Node)>);

/// A map key: the words of the template syntax (`Type`, `Properties`,
/// `Ref`, …) are borrowed, never copied; names made at run time (logical
/// ids, parameter and output names) are owned.
pub type Key = Cow<'static, str>;

impl Obj {
    pub fn new() -> Obj {
        Obj(Vec::new())
    }

    /// Adds `key: value` and returns the map, for building in one expression.
    pub fn with(mut self, key: impl Into<Key>, value: impl Into<Node>) -> Obj {
        self.insert(key, value);
        self
    }

    pub fn insert(&mut self, key: impl Into<Key>, value: impl Into<Node>) {
        self.0.push((key.into(), value.into()));
    }

    /// Appends the entries of `other`.
    pub fn extend(&mut self, other: Obj) {
        self.0.extend(other.0);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl Node {
    /// A word of the template syntax (`AWS::EC2::Route`, `Name`, `String`, …).
    pub fn word(text: &'static str) -> Node {
        Node::Str(Cow::Borrowed(text))
    }
}

impl From<bool> for Node {
    fn from(value: bool) -> Node {
        Node::Bool(value)
    }
}

impl From<u16> for Node {
    fn from(value: u16) -> Node {
        Node::Int(i64::from(value))
    }
}

impl From<u32> for Node {
    fn from(value: u32) -> Node {
        Node::Int(i64::from(value))
    }
}

impl From<&str> for Node {
    fn from(value: &str) -> Node {
        Node::Str(Cow::Owned(value.to_owned()))
    }
}

impl From<String> for Node {
    fn from(value: String) -> Node {
        Node::Str(Cow::Owned(value))
    }
}

impl From<&String> for Node {
    fn from(value: &String) -> Node {
        Node::Str(Cow::Owned(value.clone()))
    }
}

impl From<Obj> for Node {
    fn from(value: Obj) -> Node {
        Node::Map(value)
    }
}

impl From<Vec<Node>> for Node {
    fn from(value: Vec<Node>) -> Node {
        Node::List(value)
    }
}

impl From<serde_json::Value> for Node {
    /// For policy documents users write as JSON. Floats and nulls, which IAM
    /// policies do not use, become strings so nothing is lost silently.
    fn from(value: serde_json::Value) -> Node {
        match value {
            serde_json::Value::Bool(value) => Node::Bool(value),
            serde_json::Value::Number(number) => match number.as_i64() {
                Some(value) => Node::Int(value),
                None => Node::from(number.to_string()),
            },
            serde_json::Value::Null => Node::word(""),
            serde_json::Value::String(value) => Node::from(value),
            serde_json::Value::Array(items) => {
                Node::List(items.into_iter().map(Node::from).collect())
            }
            serde_json::Value::Object(map) => Node::Map(Obj(map
                .into_iter()
                .map(|(key, value)| (Key::Owned(key), Node::from(value)))
                .collect())),
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::Bool(value) => serializer.serialize_bool(*value),
            Node::Int(value) => serializer.serialize_i64(*value),
            Node::Str(value) => serializer.serialize_str(value),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(obj) => obj.serialize(serializer),
        }
    }
}

impl Serialize for Obj {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

// Intrinsic functions, long form.

pub fn reference(logical_id: &str) -> Node {
    Obj::new().with("Ref", logical_id).into()
}

pub fn get_att(logical_id: &str, attribute: &'static str) -> Node {
    Obj::new()
        .with(
            "Fn::GetAtt",
            vec![Node::from(logical_id), Node::word(attribute)],
        )
        .into()
}

/// `Fn::Sub` over a fixed string; callers never put user text in it, since
/// `${…}` inside a name would be substituted.
pub fn sub(template: &str) -> Node {
    Obj::new().with("Fn::Sub", template).into()
}

pub fn join(parts: Vec<Node>) -> Node {
    Obj::new()
        .with("Fn::Join", vec![Node::word(""), Node::List(parts)])
        .into()
}

pub fn select(index: u32, list: Node) -> Node {
    Obj::new()
        .with("Fn::Select", vec![Node::from(index), list])
        .into()
}

pub fn cidr(block: Node, count: u32, bits: u32) -> Node {
    Obj::new()
        .with("Fn::Cidr", vec![block, Node::from(count), Node::from(bits)])
        .into()
}

pub fn equals(left: Node, right: Node) -> Node {
    Obj::new().with("Fn::Equals", vec![left, right]).into()
}

pub fn not(condition: Node) -> Node {
    Obj::new().with("Fn::Not", vec![condition]).into()
}

pub fn and(conditions: Vec<Node>) -> Node {
    Obj::new().with("Fn::And", conditions).into()
}

pub fn condition(name: &str) -> Node {
    Obj::new().with("Condition", name).into()
}

pub(crate) use crate::shared::names::{tag_value, truncate_chars};

/// `Tags:` with `Name` and the design id of the thing. Values longer than a
/// tag allows are cut (at a character boundary).
pub fn tags(name: &str, design_id: &str) -> Node {
    Node::List(vec![tag("Name", name), tag("vpcplan:id", design_id)])
}

fn tag(key: &'static str, value: &str) -> Node {
    Obj::new()
        .with("Key", Node::word(key))
        .with("Value", tag_value(value))
        .into()
}

/// Cuts `text` to at most `max` bytes of UTF-8 without splitting a character.
pub fn truncate_bytes(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

pub fn to_json(node: &Node) -> String {
    let mut text = serde_json::to_string_pretty(node).unwrap_or_default();
    text.push('\n');
    text
}

pub fn to_yaml(node: &Node) -> String {
    // The tree holds only strings, integers, booleans, lists and maps, which
    // the serialiser always accepts; an empty string would only ever show a
    // bug, and the tests parse every template back.
    serde_saphyr::to_string(node).unwrap_or_default()
}

/// Keeps every `${` in design text literal without looking like a mistake.
/// CloudFormation substitutes only inside `Fn::Sub`, but cfn-lint reads a
/// `${…}` anywhere else as a forgotten `Fn::Sub` (E1029). Property and output
/// values holding one become an `Fn::Join` of pieces that resolves to exactly
/// the text; prose (descriptions, metadata), where no function may appear,
/// gets the documented `${!…}` literal form.
pub fn escape_substitutions(mut template: Node) -> Node {
    if let Node::Map(sections) = &mut template {
        for (section, value) in &mut sections.0 {
            let value_key = match section.as_ref() {
                "Resources" => "Properties",
                "Outputs" => "Value",
                _ => {
                    in_prose(value);
                    continue;
                }
            };
            let Node::Map(entries) = value else {
                in_prose(value);
                continue;
            };
            for (_, entry) in &mut entries.0 {
                let Node::Map(body) = entry else {
                    in_prose(entry);
                    continue;
                };
                for (key, inner) in &mut body.0 {
                    if key == value_key {
                        in_values(inner);
                    } else {
                        in_prose(inner);
                    }
                }
            }
        }
    }
    template
}

fn is_sub(obj: &Obj) -> bool {
    obj.0.len() == 1 && obj.0[0].0 == "Fn::Sub"
}

fn in_values(node: &mut Node) {
    match node {
        Node::Str(text) if holds_substitution(text) => {
            // "a ${x}" becomes Fn::Join ["", ["a $", "{x}"]]: exactly the
            // text, with no `${` in any literal and no Fn::Sub without
            // variables (cfn-lint W1020).
            let mut parts = Vec::new();
            let mut pieces = text.split("${").peekable();
            while let Some(piece) = pieces.next() {
                let start = if parts.is_empty() { "" } else { "{" };
                let end = if pieces.peek().is_some() { "$" } else { "" };
                parts.push(Node::from(format!("{start}{piece}{end}")));
            }
            *node = join(parts);
        }
        Node::List(items) => items.iter_mut().for_each(in_values),
        Node::Map(obj) if !is_sub(obj) => obj.0.iter_mut().for_each(|(_, value)| in_values(value)),
        _ => {}
    }
}

/// Whether `text` holds `${`; most text has no `$` at all, which a byte
/// search rules out fastest.
fn holds_substitution(text: &str) -> bool {
    text.contains('$') && text.contains("${")
}

fn in_prose(node: &mut Node) {
    match node {
        Node::Str(text) if holds_substitution(text) => {
            *text = Cow::Owned(text.replace("${", "${!"));
        }
        Node::List(items) => items.iter_mut().for_each(in_prose),
        Node::Map(obj) if !is_sub(obj) => obj.0.iter_mut().for_each(|(_, value)| in_prose(value)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::shared::names::TAG_VALUE_MAX;
    use proptest::prelude::*;

    use super::*;

    fn parsed_yaml(node: &Node) -> serde_json::Value {
        serde_saphyr::from_str(&to_yaml(node)).expect("the YAML parses")
    }

    proptest! {
        /// Any text, as a tag value in a resource and as prose, comes back
        /// exactly from YAML and JSON: a plain string, or (holding `${`) an
        /// Fn::Join of plain strings in values and the `${!` form in prose.
        #[test]
        fn any_text_survives_yaml_json_and_escaping(text in any::<String>(), ascii in "[ -~\n\t]{0,40}") {
            for text in [text, ascii] {
                let template = escape_substitutions(Node::from(
                    Obj::new()
                        .with("Description", text.as_str())
                        .with("Resources", Obj::new().with("R", Obj::new()
                            .with("Type", "AWS::EC2::VPC")
                            .with("Properties", Obj::new().with("Tags", tags(&text, "id"))))),
                ));
                let yaml = parsed_yaml(&template);
                let json: serde_json::Value = serde_json::from_str(&to_json(&template)).unwrap();
                prop_assert_eq!(&yaml, &json);
                prop_assert_eq!(yaml["Description"].as_str().unwrap(), text.replace("${", "${!"));
                let value = &yaml["Resources"]["R"]["Properties"]["Tags"][0]["Value"];
                let back = match value.as_str() {
                    Some(plain) => plain.to_owned(),
                    None => value["Fn::Join"][1]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|piece| piece.as_str().unwrap())
                        .collect::<String>(),
                };
                prop_assert_eq!(back, truncate_chars(&text, TAG_VALUE_MAX));
            }
        }
    }
}
