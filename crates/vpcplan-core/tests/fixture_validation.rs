//! Each fixture design produces exactly the diagnostics it was made to show:
//! the clean ones none, each mistake its rule (tests/fixtures/designs/EXPECTED.md).

use std::path::Path;

use vpcplan_core::file::read_design;
use vpcplan_core::{Severity, validate};

fn diagnostics_of(fixture: &str) -> Vec<(&'static str, Severity)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/designs")
        .join(fixture);
    let text = std::fs::read_to_string(&path).unwrap();
    let design = read_design(&text).unwrap_or_else(|error| panic!("{fixture}: {error}"));
    let mut found: Vec<(&'static str, Severity)> = validate(&design)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.severity))
        .collect();
    found.sort();
    found.dedup();
    found
}

#[test]
fn clean_fixtures_validate_clean() {
    for fixture in [
        "article-peering.json",
        "cross-account-cross-region-peering.json",
        "interface-endpoint-aws-service.json",
        "endpoint-service-new-nlb.json",
        "s3-gateway-endpoint.json",
    ] {
        assert_eq!(diagnostics_of(fixture), [], "{fixture}");
    }
}

#[test]
fn mistake_fixtures_produce_exactly_their_rules() {
    let expected: [(&str, &[(&str, Severity)]); 4] = [
        (
            "mistake-overlapping-cidrs.json",
            &[("PEER-001", Severity::Error)],
        ),
        (
            "mistake-transitive-peering.json",
            &[("PEER-003", Severity::Error), ("PEER-017", Severity::Info)],
        ),
        ("mesh-30-vpcs.json", &[("PEER-017", Severity::Warning)]),
        (
            "endpoint-service-nlb-cross-account.json",
            &[("PL-009", Severity::Info)],
        ),
    ];
    for (fixture, rules) in expected {
        assert_eq!(diagnostics_of(fixture), rules.to_vec(), "{fixture}");
    }
}
