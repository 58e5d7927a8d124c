//! The design file: how a design is saved, what the CLI reads, and the format
//! of the test fixtures. See `docs/design-format.md` for the format itself and
//! `docs/design-format.schema.json` for its JSON Schema.
//!
//! A file is a JSON envelope around the design:
//!
//! ```json
//! {"format": "vpcplan-design", "version": 1, "design": {"name": "…", "vpcs": […]}}
//! ```
//!
//! Each format version has its own types (`v1`), separate from the internal
//! model in `crate::design`, so the model can change without breaking saved
//! files. Reading peeks at the envelope first, then reads the design with the
//! types of its version and migrates it step by step to the internal model
//! (`migrate`). Writing always writes the newest version. The text is parsed
//! into a JSON value once (`json::parse`); the envelope is checked and the
//! design read from that value, and a problem found in the value gets its
//! line and column from where its JSON path leads in the text.
//!
//! Reading never panics: any text gives a design or a `FileError` that says
//! what is wrong and where (line and column, and/or the JSON path).

pub(crate) mod json;
pub(crate) mod syntax;
pub mod v1;

#[cfg(test)]
mod tests;

use std::fmt;

use serde_json::Value;

use v1::{describe, nested_message};

use crate::design::Design;
use crate::diagnostic::Localized;

/// The value of the envelope's `format` field.
pub const FORMAT: &str = "vpcplan-design";

/// The newest format version, the one `write_design` writes.
pub const CURRENT_VERSION: u64 = v1::VERSION;

/// Why a text is not a design this vpcplan can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// The text is not JSON (or is empty, or ends too early). For a file
    /// that ends too early, `line` and `column` are just after its last
    /// character that is not white space.
    Syntax {
        line: usize,
        column: usize,
        message: Localized,
    },
    /// The JSON is not a vpcplan file of the kind being read (a design, or
    /// for `lesson::read_lesson` a lesson): no object, no or another
    /// `format`, or a `version` that is not a known one.
    NotADesign { path: String, message: Localized },
    /// The file was written by a newer vpcplan, in a format version this one
    /// does not know; `newest` is the newest version this one reads.
    NewerVersion { version: u64, newest: u64 },
    /// A value in the file is missing, misspelt, of the wrong type, or not
    /// valid (such as a malformed CIDR), or given twice. `line` and `column`
    /// are just after the key of the faulty field, or where the faulty list
    /// item starts (see `json::position_of`). `message` is serde's or the
    /// file types' own words, in English.
    Invalid {
        path: String,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
}

impl FileError {
    /// The JSON path of the problem, such as `design.vpcs[2].ipv4_cidrs[0]`.
    pub fn path(&self) -> Option<&str> {
        match self {
            FileError::NotADesign { path, .. } | FileError::Invalid { path, .. } => Some(path),
            FileError::NewerVersion { .. } => Some("version"),
            FileError::Syntax { .. } => None,
        }
    }

