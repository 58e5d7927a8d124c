//! Tests of lessons, one file per concern: goal evaluation (`goals`), the
//! lesson file and its located errors (`file`), and the committed schema
//! (`schema`). The shipped lessons are played in vpcplan-editor's tests
//! (`tests/editor/lessons`) and read against the schema in
//! `tests/lessons.rs`.

mod file;
mod goals;
mod schema;
