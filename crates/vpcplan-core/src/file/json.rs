//! The two passes of serde_json over a file's text that the reader needs
//! besides reading the typed design from a JSON value: parsing the text into
//! a value that keeps the strictness of reading it directly (a key twice in
//! one object is an error), and finding where a JSON path's value ends, to
//! give errors found in the value a line and a column.
//!
//! Reading the typed design from the value, not from the text, means its
//! `Deserialize` code is compiled for one deserializer instead of two, which
//! matters for the size of the web app.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::v1::{join_path, nested_message};

/// Parses `text` into a JSON value. A key repeated in an object is an error
/// whose message carries the key's path (see `v1::split_nested`).
pub(super) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = ValueAt { at: &At::Root }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// A JSON value and where it is, which only a duplicate-key error needs.
struct ValueAt<'a> {
    at: &'a At<'a>,
}

/// A place in the JSON tree, spelt out only for an error.
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn path(&self) -> String {
        match self {
            At::Root => String::new(),
            At::Key(parent, key) => join_path(&parent.path(), key),
            At::Index(parent, index) => format!("{}[{index}]", parent.path()),
        }
    }
}

impl<'de> DeserializeSeed<'de> for ValueAt<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueAt<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueAt {
            at: &At::Index(self.at, items.len()),
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(nested_message(
                    &At::Key(self.at, &key).path(),
                    &format!("duplicate field `{key}`"),
                )));
            }
            let value = map.next_value_seed(ValueAt {
                at: &At::Key(self.at, &key),
            })?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// The line and column (from 1) where the value at `path` (such as
/// `design.vpcs[2].ipv4_cidrs[0]`) ends in `text`: where reading the file
/// types from the text directly notices a problem with that value (just
/// after it, or on the closing bracket right after it); `None` when the path
/// is not in the text.
pub(super) fn position_after(text: &str, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match (Locate { steps: &steps }).deserialize(&mut deserializer) {
        Err(error) if error.to_string().starts_with(FOUND) && error.line() > 0 => {
            Some((error.line(), error.column()))
        }
        _ => None,
    }
}

/// The error `Locate` raises just after the value it looked for, so that
/// serde_json records where the value ends.
const FOUND: &str = "found the value";

#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[2].c` as keys and indices; `None` for a path that is not of that form.
fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let (key, mut indices) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        while let Some(rest) = indices.strip_prefix('[') {
            let (index, after) = rest.split_once(']')?;
            steps.push(Step::Index(index.parse().ok()?));
            indices = after;
        }
        if !indices.is_empty() {
            return None;
        }
    }
    Some(steps)
}

struct Locate<'a> {
    steps: &'a [Step<'a>],
}

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.steps.is_empty() {
            IgnoredAny::deserialize(deserializer)?;
            return Err(de::Error::custom(FOUND));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Step::Index(wanted), rest)) = self.steps.split_first() else {
            return Ok(());
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Locate { steps: rest })?;
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Step::Key(wanted), rest)) = self.steps.split_first() else {
            return Ok(());
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == *wanted {
                return map.next_value_seed(Locate { steps: rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    // A path that goes on into a scalar is not in the text.
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_keys_and_indices() {
        assert_eq!(
            steps("design.vpcs[2].ipv4_cidrs[0]"),
            Some(vec![
                Step::Key("design"),
                Step::Key("vpcs"),
                Step::Index(2),
                Step::Key("ipv4_cidrs"),
                Step::Index(0),
            ])
        );
        assert_eq!(
            steps("a[1][3]"),
            Some(vec![Step::Key("a"), Step::Index(1), Step::Index(3)])
        );
        assert_eq!(steps("."), Some(vec![]));
        assert_eq!(steps("a[x]"), None);
        assert_eq!(steps("a[1]b"), None);
    }

    #[test]
    fn the_position_is_where_the_value_ends() {
        // serde_json has read the closing bracket right after a value by the
        // time the value's error surfaces, as when it reads the file types
        // from the text directly.
        let text = "{\"a\": [1,\n  {\"b\": \"xy\"}, 3], \"c\": true}";
        assert_eq!(position_after(text, "a[1].b"), Some((2, 13)));
        assert_eq!(position_after(text, "a[2]"), Some((2, 17)));
        assert_eq!(position_after(text, "c"), Some((2, 29)));
    }

    #[test]
    fn a_path_not_in_the_text_has_no_position() {
        let text = "{\"a\": [1, {\"b\": 2}]}";
        for path in ["z", "a[5]", "a[0].b", "a[1].c", "a.b", "a[1]]"] {
            assert_eq!(position_after(text, path), None, "{path}");
        }
    }

    #[test]
    fn a_repeated_key_is_an_error_naming_its_path() {
        let error = parse("{\"a\": [{\"b\": 1, \"b\": 2}]}").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("\u{0}a[0].b\u{0}duplicate field `b`"),
            "{error}"
        );
        assert_eq!((error.line(), error.column()), (1, 19));
        assert_eq!(
            parse("{\"a\": [{\"b\": 1, \"c\": [null, 2.5, -1]}]}").unwrap(),
            serde_json::json!({"a": [{"b": 1, "c": [null, 2.5, -1]}]})
        );
    }
}
