//! The drawing: the editor's layout as SVG under the viewport transform —
//! group boxes, a light grid, links drawn per kind, nodes with their text,
//! selection, focus and diagnostic marks, and the previews of the gesture in
//! progress. Pointer, wheel and key events go to the editor unchanged.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use vpcplan_core::collections::{HashMap, HashSet};
use vpcplan_core::design::{Link, LinkId, Service, ServiceKind, Vpc};
use vpcplan_core::{Design, Diagnostic, Lang, LinkKind, Severity};
use vpcplan_editor::geometry::{GroupBox, LinkShape, NodeShape, service_lines, vpc_lines};
use vpcplan_editor::items::link_ends;
use vpcplan_editor::{
    Gesture, Item, KeyEvent, Layout, Modifiers, NodeId, NodeLookup, NodesById, PaletteItem, Point,
    PointerButton, PointerEvent, Rect, Selection, WheelEvent, accessible_name, link_name,
    node_name, subject_item,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;
use yew::virtual_dom::Key;

use crate::editor_handle::EditorHandle;
use crate::strings::strings;

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

/// The worst diagnostic severity naming each node and link.
fn marks(design: &Design, diagnostics: &[Diagnostic]) -> HashMap<Item, Severity> {
    let mut marks: HashMap<Item, Severity> = HashMap::default();
    for diagnostic in diagnostics {
        if diagnostic.severity == Severity::Info {
            continue;
        }
        for item in diagnostic
            .subjects
            .iter()
            .filter_map(|s| subject_item(design, s))
        {
            let entry = marks.entry(item).or_insert(diagnostic.severity);
            if diagnostic.severity == Severity::Error {
                *entry = Severity::Error;
            }
        }
    }
    marks
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

/// The radius of a group box's corners.
const GROUP_CORNER: f64 = 10.0;

/// A group box as four edges, each with the corner it starts at. A box
/// drawn as one shape is repainted whole when it grows, and with it
/// everything inside it (a Region's box holds most of the drawing); as
/// edges, only the strips along the edges that moved are.
fn group_edges(
    Rect {
        x,
        y,
        width,
        height,
    }: Rect,
) -> [String; 4] {
    let r = GROUP_CORNER.min(width / 2.0).min(height / 2.0);
    let (right, bottom) = (x + width, y + height);
    [
        format!(
            "M {x} {} A {r} {r} 0 0 1 {} {y} H {}",
            y + r,
            x + r,
            right - r
        ),
        format!(
            "M {} {y} A {r} {r} 0 0 1 {right} {} V {}",
            right - r,
            y + r,
            bottom - r
        ),
        format!(
            "M {right} {} A {r} {r} 0 0 1 {} {bottom} H {}",
            bottom - r,
            right - r,
            x + r
        ),
        format!(
            "M {} {bottom} A {r} {r} 0 0 1 {x} {} V {}",
            x + r,
            bottom - r,
            y + r
        ),
    ]
}

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

#[derive(Properties, PartialEq)]
struct GroupBoxesProps {
    lang: Lang,
    /// The same allocation while the boxes stay as they are, as during most
    /// of a drag, so yew skips them.
    groups: ByAddress<[GroupBox]>,
}

/// The Region and account boxes.
#[function_component]
fn GroupBoxes(props: &GroupBoxesProps) -> Html {
    let text = strings(props.lang);
    let groups = props.groups.0.iter().map(|group| {
        let Rect { x, y, .. } = group.rect;
        let (class, label) = match &group.account {
            Some(account) => (
                "group account",
                format!("{} · {account}", text.account_label),
            ),
            None => ("group region", group.region.clone()),
        };
        let edges = group_edges(group.rect).map(|d| html! { <path class="edge" {d} /> });
        html! {
            <g class={class}>
                { for edges }
                <text x={(x + 8.0).to_string()} y={(y + 16.0).to_string()}>{ label }</text>
            </g>
        }
    });
    html! { <g class="groups">{ for groups }</g> }
}

#[derive(Properties, PartialEq)]
struct DrawingProps {
    layout: ByAddress<Layout>,
    content: ByAddress<CanvasContent>,
    selection: Selection,
    focus: Option<Item>,
    link_target: Option<NodeId>,
    /// Nodes drawn in the drag layer instead, with their links.
    dragged: Vec<NodeId>,
}

/// The links and nodes of the drawing, but those being dragged.
#[function_component]
fn Drawing(props: &DrawingProps) -> Html {
    let (layout, content) = (&props.layout.0, &props.content.0);
    let dragged: HashSet<&NodeId> = props.dragged.iter().collect();
    let focus = props.focus.as_ref();
    let links: Html = layout
        .links
        .iter()
        .filter(|link| !dragged.contains(&link.from) && !dragged.contains(&link.to))
        .filter_map(|link| link_view(link, content, &props.selection, focus))
        .collect();
    let nodes: Html = layout
        .nodes
        .iter()
        .filter(|shape| !dragged.contains(&shape.id))
        .filter_map(|shape| {
            node_view(
                shape,
                content,
                &props.selection,
                focus,
                props.link_target.as_ref(),
            )
        })
        .collect();
    html! {
        <>
            <g class="links">{ links }</g>
            <g class="nodes">{ nodes }</g>
        </>
    }
}

fn link_view(
    link: &LinkShape,
    content: &CanvasContent,
    selection: &Selection,
    focus: Option<&Item>,
) -> Option<Html> {
    let item = Item::Link(link.id.clone());
    let content = content.links.get(&link.id)?.clone();
    let key = content.key.clone();
    Some(html! {
        <LinkView {key} {content} shape={link.clone()}
            selected={selection.contains(&item)} focused={focus == Some(&item)} />
    })
}

fn node_view(
    shape: &NodeShape,
    content: &CanvasContent,
    selection: &Selection,
    focus: Option<&Item>,
    link_target: Option<&NodeId>,
) -> Option<Html> {
    let item = Item::Node(shape.id.clone());
    let content = content.nodes.get(&shape.id)?.clone();
    let key = content.key.clone();
    Some(html! {
        <NodeView {key} {content} shape={shape.clone()}
            selected={selection.contains(&item)} focused={focus == Some(&item)}
            target={link_target == Some(&shape.id)} />
    })
}

/// What a node shows that depends on the document's content and the
/// language, not on where the node is.
#[derive(PartialEq, Eq, Debug)]
struct NodeContent {
    key: Key,
    dom_id: AttrValue,
    kind: &'static str,
    lines: Vec<AttrValue>,
    name: AttrValue,
    mark: Option<&'static str>,
}

#[derive(PartialEq, Eq, Debug)]
struct LinkContent {
    key: Key,
    dom_id: AttrValue,
    kind: &'static str,
    name: AttrValue,
    mark: Option<&'static str>,
}

/// The content of every node and link, computed once per content revision
/// and language.
#[derive(PartialEq, Debug)]
struct CanvasContent {
    /// The document it is of.
    design: Rc<Design>,
    lang: Lang,
    nodes: HashMap<NodeId, Rc<NodeContent>>,
    links: HashMap<LinkId, Rc<LinkContent>>,
}

/// The content computed for an earlier document, with what tells which of
/// it still holds: that document's nodes and links by id, and the nodes
/// whose name changed since (links and endpoint services name them).
struct Earlier<'e> {
    content: &'e CanvasContent,
    nodes: NodesById<'e>,
    links: HashMap<&'e LinkId, &'e Link>,
    renamed: HashSet<NodeId>,
}

impl<'e> Earlier<'e> {
    /// `None` where nothing can be shared: another language, or ids that
    /// repeat (names and contents are found by id).
    fn of(
        content: &'e CanvasContent,
        lang: Lang,
        now: &NodesById,
        design: &Design,
    ) -> Option<Self> {
        let nodes = NodesById::new(&content.design);
        let links: HashMap<&LinkId, &Link> = content
            .design
            .links
            .iter()
            .map(|link| (&link.id, link))
            .collect();
        if content.lang != lang
            || !nodes.each_id_once()
            || !now.each_id_once()
            || links.len() != content.design.links.len()
        {
            return None;
        }
        let mut renamed = HashSet::default();
        for (vpcs, other) in [(&design.vpcs, &nodes), (&content.design.vpcs, now)] {
            renamed.extend(
                vpcs.iter()
                    .filter(|vpc| other.vpc(&vpc.id).is_none_or(|o| o.name != vpc.name))
                    .map(|vpc| NodeId::Vpc(vpc.id.clone())),
            );
        }
        for (services, other) in [(&design.services, &nodes), (&content.design.services, now)] {
            renamed.extend(
                services
                    .iter()
                    .filter(|s| other.service(&s.id).is_none_or(|o| o.name != s.name))
                    .map(|s| NodeId::Service(s.id.clone())),
            );
        }
        Some(Earlier {
            content,
            nodes,
            links,
            renamed,
        })
    }

    /// The earlier content of a node whose record and mark did not change,
    /// nor the name of the VPC providing it (for an endpoint service).
    fn node(&self, node: &Node, mark: Option<&'static str>) -> Option<Rc<NodeContent>> {
        let unchanged = match node {
            Node::Vpc(vpc) => self.nodes.vpc(&vpc.id) == Some(*vpc),
            Node::Service(service) => {
                self.nodes.service(&service.id) == Some(*service)
                    && match &service.kind {
                        ServiceKind::EndpointService(es) => {
                            !self.renamed.contains(&NodeId::Vpc(es.provider_vpc.clone()))
                        }
                        ServiceKind::Aws { .. } => true,
                    }
            }
        };
        let earlier = self.content.nodes.get(&node.id())?;
        (unchanged && earlier.mark == mark).then(|| earlier.clone())
    }

    /// The earlier content of a link that did not change, nor its mark,
    /// nor the names of the nodes at its ends.
    fn link(&self, link: &Link, mark: Option<&'static str>) -> Option<Rc<LinkContent>> {
        let (from, to) = link_ends(&link.spec)?;
        let earlier = self.content.links.get(&link.id)?;
        (self.links.get(&link.id) == Some(&link)
            && !self.renamed.contains(&from)
            && !self.renamed.contains(&to)
            && earlier.mark == mark)
            .then(|| earlier.clone())
    }
}

/// A VPC or a service of the design.
enum Node<'d> {
    Vpc(&'d Vpc),
    Service(&'d Service),
}

impl Node<'_> {
    fn id(&self) -> NodeId {
        match self {
            Node::Vpc(vpc) => NodeId::Vpc(vpc.id.clone()),
            Node::Service(service) => NodeId::Service(service.id.clone()),
        }
    }
}

impl CanvasContent {
    /// The content of `design`'s nodes and links, sharing with `earlier`
    /// (the content of an earlier document) what did not change.
    fn of(
        design: &Rc<Design>,
        diagnostics: &[Diagnostic],
        lang: Lang,
        earlier: Option<&CanvasContent>,
    ) -> CanvasContent {
        let marks = marks(design, diagnostics);
        let mark = |item: &Item| marks.get(item).map(|s| s.slug());
        let by_id = NodesById::new(design);
        let earlier = earlier.and_then(|content| Earlier::of(content, lang, &by_id, design));
        let nodes = design
            .vpcs
            .iter()
            .map(Node::Vpc)
            .chain(design.services.iter().map(Node::Service))
            .map(|node| {
                let id = node.id();
                let item = Item::Node(id.clone());
                let mark = mark(&item);
                if let Some(content) = earlier.as_ref().and_then(|e| e.node(&node, mark)) {
                    return (id, content);
                }
                let (kind, lines) = match node {
                    Node::Vpc(vpc) => ("vpc", vpc_lines(vpc)),
                    Node::Service(service) => ("service", service_lines(service)),
                };
                let dom_id = item_dom_id(&item);
                let content = NodeContent {
                    key: Key::from(dom_id.as_str()),
                    dom_id: dom_id.into(),
                    kind,
                    lines: lines.into_iter().map(AttrValue::from).collect(),
                    name: AttrValue::from(node_name(&by_id, &id, lang).unwrap_or_default()),
                    mark,
                };
                (id, Rc::new(content))
            })
            .collect();
        let links = design
            .links
            .iter()
            .map(|link| {
                let item = Item::Link(link.id.clone());
                let mark = mark(&item);
                if let Some(content) = earlier.as_ref().and_then(|e| e.link(link, mark)) {
                    return (link.id.clone(), content);
                }
                let dom_id = item_dom_id(&item);
                let content = LinkContent {
                    key: Key::from(dom_id.as_str()),
                    dom_id: dom_id.into(),
                    kind: kind_class(link.kind()),
                    name: AttrValue::from(link_name(&by_id, link, lang)),
                    mark,
                };
                (link.id.clone(), Rc::new(content))
            })
            .collect();
        CanvasContent {
            design: design.clone(),
            lang,
            nodes,
            links,
        }
    }
}

#[derive(Properties, PartialEq)]
struct NodeViewProps {
    content: Rc<NodeContent>,
    shape: NodeShape,
    selected: bool,
    focused: bool,
    /// The node a link being drawn would end at.
    target: bool,
}

#[function_component]
fn NodeView(props: &NodeViewProps) -> Html {
    let content = &props.content;
    let Rect {
        x,
        y,
        width,
        height,
    } = props.shape.rect;
    let texts = content.lines.iter().enumerate().map(|(i, line)| {
        let class = if i == 0 { "title" } else { "detail" };
        html! {
            <text class={class} x={(x + 12.0).to_string()} y={(y + 12.0 + 13.0 + 18.0 * i as f64).to_string()}>{ line.clone() }</text>
        }
    });
    html! {
        <g id={content.dom_id.clone()} class={classes!("node", content.kind, content.mark, props.selected.then_some("selected"), props.focused.then_some("focused"), props.target.then_some("link-target"))}
            role="img" aria-label={content.name.clone()} data-node={props.shape.id.as_str().to_owned()}>
            <rect x={x.to_string()} y={y.to_string()} width={width.to_string()} height={height.to_string()} rx="6" />
            { for texts }
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct LinkViewProps {
    content: Rc<LinkContent>,
    shape: LinkShape,
    selected: bool,
    focused: bool,
}

#[function_component]
fn LinkView(props: &LinkViewProps) -> Html {
    let content = &props.content;
    let LinkShape { start, end, .. } = &props.shape;
    html! {
        <g id={content.dom_id.clone()} class={classes!("link", content.kind, content.mark, props.selected.then_some("selected"), props.focused.then_some("focused"))}
            role="img" aria-label={content.name.clone()} data-link={props.shape.id.as_str().to_owned()}>
            <line class="halo" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} />
            <line class="stroke" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} marker-end="url(#arrow)" />
        </g>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    lang: Lang,
}

#[function_component]
fn Legend(props: &LegendProps) -> Html {
    let text = strings(props.lang);
    let entries = LinkKind::ALL.into_iter().map(|kind| {
        html! {
            <li class={classes!("legend-entry", kind_class(kind))}>
                <svg width="36" height="10" aria-hidden="true"><line x1="0" y1="5" x2="36" y2="5" /></svg>
                { kind.name().get(props.lang).to_owned() }
            </li>
        }
    });
    html! {
        <div class="canvas-legend">
            <span class="legend-title">{ text.canvas_legend }</span>
            <ul>{ for entries }</ul>
            <span class="legend-mark error">{ text.severity_heading(Severity::Error) }</span>
            <span class="legend-mark warning">{ text.severity_heading(Severity::Warning) }</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use vpcplan_core::synthetic::{Shape, generate};
    use vpcplan_editor::command::Command;
    use vpcplan_editor::{Editor, Point};

    use super::*;

    fn content(editor: &Editor, lang: Lang, earlier: Option<&CanvasContent>) -> CanvasContent {
        CanvasContent::of(editor.document(), &editor.diagnostics(), lang, earlier)
    }

    fn shared_links(content: &CanvasContent, earlier: &CanvasContent) -> usize {
        content
            .links
            .iter()
            .filter(|(id, link)| earlier.links.get(*id).is_some_and(|e| Rc::ptr_eq(e, link)))
            .count()
    }

    #[test]
    fn content_built_on_the_earlier_content_equals_content_built_afresh() {
        let mut editor = Editor::new(generate(&Shape::benchmark(40)));
        let mut earlier = content(&editor, Lang::En, None);
        let peer_cidr = editor.document().vpcs[4].ipv4_cidrs[0].to_string();
        let mut check = |editor: &Editor, what: &str| {
            let built_on = content(editor, Lang::En, Some(&earlier));
            assert_eq!(built_on, content(editor, Lang::En, None), "after {what}");
            let shared = shared_links(&built_on, &earlier);
            earlier = built_on;
            shared
        };
        let links = editor.document().links.len();

        editor
            .apply(Command::SetIpv4Cidrs {
                vpc: "vpc-1".into(),
                cidrs: vec![peer_cidr],
            })
            .expect("the CIDR applies");
        let shared = check(&editor, "a CIDR edit");
        assert!(shared > links / 2, "{shared} of {links} links shared");
        editor
            .apply(Command::RenameNode {
                node: NodeId::vpc("vpc-2"),
                name: "renamed".into(),
            })
            .expect("the rename applies");
        let shared = check(&editor, "a rename");
        assert!(shared < links, "the renamed VPC's links are named again");
        editor
            .apply(Command::AddEndpointService {
                at: Point::new(-400.0, -400.0),
            })
            .expect("the endpoint service is placed");
        check(&editor, "adding an endpoint service");
        let provider = editor
            .document()
            .services
            .iter()
            .find_map(|service| match &service.kind {
                ServiceKind::EndpointService(es) => Some(es.provider_vpc.clone()),
                ServiceKind::Aws { .. } => None,
            })
            .expect("an endpoint service");
        editor
            .apply(Command::RenameNode {
                node: NodeId::Vpc(provider),
                name: "provider".into(),
            })
            .expect("the provider is renamed");
        check(&editor, "renaming the endpoint service's provider");
        editor
            .apply(Command::MoveNodes {
                nodes: vec![NodeId::vpc("vpc-3")],
                dx: 40.0,
                dy: 0.0,
            })
            .expect("the move applies");
        check(&editor, "a move");
        editor
            .apply(Command::Delete {
                nodes: vec![NodeId::vpc("vpc-3")],
                links: vec![],
            })
            .expect("the delete applies");
        check(&editor, "a deletion");
        while editor.undo() {
            check(&editor, "an undo");
        }

        let japanese = content(&editor, Lang::Ja, Some(&earlier));
        assert_eq!(japanese, content(&editor, Lang::Ja, None));
        assert_eq!(
            shared_links(&japanese, &earlier),
            0,
            "another language shares nothing"
        );
    }
}
