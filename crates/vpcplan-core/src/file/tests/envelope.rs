//! The envelope: a file with no or another `format`, or a `version` this
//! vpcplan does not know, is refused with a message in English and Japanese.

use super::*;

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let error =
        read_error(r#"{"format": "vpcplan-design", "version": 7, "design": {"whatever": []}}"#);
    assert_eq!(
        error,
        FileError::NewerVersion {
            version: 7,
            newest: CURRENT_VERSION
        }
    );
    assert_eq!(
        error.to_string(),
        "version: this file was written by a newer vpcplan (format version 7); \
         this version reads up to 1"
    );
}

#[test]
fn a_missing_or_wrong_format_or_version_is_refused() {
    let error = read_error(r#"{"version": 1, "design": {"name": "x"}}"#);
    assert_eq!(error.path(), Some("format"));
    assert!(error.to_string().starts_with("format: missing"), "{error}");
    let error = read_error(r#"{"format": "terraform", "version": 1, "design": {}}"#);
    assert_eq!(
        error.to_string(),
        "format: \"terraform\" is not a vpcplan design; expected \"vpcplan-design\""
    );
    let error = read_error(r#"{"format": 1}"#);
    assert_eq!(error.path(), Some("format"));
    for version in ["0", "-1", "1.5", "\"1\"", "null"] {
        let error = read_error(&format!(
            r#"{{"format": "vpcplan-design", "version": {version}, "design": {{"name": "x"}}}}"#
        ));
        assert_eq!(error.path(), Some("version"), "{version}");
        assert!(
            error
                .to_string()
                .starts_with("version: expected a format version")
        );
    }
    let error = read_error(r#"{"format": "vpcplan-design", "design": {"name": "x"}}"#);
    assert_eq!(
        error.to_string(),
        "version: missing; expected the format version, such as 1"
    );
    for text in ["[]", "42", "\"vpcplan-design\"", "null"] {
        let error = read_error(text);
        assert_eq!(error.path(), Some("(top level)"), "{text}");
        assert!(
            error.to_string().contains("expected a JSON object"),
            "{error}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_design_says_so_in_japanese_too() {
    let cases = [
        (
            "[]",
            "(top level): JSON オブジェクト {\"format\": \"vpcplan-design\", \"version\": 1, \
             \"design\": {…}} が必要ですが、配列があります",
        ),
        (
            r#"{"format": "terraform", "version": 1, "design": {}}"#,
            "format: \"terraform\" は vpcplan の設計ではありません。\"vpcplan-design\" が必要です",
        ),
        (
            r#"{"format": 1}"#,
            "format: 文字列 \"vpcplan-design\" が必要ですが、数値があります",
        ),
        (
            r#"{"version": 1, "design": {"name": "x"}}"#,
            "format: ありません。vpcplan の設計ファイルには \"format\": \"vpcplan-design\" \
             があります (vpcplan の設計ファイルですか?)",
        ),
        (
            r#"{"format": "vpcplan-design", "design": {"name": "x"}}"#,
            "version: ありません。1 のような形式バージョンが必要です",
        ),
        (
            r#"{"format": "vpcplan-design", "version": "1", "design": {"name": "x"}}"#,
            "version: 1 から 1 までの形式バージョンが必要ですが、文字列があります",
        ),
    ];
    for (text, japanese) in cases {
        let error = read_error(text);
        assert!(matches!(error, FileError::NotADesign { .. }), "{error:?}");
        assert_eq!(error.message().ja, japanese);
        assert_eq!(error.message().en, error.to_string());
    }
}

#[test]
fn the_kind_of_a_file_is_its_format() {
    let design = write_design(&sample());
    assert_eq!(kind_of(&design), Some(FileKind::Design));
    let lesson = design.replacen("vpcplan-design", "vpcplan-lesson", 1);
    assert_eq!(kind_of(&lesson), Some(FileKind::Lesson));
    for other in [
        "",
        "{",
        "[]",
        "{\"format\": 1}",
        "{\"format\": \"vpcplan-other\"}",
    ] {
        assert_eq!(kind_of(other), None, "{other}");
    }
}
