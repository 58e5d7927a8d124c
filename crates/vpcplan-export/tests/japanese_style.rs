//! The Japanese the exports carry follows `docs/ja-style.md`: the Japanese
//! half of `DEPLOY.md` and the Japanese comments of the CLI scripts, for
//! every fixture design (exported with errors allowed, so the mistakes'
//! exports are read too), the user's own names taken out first. The
//! hostile-names fixture is left out: its names (Japanese among them) are
//! escaped for Markdown and the shell there, so they cannot be told apart
//! from the product's text; the other fixtures render the same sentences.

use std::path::Path;

use vpcplan_core::file::read_design;
use vpcplan_core::ja_style::{assert_japanese_style, has_japanese, user_words, without_user_words};
use vpcplan_export::{
    CloudFormationOptions, ExportOptions, TemplateFormat, cli_scripts, cloudformation,
};

#[test]
fn the_japanese_of_every_fixture_export_follows_the_style() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/designs");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let export = ExportOptions { allow_errors: true };
    let mut texts = Vec::new();
    let mut deploy_guides = 0;
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "hostile-names.json" {
            continue;
        }
        let file = std::fs::read_to_string(&path).unwrap();
        let design = read_design(&file).unwrap();
        let words = user_words(&file);
        let options = CloudFormationOptions {
            export: ExportOptions { allow_errors: true },
            format: TemplateFormat::Yaml,
        };
        for exported in cloudformation(&design, &options).unwrap() {
            if exported.path.ends_with("DEPLOY.md") {
                let japanese = exported
                    .contents
                    .split_once("## 日本語")
                    .map(|(_, japanese)| japanese)
                    .expect("DEPLOY.md has a Japanese half");
                deploy_guides += 1;
                texts.push((
                    format!("{name}: {}", exported.path),
                    without_user_words(japanese, &words),
                ));
            }
        }
        for exported in cli_scripts(&design, &export).unwrap() {
            for (number, line) in exported.contents.lines().enumerate() {
                if !line.trim_start().starts_with('#') || !has_japanese(line) {
                    continue;
                }
                let comment = line.trim_start_matches(['#', ' ']);
                let comment = comment.strip_prefix("- ").unwrap_or(comment);
                texts.push((
                    format!("{name}: {}:{}", exported.path, number + 1),
                    without_user_words(comment, &words),
                ));
            }
        }
    }
    assert!(deploy_guides > 10, "{deploy_guides} DEPLOY.md files");
    assert_japanese_style(texts);
}
