//! The header: product name, what it is, and the language switch.

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub on_lang_change: Callback<Lang>,
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
    html! {
        <header class="app-header">
            <div class="brand">
                <h1>{ "vpcplan" }</h1>
                <p class="tagline">{ text.tagline }</p>
            </div>
            <div class="lang-switch" role="group" aria-label={text.language_switch_label}>
                { for buttons }
            </div>
        </header>
    }
}
