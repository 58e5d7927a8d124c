//! The few browser services the panels use: saving a file, reading one the
//! user chose or dropped, copying text, and raw deflate for share links.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, HtmlAnchorElement, ReadableStreamDefaultReader,
    ReadableStreamReadResult, ReadableWritablePair, Url,
};

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

// The browser's compression streams; web-sys has them only behind its
// unstable-API flag.
#[wasm_bindgen]
extern "C" {
    type CompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// `bytes` compressed with raw deflate (RFC 1951), by the browser.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let stream = CompressionStream::new("deflate-raw").map_err(|error| message_of(&error))?;
    run_through(bytes, stream.unchecked_ref(), usize::MAX).await
}

/// `bytes` inflated from raw deflate by the browser; an error for damaged
/// data or for more than `limit` bytes of output.
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|error| message_of(&error))?;
    run_through(bytes, stream.unchecked_ref(), limit).await
}

async fn run_through(
    bytes: &[u8],
    transform: &ReadableWritablePair,
    limit: usize,
) -> Result<Vec<u8>, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let input = Blob::new_with_u8_array_sequence(&parts).map_err(|error| message_of(&error))?;
    let reader = ReadableStreamDefaultReader::new(&input.stream().pipe_through(transform))
        .map_err(|error| message_of(&error))?;
    let mut output = Vec::new();
    loop {
        let result: ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(|error| message_of(&error))?
            .unchecked_into();
        if result.get_done().unwrap_or(true) {
            return Ok(output);
        }
        let chunk = js_sys::Uint8Array::new(&result.get_value());
        let start = output.len();
        let end = start + chunk.length() as usize;
        if end > limit {
            let _ = reader.cancel();
            return Err(format!("more than {limit} bytes"));
        }
        output.resize(end, 0);
        chunk.copy_to(&mut output[start..]);
    }
}

fn message_of(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
