//! A headless editor for tests: drive it with pointer events and keys as a
//! user would, and inspect the document, selection and gesture.
//!
//! Positions are screen pixels; the viewport starts at 1000×800 with no pan
//! and zoom 1, so screen and canvas coordinates coincide until a test pans
//! or zooms.

use std::ops::{Deref, DerefMut};

use vpcplan_core::Design;

use crate::editor::{Editor, KeyEvent, Modifiers, PointerEvent, WheelEvent};
use crate::items::NodeId;

pub struct TestEditor {
    pub editor: Editor,
    modifiers: Modifiers,
}

impl Deref for TestEditor {
    type Target = Editor;

    fn deref(&self) -> &Editor {
        &self.editor
    }
}

impl DerefMut for TestEditor {
    fn deref_mut(&mut self) -> &mut Editor {
        &mut self.editor
    }
}

impl Default for TestEditor {
    fn default() -> TestEditor {
        TestEditor::new(Design::default())
    }
}

impl TestEditor {
    pub fn new(design: Design) -> TestEditor {
        let mut editor = Editor::new(design);
        editor.set_viewport_size(1000.0, 800.0);
        TestEditor {
            editor,
            modifiers: Modifiers::NONE,
        }
    }

    /// Holds these modifiers for the following pointer events and keys.
    pub fn hold(&mut self, modifiers: Modifiers) -> &mut TestEditor {
        self.modifiers = modifiers;
        self
    }

    pub fn release(&mut self) -> &mut TestEditor {
        self.modifiers = Modifiers::NONE;
        self
    }

    pub fn pointer_down(&mut self, x: f64, y: f64) -> &mut TestEditor {
        let event = PointerEvent::at(x, y).with(self.modifiers);
        self.editor.pointer_down(event);
        self
    }

    pub fn pointer_move(&mut self, x: f64, y: f64) -> &mut TestEditor {
        let event = PointerEvent::at(x, y).with(self.modifiers);
        self.editor.pointer_move(event);
        self
    }

    pub fn pointer_up(&mut self, x: f64, y: f64) -> &mut TestEditor {
        let event = PointerEvent::at(x, y).with(self.modifiers);
        self.editor.pointer_up(event);
        self
    }

    pub fn click(&mut self, x: f64, y: f64) -> &mut TestEditor {
        self.pointer_down(x, y).pointer_up(x, y)
    }

    /// Presses at `from`, moves in four steps to `to`, releases there.
    pub fn drag(&mut self, from: (f64, f64), to: (f64, f64)) -> &mut TestEditor {
        self.pointer_down(from.0, from.1);
        for step in 1..=4 {
            let t = f64::from(step) / 4.0;
            self.pointer_move(from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
        }
        self.pointer_up(to.0, to.1)
    }

    pub fn wheel(&mut self, x: f64, y: f64, dx: f64, dy: f64) -> &mut TestEditor {
        let modifiers = self.modifiers;
        self.editor.wheel(WheelEvent {
            x,
            y,
            dx,
            dy,
            modifiers,
        });
        self
    }

    /// Presses and releases a key with the held modifiers.
    pub fn key(&mut self, key: &str) -> &mut TestEditor {
        let event = KeyEvent::new(key, self.modifiers);
        self.editor.key_down(&event);
        self.editor.key_up(&event);
        self
    }

    pub fn key_with(&mut self, key: &str, modifiers: Modifiers) -> &mut TestEditor {
        let event = KeyEvent::new(key, modifiers);
        self.editor.key_down(&event);
        self.editor.key_up(&event);
        self
    }

    /// The screen point at the centre of a node.
    pub fn center_of(&self, node: &NodeId) -> (f64, f64) {
        let rect = self
            .editor
            .layout()
            .node(node)
            .map(|shape| shape.rect)
            .unwrap_or_else(|| panic!("no node {node:?} in the layout"));
        let point = self.editor.viewport().to_screen(rect.center());
        (point.x, point.y)
    }

    pub fn design(&self) -> &Design {
        self.editor.document()
    }
}
