//! The header: product name, what it is, the design toolbar (given as
//! children), the presentation-mode toggle and the language switch.

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub on_lang_change: Callback<Lang>,
    pub presentation: bool,
    pub on_presentation_change: Callback<bool>,
    /// Controls that act on the design, such as the samples menu.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let text = strings(props.lang);
    let buttons = Lang::ALL.into_iter().map(|lang| {
        let pressed = lang == props.lang;
        let onclick = props.on_lang_change.reform(move |_: MouseEvent| lang);
        html! {
            <button type="button" lang={lang.code()} aria-pressed={pressed.to_string()} {onclick}>
                { lang.native_name() }
            </button>
        }
    });
    let presentation = props.presentation;
    let toggle_presentation = props
        .on_presentation_change
        .reform(move |_: MouseEvent| !presentation);
    html! {
        <header class="app-header">
            <div class="brand">
                <h1>{ "vpcplan" }</h1>
                <p class="tagline">{ text.tagline }</p>
            </div>
            <div class="toolbar" role="toolbar" aria-label={text.toolbar_label}>
                { props.children.clone() }
                <button type="button" class="presentation-toggle" aria-pressed={presentation.to_string()}
                    onclick={toggle_presentation}>
                    { text.presentation_button }
                </button>
                <div class="lang-switch" role="group" aria-label={text.language_switch_label}>
                    { for buttons }
                </div>
            </div>
        </header>
    }
}
