//! The few browser services the panels use: saving a file, reading one the
//! user chose or dropped, and copying text.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as a download named `file_name`.
pub fn download(file_name: &str, media_type: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.set_hidden(true);
    gloo::utils::body().append_child(&link)?;
    link.click();
    link.remove();
    // The browser reads the blob after this task ends; free it a bit later.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Copies `text` to the clipboard; resolves to whether the browser allowed it.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let clipboard = gloo::utils::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .is_ok()
}

/// Reads `file` as text and hands its name and text to `then`; a file that
/// cannot be read arrives as empty text, which the design reader reports.
pub fn read_text_file(file: web_sys::File, then: yew::Callback<(String, String)>) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default();
        then.emit((file.name(), text));
    });
}
