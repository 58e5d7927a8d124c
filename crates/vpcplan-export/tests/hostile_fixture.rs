//! The hostile-names fixture the end-to-end export tests deploy: it reads,
//! has no errors (so it exports without the allow-errors option), and really
//! holds the names it promises.

use vpcplan_core::file::read_design;
use vpcplan_core::{Severity, validate};

fn hostile() -> vpcplan_core::Design {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/designs/hostile-names.json"
    );
    read_design(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_hostile_names_fixture_reads_and_has_no_errors() {
    let design = hostile();
    let errors: Vec<_> = validate(&design)
        .into_iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| format!("{} {}", diagnostic.rule, diagnostic.message.en))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_hostile_names_fixture_holds_every_kind_of_hostile_name() {
    let design = hostile();
    let mut names: Vec<&str> = vec![design.name.as_str()];
    names.extend(design.accounts.iter().map(|account| account.name.as_str()));
    names.extend(design.services.iter().map(|service| service.name.as_str()));
    for vpc in &design.vpcs {
        names.push(&vpc.name);
        names.extend(vpc.subnets.iter().map(|subnet| subnet.name.as_str()));
        names.extend(vpc.route_tables.iter().map(|table| table.name.as_str()));
        names.extend(vpc.security_groups.iter().map(|group| group.name.as_str()));
    }
    let has = |needle: &str| names.iter().any(|name| name.contains(needle));
    for needle in [
        "'",
        "\"",
        "$(touch /tmp/pwned)",
        "`",
        "\n",
        ": ",
        " #",
        "{}",
        "日本語",
    ] {
        assert!(has(needle), "no name contains {needle:?}");
    }
    assert!(
        names.iter().any(|name| name.chars().count() == 255),
        "no name is 255 characters long"
    );
    // Names that YAML would read as something else when unquoted.
    assert!(names.contains(&"yes") && names.contains(&"0123"));
}
