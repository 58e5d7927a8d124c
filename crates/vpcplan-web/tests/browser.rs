//! Components mounted in a real headless Chromium, asserted on the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use gloo_timers::future::sleep;
use std::cell::RefCell;
use std::rc::Rc;
use vpcplan_core::catalogue::AWS_SERVICES;
use vpcplan_core::matrix::{Aspect, CellStatus, comparison_matrix};
use vpcplan_core::regions::REGIONS;
use vpcplan_core::{Lang, LinkKind, validate};

use vpcplan_core::design::{Design, EndpointTarget, LinkId, LinkSpec, VpcId};
use vpcplan_core::{Subject, synthetic};
use vpcplan_web::components::{
    ComparisonMatrix, ComparisonMatrixProps, DesignOverview, DesignOverviewProps, ExportDialog,
    ExportDialogProps, ReachabilityView, ReachabilityViewProps, ValidationPanel,
    ValidationPanelProps,
};
use vpcplan_web::export_client::ExportRunner;
use vpcplan_web::export_worker::Jobs;
use vpcplan_web::labels::{service_label, vpc_label};
use vpcplan_web::samples::sample;
use vpcplan_web::strings::strings;
use vpcplan_web::{App, SharedDesign};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::Callback;

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
    // The root's `lang` is set in an effect, which runs after the render.
    let html_lang = || {
        gloo::utils::document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
    };
    for _ in 0..100 {
        if html_lang().as_deref() == Some("ja") {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(html_lang().as_deref(), Some("ja"));
}

/// The matrix, the palette's AWS services and the inspector's Region
/// suggestions are out of view at start and rendered after the first paint,
/// when the browser is idle: they come without anything being clicked.
#[wasm_bindgen_test]
async fn the_parts_out_of_view_at_start_are_rendered_once_the_browser_is_idle() {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    wait_for(&root, "section.palette").await;
    wait_for_count(
        &root,
        "ul.palette-services button.palette-item",
        AWS_SERVICES.len() as u32,
    )
    .await;
    wait_for_count(&root, "datalist#region-codes option", REGIONS.len() as u32).await;
    wait_for_count(
        &root,
        "table.comparison-matrix tbody tr",
        Aspect::ALL.len() as u32,
    )
    .await;
    wait_for(&root, ".highlight-picker").await;
}

fn open_sample(id: &str) -> SharedDesign {
    SharedDesign::new(sample(id).unwrap().open().unwrap())
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no `{selector}`"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

/// Polls until `selector` matches exactly `count` elements.
async fn wait_for_count(root: &Element, selector: &str, count: u32) {
    for _ in 0..100 {
        if root.query_selector_all(selector).unwrap().length() == count {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!(
        "`{selector}` never matched {count} element(s) in {}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn the_validation_panel_groups_diagnostics_and_reports_the_chosen_ones_subjects() {
    let root = fresh_root();
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let props = ValidationPanelProps {
        lang: Lang::En,
        diagnostics: Rc::new(validate(&open_sample("mistake-transitive-peering"))),
        on_select: {
            let chosen = chosen.clone();
            Callback::from(move |subjects: Vec<Subject>| chosen.borrow_mut().push(subjects))
        },
    };
    yew::Renderer::<ValidationPanel>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, "li.diagnostic").await;

    assert_eq!(
        texts(&root, "section.severity-group.error h3"),
        ["Errors (1)"]
    );
    assert_eq!(
        texts(&root, "section.severity-group.info h3"),
        ["Notes (1)"]
    );
    assert_eq!(
        texts(&root, "li.diagnostic .rule-id"),
        ["PEER-003", "PEER-017"]
    );
    assert!(root.query_selector(".no-problems").unwrap().is_none());

    click(&root, "li.diagnostic[data-rule='PEER-003'] button");
    let chosen = chosen.borrow();
    assert_eq!(chosen.len(), 1);
    assert!(
        chosen[0].contains(&Subject::Vpc(VpcId::new("vpc-a"))),
        "{:?}",
        chosen[0]
    );
    assert!(
        chosen[0].contains(&Subject::Vpc(VpcId::new("vpc-c"))),
        "{:?}",
        chosen[0]
    );
}

#[wasm_bindgen_test]
async fn the_validation_panel_says_when_there_is_nothing_to_report() {
    let root = fresh_root();
    let props = ValidationPanelProps {
        lang: Lang::Ja,
        diagnostics: Rc::new(validate(&open_sample("article-peering"))),
        on_select: Callback::noop(),
    };
    yew::Renderer::<ValidationPanel>::with_root_and_props(root.clone(), props).render();
    let empty = wait_for(&root, ".no-problems").await;
    assert_eq!(
        empty.text_content().unwrap(),
        "この設計に問題はありません。"
    );
    assert_eq!(
        root.query_selector_all("li.diagnostic").unwrap().length(),
        0
    );
}

#[wasm_bindgen_test]
async fn the_export_dialog_needs_the_explicit_choice_then_lists_the_files() {
    let root = fresh_root();
    let closed = Rc::new(RefCell::new(0));
    let design = open_sample("mistake-overlapping-cidrs");
    // As the app does: the diagnostics it already has.
    let diagnostics = Some(std::rc::Rc::new(vpcplan_core::validate(&design)));
    let props = ExportDialogProps {
        lang: Lang::En,
        design,
        on_close: {
            let closed = closed.clone();
            Callback::from(move |()| *closed.borrow_mut() += 1)
        },
        runner: ExportRunner::InPage(Jobs::run),
        diagnostics,
    };
    yew::Renderer::<ExportDialog>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, ".export-blocked").await;
    assert_eq!(texts(&root, ".export-errors li .rule-id"), ["PEER-001"]);
    assert_eq!(root.query_selector_all("button.file").unwrap().length(), 0);

    click(&root, ".export-anyway input");
    wait_for(&root, "button.file").await;
    let files = texts(&root, "button.file");
    assert!(
        files[0].starts_with("cloudformation/") && files[0].ends_with(".yaml"),
        "{files:?}"
    );
    assert!(files.contains(&"cli/teardown.sh".to_owned()), "{files:?}");
    // The preview's file comes from the worker after the list.
    let preview = wait_for(&root, "section.preview pre[aria-busy=false]").await;
    assert!(preview.text_content().unwrap().contains("PEER-001"));

    // The files are asked for again; until they come the dialog is busy
    // and lists none.
    click(&root, "input[name=template-format][value=json]");
    let first_is_json = |root: &Element| {
        texts(root, "button.file")
            .first()
            .is_some_and(|file| file.ends_with(".json"))
    };
    for _ in 0..100 {
        if first_is_json(&root) {
            break;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert!(first_is_json(&root), "{}", root.inner_html());

    click(&root, "button.close");
    assert_eq!(*closed.borrow(), 1);
}

/// The test runner serves no exporter worker, so the real one fails to load:
/// the dialog says so and offers to try again, instead of waiting forever.
#[wasm_bindgen_test]
async fn the_export_dialog_reports_an_exporter_that_cannot_load() {
    let root = fresh_root();
    let props = ExportDialogProps {
        lang: Lang::En,
        design: open_sample("article-peering"),
        on_close: Callback::noop(),
        runner: ExportRunner::Worker,
        diagnostics: None,
    };
    yew::Renderer::<ExportDialog>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, ".export-body[aria-busy=true] .export-preparing").await;
    let failure = wait_for(&root, ".export-failed[role=alert]").await;
    let message = failure.text_content().unwrap();
    assert!(
        message.starts_with("The exporter could not run:"),
        "{message}"
    );
    assert!(message.contains("Your design is unchanged."), "{message}");
    assert_eq!(texts(&root, ".export-failed button.retry"), ["Try again"]);
    assert_eq!(root.query_selector_all("button.file").unwrap().length(), 0);
}

#[wasm_bindgen_test]
async fn the_reachability_view_shows_the_path_between_the_first_two_vpcs() {
    let root = fresh_root();
    let props = ReachabilityViewProps {
        lang: Lang::En,
        design: open_sample("article-peering"),
    };
    yew::Renderer::<ReachabilityView>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, ".reach-result[data-reachable=true]").await;
    assert_eq!(
        texts(&root, "li.hop .endpoints"),
        ["VPC A (172.31.0.0/16) → VPC B (13.0.0.0/16)"]
    );
    let hop = root.query_selector("li.hop").unwrap().unwrap();
    assert_eq!(
        hop.get_attribute("data-link").as_deref(),
        Some(LinkId::new("pcx-a-b").as_str())
    );
    // The all-pairs table is computed only once opened.
    assert!(
        root.query_selector("table.all-pairs-table")
            .unwrap()
            .is_none()
    );
    let details = root.query_selector("details.all-pairs").unwrap().unwrap();
    details.set_attribute("open", "").unwrap();
    wait_for_count(&root, "table.all-pairs-table tbody tr", 2).await;
}

/// Polls (for longer than `wait_for_count`: a large overview comes in
/// several idle callbacks) until `selector` matches `count` elements.
async fn wait_long_for_count(root: &Element, selector: &str, count: u32) {
    for _ in 0..500 {
        if root.query_selector_all(selector).unwrap().length() == count {
            return;
        }
        sleep(Duration::from_millis(20)).await;
    }
    panic!(
        "`{selector}` matched {} element(s), never {count}",
        root.query_selector_all(selector).unwrap().length()
    );
}

/// A design whose overview has more rows than one idle part builds.
fn large_design() -> Design {
    synthetic::generate(&synthetic::Shape::benchmark(300))
}

/// The rows of the overview table with this caption start, as the text of
/// each cell.
fn overview_rows(root: &Element, caption_start: &str) -> Vec<Vec<String>> {
    let tables = root.query_selector_all("table.overview-table").unwrap();
    let table = (0..tables.length())
        .map(|index| tables.item(index).unwrap().dyn_into::<Element>().unwrap())
        .find(|table| {
            texts(table, "caption")
                .first()
                .is_some_and(|caption| caption.starts_with(caption_start))
        })
        .unwrap_or_else(|| panic!("no overview table `{caption_start}`"));
    let rows = table.query_selector_all("tbody tr").unwrap();
    (0..rows.length())
        .map(|index| {
            let row = rows.item(index).unwrap().dyn_into::<Element>().unwrap();
            texts(&row, "th, td")
        })
        .collect()
}

/// The overview of a large design is built after its first render, in
/// parts, without anything being clicked; once there, every VPC, service and
/// link has its row, in the design's order, with the same text as before
/// the rows were deferred, and the marked things are marked.
#[wasm_bindgen_test]
async fn the_design_overview_arrives_in_parts_and_holds_every_row() {
    let design = large_design();
    let (vpcs, services, links) = (design.vpcs.len(), design.services.len(), design.links.len());
    assert!(links > 1_000, "several parts of links, not one");
    let last_link = design.links.last().unwrap().id.clone();
    let root = fresh_root();
    let props = DesignOverviewProps {
        lang: Lang::En,
        design: SharedDesign::new(design.clone()),
        involved: Rc::new(vec![
            Subject::Vpc(design.vpcs[0].id.clone()),
            Subject::Link(last_link.clone()),
        ]),
    };
    yew::Renderer::<DesignOverview>::with_root_and_props(root.clone(), props).render();
    wait_for(&root, "#design-heading").await;
    assert!(
        root.query_selector_all("table.overview-table tbody tr")
            .unwrap()
            .length()
            < (vpcs + services + links) as u32,
        "the first render does not build every row"
    );
    wait_long_for_count(
        &root,
        "table.overview-table tbody tr",
        (vpcs + services + links) as u32,
    )
    .await;

    let text = strings(Lang::En);
    let marker = format!("● {}: ", text.involved_marker);
    let vpc_rows = overview_rows(&root, text.vpcs_heading);
    let expected_vpcs: Vec<Vec<String>> = design
        .vpcs
        .iter()
        .enumerate()
        .map(|(index, vpc)| {
            let account = design
                .accounts
                .iter()
                .find(|account| account.id == vpc.account)
                .unwrap();
            let marker = if index == 0 { marker.as_str() } else { "" };
            let cidrs: Vec<String> = vpc
                .ipv4_cidrs
                .iter()
                .map(ToString::to_string)
                .chain(vpc.ipv6_cidrs.iter().map(ToString::to_string))
                .collect();
            vec![
                format!("{marker}{}", vpc.name),
                format!("{} ({})", account.name, account.id),
                vpc.region.clone(),
                cidrs.join(", "),
            ]
        })
        .collect();
    assert_eq!(vpc_rows, expected_vpcs);

    let service_names: Vec<String> = overview_rows(&root, text.services_heading)
        .into_iter()
        .map(|cells| cells[0].clone())
        .collect();
    let expected_services: Vec<String> = design.services.iter().map(|s| s.name.clone()).collect();
    assert_eq!(service_names, expected_services);

    let link_rows = overview_rows(&root, text.links_heading);
    assert_eq!(link_rows.len(), links);
    for (cells, link) in link_rows.iter().zip(&design.links) {
        let id = link.id.to_string();
        assert!(cells[0].ends_with(&id), "{cells:?} is not the row of {id}");
        assert_eq!(cells[1], link.kind().name().en);
        let expected_between = match &link.spec {
            LinkSpec::Peering(peering) => format!(
                "{} ↔ {}",
                vpc_label(&design, &peering.requester),
                vpc_label(&design, &peering.accepter)
            ),
            LinkSpec::GatewayEndpoint(endpoint) => format!(
                "{} → {}",
                vpc_label(&design, &endpoint.vpc),
                service_label(&design, &endpoint.service)
            ),
            LinkSpec::InterfaceEndpoint(endpoint) => match &endpoint.target {
                EndpointTarget::Service(service) => format!(
                    "{} → {}",
                    vpc_label(&design, &endpoint.vpc),
                    service_label(&design, service)
                ),
                other => panic!("the synthetic design has no {other:?}"),
            },
        };
        assert_eq!(cells[2], expected_between);
    }
    assert_eq!(
        texts(&root, "tr.involved th"),
        vec![
            format!("{marker}{}", design.vpcs[0].name),
            format!("{marker}{last_link}"),
        ]
    );
}

/// Removes `window.requestIdleCallback` (as in Safari, which has none) until
/// dropped.
struct WithoutIdleCallbacks;

impl WithoutIdleCallbacks {
    fn new() -> WithoutIdleCallbacks {
        let window = gloo::utils::window();
        js_sys::Reflect::set(&window, &"requestIdleCallback".into(), &JsValue::UNDEFINED).unwrap();
        assert!(
            js_sys::Reflect::get(&window, &"requestIdleCallback".into())
                .unwrap()
                .is_undefined()
        );
        WithoutIdleCallbacks
    }
}

impl Drop for WithoutIdleCallbacks {
    fn drop(&mut self) {
        let window = gloo::utils::window();
        js_sys::Reflect::delete_property(&window, &"requestIdleCallback".into()).unwrap();
    }
}

/// Where the browser has no idle callbacks, what is rendered after the first
/// paint still comes, through timers: the overview's parts and the parts of
/// the planner out of view at start.
#[wasm_bindgen_test]
async fn without_idle_callbacks_the_deferred_parts_still_arrive() {
    let _without = WithoutIdleCallbacks::new();
    let design = large_design();
    let rows = design.vpcs.len() + design.services.len() + design.links.len();
    let overview = fresh_root();
    let props = DesignOverviewProps {
        lang: Lang::Ja,
        design: SharedDesign::new(design),
        involved: Rc::default(),
    };
    yew::Renderer::<DesignOverview>::with_root_and_props(overview.clone(), props).render();
    wait_long_for_count(&overview, "table.overview-table tbody tr", rows as u32).await;

    let app = fresh_root();
    yew::Renderer::<App>::with_root(app.clone()).render();
    wait_long_for_count(
        &app,
        "table.comparison-matrix tbody tr",
        Aspect::ALL.len() as u32,
    )
    .await;
    wait_long_for_count(
        &app,
        "ul.palette-services button.palette-item",
        AWS_SERVICES.len() as u32,
    )
    .await;
    wait_long_for_count(&app, "datalist#region-codes option", REGIONS.len() as u32).await;
}
