//! The release build's Content-Security-Policy: trunk's post-build hook
//! (`cargo xtask post-build`, see `main.rs`) writes it into the
//! built `index.html` as a `<meta http-equiv>`, with the hash of each inline
//! script trunk wrote there (its module loader, which names the build's
//! hashed files and so changes with every build).
//!
//! What the planner needs, and no more:
//! - scripts: its own files, the inline loader by hash, and
//!   `'wasm-unsafe-eval'` to compile its WebAssembly; no other inline script
//!   and no `eval`;
//! - workers: its own files (the service worker, `web/sw.js`) and `blob:`,
//!   the exporter's small loader (`export_client.rs`), which inherits this
//!   policy and imports only the app's own glue and wasm;
//! - fetches: its own origin only (`connect-src 'self'`: the wasm, the
//!   offline manifest);
//! - styles: its own stylesheet, and `style` attributes (the drag layer's
//!   height, the SVG image's inlined presentation), never a `<style>`
//!   element;
//! - images: its own icons, and `blob:` for the PNG the image menu draws
//!   from an SVG.
//!
//! A meta policy cannot say `frame-ancestors` (browsers ignore it there):
//! that takes an HTTP header from the server that hosts the build.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

/// The built page the policy goes into.
pub const PAGE: &str = "index.html";

/// The policy for a page whose inline scripts have these hashes
/// (`'sha256-…'` sources).
pub fn policy(script_hashes: &[String]) -> String {
    let mut scripts = vec!["'self'".to_owned()];
    scripts.extend(script_hashes.iter().cloned());
    scripts.push("'wasm-unsafe-eval'".to_owned());
    [
        "default-src 'none'".to_owned(),
        format!("script-src {}", scripts.join(" ")),
        "worker-src 'self' blob:".to_owned(),
        "connect-src 'self'".to_owned(),
        "style-src 'self'".to_owned(),
        "style-src-attr 'unsafe-inline'".to_owned(),
        "img-src 'self' blob:".to_owned(),
        "manifest-src 'self'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'none'".to_owned(),
        "object-src 'none'".to_owned(),
    ]
    .join("; ")
}

/// Writes the policy into the built page in `dir`.
pub fn write(dir: &Path) -> Result<()> {
    let path = dir.join(PAGE);
    let html = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    fs::write(&path, with_policy(&html)?).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// `html` with the policy as the first element after its `<meta charset>`
/// (so that it governs every script and style after it).
pub fn with_policy(html: &str) -> Result<String> {
    if html.contains("http-equiv=\"Content-Security-Policy\"") {
        bail!("{PAGE} already has a Content-Security-Policy");
    }
    let hashes: Vec<String> = inline_scripts(html)
        .into_iter()
        .map(|script| format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes()))))
        .collect();
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />",
        policy(&hashes)
    );
    let at = html
        .find("<meta charset")
        .and_then(|start| html[start..].find('>').map(|end| start + end + 1))
        .or_else(|| html.find("<head>").map(|start| start + "<head>".len()))
        .with_context(|| format!("{PAGE} has neither <meta charset> nor <head>"))?;
    Ok(format!("{}\n    {meta}{}", &html[..at], &html[at..]))
}

/// The text of every `<script>` element without a `src`, as the browser
/// hashes it (everything between the tags).
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body[..close]);
        }
        rest = &body[close + "</script>".len()..];
    }
    scripts
}

/// Standard base64 with padding, as CSP hash sources spell a digest.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for (index, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if index <= chunk.len() {
                out.push(char::from(ALPHABET[(group >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"utf-8\" />\n    \
        <link rel=\"modulepreload\" href=\"/app-1.js\" />\n  </head>\n  <body>\n\
        <script type=\"module\">\nimport init from '/app-1.js';\nawait init();\n</script>\n\
        <script src=\"/other.js\"></script></body>\n</html>\n";

    #[test]
    fn base64_matches_the_standard_examples() {
        for (text, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(text.as_bytes()), encoded, "{text}");
        }
    }

    #[test]
    fn only_scripts_without_a_source_are_inline() {
        assert_eq!(
            inline_scripts(BUILT),
            vec!["\nimport init from '/app-1.js';\nawait init();\n"]
        );
    }

    #[test]
    fn the_policy_follows_the_charset_and_allows_the_loader_by_its_hash() {
        let page = with_policy(BUILT).unwrap();
        let charset = page.find("<meta charset").unwrap();
        let policy = page.find("Content-Security-Policy").unwrap();
        let first_script = page.find("<script").unwrap();
        assert!(charset < policy && policy < first_script, "{page}");
        // `printf "\nimport init from '/app-1.js';\nawait init();\n" | openssl sha256 -binary | base64`
        assert!(
            page.contains(
                "script-src 'self' 'sha256-9sbhdbEiJEQjPz+74tfzM5wZVXgJb4wkZ0claZHD7jA=' \
                 'wasm-unsafe-eval';"
            ),
            "{page}"
        );
        assert!(page.contains("connect-src 'self';"), "{page}");
        // Written once: a second pass is an error, not a second policy.
        assert!(with_policy(&page).is_err());
    }

    #[test]
    fn no_inline_script_or_eval_is_allowed_beyond_the_hashes() {
        let policy = policy(&["'sha256-abc='".to_owned()]);
        let scripts = policy
            .split("; ")
            .find(|directive| directive.starts_with("script-src "))
            .unwrap();
        assert_eq!(
            scripts,
            "script-src 'self' 'sha256-abc=' 'wasm-unsafe-eval'"
        );
        assert!(!policy.contains("'unsafe-eval'"), "{policy}");
        // Inline style attributes, but no inline script or <style> element.
        let inline: Vec<&str> = policy
            .split("; ")
            .filter(|directive| directive.contains("'unsafe-inline'"))
            .collect();
        assert_eq!(inline, vec!["style-src-attr 'unsafe-inline'"]);
        assert!(policy.starts_with("default-src 'none';"));
    }
}
