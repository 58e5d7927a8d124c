//! A disclosure menu's behaviour: the button opens and closes the list,
//! Escape closes it and returns focus to the button, and leaving the menu
//! (Tab or a click elsewhere) closes it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

pub struct Disclosure {
    pub expanded: UseStateHandle<bool>,
    /// The menu's button, which gets focus back on Escape.
    pub button: NodeRef,
    /// For the button.
    pub toggle: Callback<MouseEvent>,
    /// For the element around the button and the list.
    pub onkeydown: Callback<KeyboardEvent>,
    /// For the element around the button and the list.
    pub onfocusout: Callback<FocusEvent>,
}

impl Disclosure {
    /// A callback for a menu item: closes the menu, then runs `choose`.
    pub fn item<T: Clone + 'static>(&self, choose: Callback<T>, value: T) -> Callback<MouseEvent> {
        let expanded = self.expanded.clone();
        Callback::from(move |_: MouseEvent| {
            expanded.set(false);
            choose.emit(value.clone());
        })
    }
}

#[hook]
pub fn use_disclosure() -> Disclosure {
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
    let onfocusout = {
        let expanded = expanded.clone();
        Callback::from(move |event: FocusEvent| {
            let inside = match (event.current_target(), event.related_target()) {
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
    Disclosure {
        expanded,
        button,
        toggle,
        onkeydown,
        onfocusout,
    }
}
