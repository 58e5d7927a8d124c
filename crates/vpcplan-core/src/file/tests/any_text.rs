//! Reading any text: no panic, however deep or broken, and every error says
//! where it is.

use proptest::prelude::*;

use super::arbitrary::text;
use super::*;

#[test]
fn deeply_nested_junk_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = read_error(&deep);
    assert!(
        error.to_string().contains("recursion limit exceeded"),
        "{error}"
    );
    assert_eq!(error.position().map(|(line, _)| line), Some(1));

    let deep = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert!(matches!(error_of(&deep), FileError::Syntax { .. }));

    // Nesting just under the limit, where a string is expected and inside a
    // tagged object (which reads its fields into a JSON value first).
    let nested = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let error = read_error(&with_design(&format!(r#"{{"name": {nested}}}"#)));
    assert_eq!(error.path(), Some("design.name"));
    let error = read_error(&with_design(&format!(
        r#"{{"name": "x", "links": [{{"kind": "peering", "id": {nested}}}]}}"#
    )));
    assert_eq!(error.path(), Some("design.links[0].id"));
}

fn error_of(text: &str) -> FileError {
    read_error(text)
}

#[test]
fn every_error_says_where() {
    let texts = [
        String::new(),
        "{".to_owned(),
        "{\"format\": \"vpcplan-design\", \"version\": 1, \"design\": {\"name\": 1}}".to_owned(),
        with_design(r#"{"name": "x", "vpcs": {}}"#),
        with_design(r#"{"name": "x", "accounts": [{"id": "1"}]}"#),
        with_design(
            r#"{"name": "x", "intents": [{"id": "i", "from": {"kind": "vpc"}, "to": {"kind": "vpc", "vpc": "v"}}]}"#,
        ),
    ];
    for text in texts {
        let error = read_error(&text);
        assert!(
            error.path().is_some() || error.position().is_some(),
            "{error:?}"
        );
        let shown = error.to_string();
        assert!(
            shown.starts_with("line ")
                || shown.starts_with("design")
                || shown.starts_with("format"),
            "{shown}"
        );
    }
}

/// Arbitrary JSON, for feeding the typed reader values of every shape.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |v| v.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just("peering".to_owned()),
            Just("10.0.0.0/16".to_owned()),
            Just("kind".to_owned()),
            text()
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("kind".to_owned()),
                        Just("id".to_owned()),
                        Just("name".to_owned()),
                        Just("vpcs".to_owned()),
                        Just("links".to_owned()),
                        "[a-z_]{1,12}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_text_makes_the_reader_panic(text in any::<String>()) {
        if let Err(error) = read_design(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn no_json_makes_the_reader_panic(design in json()) {
        let text = format!(
            r#"{{"format": "vpcplan-design", "version": 1, "design": {design}}}"#
        );
        if let Err(error) = read_design(&text) {
            prop_assert!(error.path().is_some(), "{:?}", error);
        }
    }

    #[test]
    fn no_byte_flip_in_a_valid_file_makes_the_reader_panic(
        index in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = write_design(&sample()).into_bytes();
        let at = index.index(bytes.len());
        bytes[at] = byte;
        let text = String::from_utf8_lossy(&bytes);
        if let Err(error) = read_design(&text) {
            prop_assert!(error.path().is_some() || error.position().is_some(), "{:?}", error);
        }
    }
}
