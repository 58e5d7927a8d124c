//! The "Samples" menu: a disclosure button listing the sample designs.
//! Choosing one reports its id; Escape closes the list and returns focus.

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::components::disclosure::use_disclosure;
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
    let menu = use_disclosure();
    let items = SAMPLES
        .iter()
        .map(|sample| {
            let id = sample.id;
            let onclick = menu.item(props.on_open.clone(), id);
            let current = (props.current == Some(id)).then_some("true");
            html! {
                <li>
                    <button type="button" data-sample={id} aria-current={current} {onclick}>
                        { sample.title.get(props.lang) }
                    </button>
                </li>
            }
        })
        .collect::<Html>();
    html! {
        <div class="samples-menu" onkeydown={menu.onkeydown} onfocusout={menu.onfocusout}>
            <button type="button" ref={menu.button} aria-expanded={menu.expanded.to_string()}
                aria-controls="samples-list" onclick={menu.toggle}>
                { text.samples_button }
            </button>
            <ul id="samples-list" class="samples-list menu-list" hidden={!*menu.expanded} aria-label={text.samples_button}>
                { items }
            </ul>
        </div>
    }
}