    /// The line and column (both from 1) of the problem, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            FileError::Syntax { line, column, .. } => Some((*line, *column)),
            FileError::Invalid {
                line: Some(line),
                column: Some(column),
                ..
            } => Some((*line, *column)),
            _ => None,
        }
    }

    /// What is wrong, with its JSON path but not its line and column, for a
    /// caller that shows the position its own way (`file:line:column: …`).
    /// The details of `Invalid` are serde's and the file types' own words,
    /// in English in both.
    pub fn what(&self) -> Localized {
        match self {
            FileError::Syntax { message, .. } => message.clone(),
            FileError::NotADesign { path, message } => Localized::new(
                format!("{path}: {}", message.en),
                format!("{path}: {}", message.ja),
            ),
            FileError::Invalid { path, message, .. } => {
                let text = format!("{path}: {message}");
                Localized::new(text.clone(), text)
            }
            FileError::NewerVersion { version, newest } => Localized::new(
                format!(
                    "version: this file was written by a newer vpcplan (format version \
                     {version}); this version reads up to {newest}"
                ),
                format!(
                    "version: このファイルは新しい vpcplan で書かれています (形式バージョン \
                     {version})。このバージョンが読めるのは {newest} までです"
                ),
            ),
        }
    }

    /// What is wrong and where, in both languages; the English is the
    /// `Display` text.
    pub fn message(&self) -> Localized {
        let what = self.what();
        match (self, self.position()) {
            (FileError::Syntax { .. }, Some((line, column))) => Localized::new(
                format!("line {line}, column {column}: {}", what.en),
                format!("{line} 行目 {column} 列目: {}", what.ja),
            ),
            (_, Some((line, column))) => Localized::new(
                format!("{} (line {line}, column {column})", what.en),
                format!("{} ({line} 行目 {column} 列目)", what.ja),
            ),
            (_, None) => what,
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for FileError {}

/// Reads a design file of any version this vpcplan knows.
pub fn read_design(text: &str) -> Result<Design, FileError> {
    let envelope =
        json::parse(text).map_err(|error| syntax::syntax_error(text, &error, &DESIGN))?;
    let version = check_envelope(&envelope, &DESIGN)?;
    Ok(migrate(read_version(version, envelope, text)?))
}

/// Reads a design file from a JSON value that is part of another file (a
/// lesson's starting design or solution), with the same checks as
/// `read_design`. An error is a message for serde that carries the JSON
/// path inside the value (`v1::nested_message`), so the reader of the outer
/// file reports the whole path and its line and column.
pub(crate) fn design_from_value(value: Value) -> Result<Design, String> {
    let version = check_envelope(&value, &DESIGN).map_err(|error| match error {
        FileError::NotADesign { path, message } => nested_message(&path, &message.en),
        other => nested_message("version", &other.what().en),
    })?;
    match version {
        v1::VERSION => json::from_value::<v1::File>(value)
            .map(|file| migrate(VersionedDesign::V1(file)))
            .map_err(|(path, error)| nested_message(&path, &error.to_string())),
        other => Err(nested_message(
            "version",
            &FileError::NewerVersion {
                version: other,
                newest: CURRENT_VERSION,
            }
            .what()
            .en,
        )),
    }
}

/// The kinds of vpcplan file, told apart by their envelope's `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `vpcplan-design`: read with `read_design`.
    Design,
    /// `vpcplan-lesson`: read with `lesson::read_lesson`.
    Lesson,
}

/// Which kind of vpcplan file `text` is, for a face that opens designs and
/// lessons from one place (a file, a drop, a share link); `None` when it is
/// neither (the reader of either kind then says what is wrong).
pub fn kind_of(text: &str) -> Option<FileKind> {
    #[derive(serde::Deserialize)]
    struct Envelope {
        format: String,
    }
    let envelope: Envelope = serde_json::from_str(text).ok()?;
    match envelope.format.as_str() {
        FORMAT => Some(FileKind::Design),
        crate::lesson::FORMAT => Some(FileKind::Lesson),
        _ => None,
    }
}

/// Writes a design as a file of the newest version, as pretty-printed JSON
/// ending with a newline.
pub fn write_design(design: &Design) -> String {
    let file = v1::File::from_model(design);
    let mut text = serde_json::to_string_pretty(&file)
        .expect("the file types hold only strings, numbers, booleans, lists and structs");
    text.push('\n');
    text
}

/// A design as read, in the types of its format version.
#[derive(Debug, Clone, PartialEq)]
pub enum VersionedDesign {
    V1(v1::File),
}

/// Brings a design of any version up to the internal model, one version step
/// at a time. Version 1 is the only version today, so its step is the
/// conversion to the internal model. When version 2 arrives:
/// `VersionedDesign::V1(file) => migrate(VersionedDesign::V2(v2::File::from_v1(file)))`
/// and a `V2` arm that converts to the internal model; older versions keep
/// their types and their one step up.
pub fn migrate(design: VersionedDesign) -> Design {
    match design {
        VersionedDesign::V1(file) => file.into_model(),
    }
}

/// Reads the whole file with the types of its version.
fn read_version(version: u64, file: Value, text: &str) -> Result<VersionedDesign, FileError> {
    match version {
        v1::VERSION => typed::<v1::File>(file, text).map(VersionedDesign::V1),
        // `check_envelope` lets through only known versions.
        other => Err(FileError::NewerVersion {
            version: other,
            newest: CURRENT_VERSION,
        }),
    }
}

/// What an envelope must say for one kind of vpcplan file: its `format`,
/// the key of its body, the newest version this vpcplan reads, and what the
/// file is called in messages.
pub(crate) struct Envelope {
    pub format: &'static str,
    pub body: &'static str,
    pub newest: u64,
    /// "design", "設計".
    pub noun: crate::Text,
}

/// The envelope of a design file.
pub(crate) const DESIGN: Envelope = Envelope {
    format: FORMAT,
    body: "design",
    newest: CURRENT_VERSION,
    noun: crate::Text::new("design", "設計"),
};

/// Checks `format` and `version` and returns the version.
pub(crate) fn check_envelope(envelope: &Value, kind: &Envelope) -> Result<u64, FileError> {
    let Envelope {
        format: expected,
        body,
        newest,
        noun,
    } = *kind;
    let (noun_en, noun_ja) = (noun.en, noun.ja);
    let not_a_design = |path: &str, en: String, ja: String| FileError::NotADesign {
        path: path.to_owned(),
        message: Localized::new(en, ja),
    };
    let Value::Object(fields) = envelope else {
        return Err(not_a_design(
            "(top level)",
            format!(
                "expected a JSON object {{\"format\": \"{expected}\", \"version\": {newest}, \
                 \"{body}\": {{…}}}}, found {}",
                describe(envelope)
            ),
            format!(
                "JSON オブジェクト {{\"format\": \"{expected}\", \"version\": {newest}, \
                 \"{body}\": {{…}}}} が必要ですが、{}があります",
                describe_ja(envelope)
            ),
        ));
    };
    match fields.get("format") {
        Some(Value::String(format)) if format == expected => {}
        Some(Value::String(format)) => {
            return Err(not_a_design(
                "format",
                format!("{format:?} is not a vpcplan {noun_en}; expected {expected:?}"),
                format!("{format:?} は vpcplan の{noun_ja}ではありません。{expected:?} が必要です"),
            ));
        }
        Some(other) => {
            return Err(not_a_design(
                "format",
                format!(
                    "expected the string {expected:?}, found {}",
                    describe(other)
                ),
                format!(
                    "文字列 {expected:?} が必要ですが、{}があります",
                    describe_ja(other)
                ),
            ));
        }
        None => {
            return Err(not_a_design(
                "format",
                format!(
                    "missing; a vpcplan {noun_en} file has \"format\": {expected:?} \
                     (is this a vpcplan {noun_en}?)"
                ),
                format!(
                    "ありません。vpcplan の{noun_ja}ファイルには \"format\": {expected:?} があります \
                     (vpcplan の{noun_ja}ファイルですか?)"
                ),
            ));
        }
    }
    let version = match fields.get("version") {
        Some(Value::Number(number)) => number.as_u64(),
        Some(_) => None,
        None => {
            return Err(not_a_design(
                "version",
                "missing; expected the format version, such as 1".to_owned(),
                "ありません。1 のような形式バージョンが必要です".to_owned(),
            ));
        }
    };
    match version {
        Some(version) if version > newest => Err(FileError::NewerVersion { version, newest }),
        Some(version) if version >= 1 => Ok(version),
        _ => {
            let found = fields.get("version");
            Err(not_a_design(
                "version",
                format!(
                    "expected a format version from 1 to {newest}, found {}",
                    found.map_or("nothing", describe)
                ),
                format!(
                    "1 から {newest} までの形式バージョンが必要ですが、{}があります",
                    found.map_or("何もない値", describe_ja)
                ),
            ))
        }
    }
}

/// What kind of JSON value `value` is, in Japanese (`v1::describe`'s words).
fn describe_ja(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "真偽値",
        Value::Number(_) => "数値",
        Value::String(_) => "文字列",
        Value::Array(_) => "配列",
        Value::Object(_) => "オブジェクト",
    }
}

