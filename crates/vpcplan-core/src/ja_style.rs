//! The Japanese style of `docs/ja-style.md`, as a check the drift tests run
//! over every Japanese text the product can show.
//!
//! Each crate's drift test renders what that crate shows (rule docs and
//! messages, reachability, the matrix, lessons, accessible names, the UI
//! strings, `DEPLOY.md`, the CLI's output) and hands the Japanese side to
//! [`assert_japanese_style`]; [`source_string_literals`] lets a tidy test
//! read the string literals of the sources too, so a sentence no fixture
//! renders is still held to the style. Only the mechanical part of the
//! style is checked here: the variants it rules out. Whether a sentence says
//! what the English says is for a reader (the rules' English/Japanese pairs
//! are in `crates/vpcplan-core/tests/snapshots/rules_en_ja.md` for that).

use std::fmt;

/// A term the style rules out, with the one it uses instead.
pub struct RuledOut {
    pub variant: &'static str,
    pub instead: &'static str,
}

/// The terms `docs/ja-style.md` rules out, checked outside quotations of the
/// 2020 article. A variant that is a prefix of an accepted word is handled
/// by [`problems`] (`プロバイダ` is ruled out, `プロバイダー` is not).
pub const RULED_OUT: &[RuledOut] = &[
    RuledOut {
        variant: "アクセプター",
        instead: "アクセプタ",
    },
    RuledOut {
        variant: "承認側",
        instead: "アクセプタ",
    },
    RuledOut {
        variant: "承諾側",
        instead: "アクセプタ",
    },
    RuledOut {
        variant: "要求側",
        instead: "リクエスタ",
    },
    RuledOut {
        variant: "リクエスト側",
        instead: "リクエスタ",
    },
    RuledOut {
        variant: "要求する側",
        instead: "リクエスタ",
    },
    RuledOut {
        variant: "リクエスタ側",
        instead: "リクエスタ",
    },
    RuledOut {
        variant: "アクセプタ側",
        instead: "アクセプタ",
    },
    RuledOut {
        variant: "承諾する側",
        instead: "アクセプタ",
    },
    RuledOut {
        variant: "リクエスター",
        instead: "リクエスタ",
    },
    RuledOut {
        variant: "承認",
        instead: "承諾 (accept)",
    },
    RuledOut {
        variant: "ピアリング先",
        instead: "ピアVPC",
    },
    RuledOut {
        variant: "ピア先",
        instead: "ピアVPC",
    },
    RuledOut {
        variant: "ピアVPCCIDR",
        instead: "ピアVPCのCIDR",
    },
    RuledOut {
        variant: "VPCピア接続",
        instead: "VPCピアリング接続",
    },
    RuledOut {
        variant: "デザイン",
        instead: "設計",
    },
    RuledOut {
        variant: "ネットワークロードバランサー",
        instead: "Network Load Balancer (NLB)",
    },
    RuledOut {
        variant: "ゲートウェイロードバランサー",
        instead: "Gateway Load Balancer (GWLB)",
    },
    RuledOut {
        variant: "プロバイダ",
        instead: "プロバイダー",
    },
    RuledOut {
        variant: "コンシューマ",
        instead: "コンシューマー",
    },
    RuledOut {
        variant: "サポート対象リージョン",
        instead: "サポートされているリージョン",
    },
    RuledOut {
        variant: "対応リージョン",
        instead: "サポートされているリージョン",
    },
    RuledOut {
        variant: "サポートするリージョン",
        instead: "サポートされているリージョン",
    },
    RuledOut {
        variant: "NACL",
        instead: "ネットワークACL",
    },
    RuledOut {
        variant: "インターフェース",
        instead: "インターフェイス",
    },
    RuledOut {
        variant: "アベイラビリティゾーン",
        instead: "アベイラビリティーゾーン",
    },
    RuledOut {
        variant: "インスペクター",
        instead: "インスペクタ",
    },
    RuledOut {
        variant: "そして",
        instead: "、 (a list), or two sentences",
    },
    RuledOut {
        variant: "あなた",
        instead: "(no pronoun)",
    },
    RuledOut {
        variant: "修正:",
        instead: "対処 (the fix label)",
    },
];

