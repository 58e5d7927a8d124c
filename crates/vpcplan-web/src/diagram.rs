//! "Save image": the drawing as a standalone SVG file, or as a PNG drawn
//! from it at twice its size, for slides and documents. It is the canvas as drawn (groups, links, nodes and their error
//! and warning marks, in the current theme) without the grid or the
//! selection and focus marks, and framed on the whole design rather than on
//! the window. The page's stylesheet does not travel with a file, so the
//! computed presentation properties of each element are written onto it.

use std::fmt::Write;

use vpcplan_editor::Rect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, BlobPropertyBag, CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlImageElement,
    SvgsvgElement, Url, XmlSerializer,
};

use crate::persistence::file_stem;
use crate::shared_design::SharedDesign;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ImageFormat {
    Svg,
    Png,
}

/// PNG pixels per canvas unit: sharp on high-density screens and projectors.
const PNG_SCALE: f64 = 2.0;

/// Draws the canvas framed on `bounds` and offers it as a download named
/// after `design`. A failure is logged; the design is not touched either way.
pub fn save_image(format: ImageFormat, bounds: Rect, design: SharedDesign) {
    let svg = match diagram_svg(bounds, &design.name) {
        Ok(svg) => svg,
        Err(error) => {
            gloo::console::error!("vpcplan could not draw the image:", error);
            return;
        }
    };
    let stem = file_stem(&design);
    match format {
        ImageFormat::Svg => {
            let _ =
                crate::browser::download(&format!("{stem}.svg"), "image/svg+xml", svg.as_bytes());
        }
        ImageFormat::Png => wasm_bindgen_futures::spawn_local(async move {
            match png_of(&svg, PNG_SCALE).await {
                Ok(png) => {
                    let _ = crate::browser::download(&format!("{stem}.png"), "image/png", &png);
                }
                Err(error) => gloo::console::error!("vpcplan could not draw the PNG:", error),
            }
        }),
    }
}

/// `svg` rasterised by the browser at `scale` pixels per unit.
async fn png_of(svg: &str, scale: f64) -> Result<Vec<u8>, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let source = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&source)?;
    let image = HtmlImageElement::new()?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    Url::revoke_object_url(&url)?;
    decoded?;
    let document = gloo::utils::document();
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    canvas.set_width((f64::from(image.natural_width()) * scale).round() as u32);
    canvas.set_height((f64::from(image.natural_height()) * scale).round() as u32);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d canvas"))?
        .unchecked_into();
    context.scale(scale, scale)?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0)?;
    let mut refused = None;
    let made = js_sys::Promise::new(&mut |resolve, _reject| {
        refused = canvas.to_blob(&resolve).err();
    });
    if let Some(error) = refused {
        return Err(error);
    }
    let blob = JsFuture::from(made).await?;
    let blob: Blob = blob
        .dyn_into()
        .map_err(|_| JsValue::from_str("the browser made no PNG"))?;
    let bytes = JsFuture::from(blob.array_buffer()).await?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// What the stylesheet decides about an element's look.
const PRESENTATION: &[&str] = &[
    "display",
    "visibility",
    "opacity",
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
];

/// Space around the design, in canvas units.
const MARGIN: f64 = 20.0;

/// Parts of the canvas that are for editing, not for the picture (the
/// selection and focus marks are in the drag layer, not in the canvas).
const EDITING_ONLY: &str = "rect.grid, pattern#grid";

/// Attributes that only mean something inside the planner.
const INTERACTIVE_ATTRIBUTES: &[&str] = &[
    "class",
    "tabindex",
    "role",
    "aria-activedescendant",
    "aria-describedby",
    "aria-roledescription",
];

/// The canvas `svg.design-canvas` of the page, framed on `bounds` (the
/// design's, in canvas units) and titled `title`, as an SVG document.
pub fn diagram_svg(bounds: Rect, title: &str) -> Result<String, JsValue> {
    let document = gloo::utils::document();
    let canvas: SvgsvgElement = document
        .query_selector("svg.design-canvas")?
        .ok_or_else(|| JsValue::from_str("the canvas is not on the page"))?
        .unchecked_into();
    let copy: SvgsvgElement = canvas.clone_node_with_deep(true)?.unchecked_into();
    // Found before the classes go, removed after the styles are written (the
    // copy's elements must line up with the canvas's until then).
    let editing_only = copy.query_selector_all(EDITING_ONLY)?;
    write_computed_styles(&canvas, &copy)?;
    let background = gloo::utils::window()
        .get_computed_style(&canvas)?
        .map(|style| style.get_property_value("background-color"))
        .transpose()?
        .unwrap_or_else(|| "white".to_owned());

    for i in 0..editing_only.length() {
        if let Some(part) = editing_only
            .item(i)
            .and_then(|node| node.dyn_into::<Element>().ok())
        {
            part.remove();
        }
    }
    let (x, y) = (bounds.x - MARGIN, bounds.y - MARGIN);
    let (width, height) = (bounds.width + 2.0 * MARGIN, bounds.height + 2.0 * MARGIN);
    for attribute in INTERACTIVE_ATTRIBUTES {
        copy.remove_attribute(attribute)?;
    }
    copy.set_attribute("viewBox", &format!("{x} {y} {width} {height}"))?;
    copy.set_attribute("width", &width.to_string())?;
    copy.set_attribute("height", &height.to_string())?;
    if let Some(viewport) = copy.query_selector(":scope > g[transform]")? {
        viewport.remove_attribute("transform")?;
        let backdrop = document.create_element_ns(Some(SVG), "rect")?;
        for (name, value) in [
            ("x", x.to_string()),
            ("y", y.to_string()),
            ("width", width.to_string()),
            ("height", height.to_string()),
            ("style", format!("fill:{background};")),
        ] {
            backdrop.set_attribute(name, &value)?;
        }
        viewport.prepend_with_node_1(&backdrop)?;
    }
    let heading = document.create_element_ns(Some(SVG), "title")?;
    heading.set_text_content(Some(title));
    copy.prepend_with_node_1(&heading)?;

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&XmlSerializer::new()?.serialize_to_string(&copy)?);
    out.push('\n');
    Ok(out)
}

const SVG: &str = "http://www.w3.org/2000/svg";

/// Writes each element's computed look onto its copy, and drops what only
/// the planner uses (classes, focus order, roles).
fn write_computed_styles(canvas: &SvgsvgElement, copy: &SvgsvgElement) -> Result<(), JsValue> {
    let window = gloo::utils::window();
    let originals = canvas.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    let mut inline = String::new();
    for i in 0..originals.length().min(copies.length()) {
        let (Some(original), Some(element)) = (
            originals
                .item(i)
                .and_then(|node| node.dyn_into::<Element>().ok()),
            copies
                .item(i)
                .and_then(|node| node.dyn_into::<Element>().ok()),
        ) else {
            continue;
        };
        let Some(style) = window.get_computed_style(&original)? else {
            continue;
        };
        inline.clear();
        for property in PRESENTATION {
            let value = style.get_property_value(property)?;
            if !value.is_empty() {
                let _ = write!(inline, "{property}:{value};");
            }
        }
        for attribute in INTERACTIVE_ATTRIBUTES {
            element.remove_attribute(attribute)?;
        }
        element.set_attribute("style", &inline)?;
    }
    Ok(())
}
