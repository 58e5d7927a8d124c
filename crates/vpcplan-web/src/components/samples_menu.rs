//! The "Samples" menu: a disclosure button listing the sample designs.
//! Choosing one reports its id; Escape closes the list and returns focus.

use vpcplan_core::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::samples::SAMPLES;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct SamplesMenuProps {
    pub lang: Lang,
    /// The id of the sample open now, marked in the list.
    #[prop_or_default]
    pub current: Option<&'static str>,
    pub on_open: Callback<&'static str>,
}

#[function_component]
pub fn SamplesMenu(props: &SamplesMenuProps) -> Html {
    let text = strings(props.lang);
    let expanded = use_state(|| false);
    let button = use_node_ref();

    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let onkeydown = {
        let expanded = expanded.clone();
        let button = button.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *expanded {
                event.stop_propagation();
                expanded.set(false);
                if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        })
    };
    // Leaving the menu with Tab or a click elsewhere closes it.
    let onfocusout = {
        let expanded = expanded.clone();
        Callback::from(move |event: FocusEvent| {
            let container = event.current_target();
            let next = event.related_target();
            let inside = match (container, next) {
                (Some(container), Some(next)) => container
                    .unchecked_into::<web_sys::Node>()
                    .contains(Some(next.unchecked_ref())),
                _ => false,
            };
            if !inside {
                expanded.set(false);
            }
        })
    };
    let items = SAMPLES.iter().map(|sample| {
        let id = sample.id;
        let onclick = {
            let expanded = expanded.clone();
            let on_open = props.on_open.clone();
            Callback::from(move |_: MouseEvent| {
                expanded.set(false);
                on_open.emit(id);
            })
        };
        let current = (props.current == Some(id)).then_some("true");
        html! {
            <li>
                <button type="button" data-sample={id} aria-current={current} {onclick}>
                    { sample.title.get(props.lang) }
                </button>
            </li>
        }
    });
    html! {
        <div class="samples-menu" {onkeydown} {onfocusout}>
            <button type="button" ref={button} aria-expanded={expanded.to_string()}
                aria-controls="samples-list" onclick={toggle}>
                { text.samples_button }
            </button>
            <ul id="samples-list" class="samples-list" hidden={!*expanded} aria-label={text.samples_button}>
                { for items }
            </ul>
        </div>
    }
}
