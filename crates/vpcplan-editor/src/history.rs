//! Undo history: steps of patches between marks.
//!
//! Each applied patch is recorded. Outside a gesture a patch is one step.
//! `mark` opens a gesture: the patches recorded until `commit` become one
//! step (consecutive update-only patches are folded, so a long drag keeps one
//! before and after per moved record), and `bail` hands them back to be
//! undone, as when Escape cancels a drag.

use crate::patch::Patch;

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Vec<Patch>>,
    redo: Vec<Vec<Patch>>,
    gesture: Option<Vec<Patch>>,
}

impl History {
    pub fn record(&mut self, patch: Patch) {
        if patch.is_empty() {
            return;
        }
        match &mut self.gesture {
            Some(patches) => match patches.last_mut() {
                Some(last) => {
                    if let Err(patch) = last.absorb(patch) {
                        patches.push(patch);
                    }
                }
                None => patches.push(patch),
            },
            None => {
                self.undo.push(vec![patch]);
                self.redo.clear();
            }
        }
    }

    /// Starts a gesture; a gesture already open stays open.
    pub fn mark(&mut self) {
        self.gesture.get_or_insert_with(Vec::new);
    }

    pub fn in_gesture(&self) -> bool {
        self.gesture.is_some()
    }

    /// Ends the gesture, making what it recorded one undo step.
    pub fn commit(&mut self) {
        if let Some(patches) = self.gesture.take() {
            let patches: Vec<Patch> = patches.into_iter().filter(|p| !p.is_empty()).collect();
            if !patches.is_empty() {
                self.undo.push(patches);
                self.redo.clear();
            }
        }
    }

    /// Ends the gesture and returns the patches to undo, newest first.
    pub fn bail(&mut self) -> Vec<Patch> {
        let mut patches = self.gesture.take().unwrap_or_default();
        patches.reverse();
        patches.iter().map(Patch::inverse).collect()
    }

    /// The patches that undo the last step, in the order to apply them.
    pub fn undo(&mut self) -> Option<Vec<Patch>> {
        let step = self.undo.pop()?;
        let inverse = step.iter().rev().map(Patch::inverse).collect();
        self.redo.push(step);
        Some(inverse)
    }

    /// The patches that redo the last undone step, in the order to apply them.
    pub fn redo(&mut self) -> Option<Vec<Patch>> {
        let step = self.redo.pop()?;
        let forward = step.clone();
        self.undo.push(step);
        Some(forward)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        *self = History::default();
    }
}
