//! The committed JSON Schema (`docs/lesson-format.schema.json`) is the
//! schema of the lesson file types.

use std::path::PathBuf;

use serde_json::Value;

use crate::lesson::lesson_schema;

#[test]
fn committed_schema_matches_the_lesson_file_types() {
    let generated = lesson_schema();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/lesson-format.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write docs/lesson-format.schema.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/lesson-format.schema.json is not the schema of the lesson file types in \
         crates/vpcplan-core/src/lesson/file.rs. If the change to the format is intended, \
         regenerate it with `UPDATE_SCHEMA=1 cargo test -p vpcplan-core schema` and commit it \
         (and describe the change in docs/lesson-format.md)."
    );
}

#[test]
fn the_schema_describes_the_envelope_every_goal_and_embedded_designs() {
    let schema: Value = serde_json::from_str(&lesson_schema()).unwrap();
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert_eq!(schema["properties"]["format"]["$ref"], "#/$defs/Format");
    let kinds: Vec<&str> = schema["$defs"]["Goal"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| variant["properties"]["kind"]["const"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "link",
            "rule_fires",
            "rule_silent",
            "reachable",
            "unreachable",
            "no_errors",
            "all"
        ]
    );
    // Starting designs and solutions are design files, with the design
    // file's own schema.
    assert_eq!(
        schema["$defs"]["DesignFile"]["title"],
        "vpcplan design file (format version 1)"
    );
}