/// Wording quoted from the 2020 article, written in 『』 wherever the product
/// quotes it. Every 『…』 must be one of these, word for word; inside one,
/// the article's own terms (承認, ピアリング先, VPCピア接続) stand.
pub const ARTICLE_QUOTES: &[&str] = &[
    // Words and sentences.
    "接続元",
    "接続先",
    "接続元VPCのルート",
    "接続先VPCのルート",
    "制約事項",
    "ピアリング先のインターネットGWやNATを経由した外部への通信",
    "ピアリング先のVPCピア接続を経由した通信",
    "ピアリング先のVPCエンドポイントを経由した通信",
    "ピアリング先のVPNやDirectConnectなどを経由した外部への通信",
    "CIDRが重複するVPC間のピアリングの実施はできません",
    "PrivateLink(インターフェイス型)",
    "PrivateLink(ゲートウェイ型)",
    // Section titles.
    "概要",
    "ピアリングの作成",
    "ルーティングの作成",
    "AWSサービスとの接続方法",
    "PrivateLink(IFエンドポイント)",
    "PrivateLink(IFエンドポイントエンドポイントサービス)",
    "PrivateLink(GWエンドポイント)",
    "接続方法の比較まとめ",
    // The comparison table's rows and cells.
    "利用シーン",
    "通信制御方法",
    "トラフィック",
    "制限",
    "他アカウント",
    "他リージョン",
    "CIDRが重複するVPC間でピアリング不可",
    "CIDRが重複していても接続可能",
    "異なるVPCの間の複数のリソース同士でやりとりをしたい場合",
];

/// One place where a Japanese text breaks the style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, in a few words.
    pub what: String,
    /// The text around it.
    pub around: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in «{}»", self.what, self.around)
    }
}

/// Kana, kanji and the Japanese marks a Japanese sentence is built of.
pub fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' // 、。「」『』 and the ideographic space
        | '\u{3040}'..='\u{309f}' // hiragana
        | '\u{30a0}'..='\u{30ff}' // katakana, ・ and ー
        | '\u{4e00}'..='\u{9fff}' // kanji
        | '\u{ff00}'..='\u{ffef}' // full-width forms
    )
}

/// Whether a text has anything Japanese in it (a Japanese text whose words
/// are all Latin, such as 「CloudFormation YAML」, has nothing to check).
pub fn has_japanese(text: &str) -> bool {
    text.chars().any(is_japanese)
}

const FULL_WIDTH: &[(char, &str)] = &[
    ('（', "("),
    ('）', ")"),
    ('：', ":"),
    ('，', "、"),
    ('！', "!"),
    ('？', "?"),
    ('［', "["),
    ('］', "]"),
    ('\u{3000}', "nothing (the ideographic space)"),
    ('．', "。"),
];

