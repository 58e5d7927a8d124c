//! Internally tagged enums whose errors keep their JSON path: the
//! `tagged_deserialize!` macro the type files use, and the messages that
//! carry a path inside a tagged object up to the reader.

use serde::Deserialize;
use serde::de::{self, Deserializer};
use serde_json::{Map, Value};

/// A serde error message that carries a JSON path relative to where it was
/// raised: `\u{0}path\u{0}message`. serde errors are plain text, so this is
/// how a tagged enum hands the path inside it up to the reader, which joins
/// it onto the path the reader tracked (see `split_nested`).
const NESTED: char = '\u{0}';

pub(crate) fn nested_message(path: &str, message: &str) -> String {
    let (inner_path, message) = split_nested(message);
    format!(
        "{NESTED}{}{NESTED}{message}",
        join_path(path, inner_path.unwrap_or(""))
    )
}

/// Splits a message made by `nested_message` into its relative path and text.
pub(crate) fn split_nested(message: &str) -> (Option<&str>, &str) {
    message
        .strip_prefix(NESTED)
        .and_then(|rest| rest.split_once(NESTED))
        .map_or((None, message), |(path, message)| (Some(path), message))
}

/// `outer` then `inner`, as JSON paths: `a.b` + `c[0]` = `a.b.c[0]`,
/// `a` + `[1].c` = `a[1].c`; `.` is the root.
pub(crate) fn join_path(outer: &str, inner: &str) -> String {
    let outer = if outer == "." { "" } else { outer };
    let inner = if inner == "." { "" } else { inner };
    match (outer.is_empty(), inner.is_empty()) {
        (_, true) => outer.to_owned(),
        (true, false) => inner.to_owned(),
        (false, false) if inner.starts_with('[') => format!("{outer}{inner}"),
        (false, false) => format!("{outer}.{inner}"),
    }
}

/// Reads an object, takes its `kind` out and returns it with the rest.
pub(crate) fn split_tagged<'de, D: Deserializer<'de>>(
    deserializer: D,
    expecting: &'static str,
) -> Result<(String, Map<String, Value>), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let mut object = match value {
        Value::Object(object) => object,
        other => {
            return Err(de::Error::invalid_type(unexpected(&other), &expecting));
        }
    };
    match object.remove("kind") {
        Some(Value::String(kind)) => Ok((kind, object)),
        Some(other) => Err(de::Error::custom(nested_message(
            "kind",
            &format!("expected a string, found {}", describe(&other)),
        ))),
        None => Err(de::Error::missing_field("kind")),
    }
}

/// Reads the fields of one variant, keeping the path of an error inside it.
pub(crate) fn tagged_variant<'de, D: Deserializer<'de>, T: de::DeserializeOwned>(
    fields: Map<String, Value>,
) -> Result<T, D::Error> {
    crate::file::json::from_value(Value::Object(fields))
        .map_err(|(path, error)| de::Error::custom(nested_message(&path, &error.to_string())))
}

pub(crate) fn unknown_kind<E: de::Error>(kind: &str, kinds: &'static [&'static str]) -> E {
    let expected = kinds
        .iter()
        .map(|kind| format!("`{kind}`"))
        .collect::<Vec<_>>()
        .join(", ");
    E::custom(nested_message(
        "kind",
        &format!("unknown kind `{kind}`, expected one of {expected}"),
    ))
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `Deserialize` for an enum `#[serde(tag = "kind")]` of newtype variants,
/// each `"kind"` string mapping to one variant. The kinds must be the
/// variant names in snake_case, as `Serialize` writes them; the round-trip
/// tests cover every variant.
macro_rules! tagged_deserialize {
    ($enum:ident, $expecting:literal, { $($kind:literal => $variant:ident),+ $(,)? }) => {
        impl<'de> Deserialize<'de> for $enum {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const KINDS: &[&str] = &[$($kind),+];
                let (kind, fields) = split_tagged(deserializer, $expecting)?;
                match kind.as_str() {
                    $($kind => tagged_variant::<D, _>(fields).map($enum::$variant),)+
                    _ => Err(unknown_kind(&kind, KINDS)),
                }
            }
        }
    };
}

// The lesson file's tagged enums (goals, item references) use it too.
pub(crate) use tagged_deserialize;
