//! The comparison matrix of the three patterns, rendered from vpcplan-core's
//! data: today's value in each cell, and the 2020 value wherever it changed.

use vpcplan_core::matrix::{Aspect, CellStatus, cell};
use vpcplan_core::{Lang, LinkKind};
use yew::prelude::*;

use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct ComparisonMatrixProps {
    pub lang: Lang,
    /// The column to emphasise, such as the kind of the selected link.
    #[prop_or_default]
    pub highlighted: Option<LinkKind>,
}

#[function_component]
pub fn ComparisonMatrix(props: &ComparisonMatrixProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let column_class = |kind: LinkKind| {
        classes!(
            kind.slug(),
            (props.highlighted == Some(kind)).then_some("highlighted")
        )
    };
    let header = LinkKind::ALL.map(|kind| {
        html! { <th scope="col" class={column_class(kind)}>{ kind.name().get(lang) }</th> }
    });
    let rows = Aspect::ALL.map(|aspect| {
        let cells = LinkKind::ALL.map(|kind| {
            let cell = cell(aspect, kind);
            let earlier = (cell.status != CellStatus::Unchanged).then(|| {
                html! {
                    <p class="in-2020">
                        <span class="status">{ cell.status.name().get(lang) }</span>
                        { " · " }{ text.in_2020 }{ ": " }
                        <span class="earlier">{ cell.in_2020.get(lang) }</span>
                    </p>
                }
            });
            let sources = cell.sources.iter().enumerate().map(|(index, url)| {
                html! {
                    <a href={*url} target="_blank" rel="noopener noreferrer" title={*url}>
                        { format!("[{}]", index + 1) }
                    </a>
                }
            });
            html! {
                <td class={column_class(kind)} data-status={cell.status.slug()}>
                    <p class="today">{ cell.today.get(lang) }</p>
                    { earlier }
                    <p class="sources" aria-label={text.sources}>{ for sources }</p>
                </td>
            }
        });
        html! {
            <tr>
                <th scope="row">{ aspect.name().get(lang) }</th>
                { for cells }
            </tr>
        }
    });
    html! {
        <table class="comparison-matrix" aria-labelledby="matrix-heading">
            <thead>
                <tr>
                    <th scope="col">{ text.matrix_corner }</th>
                    { for header }
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
