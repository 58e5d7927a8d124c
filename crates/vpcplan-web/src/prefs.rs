//! Preferences remembered in the browser: the interface language and whether
//! presentation mode is on.

use gloo::storage::{LocalStorage, Storage};
use vpcplan_core::Lang;

const LANG_KEY: &str = "vpcplan.lang";
const PRESENTATION_KEY: &str = "vpcplan.presentation";

/// The remembered language, else the browser's preferred one, else English.
pub(crate) fn initial_lang() -> Lang {
    if let Ok(code) = LocalStorage::get::<String>(LANG_KEY)
        && let Some(lang) = Lang::from_tag(&code)
    {
        return lang;
    }
    let navigator = gloo::utils::window().navigator();
    let preferred: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .collect();
    Lang::negotiate(preferred.iter().map(String::as_str))
}

/// Remembers the language. Storage can be full or disabled (private
/// browsing); the choice then lasts for this page only, which is harmless.
pub(crate) fn save_lang(lang: Lang) {
    let _ = LocalStorage::set(LANG_KEY, lang.code());
}

/// Whether presentation mode was on when the planner was last used.
pub(crate) fn initial_presentation() -> bool {
    LocalStorage::get::<bool>(PRESENTATION_KEY).unwrap_or(false)
}

/// Remembers presentation mode, like `save_lang`.
pub(crate) fn save_presentation(on: bool) {
    let _ = LocalStorage::set(PRESENTATION_KEY, on);
}
