//! The rule catalogue and validation.
//!
//! One rule per file, grouped by topic; each file holds the check, its
//! documentation (what it flags, why AWS works that way, how to fix it, the
//! source) and its tests with violating and clean designs. Rule ids are the
//! stable ids of the rules document (`PEER-001` …); `DES-*` rules check that a
//! design is well-formed before the AWS rules judge it.
//!
//! Checks must never panic on any design: no indexing, no unwrap.

mod design_integrity;
mod gateway;
mod peering;
pub(crate) use peering::{
    PEERING_MESH_WARN_FROM, PEERING_QUOTA_DEFAULT, PEERING_QUOTA_MAX, peer_gateway_endpoints,
};
mod privatelink;
mod routing;

#[cfg(test)]
pub(crate) mod testing;

use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::{Design, Text};

/// What a rule flags, why, how to fix it, and where AWS says so.
#[derive(Debug)]
pub struct RuleDoc {
    pub id: &'static str,
    /// A short kebab-case name that says what the rule flags.
    pub name: &'static str,
    /// The severities its diagnostics can have, most severe first.
    pub severities: &'static [Severity],
    pub title: Text,
    /// Why AWS works this way.
    pub why: Text,
    pub fix: Text,
    /// Addresses of the documents that back the rule, the primary one first.
    pub sources: &'static [&'static str],
}

pub struct Rule {
    pub doc: RuleDoc,
    pub(crate) check: fn(&Rule, &DesignIndex<'_>, &mut Vec<Diagnostic>),
}

impl Rule {
    /// A diagnostic of this rule with its documented fix and primary source.
    pub(crate) fn diagnostic(
        &self,
        severity: Severity,
        subjects: Vec<Subject>,
        message: Localized,
    ) -> Diagnostic {
        Diagnostic {
            rule: self.doc.id,
            severity,
            subjects,
            message,
            fix: self.doc.fix.into(),
            source: self.doc.sources.first().copied().unwrap_or_default(),
        }
    }
}

fn all_rules() -> impl Iterator<Item = &'static Rule> {
    [
        design_integrity::RULES,
        peering::RULES,
        routing::RULES,
        privatelink::RULES,
        gateway::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Every rule's documentation, in catalogue order.
pub fn rules() -> impl Iterator<Item = &'static RuleDoc> {
    all_rules().map(|rule| &rule.doc)
}

/// The documentation of one rule, by id (case-insensitive).
pub fn rule(id: &str) -> Option<&'static RuleDoc> {
    rules().find(|doc| doc.id.eq_ignore_ascii_case(id))
}

/// The whole catalogue as Markdown, English then Japanese for each rule:
/// the source of `docs/rules.md`, which a test keeps in step.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# vpcplan rule catalogue\n\n\
         Generated from the rule documentation in `crates/vpcplan-core/src/rules/` \
         (regenerate with `UPDATE_DOCS=1 cargo test -p vpcplan-core --test rules_doc`).\n\n\
         | id | name | severity | rule |\n|---|---|---|---|\n",
    );
    for doc in rules() {
        let severities: Vec<&str> = doc
            .severities
            .iter()
            .map(|severity| severity.slug())
            .collect();
        out.push_str(&format!(
            "| [{id}](#{anchor}) | `{name}` | {severities} | {title} |\n",
            id = doc.id,
            anchor = doc.id.to_ascii_lowercase(),
            name = doc.name,
            severities = severities.join(" / "),
            title = doc.title.en,
        ));
    }
    for doc in rules() {
        out.push_str(&format!(
            "\n## {}\n\n**{}** — {}\n\n",
            doc.id, doc.title.en, doc.title.ja
        ));
        out.push_str(&format!("- Why: {}\n- Fix: {}\n", doc.why.en, doc.fix.en));
        out.push_str(&format!("- 理由: {}\n- 対処: {}\n", doc.why.ja, doc.fix.ja));
        out.push_str("- Sources:");
        for source in doc.sources {
            out.push_str(&format!(" <{source}>"));
        }
        out.push('\n');
    }
    out
}

/// Every diagnostic for a design, most severe first, then in catalogue order.
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let index = DesignIndex::new(design);
    let mut diagnostics = Vec::new();
    for rule in all_rules() {
        (rule.check)(rule, &index, &mut diagnostics);
    }
    crate::collections::sort_by_key(&mut diagnostics, |diagnostic| diagnostic.severity);
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_every_rule_is_documented() {
        let mut ids: Vec<&str> = rules().map(|doc| doc.id).collect();
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate rule ids");
        for doc in rules() {
            assert!(!doc.severities.is_empty(), "{}", doc.id);
            assert!(!doc.sources.is_empty(), "{} has no source", doc.id);
            for text in [doc.title, doc.why, doc.fix] {
                assert!(!text.en.is_empty() && !text.ja.is_empty(), "{}", doc.id);
            }
            assert!(
                doc.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                doc.name
            );
        }
    }

    /// ruff's convention: a rule's file, its id and its name agree. Every
    /// registered rule lives in `<group>/<id>_<name>.rs` (id and name in
    /// snake case, e.g. `peering/peer_001_overlapping_peer_cidrs.rs` holds
    /// PEER-001 `overlapping-peer-cidrs`), its `//!` header starts with its
    /// id, and every rule file is registered.
    #[test]
    fn each_rule_file_is_named_after_its_id_and_name() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let expected: Vec<String> = rules()
            .map(|doc| {
                format!("{}_{}", doc.id, doc.name)
                    .replace('-', "_")
                    .to_ascii_lowercase()
            })
            .collect();
        let mut found = Vec::new();
        let groups = std::fs::read_dir(&root).expect("the rules directory");
        for group in groups.map(|entry| entry.expect("a directory entry").path()) {
            if !group.is_dir() {
                continue;
            }
            let files = std::fs::read_dir(&group).expect("a rule group directory");
            for path in files.map(|entry| entry.expect("a directory entry").path()) {
                let stem = path
                    .file_stem()
                    .and_then(|stem| stem.to_str())
                    .unwrap_or_default();
                if stem == "mod" || stem == "tests" || path.is_dir() {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a rule file");
                // The first `id:` and `name:` of the rule's `RuleDoc`.
                let doc = text.find("doc: RuleDoc {").map_or("", |at| &text[at..]);
                let field = |key: &str| {
                    let start = doc
                        .find(&format!("\n        {key}: \""))
                        .map(|at| at + key.len() + 12);
                    start.and_then(|start| Some(&doc[start..start + doc[start..].find('"')?]))
                };
                let (Some(id), Some(name)) = (field("id"), field("name")) else {
                    panic!("{} declares no rule id and name", path.display());
                };
                assert_eq!(
                    stem,
                    format!("{id}_{name}")
                        .replace('-', "_")
                        .to_ascii_lowercase(),
                    "{} holds {id} `{name}`",
                    path.display()
                );
                assert!(
                    text.starts_with(&format!("//! {id}: ")),
                    "{}: the module header should start with `//! {id}: `",
                    path.display()
                );
                assert_eq!(
                    rule(id).map(|doc| doc.name),
                    Some(name),
                    "{} is not registered as {id} `{name}`",
                    path.display()
                );
                found.push(stem.to_owned());
            }
        }
        found.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(found, expected, "registered rules and rule files differ");
    }

    #[test]
    fn rules_are_found_by_id() {
        assert_eq!(rule("peer-001").map(|doc| doc.id), Some("PEER-001"));
        assert!(rule("NOPE-404").is_none());
    }
}
