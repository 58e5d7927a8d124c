//! The guided lessons in the browser: the lessons that ship with vpcplan
//! (`lessons/` at the root, copied into the build by trunk and fetched when
//! one is opened, so their texts stay out of the first load), the lesson open
//! now with its step, and the progress the browser remembers so a class
//! resumes where it stopped.
//!
//! A lesson is read and its goals are checked by the core
//! (`vpcplan_core::lesson`); this module only fetches, remembers and opens.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use vpcplan_core::Text;
use vpcplan_core::lesson::{Lesson, read_lesson};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A lesson of `lessons/`, listed in the Samples menu by its title before
/// its file is fetched.
pub struct ShippedLesson {
    /// The lesson's `id`, as in its file: what progress is remembered under
    /// and what a lesson link names (`#lesson=<id>`).
    pub id: &'static str,
    /// Its file in `lessons/`.
    pub file: &'static str,
    /// Its title, as in its file (a test keeps the two in step).
    pub title: Text,
}

impl ShippedLesson {
    /// Where the build serves the file, relative to the page.
    pub fn url(&self) -> String {
        format!("lessons/{}", self.file)
    }
}

/// The lessons in teaching order, as `lessons/` numbers them.
pub const SHIPPED: &[ShippedLesson] = &[
    ShippedLesson {
        id: "peering-basics",
        file: "01-peering-basics.json",
        title: Text::new(
            "Peer the article's two VPCs",
            "記事の2つのVPCをピアリングする",
        ),
    },
    ShippedLesson {
        id: "overlapping-cidrs",
        file: "02-overlapping-cidrs.json",
        title: Text::new(
            "Overlapping CIDRs and the two ways out",
            "CIDRの重複と2つの解決策",
        ),
    },
    ShippedLesson {
        id: "peering-not-transitive",
        file: "03-peering-not-transitive.json",
        title: Text::new("Peering is not transitive", "ピアリングは推移的ではない"),
    },
    ShippedLesson {
        id: "interface-endpoint-ssm",
        file: "04-interface-endpoint-ssm.json",
        title: Text::new(
            "An interface endpoint to Systems Manager",
            "Systems Managerへのインターフェイスエンドポイント",
        ),
    },
    ShippedLesson {
        id: "gateway-endpoint-s3",
        file: "05-gateway-endpoint-s3.json",
        title: Text::new(
            "A gateway endpoint to S3",
            "S3へのゲートウェイエンドポイント",
        ),
    },
    ShippedLesson {
        id: "endpoint-service-cross-account",
        file: "06-endpoint-service-cross-account.json",
        title: Text::new(
            "An endpoint service across accounts",
            "アカウントをまたぐエンドポイントサービス",
        ),
    },
    ShippedLesson {
        id: "choose-the-pattern",
        file: "07-choose-the-pattern.json",
        title: Text::new("Choose the pattern", "パターンを選ぶ"),
    },
];

pub fn shipped(id: &str) -> Option<&'static ShippedLesson> {
    SHIPPED.iter().find(|lesson| lesson.id == id)
}

/// Where the open lesson came from, to open it again after a reload.
#[derive(Debug, Clone, PartialEq)]
pub enum LessonSource {
    /// A lesson of `SHIPPED`, by id.
    Shipped(&'static str),
    /// A lesson file the user opened or dropped, by its name; its text is
    /// remembered in the browser.
    File(String),
}

/// The lesson open in the planner and the step it is at.
#[derive(Debug, Clone)]
pub struct OpenLesson {
    pub lesson: Rc<Lesson>,
    pub source: LessonSource,
    /// Always a step of the lesson.
    pub step: usize,
}

impl OpenLesson {
    /// The lesson at `step`, or at its last step when `step` is past it (a
    /// remembered step of a lesson that has since lost steps).
    pub fn at(lesson: Rc<Lesson>, source: LessonSource, step: usize) -> OpenLesson {
        let step = step.min(lesson.steps.len().saturating_sub(1));
        OpenLesson {
            lesson,
            source,
            step,
        }
    }
}

/// Lessons compare by identity: the same lesson read once, at the same step.
impl PartialEq for OpenLesson {
    fn eq(&self, other: &OpenLesson) -> bool {
        Rc::ptr_eq(&self.lesson, &other.lesson)
            && self.step == other.step
            && self.source == other.source
    }
}

/// The text of a file the build serves, fetched relative to the page (the
/// service worker answers from its snapshot when offline).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(url))
        .await
        .map_err(|error| describe(&error))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "not an HTTP response".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|error| describe(&error))?)
        .await
        .map_err(|error| describe(&error))?;
    text.as_string()
        .ok_or_else(|| "the answer is not text".to_owned())
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the network request failed".to_owned())
}

