//! The design as components receive it: shared, never copied, and compared by
//! identity and the editor's revision. The editor changes its document in
//! place when nothing else holds it (`Rc::make_mut`), so the pointer alone
//! does not tell an edit; the revision does. Yew then re-renders and
//! recomputes diagnostics, reachability and exports only after an edit
//! instead of comparing whole designs field by field.

use std::ops::Deref;
use std::rc::Rc;

use vpcplan_core::Design;

#[derive(Debug, Clone)]
pub struct SharedDesign(pub Rc<Design>, pub u64);

impl SharedDesign {
    pub fn new(design: Design) -> SharedDesign {
        SharedDesign(Rc::new(design), 0)
    }

    /// The editor's document at `revision`.
    pub fn at(design: Rc<Design>, revision: u64) -> SharedDesign {
        SharedDesign(design, revision)
    }
}

impl PartialEq for SharedDesign {
    fn eq(&self, other: &SharedDesign) -> bool {
        self.1 == other.1 && Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedDesign {
    type Target = Design;

    fn deref(&self) -> &Design {
        &self.0
    }
}

impl From<Rc<Design>> for SharedDesign {
    fn from(design: Rc<Design>) -> SharedDesign {
        SharedDesign(design, 0)
    }
}
