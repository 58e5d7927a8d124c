//! The drawing: the editor's layout as SVG under the viewport transform —
//! group boxes, a light grid, links drawn per kind, nodes with their text,
//! selection, focus and diagnostic marks, and the previews of the gesture in
//! progress. Pointer, wheel and key events go to the editor unchanged.
//!
//! One component per file: `Canvas` here (events, the layers, the
//! previews), `group_boxes`, `drawing` (the links and nodes at rest),
//! `node_view`, `link_view` and `legend`; `content` is what nodes and links
//! show, computed once per content revision and language.

mod content;
mod drawing;
mod group_boxes;
mod legend;
mod link_view;
mod node_view;

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use vpcplan_core::{Diagnostic, Lang, LinkKind};
use vpcplan_editor::geometry::{LinkShape, NodeShape};
use vpcplan_editor::{
    Gesture, Item, KeyEvent, Modifiers, NodeId, PaletteItem, Point, PointerButton, PointerEvent,
    Rect, WheelEvent, accessible_name,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::strings::strings;

use content::CanvasContent;
use drawing::{Drawing, link_view, node_view};
use group_boxes::GroupBoxes;
use legend::Legend;

#[derive(Properties, PartialEq)]
pub struct CanvasProps {
    pub lang: Lang,
    pub editor: EditorHandle,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// A design file dropped onto the canvas, as text with its file name.
    pub on_file_drop: Callback<(String, String)>,
}

/// The drag-and-drop type of a palette item.
pub const PALETTE_MIME: &str = "application/x-vpcplan-palette";

/// A palette item as drag-and-drop data, and back.
pub fn palette_data(item: &PaletteItem) -> String {
    match item {
        PaletteItem::Vpc => "vpc".to_owned(),
        PaletteItem::EndpointService => "endpoint-service".to_owned(),
        PaletteItem::AwsService(suffix) => format!("aws:{suffix}"),
    }
}

fn palette_item(data: &str) -> Option<PaletteItem> {
    match data {
        "vpc" => Some(PaletteItem::Vpc),
        "endpoint-service" => Some(PaletteItem::EndpointService),
        other => other
            .strip_prefix("aws:")
            .map(|suffix| PaletteItem::AwsService(suffix.to_owned())),
    }
}

fn mouse_modifiers(event: &MouseEvent) -> Modifiers {
    Modifiers {
        shift: event.shift_key(),
        ctrl: event.ctrl_key(),
        alt: event.alt_key(),
        meta: event.meta_key(),
    }
}

pub fn item_dom_id(item: &Item) -> String {
    match item {
        Item::Node(node) => format!("canvas-node-{}", node.as_str()),
        Item::Link(link) => format!("canvas-link-{}", link.as_str()),
    }
}

fn kind_class(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::Peering => "peering",
        LinkKind::InterfaceEndpoint => "interface",
        LinkKind::GatewayEndpoint => "gateway",
    }
}

