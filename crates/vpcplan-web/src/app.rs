//! The application shell: header, canvas area and side panel. The design is
//! the editor's document: one `Editor` shared by every component through an
//! `EditorHandle` and re-rendered on a counter; the rest of the interface
//! state (language, dialogs, notices) is one reducer. Autosave runs in an
//! effect after each change of the document.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use vpcplan_core::{Design, Diagnostic, Lang, LinkKind, Subject, validate};
use vpcplan_editor::Editor;
use yew::prelude::*;

use crate::components::{
    Canvas, ChangesPanel, ComparisonMatrix, DesignBar, DesignOverview, ExportDialog, Header,
    HighlightPicker, Inspector, LinkChooser, Notices, Palette, ReachabilityView, SamplesMenu,
    ValidationPanel,
};
use crate::design_text;
use crate::editor_handle::EditorHandle;
use crate::idle::use_idle_ready;
use crate::persistence::{self, Notice};
use crate::prefs;
use crate::samples::sample;
use crate::shared_design::SharedDesign;
use crate::strings::strings;

/// How far "fit to design" may zoom in presentation mode, so a small design
/// reads from the back of a room.
const PRESENTATION_FIT_ZOOM: f64 = 2.0;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub presentation: bool,
    /// The sample the open design came from.
    pub sample: Option<&'static str>,
    /// Why the last sample could not be opened.
    pub open_error: Option<String>,
    pub export_open: bool,
    /// The comparison matrix column to emphasise.
    pub highlighted: Option<LinkKind>,
    /// The things of the diagnostic the user chose last.
    pub involved: Rc<Vec<Subject>>,
    /// What the planner has to tell about storage, files and links.
    pub notice: Option<Notice>,
    /// The share link made last, shown for copying.
    pub share_url: Option<String>,
}

impl AppState {
    fn initial() -> AppState {
        AppState {
            lang: prefs::initial_lang(),
            presentation: prefs::initial_presentation(),
            sample: None,
            open_error: None,
            export_open: false,
            highlighted: None,
            involved: Rc::default(),
            notice: None,
            share_url: None,
        }
    }
}

pub enum Action {
    SetLang(Lang),
    SetPresentation(bool),
    /// The editor now holds this sample, or it could not be opened.
    SampleOpened(&'static str, Result<(), String>),
    Notify(Option<Notice>),
    Shared(Option<String>),
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
            Action::SampleOpened(id, outcome) => match outcome {
                Ok(()) => {
                    next.involved = Rc::default();
                    next.export_open = false;
                    next.sample = Some(id);
                    next.open_error = None;
                }
                Err(error) => next.open_error = Some(error),
            },
            Action::Notify(notice) => next.notice = notice,
            Action::Shared(url) => next.share_url = url,
            Action::OpenExport => next.export_open = true,
            Action::CloseExport => next.export_open = false,
            Action::Highlight(kind) => next.highlighted = kind,
            Action::Reveal(subjects) => next.involved = Rc::new(subjects),
        }
        if next == *self { self } else { Rc::new(next) }
    }
}

/// The autosave waiting for the frame that shows its change to be painted.
#[derive(Default)]
struct Autosave {
    pending: RefCell<Option<(SharedDesign, Callback<()>)>>,
    timer: RefCell<Option<Timeout>>,
}

impl Autosave {
    /// Long enough for the change to be painted first; edits closer
    /// together than this are saved once.
    const DELAY_MS: u32 = 200;

    fn schedule(this: &Rc<Autosave>, design: SharedDesign, on_refused: Callback<()>) {
        *this.pending.borrow_mut() = Some((design, on_refused));
        let later = this.clone();
        // Replacing the timer cancels the one before.
        let timer = Timeout::new(Self::DELAY_MS, move || later.save_pending());
        drop(this.timer.borrow_mut().replace(timer));
    }

    /// Saves the pending design now, if there is one.
    fn flush(&self) {
        drop(self.timer.borrow_mut().take());
        self.save_pending();
    }

    fn save_pending(&self) {
        let pending = self.pending.borrow_mut().take();
        if let Some((design, on_refused)) = pending
            && !persistence::autosave(&design)
        {
            on_refused.emit(());
        }
    }
}

/// The render counter of the editor: bumped after every change to it.
#[derive(Default, PartialEq)]
struct Tick(u64);

impl Reducible for Tick {
    type Action = ();

