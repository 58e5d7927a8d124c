//! Chooses which column of the comparison matrix to highlight: one link kind
//! or none. The canvas will set the same highlight from the selected link.

use vpcplan_core::{Lang, LinkKind};
use yew::prelude::*;

use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct HighlightPickerProps {
    pub lang: Lang,
    pub selected: Option<LinkKind>,
    pub on_change: Callback<Option<LinkKind>>,
}

#[function_component]
pub fn HighlightPicker(props: &HighlightPickerProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let choices = std::iter::once((None, text.highlight_none))
        .chain(LinkKind::ALL.map(|kind| (Some(kind), kind.name().get(lang))))
        .map(|(choice, label)| {
            let onchange = props.on_change.reform(move |_: Event| choice);
            let value = choice.map_or("none", LinkKind::slug);
            html! {
                <label>
                    <input type="radio" name="matrix-highlight" {value}
                        checked={props.selected == choice} {onchange} />
                    { " " }{ label }
                </label>
            }
        });
    html! {
        <fieldset class="highlight-picker">
            <legend>{ text.highlight_label }</legend>
            { for choices }
        </fieldset>
    }
}
