//! The design file text of the design last written, kept for the next one
//! who needs the same design at the same revision: the autosave writes it
//! after each change, and the export dialog sends it to the exporter's
//! worker. Writing the 500-node design's text (1.5 MB) takes 40–120 ms of
//! the page's thread; the export dialog wrote it on every open, in a task
//! of its own that alone broke the 50 ms budget of an export.
//!
//! The text is keyed by the design's identity and revision (as
//! [`SharedDesign`] compares them), through a weak reference: the cache
//! keeps no design alive and never stops the editor from changing its
//! document in place, and a design freed and another allocated at its
//! address cannot be mistaken for it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use vpcplan_core::Design;
use vpcplan_core::file::write_design;

use crate::shared_design::SharedDesign;

struct Written {
    design: Weak<Design>,
    revision: u64,
    text: Rc<str>,
}

thread_local! {
    static LAST: RefCell<Option<Written>> = const { RefCell::new(None) };
}

/// The design file text of `design`: the one kept when it is of this design
/// at this revision, else written now and kept.
pub fn design_text(design: &SharedDesign) -> Rc<str> {
    let kept = LAST.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|written| is_of(written, design))
            .map(|written| written.text.clone())
    });
    kept.unwrap_or_else(|| {
        let text: Rc<str> = write_design(design).into();
        remember(design, text.clone());
        text
    })
}

/// Keeps `text` as the design file text of `design`: a text it was read
/// from (`read_design(text)` gives `design`), as the autosave restored at
/// start, serves the exporter as well as the text written from it.
pub fn remember(design: &SharedDesign, text: Rc<str>) {
    LAST.with(|last| {
        *last.borrow_mut() = Some(Written {
            design: Rc::downgrade(&design.0),
            revision: design.1,
            text,
        })
    });
}

fn is_of(written: &Written, design: &SharedDesign) -> bool {
    written.revision == design.1
        && written
            .design
            .upgrade()
            .is_some_and(|kept| Rc::ptr_eq(&kept, &design.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::sample;

    fn open(id: &str) -> Design {
        sample(id).unwrap().open().unwrap()
    }

    #[test]
    fn the_text_is_written_once_per_design_and_revision() {
        let shared = SharedDesign::new(open("article-peering"));
        let first = design_text(&shared);
        assert_eq!(*first, write_design(&shared));
        assert!(Rc::ptr_eq(&first, &design_text(&shared.clone())));

        // Another revision of the same document is written again.
        let edited = SharedDesign::at(shared.0.clone(), 1);
        let again = design_text(&edited);
        assert!(!Rc::ptr_eq(&first, &again));
        assert_eq!(*again, write_design(&edited));
    }

    #[test]
    fn a_remembered_text_is_given_only_for_its_design_and_revision() {
        let shared = SharedDesign::new(open("article-peering"));
        let text: Rc<str> = "the text it was read from".into();
        remember(&shared, text.clone());
        assert!(Rc::ptr_eq(&design_text(&shared), &text));

        let other = SharedDesign::new(open("article-peering"));
        assert_eq!(*design_text(&other), write_design(&other));
    }

    #[test]
    fn a_freed_design_is_not_mistaken_for_a_new_one() {
        let text: Rc<str> = "the text of a design since freed".into();
        remember(&SharedDesign::new(open("article-peering")), text.clone());
        // Possibly at the same address, at the same revision.
        let next = SharedDesign::new(open("s3-gateway-endpoint"));
        let written = design_text(&next);
        assert!(!Rc::ptr_eq(&written, &text));
        assert_eq!(*written, write_design(&next));
    }

    #[test]
    fn the_autosave_is_the_design_file_text() {
        // The autosave stores this module's text: the two formats are one.
        let design = open("s3-gateway-endpoint");
        assert_eq!(
            vpcplan_editor::persist::autosave_text(&design),
            write_design(&design)
        );
    }
}
