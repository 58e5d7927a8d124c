//! The lesson file: `{"format": "vpcplan-lesson", "version": 1, "lesson":
//! {…}}`, documented for trainers in `docs/lesson-format.md`, its JSON
//! Schema in `docs/lesson-format.schema.json` (generated from the types
//! here, kept in step by a test).
//!
//! Reading uses the design file's machinery (`crate::file`): the text is
//! parsed once (`json::parse`), the envelope checked (`check_envelope`), the
//! lesson read from the value with the path of an error kept (`typed`), and
//! the line and column found from the path. Starting designs and solutions
//! are whole design files (the envelope a saved design has, so a trainer
//! can paste one), read with the design file's version-1 types and
//! `migrate`, and an error inside one names its full path. Every text is an
//! `{"en": …, "ja": …}` object with both languages non-empty; rule ids must
//! be in the catalogue and AWS services in `catalogue::AWS_SERVICES`. Like
//! `read_design`, reading never panics.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::LinkKind;
use crate::design::{Design, ServiceId, SubnetId, VpcId};
use crate::diagnostic::Localized;
use crate::file::v1::nested_message;
use crate::file::v1::tagged::{split_tagged, tagged_deserialize, tagged_variant, unknown_kind};
use crate::file::{Envelope, FileError, check_envelope, json, sort_keys, syntax, typed};

use super::model;

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "vpcplan-lesson";

/// The newest (and only) lesson format version.
pub const VERSION: u64 = 1;

const LESSON: Envelope = Envelope {
    format: FORMAT,
    body: "lesson",
    newest: VERSION,
    noun: crate::Text::new("lesson", "レッスン"),
};

/// Reads a lesson file.
pub fn read_lesson(text: &str) -> Result<model::Lesson, FileError> {
    let envelope =
        json::parse(text).map_err(|error| syntax::syntax_error(text, &error, &LESSON))?;
    check_envelope(&envelope, &LESSON)?;
    let file: File = typed(envelope, text)?;
    file.lesson.into_model(text)
}

/// The JSON Schema of the lesson file, as pretty-printed JSON with sorted
/// keys, ending with a newline. The committed copy is
/// `docs/lesson-format.schema.json`.
pub fn lesson_schema() -> String {
    let schema = schemars::schema_for!(File);
    let value = sort_keys(schema.to_value());
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// A vpcplan lesson file, format version 1.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "vpcplan lesson file (format version 1)")]
struct File {
    /// Always `vpcplan-lesson`: what this file is.
    #[allow(dead_code)] // Checked by `check_envelope` before the types are read.
    format: Format,
    /// The format version: 1.
    #[allow(dead_code)]
    #[schemars(schema_with = "version_schema")]
    version: u64,
    lesson: Lesson,
}

/// The marker of a vpcplan lesson file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
enum Format {
    #[serde(rename = "vpcplan-lesson")]
    VpcplanLesson,
}

fn version_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "integer",
        "const": VERSION,
    })
}

/// A lesson: steps a class follows in order.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Lesson {
    /// A stable id: lowercase letters, digits and `-`, such as
    /// `peering-basics`. Progress is remembered under it.
    #[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
    id: String,
    title: Text,
    /// What the lesson teaches, in a sentence or two.
    summary: Text,
    /// At least one step; the first needs a `start`.
    #[schemars(length(min = 1))]
    steps: Vec<Step>,
}

/// One step of a lesson.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Step {
    title: Text,
    /// What the student is asked to do.
    instruction: Text,
    /// The design the step starts from, a whole design file (as saved).
    /// Left out: the step continues from the previous step's design, and
    /// "reset step" puts back the previous step's solution. The first step
    /// needs one.
    #[serde(default)]
    start: Option<EmbeddedDesign>,
    /// What must hold for the step to be done.
    goal: Goal,
    /// Hints, shown one at a time, the gentlest first.
    #[serde(default)]
    hints: Vec<Text>,
    /// Shown once the goal is met: why it works this way.
    explanation: Text,
    /// The article's section and the AWS documents behind the explanation.
    #[serde(default)]
    references: Vec<Reference>,
    /// A design that meets the goal, a whole design file: "show solution"
    /// puts it in place as one undo step.
    solution: EmbeddedDesign,
}

/// A text in English and Japanese, both non-empty.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Text {
    #[schemars(length(min = 1))]
    en: String,
    #[schemars(length(min = 1))]
    ja: String,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            en: String,
            ja: String,
        }
        let Raw { en, ja } = Raw::deserialize(deserializer)?;
        for (key, text, language) in [("en", &en, "English"), ("ja", &ja, "Japanese")] {
            if text.trim().is_empty() {
                return Err(de::Error::custom(nested_message(
                    key,
                    &format!("the {language} text is empty; every text needs English and Japanese"),
                )));
            }
        }
        Ok(Text { en, ja })
    }
}