/// Reads the file's JSON value into the file types of one version, keeping
/// the JSON path of the first error and its position in `text`.
pub(crate) fn typed<T: serde::de::DeserializeOwned>(
    file: Value,
    text: &str,
) -> Result<T, FileError> {
    json::from_value(file).map_err(|(path, error)| {
        let message = error.to_string();
        // An error inside a tagged object carries the rest of its path.
        let (inner_path, message) = v1::split_nested(&message);
        let path = v1::join_path(&path, inner_path.unwrap_or(""));
        let position = json::position_of(text, &path);
        FileError::Invalid {
            path: if path.is_empty() {
                "(top level)".to_owned()
            } else {
                path
            },
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
            message: message.to_owned(),
        }
    })
}

/// The JSON Schema of the newest file format, generated from its types, as
/// pretty-printed JSON with sorted keys, ending with a newline. The committed
/// copy is `docs/design-format.schema.json`.
pub fn design_schema() -> String {
    let schema = schemars::schema_for!(v1::File);
    let value = sort_keys(schema.to_value());
    let mut text = serde_json::to_string_pretty(&value).expect("a JSON value always serializes");
    text.push('\n');
    text
}

/// The same value with every object's keys in sorted order, whichever map
/// type serde_json was built with.
pub(crate) fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            crate::collections::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, sort_keys(value)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}
