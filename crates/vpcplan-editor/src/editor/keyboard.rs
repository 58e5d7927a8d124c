//! The keyboard model: shortcuts, Tab focus, nudging, Escape, delete,
//! duplicate and paste, and links made from the keyboard.

use vpcplan_core::link_kind::LinkKind;

use crate::command::Command;
use crate::geometry::GRID;
use crate::items::{Item, NodeId, Selection};

use super::{Editor, Gesture, KeyEvent, Modifiers, Tool};

impl Editor {
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
    pub(super) fn duplicate_by(&mut self, nodes: Vec<NodeId>, steps: f64) -> bool {
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
    pub(super) fn nudge(&mut self, dx: f64, dy: f64) -> bool {
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

    pub(super) fn start_keyboard_link(&mut self) -> bool {
        let from = match self.selection.single() {
            Some(Item::Node(node)) => node,
            _ => return false,
        };
        let target = self.link_targets(&from).into_iter().next();
        self.gesture = Gesture::KeyboardLink { from, target };
        true
    }

    /// The nodes a link from `from` may go to, in focus order.
    pub(super) fn link_targets(&self, from: &NodeId) -> Vec<NodeId> {
        self.focus_order()
            .into_iter()
            .filter_map(|item| match item {
                Item::Node(node) if &node != from => Some(node),
                _ => None,
            })
            .collect()
    }

    pub(super) fn keyboard_link_key(&mut self, key: &str, modifiers: Modifiers) -> bool {
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

    pub(super) fn link_choice_key(&mut self, key: &str, modifiers: Modifiers) -> bool {
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
