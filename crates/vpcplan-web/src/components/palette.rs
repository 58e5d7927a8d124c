//! The palette: what can be placed on the canvas — a VPC, an AWS service
//! from the core's catalogue (searchable) or an endpoint service. Click an
//! entry, then the canvas, to place it; or drag the entry onto the canvas.
//! From the keyboard, Enter on an entry places it in view at once.

use vpcplan_core::Lang;
use vpcplan_core::catalogue::AWS_SERVICES;
use vpcplan_editor::{PaletteItem, Tool};
use yew::prelude::*;

use crate::components::canvas::{PALETTE_MIME, palette_data};
use crate::editor_handle::EditorHandle;
use crate::idle::use_idle_ready;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct PaletteProps {
    pub lang: Lang,
    pub editor: EditorHandle,
}

#[function_component]
pub fn Palette(props: &PaletteProps) -> Html {
    let text = strings(props.lang);
    let query = use_state(String::new);
    let placing = match props.editor.editor().tool() {
        Tool::Place(item) => Some(item.clone()),
        _ => None,
    };

    let entry = |item: PaletteItem, label: String, detail: Option<&'static str>| {
        let pressed = placing.as_ref() == Some(&item);
        let onclick = {
            let handle = props.editor.clone();
            let item = item.clone();
            Callback::from(move |event: MouseEvent| {
                // Activated from the keyboard (no pointer): place it now, in
                // view, beside what the last keyboard placement added.
                if event.detail() == 0 {
                    handle.update(|e| {
                        let count = e.document().vpcs.len() + e.document().services.len();
                        let center = e.viewport().center();
                        // Side by side in rows of three, a node's width apart.
                        let zoom = e.viewport().zoom;
                        let x = center.x + (-300.0 + 280.0 * (count % 3) as f64) * zoom;
                        let y = center.y + (-160.0 + 160.0 * (count / 3 % 3) as f64) * zoom;
                        let _ = e.drop_item(&item, x, y);
                    });
                    return;
                }
                let tool = if pressed {
                    Tool::Select
                } else {
                    Tool::Place(item.clone())
                };
                handle.update(|e| e.set_tool(tool));
            })
        };
        let data = palette_data(&item);
        let ondragstart = Callback::from(move |event: DragEvent| {
            if let Some(transfer) = event.data_transfer() {
                let _ = transfer.set_data(PALETTE_MIME, &data);
                transfer.set_effect_allowed("copy");
            }
        });
        html! {
            <li>
                <button type="button" class="palette-item" draggable="true" aria-pressed={pressed.to_string()}
                    data-palette={palette_data(&item)} {onclick} {ondragstart}>
                    <span class="palette-label">{ label }</span>
                    if let Some(detail) = detail {
                        <span class="palette-detail">{ detail }</span>
                    }
                </button>
            </li>
        }
    };

    // The list is in a closed group at start: it is built once the browser
    // is idle after the first paint.
    let idle_ready = use_idle_ready();
    let catalogue = if idle_ready { AWS_SERVICES } else { &[] };
    let needle = query.trim().to_lowercase();
    let services = catalogue
        .iter()
        .filter(|service| {
            needle.is_empty()
                || service.suffix.contains(&needle)
                || service.display_name.to_lowercase().contains(&needle)
        })
        .map(|service| {
            entry(
                PaletteItem::AwsService(service.suffix.to_owned()),
                service.display_name.to_owned(),
                Some(service.suffix),
            )
        })
        .collect::<Vec<_>>();
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            query.set(input.value());
        })
    };
    let hint = if placing.is_some() {
        text.palette_placing
    } else {
        text.palette_hint
    };

    html! {
        <section class="palette" aria-labelledby="palette-heading">
            <h2 id="palette-heading">{ text.palette_heading }</h2>
            <p class="palette-hint" role="status">{ hint }</p>
            <ul class="palette-basics">
                { entry(PaletteItem::Vpc, text.palette_vpc.to_owned(), None) }
                { entry(PaletteItem::EndpointService, text.palette_endpoint_service.to_owned(), None) }
            </ul>
            <details class="palette-aws">
                <summary>{ text.palette_services }</summary>
                <label class="palette-search">
                    { text.palette_search }
                    <input type="search" value={(*query).clone()} {oninput} />
                </label>
                <ul class="palette-services" aria-label={text.palette_services}>
                    { for services }
                </ul>
            </details>
        </section>
    }
}
