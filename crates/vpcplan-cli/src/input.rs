//! Reading a design file, with every failure turned into a message that
//! names the file and, when known, the JSON path, line and column: as text
//! (`FILE:LINE:COLUMN: what`) or as JSON for `validate --format json`.

use std::path::Path;

use serde_json::json;
use vpcplan_core::file::{FileError, read_design};
use vpcplan_core::{Design, Lang, Localized};

/// Why a file could not be used as a design.
#[derive(Debug)]
pub enum InputError {
    /// The file could not be read as text: missing, unreadable, a directory,
    /// or not UTF-8.
    Unreadable {
        file: String,
        kind: &'static str,
        reason: Localized,
    },
    /// The text is not a design this vpcplan reads.
    Design { file: String, error: FileError },
}

/// Reads and parses a design file.
pub fn read_design_file(file: &Path) -> Result<Design, InputError> {
    let shown = file.display().to_string();
    let unreadable = |kind, reason| InputError::Unreadable {
        file: shown.clone(),
        kind,
        reason,
    };
    if file.is_dir() {
        return Err(unreadable(
            "unreadable",
            Localized::new(
                "is a directory, not a design file",
                "ディレクトリです。設計ファイルではありません",
            ),
        ));
    }
    let bytes = std::fs::read(file).map_err(|error| {
        unreadable(
            "unreadable",
            Localized::new(
                format!("cannot read: {error}"),
                format!("読み込めません: {error}"),
            ),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        unreadable(
            "not_text",
            Localized::new(
                "is not UTF-8 text, so not a design file",
                "UTF-8 のテキストではないため、設計ファイルではありません",
            ),
        )
    })?;
    read_design(&text).map_err(|error| InputError::Design {
        file: shown.clone(),
        error,
    })
}

impl InputError {
    fn file(&self) -> &str {
        match self {
            InputError::Unreadable { file, .. } | InputError::Design { file, .. } => file,
        }
    }

    fn what(&self) -> Localized {
        match self {
            InputError::Unreadable { reason, .. } => reason.clone(),
            InputError::Design { error, .. } => error.what(),
        }
    }

    fn position(&self) -> Option<(usize, usize)> {
        match self {
            InputError::Unreadable { .. } => None,
            InputError::Design { error, .. } => error.position(),
        }
    }

    /// `FILE:LINE:COLUMN: what` when the position is known, else
    /// `FILE: what`; the JSON path, when there is one, starts `what`.
    pub fn text(&self, lang: Lang) -> String {
        let (file, what) = (self.file(), self.what());
        let what = what.get(lang);
        match self.position() {
            Some((line, column)) => format!("{file}:{line}:{column}: {what}"),
            None => format!("{file}: {what}"),
        }
    }

    /// The same as a JSON object: `file`, and an `error` with its `kind`,
    /// the `path`, `line` and `column` (null when not known) and the message
    /// in both languages.
    pub fn json(&self) -> String {
        let (kind, path) = match self {
            InputError::Unreadable { kind, .. } => (*kind, None),
            InputError::Design { error, .. } => (
                match error {
                    FileError::Syntax { .. } => "not_json",
                    FileError::NotADesign { .. } => "not_a_design",
                    FileError::NewerVersion { .. } => "newer_version",
                    FileError::Invalid { .. } => "invalid",
                },
                error.path(),
            ),
        };
        let position = self.position();
        let what = self.what();
        let report = json!({
            "file": self.file(),
            "error": {
                "kind": kind,
                "path": path,
                "line": position.map(|(line, _)| line),
                "column": position.map(|(_, column)| column),
                "message": {"en": what.en, "ja": what.ja},
            },
        });
        serde_json::to_string_pretty(&report).expect("a JSON value serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn design_error(text: &str) -> InputError {
        InputError::Design {
            file: "design.json".to_owned(),
            error: read_design(text).unwrap_err(),
        }
    }

    #[test]
    fn syntax_errors_carry_the_file_and_position_once() {
        let text = design_error("{\n  \"format\": ,\n}").text(Lang::En);
        assert!(text.starts_with("design.json:2:"), "{text}");
        assert!(!text.contains("line 2"), "{text}");
        assert_eq!(text.matches("not valid JSON").count(), 1, "{text}");
    }

    #[test]
    fn errors_without_a_position_still_name_the_file() {
        let error = design_error("[]");
        let text = error.text(Lang::En);
        assert!(text.starts_with("design.json: "), "{text}");
        let report: Value = serde_json::from_str(&error.json()).unwrap();
        assert_eq!(report["error"]["path"], "(top level)");
        assert!(report["error"]["line"].is_null());
        assert!(report["error"]["column"].is_null());
    }
}
