//! Guided lessons: a title and steps in English and Japanese, each step an
//! instruction, a starting design, a goal the core checks on the current
//! design, hints, an explanation shown on success with its references, and
//! a solution.
//!
//! A lesson is data (`model`), read from a lesson file (`file`: the JSON
//! envelope `{"format": "vpcplan-lesson", "version": 1, "lesson": {…}}`, its
//! starting designs and solutions embedded design files, read with the
//! design file's own machinery and located errors; `docs/lesson-format.md`).
//! Goals are declarative checks evaluated on the current design by the
//! engines every other panel uses (`goals`: `validate` for rules,
//! `reachability` for what reaches what), each with a sentence in both
//! languages for a live checklist.
//!
//! What a face calls: `read_lesson`, `Lesson::start_of` and `Step::solution`
//! (the designs the editor puts in place, as one undo step each:
//! `vpcplan_editor::Command::ReplaceDesign`), and `Step::status` (or
//! `evaluate`) after every change of the design.

mod file;
mod goals;
mod model;
#[cfg(test)]
mod tests;

pub use file::{FORMAT, VERSION, lesson_schema, read_lesson};
pub use goals::{GoalCheck, GoalStatus, evaluate};
pub use model::{Goal, ItemRef, Lesson, Reference, Step};
