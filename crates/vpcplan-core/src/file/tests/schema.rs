//! The committed JSON Schema (`docs/design-format.schema.json`) is the
//! schema of the file types.

use std::path::PathBuf;

use super::*;

fn committed_schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/design-format.schema.json")
}

#[test]
fn committed_schema_matches_the_file_types() {
    let generated = design_schema();
    let path = committed_schema_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write docs/design-format.schema.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/design-format.schema.json is not the schema of the file types in \
         crates/vpcplan-core/src/file/v1/. If the change to the format is intended, \
         regenerate it with `UPDATE_SCHEMA=1 cargo test -p vpcplan-core schema` and commit it \
         (and describe the change in docs/design-format.md)."
    );
}

#[test]
fn the_schema_describes_the_envelope_and_every_link_kind() {
    let schema: Value = serde_json::from_str(&design_schema()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert_eq!(schema["additionalProperties"], false);
    let kinds: Vec<&str> = schema["$defs"]["Link"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| variant["properties"]["kind"]["const"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["peering", "interface_endpoint", "gateway_endpoint"]);
    // Tagged variants are inlined, so `kind` is allowed next to the fields
    // that `additionalProperties: false` permits.
    for variant in schema["$defs"]["Link"]["oneOf"].as_array().unwrap() {
        assert_eq!(variant["additionalProperties"], false);
        assert!(variant["properties"]["id"].is_object());
    }
}
