//! "Save image": the drawing as SVG (sharp at any size, editable in vector
//! tools) or PNG (for slide tools that take no SVG), from a small menu; or
//! the design as a draw.io diagram, which the exporter's worker writes (the
//! writer stays out of the app's first load).

use std::cell::RefCell;
use std::rc::Rc;

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::components::disclosure::use_disclosure;
use crate::design_text::design_text;
use crate::diagram::{ImageFormat, save_image};
use crate::editor_handle::EditorHandle;
use crate::export_client::{ExportConnection, ExportEvent, ExportRunner};
use crate::export_worker::{ExportJob, ExportOutcome, JobKind, Requests};
use crate::persistence::file_stem;
use crate::strings::strings;

/// The media type draw.io registers for its files.
const DRAWIO_TYPE: &str = "application/vnd.jgraph.mxfile";

#[derive(Properties, PartialEq)]
pub struct ImageMenuProps {
    pub lang: Lang,
    pub editor: EditorHandle,
    /// Where the draw.io diagram is written (the worker in the app).
    #[prop_or_default]
    pub runner: ExportRunner,
}

/// The menu's line to the exporter: made at the first draw.io download and
/// kept, with the requests that tell its latest answer.
#[derive(Default)]
struct DrawioLine {
    connection: Option<ExportConnection>,
    requests: Requests,
    /// The name to save the latest request's answer under.
    file_name: String,
}

#[function_component]
pub fn ImageMenu(props: &ImageMenuProps) -> Html {
    let text = strings(props.lang);
    let menu = use_disclosure();
    let nothing_drawn = props.editor.editor().layout().nodes.is_empty();
    let save = {
        let handle = props.editor.clone();
        Callback::from(move |format: ImageFormat| {
            let Some(bounds) = handle.editor().layout().bounds() else {
                return;
            };
            save_image(format, bounds, handle.design(), handle.clone());
        })
    };
    let line = use_mut_ref(DrawioLine::default);
    let save_drawio = {
        let (handle, line, runner, lang) =
            (props.editor.clone(), line.clone(), props.runner, props.lang);
        Callback::from(move |()| save_drawio(&handle, &line, runner, lang))
    };
    let formats = [
        (ImageFormat::Svg, "svg", text.image_svg),
        (ImageFormat::Png, "png", text.image_png),
    ]
    .into_iter()
    .map(|(format, key, label)| {
        html! {
            <li><button type="button" data-format={key} onclick={menu.item(save.clone(), format)}>{ label }</button></li>
        }
    })
    .chain(std::iter::once(html! {
        <li><button type="button" data-format="drawio" onclick={menu.item(save_drawio, ())}>{ text.image_drawio }</button></li>
    }))
    .collect::<Html>();
    html! {
        <div class="image-menu" onkeydown={menu.onkeydown} onfocusout={menu.onfocusout}>
            <button type="button" class="save-image" ref={menu.button} title={text.save_image_hint}
                aria-expanded={menu.expanded.to_string()} aria-controls="image-formats"
                disabled={nothing_drawn} onclick={menu.toggle}>
                { text.save_image }
            </button>
            <ul id="image-formats" class="menu-list" hidden={!*menu.expanded} aria-label={text.save_image}>
                { formats }
            </ul>
        </div>
    }
}

/// Asks the exporter for the design as a draw.io diagram and saves the
/// answer (only the latest request's) as `<design>.drawio`.
fn save_drawio(
    handle: &EditorHandle,
    line: &Rc<RefCell<DrawioLine>>,
    runner: ExportRunner,
    lang: Lang,
) {
    let design = handle.design();
    let mut state = line.borrow_mut();
    if state.connection.is_none() {
        let weak = Rc::downgrade(line);
        state.connection = Some(runner.connect(Callback::from(move |event: ExportEvent| {
            let Some(line) = weak.upgrade() else {
                return;
            };
            let line = line.borrow();
            match event {
                ExportEvent::Reply(reply) => {
                    if line.requests.answered(&reply) != Some(JobKind::Drawio) {
                        return;
                    }
                    match reply.outcome {
                        ExportOutcome::Drawio(text) => {
                            let _ = crate::browser::download(
                                &line.file_name,
                                DRAWIO_TYPE,
                                text.as_bytes(),
                            );
                        }
                        other => {
                            gloo::console::error!(format!(
                                "vpcplan could not write the draw.io file: {other:?}"
                            ))
                        }
                    }
                }
                ExportEvent::WorkerFailed(failure) => {
                    gloo::console::error!(format!("vpcplan's exporter did not start: {failure:?}"))
                }
            }
        })));
    }
    let request = state.requests.ask(ExportJob::Drawio {
        design: design_text(&design).to_string(),
        lang,
    });
    state.file_name = format!("{}.drawio", file_stem(&design));
    if let Some(connection) = &state.connection {
        connection.send(request);
    }
}
