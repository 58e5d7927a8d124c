//! The export dialog: every file of the design's export (CloudFormation in
//! YAML or JSON with DEPLOY.md, and the AWS CLI scripts) with a preview, copy,
//! per-file download and one zip of them all. A design with errors lists them
//! here and exports only after the user explicitly chooses to.
//!
//! The files and the zip are made by the exporter's Web Worker
//! (`export_client`), so the page stays responsive and the exporters are not
//! part of the first load; the dialog says it is preparing the export until
//! the answer to its latest request arrives, and says so if the worker fails
//! or does not load in time. The worker keeps the files: the dialog lists
//! their paths, and asks for a file's contents when it previews or
//! downloads it (the preview arrives in a task after the list's), and for
//! the zip of them all.
//!
//! A modal `<dialog>`: the rest of the page is out of reach while it is open,
//! Tab cycles inside it, Escape closes it, and focus returns to whatever
//! opened it. It is not opened with `showModal()`: making the page inert
//! restyles every element of it, 0.2–2 s on the 500-node design each time
//! the dialog opens or closes. It is shown as a manual popover instead (the
//! top layer, with its `::backdrop`), `aria-modal`, above a transparent
//! layer of its own that takes every pointer event meant for the page; the
//! dialog keeps focus and handles Tab and Escape itself.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use vpcplan_core::{Diagnostic, Lang, Severity, validate};
use vpcplan_export::{ExportedFile, TemplateFormat};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::browser::{copy_to_clipboard, download};
use crate::design_text::design_text;
use crate::export_bundle::{ARCHIVE_STEM, download_name, media_type};
use crate::export_client::{
    ExportConnection, ExportEvent, ExportRunner, WorkerFailure, restart_failed_worker,
};
use crate::export_worker::{ExportJob, ExportOutcome, JobKind, RequestTag, Requests};
use crate::shared_design::SharedDesign;
use crate::strings::{Strings, strings};

#[derive(Properties, PartialEq)]
pub struct ExportDialogProps {
    pub lang: Lang,
    pub design: SharedDesign,
    /// Called when the user closes the dialog (button or Escape).
    pub on_close: Callback<()>,
    /// Where the export runs: the exporter's worker unless a test says otherwise.
    #[prop_or_default]
    pub runner: ExportRunner,
    /// The design's diagnostics when the caller has them (the app validates
    /// every design it shows): validating the 500-node design again would
    /// hold up the dialog's first frame. Computed here when absent.
    #[prop_or_default]
    pub diagnostics: Option<Rc<Vec<Diagnostic>>>,
}

/// The dialog's tab stops, in order. Of a radio group only the checked
/// radio is one (the format group is the last stop while the export is
/// being prepared).
const FOCUSABLE: &str = "button:not([disabled]), a[href], input:not([disabled]):not([type=radio]), input[type=radio]:checked:not([disabled]), select:not([disabled]), [tabindex=\"0\"]";

/// What an export is of: the design at a revision, the format, and whether
/// errors are allowed.
type ExportOf = (SharedDesign, TemplateFormat, bool);

/// What the dialog shows for the export it asked for last.
#[derive(Debug, Clone, PartialEq)]
enum Prepared {
    Waiting,
    /// The paths of the files of the worker's export `RequestTag`.
    Files(ExportOf, RequestTag, Rc<Vec<String>>),
    Blocked,
    Failed(String),
}

/// The file in the preview: the one at `index` of the export `export`.
#[derive(Debug, Clone, PartialEq)]
struct Preview {
    export: RequestTag,
    index: usize,
    file: Rc<ExportedFile>,
}

/// The dialog's requests (the files, the preview, downloads and the zip of
/// "download all"), what the latest files are of, and which export the
/// latest preview is of.
#[derive(Default)]
struct Asked {
    requests: Requests,
    files_of: Option<ExportOf>,
    preview_of: Option<RequestTag>,
}

