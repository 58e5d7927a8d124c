//! The inspector for the selected node or link: names, account, Region,
//! CIDRs, subnets and route tables of a VPC, the options of each link kind
//! and of an endpoint service. Every field applies one editor command when it
//! changes; a refused edit leaves the document alone and its `EditError`
//! shows next to the field (or inside the subnet, route table or link group
//! it is about), with the typed text kept for fixing.

mod link;
mod service;
mod vpc;

use std::rc::Rc;
use vpcplan_core::design::Subnet;
use vpcplan_core::regions::REGIONS;
use vpcplan_core::{Lang, Subject};
use vpcplan_editor::{Command, EditError, Field, Item, NodeId, accessible_name};

use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::idle::use_idle_ready;
use crate::strings::{Strings, strings};

use link::link_form;
use service::service_form;
use vpc::vpc_form;

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub editor: EditorHandle,
}

/// A refused edit: the error, and the input and text it came from, so the
/// text stays there for fixing (yew resets a controlled input's value to the
/// document's on every render).
struct Refusal {
    error: EditError,
    typed: Option<(web_sys::HtmlInputElement, String)>,
}

/// Applies commands for the fields and remembers the last refusal.
#[derive(Clone)]
struct Apply {
    handle: EditorHandle,
    refusal: UseStateHandle<Option<Rc<Refusal>>>,
}

impl Apply {
    /// Applies `command`, remembering a refusal and the text it came from.
    fn run(&self, command: Command, typed: Option<(web_sys::HtmlInputElement, String)>) {
        match self.handle.update(|e| e.apply(command)) {
            Ok(_) => self.refusal.set(None),
            Err(error) => self.refusal.set(Some(Rc::new(Refusal { error, typed }))),
        }
    }

    /// A callback applying the command made from an input's new value.
    fn on_text(&self, make: impl Fn(String) -> Command + 'static) -> Callback<Event> {
        let apply = self.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let value = input.value();
            apply.run(make(value.clone()), Some((input, value)));
        })
    }

    fn on_check(&self, make: impl Fn(bool) -> Command + 'static) -> Callback<Event> {
        let apply = self.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            // A refused change re-renders with the refusal, and yew sets the
            // box back to what the document says.
            apply.run(make(input.checked()), None);
        })
    }

    fn on_click(&self, command: Command) -> Callback<MouseEvent> {
        let apply = self.clone();
        Callback::from(move |_: MouseEvent| {
            apply.run(command.clone(), None);
        })
    }
}

/// What the forms need besides the item: how to apply, the last refusal,
/// and the language.
struct Form<'a> {
    apply: &'a Apply,
    error: Option<&'a EditError>,
    text: &'static Strings,
    lang: Lang,
}

impl Form<'_> {
    /// The refusal's message when it is about `field` of anything.
    fn at(&self, field: impl Fn(&Field) -> bool) -> Option<String> {
        self.error
            .filter(|e| field(&e.field))
            .map(|e| e.message.get(self.lang).to_owned())
    }

    /// The refusal's message when it is about `subject` (any field of it).
    fn about(&self, subject: &Subject) -> Option<String> {
        self.error
            .filter(|e| e.subject.as_ref() == Some(subject))
            .map(|e| e.message.get(self.lang).to_owned())
    }
}

/// Errors shown inside a subnet, route table or link group are not repeated
/// at the top of the inspector.
fn shown_in_a_group(error: &EditError) -> bool {
    matches!(
        error.subject,
        Some(Subject::Subnet(_) | Subject::RouteTable(_) | Subject::Link(_))
    )
}

