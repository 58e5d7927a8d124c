//! The "Samples" menu: a disclosure button listing the sample designs and
//! the lessons that ship with vpcplan. Choosing one reports its id; Escape
//! closes the list and returns focus.

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::components::disclosure::use_disclosure;
use crate::lessons::SHIPPED;
use crate::samples::SAMPLES;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct SamplesMenuProps {
    pub lang: Lang,
    /// The id of the sample open now, marked in the list.
    #[prop_or_default]
    pub current: Option<&'static str>,
    pub on_open: Callback<&'static str>,
    /// The id of the lesson open now, marked in the list.
    #[prop_or_default]
    pub current_lesson: Option<String>,
    /// A shipped lesson chosen, by id.
    pub on_open_lesson: Callback<&'static str>,
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
    let lessons = SHIPPED
        .iter()
        .map(|lesson| {
            let id = lesson.id;
            let onclick = menu.item(props.on_open_lesson.clone(), id);
            let current = (props.current_lesson.as_deref() == Some(id)).then_some("true");
            html! {
                <li>
                    <button type="button" data-lesson={id} aria-current={current} {onclick}>
                        { lesson.title.get(props.lang) }
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
            <div id="samples-list" class="samples-list menu-list" hidden={!*menu.expanded}>
                <h2 class="menu-heading" id="samples-designs-heading">{ text.sample_designs_heading }</h2>
                <ul aria-labelledby="samples-designs-heading">{ items }</ul>
                <h2 class="menu-heading" id="samples-lessons-heading">{ text.lessons_heading }</h2>
                <ul class="lessons-list" aria-labelledby="samples-lessons-heading">{ lessons }</ul>
            </div>
        </div>
    }
}
