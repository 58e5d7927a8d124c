//! The side panel listing what the 2020 comparison got wrong by today's rules,
//! and a legend for the matrix's markings.

use vpcplan_core::Lang;
use vpcplan_core::matrix::{CellStatus, comparison_matrix};
use yew::prelude::*;

use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct ChangesPanelProps {
    pub lang: Lang,
}

#[function_component]
pub fn ChangesPanel(props: &ChangesPanelProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let changes = comparison_matrix()
        .iter()
        .filter(|cell| cell.status == CellStatus::Changed)
        .map(|cell| {
            html! {
                <li>
                    <strong>{ cell.kind.name().get(lang) }{ " — " }{ cell.aspect.name().get(lang) }</strong>
                    <p><span class="earlier">{ cell.in_2020.get(lang) }</span>{ " → " }{ cell.today.get(lang) }</p>
                </li>
            }
        });
    let legend = [CellStatus::Changed, CellStatus::Clarified, CellStatus::Unchanged].map(|status| {
        html! { <li><span class={classes!("swatch", status.slug())} aria-hidden="true"></span>{ status.name().get(lang) }</li> }
    });
    html! {
        <>
            <h2 id="changes-heading">{ text.changes_heading }</h2>
            <p class="intro">{ text.changes_intro }</p>
            <ol class="changes">{ for changes }</ol>
            <h3>{ text.legend_heading }</h3>
            <ul class="legend">{ for legend }</ul>
        </>
    }
}