#[function_component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let refusal = use_state(|| None::<Rc<Refusal>>);
    // The Region suggestions serve forms that no one has open at start.
    let regions_ready = use_idle_ready();
    let editor = props.editor.editor();
    let item = editor.selection().single();
    // A refusal belongs to the item it was about.
    {
        let refusal = refusal.clone();
        use_effect_with(item.clone(), move |_| refusal.set(None));
    }
    // Put the refused text back after each render.
    {
        let refusal = (*refusal).clone();
        use_effect(move || {
            if let Some((input, typed)) = refusal.as_ref().and_then(|r| r.typed.as_ref())
                && input.value() != *typed
            {
                input.set_value(typed);
            }
        });
    }
    let design = editor.document().clone();
    let open_requested = editor.inspector_open();
    drop(editor);
    // Enter on the canvas opens the inspector: focus its first field.
    let section = use_node_ref();
    {
        let section = section.clone();
        let handle = props.editor.clone();
        use_effect_with(open_requested, move |&open| {
            if open {
                let first = section
                    .cast::<web_sys::Element>()
                    .and_then(|s| s.query_selector("input, select, button").ok().flatten())
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
                if let Some(first) = first {
                    let _ = first.focus();
                }
                handle.update(|e| e.set_inspector_open(false));
            }
        });
    }
    let apply = Apply {
        handle: props.editor.clone(),
        refusal: refusal.clone(),
    };
    let error = (*refusal).as_ref().map(|r| r.error.clone());
    let form = Form {
        apply: &apply,
        error: error.as_ref(),
        text,
        lang,
    };

    let body = match &item {
        None => {
            let rename = apply.on_text(|name| Command::RenameDesign { name });
            html! {
                <>
                    <p class="inspector-empty">{ text.inspector_empty }</p>
                    { text_field(text.design_name, &design.name, rename, None) }
                </>
            }
        }
        Some(Item::Node(NodeId::Vpc(id))) => match design.vpc(id) {
            Some(vpc) => vpc_form(&design, vpc, &form),
            None => html! {},
        },
        Some(Item::Node(NodeId::Service(id))) => match design.service(id) {
            Some(service) => service_form(service, &form),
            None => html! {},
        },
        Some(Item::Link(id)) => match design.link(id) {
            Some(link) => link_form(&design, link, &form),
            None => html! {},
        },
    };
    let title = item
        .as_ref()
        .and_then(|item| accessible_name(&design, item, lang))
        .unwrap_or_default();
    let general = error
        .as_ref()
        .filter(|e| e.field == Field::Command && !shown_in_a_group(e))
        .map(|e| html! { <p class="field-error" role="alert">{ e.message.get(lang) }</p> });
    // Keyed by the item, so text typed (and refused) for one item never
    // shows in the same field of the next.
    let key = item.as_ref().map(item_key).unwrap_or_default();
    let regions = if regions_ready { REGIONS } else { &[] };
    let region_options = regions
        .iter()
        .map(|r| html! { <option value={r.code}>{ r.name }</option> });
    html! {
        <section ref={section} class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading">{ text.inspector_heading }</h2>
            if !title.is_empty() {
                <p class="inspector-title">{ title }</p>
            }
            { general.unwrap_or_default() }
            <div class="inspector-body" key={key}>{ body }</div>
            <datalist id="region-codes">
                { for region_options }
            </datalist>
        </section>
    }
}

fn item_key(item: &Item) -> String {
    match item {
        Item::Node(node) => format!("node:{}", node.as_str()),
        Item::Link(link) => format!("link:{link}"),
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn text_field(label: &str, value: &str, onchange: Callback<Event>, error: Option<String>) -> Html {
    input_field(label, value, onchange, error, None)
}

fn input_field(
    label: &str,
    value: &str,
    onchange: Callback<Event>,
    error: Option<String>,
    list: Option<&'static str>,
) -> Html {
    let invalid = error.is_some();
    html! {
        <label class={classes!("field", invalid.then_some("invalid"))}>
            <span class="field-label">{ label.to_owned() }</span>
            <input type="text" value={value.to_owned()} aria-label={label.to_owned()} aria-invalid={invalid.to_string()} {list} {onchange} />
            { error_line(error) }
        </label>
    }
}

fn error_line(error: Option<String>) -> Html {
    match error {
        Some(error) => html! { <span class="field-error" role="alert">{ error }</span> },
        None => html! {},
    }
}

fn checkbox(label: &str, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <label class="check">
            <input type="checkbox" {checked} {onchange} />
            { label.to_owned() }
        </label>
    }
}

/// A group of checkboxes (subnets, route tables) with the refusal about it.
fn check_group(legend: &str, boxes: Html, error: Option<String>) -> Html {
    let invalid = error.is_some();
    html! {
        <fieldset class={classes!("choices", invalid.then_some("invalid"))}>
            <legend>{ legend.to_owned() }</legend>
            { boxes }
            { error_line(error) }
        </fieldset>
    }
}

fn subnet_label(subnet: &Subnet) -> String {
    let name = subnet.label();
    let cidr = subnet
        .ipv4_cidr
        .map(|c| c.to_string())
        .or_else(|| subnet.ipv6_cidr.map(|c| c.to_string()))
        .unwrap_or_default();
    format!("{name} {cidr} {}", subnet.availability_zone)
}

/// A command maker for a field: the item's `current` options with the
/// field's new value put in by `change`, given to `command`.
fn changed<O: Clone + 'static, V>(
    current: &O,
    command: impl Fn(O) -> Command + 'static,
    change: impl Fn(&mut O, V) + 'static,
) -> impl Fn(V) -> Command + Clone + 'static {
    let current = current.clone();
    let make = Rc::new(move |value: V| {
        let mut options = current.clone();
        change(&mut options, value);
        command(options)
    });
    move |value| make(value)
}
