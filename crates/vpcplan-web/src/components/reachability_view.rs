//! The reachability view: pick two nodes and see the path hop by hop with the
//! link each hop uses, or why there is none with the rule behind it; and the
//! all-pairs table of the design.

use std::rc::Rc;

use vpcplan_core::reachability::matrix_nodes;
use vpcplan_core::{
    Hop, Lang, MatrixCell, Node, Reachability, ReachabilityMatrix, Reason, reachability,
    reachability_matrix,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::labels::{node_key, node_label};
use crate::shared_design::SharedDesign;
use crate::strings::{Strings, strings};

#[derive(Properties, PartialEq)]
pub struct ReachabilityViewProps {
    pub lang: Lang,
    pub design: SharedDesign,
}

#[function_component]
pub fn ReachabilityView(props: &ReachabilityViewProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let design = &props.design;
    let nodes: Rc<Vec<Node>> = use_memo(design.clone(), |design| matrix_nodes(design));
    // The picks are keys, so they survive edits to the design; a pick whose
    // node is gone falls back to the default.
    let from_pick = use_state(|| None::<String>);
    let to_pick = use_state(|| None::<String>);

    let heading = html! { <h2 id="reachability-heading">{ text.reach_heading }</h2> };
    if nodes.len() < 2 {
        return html! {
            <section class="reachability" aria-labelledby="reachability-heading">
                { heading }
                <p class="intro">{ text.too_few_nodes }</p>
            </section>
        };
    }
    let find = |pick: &Option<String>, fallback: usize| {
        pick.as_ref()
            .and_then(|key| nodes.iter().find(|node| &node_key(node) == key))
            .unwrap_or(&nodes[fallback])
            .clone()
    };
    let from = find(&from_pick, 0);
    let to = find(&to_pick, 1);

    let picker = |id: &'static str,
                  label: &'static str,
                  chosen: &Node,
                  pick: &UseStateHandle<Option<String>>| {
        let onchange = {
            let pick = pick.clone();
            Callback::from(move |event: Event| {
                if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                    pick.set(Some(select.value()));
                }
            })
        };
        let options = nodes.iter().map(|node| {
            let key = node_key(node);
            html! {
                <option value={key} selected={node == chosen}>{ node_label(design, node) }</option>
            }
        });
        html! {
            <label for={id}>
                { label }
                <select {id} {onchange}>{ for options }</select>
            </label>
        }
    };

    let result = if from == to {
        html! { <p class="reach-result">{ text.same_node }</p> }
    } else {
        match reachability(design, &from, &to) {
            Reachability::Reachable { path } => html! {
                <div class="reach-result reachable" data-reachable="true">
                    <p class="verdict">{ "✓ " }{ text.reachable }</p>
                    <ol class="hops">{ for path.iter().map(|hop| hop_item(design, hop, lang)) }</ol>
                </div>
            },
            Reachability::Unreachable { reasons } => html! {
                <div class="reach-result unreachable" data-reachable="false">
                    <p class="verdict">{ "✕ " }{ text.unreachable }</p>
                    <ul class="reasons">{ for reasons.iter().map(|reason| reason_item(reason, lang)) }</ul>
                </div>
            },
        }
    };

    html! {
        <section class="reachability" aria-labelledby="reachability-heading">
            { heading }
            <p class="intro">{ text.reach_intro }</p>
            <div class="reach-pickers">
                { picker("reach-from", text.reach_from, &from, &from_pick) }
                { picker("reach-to", text.reach_to, &to, &to_pick) }
            </div>
            <div aria-live="polite">{ result }</div>
            <AllPairs {lang} design={design.clone()} />
        </section>
    }
}

fn hop_item(design: &SharedDesign, hop: &Hop, lang: Lang) -> Html {
    let kind = hop.kind.map(|kind| {
        html! { <span class={classes!("kind", kind.slug())}>{ kind.name().get(lang) }</span> }
    });
    // The core's `via` already names the link; the id is kept for the canvas.
    let link = hop.link.as_ref().map(|link| link.to_string());
    html! {
        <li class="hop" data-link={link}>
            <span class="endpoints">{ node_label(design, &hop.from) }{ " → " }{ node_label(design, &hop.to) }</span>
            <span class="via">{ kind }{ " " }{ hop.via.get(lang) }</span>
            if !hop.notes.is_empty() {
                <ul class="notes">{ for hop.notes.iter().map(|note| reason_item(note, lang)) }</ul>
            }
        </li>
    }
}

fn reason_item(reason: &Reason, lang: Lang) -> Html {
    html! {
        <li class="reason" data-rule={reason.rule}>
            if let Some(rule) = reason.rule {
                <span class="rule-id">{ rule }</span>{ " " }
            }
            { reason.message.get(lang) }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AllPairsProps {
    lang: Lang,
    design: SharedDesign,
}

/// The all-pairs table, computed only once the user opens it.
#[function_component]
fn AllPairs(props: &AllPairsProps) -> Html {
    let text = strings(props.lang);
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            if let Some(details) = event.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(details.open());
            }
        })
    };
    let matrix: Rc<Option<ReachabilityMatrix>> =
        use_memo((props.design.clone(), *open), |(design, open)| {
            open.then(|| reachability_matrix(design))
        });
    let table = (*matrix)
        .as_ref()
        .map(|matrix| all_pairs_table(&props.design, matrix, text));
    html! {
        <details class="all-pairs" {ontoggle}>
            <summary>{ text.all_pairs }</summary>
            <p class="intro">{ text.all_pairs_intro }</p>
            { table.unwrap_or_default() }
        </details>
    }
}

fn all_pairs_table(
    design: &SharedDesign,
    matrix: &ReachabilityMatrix,
    text: &'static Strings,
) -> Html {
    let labels: Vec<String> = matrix
        .nodes
        .iter()
        .map(|node| node_label(design, node))
        .collect();
    let header = labels
        .iter()
        .map(|label| html! { <th scope="col">{ label }</th> });
    let rows = matrix.cells.iter().enumerate().map(|(row, cells)| {
        let cells = cells.iter().enumerate().map(|(column, cell)| {
            if row == column {
                return html! {
                    <td class="same">
                        <span aria-hidden="true">{ "—" }</span>
                        <span class="visually-hidden">{ text.cell_same }</span>
                    </td>
                };
            }
            match cell {
                MatrixCell::Unreachable => html! { <td class="no">{ text.cell_unreachable }</td> },
                MatrixCell::Reachable { via } => {
                    let kinds: Vec<&str> = via.iter().map(|kind| text.kind_short(*kind)).collect();
                    html! { <td class="yes">{ "✓ " }{ kinds.join(", ") }</td> }
                }
            }
        });
        html! {
            <tr>
                <th scope="row">{ &labels[row] }</th>
                { for cells }
            </tr>
        }
    });
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={text.all_pairs}>
            <table class="all-pairs-table">
                <thead><tr><th scope="col">{ text.all_pairs_corner }</th>{ for header }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}
