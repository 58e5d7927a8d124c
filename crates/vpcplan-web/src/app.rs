//! The application shell: header, canvas area and side panel, over one state
//! reducer that every component dispatches to.

use std::rc::Rc;

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::components::{ChangesPanel, ComparisonMatrix, Header};
use crate::prefs;
use crate::strings::strings;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
}

pub enum Action {
    SetLang(Lang),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetLang(lang) if lang != self.lang => Rc::new(AppState { lang }),
            Action::SetLang(_) => self,
        }
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| AppState {
        lang: prefs::initial_lang(),
    });
    let lang = state.lang;

    use_effect_with(lang, |&lang| {
        prefs::save_lang(lang);
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let on_lang_change = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
    };
    let text = strings(lang);

    html! {
        <div class="shell">
            <Header {lang} {on_lang_change} />
            <main class="workspace">
                <section class="canvas" aria-label={text.canvas_label}>
                    <h2 id="matrix-heading">{ text.matrix_heading }</h2>
                    <p class="intro">{ text.matrix_intro }</p>
                    <ComparisonMatrix {lang} highlighted={None} />
                </section>
                <aside class="side-panel" aria-labelledby="changes-heading">
                    <ChangesPanel {lang} />
                </aside>
            </main>
        </div>
    }
}
