//! Opening the planner without a network once it has been opened online: the
//! release build registers the service worker (`web/sw.js`), which caches the
//! whole build. Debug builds do not, so `cargo xtask serve --dev` never serves
//! a stale snapshot.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Registers the service worker where the browser offers one (secure
/// origins, localhost included). Failing is not an error the user must see:
/// the planner works as before, only not offline.
pub fn keep_available_offline() {
    if cfg!(debug_assertions) {
        return;
    }
    let navigator = gloo::utils::window().navigator();
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let registration = navigator.service_worker().register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = JsFuture::from(registration).await {
            gloo::console::warn!(
                "vpcplan will not open offline: the service worker did not register:",
                error
            );
        }
    });
}
