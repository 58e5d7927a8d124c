//! The export dialog: every file of the design's export (CloudFormation in
//! YAML or JSON with DEPLOY.md, and the AWS CLI scripts) with a preview, copy,
//! per-file download and one zip of them all. A design with errors lists them
//! here and exports only after the user explicitly chooses to.
//!
//! A modal `<dialog>`: the rest of the page is inert while it is open, Tab
//! cycles inside it, Escape closes it, and focus returns to whatever opened it.

use std::rc::Rc;

use vpcplan_core::{Diagnostic, Lang, Severity, validate};
use vpcplan_export::{ExportError, ExportedFile, TemplateFormat};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::browser::{copy_to_clipboard, download};
use crate::export_bundle::{ARCHIVE_STEM, download_name, export_files, media_type, zip_archive};
use crate::shared_design::SharedDesign;
use crate::strings::{Strings, strings};

#[derive(Properties, PartialEq)]
pub struct ExportDialogProps {
    pub lang: Lang,
    pub design: SharedDesign,
    /// Called when the user closes the dialog (button or Escape).
    pub on_close: Callback<()>,
}

const FOCUSABLE: &str = "button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), [tabindex=\"0\"]";

#[function_component]
pub fn ExportDialog(props: &ExportDialogProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let dialog = use_node_ref();
    let format = use_state(|| TemplateFormat::Yaml);
    let export_anyway = use_state(|| false);
    let selected = use_state(|| 0_usize);
    let notice = use_state(|| None::<String>);

    let errors: Rc<Vec<Diagnostic>> = use_memo(props.design.clone(), |design| {
        validate(design)
            .into_iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect()
    });
    let allowed = errors.is_empty() || *export_anyway;
    let export: Rc<Result<Vec<ExportedFile>, ExportError>> = use_memo(
        (props.design.clone(), *format, allowed),
        |(design, format, allowed)| export_files(design, *format, *allowed),
    );

    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            let opener = gloo::utils::document()
                .active_element()
                .and_then(|element| element.dyn_into::<HtmlElement>().ok());
            let dialog = dialog.cast::<HtmlDialogElement>();
            if let Some(dialog) = &dialog {
                let _ = dialog.show_modal();
            }
            // The element itself, not the ref: yew may clear the ref before
            // this runs, and the opener can take focus only once the modal
            // dialog has closed.
            move || {
                if let Some(dialog) = dialog {
                    dialog.close();
                }
                if let Some(opener) = opener {
                    let _ = opener.focus();
                }
            }
        });
    }

    let close = props.on_close.reform(|_: MouseEvent| ());
    let oncancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: Event| {
            // The app decides when the dialog goes away; it unmounts it.
            event.prevent_default();
            on_close.emit(());
        })
    };
    let onkeydown = {
        let dialog = dialog.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Tab"
                && let Some(dialog) = dialog.cast::<Element>()
            {
                trap_focus(&dialog, &event);
            }
        })
    };

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

    let body = match &*export {
        Err(ExportError::DesignHasErrors(_)) => {
            html! { <p class="export-blocked">{ text.export_blocked }</p> }
        }
        Ok(files) => files_view(text, files, &format, &selected, &notice),
    };

    html! {
        <dialog ref={dialog} class="export-dialog" aria-labelledby="export-heading" {oncancel} {onkeydown}>
            <div class="dialog-header">
                <h2 id="export-heading">{ text.export_heading }</h2>
                <button type="button" class="close" onclick={close}>{ text.close }</button>
            </div>
            { error_section.unwrap_or_default() }
            { body }
        </dialog>
    }
}

fn files_view(
    text: &'static Strings,
    files: &[ExportedFile],
    format: &UseStateHandle<TemplateFormat>,
    selected: &UseStateHandle<usize>,
    notice: &UseStateHandle<Option<String>>,
) -> Html {
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

    let current = (**selected).min(files.len().saturating_sub(1));
    let list = files.iter().enumerate().map(|(index, file)| {
        let choose = {
            let selected = selected.clone();
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                selected.set(index);
                notice.set(None);
            })
        };
        let save = {
            let file = file.clone();
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                let name = download_name(&file.path);
                if let Err(error) = download(&name, media_type(&file.path), file.contents.as_bytes()) {
                    notice.set(Some(format!("{} {error:?}", text.download_failed)));
                }
            })
        };
        let is_current = index == current;
        html! {
            <li class={classes!(is_current.then_some("current"))}>
                <button type="button" class="file" aria-pressed={is_current.to_string()} onclick={choose}>
                    { &file.path }
                </button>
                <button type="button" class="download" aria-label={format!("{} {}", text.download, file.path)}
                    onclick={save}>
                    { text.download }
                </button>
            </li>
        }
    });

    let download_all = {
        let files = files.to_vec();
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| {
            let result = zip_archive(&files)
                .map_err(|error| error.to_string())
                .and_then(|bytes| {
                    download(&format!("{ARCHIVE_STEM}.zip"), "application/zip", &bytes)
                        .map_err(|error| format!("{error:?}"))
                });
            if let Err(error) = result {
                notice.set(Some(format!("{} {error}", text.download_failed)));
            }
        })
    };

    let preview = files.get(current).map(|file| {
        let copy = {
            let contents = file.contents.clone();
            let notice = notice.clone();
            Callback::from(move |_: MouseEvent| {
                let contents = contents.clone();
                let notice = notice.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let message = if copy_to_clipboard(&contents).await {
                        text.copied
                    } else {
                        text.copy_failed
                    };
                    notice.set(Some(message.to_owned()));
                });
            })
        };
        html! {
            <section class="preview" aria-labelledby="preview-heading">
                <div class="preview-header">
                    <h3 id="preview-heading">{ text.preview_label }{ ": " }<code>{ &file.path }</code></h3>
                    <button type="button" class="copy" onclick={copy}>{ text.copy }</button>
                </div>
                <pre tabindex="0" aria-labelledby="preview-heading"><code>{ &file.contents }</code></pre>
            </section>
        }
    });

    html! {
        <div class="export-body">
            <fieldset class="format">
                <legend>{ text.format_label }</legend>
                { for formats }
            </fieldset>
            <div class="export-columns">
                <section class="file-list" aria-labelledby="files-heading">
                    <h3 id="files-heading">{ text.files_label }{ format!(" ({})", files.len()) }</h3>
                    <ul>{ for list }</ul>
                    <button type="button" class="download-all" onclick={download_all}>{ text.download_all }</button>
                </section>
                { preview.unwrap_or_default() }
            </div>
            <p class="notice" role="status">{ notice.as_deref().unwrap_or_default() }</p>
        </div>
    }
}

/// Keeps Tab and Shift+Tab inside the dialog by wrapping at either end.
fn trap_focus(dialog: &Element, event: &KeyboardEvent) {
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let focusable: Vec<HtmlElement> = (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.dyn_into::<HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        return;
    };
    let active = gloo::utils::document().active_element();
    let at = |element: &HtmlElement| active.as_ref() == Some(element.unchecked_ref::<Element>());
    let wrap_to = if event.shift_key() && at(first) {
        Some(last)
    } else if !event.shift_key() && at(last) {
        Some(first)
    } else {
        None
    };
    if let Some(target) = wrap_to {
        event.prevent_default();
        let _ = target.focus();
    }
}
