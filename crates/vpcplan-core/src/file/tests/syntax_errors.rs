//! Text that is not JSON (or is empty, or ends too early): the error says
//! the line and column, and what is left open, in English and Japanese.

use super::*;

#[test]
fn a_syntax_error_names_line_and_column() {
    let error =
        read_error("{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1\n  \"design\": {}\n}");
    assert_eq!(error.position(), Some((4, 3)));
    assert_eq!(
        error.to_string(),
        "line 4, column 3: not valid JSON: expected `,` or `}`"
    );
}

#[test]
fn a_truncated_file_says_where_it_ends_and_what_is_left_open() {
    let error = read_error(
        "{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,\n  \"design\": {\"name\": \"x\", \"vpcs\": [\n",
    );
    assert!(matches!(error, FileError::Syntax { .. }), "{error:?}");
    // Just after the last character, not on the empty line after it.
    assert_eq!(error.position(), Some((4, 36)));
    let message = error.message();
    assert_eq!(
        message.en,
        "line 4, column 36: the file ends in the middle of an array (the `[` at line 4, \
         column 35 is not closed); is the file cut short?"
    );
    assert_eq!(message.en, error.to_string());
    assert_eq!(
        message.ja,
        "4 行目 36 列目: 配列の途中でファイルが終わっています (4 行目 35 列目の `[` が\
         閉じられていません)。ファイルが途中で切れていませんか?"
    );
    assert_eq!(
        error.what().en,
        "the file ends in the middle of an array (the `[` at line 4, column 35 is not closed); \
         is the file cut short?"
    );

    let error = read_error(
        "{\"format\": \"vpcplan-design\", \"version\": 1,\n \"design\": {\"name\": \"x\"",
    );
    assert_eq!(error.position(), Some((2, 24)));
    assert!(
        error
            .to_string()
            .contains("in the middle of an object (the `{` at line 2, column 12 is not closed)"),
        "{error}"
    );
    assert!(
        error
            .message()
            .ja
            .contains("オブジェクトの途中でファイルが終わっています (2 行目 12 列目の `{` が"),
        "{error}"
    );

    let error = read_error("{\"format\": \"vpcplan-des");
    assert_eq!(error.position(), Some((1, 24)));
    assert!(
        error
            .to_string()
            .contains("in the middle of a string (the `\"` at line 1, column 12 is not closed)"),
        "{error}"
    );
    assert!(error.message().ja.contains("文字列の途中で"), "{error}");

    let error = read_error("tr");
    assert_eq!(
        error.message(),
        crate::Localized::new(
            "line 1, column 3: the file ends in the middle of a value; is the file cut short?",
            "1 行目 3 列目: 値の途中でファイルが終わっています。ファイルが途中で切れていませんか?"
        )
    );
    // No message says "not valid JSON" twice, nor the parser's "EOF".
    for text in ["{", "[", "{\"a\": ", "{\"a\"", "\"", "[1, {\"b\": [", "-"] {
        let shown = read_error(text).to_string();
        assert!(!shown.contains("EOF"), "{text}: {shown}");
        assert!(shown.contains("the file ends"), "{text}: {shown}");
    }
}

#[test]
fn syntax_errors_speak_japanese_too() {
    let error =
        read_error("{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1\n  \"design\": {}\n}");
    assert_eq!(
        error.message().ja,
        "4 行目 3 列目: JSON として正しくありません: `,` か `}` が必要です"
    );
    let error = read_error("");
    assert!(error.message().ja.contains("ファイルが空です"), "{error:?}");
    let error = read_error(r#"{"format": "vpcplan-design", "version": 7, "design": {}}"#);
    assert!(
        error
            .message()
            .ja
            .contains("新しい vpcplan で書かれています"),
        "{error:?}"
    );
    // Details that are serde's own words keep them, framed in Japanese.
    let error = error_in_vpc(r#""ipv4_cidrs": ["10.0.0.0/33"]"#);
    assert!(
        error.message().ja.ends_with("(5 行目 62 列目)"),
        "{}",
        error.message().ja
    );
}

#[test]
fn an_empty_text_says_so() {
    for text in ["", "  \n\t"] {
        let error = read_error(text);
        assert!(matches!(error, FileError::Syntax { .. }), "{error:?}");
        assert!(error.to_string().contains("the file is empty"), "{error}");
        assert!(error.to_string().starts_with("line "), "{error}");
    }
}
