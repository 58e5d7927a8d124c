//! The design as components receive it: shared, never copied, and compared by
//! identity. An edit makes a new `Rc` (`Rc::make_mut` in the reducer), so two
//! props holding the same `Rc` hold the same design, and yew re-renders and
//! recomputes diagnostics, reachability and exports only after an edit instead
//! of comparing whole designs field by field.

use std::ops::Deref;
use std::rc::Rc;

use vpcplan_core::Design;

#[derive(Debug, Clone)]
pub struct SharedDesign(pub Rc<Design>);

impl SharedDesign {
    pub fn new(design: Design) -> SharedDesign {
        SharedDesign(Rc::new(design))
    }
}

impl PartialEq for SharedDesign {
    fn eq(&self, other: &SharedDesign) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
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
        SharedDesign(design)
    }
}
