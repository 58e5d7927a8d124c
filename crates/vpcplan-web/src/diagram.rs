//! "Save image": the drawing as a standalone SVG file, for slides and
//! documents. It is the canvas as drawn (groups, links, nodes and their error
//! and warning marks, in the current theme) without the grid or the
//! selection and focus marks, and framed on the whole design rather than on
//! the window. The page's stylesheet does not travel with a file, so the
//! computed presentation properties of each element are written onto it.

use std::fmt::Write;

use vpcplan_editor::Rect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, SvgsvgElement, XmlSerializer};

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

/// Parts of the canvas that are for editing, not for the picture.
const EDITING_ONLY: &str = "rect.grid, pattern#grid, g.marks";

/// Attributes that only mean something inside the planner.
const INTERACTIVE_ATTRIBUTES: &[&str] = &[
    "class",
    "tabindex",
    "role",
    "aria-activedescendant",
    "aria-describedby",
    "aria-roledescription",
    "style",
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
