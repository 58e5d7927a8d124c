//! The scripts against the shell: shellcheck on every generated script, and
//! the quoting layer against a real bash.

use super::*;

fn shellcheck(label: &str, script: &str) -> Result<(), String> {
    let dir = a_temp_dir("shellcheck");
    let path = dir.join(format!("{label}.sh"));
    std::fs::write(&path, script).unwrap();
    let output = Command::new("shellcheck")
        .arg("--shell=bash")
        .arg("--severity=style")
        .arg(&path)
        .output()
        .map_err(|error| {
            format!(
                "cannot run shellcheck ({error}); install it (Debian: apt-get install -y shellcheck)"
            )
        });
    let _ = std::fs::remove_dir_all(&dir);
    let output = output?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "shellcheck finds problems in {label}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

#[test]
fn shellcheck_finds_nothing_in_any_script() {
    let mut failures = Vec::new();
    let mut designs: Vec<(String, Design)> = fixture_names()
        .into_iter()
        .map(|name| (name.trim_end_matches(".json").to_owned(), fixture(&name)))
        .collect();
    designs.push((
        "hostile-names".to_owned(),
        hostile_design(Path::new("/tmp/x")),
    ));
    for (label, design) in designs {
        let (deploy, teardown) = export(&design);
        let verify = verify::verify(&design);
        for (kind, script) in [
            ("deploy", deploy),
            ("teardown", teardown),
            ("verify", verify),
        ] {
            if let Err(error) = shellcheck(&format!("{label}-{kind}"), &script) {
                failures.push(error);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------------ quoting vs bash

/// What bash makes of `words`, each a quoted word: the values it expands
/// them to, NUL-separated.
fn bash_expands(words: &[String], locale: &str) -> Vec<String> {
    let script = format!("printf '%s\\0' {}", words.join(" "));
    let output = Command::new("bash")
        .current_dir(std::env::temp_dir())
        .arg("--norc")
        .arg("-c")
        .arg(&script)
        .env("LC_ALL", locale)
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "bash failed on {script:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut values: Vec<String> = output
        .stdout
        .split(|byte| *byte == 0)
        .map(|bytes| String::from_utf8(bytes.to_vec()).expect("UTF-8 from bash"))
        .collect();
    values.pop();
    values
}

pub(super) fn hostile_strings() -> Vec<String> {
    vec![
        "it's \"quoted\" $(touch MARKER) `touch MARKER` ${HOME} $HOME \\ back\\".to_owned(),
        "line one\nline two; touch MARKER\r\n".to_owned(),
        ": # {} [] * ? ~ & | < > ; ! %s %n".to_owned(),
        "日本語の名前 — ünïcödé 🚀".to_owned(),
        "a".repeat(255),
        "file:///etc/passwd".to_owned(),
        "--profile evil".to_owned(),
        "-".to_owned(),
        String::new(),
        "  spaced  ".to_owned(),
        "\u{1b}]0;title\u{7}\u{1b}[2J".to_owned(),
        "$'x' \"$'y'\" '\\''".to_owned(),
        "~root".to_owned(),
        "\t\u{b}\u{c}\u{7f}\u{85}\u{2028}".to_owned(),
    ]
}

#[test]
fn quoted_hostile_strings_expand_to_themselves_in_bash() {
    let dir = a_temp_dir("quoting");
    let marker = dir.join("pwned");
    let strings: Vec<String> = hostile_strings()
        .iter()
        .map(|text| text.replace(MARKER, &marker.to_string_lossy()))
        .collect();
    let words: Vec<String> = strings.iter().map(|text| quote(text)).collect();
    for locale in ["C", "C.UTF-8"] {
        assert_eq!(bash_expands(&words, locale), strings, "locale {locale}");
    }
    assert!(!marker.exists(), "a quoted string ran a command");
    let _ = std::fs::remove_dir_all(&dir);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any string without NUL (which no argument can hold) comes back from
    /// bash exactly as it went in.
    #[test]
    fn quoting_round_trips_through_bash(
        texts in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                "[ -~]{0,40}",
                prop::collection::vec(
                    prop::sample::select(vec![
                        "'", "\"", "$", "(", ")", "`", "\\", "\n", "\r", "!", "{", "}", "*",
                        "?", "[", "]", "~", "#", ":", " ", "-", "%", "日本", "\u{1b}", ";", "&",
                    ]),
                    0..30,
                ).prop_map(|parts| parts.concat()),
            ],
            1..8,
        )
    ) {
        let texts: Vec<String> = texts.into_iter().map(|text| text.replace('\0', "")).collect();
        let words: Vec<String> = texts.iter().map(|text| quote(text)).collect();
        prop_assert_eq!(bash_expands(&words, "C.UTF-8"), texts);
    }
}

#[test]
fn nul_becomes_a_replacement_character() {
    assert_eq!(bash_expands(&[quote("a\0b")], "C.UTF-8"), ["a\u{FFFD}b"]);
}
