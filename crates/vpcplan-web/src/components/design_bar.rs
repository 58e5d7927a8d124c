//! The bar above the canvas: undo and redo, the file actions (New, Open,
//! Save, Share link, Save image), the tools (select, pan, link) and the zoom
//! controls.

use vpcplan_core::Lang;
use vpcplan_editor::Tool;
use yew::prelude::*;

use crate::components::image_menu::ImageMenu;
use crate::editor_handle::EditorHandle;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct DesignBarProps {
    pub lang: Lang,
    pub editor: EditorHandle,
    pub on_new: Callback<()>,
    /// A design file chosen by the user: its name and text.
    pub on_open: Callback<(String, String)>,
    pub on_save: Callback<()>,
    pub on_share: Callback<()>,
}

#[function_component]
pub fn DesignBar(props: &DesignBarProps) -> Html {
    let text = strings(props.lang);
    let handle = &props.editor;
    let (can_undo, can_redo, tool, zoom) = {
        let editor = handle.editor();
        (
            editor.can_undo(),
            editor.can_redo(),
            editor.tool().clone(),
            editor.viewport().zoom,
        )
    };
    let act = |change: fn(&mut vpcplan_editor::Editor)| {
        let handle = handle.clone();
        Callback::from(move |_: MouseEvent| handle.update(change))
    };
    let tool_button = |label: &'static str, class: &'static str, target: Tool| {
        let pressed = tool == target;
        let handle = handle.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let target = target.clone();
            handle.update(|e| e.set_tool(target));
        });
        html! {
            <button type="button" class={classes!("tool", class)} aria-pressed={pressed.to_string()} {onclick}>{ label }</button>
        }
    };
    let on_file = {
        let on_open = props.on_open.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            crate::browser::read_text_file(file, on_open.clone());
        })
    };
    let on_new = props.on_new.reform(|_: MouseEvent| ());
    let on_save = props.on_save.reform(|_: MouseEvent| ());
    let on_share = props.on_share.reform(|_: MouseEvent| ());
    html! {
        <div class="design-bar" role="toolbar" aria-label={text.design_bar_label}>
            <div class="group">
                <button type="button" class="undo" disabled={!can_undo} onclick={act(|e| { e.undo(); })}
                    aria-keyshortcuts="Control+Z">{ text.undo }</button>
                <button type="button" class="redo" disabled={!can_redo} onclick={act(|e| { e.redo(); })}
                    aria-keyshortcuts="Control+Shift+Z Control+Y">{ text.redo }</button>
            </div>
            <div class="group">
                <button type="button" class="new-design" onclick={on_new}>{ text.new_design }</button>
                <label class="open-file button">
                    { text.open_file }
                    <input type="file" accept=".json,application/json" class="visually-hidden" onchange={on_file} />
                </label>
                <button type="button" class="save-file" onclick={on_save}>{ text.save_file }</button>
                <button type="button" class="share-link" onclick={on_share}>{ text.share_link }</button>
                <ImageMenu lang={props.lang} editor={handle.clone()} />
            </div>
            <div class="group">
                { tool_button(text.tool_select, "select", Tool::Select) }
                { tool_button(text.tool_hand, "hand", Tool::Hand) }
                { tool_button(text.tool_link, "link", Tool::Link) }
            </div>
            <div class="group">
                <button type="button" class="zoom-out" aria-label={text.zoom_out} onclick={act(|e| e.zoom_out())}>{ "−" }</button>
                <span class="zoom-level">{ format!("{:.0}%", zoom * 100.0) }</span>
                <button type="button" class="zoom-in" aria-label={text.zoom_in} onclick={act(|e| e.zoom_in())}>{ "+" }</button>
                <button type="button" class="fit" onclick={act(|e| e.fit_to_design())}>{ text.fit_to_design }</button>
            </div>
        </div>
    }
}
