//! The `check` helper every rule test calls, over the one builder of test
//! designs in `crate::testing` (re-exported here, so a rule test needs one
//! `use crate::rules::testing::*`).
//!
//! `check(&RULE, &design, expect![[...]])` runs one rule and compares its
//! whole output, each diagnostic's severity, id, subjects and English and
//! Japanese message, with an inline snapshot (refresh them with
//! `UPDATE_EXPECT=1 cargo test -p vpcplan-core`, and review the diff).

use std::fmt::Write as _;

use expect_test::Expect;

pub(crate) use crate::testing::*;

use crate::design::Design;
use crate::diagnostic::{Diagnostic, Subject};
use crate::index::DesignIndex;
use crate::reachability::Reason;
use crate::rules::Rule;

/// Runs one rule on a design and returns its diagnostics.
pub(crate) fn run(rule: &Rule, design: &Design) -> Vec<Diagnostic> {
    let index = DesignIndex::new(design);
    let mut out = Vec::new();
    (rule.check)(rule, &index, &mut out);
    out
}

/// Runs one rule on a design and compares every diagnostic it reports with
/// the snapshot; an empty snapshot means the rule reports nothing.
#[track_caller]
pub(crate) fn check(rule: &Rule, design: &Design, expect: Expect) {
    expect.assert_eq(&render(&run(rule, design)));
}

/// Diagnostics as text: for each, `severity ID subject…` on one line, then
/// the English and the Japanese message. The fix and the source are the
/// rule's documentation, the same for every diagnostic of a rule.
pub(crate) fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let _ = write!(out, "{} {}", diagnostic.severity.slug(), diagnostic.rule);
        for subject in &diagnostic.subjects {
            let _ = write!(out, " {}", subject_text(subject));
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "  en: {}", diagnostic.message.en);
        let _ = writeln!(out, "  ja: {}", diagnostic.message.ja);
    }
    out
}

/// A reachability or advisor reason as snapshots show it: `head`, the rule
/// (or `(no rule)`) and the subjects on one line, then the English and the
/// Japanese message, each after `indent`.
pub(crate) fn render_reason(out: &mut String, reason: &Reason, head: &str, indent: &str) {
    let _ = write!(out, "{head}{}", reason.rule.unwrap_or("(no rule)"));
    for subject in &reason.subjects {
        let _ = write!(out, " {}", subject_text(subject));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{indent}en: {}", reason.message.en);
    let _ = writeln!(out, "{indent}ja: {}", reason.message.ja);
}

/// A subject as snapshots show it: `kind:id`.
pub(crate) fn subject_text(subject: &Subject) -> String {
    let (kind, id) = match subject {
        Subject::Account(id) => ("account", id.as_str()),
        Subject::Vpc(id) => ("vpc", id.as_str()),
        Subject::Subnet(id) => ("subnet", id.as_str()),
        Subject::RouteTable(id) => ("route-table", id.as_str()),
        Subject::SecurityGroup(id) => ("sg", id.as_str()),
        Subject::Service(id) => ("service", id.as_str()),
        Subject::Link(id) => ("link", id.as_str()),
        Subject::Intent(id) => ("intent", id.as_str()),
    };
    format!("{kind}:{id}")
}

/// The rule ids of the diagnostics, for compact assertions.
pub(crate) fn ids(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.rule)
        .collect()
}
