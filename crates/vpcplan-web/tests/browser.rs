//! Components mounted in a real headless Chromium, asserted on the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use vpcplan_core::matrix::{Aspect, CellStatus, comparison_matrix};
use vpcplan_core::{Lang, LinkKind};
use vpcplan_web::App;
use vpcplan_web::components::{ComparisonMatrix, ComparisonMatrixProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// yew renders asynchronously: poll until the selector matches.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..100 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("`{selector}` never appeared in {}", root.inner_html());
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|index| {
            nodes
                .item(index)
                .unwrap()
                .text_content()
                .unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_matrix_renders_every_pattern_and_aspect_in_japanese() {
    let root = fresh_root();
    let props = ComparisonMatrixProps {
        lang: Lang::Ja,
        highlighted: Some(LinkKind::GatewayEndpoint),
    };
    yew::Renderer::<ComparisonMatrix>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, "table.comparison-matrix tbody tr").await;

    let columns = texts(&root, "thead th");
    let expected_columns: Vec<&str> = std::iter::once("観点")
        .chain(LinkKind::ALL.map(|kind| kind.name().ja))
        .collect();
    assert_eq!(columns, expected_columns);

    let rows = texts(&root, "tbody th[scope=row]");
    let expected_rows: Vec<&str> = Aspect::ALL.map(|aspect| aspect.name().ja).to_vec();
    assert_eq!(rows, expected_rows);

    let changed_in_core = comparison_matrix()
        .iter()
        .filter(|cell| cell.status == CellStatus::Changed)
        .count();
    assert_eq!(
        texts(&root, "td[data-status=changed]").len(),
        changed_in_core
    );
    assert!(changed_in_core > 0);

    // The highlighted column: its header and one cell per row.
    assert_eq!(
        texts(&root, ".highlighted").len(),
        1 + Aspect::ALL.len(),
        "header plus every row of the gateway column"
    );
}

#[wasm_bindgen_test]
async fn the_language_switch_rerenders_the_shell() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    let heading = wait_for(&root, "#matrix-heading").await;

    let japanese = root
        .query_selector("button[lang=ja]")
        .unwrap()
        .expect("a 日本語 button")
        .dyn_into::<HtmlElement>()
        .unwrap();
    japanese.click();
    for _ in 0..100 {
        if heading
            .text_content()
            .unwrap_or_default()
            .contains("3つの方法")
        {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(
        heading.text_content().unwrap(),
        "VPCをプライベートに接続する3つの方法"
    );
    assert_eq!(
        japanese.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let html_lang = gloo::utils::document()
        .document_element()
        .unwrap()
        .get_attribute("lang");
    assert_eq!(html_lang.as_deref(), Some("ja"));
}
