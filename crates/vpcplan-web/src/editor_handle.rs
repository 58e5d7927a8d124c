//! The one editor the planner edits, as components receive it: the engine in
//! an `Rc<RefCell<_>>` plus the render counter that tells yew it changed.
//!
//! Components read through `editor()` while rendering and change it through
//! `update`, which re-renders the app once. Copying the editor into a
//! reducer per event would copy its whole history, so it is shared instead.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use vpcplan_editor::Editor;
use yew::Callback;

use crate::shared_design::SharedDesign;

#[derive(Clone)]
pub struct EditorHandle {
    editor: Rc<RefCell<Editor>>,
    refresh: Callback<()>,
    /// The render counter when this handle was made: props holding
    /// handles of different renders differ, so components re-render.
    tick: u64,
}

impl PartialEq for EditorHandle {
    fn eq(&self, other: &EditorHandle) -> bool {
        self.tick == other.tick && Rc::ptr_eq(&self.editor, &other.editor)
    }
}

impl EditorHandle {
    pub fn new(editor: Rc<RefCell<Editor>>, refresh: Callback<()>, tick: u64) -> EditorHandle {
        EditorHandle {
            editor,
            refresh,
            tick,
        }
    }

    pub fn editor(&self) -> Ref<'_, Editor> {
        self.editor.borrow()
    }

    /// Changes the editor and re-renders the planner.
    pub fn update<R>(&self, change: impl FnOnce(&mut Editor) -> R) -> R {
        let result = change(&mut self.editor.borrow_mut());
        self.refresh.emit(());
        result
    }

    /// Changes the editor without re-rendering the planner: for a change
    /// only the caller draws, which re-renders itself.
    pub fn update_quietly<R>(&self, change: impl FnOnce(&mut Editor) -> R) -> R {
        change(&mut self.editor.borrow_mut())
    }

    /// The document for the panels, which compare designs by identity and
    /// revision.
    pub fn design(&self) -> SharedDesign {
        let editor = self.editor();
        SharedDesign::at(editor.document().clone(), editor.revision())
    }
}
