//! Writing a design and reading it back: the written file's shape, what may
//! be left out, migration to the model, and round trips of fixed and
//! generated designs.

use proptest::prelude::*;

use super::arbitrary::arbitrary_design;
use super::*;

#[test]
fn a_written_design_reads_back_equal() {
    let design = sample();
    let text = write_design(&design);
    assert!(text.ends_with("}\n"));
    assert_eq!(read_design(&text), Ok(design));
}

#[test]
fn the_written_file_has_the_envelope_and_tagged_links_first() {
    let text = write_design(&sample());
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "vpcplan-design");
    assert_eq!(value["version"], 1);
    assert_eq!(value["design"]["links"][0]["kind"], "peering");
    assert_eq!(value["design"]["vpcs"][0]["ipv4_cidrs"][0], "10.0.0.0/16");
    assert!(text.starts_with("{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,"));
    let kind = text.find("\"kind\": \"peering\"").unwrap();
    let id = text.find("\"id\": \"pcx-ab\"").unwrap();
    assert!(kind < id, "the tag comes first in a link");
    // Empty lists and absent options are left out; booleans are written.
    assert!(
        !value["design"]["vpcs"][1]
            .as_object()
            .unwrap()
            .contains_key("subnets")
    );
    assert_eq!(value["design"]["links"][0]["dns_resolution"], false);
}

#[test]
fn lists_options_and_defaulted_settings_may_be_left_out() {
    let text = r#"{
        "format": "vpcplan-design",
        "version": 1,
        "design": {
            "name": "minimal",
            "vpcs": [{"id": "v", "name": "v", "account": "111111111111",
                      "region": "ap-northeast-1", "dns_support": true, "dns_hostnames": false}],
            "links": [{"kind": "peering", "id": "p", "requester": "v", "accepter": "w"}]
        }
    }"#;
    let design = read_design(text).unwrap();
    assert_eq!(design.name, "minimal");
    assert!(design.accounts.is_empty() && design.vpcs[0].subnets.is_empty());
    assert_eq!(design.vpcs[0].position, Position::default());
    let LinkSpec::Peering(peering) = &design.links[0].spec else {
        panic!("not a peering: {:?}", design.links[0]);
    };
    assert_eq!(peering.state, PeeringState::Planned);
    assert!(!peering.dns_resolution && !peering.ipv6);
}

#[test]
fn non_finite_positions_are_written_as_zero() {
    let mut design = sample();
    design.vpcs[0].position = Position {
        x: f64::NAN,
        y: f64::INFINITY,
    };
    let read = read_design(&write_design(&design)).unwrap();
    assert_eq!(read.vpcs[0].position, Position { x: 0.0, y: 0.0 });
}

#[test]
fn migrate_brings_version_1_to_the_model() {
    let design = sample();
    let file = v1::File::from_model(&design);
    assert_eq!(migrate(VersionedDesign::V1(file)), design);
}

#[test]
fn network_acls_round_trip() {
    use crate::design::{NetworkAcl, NetworkAclEntry, NetworkAclId};
    use crate::rules::testing;
    let mut design = testing::design(
        vec![testing::vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
        vec![],
        vec![],
    );
    design.vpcs[0].network_acls.push(NetworkAcl {
        id: NetworkAclId::new("acl-1"),
        name: "locked down".to_owned(),
        subnets: vec![SubnetId::new("app-a")],
        entries: vec![NetworkAclEntry {
            rule_number: 100,
            egress: true,
            protocol: "-1".to_owned(),
            cidr: "10.0.0.0/16".parse().unwrap(),
            allow: true,
        }],
    });
    let text = write_design(&design);
    assert!(text.contains("\"network_acls\""), "{text}");
    assert_eq!(read_design(&text).unwrap(), design);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_designs_round_trip(design in arbitrary_design()) {
        let text = write_design(&design);
        prop_assert_eq!(read_design(&text), Ok(design));
    }
}
