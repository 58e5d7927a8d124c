//! Tools and gestures: the palette, the tool in use, and the pointer state
//! machine (press, drag, box select, pan, link drag, wheel).

use vpcplan_core::collections::btree_set;
use vpcplan_core::link_kind::LinkKind;

use crate::command::{Command, EditError, Field};
use crate::geometry::{LINK_HIT_TOLERANCE, Point, Rect, snap};
use crate::items::{Item, NodeId, Selection};
use crate::link_choice::LinkChoice;
use crate::patch::Patch;

use super::{
    DRAG_THRESHOLD, Editor, PointerButton, PointerEvent, WheelEvent, added_links, added_nodes,
    no_choice,
};

/// What the palette places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteItem {
    Vpc,
    /// An AWS service by its catalogue suffix (`s3`, `sqs` …).
    AwsService(String),
    EndpointService,
}

impl PaletteItem {
    pub(super) fn command(&self, at: Point) -> Command {
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

impl Editor {
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

    pub(super) fn select_added(&mut self, patch: &Patch) {
        let nodes: Vec<NodeId> = added_nodes(patch);
        self.selection = Selection {
            nodes: btree_set(nodes.iter().cloned()),
            links: Default::default(),
        };
        self.focus = nodes.first().cloned().map(Item::Node);
    }

    pub(super) fn cancel_gesture(&mut self) {
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
    pub(super) fn drag_to(&mut self, canvas: Point, free: bool) {
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

    pub(super) fn update_brush(&mut self) {
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
}
