//! How the reader gets from text to the file types: serde_json parses the
//! text into a JSON value with the strictness of reading it directly (a key
//! twice in one object is an error); `from_value` reads the file types from
//! that value and keeps the JSON path of an error; and a second pass of
//! serde_json over the text finds where that path leads, to give the error a
//! line and a column.
//!
//! Reading the file types from a value with one small deserializer, rather
//! than from the text and again from buffered values, and with a path that
//! only the sequence and map accessors record, means their `Deserialize`
//! code is compiled once and without a wrapper around every visitor, which
//! matters for the size of the web app.

use std::cell::RefCell;
use std::fmt;

use serde::Deserialize;
use serde::de::value::StringDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Value};

use super::v1::{join_path, nested_message};

/// Parses `text` into a JSON value. A key repeated in an object is an error
/// whose message carries the key's path (see `v1::split_nested`).
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
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

/// Reads `T` from `value`; on error, also the JSON path of the value the
/// error is about (such as `design.vpcs[1].dns_support`, or the object's path
/// for a missing field), empty for the top level.
pub(crate) fn from_value<T: DeserializeOwned>(
    value: Value,
) -> Result<T, (String, serde_json::Error)> {
    let path = RefCell::new(Vec::new());
    T::deserialize(Tracked { value, path: &path })
        .map_err(|error| (spell(&path.into_inner()), error))
}

enum Segment {
    Key(String),
    Index(usize),
}

