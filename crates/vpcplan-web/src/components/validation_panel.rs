//! The validation panel: the design's diagnostics grouped by severity, each
//! with its rule id, message, fix and AWS source. Choosing a diagnostic
//! reports the things it involves, for the canvas to select and reveal.

use std::rc::Rc;

use vpcplan_core::collections::HashMap;
use vpcplan_core::{Diagnostic, Lang, Severity, Subject};
use yew::prelude::*;

use crate::labels::subject_id;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct ValidationPanelProps {
    pub lang: Lang,
    /// The design's diagnostics, validated once by the app for the canvas
    /// marks and this panel alike.
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Called with the subjects of the diagnostic the user chose.
    pub on_select: Callback<Vec<Subject>>,
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

#[function_component]
pub fn ValidationPanel(props: &ValidationPanelProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let diagnostics = &props.diagnostics;

    let body = if diagnostics.is_empty() {
        html! { <p class="no-problems" role="status">{ text.no_problems }</p> }
    } else {
        let groups = SEVERITIES.into_iter().filter_map(|severity| {
            let members: Vec<usize> = diagnostics
                .iter()
                .enumerate()
                .filter(|(_, diagnostic)| diagnostic.severity == severity)
                .map(|(at, _)| at)
                .collect();
            if members.is_empty() {
                return None;
            }
            let count = members.len();
            let heading_id = format!("problems-{}", severity.slug());
            // Keyed by what they are about, so that a diagnostic an edit
            // adds or removes does not shift the others onto new items.
            let mut seen: HashMap<String, usize> = HashMap::default();
            let items = members.into_iter().map(|at| {
                let key = diagnostic_key(&diagnostics[at], &mut seen);
                html! {
                    <DiagnosticItem {key} {lang} diagnostics={diagnostics.clone()} {at}
                        on_select={props.on_select.clone()} />
                }
            });
            // Keyed, so that the warnings stay the warnings when the errors
            // appear above them, instead of being rebuilt as other groups.
            Some(html! {
                <section key={severity.slug()} class={classes!("severity-group", severity.slug())} aria-labelledby={heading_id.clone()}>
                    <h3 id={heading_id}>
                        { text.severity_heading(severity) }
                        <span class="count">{ format!(" ({count})") }</span>
                    </h3>
                    <ul class="diagnostics">{ for items }</ul>
                </section>
            })
        });
        html! { <>{ for groups }</> }
    };
    html! {
        <section class="validation-panel" aria-labelledby="validation-heading">
            <h2 id="validation-heading">{ text.validation_heading }</h2>
            { body }
        </section>
    }
}

/// The rule and the ids of the subjects, made unique among the keys `seen`
/// so far by the number of diagnostics before it with the same ones.
fn diagnostic_key(diagnostic: &Diagnostic, seen: &mut HashMap<String, usize>) -> String {
    let mut key = diagnostic.rule.to_owned();
    for subject in &diagnostic.subjects {
        key.push(' ');
        key.push_str(subject_id(subject));
    }
    let earlier = seen.entry(key.clone()).or_insert(0);
    *earlier += 1;
    if *earlier > 1 {
        key.push_str(&format!(" #{earlier}"));
    }
    key
}

#[derive(Properties)]
struct DiagnosticItemProps {
    lang: Lang,
    diagnostics: Rc<Vec<Diagnostic>>,
    /// Where the diagnostic is in `diagnostics`.
    at: usize,
    on_select: Callback<Vec<Subject>>,
}

/// Equal when they show the same diagnostic, wherever it is in which list:
/// an edit validates again, and the thousands of diagnostics it did not
/// change are not drawn again.
impl PartialEq for DiagnosticItemProps {
    fn eq(&self, other: &DiagnosticItemProps) -> bool {
        self.lang == other.lang
            && self.on_select == other.on_select
            && self.diagnostics.get(self.at) == other.diagnostics.get(other.at)
    }
}

#[function_component]
fn DiagnosticItem(props: &DiagnosticItemProps) -> Html {
    let Some(diagnostic) = props.diagnostics.get(props.at) else {
        return Html::default();
    };
    let lang = props.lang;
    let text = strings(lang);
    let subjects = diagnostic.subjects.clone();
    let onclick = props
        .on_select
        .reform(move |_: MouseEvent| subjects.clone());
    let involved = diagnostic
        .subjects
        .iter()
        .map(subject_id)
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        <li class="diagnostic" data-rule={diagnostic.rule}>
            <button type="button" class="diagnostic-summary" {onclick}>
                <span class="rule-id">{ diagnostic.rule }</span>
                <span class="message">{ diagnostic.message.get(lang) }</span>
            </button>
            <p class="fix"><strong>{ text.fix_label }</strong>{ " " }{ diagnostic.fix.get(lang) }</p>
            if !involved.is_empty() {
                <p class="involved">{ text.involved_label }{ " " }<code>{ involved }</code></p>
            }
            <a class="source" href={diagnostic.source} target="_blank" rel="noopener noreferrer">
                { text.source_link }
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use vpcplan_core::Localized;

    use super::*;

    fn diagnostic(rule: &'static str, subjects: Vec<Subject>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            subjects,
            message: Localized::new("message", "メッセージ"),
            fix: Localized::new("fix", "修正"),
            source: "https://docs.aws.amazon.com/",
        }
    }

    #[test]
    fn diagnostic_keys_are_unique_even_for_the_same_rule_and_subjects() {
        let vpc = |id: &str| Subject::Vpc(id.into());
        let diagnostics = [
            diagnostic("PEER-001", vec![vpc("vpc-1"), vpc("vpc-2")]),
            diagnostic("PEER-001", vec![vpc("vpc-1"), vpc("vpc-2")]),
            diagnostic("PEER-001", vec![vpc("vpc-1")]),
            diagnostic("DES-001", vec![]),
        ];
        let mut seen = HashMap::default();
        let keys: Vec<String> = diagnostics
            .iter()
            .map(|d| diagnostic_key(d, &mut seen))
            .collect();
        assert_eq!(
            keys,
            [
                "PEER-001 vpc-1 vpc-2",
                "PEER-001 vpc-1 vpc-2 #2",
                "PEER-001 vpc-1",
                "DES-001"
            ]
        );
    }
}
