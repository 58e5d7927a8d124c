//! The quoting layer of the CLI scripts: every piece of text that comes from a
//! design reaches a script through this module.
//!
//! - [`quote`] turns any string into one Bash word that expands to exactly
//!   that string (the `shell-quote` crate does the escaping).
//! - [`Word`] joins quoted literals with trusted shell expansions such as
//!   `"${VPC_APP}"`, for arguments that mix design text and ids captured at run
//!   time.
//! - [`Json`] builds JSON documents (tags, filters, IP permissions) with
//!   `serde_json` and can splice run-time ids into them.
//! - [`AwsCall`] renders one `aws` command line, with `--profile` and
//!   `--region` always first, and moves design text that the AWS CLI would
//!   otherwise misread (`file://…` loads a file, a leading `[` parses as JSON)
//!   into `--cli-input-json`, where it is taken literally.
//! - [`comment`] writes design text into `#` comments without letting a line
//!   break end the comment.

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use vpcplan_core::collections::HashMap;

use serde_json::{Map, Value};
use shell_quote::{Bash, QuoteInto};

/// One Bash word that expands to exactly `text`.
///
/// No command-line argument can hold a NUL character, so NUL (which no AWS
/// name allows either) becomes U+FFFD; every other string round-trips.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    quote_into(text, &mut out);
    out
}

/// [`quote`], appended to `out`.
pub fn quote_into(text: &str, out: &mut String) {
    // Ids, CIDRs, keys and most names are words the crate leaves as they
    // are; telling them apart byte by byte is cheaper than asking it.
    let inert = INERT.get_or_init(InertBytes::from_crate);
    if !text.is_empty() && text.bytes().all(|byte| inert.contains(byte)) {
        out.push_str(text);
        return;
    }
    // Scripts repeat short words (Regions, queries, flags' values) thousands
    // of times in large designs; quoting each once saves most of the time.
    if text.len() <= CACHED_LEN {
        return QUOTED.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(quoted) = cache.get(text) {
                out.push_str(quoted);
                return;
            }
            if cache.len() >= CACHED_ENTRIES {
                cache.clear();
            }
            let start = out.len();
            quote_uncached_into(text, out);
            cache.insert(text.to_owned(), out[start..].to_owned());
        });
    }
    quote_uncached_into(text, out)
}

/// The ASCII bytes `shell-quote` writes bare in a word (in `Bash`, a word
/// made only of them comes back unchanged), asked of the crate once.
struct InertBytes([bool; 128]);

impl InertBytes {
    fn from_crate() -> InertBytes {
        let mut inert = [false; 128];
        for (byte, slot) in (0..128u8).zip(inert.iter_mut()) {
            *slot = Bash::quote_vec(&[byte][..]) == [byte];
        }
        InertBytes(inert)
    }

    fn contains(&self, byte: u8) -> bool {
        self.0.get(usize::from(byte)).copied().unwrap_or(false)
    }
}

const CACHED_LEN: usize = 64;
const CACHED_ENTRIES: usize = 4096;

static INERT: OnceLock<InertBytes> = OnceLock::new();

thread_local! {
    static QUOTED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::default());
}

fn quote_uncached_into(text: &str, out: &mut String) {
    let replaced;
    let text = if text.contains('\0') {
        replaced = text.replace('\0', "\u{FFFD}");
        replaced.as_str()
    } else {
        text
    };
    // Straight into `out`: the crate writes valid UTF-8 for text, and only
    // ASCII for bytes. ASCII text quotes the same as bytes, and the crate
    // handles bytes several times faster; other text goes through its UTF-8
    // path.
    if text.is_ascii() {
        Bash::quote_into(text.as_bytes(), out);
    } else {
        Bash::quote_into(text, out);
    }
}

/// `# text`, one comment line per line of `text`, with control characters
/// (including line breaks) shown as escapes so design text cannot end the
/// comment and become code.
pub fn comment(text: &str) -> String {
    let mut out = String::from("#");
    if !text.is_empty() {
        out.push(' ');
    }
    out.push_str(&escape_controls(text));
    out
}

/// `text` with control characters written as Rust-style escapes (`\n`,
/// `\u{1b}`), for comments and messages.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `"${NAME}"`, the rendered [`Word::var`], appended to `out`.
pub fn push_var(out: &mut String, name: &str) {
    out.push_str("\"${");
    out.push_str(name);
    out.push_str("}\"");
}

