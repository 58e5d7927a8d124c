//! The accessible names of every node and link of every fixture design, in
//! Japanese, follow `docs/ja-style.md` (screen readers speak them; the
//! user's own names are taken out first).

use std::path::Path;

use vpcplan_core::Lang;
use vpcplan_core::file::read_design;
use vpcplan_core::ja_style::{assert_japanese_style, user_words, without_user_words};
use vpcplan_editor::NodeId;
use vpcplan_editor::a11y::{link_name, node_name};

#[test]
fn accessible_names_in_japanese_follow_the_style() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/designs");
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = std::fs::read_to_string(&path).unwrap();
        let design = read_design(&file).unwrap();
        let words = user_words(&file);
        let nodes = design
            .vpcs
            .iter()
            .map(|vpc| NodeId::Vpc(vpc.id.clone()))
            .chain(
                design
                    .services
                    .iter()
                    .map(|service| NodeId::Service(service.id.clone())),
            );
        for node in nodes {
            let spoken = node_name(&design, &node, Lang::Ja).expect("a node of the design");
            texts.push((
                format!("{name}: {node:?}"),
                without_user_words(&spoken, &words),
            ));
        }
        for link in &design.links {
            let spoken = link_name(&design, link, Lang::Ja);
            texts.push((
                format!("{name}: {}", link.id),
                without_user_words(&spoken, &words),
            ));
        }
    }
    assert!(texts.len() > 50, "{} names", texts.len());
    assert_japanese_style(texts);
}
