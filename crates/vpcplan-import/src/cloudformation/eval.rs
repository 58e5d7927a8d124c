//! The intrinsic functions, evaluated as far as the templates tell: `Ref`
//! (parameters with their defaults or the value another template gives
//! them, pseudo parameters, resources), `Fn::GetAtt`, `Fn::Sub`,
//! `Fn::Join`, `Fn::Select`, `Fn::GetAZs`, `Fn::FindInMap`, `Fn::If` and
//! the condition functions, `Fn::ImportValue` (another template's
//! `Export`). What the templates cannot tell (a value AWS assigns at
//! deploy time, a parameter without a value) is `V::Unknown` with the
//! reason, which the mapper reports.

use std::collections::HashMap;

use serde_json::Value;

/// A value as far as it is known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum V {
    Str(String),
    Bool(bool),
    Num(f64),
    List(Vec<V>),
    Obj(Vec<(String, V)>),
    /// A resource of some template, by its template's index and logical id.
    Ref(usize, String),
    /// An attribute of a resource.
    Att(usize, String, String),
    /// `AWS::NoValue`: the property is left out.
    NoValue,
    /// Not known from the templates; why.
    Unknown(String),
}

impl V {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            V::Bool(b) => Some(*b),
            V::Str(s) if s.eq_ignore_ascii_case("true") => Some(true),
            V::Str(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            V::Num(n) if *n >= 0.0 && n.fract() == 0.0 => Some(*n as u64),
            V::Str(s) => s.parse().ok(),
            _ => None,
        }
    }

    /// The resource this value names: a `Ref`, or a `GetAtt` of an id
    /// attribute (`GroupId`, `Id`).
    pub fn resource(&self) -> Option<(usize, &str)> {
        match self {
            V::Ref(t, id) => Some((*t, id)),
            V::Att(t, id, _) => Some((*t, id)),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        match self {
            V::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// What one template knows: its index among the templates read together,
/// its parameters' values, conditions, mappings, resources and Region.
pub(crate) struct Scope<'a> {
    pub index: usize,
    pub parameters: HashMap<String, V>,
    pub conditions: HashMap<String, Option<bool>>,
    pub mappings: Option<&'a Value>,
    pub condition_definitions: Option<&'a serde_json::Map<String, Value>>,
    pub resources: &'a serde_json::Map<String, Value>,
    pub region: Option<String>,
    pub account: Option<String>,
    /// The exports of every template, by name.
    pub exports: &'a HashMap<String, V>,
}

const DEPTH: usize = 64;

impl Scope<'_> {
    pub fn eval(&self, value: &Value) -> V {
        self.eval_at(value, 0)
    }

    fn eval_at(&self, value: &Value, depth: usize) -> V {
        if depth > DEPTH {
            return V::Unknown("a value nested too deeply".to_owned());
        }
        let next = depth + 1;
        match value {
            Value::Null => V::NoValue,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => V::Num(n.as_f64().unwrap_or(0.0)),
            Value::String(s) => V::Str(s.clone()),
            Value::Array(items) => V::List(
                items
                    .iter()
                    .map(|item| self.eval_at(item, next))
                    .filter(|v| *v != V::NoValue)
                    .collect(),
            ),
            Value::Object(fields) if fields.len() == 1 => {
                let (key, arg) = fields.iter().next().expect("one field");
                match key.as_str() {
                    "Ref" => self.reference(arg.as_str().unwrap_or_default()),
                    "Fn::GetAtt" => self.get_att(arg),
                    "Fn::Sub" => self.sub(arg, next),
                    "Fn::Join" => self.join(arg, next),
                    "Fn::Select" => self.select(arg, next),
                    "Fn::GetAZs" => V::Unknown(
                        "the Availability Zones Fn::GetAZs returns in the account deploying it"
                            .to_owned(),
                    ),
                    "Fn::FindInMap" => self.find_in_map(arg, next),
                    "Fn::If" => self.if_(arg, next),
                    "Fn::ImportValue" => match self.eval_at(arg, next) {
                        V::Str(name) => self.exports.get(&name).cloned().unwrap_or_else(|| {
                            V::Unknown(format!(
                                "the value exported as {name:?}, which no imported template exports"
                            ))
                        }),
                        _ => V::Unknown("an ImportValue of a name not known".to_owned()),
                    },
                    "Fn::Equals" | "Fn::Not" | "Fn::And" | "Fn::Or" | "Condition" => {
                        match self.condition_value(value, next) {
                            Some(b) => V::Bool(b),
                            None => {
                                V::Unknown("a condition not known from the templates".to_owned())
                            }
                        }
                    }
                    other if other.starts_with("Fn::") => {
                        V::Unknown(format!("the result of {other}, computed at deploy time"))
                    }
                    _ => V::Obj(vec![(key.clone(), self.eval_at(arg, next))]),
                }
            }
            Value::Object(fields) => V::Obj(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), self.eval_at(v, next)))
                    .collect(),
            ),
        }
    }

    fn reference(&self, name: &str) -> V {
        match name {
            "AWS::Region" => self.region.clone().map_or_else(
                || V::Unknown("the Region it is deployed in".to_owned()),
                V::Str,
            ),
            "AWS::AccountId" => self.account.clone().map_or_else(
                || V::Unknown("the account it is deployed in".to_owned()),
                V::Str,
            ),
            "AWS::Partition" => V::Str("aws".to_owned()),
            "AWS::URLSuffix" => V::Str("amazonaws.com".to_owned()),
            "AWS::NoValue" => V::NoValue,
            _ => {
                if let Some(value) = self.parameters.get(name) {
                    value.clone()
                } else if self.resources.contains_key(name) {
                    V::Ref(self.index, name.to_owned())
                } else {
                    V::Unknown(format!("{name}, which the template does not define"))
                }
            }
        }
    }

    fn get_att(&self, arg: &Value) -> V {
        let parts: Vec<&str> = match arg {
            Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
            Value::String(s) => s.splitn(2, '.').collect(),
            _ => Vec::new(),
        };
        match parts.as_slice() {
            [resource, attribute] if self.resources.contains_key(*resource) => {
                V::Att(self.index, (*resource).to_owned(), (*attribute).to_owned())
            }
            _ => V::Unknown("a GetAtt of a resource the template does not define".to_owned()),
        }
    }

    fn sub(&self, arg: &Value, depth: usize) -> V {
        let (text, vars) = match arg {
            Value::String(s) => (s.as_str(), None),
            Value::Array(items) => match (items.first(), items.get(1)) {
                (Some(Value::String(s)), vars) => (s.as_str(), vars.and_then(Value::as_object)),
                _ => return V::Unknown("a Fn::Sub that is not a string".to_owned()),
            },
            _ => return V::Unknown("a Fn::Sub that is not a string".to_owned()),
        };
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            // `${!Literal}` writes `${Literal}`.
            if let Some(literal) = after.strip_prefix('!') {
                out.push_str("${");
                rest = literal;
                continue;
            }
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            let value = match vars.and_then(|vars| vars.get(name)) {
                Some(var) => self.eval_at(var, depth),
                None => match name.split_once('.') {
                    Some((resource, attribute)) if self.resources.contains_key(resource) => {
                        V::Att(self.index, resource.to_owned(), attribute.to_owned())
                    }
                    _ => self.reference(name),
                },
            };
            match value {
                V::Str(s) => out.push_str(&s),
                V::Num(n) => out.push_str(&n.to_string()),
                // `${Resource}` alone is the resource itself.
                whole @ (V::Ref(..) | V::Att(..)) if text.trim() == format!("${{{name}}}") => {
                    return whole;
                }
                V::Unknown(why) => return V::Unknown(why),
                _ => {
                    return V::Unknown(format!(
                        "${{{name}}} in a Fn::Sub, known only at deploy time"
                    ));
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        V::Str(out)
    }

    fn join(&self, arg: &Value, depth: usize) -> V {
        let Some([separator, list]) = arg.as_array().map(Vec::as_slice) else {
            return V::Unknown("a Fn::Join that is not [separator, list]".to_owned());
        };
        let separator = separator.as_str().unwrap_or_default();
        let V::List(items) = self.eval_at(list, depth) else {
            return V::Unknown("a Fn::Join of a list not known".to_owned());
        };
        let mut parts = Vec::new();
        for item in items {
            match item {
                V::Str(s) => parts.push(s),
                V::Num(n) => parts.push(n.to_string()),
                V::Unknown(why) => return V::Unknown(why),
                _ => {
                    return V::Unknown(
                        "a Fn::Join of a value known only at deploy time".to_owned(),
                    );
                }
            }
        }
        V::Str(parts.join(separator))
    }

    fn select(&self, arg: &Value, depth: usize) -> V {
        let Some([index, list]) = arg.as_array().map(Vec::as_slice) else {
            return V::Unknown("a Fn::Select that is not [index, list]".to_owned());
        };
        let Some(index) = self.eval_at(index, depth).as_u64() else {
            return V::Unknown("a Fn::Select index not known".to_owned());
        };
        match self.eval_at(list, depth) {
            V::List(items) => items
                .into_iter()
                .nth(usize::try_from(index).unwrap_or(usize::MAX))
                .unwrap_or_else(|| V::Unknown("a Fn::Select past the end of its list".to_owned())),
            V::Unknown(why) => V::Unknown(why),
            V::Att(_, resource, attribute) => V::Unknown(format!(
                "an element of {resource}.{attribute}, which AWS assigns at deploy time"
            )),
            _ => V::Unknown("a Fn::Select of something not a list".to_owned()),
        }
    }

    fn find_in_map(&self, arg: &Value, depth: usize) -> V {
        let Some([map, first, second]) = arg.as_array().map(Vec::as_slice) else {
            return V::Unknown("a Fn::FindInMap that is not [map, key, key]".to_owned());
        };
        let keys: Vec<V> = [map, first, second]
            .iter()
            .map(|v| self.eval_at(v, depth))
            .collect();
        let (Some(map), Some(first), Some(second)) =
            (keys[0].as_str(), keys[1].as_str(), keys[2].as_str())
        else {
            return V::Unknown("a Fn::FindInMap key known only at deploy time".to_owned());
        };
        match self
            .mappings
            .and_then(|m| m.get(map))
            .and_then(|m| m.get(first))
            .and_then(|m| m.get(second))
        {
            Some(found) => self.eval_at(found, depth),
            None => V::Unknown(format!(
                "{map}.{first}.{second}, which the Mappings do not hold"
            )),
        }
    }

    fn if_(&self, arg: &Value, depth: usize) -> V {
        let Some([condition, then, otherwise]) = arg.as_array().map(Vec::as_slice) else {
            return V::Unknown("a Fn::If that is not [condition, then, else]".to_owned());
        };
        match self.condition(condition.as_str().unwrap_or_default()) {
            Some(true) => self.eval_at(then, depth),
            Some(false) => self.eval_at(otherwise, depth),
            None => {
                V::Unknown("a Fn::If whose condition is not known from the templates".to_owned())
            }
        }
    }

    /// A named condition's value, when known.
    pub fn condition(&self, name: &str) -> Option<bool> {
        self.conditions.get(name).copied().flatten()
    }

    /// A condition expression's value, when known.
    pub fn condition_value(&self, value: &Value, depth: usize) -> Option<bool> {
        if depth > DEPTH {
            return None;
        }
        let next = depth + 1;
        let object = value.as_object().filter(|o| o.len() == 1)?;
        let (key, arg) = object.iter().next()?;
        let args = || arg.as_array().map(Vec::as_slice).unwrap_or_default();
        match key.as_str() {
            "Condition" => self.condition(arg.as_str()?),
            "Fn::Equals" => match args() {
                [a, b] => {
                    let (a, b) = (self.eval_at(a, next), self.eval_at(b, next));
                    match (&a, &b) {
                        (V::Unknown(_), _) | (_, V::Unknown(_)) => None,
                        (V::Ref(..) | V::Att(..), V::Str(s))
                        | (V::Str(s), V::Ref(..) | V::Att(..)) => {
                            // A resource's id is never empty.
                            s.is_empty().then_some(false)
                        }
                        _ => Some(a == b),
                    }
                }
                _ => None,
            },
            "Fn::Not" => match args() {
                [inner] => self.condition_value(inner, next).map(|b| !b),
                _ => None,
            },
            "Fn::And" => {
                let values: Vec<Option<bool>> = args()
                    .iter()
                    .map(|v| self.condition_value(v, next))
                    .collect();
                if values.contains(&Some(false)) {
                    Some(false)
                } else if values.iter().all(Option::is_some) {
                    Some(true)
                } else {
                    None
                }
            }
            "Fn::Or" => {
                let values: Vec<Option<bool>> = args()
                    .iter()
                    .map(|v| self.condition_value(v, next))
                    .collect();
                if values.contains(&Some(true)) {
                    Some(true)
                } else if values.iter().all(Option::is_some) {
                    Some(false)
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}
