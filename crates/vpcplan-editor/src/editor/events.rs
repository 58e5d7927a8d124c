//! The pointer, wheel and key events the UI forwards to the editor, as
//! plain values.

use crate::geometry::Point;

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

    pub(super) fn screen(&self) -> Point {
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