#[function_component]
pub fn Canvas(props: &CanvasProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let svg_ref = use_node_ref();
    let handle = props.editor.clone();

    // The element's size and position, read when events arrive.
    let position = {
        let svg_ref = svg_ref.clone();
        move |client_x: i32, client_y: i32| -> Point {
            match svg_ref.cast::<web_sys::Element>() {
                Some(element) => {
                    let rect = element.get_bounding_client_rect();
                    Point::new(
                        f64::from(client_x) - rect.left(),
                        f64::from(client_y) - rect.top(),
                    )
                }
                None => Point::new(f64::from(client_x), f64::from(client_y)),
            }
        }
    };
    let pointer = {
        let position = position.clone();
        move |event: &MouseEvent| {
            let at = position(event.client_x(), event.client_y());
            PointerEvent {
                x: at.x,
                y: at.y,
                button: match event.button() {
                    1 => PointerButton::Middle,
                    2 => PointerButton::Secondary,
                    _ => PointerButton::Primary,
                },
                modifiers: mouse_modifiers(event),
            }
        }
    };

    // Keep the editor's viewport size equal to the element's size, whatever
    // changes it: the window, presentation mode, the link chooser opening.
    {
        let handle = handle.clone();
        let svg_ref = svg_ref.clone();
        use_effect_with((), move |()| {
            let resize = {
                let handle = handle.clone();
                let svg_ref = svg_ref.clone();
                move || {
                    let Some(element) = svg_ref.cast::<web_sys::Element>() else {
                        return;
                    };
                    let rect = element.get_bounding_client_rect();
                    let viewport = *handle.editor().viewport();
                    if (viewport.width - rect.width()).abs() > 0.5
                        || (viewport.height - rect.height()).abs() > 0.5
                    {
                        handle.update(|e| e.set_viewport_size(rect.width(), rect.height()));
                    }
                }
            };
            resize();
            let on_resize = Closure::<dyn FnMut()>::new(resize);
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, svg_ref.cast::<web_sys::Element>())
            {
                observer.observe(&element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(on_resize);
            }
        });
    }

    // Wheel events need a listener that may prevent scrolling the page.
    {
        let handle = handle.clone();
        let svg_ref = svg_ref.clone();
        let position = position.clone();
        use_effect_with((), move |()| {
            let listener = svg_ref.cast::<web_sys::Element>().map(|element| {
                EventListener::new_with_options(
                    &element,
                    "wheel",
                    EventListenerOptions::enable_prevent_default(),
                    move |event| {
                        let Some(event) = event.dyn_ref::<web_sys::WheelEvent>() else {
                            return;
                        };
                        event.prevent_default();
                        let scale = if event.delta_mode() == 1 { 16.0 } else { 1.0 };
                        let at = position(event.client_x(), event.client_y());
                        let wheel = WheelEvent {
                            x: at.x,
                            y: at.y,
                            dx: event.delta_x() * scale,
                            dy: event.delta_y() * scale,
                            modifiers: mouse_modifiers(event),
                        };
                        handle.update(|e| e.wheel(wheel));
                    },
                )
            });
            move || drop(listener)
        });
    }

    let onpointerdown = {
        let handle = handle.clone();
        let pointer = pointer.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |event: web_sys::PointerEvent| {
            if let Some(element) = svg_ref.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
            if let Some(element) = svg_ref.cast::<web_sys::Element>() {
                let _ = element.set_pointer_capture(event.pointer_id());
            }
            let at = pointer(&event);
            handle.update(|e| e.pointer_down(at));
        })
    };
    let redraw = use_force_update();
    let onpointermove = {
        let handle = handle.clone();
        let pointer = pointer.clone();
        Callback::from(move |event: web_sys::PointerEvent| {
            let (busy, dragging) = match handle.editor().gesture() {
                Gesture::Idle | Gesture::KeyboardLink { .. } => (false, false),
                Gesture::Dragging { .. } => (true, true),
                _ => (true, false),
            };
            if dragging {
                let at = pointer(&event);
                // A drag under way only moves nodes, and nothing outside the
                // drawing shows where they are (the panels follow the content
                // revision, autosave the settled one, and the undo step was
                // opened when the drag began), so only the canvas is drawn
                // again. Starting, ending or cancelling the drag re-renders
                // the planner.
                handle.update_quietly(|e| e.pointer_move(at));
                redraw.force_update();
            } else if busy {
                let at = pointer(&event);
                handle.update(|e| e.pointer_move(at));
            }
        })
    };
    let onpointerup = {
        let handle = handle.clone();
        let pointer = pointer.clone();
        Callback::from(move |event: web_sys::PointerEvent| {
            let at = pointer(&event);
            handle.update(|e| e.pointer_up(at));
        })
    };
    let onkeydown = {
        let handle = handle.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = KeyEvent::new(
                &event.key(),
                Modifiers {
                    shift: event.shift_key(),
                    ctrl: event.ctrl_key(),
                    alt: event.alt_key(),
                    meta: event.meta_key(),
                },
            );
            if handle.update(|e| e.key_down(&key)) {
                event.prevent_default();
            }
        })
    };
    let onkeyup = {
        let handle = handle.clone();
        Callback::from(move |event: KeyboardEvent| {
            let key = KeyEvent::new(&event.key(), Modifiers::NONE);
            if handle.update(|e| e.key_up(&key)) {
                event.prevent_default();
            }
        })
    };
    let ondragover = Callback::from(|event: DragEvent| event.prevent_default());
    let ondrop = {
        let handle = handle.clone();
        let on_file_drop = props.on_file_drop.clone();
        let position = position.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let Some(data) = event.data_transfer() else {
                return;
            };
            if let Some(item) = data
                .get_data(PALETTE_MIME)
                .ok()
                .and_then(|d| palette_item(&d))
            {
                let at = position(event.client_x(), event.client_y());
                handle.update(|e| {
                    let _ = e.drop_item(&item, at.x, at.y);
                });
                return;
            }
            if let Some(file) = data.files().and_then(|files| files.get(0)) {
                crate::browser::read_text_file(file, on_file_drop.clone());
            }
        })
    };

    // What nodes and links show apart from where they are changes only with
    // the content; during a drag only the moved shapes' props differ, so yew
    // skips the other nodes and links.
    // An edit changes the content of a few items: the others keep theirs
    // (the same `Rc`), so yew compares them by address.
    let earlier_content = use_mut_ref(|| None::<Rc<CanvasContent>>);
    let content = use_memo((handle.editor().content_revision(), lang), |&(_, lang)| {
        let mut earlier = earlier_content.borrow_mut();
        let content = Rc::new(CanvasContent::of(
            handle.editor().document(),
            &props.diagnostics,
            lang,
            earlier.as_deref(),
        ));
        *earlier = Some(content.clone());
        content
    });
    let content = (*content).clone();

    let editor = handle.editor();
    let design = editor.document();
    let layout = editor.layout();
    let viewport = *editor.viewport();
    let selection = editor.selection();
    let focus = editor.focus().cloned();
    let visible = viewport.visible();

    let link_target = match editor.gesture() {
        Gesture::Linking { target, .. } | Gesture::KeyboardLink { target, .. } => target.clone(),
        _ => None,
    };
    // The nodes being dragged and their links are drawn in a layer of their
    // own above the drawing, from the live layout. The rest of the drawing
    // does not change during a drag: it is drawn from the layout as the drag
    // began, so yew skips it as a whole and the browser keeps its pixels.
    let dragged: Vec<NodeId> = match editor.gesture() {
        Gesture::Dragging { nodes, .. } => nodes.clone(),
        _ => Vec::new(),
    };
    let still_layout = use_memo((editor.settled_revision(), dragged.clone()), |_| {
        ByAddress(layout.clone())
    });
    let drawing = html! {
        <Drawing layout={(*still_layout).clone()} content={ByAddress(content.clone())}
            selection={selection.clone()} focus={focus.clone()} link_target={link_target.clone()}
            dragged={dragged.clone()} />
    };
    // Found through the layout's index, in the layout's order: a move looks
    // at the few dragged and selected shapes, not at all of them.
    let index = editor.layout_index();
    let node_shapes = |ids: &mut dyn Iterator<Item = &NodeId>| -> Vec<&NodeShape> {
        let mut at: Vec<usize> = ids.filter_map(|id| index.node(id)).collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|i| &layout.nodes[i]).collect()
    };
    let moving = {
        let mut at: Vec<usize> = dragged
            .iter()
            .flat_map(|node| index.links_at(node).iter().copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        let links: Html = at
            .into_iter()
            .filter_map(|i| link_view(&layout.links[i], &content, selection, focus.as_ref()))
            .collect();
        let nodes: Html = node_shapes(&mut dragged.iter())
            .into_iter()
            .filter_map(|shape| node_view(shape, &content, selection, focus.as_ref(), None))
            .collect();
        html! { <><g class="links">{ links }</g><g class="nodes">{ nodes }</g></> }
    };

    // Selection and focus are drawn over the drawing, so changing them
    // repaints these few shapes, not the drawing under them.
    let marks = {
        let node_mark = |shape: &NodeShape, class: &'static str| {
            let rounded = content
                .nodes
                .get(&shape.id)
                .is_some_and(|c| c.kind == "service");
            let Rect {
                x,
                y,
                width,
                height,
            } = shape.rect;
            html! { <rect class={class} x={x.to_string()} y={y.to_string()} width={width.to_string()}
            height={height.to_string()} rx={if rounded { "24" } else { "6" }} /> }
        };
        let nodes: Html = node_shapes(&mut selection.nodes.iter())
            .into_iter()
            .map(|shape| node_mark(shape, "selected-node"))
            .collect();
        let links: Html = layout
            .links
            .iter()
            .filter(|link| !selection.links.is_empty() && selection.links.contains(&link.id))
            .map(|LinkShape { start, end, .. }| {
                html! { <line class="selected-link" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} /> }
            })
            .collect();
        let focused = match focus.as_ref() {
            Some(Item::Node(id)) => index
                .node(id)
                .map(|i| node_mark(&layout.nodes[i], "focused-node")),
            _ => None,
        };
        html! { <g class="marks">{ links }{ nodes }{ for focused }</g> }
    };

    let preview = match editor.gesture() {
        Gesture::Linking { from, current, .. } => layout.node(from).map(|shape| {
            let start = shape.rect.center();
            html! { <line class="link-preview" x1={start.x.to_string()} y1={start.y.to_string()}
            x2={current.x.to_string()} y2={current.y.to_string()} /> }
        }),
        Gesture::KeyboardLink { from, target } => {
            let start = layout.node(from).map(|s| s.rect.center());
            let end = target
                .as_ref()
                .and_then(|t| layout.node(t))
                .map(|s| s.rect.center());
            start.zip(end).map(|(start, end)| {
                html! { <line class="link-preview" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} /> }
            })
        }
        _ => None,
    };
    let brush = editor.brush().map(|Rect { x, y, width, height }| {
        html! { <rect class="brush" x={x.to_string()} y={y.to_string()} width={width.to_string()} height={height.to_string()} /> }
    });

    let active = focus.as_ref().map(item_dom_id);
    let focus_name = focus
        .as_ref()
        .and_then(|item| accessible_name(design, item, lang));
    let transform = format!(
        "translate({} {}) scale({})",
        viewport.pan.x, viewport.pan.y, viewport.zoom
    );
    let cursor = if editor.space_held() || matches!(editor.gesture(), Gesture::Panning { .. }) {
        "panning"
    } else {
        ""
    };
    let empty = design.vpcs.is_empty() && design.services.is_empty();

    html! {
        <div class="drawing">
            <svg ref={svg_ref} class={classes!("design-canvas", cursor)} tabindex="0" role="application"
                aria-label={text.drawing_label} aria-roledescription={text.drawing_roledescription}
                aria-activedescendant={active} aria-describedby="canvas-help"
                {onpointerdown} {onpointermove} {onpointerup} {onkeydown} {onkeyup} {ondragover} {ondrop}>
                <defs>
                    <pattern id="grid" width="20" height="20" patternUnits="userSpaceOnUse">
                        <path d="M 20 0 L 0 0 0 20" class="grid-line" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head" />
                    </marker>
                </defs>
                <g transform={transform.clone()}>
                    <rect class="grid" x={visible.x.to_string()} y={visible.y.to_string()}
                        width={visible.width.to_string()} height={visible.height.to_string()} fill="url(#grid)" />
                    <GroupBoxes {lang} groups={ByAddress(layout.groups.clone())} />
                    { drawing }
                </g>
            </svg>
            <svg class="drag-layer" aria-hidden="true" style={format!("height: {}px", viewport.height)}>
                <g transform={transform}>
                    // Chromium keeps the layer's layerization while the
                    // bounds of what it paints stay the same, and re-layerizes
                    // the whole page when they change. This empty rectangle
                    // holds those bounds, so moving, marking or previewing
                    // repaints only the layer.
                    <rect class="drag-extent" x={DRAG_EXTENT_MIN} y={DRAG_EXTENT_MIN}
                        width={DRAG_EXTENT_SIZE} height={DRAG_EXTENT_SIZE} />
                    { moving }
                    { marks }
                    <g class="previews">{ for preview }{ for brush }</g>
                </g>
            </svg>
            if empty {
                <p class="canvas-empty">{ text.canvas_empty_hint }</p>
            }
            <p id="canvas-help" class="visually-hidden">{ text.canvas_help }</p>
            <p class="visually-hidden canvas-focus" aria-live="polite">{ focus_name.unwrap_or_default() }</p>
            <Legend {lang} />
        </div>
    }
}

/// The square the drag layer's empty extent covers, in canvas units: far
/// beyond any design (at the smallest zoom it is 100,000 px from the origin).
const DRAG_EXTENT_MIN: &str = "-1000000";
const DRAG_EXTENT_SIZE: &str = "2000000";

/// Compares by identity: for props holding something large that is
/// replaced, never changed in place.
struct ByAddress<T: ?Sized>(Rc<T>);

impl<T: ?Sized> Clone for ByAddress<T> {
    fn clone(&self) -> Self {
        ByAddress(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for ByAddress<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
