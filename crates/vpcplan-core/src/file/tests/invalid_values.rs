//! JSON that is not a valid design: a wrong type, a bad CIDR, an unknown,
//! missing or repeated field or kind. The error names the JSON path and the
//! line and column of the faulty value.

use super::*;

const VPC: &str = r#"{"id": "v", "name": "v", "account": "111111111111", "region": "ap-northeast-1",
  "dns_support": true, "dns_hostnames": true, "ipv4_cidrs": ["10.0.0.0/16"]}"#;

#[test]
fn a_wrong_type_names_the_json_path_and_position() {
    let text = with_design(&format!(
        r#"{{"name": "x", "vpcs": [{VPC}, {{"id": "w", "name": "w", "account": "1",
  "region": "r", "dns_support": "yes", "dns_hostnames": true}}]}}"#
    ));
    let error = read_error(&text);
    assert_eq!(error.path(), Some("design.vpcs[1].dns_support"));
    let shown = error.to_string();
    assert!(
        shown.starts_with(
            "design.vpcs[1].dns_support: invalid type: string \"yes\", expected a boolean (line 6,"
        ),
        "{shown}"
    );
}

#[test]
fn a_bad_cidr_names_its_json_path() {
    let text = with_design(&format!(
        r#"{{"name": "x", "vpcs": [{VPC}, {VPC}, {{"id": "w", "name": "w", "account": "1",
  "region": "r", "dns_support": true, "dns_hostnames": true,
  "ipv4_cidrs": ["10.0.0.0/33"]}}]}}"#
    ));
    let error = read_error(&text);
    assert!(
        error.to_string().starts_with(
            "design.vpcs[2].ipv4_cidrs[0]: \"10.0.0.0/33\" is not a valid IPv4 CIDR (line 8, column"
        ),
        "{error}"
    );
    // An IPv6 CIDR where IPv4 is expected, and the other way round.
    let error = error_in_vpc(r#""ipv4_cidrs": ["fd00::/8"]"#);
    assert_eq!(error.path(), Some("design.vpcs[0].ipv4_cidrs[0]"));
    assert!(
        error
            .to_string()
            .contains("\"fd00::/8\" is not a valid IPv4 CIDR")
    );
    let error = error_in_vpc(r#""ipv6_cidrs": ["10.0.0.0/8"]"#);
    assert!(
        error.to_string().contains("is not a valid IPv6 CIDR"),
        "{error}"
    );
    let error = error_in_vpc(r#""ipv4_cidrs": ["10.0.0.0"]"#);
    assert!(
        error
            .to_string()
            .contains("\"10.0.0.0\" is not a valid IPv4 CIDR")
    );
}

#[test]
fn a_bad_cidr_in_a_list_is_located_at_the_item_itself() {
    // The faulty item last, its list closed on the next line: not the
    // closing bracket's line.
    let error = error_in_vpc("\"ipv4_cidrs\": [\n  \"10.0.0.0/16\",\n  \"10.1.0.0/33\"\n]");
    assert_eq!(error.path(), Some("design.vpcs[0].ipv4_cidrs[1]"));
    assert_eq!(error.position(), Some((7, 3)));
    // The faulty item first: not the valid item after it.
    let error = error_in_vpc("\"ipv4_cidrs\": [\n  \"10.0.0.0/33\",\n  \"10.1.0.0/16\"\n]");
    assert_eq!(error.path(), Some("design.vpcs[0].ipv4_cidrs[0]"));
    assert_eq!(error.position(), Some((6, 3)));
    // Several items on one line: the column of the faulty one's quote.
    let error = read_error(
        "{\"format\": \"vpcplan-design\", \"version\": 1, \"design\": {\"name\": \"x\",\n\
         \"vpcs\": [{\"id\": \"w\", \"name\": \"w\", \"account\": \"1\", \"region\": \"r\",\n\
         \"dns_support\": true, \"dns_hostnames\": true,\n\
         \"ipv6_cidrs\": [\"fd00::/56\", \"fd01::/129\", \"fd02::/56\"]}]}}",
    );
    assert_eq!(error.path(), Some("design.vpcs[0].ipv6_cidrs[1]"));
    assert_eq!(error.position(), Some((4, 29)));
    assert!(
        error.to_string().ends_with("(line 4, column 29)"),
        "{error}"
    );
}

#[test]
fn an_error_inside_a_tagged_object_keeps_its_full_path() {
    let error = read_error(&with_design(
        r#"{"name": "x", "links": [
  {"kind": "peering", "id": "p", "requester": "a", "accepter": "b"},
  {"kind": "interface_endpoint", "id": "e", "vpc": "a", "private_dns": true,
   "target": {"kind": "service", "service": 7}}
]}"#,
    ));
    assert_eq!(error.path(), Some("design.links[1].target.service"));
    assert!(
        error.to_string().starts_with(
            "design.links[1].target.service: invalid type: integer `7`, expected a string"
        ),
        "{error}"
    );
    // The line of the faulty value, found from its path.
    assert_eq!(error.position().map(|(line, _)| line), Some(7));

    let error = error_in_vpc(
        r#""route_tables": [{"id": "t", "name": "t", "main": true, "routes": [
  {"destination": {"kind": "ipv4", "cidr": "10.1.0.0/16"},
   "target": {"kind": "peering", "link": "p"}},
  {"destination": {"kind": "ipv6", "cidr": "10.1.0.0/16"},
   "target": {"kind": "peering", "link": "p"}}]}]"#,
    );
    assert!(
        error.to_string().starts_with(
            "design.vpcs[0].route_tables[0].routes[1].destination.cidr: \"10.1.0.0/16\" is not a valid IPv6 CIDR"
        ),
        "{error}"
    );
}