/// Fetches and reads a shipped lesson; the error is what to tell the user.
pub async fn open_shipped(
    shipped: &'static ShippedLesson,
) -> Result<Lesson, (String, vpcplan_core::Localized)> {
    let url = shipped.url();
    let text = fetch_text(&url).await.map_err(|problem| {
        (
            url.clone(),
            vpcplan_core::Localized::new(problem.clone(), problem),
        )
    })?;
    read_lesson(&text).map_err(|error| (url, error.message()))
}

/// The lesson open now and its step, remembered under these keys: the
/// source (`shipped:<id>` or `file:<name>`), the text of a lesson opened
/// from a file, and each lesson's step under its id.
const OPEN_KEY: &str = "vpcplan.lesson.open";
const FILE_TEXT_KEY: &str = "vpcplan.lesson.file";
const STEP_KEY_PREFIX: &str = "vpcplan.lesson.step.";

/// A lesson the browser had open when the planner was last used.
pub enum Remembered {
    Shipped(&'static ShippedLesson),
    /// A lesson file: its name and text.
    File(String, String),
}

/// Remembers that `open` is open, at its step. Storage can be full or off;
/// the lesson then does not reopen after a reload, which loses no work.
pub fn remember(open: &OpenLesson) {
    let source = match &open.source {
        LessonSource::Shipped(id) => format!("shipped:{id}"),
        LessonSource::File(name) => format!("file:{name}"),
    };
    let _ = LocalStorage::set(OPEN_KEY, source);
    let _ = LocalStorage::set(format!("{STEP_KEY_PREFIX}{}", open.lesson.id), open.step);
}

/// Remembers the text of a lesson opened from a file, to reopen it after a
/// reload.
pub fn remember_file_text(text: &str) {
    let _ = LocalStorage::set(FILE_TEXT_KEY, text);
}

/// Forgets the open lesson (the progress of each lesson stays).
pub fn forget_open() {
    LocalStorage::delete(OPEN_KEY);
}

/// The lesson open when the planner was last used.
pub fn remembered() -> Option<Remembered> {
    let source: String = LocalStorage::get(OPEN_KEY).ok()?;
    if let Some(id) = source.strip_prefix("shipped:") {
        return shipped(id).map(Remembered::Shipped);
    }
    let name = source.strip_prefix("file:")?;
    let text: String = LocalStorage::get(FILE_TEXT_KEY).ok()?;
    Some(Remembered::File(name.to_owned(), text))
}

/// The step the class was at in the lesson `id`, 0 for a lesson not begun.
pub fn remembered_step(id: &str) -> usize {
    LocalStorage::get(format!("{STEP_KEY_PREFIX}{id}")).unwrap_or(0)
}

/// The key of a lesson link's fragment: `#lesson=<id>` opens a shipped
/// lesson.
pub const LINK_KEY: &str = "lesson=";

/// The shipped lesson the page's address names (`#lesson=<id>`); the
/// fragment is removed so that a reload resumes instead.
pub fn linked() -> Option<Result<&'static ShippedLesson, String>> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let id = hash
        .trim_start_matches('#')
        .strip_prefix(LINK_KEY)?
        .to_owned();
    crate::persistence::forget_fragment();
    Some(shipped(&id).ok_or(id))
}

/// The address that opens the shipped lesson `id` in a new page.
pub fn link(id: &str) -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}#{LINK_KEY}{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lessons_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons")
    }

    #[test]
    fn the_shipped_list_names_every_lesson_file_with_its_id_and_title() {
        let mut files: Vec<String> = std::fs::read_dir(lessons_dir())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".json"))
            .collect();
        files.sort();
        let listed: Vec<&str> = SHIPPED.iter().map(|lesson| lesson.file).collect();
        assert_eq!(listed, files, "SHIPPED lists lessons/ in its order");
        for shipped in SHIPPED {
            let text = std::fs::read_to_string(lessons_dir().join(shipped.file)).unwrap();
            let lesson =
                read_lesson(&text).unwrap_or_else(|error| panic!("{}: {error}", shipped.file));
            assert_eq!(lesson.id, shipped.id, "{}", shipped.file);
            assert_eq!(lesson.title.en, shipped.title.en, "{}", shipped.file);
            assert_eq!(lesson.title.ja, shipped.title.ja, "{}", shipped.file);
        }
    }

    #[test]
    fn a_remembered_step_past_the_end_opens_the_last_step() {
        let text = std::fs::read_to_string(lessons_dir().join(SHIPPED[0].file)).unwrap();
        let lesson = Rc::new(read_lesson(&text).unwrap());
        let last = lesson.steps.len() - 1;
        let open = OpenLesson::at(lesson.clone(), LessonSource::Shipped(SHIPPED[0].id), 99);
        assert_eq!(open.step, last);
        assert_eq!(
            OpenLesson::at(lesson, LessonSource::Shipped(SHIPPED[0].id), 0).step,
            0
        );
    }
}
