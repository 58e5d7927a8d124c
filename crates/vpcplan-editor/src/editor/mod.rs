//! The editor: the document, its history, the selection and the viewport,
//! and the tools as a state machine driven by pointer, wheel and key events.
//!
//! The UI renders what the editor exposes (`document`, `layout`,
//! `selection`, `gesture`, `link_choice`, `viewport`) and forwards DOM
//! events as plain values. Pointer and wheel positions are screen pixels
//! relative to the canvas element's top-left corner; the editor converts
//! them to canvas units through the viewport.
//!
//! One `Editor`, its `impl` spread over files by concern: this file holds
//! the document, its history and the layout cache; `events` the plain
//! pointer, wheel and key values; `selection` selection, focus and the
//! inspector; `viewport` zoom, pan and fit; `gestures` the tools and the
//! pointer state machine; `keyboard` the keyboard model.

mod events;
mod gestures;
mod keyboard;
mod selection;
mod viewport;

use std::cell::RefCell;
use std::rc::Rc;

use vpcplan_core::Design;
use vpcplan_core::design::LinkId;
use vpcplan_core::diagnostic::Diagnostic;

use crate::command::{Command, Defaults, EditError, Field, plan};
use crate::geometry::{Layout, LayoutIndex, Viewport};
use crate::history::History;
use crate::items::{Item, NodeId, Selection};
use crate::link_choice::LinkChoice;
use crate::patch::{Patch, Record};

pub use events::{KeyEvent, Modifiers, PointerButton, PointerEvent, WheelEvent};
pub use gestures::{Gesture, PaletteItem, Tool};
pub use selection::subject_item;

/// How far, in screen pixels, a pointer must move before a press becomes a drag.
pub const DRAG_THRESHOLD: f64 = 3.0;
/// The zoom step of the zoom buttons and the `+` and `-` keys.
pub const ZOOM_STEP: f64 = 1.25;

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
    pub(super) fn apply_unseen(&mut self, command: Command) -> bool {
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

    pub(super) fn apply_patch(&mut self, patch: &Patch) {
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
    pub(super) fn update_layout(&mut self, patch: &Patch) {
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
    pub(super) fn apply_from_event(&mut self, command: Command) -> Option<Patch> {
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
}

pub(super) fn no_choice() -> EditError {
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