impl From<Text> for Localized {
    fn from(text: Text) -> Localized {
        Localized::new(text.en, text.ja)
    }
}

/// A source to read: a section of the 2020 article or an AWS document.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Reference {
    title: Text,
    /// Its address (`https://…`); left out for a source without one, such
    /// as a section of the 2020 article cited by its heading.
    #[serde(default)]
    #[schemars(regex(pattern = r"^https://"))]
    url: Option<String>,
}

/// A whole design file inside the lesson file (`{"format":
/// "vpcplan-design", "version": 1, "design": {…}}`), read as `read_design`
/// reads one.
#[derive(Debug, Clone, PartialEq)]
struct EmbeddedDesign(Design);

impl<'de> Deserialize<'de> for EmbeddedDesign {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<EmbeddedDesign, D::Error> {
        let value = Value::deserialize(deserializer)?;
        crate::file::design_from_value(value)
            .map(EmbeddedDesign)
            .map_err(de::Error::custom)
    }
}

impl JsonSchema for EmbeddedDesign {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DesignFile".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        crate::file::v1::File::json_schema(generator)
    }
}

/// A check on the current design.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Goal {
    /// A link of a kind joins two items, in either direction.
    Link(LinkGoal),
    /// Validation reports the rule.
    RuleFires(RuleGoal),
    /// Validation does not report the rule.
    RuleSilent(RuleGoal),
    /// One item reaches the other.
    Reachable(ReachGoal),
    /// One item does not reach the other; with `because`, that rule is
    /// among the reasons reachability gives.
    Unreachable(UnreachableGoal),
    /// Validation reports no error.
    NoErrors(NoErrorsGoal),
    /// Every goal in the list holds; the checklist shows each.
    All(AllGoal),
}

tagged_deserialize!(Goal, "a goal object", {
    "link" => Link,
    "rule_fires" => RuleFires,
    "rule_silent" => RuleSilent,
    "reachable" => Reachable,
    "unreachable" => Unreachable,
    "no_errors" => NoErrors,
    "all" => All,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct LinkGoal {
    /// `peering`, `interface_endpoint` or `gateway_endpoint`.
    link: LinkKind,
    /// The two items, in either order.
    between: [Item; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct RuleGoal {
    rule: RuleId,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct ReachGoal {
    from: Item,
    to: Item,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct UnreachableGoal {
    from: Item,
    to: Item,
    /// A rule that must be among the reasons, such as `PEER-003`.
    #[serde(default)]
    because: Option<RuleId>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct NoErrorsGoal {}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct AllGoal {
    /// At least one goal.
    #[schemars(length(min = 1))]
    goals: Vec<Goal>,
}

/// A rule id of the catalogue (`docs/rules.md`), such as `PEER-001`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
struct RuleId(&'static str);

impl JsonSchema for RuleId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A rule id of the catalogue (docs/rules.md), such as `PEER-001`.",
            "type": "string",
            "pattern": "^[A-Za-z]+-[0-9]{3}$",
        })
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RuleId, D::Error> {
        let id = String::deserialize(deserializer)?;
        crate::rules::rule(&id)
            .map(|doc| RuleId(doc.id))
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "unknown rule `{id}`; expected a rule id of the catalogue, such as \
                     `PEER-001` (see docs/rules.md)"
                ))
            })
    }
}

/// A thing of the design a goal is about.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Item {
    /// A VPC, by id.
    Vpc(VpcItem),
    /// A subnet of a VPC, by ids. In a `link` goal it stands for its VPC.
    Subnet(SubnetItem),
    /// A service node, by id.
    Service(ServiceItem),
    /// Any AWS service node for a service of the catalogue, by its
    /// service-name suffix (`ssm`, `s3`): nodes a student adds get
    /// generated ids.
    AwsService(AwsServiceItem),
}

