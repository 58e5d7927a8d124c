//! The legend under the canvas: the kinds of link and the diagnostic marks.

use vpcplan_core::{Lang, LinkKind, Severity};
use yew::prelude::*;

use crate::strings::strings;

use super::kind_class;

#[derive(Properties, PartialEq)]
pub(super) struct LegendProps {
    pub(super) lang: Lang,
}

#[function_component]
pub(super) fn Legend(props: &LegendProps) -> Html {
    let text = strings(props.lang);
    let entries = LinkKind::ALL.into_iter().map(|kind| {
        html! {
            <li class={classes!("legend-entry", kind_class(kind))}>
                <svg width="36" height="10" aria-hidden="true"><line x1="0" y1="5" x2="36" y2="5" /></svg>
                { kind.name().get(props.lang).to_owned() }
            </li>
        }
    });
    html! {
        <div class="canvas-legend">
            <span class="legend-title">{ text.canvas_legend }</span>
            <ul>{ for entries }</ul>
            <span class="legend-mark error">{ text.severity_heading(Severity::Error) }</span>
            <span class="legend-mark warning">{ text.severity_heading(Severity::Warning) }</span>
        </div>
    }
}
