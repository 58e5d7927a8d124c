//! What to say when a text is not JSON, in English and Japanese: serde_json's
//! own words for the mistake (translated), and for a file that ends too
//! early, where it ends and which array, object or string is left open, so
//! that a file cut short reads as such rather than as "EOF while parsing".

use serde_json::error::Category;

use super::v1::split_nested;
use super::{Envelope, FileError};
use crate::diagnostic::Localized;

/// An error of `json::parse`: not JSON, or a key twice in one object.
pub(crate) fn syntax_error(text: &str, error: &serde_json::Error, kind: &Envelope) -> FileError {
    let (line, column) = (error.line(), error.column());
    let text_of_error = error.to_string();
    let shown = text_of_error
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&text_of_error);
    if let (Some(path), message) = split_nested(shown) {
        return FileError::Invalid {
            path: path.to_owned(),
            line: Some(line),
            column: Some(column),
            message: message.to_owned(),
        };
    }
    if text.trim().is_empty() {
        return FileError::Syntax {
            line,
            column,
            message: Localized::new(
                format!(
                    "the file is empty; expected a vpcplan {} (JSON)",
                    kind.noun.en
                ),
                format!(
                    "ファイルが空です。vpcplan の{} (JSON) を読み込んでください",
                    kind.noun.ja
                ),
            ),
        };
    }
    if error.classify() == Category::Eof {
        return cut_short(text);
    }
    FileError::Syntax {
        line,
        column,
        message: Localized::new(
            format!("not valid JSON: {shown}"),
            format!("JSON として正しくありません: {}", japanese(shown)),
        ),
    }
}

/// A file that ends before its JSON does: placed just after its last
/// character that is not white space, naming the innermost array, object or
/// string still open and where it opens.
fn cut_short(text: &str) -> FileError {
    let scan = scan(text);
    let (line, column) = scan.end;
    let message = match scan.open {
        Some(Open {
            kind,
            line: open_line,
            column: open_column,
        }) => {
            let (en, ja, mark) = match kind {
                OpenKind::Array => ("an array", "配列", '['),
                OpenKind::Object => ("an object", "オブジェクト", '{'),
                OpenKind::String => ("a string", "文字列", '"'),
            };
            Localized::new(
                format!(
                    "the file ends in the middle of {en} (the `{mark}` at line {open_line}, \
                     column {open_column} is not closed); is the file cut short?"
                ),
                format!(
                    "{ja}の途中でファイルが終わっています ({open_line} 行目 {open_column} 列目の \
                     `{mark}` が閉じられていません)。ファイルが途中で切れていませんか?"
                ),
            )
        }
        None => Localized::new(
            "the file ends in the middle of a value; is the file cut short?",
            "値の途中でファイルが終わっています。ファイルが途中で切れていませんか?",
        ),
    };
    FileError::Syntax {
        line,
        column,
        message,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenKind {
    Array,
    Object,
    String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Open {
    kind: OpenKind,
    line: usize,
    column: usize,
}

struct Scan {
    /// The innermost array, object or string open at the end of the text.
    open: Option<Open>,
    /// Just after the last character that is not white space: (1, 1) for a
    /// blank text.
    end: (usize, usize),
}

/// Walks the text as JSON's brackets and strings nest, counting lines and
/// columns as serde_json does (columns in bytes, from 1).
fn scan(text: &str) -> Scan {
    let mut stack: Vec<Open> = Vec::new();
    let mut string: Option<Open> = None;
    let mut escaped = false;
    let (mut line, mut column) = (1, 0);
    let mut end = (1, 1);
    for byte in text.bytes() {
        if byte == b'\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
        if !byte.is_ascii_whitespace() {
            end = (line, column + 1);
        }
        let here = |kind| Open { kind, line, column };
        if string.is_some() {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => string = None,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => string = Some(here(OpenKind::String)),
            b'[' => stack.push(here(OpenKind::Array)),
            b'{' => stack.push(here(OpenKind::Object)),
            b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    Scan {
        open: string.or(stack.last().copied()),
        end,
    }
}

/// serde_json's description of a syntax error, in Japanese (its own words
/// when it has new ones).
fn japanese(message: &str) -> String {
    let translated = match message {
        "expected `:`" => "`:` が必要です",
        "expected `,` or `]`" => "`,` か `]` が必要です",
        "expected `,` or `}`" => "`,` か `}` が必要です",
        "expected ident" => "true、false、null のいずれかが必要です",
        "expected value" => "値が必要です",
        "expected `\"`" => "`\"` が必要です",
        "invalid escape" => "エスケープが正しくありません",
        "invalid number" => "数値が正しくありません",
        "number out of range" => "数値が範囲外です",
        "invalid unicode code point" => "Unicode のコードポイントが正しくありません",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "文字列の中に制御文字 (\\u0000〜\\u001F) があります"
        }
        "key must be a string" => "キーは文字列でなければなりません",
        "lone leading surrogate in hex escape" => "16 進エスケープのサロゲートに対がありません",
        "trailing comma" => "最後の要素の後に余分な `,` があります",
        "trailing characters" => "JSON の後に余分な文字があります",
        "unexpected end of hex escape" => "16 進エスケープが途中で終わっています",
        "recursion limit exceeded" => "入れ子が深すぎます",
        other => other,
    };
    translated.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scan_finds_the_innermost_open_thing_and_the_end() {
        let found = scan("{\"a\": [1, {\"b\": \"x]}\"},\n  [\"\\\"\"]");
        assert_eq!(
            found.open,
            Some(Open {
                kind: OpenKind::Array,
                line: 1,
                column: 7
            })
        );
        assert_eq!(found.end, (2, 9));
        let found = scan("{\"a\": \"tex\\\"t");
        assert_eq!(
            found.open,
            Some(Open {
                kind: OpenKind::String,
                line: 1,
                column: 7
            })
        );
        assert_eq!(scan("tru \n\n").open, None);
        assert_eq!(scan("tru \n\n").end, (1, 4));
        assert_eq!(scan(" \n").end, (1, 1));
    }

    #[test]
    fn every_syntax_message_of_serde_json_has_a_japanese_text() {
        let texts = [
            "{\"a\" 1}",
            "[1 2]",
            "{\"a\": 1 \"b\"}",
            "[tru]",
            "[,]",
            "{\"a\": \"\\x\"}",
            "[-]",
            "[1e999]",
            "[\"\\udc00\"]",
            "[\"\u{1}\"]",
            "{1: 2}",
            "[\"\\ud800\\u0041\"]",
            "[1,]",
            "[] []",
            "[\"\\u00\"]",
        ];
        for text in texts {
            let error = super::super::json::parse(text).unwrap_err();
            let FileError::Syntax { message, .. } =
                syntax_error(text, &error, &crate::file::DESIGN)
            else {
                panic!("{text}: not a syntax error");
            };
            assert!(message.en.starts_with("not valid JSON: "), "{message:?}");
            assert!(
                !message.ja.contains(&message.en["not valid JSON: ".len()..]),
                "{text}: {message:?}"
            );
        }
    }
}
