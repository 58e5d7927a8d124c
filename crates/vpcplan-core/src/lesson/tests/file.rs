//! Reading lesson files: a small valid one, and errors that say what is
//! wrong and where (JSON path, line and column), in the envelope, in the
//! lesson, in a goal, and inside an embedded design.

use expect_test::{Expect, expect};

use crate::file::FileError;
use crate::lesson::{Goal, ItemRef, read_lesson};

const DESIGN: &str = r#"{"format": "vpcplan-design", "version": 1, "design": {"name": "d",
      "vpcs": [{"id": "vpc-a", "name": "A", "account": "111111111111", "region": "ap-northeast-1",
        "ipv4_cidrs": ["10.0.0.0/16"], "dns_support": true, "dns_hostnames": true}]}}"#;

/// A lesson file of one step, with `goal` as its goal and `extra` fields
/// after it in the step.
fn lesson_with(goal: &str, extra: &str) -> String {
    format!(
        r#"{{
  "format": "vpcplan-lesson",
  "version": 1,
  "lesson": {{
    "id": "tiny",
    "title": {{"en": "Tiny", "ja": "小さな"}},
    "summary": {{"en": "A test.", "ja": "テストです。"}},
    "steps": [{{
      "title": {{"en": "One", "ja": "1つ目"}},
      "instruction": {{"en": "Do it.", "ja": "やります。"}},
      "start": {DESIGN},
      "goal": {goal},
      "explanation": {{"en": "Done.", "ja": "できました。"}},
      "solution": {DESIGN}{extra}
    }}]
  }}
}}"#
    )
}

#[track_caller]
fn check_error(text: &str, expect: Expect) {
    let error: FileError = read_lesson(text).expect_err("the lesson read without error");
    let message = error.message();
    expect.assert_eq(&format!("{}\n{}\n", message.en, message.ja));
}

#[test]
fn a_small_lesson_reads_into_the_model() {
    let lesson = read_lesson(&lesson_with(
        r#"{"kind": "all", "goals": [{"kind": "no_errors"},
            {"kind": "unreachable", "from": {"kind": "vpc", "vpc": "vpc-a"},
             "to": {"kind": "aws_service", "aws_service": "s3"}, "because": "peer-005"}]}"#,
        r#", "hints": [{"en": "Look.", "ja": "見ます。"}],
        "references": [{"title": {"en": "AWS", "ja": "AWS"}, "url": "https://docs.aws.amazon.com/"},
                       {"title": {"en": "The article", "ja": "記事"}}]"#,
    ))
    .unwrap();
    assert_eq!(lesson.id, "tiny");
    assert_eq!(lesson.title.ja, "小さな");
    let step = &lesson.steps[0];
    assert_eq!(step.hints.len(), 1);
    assert_eq!(step.references[1].url, None);
    assert_eq!(step.start.as_ref().unwrap().vpcs[0].id.as_str(), "vpc-a");
    assert_eq!(lesson.start_of(0), step.start.as_ref());
    assert_eq!(lesson.start_of(1), None);
    // Rule ids are read case-insensitively into the catalogue's spelling.
    assert_eq!(
        step.goal,
        Goal::All(vec![
            Goal::NoErrors,
            Goal::Unreachable {
                from: ItemRef::Vpc("vpc-a".into()),
                to: ItemRef::AwsService("s3".to_owned()),
                because: Some("PEER-005"),
            },
        ])
    );
}

