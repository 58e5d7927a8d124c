//! Where the design lives between visits: the autosave in local storage, the
//! share link in the URL fragment, and design files opened by the user. The
//! codecs are the editor crate's (`vpcplan_editor::persist`); this module
//! only talks to the browser and never drops a stored design: what cannot be
//! read is kept aside under another key, and a shared design opened over an
//! autosave keeps the autosave under another key too.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use vpcplan_core::Design;
use vpcplan_core::file::{self, FileError};
use vpcplan_editor::persist::{self, Restored, SHARE_KEY, ShareError};

use crate::design_text::design_text;
use crate::shared_design::SharedDesign;

pub const AUTOSAVE_KEY: &str = "vpcplan.design";
/// An autosave this version could not read, kept for the user.
pub const KEPT_ASIDE_KEY: &str = "vpcplan.design.kept-aside";
/// The autosave as it was before a shared design was opened over it.
pub const BEFORE_SHARE_KEY: &str = "vpcplan.design.before-share";

/// What the planner tells the user about how it started or what a file did.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// The autosave could not be read; it is kept under `KEPT_ASIDE_KEY`.
    KeptAside {
        problem: vpcplan_core::Localized,
        newer: bool,
    },
    /// A share link was opened; the previous autosave (if any) is kept.
    SharedOpened {
        previous_kept: bool,
    },
    SharedUnreadable {
        problem: vpcplan_core::Localized,
    },
    FileUnreadable {
        file: String,
        problem: vpcplan_core::Localized,
    },
    FileOpened {
        file: String,
    },
    /// The browser could not compress the design into a share link.
    ShareFailed {
        problem: String,
    },
    Storage,
}

pub struct Startup {
    pub design: Design,
    pub notice: Option<Notice>,
    /// A share link to open over `design` (`open_shared`).
    pub shared: Option<PendingShare>,
    /// The autosave's text when `design` is the autosave as stored: it need
    /// not be saved again, and it is the design's file text already written.
    pub restored: Option<Rc<str>>,
}

/// A share link the page was opened with.
pub struct PendingShare {
    fragment: String,
}

fn stored(key: &str) -> Option<String> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|storage| storage.get_item(key).ok().flatten())
}

fn store(key: &str, value: &str) -> bool {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// The design to start with: the autosave, and a shared one from the URL to
/// open over it once the browser has inflated it.
pub fn startup() -> Startup {
    let location = gloo::utils::window().location();
    let hash = location.hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#');
    if fragment.starts_with(SHARE_KEY) {
        let shared = PendingShare {
            fragment: fragment.to_owned(),
        };
        forget_fragment();
        return Startup {
            shared: Some(shared),
            ..restore_autosave()
        };
    }
    restore_autosave()
}

/// The shared design and the notice that says it opened as a copy, or the
/// notice that says why it cannot be opened. `open_now` is the design open
/// once the link has been inflated (edits made meanwhile included); unless it
/// is empty it is kept under `BEFORE_SHARE_KEY`.
pub async fn open_shared(
    shared: PendingShare,
    open_now: impl FnOnce() -> std::rc::Rc<Design>,
) -> Result<(Design, Notice), Notice> {
    let design = read_shared(&shared.fragment)
        .await
        .map_err(|error| Notice::SharedUnreadable {
            problem: error.message(),
        })?;
    let previous = open_now();
    let previous_kept = !(previous.vpcs.is_empty() && previous.services.is_empty())
        && store(BEFORE_SHARE_KEY, &persist::autosave_text(&previous));
    Ok((design, Notice::SharedOpened { previous_kept }))
}

async fn read_shared(fragment: &str) -> Result<Design, ShareError> {
    let deflated = persist::deflated_of_fragment(fragment)?;
    let bytes = crate::browser::inflate_raw(&deflated, persist::MAX_SHARED_DESIGN_BYTES)
        .await
        .map_err(ShareError::Compression)?;
    persist::design_of_inflated(bytes)
}

fn restore_autosave() -> Startup {
    let text = stored(AUTOSAVE_KEY);
    let restored = persist::restore(text.as_deref());
    let newer = restored.is_newer_version();
    match restored {
        Restored::Nothing => Startup {
            design: Design::default(),
            notice: None,
            shared: None,
            restored: None,
        },
        Restored::Design(design) => Startup {
            design,
            notice: None,
            shared: None,
            restored: text.map(Rc::from),
        },
        Restored::KeptAside { raw, problem } => {
            // The autosave slot starts over only once the text lives on aside.
            if store(KEPT_ASIDE_KEY, &raw) {
                LocalStorage::delete(AUTOSAVE_KEY);
            }
            Startup {
                design: Design::default(),
                notice: Some(Notice::KeptAside {
                    problem: problem.message(),
                    newer,
                }),
                shared: None,
                restored: None,
            }
        }
    }
}

/// Removes `#design=…` from the address so a reload opens the autosave.
fn forget_fragment() {
    let window = gloo::utils::window();
    if let (Ok(history), Ok(path), Ok(search)) = (
        window.history(),
        window.location().pathname(),
        window.location().search(),
    ) {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

/// Saves the design; false when the browser refused (storage full or off).
/// The autosave is the design file text (`persist::autosave_text`), written
/// once for the autosave and the exporter both.
pub fn autosave(design: &SharedDesign) -> bool {
    store(AUTOSAVE_KEY, &design_text(design))
}

/// The design a shared link was opened over, to go back to it.
pub fn previous_design() -> Option<Design> {
    stored(BEFORE_SHARE_KEY).and_then(|text| file::read_design(&text).ok())
}

/// The address that opens `design` in a new page, or why the browser could
/// not compress it.
pub async fn share_url(design: &Design) -> Result<String, Notice> {
    let deflated = crate::browser::deflate_raw(persist::share_text(design).as_bytes())
        .await
        .map_err(|problem| Notice::ShareFailed { problem })?;
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    Ok(format!(
        "{origin}{path}#{}",
        persist::fragment_of_deflated(&deflated)
    ))
}

/// Reads a design file the user opened or dropped.
pub fn read_file(name: &str, text: &str) -> Result<Design, Notice> {
    file::read_design(text).map_err(|problem: FileError| Notice::FileUnreadable {
        file: name.to_owned(),
        problem: problem.message(),
    })
}

/// The file name to save `design` under.
pub fn file_name(design: &Design) -> String {
    format!("{}.vpcplan.json", file_stem(design))
}

/// The design's name made safe for a file name, for its saved file and
/// its image alike.
pub fn file_stem(design: &Design) -> String {
    let stem: String = design
        .name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() { "design" } else { stem }.to_owned()
}