tagged_deserialize!(Item, "an item object", {
    "vpc" => Vpc,
    "subnet" => Subnet,
    "service" => Service,
    "aws_service" => AwsService,
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct VpcItem {
    vpc: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct SubnetItem {
    vpc: String,
    subnet: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct ServiceItem {
    service: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(inline)]
struct AwsServiceItem {
    /// The service-name suffix, after `com.amazonaws.<region>.`.
    aws_service: AwsSuffix,
}

/// A service-name suffix of `catalogue::AWS_SERVICES`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
struct AwsSuffix(String);

impl<'de> Deserialize<'de> for AwsSuffix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<AwsSuffix, D::Error> {
        let suffix = String::deserialize(deserializer)?;
        match crate::catalogue::aws_service(&suffix) {
            Some(service) => Ok(AwsSuffix(service.suffix.to_owned())),
            None => Err(de::Error::custom(format!(
                "unknown AWS service `{suffix}`; expected a service-name suffix of the \
                 catalogue, such as `ssm` or `s3`"
            ))),
        }
    }
}

// ----- Into the model, with the checks the types cannot make -----

/// An error at `path`, placed in `text`.
fn invalid(text: &str, path: &str, message: &str) -> FileError {
    let position = json::position_of(text, path);
    FileError::Invalid {
        path: path.to_owned(),
        line: position.map(|(line, _)| line),
        column: position.map(|(_, column)| column),
        message: message.to_owned(),
    }
}

impl Lesson {
    fn into_model(self, text: &str) -> Result<model::Lesson, FileError> {
        let id_ok = !self.id.is_empty()
            && self.id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !id_ok {
            return Err(invalid(
                text,
                "lesson.id",
                &format!(
                    "{:?} is not a lesson id; use lowercase letters, digits and single `-`, \
                     such as `peering-basics`",
                    self.id
                ),
            ));
        }
        if self.steps.is_empty() {
            return Err(invalid(
                text,
                "lesson.steps",
                "a lesson needs at least one step",
            ));
        }
        if self.steps.first().is_some_and(|step| step.start.is_none()) {
            return Err(invalid(
                text,
                "lesson.steps[0]",
                "missing field `start`: the first step needs a starting design",
            ));
        }
        let mut steps = Vec::with_capacity(self.steps.len());
        for (index, step) in self.steps.into_iter().enumerate() {
            let path = format!("lesson.steps[{index}].goal");
            steps.push(model::Step {
                title: step.title.into(),
                instruction: step.instruction.into(),
                start: step.start.map(|design| design.0),
                goal: step.goal.into_model(text, &path)?,
                hints: step.hints.into_iter().map(Localized::from).collect(),
                explanation: step.explanation.into(),
                references: step
                    .references
                    .into_iter()
                    .map(|reference| model::Reference {
                        title: reference.title.into(),
                        url: reference.url,
                    })
                    .collect(),
                solution: step.solution.0,
            });
        }
        Ok(model::Lesson {
            id: self.id,
            title: self.title.into(),
            summary: self.summary.into(),
            steps,
        })
    }
}

impl Goal {
    fn into_model(self, text: &str, path: &str) -> Result<model::Goal, FileError> {
        Ok(match self {
            Goal::Link(LinkGoal {
                link,
                between: [a, b],
            }) => model::Goal::Link {
                kind: link,
                a: a.into_model(),
                b: b.into_model(),
            },
            Goal::RuleFires(RuleGoal { rule }) => model::Goal::RuleFires { rule: rule.0 },
            Goal::RuleSilent(RuleGoal { rule }) => model::Goal::RuleSilent { rule: rule.0 },
            Goal::Reachable(ReachGoal { from, to }) => model::Goal::Reachable {
                from: from.into_model(),
                to: to.into_model(),
            },
            Goal::Unreachable(UnreachableGoal { from, to, because }) => model::Goal::Unreachable {
                from: from.into_model(),
                to: to.into_model(),
                because: because.map(|rule| rule.0),
            },
            Goal::NoErrors(NoErrorsGoal {}) => model::Goal::NoErrors,
            Goal::All(AllGoal { goals }) => {
                if goals.is_empty() {
                    return Err(invalid(
                        text,
                        &format!("{path}.goals"),
                        "an `all` goal needs at least one goal",
                    ));
                }
                let mut all = Vec::with_capacity(goals.len());
                for (index, goal) in goals.into_iter().enumerate() {
                    all.push(goal.into_model(text, &format!("{path}.goals[{index}]"))?);
                }
                model::Goal::All(all)
            }
        })
    }
}

impl Item {
    fn into_model(self) -> model::ItemRef {
        match self {
            Item::Vpc(VpcItem { vpc }) => model::ItemRef::Vpc(VpcId::new(vpc)),
            Item::Subnet(SubnetItem { vpc, subnet }) => model::ItemRef::Subnet {
                vpc: VpcId::new(vpc),
                subnet: SubnetId::new(subnet),
            },
            Item::Service(ServiceItem { service }) => {
                model::ItemRef::Service(ServiceId::new(service))
            }
            Item::AwsService(AwsServiceItem { aws_service }) => {
                model::ItemRef::AwsService(aws_service.0)
            }
        }
    }
}