fn spell(path: &[Segment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// A JSON value as a deserializer whose sequences and maps push the index or
/// key of the value being read onto `path` and pop it once it is read: after
/// an error, `path` leads to where it happened.
struct Tracked<'p> {
    value: Value,
    path: &'p RefCell<Vec<Segment>>,
}

impl<'de> de::Deserializer<'de> for Tracked<'_> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(value),
            Value::Number(number) => {
                if let Some(value) = number.as_u64() {
                    visitor.visit_u64(value)
                } else if let Some(value) = number.as_i64() {
                    visitor.visit_i64(value)
                } else {
                    visitor.visit_f64(number.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(value) => visitor.visit_string(value),
            container @ (Value::Array(_) | Value::Object(_)) => Tracked {
                value: container,
                path: self.path,
            }
            .deserialize_container(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    /// The file's plain enums are strings.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::String(variant) => visitor.visit_enum(StringDeserializer::new(variant)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_container(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_container(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_container(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::String(value) => visitor.visit_string(value),
            other => Err(invalid_type(&other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_str(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct tuple tuple_struct
        identifier ignored_any
    }
}

impl<'de> Tracked<'_> {
    /// What `deserialize_any` does for a visitor of structs, lists or maps,
    /// which reads only arrays and objects: the error for any other value,
    /// the same as the visitor's own, is written once for every visitor
    /// rather than compiled into each.
    fn deserialize_container<V: Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, serde_json::Error> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(TrackedSeq {
                items: items.into_iter(),
                index: 0,
                path: self.path,
            }),
            Value::Object(fields) => visitor.visit_map(TrackedMap {
                fields: fields.into_iter(),
                value: None,
                path: self.path,
            }),
            other => Err(invalid_type(&other, &visitor)),
        }
    }
}

/// The error a visitor's default `visit_*` method gives for `value`.
fn invalid_type(value: &Value, expected: &dyn de::Expected) -> serde_json::Error {
    let unexpected = match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(value) => de::Unexpected::Bool(*value),
        Value::Number(number) => {
            if let Some(value) = number.as_u64() {
                de::Unexpected::Unsigned(value)
            } else if let Some(value) = number.as_i64() {
                de::Unexpected::Signed(value)
            } else {
                de::Unexpected::Float(number.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(value) => de::Unexpected::Str(value),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    };
    de::Error::invalid_type(unexpected, expected)
}

struct TrackedSeq<'p> {
    items: std::vec::IntoIter<Value>,
    index: usize,
    path: &'p RefCell<Vec<Segment>>,
}

impl<'de> SeqAccess<'de> for TrackedSeq<'_> {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        self.path.borrow_mut().push(Segment::Index(self.index));
        let item = seed.deserialize(Tracked {
            value,
            path: self.path,
        })?;
        self.path.borrow_mut().pop();
        self.index += 1;
        Ok(Some(item))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct TrackedMap<'p> {
    fields: serde_json::map::IntoIter,
    /// The value of the key read last.
    value: Option<Value>,
    path: &'p RefCell<Vec<Segment>>,
}

impl<'de> MapAccess<'de> for TrackedMap<'_> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.fields.next() else {
            return Ok(None);
        };
        // Pushed before the key is read, so an unknown field is named too.
        self.path.borrow_mut().push(Segment::Key(key.clone()));
        self.value = Some(value);
        seed.deserialize(StringDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let value = self.value.take().unwrap_or(Value::Null);
        let read = seed.deserialize(Tracked {
            value,
            path: self.path,
        })?;
        self.path.borrow_mut().pop();
        Ok(read)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len())
    }
}

/// The line and column (from 1) of the thing at `path` (such as
/// `design.vpcs[2].ipv4_cidrs[0]` or `design.vpcs[0].dns_hostname`) in
/// `text`: just after its key when it is an object's field, its first
/// character when it is an array item; `None` when the path is not in the
/// text.
pub(crate) fn position_of(text: &str, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match (Locate { steps: &steps }).deserialize(&mut deserializer) {
        Err(error) if error.to_string().starts_with(FOUND) && error.line() > 0 => {
            // serde_json's column is that of the last character it read:
            // for an item, the one before the item.
            let item = matches!(steps.last(), Some(Step::Index(_)));
            Some((error.line(), error.column() + usize::from(item)))
        }
        _ => None,
    }
}

/// The error `Locate` raises at what it looked for, so that serde_json
/// records the position.
const FOUND: &str = "found the value";

/// Raises `FOUND` before reading anything, so that the array reading the
/// item records the position where the item starts: after the comma and
/// white space before it, before the item itself. (Reading the item first
/// would place it after the next comma, at the next item, or after the
/// closing bracket, on the next line.)
struct FoundItem;

impl<'de> DeserializeSeed<'de> for FoundItem {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(de::Error::custom(FOUND))
    }
}

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
        if rest.is_empty() {
            seq.next_element_seed(FoundItem)?;
        } else {
            seq.next_element_seed(Locate { steps: rest })?;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Step::Key(wanted), rest)) = self.steps.split_first() else {
            return Ok(());
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == *wanted && rest.is_empty() {
                return Err(de::Error::custom(FOUND));
            }
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

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(default)]
        note: Option<String>,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        on: bool,
        size: f64,
        kind: Kind,
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Small,
        Large,
    }

    fn outer(value: Value) -> Result<Outer, (String, String)> {
        from_value::<Outer>(value).map_err(|(path, error)| (path, error.to_string()))
    }

    /// Reading `T` from each value gives what serde_json's own reader
    /// gives, the value or the error's message.
    fn reads_like_serde_json<T: DeserializeOwned + PartialEq + fmt::Debug>(values: &[Value]) {
        for value in values {
            let ours = from_value::<T>(value.clone()).map_err(|(_, error)| error.to_string());
            let theirs = serde_json::from_value::<T>(value.clone()).map_err(|e| e.to_string());
            assert_eq!(ours, theirs, "{value}");
        }
    }

    #[test]
    fn every_kind_of_value_reads_or_fails_as_with_serde_json() {
        let values = [
            serde_json::json!(null),
            serde_json::json!(true),
            serde_json::json!(3),
            serde_json::json!(-3),
            serde_json::json!(1.5),
            serde_json::json!("large"),
            serde_json::json!([true, 2, "small"]),
            serde_json::json!({"on": true, "size": 2, "kind": "small"}),
            serde_json::json!({"a": 1}),
        ];
        reads_like_serde_json::<Inner>(&values);
        reads_like_serde_json::<Vec<u8>>(&values);
        reads_like_serde_json::<std::collections::BTreeMap<String, u8>>(&values);
        reads_like_serde_json::<String>(&values);
        reads_like_serde_json::<Option<bool>>(&values);
    }

    #[test]
    fn values_read_into_types_and_errors_name_their_path() {
        let good = serde_json::json!({"items": [{"on": true, "size": 2, "kind": "large"},
            {"on": false, "size": -1.5, "kind": "small"}], "note": null});
        assert_eq!(
            outer(good),
            Ok(Outer {
                items: vec![
                    Inner {
                        on: true,
                        size: 2.0,
                        kind: Kind::Large
                    },
                    Inner {
                        on: false,
                        size: -1.5,
                        kind: Kind::Small
                    },
                ],
                note: None,
            })
        );
        let cases = [
            (
                serde_json::json!({"items": [{"on": true, "size": 1, "kind": "small"}, {"on": "yes", "size": 1, "kind": "small"}]}),
                "items[1].on",
                "invalid type: string \"yes\", expected a boolean",
            ),
            (
                serde_json::json!({"items": [{"on": true, "size": 1, "kind": "medium"}]}),
                "items[0].kind",
                "unknown variant `medium`, expected `small` or `large`",
            ),
            (
                serde_json::json!({"items": [{"on": true, "size": 1, "kind": "small", "colour": 1}]}),
                "items[0].colour",
                "unknown field `colour`",
            ),
            (
                serde_json::json!({"items": [{"on": true, "kind": "small"}]}),
                "items[0]",
                "missing field `size`",
            ),
            (
                serde_json::json!({"items": [], "note": 7}),
                "note",
                "invalid type: integer `7`, expected a string",
            ),
            (
                serde_json::json!([1]),
                "[0]",
                "invalid type: integer `1`, expected a sequence",
            ),
            (
                serde_json::json!("x"),
                "",
                "invalid type: string \"x\", expected struct Outer",
            ),
        ];
        for (value, path, message) in cases {
            let (found_path, found) = outer(value).unwrap_err();
            assert_eq!(found_path, path);
            assert!(found.starts_with(message), "{found}");
        }
    }

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
    fn the_position_is_a_fields_key_or_where_an_item_starts() {
        let text = "{\"a\": [1,\n  {\"b\":\n \"xy\"}, 3\n], \"c\": true}";
        assert_eq!(position_of(text, "a[1].b"), Some((2, 6)));
        assert_eq!(position_of(text, "c"), Some((4, 6)));
        assert_eq!(position_of(text, "a[0]"), Some((1, 8)));
        // Not after the item (on the next item), nor on the closing
        // bracket's line after the last item.
        assert_eq!(position_of(text, "a[1]"), Some((2, 3)));
        assert_eq!(position_of(text, "a[2]"), Some((3, 9)));
        // Nested arrays.
        assert_eq!(position_of("[[1, 2],\n [3, 4]]", "[1][1]"), Some((2, 6)));
    }

    #[test]
    fn a_path_not_in_the_text_has_no_position() {
        let text = "{\"a\": [1, {\"b\": 2}]}";
        for path in ["z", "a[5]", "a[0].b", "a[1].c", "a.b", "a[1]]"] {
            assert_eq!(position_of(text, path), None, "{path}");
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
