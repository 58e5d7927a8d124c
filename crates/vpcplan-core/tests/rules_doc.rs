//! `docs/rules.md` is generated from the rule documentation; this test fails
//! when the two drift apart, and rewrites the file with `UPDATE_DOCS=1`.

use std::path::Path;

#[test]
fn the_committed_rule_catalogue_matches_the_rule_docs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let generated = vpcplan_core::catalogue_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date; regenerate it with \
         `UPDATE_DOCS=1 cargo test -p vpcplan-core --test rules_doc`"
    );
}
