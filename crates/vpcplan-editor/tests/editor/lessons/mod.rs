//! Every lesson in `lessons/` played as a class plays it, through editor
//! commands: each step starts from its starting design (entered, or reset,
//! with `Command::ReplaceDesign`), its goal is unmet there, "show solution"
//! (`ReplaceDesign` with the solution) meets it as one undo step, and undo
//! brings back the unmet start. The checklist of every step, at its start
//! and after its solution, in English and Japanese, is a snapshot in
//! `snapshots/` (refresh with `UPDATE_EXPECT=1`, and review the diff).
//! `student` shows that the goals also accept the designs a student makes
//! with ordinary commands (service nodes with generated ids).

mod student;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use vpcplan_core::lesson::{GoalStatus, Lesson, read_lesson};
use vpcplan_core::{Design, Lang};
use vpcplan_editor::Editor;
use vpcplan_editor::command::Command;

pub fn lessons_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons")
}

/// Every lesson file, by file name, read.
pub fn shipped_lessons() -> Vec<(String, Lesson)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(lessons_dir())
        .expect("the lessons/ folder")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let lesson = read_lesson(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
            (name, lesson)
        })
        .collect()
}

fn render(out: &mut String, heading: &str, status: &GoalStatus) {
    let _ = writeln!(
        out,
        "  {heading}: {}",
        if status.met() { "met" } else { "unmet" }
    );
    for check in &status.checks {
        let mark = if check.met { "[x]" } else { "[ ]" };
        for lang in Lang::ALL {
            let _ = writeln!(out, "    {mark} {}: {}", lang.code(), check.text.get(lang));
        }
    }
}

fn replace(editor: &mut Editor, design: &Design) {
    editor
        .apply(Command::ReplaceDesign {
            design: Box::new(design.clone()),
        })
        .unwrap_or_else(|error| panic!("ReplaceDesign was refused: {error}"));
}

/// Plays the lesson; returns the checklists as text.
fn play(name: &str, lesson: &Lesson) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", lesson.id, lesson.title.en);
    let mut editor = Editor::default();
    for (index, step) in lesson.steps.iter().enumerate() {
        let start = lesson
            .start_of(index)
            .unwrap_or_else(|| panic!("{name}: step {index} has no start"));
        // Entering a step with its own design, or continuing from the
        // previous one's: either way the document is the step's start.
        if step.start.is_some() {
            replace(&mut editor, start);
        }
        assert_eq!(**editor.document(), *start, "{name} step {index}: start");
        let _ = writeln!(out, "step {}: {}", index + 1, step.title.en);
        let at_start = step.status(editor.document());
        render(&mut out, "at start", &at_start);
        assert!(!at_start.met(), "{name} step {index}: met at its start");

        replace(&mut editor, &step.solution);
        let solved = step.status(editor.document());
        render(&mut out, "after the solution", &solved);
        assert!(
            solved.met(),
            "{name} step {index}: the solution does not meet the goal"
        );

        // "Show solution" is one undo step.
        assert!(editor.undo(), "{name} step {index}: nothing to undo");
        assert_eq!(**editor.document(), *start, "{name} step {index}: undo");
        assert!(!step.status(editor.document()).met());
        assert!(editor.redo());
        assert_eq!(
            **editor.document(),
            step.solution,
            "{name} step {index}: redo"
        );

        // "Reset step" is one undo step too, back to the solution.
        replace(&mut editor, start);
        assert_eq!(**editor.document(), *start);
        assert!(editor.undo());
        assert_eq!(**editor.document(), step.solution);
    }
    out
}

#[test]
fn every_shipped_lesson_plays_through_with_its_solutions() {
    let lessons = shipped_lessons();
    for (name, lesson) in &lessons {
        let played = play(name, lesson);
        expect_test::expect_file![format!("snapshots/{name}.txt")].assert_eq(&played);
    }
    assert!(lessons.len() >= 7, "{} lessons", lessons.len());
}

#[test]
fn lesson_ids_are_unique() {
    let lessons = shipped_lessons();
    let mut ids: Vec<&str> = lessons
        .iter()
        .map(|(_, lesson)| lesson.id.as_str())
        .collect();
    ids.sort();
    let count = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), count, "two lessons share an id");
}
