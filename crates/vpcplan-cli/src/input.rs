//! Reading a design file, with every failure turned into a message that
//! names the file and, when known, the line and column.

use std::path::Path;

use vpcplan_core::Design;
use vpcplan_core::file::{FileError, read_design};

/// Reads and parses a design file.
pub fn read_design_file(file: &Path) -> Result<Design, String> {
    let shown = file.display();
    if file.is_dir() {
        return Err(format!("{shown}: is a directory, not a design file"));
    }
    let bytes = std::fs::read(file).map_err(|error| format!("{shown}: cannot read: {error}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{shown}: is not UTF-8 text, so not a design file"))?;
    read_design(&text).map_err(|error| describe(&shown.to_string(), &error))
}

/// `FILE:LINE:COLUMN: what` when the position is known, else `FILE: what`.
pub fn describe(file: &str, error: &FileError) -> String {
    let what = match error {
        FileError::Syntax { message, .. } => format!("not valid JSON: {message}"),
        FileError::Invalid { path, message, .. } => format!("{path}: {message}"),
        other => other.to_string(),
    };
    match error.position() {
        Some((line, column)) => format!("{file}:{line}:{column}: {what}"),
        None => format!("{file}: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_the_file_and_position_once() {
        let error = read_design("{\n  \"format\": ,\n}").unwrap_err();
        let text = describe("design.json", &error);
        assert!(text.starts_with("design.json:2:"), "{text}");
        assert!(!text.contains("line 2"), "{text}");
    }

    #[test]
    fn errors_without_a_position_still_name_the_file() {
        let error = read_design("[]").unwrap_err();
        let text = describe("design.json", &error);
        assert!(text.starts_with("design.json: "), "{text}");
    }
}