/// The problems of one Japanese text. Inline code (between backticks) is
/// read as one Latin word; quotations of the article (『…』) are checked
/// against [`ARTICLE_QUOTES`] and are otherwise left as the article wrote
/// them.
pub fn problems(text: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    if !has_japanese(text) {
        return found;
    }
    let around = |at: usize, len: usize| -> String {
        let start = floor_char(text, at.saturating_sub(24));
        let end = ceil_char(text, (at + len + 24).min(text.len()));
        text[start..end].replace('\n', "⏎")
    };

    // Quotations of the article, and the text outside them.
    let mut outside = String::with_capacity(text.len());
    let mut rest = text;
    let mut offset = 0;
    while let Some(open) = rest.find('『') {
        outside.push_str(&rest[..open]);
        let after = &rest[open + '『'.len_utf8()..];
        match after.find('』') {
            Some(close) => {
                let quoted = &after[..close];
                if !ARTICLE_QUOTES.contains(&quoted) {
                    found.push(Problem {
                        what: format!(
                            "『{quoted}』 is not a quotation of the 2020 article (ja_style::ARTICLE_QUOTES)"
                        ),
                        around: around(offset + open, quoted.len()),
                    });
                }
                // The quotation reads as one Japanese word in its sentence.
                outside.push('引');
                let consumed = open + '『'.len_utf8() + close + '』'.len_utf8();
                offset += consumed;
                rest = &rest[consumed..];
            }
            None => {
                found.push(Problem {
                    what: "『 without its 』".to_owned(),
                    around: around(offset + open, 3),
                });
                rest = after;
                offset += open + '『'.len_utf8();
            }
        }
    }
    outside.push_str(rest);
    let plain = without_inline_code(&outside);

    for term in RULED_OUT {
        for (at, _) in plain.match_indices(term.variant) {
            let next = plain[at + term.variant.len()..].chars().next();
            // プロバイダー and コンシューマー are the accepted forms.
            if (term.variant.ends_with('ダ') || term.variant.ends_with('マ')) && next == Some('ー')
            {
                continue;
            }
            found.push(Problem {
                what: format!("「{}」: write 「{}」", term.variant, term.instead),
                around: around_in(&plain, at, term.variant.len()),
            });
        }
    }
    for (c, instead) in FULL_WIDTH {
        for (at, _) in plain.match_indices(*c) {
            found.push(Problem {
                what: format!("full-width 「{c}」: write {instead}"),
                around: around_in(&plain, at, c.len_utf8()),
            });
        }
    }

    let chars: Vec<(usize, char)> = plain.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(i + 1).map(|&(_, c)| c);
        match c {
            // 「10つ」: つ counts only up to nine, and only in words; a number
            // in digits takes 個 or 件.
            'つ' if prev.is_some_and(|p| p.is_ascii_digit()) => {
                let digits = chars[..i]
                    .iter()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_digit())
                    .count();
                if digits > 1 {
                    found.push(Problem {
                        what: "a number in digits counted with つ: write 個 or 件".to_owned(),
                        around: around_in(&plain, at, 3),
                    });
                }
            }
            // English punctuation inside a Japanese sentence.
            // A short label's colon at the start of a line (「対処:」,
            // 「対象:」) ends the label, not a sentence; anything longer
            // says it with 。 or 、.
            ':' if is_short_label(line_before(&plain, at)) => {}
            ':' | ','
                if next == Some(' ')
                    || prev.is_some_and(is_japanese)
                    || next.is_some_and(is_japanese) =>
            {
                found.push(Problem {
                    what: format!("「{c}」 in Japanese text: write 、 or 。, or rephrase"),
                    around: around_in(&plain, at, 1),
                });
            }
            ';' | '!' | '?' if prev.is_some_and(is_japanese) || next == Some(' ') => {
                found.push(Problem {
                    what: format!("「{c}」 in Japanese text: write 。, or rephrase"),
                    around: around_in(&plain, at, 1),
                });
            }
            // No space between Japanese and anything else: 「VPCを」 and
            // 「エンドポイントサービス(NLB)」, not 「VPC を」 or 「… (NLB)」.
            ' ' if prev.is_some_and(is_japanese) || next.is_some_and(is_japanese) => {
                // Markdown's line markers and table bars, a column gap of
                // two or more spaces and the space after a label's colon
                // (the colon has its own check) are layout.
                let layout = starts_a_markdown_line(&plain, at)
                    || [prev, next]
                        .iter()
                        .any(|c| matches!(c, Some('|') | Some(' ')))
                    || prev == Some(':');
                if !layout {
                    found.push(Problem {
                        what: "a space next to Japanese text".to_owned(),
                        around: around_in(&plain, at, 1),
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// Panics with every problem of every text, each with where it was shown.
pub fn assert_japanese_style<W: fmt::Display>(texts: impl IntoIterator<Item = (W, String)>) {
    let mut report = String::new();
    let mut count = 0;
    for (place, text) in texts {
        for problem in problems(&text) {
            count += 1;
            report.push_str(&format!("{place}: {problem}\n"));
        }
    }
    assert!(
        count == 0,
        "{count} Japanese text(s) break docs/ja-style.md:\n{report}"
    );
}

/// Every string a design file holds (names, ids, CIDRs, account ids), longest
/// first: the user's words, which a drift test takes out of a rendered text
/// with [`without_user_words`] before checking it.
pub fn user_words(design_file: &str) -> Vec<String> {
    fn walk(value: &serde_json::Value, words: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) if text.chars().count() > 1 => words.push(text.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, words)),
            serde_json::Value::Object(fields) => fields.values().for_each(|v| walk(v, words)),
            _ => {}
        }
    }
    let mut words = Vec::new();
    if let Ok(value) = serde_json::from_str(design_file) {
        walk(&value, &mut words);
    }
    words.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    words.dedup();
    words
}

/// The line of `text` before `at`, without its indentation.
fn line_before(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[start..at].trim_start();
    line.strip_prefix("- ").unwrap_or(line)
}

/// Whether a text is a label: a noun of at most six characters (「対処」,
/// 「通信制御方法」), or one
/// Latin token such as a rule id or a field of the file (「**PEER-001**」,
/// 「version」).
fn is_short_label(text: &str) -> bool {
    let count = text.chars().count();
    // A label is a noun: 「開けませんでした:」 ends a sentence.
    let sentence_end = text.ends_with(['た', 'す', 'ん', 'い', '。']);
    let word = count > 0 && count <= 6 && !text.contains(' ') && !sentence_end;
    let token = count > 0 && count <= 16 && text.chars().all(|c| c.is_ascii_graphic());
    word || token
}

/// The text with each of the user's words replaced by one Latin letter: a
/// name such as `db; rm -rf ~` is the user's, not the product's Japanese.
pub fn without_user_words(text: &str, words: &[String]) -> String {
    let mut text = text.to_owned();
    for word in words {
        if text.contains(word.as_str()) {
            text = text.replace(word.as_str(), "u");
        }
    }
    text
}

/// The text with each `inline code` span replaced by one Latin letter, so
/// that code is read as a word (its spacing and punctuation are its own).
fn without_inline_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut fence = false;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("```") {
            fence = !fence;
            out.push('\n');
            continue;
        }
        if fence {
            out.push('\n');
            continue;
        }
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                if in_code {
                    out.push('x');
                }
            } else if !in_code {
                out.push(c);
            }
        }
    }
    out
}