#[test]
fn a_step_without_a_start_continues_from_the_solution_before_it() {
    let text = lesson_with(r#"{"kind": "no_errors"}"#, "");
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut second = value["lesson"]["steps"][0].clone();
    second.as_object_mut().unwrap().remove("start");
    second["solution"]["design"]["name"] = "second".into();
    value["lesson"]["steps"]
        .as_array_mut()
        .unwrap()
        .push(second);
    let lesson = read_lesson(&value.to_string()).unwrap();
    assert_eq!(lesson.start_of(1), Some(&lesson.steps[0].solution));
    assert_eq!(lesson.steps[1].solution.name, "second");
}

#[test]
fn the_envelope_must_be_a_lesson() {
    check_error(
        DESIGN,
        expect![[r#"
            format: "vpcplan-design" is not a vpcplan lesson; expected "vpcplan-lesson"
            format: "vpcplan-design" は vpcplan のレッスンではありません。"vpcplan-lesson" が必要です
        "#]],
    );
    check_error(
        r#"{"format": "vpcplan-lesson", "version": 2, "lesson": {}}"#,
        expect![[r#"
            version: this file was written by a newer vpcplan (format version 2); this version reads up to 1
            version: このファイルは新しい vpcplan で書かれています (形式バージョン 2)。このバージョンが読めるのは 1 までです
        "#]],
    );
    check_error(
        "",
        expect![[r#"
        line 1, column 0: the file is empty; expected a vpcplan lesson (JSON)
        1 行目 0 列目: ファイルが空です。vpcplan のレッスン (JSON) を読み込んでください
    "#]],
    );
    check_error(
        "{\"format\": \"vpcplan-lesson\",\n  \"version\": 1,\n  \"lesson\": {",
        expect![[r#"
        line 3, column 14: the file ends in the middle of an object (the `{` at line 3, column 13 is not closed); is the file cut short?
        3 行目 14 列目: オブジェクトの途中でファイルが終わっています (3 行目 13 列目の `{` が閉じられていません)。ファイルが途中で切れていませんか?
    "#]],
    );
}

#[test]
fn errors_in_the_lesson_name_their_path_line_and_column() {
    // An empty Japanese text.
    check_error(
        &lesson_with(
            r#"{"kind": "no_errors"}"#,
            r#", "hints": [{"en": "Look.", "ja": " "}]"#,
        ),
        expect![[r#"
            lesson.steps[0].hints[0].ja: the Japanese text is empty; every text needs English and Japanese (line 18, column 117)
            lesson.steps[0].hints[0].ja: the Japanese text is empty; every text needs English and Japanese (18 行目 117 列目)
        "#]],
    );
    // A misspelt field.
    check_error(
        &lesson_with(r#"{"kind": "no_errors"}"#, r#", "hint": []"#),
        expect![[r#"
            lesson.steps[0].hint: unknown field `hint`, expected one of `title`, `instruction`, `start`, `goal`, `hints`, `explanation`, `references`, `solution` (line 18, column 93)
            lesson.steps[0].hint: unknown field `hint`, expected one of `title`, `instruction`, `start`, `goal`, `hints`, `explanation`, `references`, `solution` (18 行目 93 列目)
        "#]],
    );
    // A goal of an unknown kind, a rule not in the catalogue, an AWS
    // service not in the catalogue, and an empty `all`.
    check_error(
        &lesson_with(r#"{"kind": "reachable_soon"}"#, ""),
        expect![[r#"
        lesson.steps[0].goal.kind: unknown kind `reachable_soon`, expected one of `link`, `rule_fires`, `rule_silent`, `reachable`, `unreachable`, `no_errors`, `all` (line 14, column 21)
        lesson.steps[0].goal.kind: unknown kind `reachable_soon`, expected one of `link`, `rule_fires`, `rule_silent`, `reachable`, `unreachable`, `no_errors`, `all` (14 行目 21 列目)
    "#]],
    );
    check_error(
        &lesson_with(
            r#"{"kind": "all", "goals": [{"kind": "rule_fires", "rule": "PEER-999"}]}"#,
            "",
        ),
        expect![[r#"
            lesson.steps[0].goal.goals[0].rule: unknown rule `PEER-999`; expected a rule id of the catalogue, such as `PEER-001` (see docs/rules.md) (line 14, column 69)
            lesson.steps[0].goal.goals[0].rule: unknown rule `PEER-999`; expected a rule id of the catalogue, such as `PEER-001` (see docs/rules.md) (14 行目 69 列目)
        "#]],
    );
    check_error(
        &lesson_with(
            r#"{"kind": "link", "link": "peering", "between": [{"kind": "vpc", "vpc": "vpc-a"},
               {"kind": "aws_service", "aws_service": "teleport"}]}"#,
            "",
        ),
        expect![[r#"
            lesson.steps[0].goal.between[1].aws_service: unknown AWS service `teleport`; expected a service-name suffix of the catalogue, such as `ssm` or `s3` (line 15, column 52)
            lesson.steps[0].goal.between[1].aws_service: unknown AWS service `teleport`; expected a service-name suffix of the catalogue, such as `ssm` or `s3` (15 行目 52 列目)
        "#]],
    );
    check_error(
        &lesson_with(r#"{"kind": "all", "goals": []}"#, ""),
        expect![[r#"
        lesson.steps[0].goal.goals: an `all` goal needs at least one goal (line 14, column 37)
        lesson.steps[0].goal.goals: an `all` goal needs at least one goal (14 行目 37 列目)
    "#]],
    );
}

#[test]
fn an_error_inside_an_embedded_design_names_its_whole_path() {
    let broken = lesson_with(r#"{"kind": "no_errors"}"#, "").replacen(
        "\"ipv4_cidrs\": [\"10.0.0.0/16\"]",
        "\"ipv4_cidrs\": [\"10.0.0.0/33\"]",
        1,
    );
    check_error(
        &broken,
        expect![[r#"
        lesson.steps[0].start.design.vpcs[0].ipv4_cidrs[0]: "10.0.0.0/33" is not a valid IPv4 CIDR (line 13, column 24)
        lesson.steps[0].start.design.vpcs[0].ipv4_cidrs[0]: "10.0.0.0/33" is not a valid IPv4 CIDR (13 行目 24 列目)
    "#]],
    );
    let not_a_design = lesson_with(r#"{"kind": "no_errors"}"#, "").replacen(
        "\"format\": \"vpcplan-design\"",
        "\"format\": \"vpcplan-lesson\"",
        1,
    );
    check_error(
        &not_a_design,
        expect![[r#"
        lesson.steps[0].start.format: "vpcplan-lesson" is not a vpcplan design; expected "vpcplan-design" (line 11, column 24)
        lesson.steps[0].start.format: "vpcplan-lesson" is not a vpcplan design; expected "vpcplan-design" (11 行目 24 列目)
    "#]],
    );
}

#[test]
fn the_first_step_needs_a_start_and_the_id_a_slug() {
    let text = lesson_with(r#"{"kind": "no_errors"}"#, "");
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["lesson"]["steps"][0]
        .as_object_mut()
        .unwrap()
        .remove("start");
    let pretty = serde_json::to_string_pretty(&value).unwrap();
    check_error(
        &pretty,
        expect![[r#"
        lesson.steps[0]: missing field `start`: the first step needs a starting design (line 6, column 7)
        lesson.steps[0]: missing field `start`: the first step needs a starting design (6 行目 7 列目)
    "#]],
    );
    check_error(
        &text.replacen("\"tiny\"", "\"Tiny Lesson\"", 1),
        expect![[r#"
        lesson.id: "Tiny Lesson" is not a lesson id; use lowercase letters, digits and single `-`, such as `peering-basics` (line 5, column 8)
        lesson.id: "Tiny Lesson" is not a lesson id; use lowercase letters, digits and single `-`, such as `peering-basics` (5 行目 8 列目)
    "#]],
    );
}

#[test]
fn any_text_gives_a_lesson_or_an_error() {
    let text = lesson_with(r#"{"kind": "no_errors"}"#, "");
    // Every prefix of a valid file: never a panic.
    for end in (0..text.len()).filter(|end| text.is_char_boundary(*end)) {
        assert!(read_lesson(&text[..end]).is_err());
    }
}
