use vpcplan_core::file::{FileError, write_design};
use vpcplan_editor::persist::{
    Restored, ShareError, autosave_text, deflated_of_fragment, design_of_inflated,
    fragment_of_deflated, read_share_fragment, restore, share_fragment, share_text,
};

use super::two_vpcs_and_services;

#[test]
fn restore_gives_the_design_nothing_or_keeps_the_text_aside() {
    let design = two_vpcs_and_services().design().clone();
    assert_eq!(restore(None), Restored::Nothing);
    assert_eq!(restore(Some("  ")), Restored::Nothing);
    assert_eq!(
        restore(Some(&autosave_text(&design))),
        Restored::Design(design.clone())
    );

    let corrupt = "{\"format\": \"vpcplan-design\", \"version\": 1, \"design\": {";
    match restore(Some(corrupt)) {
        Restored::KeptAside { raw, problem } => {
            assert_eq!(raw, corrupt, "the raw text is kept whole");
            assert!(matches!(problem, FileError::Syntax { .. }), "{problem:?}");
        }
        other => panic!("a corrupt design was not kept aside: {other:?}"),
    }

    let newer = write_design(&design).replacen("\"version\": 1", "\"version\": 99", 1);
    let restored = restore(Some(&newer));
    assert!(restored.is_newer_version(), "{restored:?}");
    assert!(matches!(restored, Restored::KeptAside { raw, .. } if raw == newer));
}

#[test]
fn a_share_link_round_trips_and_is_url_safe() {
    let design = two_vpcs_and_services().design().clone();
    let fragment = share_fragment(&design);
    assert!(fragment.starts_with("design="));
    assert!(
        fragment["design=".len()..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{fragment}"
    );
    assert!(
        fragment.len() < write_design(&design).len() / 2,
        "compressed: {}",
        fragment.len()
    );
    assert_eq!(read_share_fragment(&fragment).unwrap(), design);
    assert_eq!(
        read_share_fragment(&format!("#{fragment}")).unwrap(),
        design
    );
}

#[test]
fn a_damaged_share_link_gets_a_clear_error() {
    let design = two_vpcs_and_services().design().clone();
    let fragment = share_fragment(&design);
    assert_eq!(
        read_share_fragment("#section-2"),
        Err(ShareError::NotAShareLink)
    );
    assert!(matches!(
        read_share_fragment("design=a*b"),
        Err(ShareError::Encoding(_))
    ));
    let truncated = &fragment[..fragment.len() / 2];
    assert!(
        matches!(
            read_share_fragment(truncated),
            Err(ShareError::Compression(_) | ShareError::Encoding(_))
        ),
        "{:?}",
        read_share_fragment(truncated)
    );
    let not_a_design = format!(
        "design={}",
        base64_of(&miniz_oxide::deflate::compress_to_vec(b"{\"hello\": 1}", 6))
    );
    let error = read_share_fragment(&not_a_design).unwrap_err();
    assert!(
        matches!(error, ShareError::Design(FileError::NotADesign { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("cannot be read"), "{error}");
    assert!(
        error.message().ja.contains("読み込めません"),
        "{:?}",
        error.message()
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[test]
fn a_large_design_round_trips_through_a_share_link() {
    let design = vpcplan_core::synthetic::generate(&vpcplan_core::synthetic::Shape::benchmark(100));
    let fragment = share_fragment(&design);
    let file = write_design(&design);
    assert!(
        fragment.len() * 10 < file.len(),
        "{} characters for a {}-byte file",
        fragment.len(),
        file.len()
    );
    assert_eq!(read_share_fragment(&fragment).unwrap(), design);
}

#[test]
fn a_link_made_by_the_first_codec_still_opens() {
    // Made by `share_fragment` as the web app used it before it compressed
    // with the browser's CompressionStream; the Playwright suite opens the
    // same link in the browser.
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let link = std::fs::read_to_string(format!("{fixtures}/share-links/article-peering.miniz.txt"))
        .unwrap();
    let file = std::fs::read_to_string(format!("{fixtures}/designs/article-peering.json")).unwrap();
    assert_eq!(
        read_share_fragment(link.trim()).unwrap(),
        vpcplan_core::file::read_design(&file).unwrap()
    );
}

#[test]
fn the_codec_steps_the_browser_uses_compose() {
    let design = two_vpcs_and_services().design().clone();
    let deflated = miniz_oxide::deflate::compress_to_vec(share_text(&design).as_bytes(), 6);
    let fragment = fragment_of_deflated(&deflated);
    assert_eq!(deflated_of_fragment(&format!("#{fragment}")), Ok(deflated));
    assert_eq!(read_share_fragment(&fragment), Ok(design.clone()));
    assert_eq!(
        design_of_inflated(share_text(&design).into_bytes()),
        Ok(design)
    );
    assert_eq!(design_of_inflated(vec![0xff, 0xfe]), Err(ShareError::Text));
    assert_eq!(
        deflated_of_fragment("#section-2"),
        Err(ShareError::NotAShareLink)
    );
}