/// Whether the space at `at` ends a Markdown line's marker (`- `, `1. `,
/// `## `, `> `), which Markdown needs.
fn starts_a_markdown_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let marker = text[line_start..at].trim_start();
    marker == "-"
        || marker == "*"
        || marker == ">"
        || (!marker.is_empty() && marker.chars().all(|c| c == '#'))
        || (marker.ends_with('.')
            && marker.len() > 1
            && marker[..marker.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit()))
}

fn around_in(text: &str, at: usize, len: usize) -> String {
    let start = floor_char(text, at.saturating_sub(24));
    let end = ceil_char(text, (at + len + 24).min(text.len()));
    text[start..end].replace('\n', "⏎")
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The string literals of a Rust source with Japanese in them, each with
/// its line, unescaped (`\u{300c}` read as 「, `\n` as a line break, a line
/// continuation joined). Comments, character literals and an inline
/// `#[cfg(test)] mod tests { … }` (the end of a file) are skipped, so that
/// tests may spell the variants they check for.
pub fn source_string_literals(source: &str) -> Vec<(usize, String)> {
    // An inline test module is the file's end in this codebase.
    let source = source
        .split("#[cfg(test)]\nmod tests {")
        .next()
        .unwrap_or("");
    let bytes: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            '\n' => {
                line += 1;
                i += 1;
            }
            '/' if bytes.get(i + 1) == Some(&'/') => {
                while i < bytes.len() && bytes[i] != '\n' {
                    i += 1;
                }
            }
            '/' if bytes.get(i + 1) == Some(&'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == '*' && bytes[i + 1] == '/') {
                    if bytes[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
                i += 2;
            }
            '\'' => {
                // A character literal ('"', '\'', '\u{300c}') or a lifetime.
                if bytes.get(i + 1) == Some(&'\\') {
                    i += 2;
                    while i < bytes.len() && bytes[i] != '\'' {
                        i += 1;
                    }
                    i += 1;
                } else if bytes.get(i + 2) == Some(&'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            'r' if matches!(bytes.get(i + 1), Some('"') | Some('#'))
                && (i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while bytes.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if bytes.get(j) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let start_line = line;
                j += 1;
                let mut text = String::new();
                while j < bytes.len() {
                    if bytes[j] == '"' && (1..=hashes).all(|h| bytes.get(j + h) == Some(&'#')) {
                        break;
                    }
                    if bytes[j] == '\n' {
                        line += 1;
                    }
                    text.push(bytes[j]);
                    j += 1;
                }
                i = j + 1 + hashes;
                if has_japanese(&text) {
                    found.push((start_line, text));
                }
            }
            '"' => {
                let start_line = line;
                let mut j = i + 1;
                let mut text = String::new();
                while j < bytes.len() && bytes[j] != '"' {
                    if bytes[j] == '\\' {
                        let e = bytes.get(j + 1).copied().unwrap_or(' ');
                        j += 2;
                        match e {
                            'n' => text.push('\n'),
                            't' => text.push('\t'),
                            '\n' => {
                                line += 1;
                                while j < bytes.len() && bytes[j].is_whitespace() {
                                    if bytes[j] == '\n' {
                                        line += 1;
                                    }
                                    j += 1;
                                }
                            }
                            'u' => {
                                let close = (j..bytes.len()).find(|&k| bytes[k] == '}');
                                if let Some(close) = close {
                                    let hex: String = bytes[j + 1..close].iter().collect();
                                    if let Some(c) =
                                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                    {
                                        text.push(c);
                                    }
                                    j = close + 1;
                                }
                            }
                            other => text.push(other),
                        }
                        continue;
                    }
                    if bytes[j] == '\n' {
                        line += 1;
                    }
                    text.push(bytes[j]);
                    j += 1;
                }
                i = j + 1;
                if has_japanese(&text) {
                    found.push((start_line, text));
                }
            }
            _ => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whats(text: &str) -> Vec<String> {
        problems(text).into_iter().map(|p| p.what).collect()
    }

    #[test]
    fn the_accepted_terms_pass() {
        for text in [
            "リクエスタとアクセプタのVPCピアリング接続は承諾待ちです。",
            "プロバイダーとコンシューマーのVPCを、Network Load Balancer(NLB)で結びます。",
            "ネットワークACLと「app」(10.0.0.0/16)、「db」",
            "`verify.sh`を実行します。",
            "- 項目\n1. 手順\n## 見出し",
            "記事の『接続元』の列",
            "CloudFormation YAML",
            "3つの方法、1つのサブネット、12個のエンドポイント",
            "対処:",
            "ID  メッセージ\n    対処: ルートを追加してください。",
            "- **PEER-001**: VPCピアリングはできません。",
        ] {
            assert_eq!(whats(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn the_ruled_out_variants_fail() {
        for text in [
            "アクセプター",
            "承認側のリージョン",
            "承認されないリクエスト",
            "ピア先VPC",
            "このデザイン",
            "プロバイダのサービス",
            "ネットワークロードバランサー",
            "NACLで",
            "（NLB）",
            "10つのVPC",
            "開けませんでした: foo",
            "app, dbのVPC",
            "エンドポイントサービス (NLB)",
            "`verify.sh` を実行",
            "開けませんでした:",
            "記事の『承認側』",
        ] {
            assert!(!whats(text).is_empty(), "{text} should break the style");
        }
    }

    #[test]
    fn article_quotations_keep_their_wording() {
        assert_eq!(
            whats("記事は『ピアリング先のVPCピア接続を経由した通信』をできないこととしています。"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn literals_are_read_unescaped_without_comments_or_tests() {
        let source = r#"
// 「コメント」 is skipped
let quote = '"';
let a = "\u{300c}承認\u{300d}: x";
let b = r"生の文字列";
let c = "続く\
         行";
#[cfg(test)]
mod tests { const T: &str = "テスト"; }
"#;
        let literals = source_string_literals(source);
        assert_eq!(
            literals,
            vec![
                (4, "「承認」: x".to_owned()),
                (5, "生の文字列".to_owned()),
                (6, "続く行".to_owned()),
            ]
        );
    }
}