    fn reduce(self: Rc<Self>, (): ()) -> Rc<Self> {
        Rc::new(Tick(self.0 + 1))
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::initial);
    let lang = state.lang;
    let startup = use_memo((), |()| {
        let startup = persistence::startup();
        (
            RefCell::new(Some(startup.design)),
            startup.notice,
            RefCell::new(startup.shared),
            startup.restored,
        )
    });
    let editor = {
        let startup = startup.clone();
        use_mut_ref(move || Editor::new(startup.0.borrow_mut().take().unwrap_or_default()))
    };
    {
        let state = state.clone();
        let notice = startup.1.clone();
        use_effect_with((), move |()| {
            if notice.is_some() {
                state.dispatch(Action::Notify(notice));
            }
        });
    }
    let tick = use_reducer(Tick::default);
    let idle_ready = use_idle_ready();
    use_effect_with(idle_ready, |ready| {
        if *ready {
            crate::offline::keep_available_offline();
        }
    });
    let refresh = {
        let tick = tick.clone();
        Callback::from(move |()| tick.dispatch(()))
    };
    let handle = EditorHandle::new(editor.clone(), refresh, tick.0);
    let (content_revision, settled_revision) = {
        let editor = handle.editor();
        (editor.content_revision(), editor.settled_revision())
    };
    // The panels see the design as of its last change of content, so moving
    // nodes re-renders only the canvas; and after a drag's first move has
    // copied the document away from this snapshot, the editor moves the
    // nodes in place instead of copying the design per move.
    let design = (*use_memo(content_revision, {
        let handle = handle.clone();
        move |_| handle.design()
    }))
    .clone();

    use_effect_with(lang, |&lang| {
        prefs::save_lang(lang);
        // Setting `lang`, even to the value it has, makes the browser
        // recompute the style of the whole page: on a large design that
        // would be the first thing after the first frame.
        if let Some(root) = gloo::utils::document().document_element()
            && root.get_attribute("lang").as_deref() != Some(lang.code())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    use_effect_with(state.presentation, |&on| prefs::save_presentation(on));
    // Saved after each undo step, not after each pointermove of a drag, and
    // not before the frame that shows the change: writing a large design
    // takes long enough to delay it. Hiding or leaving the page saves at once.
    let autosave = use_memo((), |()| Autosave::default());
    {
        let autosave = autosave.clone();
        let state = state.clone();
        let handle = handle.clone();
        // The design just restored from the autosave is there already, and
        // its text is the design file text the exporter needs.
        let restored = startup.3.clone();
        use_effect_with(settled_revision, move |&revision| {
            if let Some(text) = restored.filter(|_| revision == 0) {
                design_text::remember(&handle.design(), text);
                return;
            }
            let on_refused = Callback::from(move |()| {
                if state.notice.is_none() {
                    state.dispatch(Action::Notify(Some(Notice::Storage)));
                }
            });
            Autosave::schedule(&autosave, handle.design(), on_refused);
        });
    }
    {
        let autosave = autosave.clone();
        use_effect_with((), move |()| {
            let window = gloo::utils::window();
            let document = gloo::utils::document();
            let on_pagehide = {
                let autosave = autosave.clone();
                gloo::events::EventListener::new(&window, "pagehide", move |_| autosave.flush())
            };
            let on_hidden = {
                let hidden_document = document.clone();
                gloo::events::EventListener::new(&document, "visibilitychange", move |_| {
                    if hidden_document.hidden() {
                        autosave.flush();
                    }
                })
            };
            move || drop((on_pagehide, on_hidden))
        });
    }
    // Without nodes there is nothing to mark on the canvas and no validation
    // panel: an empty design (every cold start without an autosave) is not
    // validated, which also spares compiling the rules' code before the
    // first paint.
    let diagnostics: Rc<Vec<Diagnostic>> = use_memo(design.clone(), |design| {
        if has_nodes(design) {
            validate(design)
        } else {
            Vec::new()
        }
    });

    // Presentation mode shows the design large on the canvas it widens;
    // leaving it fits the design back into the narrower canvas.
    {
        let handle = handle.clone();
        let first_render = use_mut_ref(|| true);
        use_effect_with(state.presentation, move |&on| {
            let changed = !std::mem::replace(&mut *first_render.borrow_mut(), false);
            if on || changed {
                handle.update(|e| {
                    e.set_fit_zoom_limit(if on { PRESENTATION_FIT_ZOOM } else { 1.0 });
                    e.fit_to_design_as_resized();
                });
            }
        });
    }

    // Ctrl+Z and friends work anywhere outside text fields, not only on the canvas.
    {
        let handle = handle.clone();
        use_effect_with(tick.0, move |_| {
            let listener = gloo::events::EventListener::new(
                &gloo::utils::document(),
                "keydown",
                move |event| {
                    use wasm_bindgen::JsCast;
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let in_field = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(
                                el.tag_name().as_str(),
                                "INPUT" | "TEXTAREA" | "SELECT" | "svg"
                            )
                        });
                    if in_field || !(event.ctrl_key() || event.meta_key()) {
                        return;
                    }
                    let key = event.key().to_ascii_lowercase();
                    let done = match key.as_str() {
                        "z" if event.shift_key() => handle.update(|e| e.redo()),
                        "z" => handle.update(|e| e.undo()),
                        "y" => handle.update(|e| e.redo()),
                        _ => false,
                    };
                    if done {
                        event.prevent_default();
                    }
                },
            );
            move || drop(listener)
        });
    }