/// `# Title ------…`, a section heading 78 characters wide (wider titles
/// run on).
pub fn section_heading(title: &str) -> String {
    const WIDTH: usize = 76;
    let mut line = String::with_capacity(title.len() + WIDTH + 3);
    line.push_str("# ");
    line.push_str(title);
    line.push(' ');
    for _ in title.chars().count() + 1..WIDTH {
        line.push('-');
    }
    line.truncate(line.trim_end().len());
    line
}

/// A piece of a shell word.
#[derive(Debug, Clone, PartialEq)]
enum Part {
    /// Design text, quoted when rendered.
    Literal(String),
    /// Shell text the generator wrote itself and trusts, such as
    /// `"${VPC_APP}"`. It must be a complete word piece on its own.
    Trusted(String),
}

/// One shell word made of quoted literals and trusted expansions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Word(Vec<Part>);

impl Word {
    /// A word that expands to exactly `text`.
    pub fn lit(text: impl Into<String>) -> Word {
        Word(vec![Part::Literal(text.into())])
    }

    /// `"${NAME}"`: the value of a variable the script set (an id such as
    /// `vpc-0abc`, a CIDR, or a profile name).
    pub fn var(name: &str) -> Word {
        let mut text = String::with_capacity(name.len() + 5);
        push_var(&mut text, name);
        Word(vec![Part::Trusted(text)])
    }

    /// Shell text written by the generator, such as `"$(ipv6_in …)"`.
    pub fn trusted(text: impl Into<String>) -> Word {
        Word(vec![Part::Trusted(text.into())])
    }

    pub fn push(&mut self, other: Word) {
        for part in other.0 {
            match (self.0.last_mut(), part) {
                (Some(Part::Literal(last)), Part::Literal(next)) => last.push_str(&next),
                (_, part) => self.0.push(part),
            }
        }
    }

    /// Whether the word is design text only (no run-time value in it).
    pub fn as_literal(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Part::Literal(text)] => Some(text),
            [] => Some(""),
            _ => None,
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::with_capacity(CALL_CAPACITY);
        self.render_into(&mut out);
        out
    }

    /// [`Word::render`], appended to `out`.
    fn render_into(&self, out: &mut String) {
        let start = out.len();
        for part in &self.0 {
            match part {
                Part::Literal(text) if text.is_empty() => {}
                Part::Literal(text) => quote_into(text, out),
                Part::Trusted(text) => out.push_str(text),
            }
        }
        if out.len() == start {
            out.push_str("''");
        }
    }
}

/// A JSON document whose strings may be run-time values. Static parts are
/// serialised by `serde_json`; a run-time value must expand to text that
/// needs no JSON escaping (AWS ids and CIDRs do not).
#[derive(Debug, Clone)]
pub enum Json<'a> {
    Value(Value),
    /// A JSON string of design text, borrowed.
    Str(&'a str),
    /// A JSON string whose content is a trusted shell expansion.
    Runtime(Word),
    Object(Vec<(&'static str, Json<'a>)>),
    Array(Vec<Json<'a>>),
}

impl<'a> Json<'a> {
    pub fn str(text: &'a str) -> Json<'a> {
        Json::Str(text)
    }

    pub fn string(text: String) -> Json<'a> {
        Json::Value(Value::String(text))
    }

    pub fn to_word(&self) -> Word {
        let mut word = Word::default();
        let mut text = Vec::with_capacity(256);
        self.write(&mut word, &mut text);
        word.push(Word::lit(json_text(text)));
        word
    }

    /// Writes the document's JSON text to `text`, moving it into `word`
    /// before each run-time expansion.
    fn write(&self, word: &mut Word, text: &mut Vec<u8>) {
        match self {
            Json::Value(value) => push_json(text, value),
            Json::Str(value) => push_json(text, value),
            Json::Runtime(expansion) => {
                text.push(b'"');
                word.push(Word::lit(json_text(std::mem::take(text))));
                word.push(expansion.clone());
                text.push(b'"');
            }
            Json::Object(members) => {
                text.push(b'{');
                for (index, (key, value)) in members.iter().enumerate() {
                    if index > 0 {
                        text.push(b',');
                    }
                    push_json(text, key);
                    text.push(b':');
                    value.write(word, text);
                }
                text.push(b'}');
            }
            Json::Array(items) => {
                text.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        text.push(b',');
                    }
                    item.write(word, text);
                }
                text.push(b']');
            }
        }
    }
}

