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
    assert_eq!(value["version"], 2);
    assert_eq!(value["design"]["links"][0]["kind"], "peering");
    assert_eq!(value["design"]["vpcs"][0]["ipv4_cidrs"][0], "10.0.0.0/16");
    assert!(text.starts_with("{\n  \"format\": \"vpcplan-design\",\n  \"version\": 2,"));
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
fn migrate_brings_version_2_to_the_model() {
    let design = sample();
    let file = v2::File::from_model(&design);
    assert_eq!(migrate(VersionedDesign::V2(file)), design);
}

/// A version 1 file (as version 1 wrote the sample, transit gateway route
/// targets aside: version 1 had none) reads as the same design.
#[test]
fn a_version_1_file_reads_as_the_same_design() {
    let design = sample();
    let mut value: Value = serde_json::from_str(&write_design(&design)).unwrap();
    value["version"] = 1.into();
    let text = serde_json::to_string_pretty(&value).unwrap();
    let v1_file = json::from_value::<v1::File>(value).unwrap();
    assert_eq!(migrate(VersionedDesign::V1(v1_file)), design);
    assert_eq!(read_design(&text), Ok(design));
}

#[test]
fn a_version_1_file_cannot_route_to_a_transit_gateway() {
    let mut design = sample_with_tgw();
    design.transit_gateways.clear();
    design.transit_gateway_peerings.clear();
    let mut value: Value = serde_json::from_str(&write_design(&design)).unwrap();
    value["version"] = 1.into();
    let error = read_design(&serde_json::to_string_pretty(&value).unwrap()).unwrap_err();
    assert_eq!(
        error.path(),
        Some("design.vpcs[0].route_tables[0].routes[1].target.kind")
    );
}

#[test]
fn transit_gateways_round_trip_and_are_written_with_their_tags() {
    let design = sample_with_tgw();
    let text = write_design(&design);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 2);
    let tgw = &value["design"]["transit_gateways"][0];
    assert_eq!(tgw["amazon_side_asn"], 64512);
    assert_eq!(
        tgw["route_tables"][0]["routes"][0]["target"]["kind"],
        "blackhole"
    );
    assert_eq!(
        value["design"]["vpcs"][0]["route_tables"][0]["routes"][1]["target"],
        serde_json::json!({"kind": "transit_gateway", "transit_gateway": "tgw-hub"})
    );
    assert_eq!(
        value["design"]["transit_gateway_peerings"][0]["state"],
        "pending_acceptance"
    );
    assert_eq!(read_design(&text), Ok(design));
}

#[test]
fn a_transit_gateway_left_at_its_defaults_reads_with_aws_defaults() {
    let text = r#"{
        "format": "vpcplan-design",
        "version": 2,
        "design": {
            "name": "minimal",
            "transit_gateways": [{"id": "tgw", "name": "hub", "account": "111111111111",
                "region": "ap-northeast-1",
                "vpc_attachments": [{"id": "att", "vpc": "v"}]}]
        }
    }"#;
    let design = read_design(text).unwrap();
    let mut expected = TransitGateway::new("tgw", "111111111111", "ap-northeast-1");
    expected.name = "hub".to_owned();
    expected
        .vpc_attachments
        .push(TransitGatewayVpcAttachment::new("att", "v", Vec::new()));
    assert_eq!(design.transit_gateways, vec![expected]);
}

#[test]
fn a_version_1_file_reads_as_a_design_where_nothing_exists_yet() {
    let mut text = write_design(&sample());
    text = text.replacen("\"version\": 2", "\"version\": 1", 1);
    let design = read_design(&text).unwrap();
    assert_eq!(design, sample());
    assert!(design.vpcs.iter().all(|vpc| vpc.existing.is_none()));
}

fn with_existing_items() -> Design {
    let mut design = sample();
    design.vpcs[0].existing = Some(AwsIdentity {
        id: "vpc-0a1b2c3d4e5f60718".to_owned(),
        arn: Some("arn:aws:ec2:ap-northeast-1:111111111111:vpc/vpc-0a1b2c3d4e5f60718".to_owned()),
    });
    design.vpcs[0].subnets[0].existing = Some(AwsIdentity::id("subnet-0123"));
    design.vpcs[0].security_groups[0].existing = Some(AwsIdentity::id("sg-0123"));
    design.links[0].existing = Some(AwsIdentity::id("pcx-0123"));
    design
}

#[test]
fn existing_items_keep_their_aws_identity_in_one_list_per_kind() {
    let design = with_existing_items();
    let text = write_design(&design);
    let value: Value = serde_json::from_str(&text).unwrap();
    let existing = &value["design"]["existing"];
    assert_eq!(
        existing["vpcs"][0],
        serde_json::json!({
            "vpc": "vpc-a",
            "aws_id": "vpc-0a1b2c3d4e5f60718",
            "arn": "arn:aws:ec2:ap-northeast-1:111111111111:vpc/vpc-0a1b2c3d4e5f60718",
        })
    );
    assert_eq!(
        existing["subnets"][0],
        serde_json::json!({"vpc": "vpc-a", "item": "vpc-a-a", "aws_id": "subnet-0123"})
    );
    assert_eq!(existing["links"][0]["aws_id"], "pcx-0123");
    assert!(
        existing.get("route_tables").is_none(),
        "empty lists are left out"
    );
    assert_eq!(read_design(&text), Ok(design));
    // A design where nothing exists writes no `existing` at all.
    assert!(!write_design(&sample()).contains("\"existing\""));
}

#[test]
fn an_existing_entry_that_names_no_item_is_refused_with_its_place() {
    let text =
        write_design(&with_existing_items()).replace("\"item\": \"vpc-a-a\"", "\"item\": \"nope\"");
    let error = read_design(&text).unwrap_err();
    assert_eq!(error.path(), Some("design.existing.subnets[0].item"));
    assert!(
        error
            .to_string()
            .starts_with("design.existing.subnets[0].item: the VPC \"vpc-a\" has no subnet with the id \"nope\" (line "),
        "{error}"
    );
    // A version 1 file cannot say what exists: `existing` is an unknown field there.
    let old = write_design(&with_existing_items()).replacen("\"version\": 2", "\"version\": 1", 1);
    let error = read_design(&old).unwrap_err();
    assert_eq!(error.path(), Some("design.existing"), "{error}");
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