#[test]
fn an_unknown_or_missing_kind_names_the_object() {
    let error = read_error(&with_design(
        r#"{"name": "x", "links": [{"kind": "transit_gateway", "id": "t"}]}"#,
    ));
    assert_eq!(error.path(), Some("design.links[0].kind"));
    assert!(
        error.to_string().contains(
            "unknown kind `transit_gateway`, expected one of `peering`, `interface_endpoint`, `gateway_endpoint`"
        ),
        "{error}"
    );
    let error = read_error(&with_design(r#"{"name": "x", "links": [{"id": "t"}]}"#));
    assert_eq!(error.path(), Some("design.links[0]"));
    assert!(
        error.to_string().contains("missing field `kind`"),
        "{error}"
    );
    let error = read_error(&with_design(r#"{"name": "x", "links": [{"kind": 3}]}"#));
    assert_eq!(error.path(), Some("design.links[0].kind"));
    let error = read_error(&with_design(r#"{"name": "x", "links": ["peering"]}"#));
    assert_eq!(error.path(), Some("design.links[0]"));
    assert!(
        error.to_string().contains("expected a link object"),
        "{error}"
    );
}

#[test]
fn an_unknown_field_is_an_error_naming_it_and_its_object() {
    let error = error_in_vpc(r#""dns_hostname": true"#);
    assert_eq!(error.path(), Some("design.vpcs[0].dns_hostname"));
    assert!(
        error
            .to_string()
            .contains("unknown field `dns_hostname`, expected one of"),
        "{error}"
    );
    // Inside a tagged object too.
    let error = read_error(&with_design(
        r#"{"name": "x", "services": [{"kind": "aws", "id": "s", "name": "s",
  "region": "ap-northeast-1", "service": "s3", "colour": "red"}]}"#,
    ));
    assert_eq!(error.path(), Some("design.services[0].colour"));
    assert!(
        error.to_string().contains("unknown field `colour`"),
        "{error}"
    );
    // And at the top level.
    let error = read_error(
        r#"{"format": "vpcplan-design", "version": 1, "design": {"name": "x"}, "extra": 1}"#,
    );
    assert_eq!(error.path(), Some("extra"));
    assert!(
        error.to_string().contains("unknown field `extra`"),
        "{error}"
    );
}

#[test]
fn a_field_given_twice_is_an_error_naming_it() {
    let error = error_in_vpc(r#""name": "again""#);
    assert_eq!(error.path(), Some("design.vpcs[0].name"));
    assert!(
        error.to_string().contains("duplicate field `name`"),
        "{error}"
    );
    assert_eq!(error.position().map(|(line, _)| line), Some(5));
    // Inside a tagged object too.
    let error = read_error(&with_design(
        r#"{"name": "x", "links": [
  {"kind": "peering", "id": "p", "requester": "a", "accepter": "b", "id": "q"}]}"#,
    ));
    assert_eq!(error.path(), Some("design.links[0].id"));
    assert!(
        error.to_string().contains("duplicate field `id`"),
        "{error}"
    );
}

#[test]
fn a_missing_field_names_its_object() {
    let error = read_error(&with_design(r#"{"vpcs": []}"#));
    assert_eq!(error.path(), Some("design"));
    assert!(
        error.to_string().contains("missing field `name`"),
        "{error}"
    );
    let error = read_error(r#"{"format": "vpcplan-design", "version": 1}"#);
    assert!(
        error.to_string().contains("missing field `design`"),
        "{error}"
    );
}
