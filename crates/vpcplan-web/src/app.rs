//! The application shell: header, canvas area and side panel, over one state
//! reducer that every component dispatches to.

use std::rc::Rc;

use vpcplan_core::{Lang, LinkKind, Subject};
use yew::prelude::*;

use crate::components::{
    ChangesPanel, ComparisonMatrix, DesignOverview, ExportDialog, Header, HighlightPicker,
    ReachabilityView, SamplesMenu, ValidationPanel,
};
use crate::prefs;
use crate::samples::sample;
use crate::shared_design::SharedDesign;
use crate::strings::strings;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub presentation: bool,
    pub design: Option<SharedDesign>,
    /// The sample the open design came from.
    pub sample: Option<&'static str>,
    /// Why the last sample could not be opened.
    pub open_error: Option<String>,
    pub export_open: bool,
    /// The comparison matrix column to emphasise.
    pub highlighted: Option<LinkKind>,
    /// The things of the diagnostic the user chose last.
    pub involved: Rc<Vec<Subject>>,
}

impl AppState {
    fn initial() -> AppState {
        AppState {
            lang: prefs::initial_lang(),
            presentation: prefs::initial_presentation(),
            design: None,
            sample: None,
            open_error: None,
            export_open: false,
            highlighted: None,
            involved: Rc::default(),
        }
    }
}

pub enum Action {
    SetLang(Lang),
    SetPresentation(bool),
    OpenSample(&'static str),
    OpenExport,
    CloseExport,
    Highlight(Option<LinkKind>),
    Reveal(Vec<Subject>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => next.lang = lang,
            Action::SetPresentation(on) => next.presentation = on,
            Action::OpenSample(id) => {
                next.involved = Rc::default();
                next.export_open = false;
                match sample(id).map(|sample| sample.open()) {
                    Some(Ok(design)) => {
                        next.design = Some(SharedDesign::new(design));
                        next.sample = Some(id);
                        next.open_error = None;
                    }
                    Some(Err(error)) => next.open_error = Some(format!("{id}: {error}")),
                    None => next.open_error = Some(id.to_owned()),
                }
            }
            Action::OpenExport => next.export_open = next.design.is_some(),
            Action::CloseExport => next.export_open = false,
            Action::Highlight(kind) => next.highlighted = kind,
            Action::Reveal(subjects) => next.involved = Rc::new(subjects),
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::initial);
    let lang = state.lang;

    use_effect_with(lang, |&lang| {
        prefs::save_lang(lang);
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    use_effect_with(state.presentation, |&on| prefs::save_presentation(on));

    let on_lang_change = dispatcher(&state, Action::SetLang);
    let on_presentation_change = dispatcher(&state, Action::SetPresentation);
    let on_open_sample = dispatcher(&state, Action::OpenSample);
    let on_highlight = dispatcher(&state, Action::Highlight);
    let on_reveal = dispatcher(&state, Action::Reveal);
    let open_export = dispatcher(&state, |_: MouseEvent| Action::OpenExport);
    let close_export = dispatcher(&state, |()| Action::CloseExport);
    let text = strings(lang);

    let open_error = state.open_error.as_ref().map(|error| {
        html! { <p class="open-error" role="alert">{ text.sample_unreadable }{ " " }{ error }</p> }
    });
    let design_view = match &state.design {
        Some(design) => html! {
            <>
                <DesignOverview {lang} design={design.clone()} involved={state.involved.clone()} />
                <ReachabilityView {lang} design={design.clone()} />
            </>
        },
        None => html! {
            <section class="no-design" aria-labelledby="no-design-heading">
                <h2 id="no-design-heading">{ text.no_design_heading }</h2>
                <p>{ text.no_design_hint }</p>
            </section>
        },
    };
    let validation = state.design.as_ref().map(|design| {
        html! { <ValidationPanel {lang} design={design.clone()} on_select={on_reveal} /> }
    });
    let export_dialog = state.design.as_ref().filter(|_| state.export_open).map(
        |design| html! { <ExportDialog {lang} design={design.clone()} on_close={close_export} /> },
    );

    html! {
        <div class={classes!("shell", state.presentation.then_some("presentation"))}>
            <Header {lang} {on_lang_change} presentation={state.presentation} {on_presentation_change}>
                <SamplesMenu {lang} current={state.sample} on_open={on_open_sample} />
                <button type="button" class="export-button" disabled={state.design.is_none()} onclick={open_export}>
                    { text.export_button }
                </button>
            </Header>
            <main class="workspace">
                <section class="canvas" aria-label={text.canvas_label}>
                    { open_error.unwrap_or_default() }
                    { design_view }
                    <section class="matrix-section" aria-labelledby="matrix-heading">
                        <h2 id="matrix-heading">{ text.matrix_heading }</h2>
                        <p class="intro">{ text.matrix_intro }</p>
                        <HighlightPicker {lang} selected={state.highlighted} on_change={on_highlight} />
                        <ComparisonMatrix {lang} highlighted={state.highlighted} />
                    </section>
                </section>
                <aside class="side-panel" aria-label={text.side_panel_label}>
                    { validation.unwrap_or_default() }
                    <ChangesPanel {lang} />
                </aside>
            </main>
            // Optional parts render as one (possibly empty) node each, so the
            // nodes around them keep their DOM elements, and focus, when they
            // come and go.
            { export_dialog.unwrap_or_default() }
        </div>
    }
}

/// A callback that turns what a component reports into an action.
fn dispatcher<T: 'static>(
    state: &UseReducerHandle<AppState>,
    action: fn(T) -> Action,
) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |value| state.dispatch(action(value)))
}