#[function_component]
pub fn ExportDialog(props: &ExportDialogProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let dialog = use_node_ref();
    let blocker = use_node_ref();
    let format = use_state(|| TemplateFormat::Yaml);
    let export_anyway = use_state(|| false);
    let selected = use_state(|| 0_usize);
    let notice = use_state(|| None::<String>);
    let prepared = use_state(|| Prepared::Waiting);
    let preview = use_state(|| None::<Preview>);
    // Bumped by "try again": a new connection, to a new worker.
    let attempt = use_state(|| 0_u32);
    let asked = use_mut_ref(Asked::default);

    let errors: Rc<Vec<Diagnostic>> = use_memo(
        (props.design.clone(), props.diagnostics.clone()),
        |(design, diagnostics)| {
            let errors = |all: &[Diagnostic]| -> Vec<Diagnostic> {
                all.iter()
                    .filter(|diagnostic| diagnostic.severity == Severity::Error)
                    .cloned()
                    .collect()
            };
            match diagnostics {
                Some(diagnostics) => errors(diagnostics),
                None => errors(&validate(design)),
            }
        },
    );
    let blocked = !errors.is_empty() && !*export_anyway;

    let connection: Rc<ExportConnection> = {
        let shown = Shown {
            prepared: prepared.clone(),
            preview: preview.clone(),
            notice: notice.clone(),
        };
        let asked = asked.clone();
        use_memo((props.runner, *attempt), move |(runner, _)| {
            runner.connect(Callback::from(move |event| {
                on_export_event(event, &asked, &shown, text)
            }))
        })
    };

    {
        let prepared = prepared.clone();
        let asked = asked.clone();
        let connection = connection.clone();
        use_effect_with(
            (
                (props.design.clone(), *format, *export_anyway),
                blocked,
                *attempt,
            ),
            move |(export_of, blocked, _)| {
                let mut wanted = asked.borrow_mut();
                if *blocked {
                    wanted.requests.forget(JobKind::Files);
                    wanted.files_of = None;
                } else {
                    wanted.files_of = Some(export_of.clone());
                    prepared.set(Prepared::Waiting);
                    // The design file text of a large design takes a while
                    // to write when the autosave has not written it already:
                    // in a task of its own, after the dialog's first frame,
                    // unless a newer export is wanted by then.
                    let asked = asked.clone();
                    let export_of = export_of.clone();
                    Timeout::new(0, move || {
                        let mut asked = asked.borrow_mut();
                        if asked.files_of.as_ref() != Some(&export_of) {
                            return;
                        }
                        let (design, format, allow_errors) = &export_of;
                        let request = asked.requests.ask(ExportJob::Files {
                            design: design_text(design).to_string(),
                            format: *format,
                            allow_errors: *allow_errors,
                        });
                        connection.send(request);
                    })
                    .forget();
                }
            },
        );
    }

    // The file to preview, asked for once the list is shown (in the answer's
    // task), so that its contents arrive and render in a later task.
    let wanted_preview = match &*prepared {
        Prepared::Files(_, export, paths) if !paths.is_empty() => {
            Some((*export, (*selected).min(paths.len() - 1)))
        }
        _ => None,
    };
    {
        let asked = asked.clone();
        let connection = connection.clone();
        let preview = preview.clone();
        use_effect_with(wanted_preview, move |wanted| {
            let mut asked = asked.borrow_mut();
            match wanted {
                Some((export, index))
                    if !preview
                        .as_ref()
                        .is_some_and(|shown| shown.export == *export && shown.index == *index) =>
                {
                    let request = asked.requests.ask(ExportJob::Preview {
                        export: *export,
                        index: *index,
                    });
                    asked.preview_of = Some(*export);
                    connection.send(request);
                }
                Some(_) => {}
                None => asked.requests.forget(JobKind::Preview),
            }
        });
    }

    {
        let dialog = dialog.clone();
        let blocker = blocker.clone();
        use_effect_with((), move |_| {
            let opener = gloo::utils::document()
                .active_element()
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            let dialog = dialog.cast::<HtmlDialogElement>();
            let blocker = blocker.cast::<HtmlElement>();
            // The blocker first: the top layer stacks in the order shown.
            if let Some(blocker) = &blocker {
                let _ = blocker.show_popover();
            }
            if let Some(dialog) = &dialog {
                dialog.show();
                let _ = dialog.show_popover();
            }
            // The elements themselves, not the refs: yew may clear the refs
            // before this runs, and the opener takes focus once the dialog
            // has closed.
            move || {
                if let Some(dialog) = dialog {
                    let _ = dialog.hide_popover();
                    dialog.close();
                }
                if let Some(blocker) = blocker {
                    let _ = blocker.hide_popover();
                }
                if let Some(opener) = opener {
                    let _ = opener.focus();
                }
            }
        });
    }

    // The busy state, the files and the error replace one another; focus on
    // a part that went away would fall out of the dialog, so it comes back
    // to the dialog's first control.
    {
        let dialog = dialog.clone();
        use_effect_with((*prepared).clone(), move |_| {
            if let Some(dialog) = dialog.cast::<Element>() {
                let active = gloo::utils::document().active_element();
                if !active.is_some_and(|active| dialog.contains(Some(&active)))
                    && let Some(first) = focusable_in(&dialog).first()
                {
                    let _ = first.focus();
                }
            }
        });
    }

    let close = props.on_close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let dialog = dialog.clone();
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Tab" => {
                if let Some(dialog) = dialog.cast::<Element>() {
                    trap_focus(&dialog, &event);
                }
            }
            // The app decides when the dialog goes away; it unmounts it.
            "Escape" => {
                event.prevent_default();
                on_close.emit(());
            }
            _ => {}
        })
    };
    // A press on the page around the dialog lands on the blocker: it does
    // nothing there, and focus stays in the dialog.
    let onmousedown_blocker = Callback::from(|event: MouseEvent| event.prevent_default());

    let error_section = (!errors.is_empty()).then(|| {
        let onchange = {
            let export_anyway = export_anyway.clone();
            Callback::from(move |event: Event| {
                let checked = event
                    .target_dyn_into::<HtmlInputElement>()
                    .is_some_and(|input| input.checked());
                export_anyway.set(checked);
            })
        };
        let items = errors.iter().map(|error| {
            html! {
                <li data-rule={error.rule}>
                    <span class="rule-id">{ error.rule }</span>{ " " }{ error.message.get(lang) }
                </li>
            }
        });
        html! {
            <section class="export-errors" aria-labelledby="export-errors-heading">
                <h3 id="export-errors-heading">{ text.export_errors_heading }</h3>
                <p>{ text.export_errors_intro }</p>
                <ul>{ for items }</ul>
                <label class="export-anyway">
                    <input type="checkbox" checked={*export_anyway} {onchange} />
                    { " " }{ text.export_anyway }
                </label>
            </section>
        }
    });

    let export_of: ExportOf = (props.design.clone(), *format, *export_anyway);
    let body = match &*prepared {
        _ if blocked => html! { <p class="export-blocked">{ text.export_blocked }</p> },
        // Files of an earlier design or format are never shown: in the
        // render after a change, before the effect asks again, they are stale.
        Prepared::Files(of, _, _) if *of != export_of => preparing(text, &format),
        Prepared::Waiting => preparing(text, &format),
        Prepared::Blocked => html! { <p class="export-blocked">{ text.export_blocked }</p> },
        Prepared::Failed(reason) => {
            let retry = {
                let attempt = attempt.clone();
                let prepared = prepared.clone();
                Callback::from(move |_: MouseEvent| {
                    restart_failed_worker();
                    prepared.set(Prepared::Waiting);
                    attempt.set(*attempt + 1);
                })
            };
            html! {
                <div class="export-body">
                    { format_choice(text, &format) }
                    <div class="export-failed" role="alert">
                        <p>{ text.export_worker_failed }{ " " }<code>{ reason }</code></p>
                        <p>{ text.export_design_unchanged }</p>
                        <button type="button" class="retry" onclick={retry}>{ text.export_retry }</button>
                    </div>
                </div>
            }
        }
        Prepared::Files(_, export, paths) => {
            let export = *export;
            let ask = {
                let asked = asked.clone();
                let connection = connection.clone();
                let notice = notice.clone();
                Callback::from(move |job: ExportJob| {
                    notice.set(None);
                    let request = asked.borrow_mut().requests.ask(job);
                    connection.send(request);
                })
            };
            let shown = preview
                .as_ref()
                .filter(|shown| shown.export == export)
                .cloned();
            files_view(FilesView {
                text,
                export,
                paths,
                preview: shown,
                format: &format,
                selected: &selected,
                notice: &notice,
                ask,
            })
        }
    };

    html! {
        <>
        <div ref={blocker} class="dialog-blocker" popover="manual" aria-hidden="true"
            onmousedown={onmousedown_blocker} />
        // tabindex -1: a press on the dialog's own background keeps focus in it.
        <dialog ref={dialog} class="export-dialog" popover="manual" aria-modal="true" tabindex="-1"
            aria-labelledby="export-heading" {onkeydown}>
            <div class="dialog-header">
                <h2 id="export-heading">{ text.export_heading }</h2>
                <button type="button" class="close" onclick={close}>{ text.close }</button>
            </div>
            { error_section.unwrap_or_default() }
            { body }
        </dialog>
        </>
    }
}

