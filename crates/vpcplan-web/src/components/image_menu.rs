//! "Save image": the drawing as SVG (sharp at any size, editable in vector
//! tools) or PNG (for slide tools that take no SVG), from a small menu.

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::components::disclosure::use_disclosure;
use crate::diagram::{ImageFormat, save_image};
use crate::editor_handle::EditorHandle;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct ImageMenuProps {
    pub lang: Lang,
    pub editor: EditorHandle,
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
            save_image(format, bounds, handle.design());
        })
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
