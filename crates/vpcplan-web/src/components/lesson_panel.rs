//! The lesson panel: the open lesson's step, its instruction, the goal as a
//! checklist checked by the core on every change of the design (each line
//! able to show its items on the canvas), hints one at a time, "show
//! solution" and "reset step" (each one undo step, through
//! `Command::ReplaceDesign`), the explanation with its sources once the goal
//! is met, and the way to the next and previous steps.

use std::rc::Rc;

use vpcplan_core::design::Design;
use vpcplan_core::lesson::GoalStatus;
use vpcplan_core::{Lang, Subject};
use vpcplan_editor::Command;
use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::lessons::{LessonSource, OpenLesson};
use crate::shared_design::SharedDesign;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    pub lang: Lang,
    pub open: OpenLesson,
    /// The design as of its last change of content.
    pub design: SharedDesign,
    pub editor: EditorHandle,
    /// Go to this step.
    pub on_step: Callback<usize>,
    pub on_close: Callback<()>,
    /// Select and show these items on the canvas.
    pub on_reveal: Callback<Vec<Subject>>,
    /// A link to the lesson was asked for (shipped lessons only).
    pub on_share: Callback<&'static str>,
}

#[function_component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let lesson = &props.open.lesson;
    let index = props.open.step;
    let step = &lesson.steps[index];
    let status: Rc<GoalStatus> = use_memo(
        (props.design.clone(), props.open.clone()),
        |(design, open)| open.lesson.steps[open.step].status(design),
    );
    let met = status.met();
    // A new step shows from its top, and its title takes focus, so that a
    // screen reader reads the new step (not on the panel's first render:
    // the canvas keeps focus when a lesson opens).
    let panel = use_node_ref();
    let heading = use_node_ref();
    {
        let (panel, heading) = (panel.clone(), heading.clone());
        let first_render = use_mut_ref(|| true);
        use_effect_with((index, Rc::as_ptr(lesson)), move |_| {
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            if let Some(panel) = panel.cast::<web_sys::Element>() {
                panel.set_scroll_top(0);
            }
            if let Some(heading) = heading.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }
    // How many hints are shown, and on which step: every step starts with
    // its hints hidden.
    let hints = use_state(|| (props.open.clone(), 0_usize));
    let hints_shown = if hints.0 == props.open { hints.1 } else { 0 };

    let checks = status.checks.iter().enumerate().map(|(n, check)| {
        let (mark, word, class) = if check.met {
            ("✓", text.lesson_goal_met, "met")
        } else {
            ("○", text.lesson_goal_unmet, "unmet")
        };
        let show = (!check.subjects.is_empty()).then(|| {
            let subjects = check.subjects.clone();
            let onclick = props.on_reveal.reform(move |_: MouseEvent| subjects.clone());
            let label = format!("{}: {}", text.lesson_show_item, check.text.get(lang));
            html! {
                <button type="button" class="lesson-show-item" aria-label={label} {onclick}>{ text.lesson_show_item }</button>
            }
        });
        html! {
            <li class={classes!("lesson-check", class)} data-check={n.to_string()} data-met={check.met.to_string()}>
                <span class="lesson-mark" aria-hidden="true">{ mark }</span>
                <span class="visually-hidden">{ word }{ " " }</span>
                <span class="lesson-check-text">{ check.text.get(lang) }</span>
                { show.unwrap_or_default() }
            </li>
        }
    });
    let every_subject: Vec<Subject> = status
        .checks
        .iter()
        .flat_map(|check| check.subjects.iter().cloned())
        .collect();
    let zoom = (!every_subject.is_empty()).then(|| {
        let handle = props.editor.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            handle.update(|e| e.zoom_to(&every_subject));
        });
        html! { <button type="button" class="lesson-zoom" {onclick}>{ text.lesson_zoom }</button> }
    });

    let hint_items = step.hints.iter().take(hints_shown).map(|hint| {
        html! { <li>{ hint.get(lang) }</li> }
    });
    let more_hints = hints_shown < step.hints.len();
    let show_hint = {
        let open = props.open.clone();
        Callback::from(move |_: MouseEvent| hints.set((open.clone(), hints_shown + 1)))
    };
    let hint_button = more_hints.then(|| {
        let label = if hints_shown == 0 {
            text.lesson_show_hint
        } else {
            text.lesson_next_hint
        };
        html! { <button type="button" class="lesson-hint" onclick={show_hint}>{ label }</button> }
    });
    let hint_section = (!step.hints.is_empty()).then(|| {
        html! {
            <section class="lesson-hints" aria-label={text.lesson_hints_heading}>
                if hints_shown > 0 {
                    <ol class="lesson-hint-list">{ for hint_items }</ol>
                }
                { hint_button.unwrap_or_default() }
            </section>
        }
    });

    let replace_with = |design: Option<&Design>| {
        let handle = props.editor.clone();
        let design = design.cloned();
        Callback::from(move |_: MouseEvent| {
            if let Some(design) = design.clone() {
                // A design read from a lesson file is a design the editor
                // takes; a refusal would leave the design as it is.
                let _ = handle.update(|e| {
                    e.apply(Command::ReplaceDesign {
                        design: Box::new(design),
                    })
                });
            }
        })
    };
    let show_solution = replace_with(Some(&step.solution));
    let reset_step = replace_with(lesson.start_of(index));

    let success = met.then(|| {
        let references = step.references.iter().map(|reference| {
            let title = reference.title.get(lang).to_owned();
            match &reference.url {
                Some(url) => html! {
                    <li><a href={url.clone()} target="_blank" rel="noopener noreferrer">{ title }</a></li>
                },
                None => html! { <li>{ title }</li> },
            }
        });
        let finished = (index + 1 == lesson.steps.len())
            .then(|| html! { <p class="lesson-finished">{ text.lesson_finished }</p> });
        html! {
            <section class="lesson-success" aria-labelledby="lesson-success-heading">
                <h3 id="lesson-success-heading">{ text.lesson_step_done }</h3>
                <p class="lesson-explanation">{ step.explanation.get(lang) }</p>
                if !step.references.is_empty() {
                    <h4>{ text.lesson_references }</h4>
                    <ul class="lesson-references">{ for references }</ul>
                }
                { finished.unwrap_or_default() }
            </section>
        }
    });

    let previous = index
        .checked_sub(1)
        .map(|previous| props.on_step.reform(move |_: MouseEvent| previous));
    let next = (index + 1 < lesson.steps.len())
        .then(|| props.on_step.reform(move |_: MouseEvent| index + 1));
    let close = props.on_close.reform(|_: MouseEvent| ());
    let share = match &props.open.source {
        LessonSource::Shipped(id) => {
            let id = *id;
            let onclick = props.on_share.reform(move |_: MouseEvent| id);
            html! { <button type="button" class="lesson-share" {onclick}>{ text.lesson_share }</button> }
        }
        LessonSource::File(_) => html! {},
    };

    html! {
        <section ref={panel} class={classes!("lesson-panel", met.then_some("done"))} aria-labelledby="lesson-heading"
            data-lesson={lesson.id.clone()} data-step={index.to_string()}>
            <div class="lesson-top">
                <p class="lesson-title">{ lesson.title.get(lang) }</p>
                <button type="button" class="lesson-close" onclick={close}>{ text.lesson_close }</button>
            </div>
            <p class="lesson-counter">{ (text.lesson_step_of)(index + 1, lesson.steps.len()) }</p>
            <h2 id="lesson-heading" ref={heading} tabindex="-1">{ step.title.get(lang) }</h2>
            <p class="lesson-instruction">{ step.instruction.get(lang) }</p>
            <section class="lesson-goal" aria-labelledby="lesson-goal-heading">
                <h3 id="lesson-goal-heading">{ text.lesson_goal_heading }</h3>
                <ul class="lesson-checklist">{ for checks }</ul>
                { zoom.unwrap_or_default() }
            </section>
            // Announced when it appears: the step is done.
            <div role="status" class="lesson-status">{ success.unwrap_or_default() }</div>
            { hint_section.unwrap_or_default() }
            <div class="lesson-actions">
                <button type="button" class="lesson-solution" onclick={show_solution}>{ text.lesson_show_solution }</button>
                <button type="button" class="lesson-reset" onclick={reset_step}>{ text.lesson_reset_step }</button>
            </div>
            <nav class="lesson-nav" aria-label={text.lesson_panel_label}>
                <button type="button" class="lesson-previous" disabled={previous.is_none()} onclick={previous}>{ text.lesson_previous }</button>
                <button type="button" class="lesson-next" disabled={next.is_none()} onclick={next}>{ text.lesson_next }</button>
                { share }
            </nav>
        </section>
    }
}