fn push_json(text: &mut Vec<u8>, value: &(impl serde::Serialize + ?Sized)) {
    // Strings and `Value`s always serialise, and a `Vec` takes every write.
    let _ = serde_json::to_writer(text, value);
}

/// JSON text as a `String`: `serde_json` writes only UTF-8.
fn json_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// The prefixes that make the AWS CLI load a parameter's value from a file or
/// URL instead of taking it literally (`file://` and `fileb://` in v2, also
/// `http://` and `https://` in v1).
const PARAMFILE_PREFIXES: [&str; 4] = ["file://", "fileb://", "http://", "https://"];

/// Whether the AWS CLI takes `text` literally as a string parameter (or as
/// the only item of a list parameter, which it also reads as JSON when it
/// starts with `[` or `{`).
fn cli_takes_literally(text: &str, list: bool) -> bool {
    let lower = text.trim_start().to_lowercase();
    if PARAMFILE_PREFIXES
        .iter()
        .any(|prefix| lower.starts_with(prefix))
    {
        return false;
    }
    // A value starting with `-` would be read as the next option.
    if text.starts_with('-') {
        return false;
    }
    !(list && (lower.starts_with('[') || lower.starts_with('{')))
}

/// One `aws` command. The profile and Region are arguments of the
/// constructor, so no call can be rendered without them. The command is
/// written as it is built (its text, not a list of words to free), except
/// what goes after every flag: `--cli-input-json` and `--query`.
#[derive(Debug, Clone)]
pub struct AwsCall {
    /// `aws SERVICE OPERATION`, the profile, the Region and the flags so far.
    text: String,
    input_json: Map<String, Value>,
    query: Option<String>,
}

const NEXT_LINE: &str = " \\\n    ";

impl AwsCall {
    pub fn ec2(operation: &'static str, profile: Word, region: &str) -> AwsCall {
        AwsCall::with_region_word("ec2", operation, profile, Word::lit(region))
    }

    pub fn with_region_word(
        service: &'static str,
        operation: &'static str,
        profile: Word,
        region: Word,
    ) -> AwsCall {
        let mut text = String::with_capacity(CALL_CAPACITY);
        text.push_str("aws ");
        text.push_str(service);
        text.push(' ');
        text.push_str(operation);
        text.push_str(NEXT_LINE);
        option(&mut text, "--profile", std::slice::from_ref(&profile));
        text.push_str(NEXT_LINE);
        option(&mut text, "--region", std::slice::from_ref(&region));
        AwsCall {
            text,
            input_json: Map::new(),
            query: None,
        }
    }

    /// A flag without a value, such as `--amazon-provided-ipv6-cidr-block`.
    pub fn flag(mut self, flag: &'static str) -> AwsCall {
        self.text.push_str(NEXT_LINE);
        option(&mut self.text, flag, &[]);
        self
    }

    /// A flag with one value the generator controls or that is a run-time
    /// id; `value` is still quoted when literal.
    pub fn arg(mut self, flag: &'static str, value: Word) -> AwsCall {
        self.text.push_str(NEXT_LINE);
        option(&mut self.text, flag, std::slice::from_ref(&value));
        self
    }

    /// A flag whose value is the variable `name` the script set (`"${NAME}"`),
    /// as `arg(flag, Word::var(name))` without making the word.
    pub fn arg_var(mut self, flag: &'static str, name: &str) -> AwsCall {
        self.text.push_str(NEXT_LINE);
        self.text.push_str(flag);
        self.text.push(' ');
        push_var(&mut self.text, name);
        self
    }

    pub fn args(mut self, flag: &'static str, values: Vec<Word>) -> AwsCall {
        self.text.push_str(NEXT_LINE);
        option(&mut self.text, flag, &values);
        self
    }

