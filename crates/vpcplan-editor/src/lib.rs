//! vpcplan-editor: the canvas editor engine without a DOM — the document,
//! commands and their patches, undo history, selection, tools as state
//! machines, hit-testing, keyboard operation, accessible names, and the
//! autosave and share-link codecs.
//!
//! It is driven by plain pointer, wheel and key events, so the whole editor
//! is tested natively with a headless editor (`testing::TestEditor`);
//! vpcplan-web renders what `Editor` exposes and forwards events to it.
//!
//! - `command`: `Command` and `plan` (command → `Patch` or `EditError`).
//! - `patch`, `history`: record-level patches and undo steps between marks.
//! - `editor`: `Editor`, its tools, gestures and keyboard model.
//! - `geometry`: node and link shapes, group boxes, viewport, hit-testing.
//! - `link_choice`: the link chooser built from the core's advisor.
//! - `a11y`: accessible names in English and Japanese.
//! - `persist`: autosave restore and share-link codecs.
//!
//! How a UI drives it: keep one `Editor`; on resize call
//! `set_viewport_size`; forward pointer events as `PointerEvent` in pixels
//! relative to the canvas element (`pointer_down`, `pointer_move`,
//! `pointer_up`, `wheel`) and keys as `KeyEvent` with the DOM's key names
//! (`key_down` returns whether to prevent the browser's default; `key_up`
//! matters for the space bar). Render from `document()` (memoise derived
//! views such as `diagnostics()` on `revision()`), `layout()` (shapes in
//! canvas units; apply `viewport()` as one SVG transform), `selection()`,
//! `focus()`, `gesture()` (drag, brush and link previews), `brush()` and
//! `link_choice()`. Inspector forms call `apply(Command::…)` and show an
//! `EditError` next to its `Field`; the palette uses `set_tool(Tool::Place
//! (…))` or `drop_item`. Holding an extra `Rc` of the document across an
//! edit makes the edit copy the whole design (`Rc::make_mut`), so clone it
//! for a render and drop it afterwards.

pub mod a11y;
pub mod command;
pub mod editor;
pub mod geometry;
pub mod history;
pub mod items;
pub mod link_choice;
pub mod patch;
pub mod persist;
pub mod testing;

pub use a11y::{NodeLookup, NodesById, accessible_name, link_name, node_name};
pub use command::{
    Command, Defaults, EditError, EndpointServiceOptions, Field, GatewayEndpointOptions,
    InterfaceEndpointOptions, SubnetFields,
};
pub use editor::{
    Editor, Gesture, KeyEvent, Modifiers, PaletteItem, PointerButton, PointerEvent, Tool,
    WheelEvent, subject_item,
};
pub use geometry::{Layout, LayoutIndex, Point, Rect, Viewport};
pub use items::{Item, NodeId, Selection};
pub use link_choice::{LinkChoice, LinkOption};
pub use patch::{Patch, Record, RecordId};
