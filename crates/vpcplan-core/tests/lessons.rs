//! Every lesson file in `lessons/` is valid against the committed JSON
//! Schema (`docs/lesson-format.schema.json`, checked by a JSON Schema
//! validator, not by our reader), reads with `read_lesson`, and has every
//! text in English and Japanese. Playing them is vpcplan-editor's test
//! (`tests/editor/lessons`).

use std::path::{Path, PathBuf};

use vpcplan_core::Localized;
use vpcplan_core::lesson::{Lesson, read_lesson};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lesson_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("lessons"))
        .expect("the lessons/ folder")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

/// Every text of a lesson, with where it is.
fn texts(lesson: &Lesson) -> Vec<(String, &Localized)> {
    let mut all = vec![
        ("title".to_owned(), &lesson.title),
        ("summary".to_owned(), &lesson.summary),
    ];
    for (index, step) in lesson.steps.iter().enumerate() {
        let at = |what: &str| format!("steps[{index}].{what}");
        all.push((at("title"), &step.title));
        all.push((at("instruction"), &step.instruction));
        all.push((at("explanation"), &step.explanation));
        for (hint, text) in step.hints.iter().enumerate() {
            all.push((at(&format!("hints[{hint}]")), text));
        }
        for (reference, source) in step.references.iter().enumerate() {
            all.push((at(&format!("references[{reference}].title")), &source.title));
        }
    }
    all
}

#[test]
fn every_lesson_file_is_valid_against_the_schema_and_reads() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/lesson-format.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the lesson schema compiles");
    let files = lesson_files();
    assert!(files.len() >= 7, "{} lesson files", files.len());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let problems: Vec<String> = validator
            .iter_errors(&value)
            .map(|error| format!("{} at {}", error, error.instance_path()))
            .collect();
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let lesson = read_lesson(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(!lesson.steps.is_empty(), "{name}");
        for step in &lesson.steps {
            assert!(!step.hints.is_empty(), "{name}: a step without hints");
            assert!(
                !step.references.is_empty(),
                "{name}: a step without references"
            );
        }
        for (place, text) in texts(&lesson) {
            assert!(!text.en.trim().is_empty(), "{name}: {place} has no English");
            assert!(
                !text.ja.trim().is_empty(),
                "{name}: {place} has no Japanese"
            );
            // Japanese sentences use full-width punctuation, parentheses
            // are half-width (the project's style).
            assert!(
                !text.ja.contains(['（', '）']),
                "{name}: {place}: {}",
                text.ja
            );
            assert!(
                !text.ja.contains(". ") && !text.ja.contains(", "),
                "{name}: {place}: {}",
                text.ja
            );
        }
    }
}

#[test]
fn the_schema_refuses_what_the_reader_refuses() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("docs/lesson-format.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string(root().join("lessons/01-peering-basics.json")).unwrap();
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    let broken = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut value = good.clone();
        edit(&mut value);
        value
    };
    let cases = [
        broken(&|v| v["lesson"]["title"]["ja"] = "".into()),
        broken(&|v| v["lesson"]["steps"][0]["goal"]["kind"] = "soon".into()),
        broken(&|v| v["lesson"]["steps"][0]["start"]["format"] = "vpcplan-lesson".into()),
        broken(&|v| v["lesson"]["steps"] = serde_json::json!([])),
        broken(&|v| v["lesson"]["id"] = "Peering Basics".into()),
        broken(&|v| v["lesson"]["steps"][0]["tip"] = "x".into()),
    ];
    for (index, value) in cases.iter().enumerate() {
        assert!(
            !validator.is_valid(value),
            "case {index} is valid against the schema"
        );
        assert!(
            read_lesson(&value.to_string()).is_err(),
            "case {index} reads"
        );
    }
}