/// What the dialog shows that the worker's answers change.
struct Shown {
    prepared: UseStateHandle<Prepared>,
    preview: UseStateHandle<Option<Preview>>,
    notice: UseStateHandle<Option<String>>,
}

/// What the worker said, if it still matters: the paths of the latest
/// export's files, the file to preview or to save, the zip to save, or that
/// the worker failed.
fn on_export_event(
    event: ExportEvent,
    asked: &Rc<RefCell<Asked>>,
    shown: &Shown,
    text: &'static Strings,
) {
    let Shown {
        prepared,
        preview,
        notice,
    } = shown;
    match event {
        ExportEvent::WorkerFailed(WorkerFailure::Error(reason)) => {
            prepared.set(Prepared::Failed(reason))
        }
        ExportEvent::WorkerFailed(WorkerFailure::TimedOut) => {
            prepared.set(Prepared::Failed(text.export_worker_timed_out.to_owned()))
        }
        ExportEvent::Reply(reply) => {
            let asked = asked.borrow();
            let save = |path: &str, media_type: &str, bytes: &[u8]| {
                if let Err(error) = download(path, media_type, bytes) {
                    notice.set(Some(format!("{} {error:?}", text.download_failed)));
                }
            };
            match (asked.requests.answered(&reply), reply.outcome) {
                (Some(JobKind::Files), ExportOutcome::Files(paths)) => {
                    if let Some(of) = asked.files_of.clone() {
                        prepared.set(Prepared::Files(of, reply.tag, Rc::new(paths)));
                    }
                }
                (Some(JobKind::Files), ExportOutcome::Blocked { .. }) => {
                    prepared.set(Prepared::Blocked)
                }
                (Some(JobKind::Files), ExportOutcome::Failed(reason)) => {
                    prepared.set(Prepared::Failed(reason))
                }
                (Some(JobKind::Preview), ExportOutcome::File { index, file }) => {
                    if let Some(export) = asked.preview_of {
                        preview.set(Some(Preview {
                            export,
                            index,
                            file: Rc::new(file),
                        }));
                    }
                }
                (Some(JobKind::Download), ExportOutcome::File { file, .. }) => save(
                    &download_name(&file.path),
                    media_type(&file.path),
                    file.contents.as_bytes(),
                ),
                (Some(JobKind::Zip), ExportOutcome::Zip(bytes)) => {
                    save(&format!("{ARCHIVE_STEM}.zip"), "application/zip", &bytes)
                }
                (Some(JobKind::Preview), ExportOutcome::Failed(reason)) => {
                    notice.set(Some(format!("{} {reason}", text.export_worker_failed)));
                }
                (Some(JobKind::Download | JobKind::Zip), ExportOutcome::Failed(reason)) => {
                    notice.set(Some(format!("{} {reason}", text.download_failed)));
                }
                // Superseded answers, and outcomes a job of that kind never has.
                _ => {}
            }
        }
    }
}

