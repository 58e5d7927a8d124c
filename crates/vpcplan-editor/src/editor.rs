//! The editor: the document, its history, the selection and the viewport,
//! and the tools as a state machine driven by pointer, wheel and key events.
//!
//! The UI renders what the editor exposes (`document`, `layout`,
//! `selection`, `gesture`, `link_choice`, `viewport`) and forwards DOM
//! events as plain values. Pointer and wheel positions are screen pixels
//! relative to the canvas element's top-left corner; the editor converts
//! them to canvas units through the viewport.

use std::cell::RefCell;
use std::rc::Rc;

use vpcplan_core::Design;
use vpcplan_core::collections::{btree_set, sort_by};
use vpcplan_core::design::{LinkId, Position};
use vpcplan_core::diagnostic::{Diagnostic, Subject};
use vpcplan_core::link_kind::LinkKind;

use crate::command::{Command, Defaults, EditError, Field, plan};
use crate::geometry::{
    GRID, LINK_HIT_TOLERANCE, Layout, LayoutIndex, MAX_ZOOM, MIN_ZOOM, Point, Rect, Viewport, snap,
};
use crate::history::History;
use crate::items::{Item, NodeId, Selection};
use crate::link_choice::LinkChoice;
use crate::patch::{Patch, Record};

/// How far, in screen pixels, a pointer must move before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 3.0;
/// The zoom step of the zoom buttons and the `+` and `-` keys.
pub const ZOOM_STEP: f64 = 1.25;
/// Margin around the design when fitting it to the view, in canvas units.
const FIT_MARGIN: f64 = 40.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub shift: bool,
    pub ctrl: bool,
    pub alt: bool,
    pub meta: bool,
}

impl Modifiers {
    pub const NONE: Modifiers = Modifiers {
        shift: false,
        ctrl: false,
        alt: false,
        meta: false,
    };
    pub const SHIFT: Modifiers = Modifiers {
        shift: true,
        ..Modifiers::NONE
    };
    pub const CTRL: Modifiers = Modifiers {
        ctrl: true,
        ..Modifiers::NONE
    };

    /// Ctrl, or Cmd on a Mac.
    pub fn command(self) -> bool {
        self.ctrl || self.meta
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PointerButton {
    #[default]
    Primary,
    Middle,
    Secondary,
}

/// A pointer event at screen pixels relative to the canvas element.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PointerEvent {
    pub x: f64,
    pub y: f64,
    pub button: PointerButton,
    pub modifiers: Modifiers,
}

impl PointerEvent {
    pub fn at(x: f64, y: f64) -> PointerEvent {
        PointerEvent {
            x,
            y,
            ..PointerEvent::default()
        }
    }

    pub fn with(self, modifiers: Modifiers) -> PointerEvent {
        PointerEvent { modifiers, ..self }
    }

    fn screen(&self) -> Point {
        Point::new(self.x, self.y)
    }
}

/// A wheel event: the pointer position and the scroll deltas in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WheelEvent {
    pub x: f64,
    pub y: f64,
    pub dx: f64,
    pub dy: f64,
    pub modifiers: Modifiers,
}

/// A key event, `key` as the DOM's `KeyboardEvent.key` names it
/// (`"Escape"`, `"ArrowLeft"`, `"z"`, `" "` …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEvent {
    pub key: String,
    pub modifiers: Modifiers,
}

impl KeyEvent {
    pub fn new(key: &str, modifiers: Modifiers) -> KeyEvent {
        KeyEvent {
            key: key.to_owned(),
            modifiers,
        }
    }
}

/// What the palette places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteItem {
    Vpc,
    /// An AWS service by its catalogue suffix (`s3`, `sqs` …).
    AwsService(String),
    EndpointService,
}

