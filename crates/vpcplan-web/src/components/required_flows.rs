//! The required flows of the design (its intents): each with its verdict,
//! its ends as two lists that change it in place, and a button that removes
//! it. A question asked in the reachability view is kept here in one click
//! (`keep_button`); every change is an editor command, undone like any
//! other.

use std::rc::Rc;

use vpcplan_core::design::{Intent, IntentId, IntentSource, IntentTarget};
use vpcplan_core::{Lang, Node, reachability};
use vpcplan_editor::command::{Command, EditError};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::labels::{node_key, node_label};
use crate::shared_design::SharedDesign;
use crate::strings::strings;

/// A node as the source of a required flow: a VPC or one of its subnets.
pub fn flow_source(node: &Node) -> Option<IntentSource> {
    match node {
        Node::Vpc(vpc) => Some(IntentSource::Vpc(vpc.clone())),
        Node::Subnet { vpc, subnet } => Some(IntentSource::Subnet {
            vpc: vpc.clone(),
            subnet: subnet.clone(),
        }),
        Node::Service(_) => None,
    }
}

/// A node as the target of a required flow: a VPC or a service.
pub fn flow_target(node: &Node) -> Option<IntentTarget> {
    match node {
        Node::Vpc(vpc) => Some(IntentTarget::Vpc(vpc.clone())),
        Node::Service(service) => Some(IntentTarget::Service(service.clone())),
        Node::Subnet { .. } => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct KeepFlowProps {
    pub lang: Lang,
    pub editor: EditorHandle,
    pub design: SharedDesign,
    pub from: Node,
    pub to: Node,
}

/// "Keep as a required flow" for the question the view shows; disabled,
/// with the reason as its title, when it cannot be kept.
#[function_component]
pub fn KeepFlow(props: &KeepFlowProps) -> Html {
    let text = strings(props.lang);
    let (source, target) = (flow_source(&props.from), flow_target(&props.to));
    let kept = |source: &IntentSource, target: &IntentTarget| {
        props
            .design
            .intents
            .iter()
            .any(|intent| &intent.from == source && &intent.to == target)
    };
    let (disabled, why) = match (&source, &target) {
        (Some(source), Some(target)) if kept(source, target) => {
            (true, Some(text.flow_already_kept))
        }
        (Some(_), Some(_)) => (false, None),
        _ => (true, Some(text.flow_needs_vpc_source)),
    };
    let onclick = {
        let editor = props.editor.clone();
        Callback::from(move |_: MouseEvent| {
            if let (Some(from), Some(to)) = (source.clone(), target.clone()) {
                // The button is enabled only for a flow the command takes.
                let _ = editor.update(|e| e.apply(Command::AddIntent { from, to }));
            }
        })
    };
    html! {
        <p class="keep-flow">
            <button type="button" class="keep-flow-button" {disabled} title={why} {onclick}>
                { text.keep_flow }
            </button>
            if let Some(why) = why {
                { " " }<span class="keep-flow-why">{ why }</span>
            }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct RequiredFlowsProps {
    pub lang: Lang,
    pub editor: EditorHandle,
    pub design: SharedDesign,
    /// The VPCs and services, in the reachability view's order.
    pub nodes: Rc<Vec<Node>>,
}

#[function_component]
pub fn RequiredFlows(props: &RequiredFlowsProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let refusal = use_state(|| None::<(IntentId, EditError)>);
    let body = if props.design.intents.is_empty() {
        html! { <p class="no-flows">{ text.no_flows }</p> }
    } else {
        let rows = props.design.intents.iter().map(|intent| {
            let error = (*refusal)
                .as_ref()
                .filter(|(id, _)| id == &intent.id)
                .map(|(_, error)| error.message.get(lang).to_owned());
            flow_row(props, intent, error, &refusal)
        });
        html! { <ul class="flows">{ for rows }</ul> }
    };
    html! {
        <section class="required-flows" aria-labelledby="flows-heading">
            <h3 id="flows-heading">{ text.flows_heading }</h3>
            <p class="intro">{ text.flows_intro }</p>
            { body }
        </section>
    }
}

/// The edit a chosen node makes, if the node can be that end of a flow.
type MakeCommand = Rc<dyn Fn(&Node) -> Option<Command>>;

fn flow_row(
    props: &RequiredFlowsProps,
    intent: &Intent,
    error: Option<String>,
    refusal: &UseStateHandle<Option<(IntentId, EditError)>>,
) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let design = &props.design;
    let (from, to) = (Node::from(&intent.from), Node::from(&intent.to));
    let reachable = reachability(design, &from, &to).is_reachable();
    let apply = {
        let editor = props.editor.clone();
        let refusal = refusal.clone();
        let id = intent.id.clone();
        move |command: Command| match editor.update(|e| e.apply(command)) {
            Ok(_) => refusal.set(None),
            Err(error) => refusal.set(Some((id.clone(), error))),
        }
    };
    // The lists: every VPC (and the flow's own subnet, if it starts from
    // one) as sources, every VPC and service as targets.
    let mut sources: Vec<Node> = props
        .nodes
        .iter()
        .filter(|node| matches!(node, Node::Vpc(_)))
        .cloned()
        .collect();
    if matches!(from, Node::Subnet { .. }) {
        sources.insert(0, from.clone());
    }
    let select = |class: &'static str,
                  label: &'static str,
                  options: &[Node],
                  chosen: &Node,
                  on: Callback<Event>| {
        let options = options.iter().map(|node| {
            html! {
                <option value={node_key(node)} selected={node == chosen}>{ node_label(design, node) }</option>
            }
        });
        html! {
            <label class={class}>
                <span class="visually-hidden">{ label }</span>
                <select onchange={on}>{ for options }</select>
            </label>
        }
    };
    let pick = |options: Vec<Node>, make: MakeCommand| {
        let apply = apply.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let value = select.value();
            if let Some(command) = options
                .iter()
                .find(|node| node_key(node) == value)
                .and_then(|node| make(node))
            {
                apply(command);
            }
        })
    };
    let on_from = {
        let (id, to) = (intent.id.clone(), intent.to.clone());
        pick(
            sources.clone(),
            Rc::new(move |node: &Node| {
                Some(Command::EditIntent {
                    intent: id.clone(),
                    from: flow_source(node)?,
                    to: to.clone(),
                })
            }),
        )
    };
    let on_to = {
        let (id, from) = (intent.id.clone(), intent.from.clone());
        pick(
            props.nodes.to_vec(),
            Rc::new(move |node: &Node| {
                Some(Command::EditIntent {
                    intent: id.clone(),
                    from: from.clone(),
                    to: flow_target(node)?,
                })
            }),
        )
    };
    let on_remove = {
        let apply = apply.clone();
        let id = intent.id.clone();
        Callback::from(move |_: MouseEvent| apply(Command::RemoveIntent { intent: id.clone() }))
    };
    let (mark, verdict) = if reachable {
        ("✓", text.reachable)
    } else {
        ("✕", text.unreachable)
    };
    html! {
        <li key={intent.id.to_string()} class="flow" data-intent={intent.id.to_string()}
            data-reachable={reachable.to_string()}>
            { select("flow-from", text.reach_from, &sources, &from, on_from) }
            <span aria-hidden="true">{ " → " }</span>
            { select("flow-to", text.reach_to, &props.nodes, &to, on_to) }
            <span class={classes!("flow-verdict", if reachable { "reachable" } else { "unreachable" })}>
                { mark }{ " " }{ verdict }
            </span>
            <button type="button" class="remove-flow" onclick={on_remove}>{ text.remove_flow }</button>
            if let Some(error) = error {
                <p class="field-error" role="alert">{ error }</p>
            }
        </li>
    }
}
