//! What the planner has to tell about storage, files and share links: a
//! stored design kept aside, a shared design opened as a copy, a file that
//! could not be read, and the share link made last.

use vpcplan_core::Lang;
use yew::prelude::*;

use crate::persistence::{KEPT_ASIDE_KEY, Notice};
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub lang: Lang,
    pub notice: Option<Notice>,
    pub share_url: Option<String>,
    pub on_restore_previous: Callback<()>,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let restore = props.on_restore_previous.reform(|_: MouseEvent| ());
    let notice = props.notice.as_ref().map(|notice| {
        let (class, message, extra) = match notice {
            Notice::KeptAside { problem, newer } => (
                "warning",
                format!(
                    "{} {} ({KEPT_ASIDE_KEY})",
                    if *newer { text.stored_newer } else { text.stored_unreadable },
                    problem.get(lang)
                ),
                html! {},
            ),
            Notice::SharedOpened { previous_kept } => (
                "info",
                text.shared_opened.to_owned(),
                if *previous_kept {
                    html! { <button type="button" class="restore-previous" onclick={restore.clone()}>{ text.restore_previous }</button> }
                } else {
                    html! {}
                },
            ),
            Notice::SharedUnreadable { problem } => (
                "error",
                format!("{} {}", text.shared_unreadable, problem.get(lang)),
                html! {},
            ),
            Notice::FileUnreadable { file, problem } => (
                "error",
                format!("{} {file}: {}", text.file_unreadable, problem.get(lang)),
                html! {},
            ),
            Notice::FileOpened { file } => ("info", format!("{} {file}", text.file_opened), html! {}),
            Notice::ShareFailed { problem } => (
                "error",
                format!("{} {problem}", text.share_failed),
                html! {},
            ),
            Notice::Storage => ("warning", text.storage_failed.to_owned(), html! {}),
        };
        let role = if class == "info" { "status" } else { "alert" };
        html! {
            <div class={classes!("notice", class)} role={role}>
                <p>{ message }</p>
                { extra }
                <button type="button" class="dismiss" onclick={dismiss.clone()}>{ text.dismiss }</button>
            </div>
        }
    });
    let share = props.share_url.as_ref().map(|url| {
        html! {
            <div class="notice info share-notice" role="status">
                <label>
                    { text.share_ready }
                    <input type="text" readonly=true class="share-url" value={url.clone()} />
                </label>
                <button type="button" class="dismiss" onclick={dismiss.clone()}>{ text.dismiss }</button>
            </div>
        }
    });
    html! { <>{ for notice }{ for share }</> }
}