impl PaletteItem {
    fn command(&self, at: Point) -> Command {
        match self {
            PaletteItem::Vpc => Command::AddVpc { at },
            PaletteItem::AwsService(service) => Command::AddAwsService {
                service: service.clone(),
                at,
            },
            PaletteItem::EndpointService => Command::AddEndpointService { at },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Tool {
    /// Click, shift-click, box select, drag to move.
    #[default]
    Select,
    /// Drag to pan.
    Hand,
    /// Click to place the item, then back to `Select`.
    Place(PaletteItem),
    /// Drag from one node to another to choose a link between them.
    Link,
}

/// The gesture in progress: the state of the active tool.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Gesture {
    #[default]
    Idle,
    /// Pressed on a node, not moved far enough to drag yet.
    PointingNode {
        node: NodeId,
        screen_origin: Point,
        /// On release without a drag, select only this node (it was part of
        /// a larger selection when pressed).
        collapse_on_release: bool,
    },
    /// Pressed on the background, not moved far enough to box-select yet.
    PointingBackground {
        screen_origin: Point,
        base: Selection,
    },
    /// Moving the selected nodes; the moves so far are one pending undo step.
    Dragging {
        nodes: Vec<NodeId>,
        canvas_origin: Point,
        /// The (snapped) offset applied so far.
        applied: (f64, f64),
    },
    /// Box selection from `origin` to `current` (canvas units), adding to `base`.
    Brushing {
        origin: Point,
        current: Point,
        base: Selection,
    },
    Panning {
        last: Point,
    },
    /// Dragging a link from `from`; `target` is the node under the pointer.
    Linking {
        from: NodeId,
        current: Point,
        target: Option<NodeId>,
    },
    /// A link started with the keyboard: arrows or Tab pick `target`, Enter
    /// opens the chooser.
    KeyboardLink {
        from: NodeId,
        target: Option<NodeId>,
    },
}

#[derive(Debug, Clone)]
pub struct Editor {
    document: Rc<Design>,
    revision: u64,
    /// The revision of the last change that was not only a move of nodes.
    content_revision: u64,
    /// The revision when no gesture was open last.
    settled_revision: u64,
    history: History,
    selection: Selection,
    focus: Option<Item>,
    viewport: Viewport,
    tool: Tool,
    gesture: Gesture,
    link_choice: Option<LinkChoice>,
    inspector_open: bool,
    space_held: bool,
    clipboard: Vec<NodeId>,
    /// How many times the clipboard was pasted: each paste lands one step
    /// further, so repeated pastes do not pile up on one spot.
    pastes: u32,
    /// The largest zoom "fit to design" uses (above 1 in presentation mode,
    /// so a small design shows large).
    fit_zoom_limit: f64,
    /// Fit again when the canvas changes size, until the user moves the view.
    fit_on_resize: bool,
    defaults: Defaults,
    /// The last refusal of an edit started by an event, for the UI to show.
    last_error: Option<EditError>,
    /// The layout of the document at a revision, so pointer events and
    /// renders between edits share one.
    layout: RefCell<Option<LayoutCache>>,
}

/// A layout, the revision it is of, and its index, with which moving nodes
/// updates it instead of laying out the whole document again.
#[derive(Debug, Clone)]
struct LayoutCache {
    revision: u64,
    layout: Rc<Layout>,
    index: Rc<LayoutIndex>,
}

impl Default for Editor {
    fn default() -> Editor {
        Editor::new(Design::default())
    }
}

impl Editor {
    pub fn new(design: Design) -> Editor {
        Editor {
            document: Rc::new(design),
            revision: 0,
            content_revision: 0,
            settled_revision: 0,
            history: History::default(),
            selection: Selection::default(),
            focus: None,
            viewport: Viewport::default(),
            tool: Tool::Select,
            gesture: Gesture::Idle,
            link_choice: None,
            inspector_open: false,
            space_held: false,
            clipboard: Vec::new(),
            pastes: 0,
            fit_zoom_limit: 1.0,
            fit_on_resize: false,
            defaults: Defaults::default(),
            last_error: None,
            layout: RefCell::new(None),
        }
    }

    // ----- The document and its history -----

    /// The document, cheap to clone and compare by pointer.
    pub fn document(&self) -> &Rc<Design> {
        &self.document
    }

    /// Grows by one with every change of the document (edits, undo, redo,
    /// load), so the UI can recompute derived views only when it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The revision of the last change other than moving nodes: what the
    /// diagnostics, reachability and exports depend on, so the UI can keep
    /// them through a drag.
    pub fn content_revision(&self) -> u64 {
        self.content_revision
    }

    /// The revision of the document outside gestures: during a drag it stays
    /// at the revision before the drag, and it catches up when the drag
    /// becomes an undo step (or is cancelled). Autosave follows it.
    pub fn settled_revision(&self) -> u64 {
        self.settled_revision
    }

    /// Replaces the document (New, Open, restore) and forgets the history.
    pub fn load(&mut self, design: Design) {
        self.cancel_gesture();
        self.document = Rc::new(design);
        self.revision += 1;
        self.content_revision = self.revision;
        self.settled_revision = self.revision;
        self.history.clear();
        self.selection = Selection::default();
        self.focus = None;
        self.link_choice = None;
        self.inspector_open = false;
    }

    pub fn defaults(&self) -> &Defaults {
        &self.defaults
    }

    pub fn set_defaults(&mut self, defaults: Defaults) {
        self.defaults = defaults;
    }

    /// Applies `command` as one undo step (or as part of the open gesture),
    /// returning what changed; on error nothing changes.
    pub fn apply(&mut self, command: Command) -> Result<Patch, EditError> {
        let patch = plan(&self.document, &self.defaults, &command)?;
        self.apply_patch(&patch);
        self.history.record(patch.clone());
        Ok(patch)
    }

    /// `apply` for callers that do not look at the patch (a drag step),
    /// sparing a copy of every record it touches; a refusal is kept for the UI.
    fn apply_unseen(&mut self, command: Command) -> bool {
        match plan(&self.document, &self.defaults, &command) {
            Ok(patch) => {
                self.apply_patch(&patch);
                self.history.record(patch);
                self.last_error = None;
                true
            }
            Err(error) => {
                self.last_error = Some(error);
                false
            }
        }
    }

    fn apply_patch(&mut self, patch: &Patch) {
        if patch.is_empty() {
            return;
        }
        patch.apply_to(Rc::make_mut(&mut self.document));
        self.revision += 1;
        if !patch.moves_only() {
            self.content_revision = self.revision;
        }
        self.update_layout(patch);
        if !self.history.in_gesture() {
            self.settled_revision = self.revision;
        }
        self.selection.retain_existing(&self.document);
        if self
            .focus
            .as_ref()
            .is_some_and(|item| !item.exists_in(&self.document))
        {
            self.focus = None;
        }
    }

    /// Undoes the last step; during a drag it only cancels the drag.
    pub fn undo(&mut self) -> bool {
        let dragging = matches!(self.gesture, Gesture::Dragging { .. });
        self.cancel_gesture();
        if dragging {
            return true;
        }
        match self.history.undo() {
            Some(patches) => {
                patches.iter().for_each(|p| self.apply_patch(p));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        self.cancel_gesture();
        match self.history.redo() {
            Some(patches) => {
                patches.iter().for_each(|p| self.apply_patch(p));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The diagnostics of the document, computed now (memoise on
    /// `content_revision`).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        vpcplan_core::validate(&self.document)
    }

    /// Where every node, link and group box is drawn, computed once per
    /// revision.
    pub fn layout(&self) -> Rc<Layout> {
        let mut cache = self.layout.borrow_mut();
        match &*cache {
            Some(cached) if cached.revision == self.revision => cached.layout.clone(),
            _ => {
                let (layout, index) = Layout::indexed(&self.document);
                let layout = Rc::new(layout);
                *cache = Some(LayoutCache {
                    revision: self.revision,
                    layout: layout.clone(),
                    index: Rc::new(index),
                });
                layout
            }
        }
    }

    /// The index of `layout()`: where its nodes and links are.
    pub fn layout_index(&self) -> Rc<LayoutIndex> {
        self.layout();
        let cache = self.layout.borrow();
        cache
            .as_ref()
            .map(|cached| cached.index.clone())
            .unwrap_or_default()
    }

    /// Brings the cached layout of the revision before `patch` up to the
    /// document when the patch keeps its index (moves, most inspector
    /// edits), by laying out the updated nodes again; any other cached
    /// layout is left to be laid out again when asked for.
    fn update_layout(&mut self, patch: &Patch) {
        let Some(cached) = self.layout.get_mut() else {
            return;
        };
        if cached.revision + 1 != self.revision
            || !cached.index.covers(&cached.layout)
            || !patch.keeps_layout_index()
        {
            return;
        }
        let moved: Vec<NodeId> = patch
            .updated
            .iter()
            .filter_map(|update| update.after.node())
            .collect();
        Rc::make_mut(&mut cached.layout).move_nodes(&cached.index, &self.document, &moved);
        cached.revision = self.revision;
    }

    pub fn last_error(&self) -> Option<&EditError> {
        self.last_error.as_ref()
    }

    pub fn clear_error(&mut self) {
        self.last_error = None;
    }

    /// Applies a command started by an event, keeping a refusal for the UI.
    fn apply_from_event(&mut self, command: Command) -> Option<Patch> {
        match self.apply(command) {
            Ok(patch) => {
                self.last_error = None;
                Some(patch)
            }
            Err(error) => {
                self.last_error = Some(error);
                None
            }
        }
    }

    // ----- Selection, focus, inspector -----

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn set_selection(&mut self, mut selection: Selection) {
        selection.retain_existing(&self.document);
        self.selection = selection;
    }

    pub fn select_all(&mut self) {
        self.selection = Selection {
            nodes: btree_set(self.all_nodes()),
            links: btree_set(self.document.links.iter().map(|l| l.id.clone())),
        };
    }

    fn all_nodes(&self) -> Vec<NodeId> {
        let design = &self.document;
        design
            .vpcs
            .iter()
            .map(|v| NodeId::Vpc(v.id.clone()))
            .chain(
                design
                    .services
                    .iter()
                    .map(|s| NodeId::Service(s.id.clone())),
            )
            .collect()
    }

    /// Selects what a diagnostic or a reachability reason is about (a
    /// subnet, route table or security group selects its VPC) and pans to
    /// show it when it is off screen; returns whether anything was selected.
    pub fn reveal(&mut self, subjects: &[Subject]) -> bool {
        let mut selection = Selection::default();
        for subject in subjects {
            match subject_item(&self.document, subject) {
                Some(item) => selection.insert(item),
                None => continue,
            }
        }
        selection.retain_existing(&self.document);
        if selection.is_empty() {
            return false;
        }
        let layout = self.layout();
        let bounds = selection
            .nodes
            .iter()
            .filter_map(|node| layout.node(node).map(|shape| shape.rect))
            .chain(
                layout
                    .links
                    .iter()
                    .filter(|link| selection.links.contains(&link.id))
                    .map(|link| Rect::spanning(link.start, link.end)),
            )
            .reduce(|a, b| a.union(&b));
        if let Some(bounds) = bounds {
            let visible = self.viewport.visible();
            let shown = visible.x <= bounds.x
                && visible.y <= bounds.y
                && visible.right() >= bounds.right()
                && visible.bottom() >= bounds.bottom();
            if !shown {
                let target = self.viewport.to_screen(bounds.center());
                let center = self.viewport.center();
                self.viewport
                    .pan_by(center.x - target.x, center.y - target.y);
            }
        }
        self.focus = selection.single();
        self.selection = selection;
        true
    }

    /// The item keyboard focus is on.
    pub fn focus(&self) -> Option<&Item> {
        self.focus.as_ref()
    }

    /// Focuses and selects `item` (as Tab does).
    pub fn set_focus(&mut self, item: Option<Item>) {
        let item = item.filter(|item| item.exists_in(&self.document));
        if let Some(item) = &item {
            self.selection = Selection::only(item.clone());
        }
        self.focus = item;
    }

    /// The order Tab visits: nodes top to bottom, then left to right, then
    /// the links in the order they were made.
    pub fn focus_order(&self) -> Vec<Item> {
        let design = &self.document;
        let mut nodes: Vec<(Position, NodeId)> = design
            .vpcs
            .iter()
            .map(|v| (v.position, NodeId::Vpc(v.id.clone())))
            .chain(
                design
                    .services
                    .iter()
                    .map(|s| (s.position, NodeId::Service(s.id.clone()))),
            )
            .collect();
        sort_by(&mut nodes, |(a, a_id), (b, b_id)| {
            a.y.total_cmp(&b.y)
                .then(a.x.total_cmp(&b.x))
                .then(a_id.cmp(b_id))
        });
        nodes
            .into_iter()
            .map(|(_, id)| Item::Node(id))
            .chain(design.links.iter().map(|l| Item::Link(l.id.clone())))
            .collect()
    }

    /// Moves focus to the next (or previous) item; returns false when it
    /// leaves the canvas past either end, so the browser moves focus on.
    pub fn focus_next(&mut self, backwards: bool) -> bool {
        let order = self.focus_order();
        let current = self
            .focus
            .as_ref()
            .and_then(|f| order.iter().position(|item| item == f));
        let next = match (current, backwards) {
            (None, false) => order.first().cloned(),
            (None, true) => order.last().cloned(),
            (Some(i), false) => order.get(i + 1).cloned(),
            (Some(i), true) => i.checked_sub(1).and_then(|i| order.get(i).cloned()),
        };
        let moved = next.is_some();
        self.set_focus(next);
        moved
    }

    /// Whether the inspector is open (Enter opens it, Escape closes it).
    pub fn inspector_open(&self) -> bool {
        self.inspector_open
    }

    pub fn set_inspector_open(&mut self, open: bool) {
        self.inspector_open = open;
    }

    // ----- Viewport -----

    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// The canvas element's size in screen pixels (call on resize).
    pub fn set_viewport_size(&mut self, width: f64, height: f64) {
        self.viewport.width = width;
        self.viewport.height = height;
        if self.fit_on_resize {
            self.fit_to_design();
        }
    }

    /// The largest zoom fitting may use, within the zoom limits.
    pub fn set_fit_zoom_limit(&mut self, limit: f64) {
        if limit.is_finite() {
            self.fit_zoom_limit = limit.clamp(MIN_ZOOM, MAX_ZOOM);
        }
    }

    /// Fits the design now and again whenever the canvas changes size, until
    /// the user points at, scrolls or types on the canvas: for a layout change (such as entering
    /// presentation mode) that resizes the canvas after this call.
    pub fn fit_to_design_as_resized(&mut self) {
        self.fit_on_resize = true;
        self.fit_to_design();
    }

    pub fn zoom_in(&mut self) {
        self.viewport.zoom_at(self.viewport.center(), ZOOM_STEP);
    }

    pub fn zoom_out(&mut self) {
        self.viewport
            .zoom_at(self.viewport.center(), 1.0 / ZOOM_STEP);
    }

    /// Zooms and pans so the whole design shows (nothing happens for an
    /// empty design).
    pub fn fit_to_design(&mut self) {
        if let Some(bounds) = self.layout().bounds() {
            self.viewport.fit(bounds, FIT_MARGIN, self.fit_zoom_limit);
        }
    }

    // ----- Tools and gestures -----

    pub fn tool(&self) -> &Tool {
        &self.tool
    }

    pub fn set_tool(&mut self, tool: Tool) {
        self.cancel_gesture();
        self.tool = tool;
    }

    pub fn gesture(&self) -> &Gesture {
        &self.gesture
    }

    /// The node or link under a screen point (for hover highlights and tooltips).
    pub fn item_at(&self, x: f64, y: f64) -> Option<Item> {
        let canvas = self.viewport.to_canvas(Point::new(x, y));
        self.layout()
            .hit(canvas, LINK_HIT_TOLERANCE / self.viewport.zoom)
    }

    /// Whether space is held (pan on drag): the UI shows a grab cursor.
    pub fn space_held(&self) -> bool {
        self.space_held
    }

    /// The box-selection rectangle in canvas units, while brushing.
    pub fn brush(&self) -> Option<Rect> {
        match &self.gesture {
            Gesture::Brushing {
                origin, current, ..
            } => Some(Rect::spanning(*origin, *current)),
            _ => None,
        }
    }

    /// The chooser waiting for the user to pick a kind of link.
    pub fn link_choice(&self) -> Option<&LinkChoice> {
        self.link_choice.as_ref()
    }

    /// Opens the chooser for a pair directly (for a UI that picks the pair
    /// another way).
    pub fn open_link_choice(&mut self, from: NodeId, to: NodeId) {
        self.link_choice = Some(LinkChoice::new(&self.document, from, to));
    }

    pub fn cancel_link_choice(&mut self) {
        self.link_choice = None;
    }

    /// Makes the link of `kind` offered by the chooser, if the advisor allows
    /// it, selects it and closes the chooser.
    pub fn choose_link(&mut self, kind: LinkKind) -> Result<Patch, EditError> {
        let Some(choice) = &self.link_choice else {
            return Err(no_choice());
        };
        let option = choice.option(kind).ok_or_else(no_choice)?;
        if !option.allowed {
            let reasons: Vec<&str> = option
                .blockers
                .iter()
                .map(|r| r.message.en.as_str())
                .collect();
            let reasons_ja: Vec<&str> = option
                .blockers
                .iter()
                .map(|r| r.message.ja.as_str())
                .collect();
            let error = EditError {
                subject: None,
                field: Field::Command,
                message: vpcplan_core::Localized::new(
                    format!(
                        "{} is not allowed here: {}",
                        kind.name().en,
                        reasons.join(" ")
                    ),
                    format!(
                        "ここでは{}は使えません: {}",
                        kind.name().ja,
                        reasons_ja.join(" ")
                    ),
                ),
            };
            self.last_error = Some(error.clone());
            return Err(error);
        }
        let command = Command::AddLink {
            from: choice.from.clone(),
            to: choice.to.clone(),
            kind,
        };
        let patch = self.apply(command)?;
        self.link_choice = None;
        if let Some(link) = added_links(&patch).into_iter().next() {
            self.set_focus(Some(Item::Link(link)));
        }
        Ok(patch)
    }

    /// Places a palette item dropped at a screen point (drag from the
    /// palette), selecting what was added.
    pub fn drop_item(&mut self, item: &PaletteItem, x: f64, y: f64) -> Result<Patch, EditError> {
        let at = self.viewport.to_canvas(Point::new(x, y));
        let patch = self.apply(item.command(at))?;
        self.select_added(&patch);
        Ok(patch)
    }

    fn select_added(&mut self, patch: &Patch) {
        let nodes: Vec<NodeId> = added_nodes(patch);
        self.selection = Selection {
            nodes: btree_set(nodes.iter().cloned()),
            links: Default::default(),
        };
        self.focus = nodes.first().cloned().map(Item::Node);
    }

    fn cancel_gesture(&mut self) {
        match std::mem::take(&mut self.gesture) {
            Gesture::Dragging { .. } => {
                for patch in self.history.bail() {
                    self.apply_patch(&patch);
                }
            }
            Gesture::Brushing { base, .. } | Gesture::PointingBackground { base, .. } => {
                self.selection = base;
                self.selection.retain_existing(&self.document);
            }
            _ => {}
        }
    }

    pub fn pointer_down(&mut self, event: PointerEvent) {
        self.fit_on_resize = false;
        let screen = event.screen();
        let canvas = self.viewport.to_canvas(screen);
        if event.button == PointerButton::Middle || self.space_held || self.tool == Tool::Hand {
            self.gesture = Gesture::Panning { last: screen };
            return;
        }
        if event.button != PointerButton::Primary {
            return;
        }
        let layout = self.layout();
        match self.tool.clone() {
            Tool::Place(item) => {
                if let Some(patch) = self.apply_from_event(item.command(canvas)) {
                    self.select_added(&patch);
                }
                self.tool = Tool::Select;
            }
            Tool::Link => {
                if let Some(node) = layout.node_at(canvas) {
                    self.gesture = Gesture::Linking {
                        from: node,
                        current: canvas,
                        target: None,
                    };
                }
            }
            Tool::Select | Tool::Hand => {
                let tolerance = LINK_HIT_TOLERANCE / self.viewport.zoom;
                match layout.hit(canvas, tolerance) {
                    Some(item) => {
                        let already = self.selection.contains(&item);
                        if event.modifiers.shift {
                            self.selection.toggle(item.clone());
                        } else if !already {
                            self.selection = Selection::only(item.clone());
                        }
                        self.focus = Some(item.clone());
                        if let Item::Node(node) = item {
                            self.gesture = Gesture::PointingNode {
                                node,
                                screen_origin: screen,
                                collapse_on_release: already
                                    && !event.modifiers.shift
                                    && self.selection.len() > 1,
                            };
                        }
                    }
                    None => {
                        let base = if event.modifiers.shift {
                            self.selection.clone()
                        } else {
                            Selection::default()
                        };
                        self.selection = base.clone();
                        self.gesture = Gesture::PointingBackground {
                            screen_origin: screen,
                            base,
                        };
                    }
                }
            }
        }
    }

    pub fn pointer_move(&mut self, event: PointerEvent) {
        let screen = event.screen();
        let canvas = self.viewport.to_canvas(screen);
        let under = match self.gesture {
            Gesture::Linking { .. } => self.layout().node_at(canvas),
            _ => None,
        };
        match &mut self.gesture {
            Gesture::Idle | Gesture::KeyboardLink { .. } => {}
            Gesture::Panning { last } => {
                let (dx, dy) = (screen.x - last.x, screen.y - last.y);
                *last = screen;
                self.viewport.pan_by(dx, dy);
            }
            Gesture::PointingNode {
                node,
                screen_origin,
                ..
            } => {
                if screen.distance(*screen_origin) < DRAG_THRESHOLD
                    || !self.selection.nodes.contains(node)
                {
                    return;
                }
                let canvas_origin = self.viewport.to_canvas(*screen_origin);
                let nodes: Vec<NodeId> = self.selection.nodes.iter().cloned().collect();
                self.history.mark();
                self.gesture = Gesture::Dragging {
                    nodes,
                    canvas_origin,
                    applied: (0.0, 0.0),
                };
                self.drag_to(canvas, event.modifiers.alt);
            }
            Gesture::Dragging { .. } => self.drag_to(canvas, event.modifiers.alt),
            Gesture::PointingBackground {
                screen_origin,
                base,
            } => {
                if screen.distance(*screen_origin) >= DRAG_THRESHOLD {
                    let origin = self.viewport.to_canvas(*screen_origin);
                    let base = std::mem::take(base);
                    self.gesture = Gesture::Brushing {
                        origin,
                        current: canvas,
                        base,
                    };
                    self.update_brush();
                }
            }
            Gesture::Brushing { current, .. } => {
                *current = canvas;
                self.update_brush();
            }
            Gesture::Linking {
                from,
                current,
                target,
            } => {
                *current = canvas;
                *target = under.filter(|node| node != from);
            }
        }
    }

    /// Moves the dragged nodes so they sit at the pointer's offset from the
    /// press, snapped to the grid unless Alt is held.
    fn drag_to(&mut self, canvas: Point, free: bool) {
        let Gesture::Dragging {
            nodes,
            canvas_origin,
            applied,
        } = &self.gesture
        else {
            return;
        };
        let (mut dx, mut dy) = (canvas.x - canvas_origin.x, canvas.y - canvas_origin.y);
        if !free {
            (dx, dy) = (snap(dx), snap(dy));
        }
        let step = (dx - applied.0, dy - applied.1);
        if step == (0.0, 0.0) {
            return;
        }
        let command = Command::MoveNodes {
            nodes: nodes.clone(),
            dx: step.0,
            dy: step.1,
        };
        if self.apply_unseen(command)
            && let Gesture::Dragging { applied, .. } = &mut self.gesture
        {
            *applied = (dx, dy);
        }
    }

    fn update_brush(&mut self) {
        let Gesture::Brushing {
            origin,
            current,
            base,
        } = &self.gesture
        else {
            return;
        };
        let area = Rect::spanning(*origin, *current);
        let mut selection = base.clone();
        for node in self.layout().nodes_in(&area) {
            selection.nodes.insert(node);
        }
        self.selection = selection;
    }

    pub fn pointer_up(&mut self, event: PointerEvent) {
        let canvas = self.viewport.to_canvas(event.screen());
        match std::mem::take(&mut self.gesture) {
            Gesture::Dragging { .. } => {
                self.history.commit();
                self.settled_revision = self.revision;
            }
            Gesture::PointingNode {
                node,
                collapse_on_release: true,
                ..
            } => {
                self.selection = Selection::only(Item::Node(node));
            }
            Gesture::Linking { from, .. } => {
                let target = self.layout().node_at(canvas).filter(|node| node != &from);
                if let Some(to) = target {
                    self.open_link_choice(from, to);
                }
            }
            other @ Gesture::KeyboardLink { .. } => self.gesture = other,
            _ => {}
        }
    }

    pub fn wheel(&mut self, event: WheelEvent) {
        self.fit_on_resize = false;
        if ![event.x, event.y, event.dx, event.dy]
            .iter()
            .all(|n| n.is_finite())
        {
            return;
        }
        let screen = Point::new(event.x, event.y);
        if event.modifiers.command() {
            self.viewport.zoom_at(screen, (-event.dy * 0.002).exp());
        } else if event.modifiers.shift && event.dx == 0.0 {
            self.viewport.pan_by(-event.dy, 0.0);
        } else {
            self.viewport.pan_by(-event.dx, -event.dy);
        }
    }

    // ----- Keyboard -----

    /// Handles a key press; returns whether the editor used it (the UI
    /// then prevents the browser's default action).
    pub fn key_down(&mut self, event: &KeyEvent) -> bool {
        self.fit_on_resize = false;
        let key = event.key.as_str();
        let modifiers = event.modifiers;
        if key == " " {
            self.space_held = true;
            return true;
        }
        if let Gesture::KeyboardLink { .. } = self.gesture {
            return self.keyboard_link_key(key, modifiers);
        }
        if self.link_choice.is_some() {
            return self.link_choice_key(key, modifiers);
        }
        if modifiers.command() {
            return match key.to_ascii_lowercase().as_str() {
                "z" if modifiers.shift => self.redo(),
                "z" => self.undo(),
                "y" => self.redo(),
                "d" => {
                    let nodes: Vec<NodeId> = self.selection.nodes.iter().cloned().collect();
                    self.duplicate(nodes)
                }
                "c" => {
                    self.clipboard = self.selection.nodes.iter().cloned().collect();
                    self.pastes = 0;
                    !self.clipboard.is_empty()
                }
                "v" => {
                    let nodes: Vec<NodeId> = self
                        .clipboard
                        .iter()
                        .filter(|n| n.exists_in(&self.document))
                        .cloned()
                        .collect();
                    let pasted = self.duplicate_by(nodes, f64::from(self.pastes + 1));
                    if pasted {
                        self.pastes += 1;
                    }
                    pasted
                }
                "a" => {
                    self.select_all();
                    true
                }
                _ => false,
            };
        }
        match key {
            "Escape" => self.escape(),
            "Delete" | "Backspace" => self.delete_selection(),
            "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
                let step = if modifiers.shift { 5.0 * GRID } else { GRID };
                let (dx, dy) = match key {
                    "ArrowLeft" => (-step, 0.0),
                    "ArrowRight" => (step, 0.0),
                    "ArrowUp" => (0.0, -step),
                    _ => (0.0, step),
                };
                self.nudge(dx, dy)
            }
            "Tab" => self.focus_next(modifiers.shift),
            "Enter" => {
                if self.selection.is_empty() {
                    false
                } else {
                    self.inspector_open = true;
                    true
                }
            }
            "l" | "L" => self.start_keyboard_link(),
            "+" | "=" => {
                self.zoom_in();
                true
            }
            "-" => {
                self.zoom_out();
                true
            }
            "0" => {
                self.fit_to_design();
                true
            }
            _ => false,
        }
    }

    pub fn key_up(&mut self, event: &KeyEvent) -> bool {
        if event.key == " " {
            self.space_held = false;
            if let Gesture::Panning { .. } = self.gesture {
                self.gesture = Gesture::Idle;
            }
            return true;
        }
        false
    }

    /// Escape undoes the innermost thing in progress: a gesture, the link
    /// chooser, the inspector, a placing tool, then the selection.
    pub fn escape(&mut self) -> bool {
        if self.gesture != Gesture::Idle {
            self.cancel_gesture();
        } else if self.link_choice.is_some() {
            self.link_choice = None;
        } else if self.inspector_open {
            self.inspector_open = false;
        } else if self.tool != Tool::Select {
            self.tool = Tool::Select;
        } else if !self.selection.is_empty() {
            self.selection = Selection::default();
        } else {
            return false;
        }
        true
    }

    pub fn delete_selection(&mut self) -> bool {
        if self.selection.is_empty() {
            return false;
        }
        let command = Command::Delete {
            nodes: self.selection.nodes.iter().cloned().collect(),
            links: self.selection.links.iter().cloned().collect(),
        };
        let order = self.focus_order();
        let focused_at = self
            .focus
            .as_ref()
            .and_then(|focus| order.iter().position(|item| item == focus));
        let deleted = self.apply_from_event(command).is_some();
        if deleted {
            self.selection = Selection::default();
            self.inspector_open = false;
            // Focus (and with it the selection, as Tab does) moves to what
            // now follows the deleted item in Tab order, or precedes it at
            // the end, so Delete pressed again goes on down the list.
            if let Some(index) = focused_at {
                let design = &self.document;
                let kept_before = order[..index]
                    .iter()
                    .filter(|item| item.exists_in(design))
                    .count();
                let survivors: Vec<&Item> =
                    order.iter().filter(|item| item.exists_in(design)).collect();
                let next = survivors
                    .get(kept_before)
                    .or_else(|| survivors.last())
                    .map(|item| (*item).clone());
                self.set_focus(next);
            }
        }
        deleted
    }

    /// Duplicates nodes two grid steps down and right, selecting the copies.
    pub fn duplicate(&mut self, nodes: Vec<NodeId>) -> bool {
        self.duplicate_by(nodes, 1.0)
    }

    /// Duplicates nodes `steps` times two grid steps down and right,
    /// selecting the copies.
    fn duplicate_by(&mut self, nodes: Vec<NodeId>, steps: f64) -> bool {
        if nodes.is_empty() {
            return false;
        }
        let command = Command::Duplicate {
            nodes,
            dx: 2.0 * GRID * steps,
            dy: 2.0 * GRID * steps,
        };
        match self.apply_from_event(command) {
            Some(patch) => {
                self.select_added(&patch);
                true
            }
            None => false,
        }
    }

    /// Moves the selected nodes; each key press is its own undo step.
    fn nudge(&mut self, dx: f64, dy: f64) -> bool {
        if self.selection.nodes.is_empty() {
            return false;
        }
        let command = Command::MoveNodes {
            nodes: self.selection.nodes.iter().cloned().collect(),
            dx,
            dy,
        };
        self.apply_unseen(command)
    }

    fn start_keyboard_link(&mut self) -> bool {
        let from = match self.selection.single() {
            Some(Item::Node(node)) => node,
            _ => return false,
        };
        let target = self.link_targets(&from).into_iter().next();
        self.gesture = Gesture::KeyboardLink { from, target };
        true
    }

    /// The nodes a link from `from` may go to, in focus order.
    fn link_targets(&self, from: &NodeId) -> Vec<NodeId> {
        self.focus_order()
            .into_iter()
            .filter_map(|item| match item {
                Item::Node(node) if &node != from => Some(node),
                _ => None,
            })
            .collect()
    }

    fn keyboard_link_key(&mut self, key: &str, modifiers: Modifiers) -> bool {
        let Gesture::KeyboardLink { from, target } = self.gesture.clone() else {
            return false;
        };
        let targets = self.link_targets(&from);
        let step: isize = match key {
            "ArrowRight" | "ArrowDown" => 1,
            "Tab" if !modifiers.shift => 1,
            "ArrowLeft" | "ArrowUp" | "Tab" => -1,
            "Enter" => {
                if let Some(to) = target {
                    self.gesture = Gesture::Idle;
                    self.open_link_choice(from, to);
                }
                return true;
            }
            "Escape" => {
                self.gesture = Gesture::Idle;
                return true;
            }
            _ => return false,
        };
        if !targets.is_empty() {
            let current = target
                .and_then(|t| targets.iter().position(|n| n == &t))
                .unwrap_or(0) as isize;
            let next = (current + step).rem_euclid(targets.len() as isize) as usize;
            self.gesture = Gesture::KeyboardLink {
                from,
                target: Some(targets[next].clone()),
            };
        }
        true
    }

    fn link_choice_key(&mut self, key: &str, modifiers: Modifiers) -> bool {
        let Some(choice) = &mut self.link_choice else {
            return false;
        };
        match key {
            "ArrowDown" | "ArrowRight" => choice.move_highlight(1),
            "Tab" => choice.move_highlight(if modifiers.shift { -1 } else { 1 }),
            "ArrowUp" | "ArrowLeft" => choice.move_highlight(-1),
            "1" | "2" | "3" => {
                let index = key.parse::<usize>().expect("a digit") - 1;
                let kind = LinkKind::ALL[index];
                let _ = self.choose_link(kind);
            }
            "Enter" => {
                if let Some(kind) = choice.highlighted_kind() {
                    let _ = self.choose_link(kind);
                }
            }
            "Escape" => self.link_choice = None,
            _ => return false,
        }
        true
    }
}

/// The canvas item that shows a subject: subnets, route tables and
/// security groups are drawn inside their VPC.
pub fn subject_item(design: &Design, subject: &Subject) -> Option<Item> {
    let vpc_holding = |holds: &dyn Fn(&vpcplan_core::design::Vpc) -> bool| {
        design
            .vpcs
            .iter()
            .find(|vpc| holds(vpc))
            .map(|vpc| Item::Node(NodeId::Vpc(vpc.id.clone())))
    };
    match subject {
        Subject::Vpc(id) => Some(Item::Node(NodeId::Vpc(id.clone()))),
        Subject::Service(id) => Some(Item::Node(NodeId::Service(id.clone()))),
        Subject::Link(id) => Some(Item::Link(id.clone())),
        Subject::Subnet(id) => vpc_holding(&|vpc| vpc.subnets.iter().any(|s| &s.id == id)),
        Subject::RouteTable(id) => vpc_holding(&|vpc| vpc.route_tables.iter().any(|t| &t.id == id)),
        Subject::SecurityGroup(id) => {
            vpc_holding(&|vpc| vpc.security_groups.iter().any(|g| &g.id == id))
        }
        Subject::Account(_) | Subject::Intent(_) => None,
    }
}

fn no_choice() -> EditError {
    EditError {
        subject: None,
        field: Field::Command,
        message: vpcplan_core::Localized::new(
            "No link is being chosen.",
            "選択中のリンクはありません。",
        ),
    }
}

/// The nodes a patch added, in order.
pub fn added_nodes(patch: &Patch) -> Vec<NodeId> {
    patch
        .added
        .iter()
        .filter_map(|placed| placed.record.node())
        .collect()
}

/// The links a patch added, in order.
pub fn added_links(patch: &Patch) -> Vec<LinkId> {
    patch
        .added
        .iter()
        .filter_map(|placed| match &placed.record {
            Record::Link(link) => Some(link.id.clone()),
            _ => None,
        })
        .collect()
}
