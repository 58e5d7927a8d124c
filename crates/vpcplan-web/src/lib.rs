//! vpcplan-web: the planner in the browser. The only crate that touches the
//! DOM: yew components render the vpcplan-editor's document and state, and
//! forward user intent to the editor (or, for interface state, one reducer).

mod app;
mod browser;
pub mod components;
mod design_text;
mod diagram;
pub mod editor_handle;
pub mod export_bundle;
pub mod export_client;
pub mod export_worker;
mod idle;
pub mod labels;
mod offline;
mod persistence;
mod prefs;
pub mod samples;
pub mod shared_design;
pub mod strings;

pub use app::App;
pub use shared_design::SharedDesign;

/// Mounts the planner into `#app`, replacing the loading message there.
pub fn start() {
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .unwrap_or_else(|| gloo::utils::body().into());
    root.set_inner_html("");
    yew::Renderer::<App>::with_root(root).render();
}
