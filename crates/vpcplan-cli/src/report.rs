//! What `validate`, `explain` and `rules` print, in English or Japanese.

use serde_json::{Value, json};
use vpcplan_core::{Diagnostic, Lang, RuleDoc, Severity, Subject};

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error)
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == severity)
        .count()
}

/// The diagnostics grouped by severity, most severe first, each with its
/// rule id, message and fix.
pub fn text(file: &str, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let counts = SEVERITIES.map(|severity| count(diagnostics, severity));
    let mut out = match lang {
        Lang::En if diagnostics.is_empty() => format!("{file}: no problems found\n"),
        Lang::Ja if diagnostics.is_empty() => format!("{file}: 問題は見つかりませんでした\n"),
        Lang::En => format!(
            "{file}: {} error(s), {} warning(s), {} note(s)\n",
            counts[0], counts[1], counts[2]
        ),
        Lang::Ja => format!(
            "{file}: エラー {} 件、警告 {} 件、情報 {} 件\n",
            counts[0], counts[1], counts[2]
        ),
    };
    let fix_label = match lang {
        Lang::En => "fix",
        Lang::Ja => "修正",
    };
    for (severity, number) in SEVERITIES.into_iter().zip(counts) {
        if number == 0 {
            continue;
        }
        out.push_str(&format!("\n{} ({number})\n", severity.name().get(lang)));
        for diagnostic in diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
        {
            out.push_str(&format!(
                "  {}  {}\n",
                diagnostic.rule,
                indent(diagnostic.message.get(lang))
            ));
            out.push_str(&format!(
                "    {fix_label}: {}\n",
                indent(diagnostic.fix.get(lang))
            ));
        }
    }
    out
}

/// Keeps multi-line text inside its entry.
fn indent(text: &str) -> String {
    text.trim_end().replace('\n', "\n      ")
}

fn subject(subject: &Subject) -> Value {
    let (kind, id) = match subject {
        Subject::Account(id) => ("account", id.as_str()),
        Subject::Vpc(id) => ("vpc", id.as_str()),
        Subject::Subnet(id) => ("subnet", id.as_str()),
        Subject::RouteTable(id) => ("route_table", id.as_str()),
        Subject::SecurityGroup(id) => ("security_group", id.as_str()),
        Subject::Service(id) => ("service", id.as_str()),
        Subject::Link(id) => ("link", id.as_str()),
        Subject::Intent(id) => ("intent", id.as_str()),
    };
    json!({"kind": kind, "id": id})
}

/// Every diagnostic with its text in both languages, and the counts.
pub fn json(file: &str, diagnostics: &[Diagnostic]) -> String {
    let report = json!({
        "file": file,
        "summary": {
            "error": count(diagnostics, Severity::Error),
            "warning": count(diagnostics, Severity::Warning),
            "info": count(diagnostics, Severity::Info),
        },
        "diagnostics": diagnostics.iter().map(|diagnostic| json!({
            "rule": diagnostic.rule,
            "severity": diagnostic.severity.slug(),
            "message": {"en": diagnostic.message.en, "ja": diagnostic.message.ja},
            "fix": {"en": diagnostic.fix.en, "ja": diagnostic.fix.ja},
            "source": diagnostic.source,
            "subjects": diagnostic.subjects.iter().map(subject).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&report).expect("a JSON value serialises")
}

pub fn explain(doc: &RuleDoc, lang: Lang) -> String {
    let (severity, why, fix, sources) = match lang {
        Lang::En => ("severity", "why", "fix", "sources"),
        Lang::Ja => ("重大度", "理由", "修正", "出典"),
    };
    let severities: Vec<&str> = doc
        .severities
        .iter()
        .map(|level| level.name().get(lang))
        .collect();
    let mut out = format!(
        "{} ({}): {}\n{severity}: {}\n\n{why}: {}\n\n{fix}: {}\n\n{sources}:\n",
        doc.id,
        doc.name,
        doc.title.get(lang),
        severities.join(", "),
        doc.why.get(lang),
        doc.fix.get(lang)
    );
    for source in doc.sources {
        out.push_str(&format!("  {source}\n"));
    }
    out
}

pub fn unknown_rule(id: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("no rule has the id {id:?}; `vpcplan rules` lists them"),
        Lang::Ja => {
            format!("ID が {id:?} のルールはありません。`vpcplan rules` で一覧を表示できます")
        }
    }
}

pub fn rules(lang: Lang) -> String {
    let mut out = String::new();
    for doc in vpcplan_core::rules() {
        let severities: Vec<&str> = doc.severities.iter().map(|level| level.slug()).collect();
        out.push_str(&format!(
            "{:<9} {:<15} {}\n",
            doc.id,
            severities.join("/"),
            doc.title.get(lang)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_listed_once() {
        let listing = rules(Lang::En);
        assert_eq!(listing.lines().count(), vpcplan_core::rules().count());
        assert!(listing.lines().any(|line| line.starts_with("PEER-001 ")));
    }

    #[test]
    fn an_empty_report_says_so_in_both_languages() {
        assert_eq!(text("a.json", &[], Lang::En), "a.json: no problems found\n");
        assert!(text("a.json", &[], Lang::Ja).contains("問題は見つかりませんでした"));
    }
}