    /// A string parameter carrying design text: passed as `flag` when the
    /// CLI takes it literally, otherwise as `member` in `--cli-input-json`.
    pub fn text(mut self, flag: &'static str, member: &str, value: &str) -> AwsCall {
        if cli_takes_literally(value, false) {
            self.text.push_str(NEXT_LINE);
            option_text(&mut self.text, flag, value);
        } else {
            self.input_json
                .insert(member.to_owned(), Value::String(value.to_owned()));
        }
        self
    }

    /// A list-of-strings parameter carrying design text (see [`AwsCall::text`]).
    pub fn texts(mut self, flag: &'static str, member: &str, values: &[String]) -> AwsCall {
        // With two or more values the CLI reads each one literally; a single
        // value goes through the file-prefix and JSON checks.
        let literal = match values {
            [] => return self,
            [only] => cli_takes_literally(only, true),
            _ => values.iter().all(|value| !value.starts_with('-')),
        };
        if literal {
            let words: Vec<Word> = values.iter().map(Word::lit).collect();
            self.text.push_str(NEXT_LINE);
            option(&mut self.text, flag, &words);
        } else {
            self.input_json.insert(
                member.to_owned(),
                Value::Array(values.iter().cloned().map(Value::String).collect()),
            );
        }
        self
    }

    /// `--query QUERY --output text`, to capture the result in a variable.
    pub fn query(mut self, query: impl Into<String>) -> AwsCall {
        self.query = Some(query.into());
        self
    }

    /// The command, one argument per line after the operation.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 64);
        self.render_into(&mut out);
        out
    }

    /// [`AwsCall::render`], appended to `out`.
    fn render_into(&self, out: &mut String) {
        out.push_str(&self.text);
        if !self.input_json.is_empty() {
            let json = Value::Object(self.input_json.clone()).to_string();
            out.push_str(NEXT_LINE);
            out.push_str("--cli-input-json ");
            quote_into(&json, out);
        }
        if let Some(query) = &self.query {
            out.push_str(NEXT_LINE);
            out.push_str("--query ");
            quote_into(query, out);
            out.push_str(NEXT_LINE);
            out.push_str("--output text");
        }
    }

    /// The command as a statement, its standard output discarded.
    pub fn run(&self) -> String {
        let mut out = self.render();
        if self.query.is_none() {
            out.push_str(" >/dev/null");
        }
        out
    }

    /// `NAME=$(command)`: the command's `--query` result in a variable.
    pub fn capture(&self, name: &str) -> String {
        let mut out = String::with_capacity(name.len() + self.text.len() + 96);
        out.push_str(name);
        out.push_str("=$(");
        self.render_into(&mut out);
        out.push(')');
        out
    }

    /// [`AwsCall::capture`], then a check that the result is not empty.
    pub fn capture_id(&self, name: &str) -> String {
        let mut out = self.capture(name);
        out.push_str("\nneed ");
        out.push_str(name);
        out.push_str(" \"${");
        out.push_str(name);
        out.push_str("}\"");
        out
    }
}

/// Room for a typical command, so rendering one rarely grows its text.
const CALL_CAPACITY: usize = 512;

/// [`option`] with one word of design text, written without making a [`Word`].
fn option_text(out: &mut String, flag: &str, value: &str) {
    out.push_str(flag);
    out.push(if value.starts_with('-') { '=' } else { ' ' });
    if value.is_empty() {
        out.push_str("''");
    } else {
        quote_into(value, out);
    }
}