/// The busy state while the worker prepares the export.
fn preparing(text: &'static Strings, format: &UseStateHandle<TemplateFormat>) -> Html {
    html! {
        <div class="export-body" aria-busy="true">
            { format_choice(text, format) }
            <p class="export-preparing" role="status">{ text.export_preparing }</p>
        </div>
    }
}

fn format_choice(text: &'static Strings, format: &UseStateHandle<TemplateFormat>) -> Html {
    let formats = [
        (TemplateFormat::Yaml, text.format_yaml),
        (TemplateFormat::Json, text.format_json),
    ]
    .map(|(option, label)| {
        let onchange = {
            let format = format.clone();
            Callback::from(move |_: Event| format.set(option))
        };
        html! {
            <label>
                <input type="radio" name="template-format" value={option.extension()}
                    checked={**format == option} {onchange} />
                { " " }{ label }
            </label>
        }
    });
    html! {
        <fieldset class="format">
            <legend>{ text.format_label }</legend>
            { for formats }
        </fieldset>
    }
}

/// What the list of files and the preview are made of.
struct FilesView<'a> {
    text: &'static Strings,
    /// The worker's export the paths are of.
    export: RequestTag,
    paths: &'a [String],
    /// The file in the preview, when it is of this export.
    preview: Option<Preview>,
    format: &'a UseStateHandle<TemplateFormat>,
    selected: &'a UseStateHandle<usize>,
    notice: &'a UseStateHandle<Option<String>>,
    /// Asks the worker for a job (a download, the zip).
    ask: Callback<ExportJob>,
}

