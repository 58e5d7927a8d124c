//! Pure codecs for keeping designs in the browser: restoring the autosaved
//! design, and the share link (the design file compressed with raw deflate,
//! RFC 1951, and encoded as URL-safe base64 in the URL fragment).
//!
//! Both read and write the core's design file format (`vpcplan_core::file`),
//! so migrations apply to autosaves and links alike.
//!
//! The compression itself is not here: the web app deflates and inflates
//! with the browser's `CompressionStream` (`deflate-raw`), which costs its
//! download nothing, and `share_fragment`/`read_share_fragment` do it with
//! miniz_oxide for native code and the tests (feature `deflate`, on by
//! default; the web app turns it off). Both write and read the same links.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use vpcplan_core::Design;
use vpcplan_core::diagnostic::Localized;
use vpcplan_core::file::{self, FileError};

/// What the autosave slot held.
#[derive(Debug, Clone, PartialEq)]
pub enum Restored {
    /// Nothing was stored: start with an empty design.
    Nothing,
    Design(Design),
    /// The stored text is not a design this version reads. The UI reports
    /// `problem`, starts with an empty design, and keeps `raw` aside (in
    /// another storage key, offered for download) so nothing is lost.
    KeptAside {
        raw: String,
        problem: FileError,
    },
}

impl Restored {
    /// Whether the stored design was written by a newer vpcplan (so the user
    /// should update rather than think it corrupt).
    pub fn is_newer_version(&self) -> bool {
        matches!(
            self,
            Restored::KeptAside {
                problem: FileError::NewerVersion { .. },
                ..
            }
        )
    }
}

/// Restores the autosaved design from the stored text, if any.
pub fn restore(stored: Option<&str>) -> Restored {
    match stored {
        None => Restored::Nothing,
        Some(text) if text.trim().is_empty() => Restored::Nothing,
        Some(text) => match file::read_design(text) {
            Ok(design) => Restored::Design(design),
            Err(problem) => Restored::KeptAside {
                raw: text.to_owned(),
                problem,
            },
        },
    }
}

/// The text to autosave.
pub fn autosave_text(design: &Design) -> String {
    file::write_design(design)
}

/// The key of the share link's fragment: `#design=…`.
pub const SHARE_KEY: &str = "design=";
/// Shared designs larger than this when inflated are refused.
pub const MAX_SHARED_DESIGN_BYTES: usize = 8 * 1024 * 1024;

/// The text a share link carries, before it is deflated.
pub fn share_text(design: &Design) -> String {
    file::write_design(design)
}

/// The URL fragment (without `#`) that carries `deflated`, the raw-deflated
/// `share_text` of a design.
pub fn fragment_of_deflated(deflated: &[u8]) -> String {
    format!("{SHARE_KEY}{}", URL_SAFE_NO_PAD.encode(deflated))
}

/// The deflated design text in a URL fragment (with or without the leading
/// `#`).
pub fn deflated_of_fragment(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let encoded = fragment
        .strip_prefix(SHARE_KEY)
        .ok_or(ShareError::NotAShareLink)?;
    URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|error| ShareError::Encoding(error.to_string()))
}

/// The design in the inflated bytes of a share link.
pub fn design_of_inflated(bytes: Vec<u8>) -> Result<Design, ShareError> {
    let text = String::from_utf8(bytes).map_err(|_| ShareError::Text)?;
    file::read_design(&text).map_err(ShareError::Design)
}

/// The URL fragment (without `#`) that carries `design`.
#[cfg(feature = "deflate")]
pub fn share_fragment(design: &Design) -> String {
    let text = share_text(design);
    fragment_of_deflated(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
}

#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// The fragment does not start with `design=`.
    NotAShareLink,
    /// The fragment is not URL-safe base64 (a truncated or altered link).
    Encoding(String),
    /// The bytes are not deflate data, or inflate past the size limit.
    Compression(String),
    /// The inflated bytes are not UTF-8 text.
    Text,
    /// The text is not a design this version reads.
    Design(FileError),
}

impl ShareError {
    /// What to tell the user, in English and Japanese (a design file error
    /// keeps its location and detail as the core words them).
    pub fn message(&self) -> Localized {
        match self {
            ShareError::NotAShareLink => Localized::new(
                format!("The link carries no design (no #{SHARE_KEY} in its fragment)."),
                format!(
                    "このリンクには設計が含まれていません (フラグメントに#{SHARE_KEY}がありません)。"
                ),
            ),
            ShareError::Encoding(detail) => Localized::new(
                format!("The link's design is damaged, perhaps cut short: {detail}."),
                format!(
                    "リンクの設計が壊れています (途中で切れている可能性があります): {detail}。"
                ),
            ),
            ShareError::Compression(detail) => Localized::new(
                format!("The link's design cannot be decompressed: {detail}."),
                format!("リンクの設計を展開できません: {detail}。"),
            ),
            ShareError::Text => Localized::new(
                "The link's design is not text.",
                "リンクの設計がテキストではありません。",
            ),
            ShareError::Design(error) => {
                let problem = error.message();
                Localized::new(
                    format!("The link's design cannot be read: {}.", problem.en),
                    format!("リンクの設計を読み込めません: {}。", problem.ja),
                )
            }
        }
    }
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ShareError {}

/// Reads the design in a URL fragment (with or without the leading `#`).
#[cfg(feature = "deflate")]
pub fn read_share_fragment(fragment: &str) -> Result<Design, ShareError> {
    let compressed = deflated_of_fragment(fragment)?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_SHARED_DESIGN_BYTES)
            .map_err(|error| ShareError::Compression(error.to_string()))?;
    design_of_inflated(bytes)
}
