//! The chooser after a link gesture: peering, interface endpoint and gateway
//! endpoint for the pair, each enabled or disabled with the advisor's reasons,
//! the recommended one marked. With the keyboard the canvas keeps focus and
//! the editor moves the highlight (arrows, 1/2/3, Enter, Escape); the mouse
//! clicks an option here.

use vpcplan_core::Lang;
use vpcplan_editor::accessible_name;
use vpcplan_editor::{Item, LinkChoice};
use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct LinkChooserProps {
    pub lang: Lang,
    pub editor: EditorHandle,
}

#[function_component]
pub fn LinkChooser(props: &LinkChooserProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let editor = props.editor.editor();
    let Some(choice): Option<&LinkChoice> = editor.link_choice() else {
        return html! {};
    };
    let design = editor.document();
    let name = |node: &vpcplan_editor::NodeId| {
        accessible_name(design, &Item::Node(node.clone()), lang)
            .unwrap_or_else(|| node.as_str().to_owned())
    };
    let heading = format!(
        "{} {} → {}",
        text.link_chooser_heading,
        name(&choice.from),
        name(&choice.to)
    );
    let options = choice.options.iter().enumerate().map(|(index, option)| {
        let kind = option.kind;
        let onclick = {
            let handle = props.editor.clone();
            Callback::from(move |_: MouseEvent| {
                handle.update(|e| {
                    // Back to selecting once the link is made, as after placing.
                    if e.choose_link(kind).is_ok() {
                        e.set_tool(vpcplan_editor::Tool::Select);
                    }
                });
            })
        };
        let reasons = option
            .blockers
            .iter()
            .map(|reason| html! { <li class="blocker">{ reason.message.get(lang) }</li> });
        let notes = option
            .notes
            .iter()
            .map(|reason| html! { <li class="note">{ reason.message.get(lang) }</li> });
        let highlighted = index == choice.highlighted;
        let reason_id = format!("link-option-reasons-{index}");
        html! {
            <li class={classes!("link-option", (!option.allowed).then_some("disabled"), option.recommended.then_some("recommended"), highlighted.then_some("highlighted"))}
                data-kind={kind.slug()}>
                <button type="button" disabled={!option.allowed} aria-describedby={reason_id.clone()} {onclick}>
                    <span class="key">{ index + 1 }</span>
                    { kind.name().get(lang).to_owned() }
                    if option.recommended {
                        <span class="recommended-badge">{ text.link_recommended }</span>
                    }
                </button>
                <ul id={reason_id} class="reasons">{ for reasons }{ for notes }</ul>
            </li>
        }
    });
    let cancel = {
        let handle = props.editor.clone();
        Callback::from(move |_: MouseEvent| handle.update(|e| e.cancel_link_choice()))
    };
    let recommendation = choice.recommendation.get(lang).to_owned();
    html! {
        <section class="link-chooser" role="dialog" aria-labelledby="link-chooser-heading">
            <h2 id="link-chooser-heading">{ heading }</h2>
            <p class="recommendation">{ recommendation }</p>
            <ol class="link-options">{ for options }</ol>
            <p class="link-chooser-help">{ text.link_chooser_help }</p>
            <button type="button" class="cancel" onclick={cancel}>{ text.cancel }</button>
        </section>
    }
}