    // The browser benchmarks measure cold load up to this mark: the first
    // render, with the restored design, is in the document and its effects
    // (autosave, listeners) have run.
    use_effect_with((), |()| {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark("vpcplan:interactive");
        }
    });

    let on_lang_change = dispatcher(&state, Action::SetLang);
    let on_presentation_change = dispatcher(&state, Action::SetPresentation);
    let on_open_sample = {
        let state = state.clone();
        let handle = handle.clone();
        Callback::from(move |id: &'static str| {
            let outcome = match sample(id).map(|sample| sample.open()) {
                Some(Ok(design)) => {
                    handle.update(|e| {
                        e.load(design);
                        e.fit_to_design();
                    });
                    Ok(())
                }
                Some(Err(error)) => Err(format!("{id}: {error}")),
                None => Err(id.to_owned()),
            };
            state.dispatch(Action::SampleOpened(id, outcome));
        })
    };
    let load = {
        let handle = handle.clone();
        let state = state.clone();
        move |design: Design, notice: Option<Notice>| {
            handle.update(|e| {
                e.load(design);
                e.fit_to_design();
            });
            state.dispatch(Action::Notify(notice));
        }
    };
    {
        let load = load.clone();
        let state = state.clone();
        let handle = handle.clone();
        let shared = startup.2.borrow_mut().take();
        use_effect_with((), move |()| {
            if let Some(shared) = shared {
                wasm_bindgen_futures::spawn_local(async move {
                    let open_now = move || handle.editor().document().clone();
                    match persistence::open_shared(shared, open_now).await {
                        Ok((design, notice)) => load(design, Some(notice)),
                        Err(notice) => state.dispatch(Action::Notify(Some(notice))),
                    }
                });
            }
        });
    }
    let on_file = {
        let load = load.clone();
        let state = state.clone();
        Callback::from(move |(name, text): (String, String)| {
            match persistence::read_file(&name, &text) {
                Ok(design) => load(design, Some(Notice::FileOpened { file: name })),
                Err(notice) => state.dispatch(Action::Notify(Some(notice))),
            }
        })
    };
    let on_new = {
        let load = load.clone();
        let handle = handle.clone();
        Callback::from(move |()| {
            let empty = {
                let editor = handle.editor();
                let design = editor.document();
                design.vpcs.is_empty() && design.services.is_empty()
            };
            let sure = empty
                || gloo::utils::window()
                    .confirm_with_message(strings(lang).new_design_confirm)
                    .unwrap_or(false);
            if sure {
                load(Design::default(), None);
            }
        })
    };
    let on_save = {
        let handle = handle.clone();
        Callback::from(move |()| {
            let design = handle.design();
            let _ = crate::browser::download(
                &persistence::file_name(&design),
                "application/json",
                vpcplan_core::file::write_design(&design).as_bytes(),
            );
        })
    };
    let on_share = {
        let handle = handle.clone();
        let state = state.clone();
        Callback::from(move |()| {
            let design = handle.design();
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match persistence::share_url(&design).await {
                    Ok(url) => {
                        state.dispatch(Action::Shared(Some(url.clone())));
                        crate::browser::copy_to_clipboard(&url).await;
                    }
                    Err(notice) => state.dispatch(Action::Notify(Some(notice))),
                }
            });
        })
    };
    let on_restore_previous = {
        let load = load.clone();
        Callback::from(move |()| {
            if let Some(design) = persistence::previous_design() {
                load(design, None);
            }
        })
    };
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |()| {
            state.dispatch(Action::Notify(None));
            state.dispatch(Action::Shared(None));
        })
    };
    let on_highlight = dispatcher(&state, Action::Highlight);
    // The same callback every render, so that the validation panel's
    // thousands of unchanged diagnostics are not drawn again for a new one.
    let on_reveal = {
        let dispatch = state.dispatcher();
        let editor = editor.clone();
        let refresh = tick.dispatcher();
        use_callback((), move |subjects: Vec<Subject>, ()| {
            editor.borrow_mut().reveal(&subjects);
            refresh.dispatch(());
            dispatch.dispatch(Action::Reveal(subjects));
        })
    };
    let open_export = dispatcher(&state, |_: MouseEvent| Action::OpenExport);
    let close_export = dispatcher(&state, |()| Action::CloseExport);
    let text = strings(lang);

    let open_error = state.open_error.as_ref().map(|error| {
        html! { <p class="open-error" role="alert">{ text.sample_unreadable }{ " " }{ error }</p> }
    });
    let has_nodes = has_nodes(&design);
    // Both are below the editor, out of view at start: the overview builds
    // its rows after the first paint, and the reachability view (two lists
    // of every node) comes then too.
    let design_view = has_nodes.then(|| {
        let reachability =
            idle_ready.then(|| html! { <ReachabilityView {lang} design={design.clone()} /> });
        html! {
            <>
                <DesignOverview {lang} design={design.clone()} involved={state.involved.clone()} />
                { reachability.unwrap_or_default() }
            </>
        }
    });
    // Without a chosen column, the matrix highlights the selected link's kind.
    let selected_kind = match handle.editor().selection().single() {
        Some(vpcplan_editor::Item::Link(link)) => {
            design.links.iter().find(|l| l.id == link).map(|l| l.kind())
        }
        _ => None,
    };
    // An empty design has nothing to check yet.
    let validation = has_nodes.then(|| {
        html! { <ValidationPanel {lang} diagnostics={diagnostics.clone()} on_select={on_reveal} /> }
    });
    // The matrix is below the editor, out of view at start.
    let matrix = idle_ready.then(|| {
        html! {
            <>
                <HighlightPicker {lang} selected={state.highlighted} on_change={on_highlight} />
                <ComparisonMatrix {lang} highlighted={state.highlighted.or(selected_kind)} />
            </>
        }
    });
    let export_dialog = state
        .export_open
        .then(|| html! {
            <ExportDialog {lang} design={design.clone()} diagnostics={Some(diagnostics.clone())} on_close={close_export} />
        });

    html! {
        <div class={classes!("shell", state.presentation.then_some("presentation"))}>
            <Header {lang} {on_lang_change} presentation={state.presentation} {on_presentation_change}>
                <SamplesMenu {lang} current={state.sample} on_open={on_open_sample} />
                <button type="button" class="export-button" disabled={!has_nodes} onclick={open_export}>
                    { text.export_button }
                </button>
            </Header>
            <main class="workspace">
                <section class="canvas" aria-label={text.canvas_label}>
                    // The editor fills the window; the panels below it scroll into view.
                    <div class="editor-pane">
                        { open_error.unwrap_or_default() }
                        <Notices {lang} notice={state.notice.clone()} share_url={state.share_url.clone()}
                            on_restore_previous={on_restore_previous} on_dismiss={on_dismiss} />
                        <DesignBar {lang} editor={handle.clone()} {on_new} on_open={on_file.clone()} {on_save} {on_share} />
                        <div class="editor-area">
                            <Palette {lang} editor={handle.clone()} />
                            <Canvas {lang} editor={handle.clone()} diagnostics={diagnostics.clone()} on_file_drop={on_file} />
                        </div>
                        <LinkChooser {lang} editor={handle.clone()} />
                    </div>
                    { design_view.unwrap_or_default() }
                    <section class="matrix-section" aria-labelledby="matrix-heading">
                        <h2 id="matrix-heading">{ text.matrix_heading }</h2>
                        <p class="intro">{ text.matrix_intro }</p>
                        { matrix.unwrap_or_default() }
                    </section>
                </section>
                <aside class="side-panel" aria-label={text.side_panel_label}>
                    <Inspector {lang} editor={handle.clone()} />
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

fn has_nodes(design: &Design) -> bool {
    !design.vpcs.is_empty() || !design.services.is_empty()
}

/// A callback that turns what a component reports into an action.
fn dispatcher<T: 'static>(
    state: &UseReducerHandle<AppState>,
    action: fn(T) -> Action,
) -> Callback<T> {
    let state = state.clone();
    Callback::from(move |value| state.dispatch(action(value)))
}