/// Appends `--flag value…`; `--flag=value` when the value is design text
/// starting with `-`, which the CLI would otherwise take for an option.
fn option(out: &mut String, flag: &str, values: &[Word]) {
    out.push_str(flag);
    match values {
        [value] if value.as_literal().is_some_and(|text| text.starts_with('-')) => {
            out.push('=');
            value.render_into(out);
        }
        _ => {
            for value in values {
                out.push(' ');
                value.render_into(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_readable_and_the_rest_is_quoted() {
        assert_eq!(quote("ap-northeast-1"), "ap-northeast-1");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "$'a b'");
        assert_eq!(quote("it's"), "$'it\\'s'");
        assert_eq!(quote("$(x)"), "$'$(x)'");
        assert_eq!(quote("a\nb"), "$'a\\nb'");
        assert_eq!(quote("日本語"), "$'日本語'");
        assert_eq!(quote("a\0b"), "$'a\u{FFFD}b'");
    }

    #[test]
    fn ascii_text_quotes_as_the_crate_quotes_text() {
        let every_ascii: String = (0..=0x7f_u8).map(char::from).collect();
        let mut samples: Vec<String> = every_ascii.chars().map(String::from).collect();
        samples.push(every_ascii.replace('\0', ""));
        // Words the crate leaves bare, short and longer than the cache holds.
        samples.push("vpc-0123/abc_DEF.x:y@z+1,2".to_owned());
        samples.push("vpc-0123/abc_DEF.x:y@z+1,2".repeat(4));
        samples.push("[{\"Key\":\"Name\",\"Value\":\"it's $(x) `y`\"}]".to_owned());
        for text in samples {
            let expected =
                String::from_utf8(Bash::quote_vec(text.replace('\0', "\u{FFFD}").as_str()));
            assert_eq!(Ok(quote(&text)), expected, "{text:?}");
        }
    }

    #[test]
    fn section_headings_are_padded_to_the_same_width() {
        for title in ["VPC app", "VPC 日本語", "", "x ", &"long ".repeat(20)] {
            assert_eq!(
                section_heading(title),
                format!("# {:-<76}", format!("{title} ")).trim_end(),
                "{title:?}"
            );
        }
        assert_eq!(section_heading("VPC 日本語").chars().count(), 78);
    }

    #[test]
    fn comments_cannot_be_ended_by_design_text() {
        assert_eq!(comment("a\nrm -rf /"), "# a\\nrm -rf /");
        assert_eq!(comment("x\r\u{1b}[2J"), "# x\\r\\u{1b}[2J");
        assert_eq!(comment(""), "#");
    }

    #[test]
    fn words_join_quoted_literals_and_trusted_expansions() {
        let mut word = Word::lit("Name=vpc-id,Values=");
        word.push(Word::var("VPC_APP"));
        assert_eq!(word.render(), "$'Name=vpc-id,Values='\"${VPC_APP}\"");
        let json = Json::Array(vec![Json::Object(vec![
            ("GroupId", Json::Runtime(Word::var("SG_A"))),
            ("Description", Json::str("it's \"x\"")),
        ])]);
        assert_eq!(
            json.to_word().render(),
            "$'[{\"GroupId\":\"'\"${SG_A}\"$'\",\"Description\":\"it\\'s \\\\\"x\\\\\"\"}]'"
        );
    }

    #[test]
    fn text_the_cli_would_load_from_a_file_goes_into_cli_input_json() {
        let call = AwsCall::ec2("create-security-group", Word::var("P"), "us-east-1")
            .text("--group-name", "GroupName", "file:///etc/passwd")
            .text("--description", "Description", "plain");
        let rendered = call.render();
        assert!(!rendered.contains("--group-name"), "{rendered}");
        assert!(
            rendered.contains(r#"--cli-input-json $'{"GroupName":"file:///etc/passwd"}'"#),
            "{rendered}"
        );
        assert!(rendered.contains("--description plain"), "{rendered}");

        let single = AwsCall::ec2("x", Word::var("P"), "r").texts(
            "--add-allowed-principals",
            "AddAllowedPrincipals",
            &["[1]".to_owned()],
        );
        assert!(single.render().contains("AddAllowedPrincipals"));
        let many = AwsCall::ec2("x", Word::var("P"), "r").texts(
            "--add-allowed-principals",
            "AddAllowedPrincipals",
            &["[1]".to_owned(), "file://x".to_owned()],
        );
        assert!(
            many.render()
                .contains("--add-allowed-principals $'[1]' file://x"),
            "{}",
            many.render()
        );
    }

    #[test]
    fn profile_and_region_come_first() {
        let call = AwsCall::ec2("create-vpc", Word::var("PROFILE_1"), "eu-west-1")
            .arg("--cidr-block", Word::lit("10.0.0.0/16"))
            .query("Vpc.VpcId");
        assert_eq!(
            call.capture("VPC_A"),
            "VPC_A=$(aws ec2 create-vpc \\\n    --profile \"${PROFILE_1}\" \\\n    --region eu-west-1 \\\n    --cidr-block 10.0.0.0/16 \\\n    --query Vpc.VpcId \\\n    --output text)"
        );
    }
}