fn files_view(view: FilesView) -> Html {
    let FilesView {
        text,
        export,
        paths,
        preview,
        format,
        selected,
        notice,
        ask,
    } = view;
    let current = (**selected).min(paths.len().saturating_sub(1));
    let list = paths.iter().enumerate().map(|(index, path)| {
        let choose = {
            let selected = selected.clone();
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                selected.set(index);
                notice.set(None);
            })
        };
        let save = ask.reform(move |_: MouseEvent| ExportJob::Download { export, index });
        let is_current = index == current;
        html! {
            <li class={classes!(is_current.then_some("current"))}>
                <button type="button" class="file" aria-pressed={is_current.to_string()} onclick={choose}>
                    { path }
                </button>
                <button type="button" class="download" aria-label={format!("{} {}", text.download, path)}
                    onclick={save}>
                    { text.download }
                </button>
            </li>
        }
    });

    // Until the worker sends the selected file, the preview is its heading
    // and an empty, busy block.
    let previewed = preview.filter(|preview| preview.index == current);
    let preview = paths.get(current).map(|path| {
        let copy = previewed.clone().map(|previewed| {
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                let previewed = previewed.clone();
                let notice = notice.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let message = if copy_to_clipboard(&previewed.file.contents).await {
                        text.copied
                    } else {
                        text.copy_failed
                    };
                    notice.set(Some(message.to_owned()));
                });
            })
        });
        let loading = previewed.is_none();
        let contents = previewed
            .map(|previewed| html! { { previewed.file.contents.as_str() } })
            .unwrap_or_default();
        html! {
            <section class="preview" aria-labelledby="preview-heading">
                <div class="preview-header">
                    <h3 id="preview-heading">{ text.preview_label }{ ": " }<code>{ path }</code></h3>
                    <button type="button" class="copy" disabled={loading} onclick={copy}>{ text.copy }</button>
                </div>
                <pre tabindex="0" aria-labelledby="preview-heading" aria-busy={loading.to_string()}><code>{ contents }</code></pre>
            </section>
        }
    });
    let download_all = ask.reform(move |_: MouseEvent| ExportJob::Zip { export });

    html! {
        <div class="export-body" aria-busy="false">
            { format_choice(text, format) }
            <div class="export-columns">
                <section class="file-list" aria-labelledby="files-heading">
                    <h3 id="files-heading">{ text.files_label }{ format!(" ({})", paths.len()) }</h3>
                    <ul>{ for list }</ul>
                    <button type="button" class="download-all" onclick={download_all}>{ text.download_all }</button>
                </section>
                { preview.unwrap_or_default() }
            </div>
            <p class="notice" role="status">{ notice.as_deref().unwrap_or_default() }</p>
        </div>
    }
}

/// The dialog's controls in Tab order.
fn focusable_in(dialog: &Element) -> Vec<HtmlElement> {
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Moves focus to the next (Shift: previous) control of the dialog itself,
/// wrapping at either end, so Tab never leaves it, even while its content
/// changes under the key press (the busy state giving way to the files).
fn trap_focus(dialog: &Element, event: &KeyboardEvent) {
    let focusable: Vec<HtmlElement> = focusable_in(dialog)
        .into_iter()
        .filter(|element| element.get_client_rects().length() > 0)
        .collect();
    if focusable.is_empty() {
        return;
    }
    event.prevent_default();
    let active = gloo::utils::document().active_element();
    let at = focusable
        .iter()
        .position(|element| active.as_ref() == Some(element.unchecked_ref::<Element>()));
    let count = focusable.len();
    let next = match (at, event.shift_key()) {
        (Some(at), false) => (at + 1) % count,
        (Some(at), true) => (at + count - 1) % count,
        (None, false) => 0,
        (None, true) => count - 1,
    };
    let _ = focusable[next].focus();
}
