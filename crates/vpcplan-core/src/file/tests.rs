//! Tests of the design file: the committed schema, errors that name their
//! place, round trips of generated designs, and no panic on any text.

use std::path::PathBuf;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::prelude::*;

use super::*;
use crate::design::*;

// ---------------------------------------------------------------------------
// The committed JSON Schema

fn committed_schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/design-format.schema.json")
}

#[test]
fn committed_schema_matches_the_file_types() {
    let generated = design_schema();
    let path = committed_schema_path();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("write docs/design-format.schema.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/design-format.schema.json is not the schema of the file types in \
         crates/vpcplan-core/src/file/v1/mod.rs. If the change to the format is intended, \
         regenerate it with `UPDATE_SCHEMA=1 cargo test -p vpcplan-core schema` and commit it \
         (and describe the change in docs/design-format.md)."
    );
}

#[test]
fn the_schema_describes_the_envelope_and_every_link_kind() {
    let schema: Value = serde_json::from_str(&design_schema()).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["properties"]["version"]["const"], 1);
    assert_eq!(schema["additionalProperties"], false);
    let kinds: Vec<&str> = schema["$defs"]["Link"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|variant| variant["properties"]["kind"]["const"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["peering", "interface_endpoint", "gateway_endpoint"]);
    // Tagged variants are inlined, so `kind` is allowed next to the fields
    // that `additionalProperties: false` permits.
    for variant in schema["$defs"]["Link"]["oneOf"].as_array().unwrap() {
        assert_eq!(variant["additionalProperties"], false);
        assert!(variant["properties"]["id"].is_object());
    }
}

// ---------------------------------------------------------------------------
// Reading and writing

fn sample() -> Design {
    let mut vpc_a = crate::rules::testing::vpc("vpc-a", "10.0.0.0/16")
        .with_ipv6("2600:1f18:1:100::/56")
        .with_subnet("a", "10.0.0.0/24", 'a');
    vpc_a.security_groups.push(SecurityGroup {
        id: SecurityGroupId::new("sg-a"),
        name: "app".to_owned(),
        ingress: vec![SecurityGroupRule {
            protocol: "tcp".to_owned(),
            from_port: 443,
            to_port: 443,
            source: RuleSource::Cidr("10.1.0.0/16".parse().unwrap()),
        }],
    });
    vpc_a.route_tables[0].routes.push(Route {
        destination: RouteDestination::Ipv4("0.0.0.0/0".parse().unwrap()),
        target: RouteTarget::Edge(EdgeGatewayKind::NatGateway),
    });
    vpc_a.position = Position { x: 120.5, y: -40.0 };
    let vpc_b = crate::rules::testing::vpc("vpc-b", "10.1.0.0/16").in_region("us-west-2");
    let mut design = crate::rules::testing::design(
        vec![vpc_a, vpc_b],
        vec![crate::rules::testing::aws_service(
            "svc-s3",
            "s3",
            "ap-northeast-1",
        )],
        vec![
            crate::rules::testing::peering("pcx-ab", "vpc-a", "vpc-b"),
            crate::rules::testing::gateway_endpoint("vpce-s3", "vpc-a", "svc-s3"),
        ],
    );
    design.intents.push(Intent {
        id: IntentId::new("a-to-b"),
        from: IntentSource::Vpc(VpcId::new("vpc-a")),
        to: IntentTarget::Vpc(VpcId::new("vpc-b")),
    });
    design
}

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

// ---------------------------------------------------------------------------
// Errors name their place

fn read_error(text: &str) -> FileError {
    match read_design(text) {
        Ok(design) => panic!("read without error: {design:?}"),
        Err(error) => error,
    }
}

/// A valid file with `design` spliced in.
fn with_design(design: &str) -> String {
    format!("{{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,\n  \"design\": {design}\n}}")
}

const VPC: &str = r#"{"id": "v", "name": "v", "account": "111111111111", "region": "ap-northeast-1",
  "dns_support": true, "dns_hostnames": true, "ipv4_cidrs": ["10.0.0.0/16"]}"#;

#[test]
fn a_syntax_error_names_line_and_column() {
    let error =
        read_error("{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1\n  \"design\": {}\n}");
    assert_eq!(error.position(), Some((4, 3)));
    assert_eq!(
        error.to_string(),
        "line 4, column 3: not valid JSON: expected `,` or `}`"
    );
}

#[test]
fn a_truncated_file_says_where_it_ends_and_what_is_left_open() {
    let error = read_error(
        "{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1,\n  \"design\": {\"name\": \"x\", \"vpcs\": [\n",
    );
    assert!(matches!(error, FileError::Syntax { .. }), "{error:?}");
    // Just after the last character, not on the empty line after it.
    assert_eq!(error.position(), Some((4, 36)));
    let message = error.message();
    assert_eq!(
        message.en,
        "line 4, column 36: the file ends in the middle of an array (the `[` at line 4, \
         column 35 is not closed); is the file cut short?"
    );
    assert_eq!(message.en, error.to_string());
    assert_eq!(
        message.ja,
        "4 行目 36 列目: 配列の途中でファイルが終わっています (4 行目 35 列目の `[` が\
         閉じられていません)。ファイルが途中で切れていませんか?"
    );
    assert_eq!(
        error.what().en,
        "the file ends in the middle of an array (the `[` at line 4, column 35 is not closed); \
         is the file cut short?"
    );

    let error = read_error(
        "{\"format\": \"vpcplan-design\", \"version\": 1,\n \"design\": {\"name\": \"x\"",
    );
    assert_eq!(error.position(), Some((2, 24)));
    assert!(
        error
            .to_string()
            .contains("in the middle of an object (the `{` at line 2, column 12 is not closed)"),
        "{error}"
    );
    assert!(
        error
            .message()
            .ja
            .contains("オブジェクトの途中でファイルが終わっています (2 行目 12 列目の `{` が"),
        "{error}"
    );

    let error = read_error("{\"format\": \"vpcplan-des");
    assert_eq!(error.position(), Some((1, 24)));
    assert!(
        error
            .to_string()
            .contains("in the middle of a string (the `\"` at line 1, column 12 is not closed)"),
        "{error}"
    );
    assert!(error.message().ja.contains("文字列の途中で"), "{error}");

    let error = read_error("tr");
    assert_eq!(
        error.message(),
        crate::Localized::new(
            "line 1, column 3: the file ends in the middle of a value; is the file cut short?",
            "1 行目 3 列目: 値の途中でファイルが終わっています。ファイルが途中で切れていませんか?"
        )
    );
    // No message says "not valid JSON" twice, nor the parser's "EOF".
    for text in ["{", "[", "{\"a\": ", "{\"a\"", "\"", "[1, {\"b\": [", "-"] {
        let shown = read_error(text).to_string();
        assert!(!shown.contains("EOF"), "{text}: {shown}");
        assert!(shown.contains("the file ends"), "{text}: {shown}");
    }
}

#[test]
fn syntax_errors_speak_japanese_too() {
    let error =
        read_error("{\n  \"format\": \"vpcplan-design\",\n  \"version\": 1\n  \"design\": {}\n}");
    assert_eq!(
        error.message().ja,
        "4 行目 3 列目: JSON として正しくありません: `,` か `}` が必要です"
    );
    let error = read_error("");
    assert!(error.message().ja.contains("ファイルが空です"), "{error:?}");
    let error = read_error(r#"{"format": "vpcplan-design", "version": 7, "design": {}}"#);
    assert!(
        error
            .message()
            .ja
            .contains("新しい vpcplan で書かれています"),
        "{error:?}"
    );
    // Details that are serde's own words keep them, framed in Japanese.
    let error = error_in_vpc(r#""ipv4_cidrs": ["10.0.0.0/33"]"#);
    assert!(
        error.message().ja.ends_with("(5 行目 62 列目)"),
        "{}",
        error.message().ja
    );
}

#[test]
fn an_empty_text_says_so() {
    for text in ["", "  \n\t"] {
        let error = read_error(text);
        assert!(matches!(error, FileError::Syntax { .. }), "{error:?}");
        assert!(error.to_string().contains("the file is empty"), "{error}");
        assert!(error.to_string().starts_with("line "), "{error}");
    }
}

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

fn error_in_vpc(fields: &str) -> FileError {
    read_error(&with_design(&format!(
        r#"{{"name": "x", "vpcs": [{{"id": "w", "name": "w", "account": "1", "region": "r",
  "dns_support": true, "dns_hostnames": true, {fields}}}]}}"#
    )))
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

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let error =
        read_error(r#"{"format": "vpcplan-design", "version": 7, "design": {"whatever": []}}"#);
    assert_eq!(error, FileError::NewerVersion { version: 7 });
    assert_eq!(
        error.to_string(),
        "version: this file was written by a newer vpcplan (format version 7); \
         this version reads up to 1"
    );
}

#[test]
fn a_missing_or_wrong_format_or_version_is_refused() {
    let error = read_error(r#"{"version": 1, "design": {"name": "x"}}"#);
    assert_eq!(error.path(), Some("format"));
    assert!(error.to_string().starts_with("format: missing"), "{error}");
    let error = read_error(r#"{"format": "terraform", "version": 1, "design": {}}"#);
    assert_eq!(
        error.to_string(),
        "format: \"terraform\" is not a vpcplan design; expected \"vpcplan-design\""
    );
    let error = read_error(r#"{"format": 1}"#);
    assert_eq!(error.path(), Some("format"));
    for version in ["0", "-1", "1.5", "\"1\"", "null"] {
        let error = read_error(&format!(
            r#"{{"format": "vpcplan-design", "version": {version}, "design": {{"name": "x"}}}}"#
        ));
        assert_eq!(error.path(), Some("version"), "{version}");
        assert!(
            error
                .to_string()
                .starts_with("version: expected a format version")
        );
    }
    let error = read_error(r#"{"format": "vpcplan-design", "design": {"name": "x"}}"#);
    assert_eq!(
        error.to_string(),
        "version: missing; expected the format version, such as 1"
    );
    for text in ["[]", "42", "\"vpcplan-design\"", "null"] {
        let error = read_error(text);
        assert_eq!(error.path(), Some("(top level)"), "{text}");
        assert!(
            error.to_string().contains("expected a JSON object"),
            "{error}"
        );
    }
}

#[test]
fn a_file_that_is_not_a_design_says_so_in_japanese_too() {
    let cases = [
        (
            "[]",
            "(top level): JSON オブジェクト {\"format\": \"vpcplan-design\", \"version\": 1, \
             \"design\": {…}} が必要ですが、配列があります",
        ),
        (
            r#"{"format": "terraform", "version": 1, "design": {}}"#,
            "format: \"terraform\" は vpcplan の設計ではありません。\"vpcplan-design\" が必要です",
        ),
        (
            r#"{"format": 1}"#,
            "format: 文字列 \"vpcplan-design\" が必要ですが、数値があります",
        ),
        (
            r#"{"version": 1, "design": {"name": "x"}}"#,
            "format: ありません。vpcplan の設計ファイルには \"format\": \"vpcplan-design\" \
             があります (vpcplan の設計ファイルですか?)",
        ),
        (
            r#"{"format": "vpcplan-design", "design": {"name": "x"}}"#,
            "version: ありません。1 のような形式バージョンが必要です",
        ),
        (
            r#"{"format": "vpcplan-design", "version": "1", "design": {"name": "x"}}"#,
            "version: 1 から 1 までの形式バージョンが必要ですが、文字列があります",
        ),
    ];
    for (text, japanese) in cases {
        let error = read_error(text);
        assert!(matches!(error, FileError::NotADesign { .. }), "{error:?}");
        assert_eq!(error.message().ja, japanese);
        assert_eq!(error.message().en, error.to_string());
    }
}

#[test]
fn deeply_nested_junk_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = read_error(&deep);
    assert!(
        error.to_string().contains("recursion limit exceeded"),
        "{error}"
    );
    assert_eq!(error.position().map(|(line, _)| line), Some(1));

    let deep = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    assert!(matches!(error_of(&deep), FileError::Syntax { .. }));

    // Nesting just under the limit, where a string is expected and inside a
    // tagged object (which reads its fields into a JSON value first).
    let nested = format!("{}1{}", "[".repeat(120), "]".repeat(120));
    let error = read_error(&with_design(&format!(r#"{{"name": {nested}}}"#)));
    assert_eq!(error.path(), Some("design.name"));
    let error = read_error(&with_design(&format!(
        r#"{{"name": "x", "links": [{{"kind": "peering", "id": {nested}}}]}}"#
    )));
    assert_eq!(error.path(), Some("design.links[0].id"));
}

fn error_of(text: &str) -> FileError {
    read_error(text)
}

#[test]
fn every_error_says_where() {
    let texts = [
        String::new(),
        "{".to_owned(),
        "{\"format\": \"vpcplan-design\", \"version\": 1, \"design\": {\"name\": 1}}".to_owned(),
        with_design(r#"{"name": "x", "vpcs": {}}"#),
        with_design(r#"{"name": "x", "accounts": [{"id": "1"}]}"#),
        with_design(
            r#"{"name": "x", "intents": [{"id": "i", "from": {"kind": "vpc"}, "to": {"kind": "vpc", "vpc": "v"}}]}"#,
        ),
    ];
    for text in texts {
        let error = read_error(&text);
        assert!(
            error.path().is_some() || error.position().is_some(),
            "{error:?}"
        );
        let shown = error.to_string();
        assert!(
            shown.starts_with("line ")
                || shown.starts_with("design")
                || shown.starts_with("format"),
            "{shown}"
        );
    }
}

// ---------------------------------------------------------------------------
// Generated designs round-trip; no text makes the reader panic

fn id() -> impl Strategy<Value = String> {
    "[a-z0-9-]{1,10}"
}

fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn ipv4() -> impl Strategy<Value = Ipv4Net> {
    (any::<u32>(), 0u8..=32).prop_map(|(addr, len)| Ipv4Net::new(addr.into(), len).unwrap())
}

fn ipv6() -> impl Strategy<Value = Ipv6Net> {
    (any::<u128>(), 0u8..=128).prop_map(|(addr, len)| Ipv6Net::new(addr.into(), len).unwrap())
}

fn ip() -> impl Strategy<Value = IpNet> {
    prop_oneof![ipv4().prop_map(IpNet::V4), ipv6().prop_map(IpNet::V6)]
}

fn coordinate() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()),
        -2000.0f64..2000.0,
        Just(-0.0),
    ]
}

fn position() -> impl Strategy<Value = Position> {
    (coordinate(), coordinate()).prop_map(|(x, y)| Position { x, y })
}

fn list<T: std::fmt::Debug>(item: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
    prop::collection::vec(item, 0..3)
}

fn edge_kind() -> impl Strategy<Value = EdgeGatewayKind> {
    prop_oneof![
        Just(EdgeGatewayKind::InternetGateway),
        Just(EdgeGatewayKind::NatGateway),
        Just(EdgeGatewayKind::VpnGateway),
        Just(EdgeGatewayKind::DirectConnect),
        Just(EdgeGatewayKind::TransitGateway),
    ]
}

fn route() -> impl Strategy<Value = Route> {
    let destination = prop_oneof![
        ipv4().prop_map(RouteDestination::Ipv4),
        ipv6().prop_map(RouteDestination::Ipv6),
        text().prop_map(RouteDestination::PrefixList),
    ];
    let target = prop_oneof![
        id().prop_map(|id| RouteTarget::Peering(LinkId::new(id))),
        id().prop_map(|id| RouteTarget::GatewayEndpoint(LinkId::new(id))),
        edge_kind().prop_map(RouteTarget::Edge),
        text().prop_map(RouteTarget::Other),
    ];
    (destination, target).prop_map(|(destination, target)| Route {
        destination,
        target,
    })
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (
        id(),
        text(),
        prop::option::of(ipv4()),
        prop::option::of(ipv6()),
        text(),
        prop::option::of(text()),
    )
        .prop_map(
            |(id, name, ipv4_cidr, ipv6_cidr, availability_zone, availability_zone_id)| Subnet {
                id: SubnetId::new(id),
                name,
                ipv4_cidr,
                ipv6_cidr,
                availability_zone,
                availability_zone_id,
            },
        )
}

fn route_table() -> impl Strategy<Value = RouteTable> {
    (id(), text(), any::<bool>(), list(id()), list(route())).prop_map(
        |(id, name, main, subnets, routes)| RouteTable {
            id: RouteTableId::new(id),
            name,
            main,
            subnets: subnets.into_iter().map(SubnetId::new).collect(),
            routes,
        },
    )
}

fn security_group() -> impl Strategy<Value = SecurityGroup> {
    let source = prop_oneof![
        ip().prop_map(RuleSource::Cidr),
        (id(), id()).prop_map(|(vpc, group)| RuleSource::SecurityGroup {
            vpc: VpcId::new(vpc),
            group: SecurityGroupId::new(group),
        }),
        text().prop_map(RuleSource::PrefixList),
    ];
    let rule = (text(), any::<u16>(), any::<u16>(), source).prop_map(
        |(protocol, from_port, to_port, source)| SecurityGroupRule {
            protocol,
            from_port,
            to_port,
            source,
        },
    );
    (id(), text(), list(rule)).prop_map(|(id, name, ingress)| SecurityGroup {
        id: SecurityGroupId::new(id),
        name,
        ingress,
    })
}

fn vpc() -> impl Strategy<Value = Vpc> {
    let identity = (id(), text(), id(), text(), list(ipv4()), list(ipv6()));
    let parts = (
        any::<(bool, bool, bool)>(),
        list(subnet()),
        list(route_table()),
        list(security_group()),
        list(
            (edge_kind(), list(ip()))
                .prop_map(|(kind, remote_cidrs)| EdgeGateway { kind, remote_cidrs }),
        ),
        position(),
    );
    (identity, parts).prop_map(
        |(
            (id, name, account, region, ipv4_cidrs, ipv6_cidrs),
            (
                (dns_support, dns_hostnames, jumbo_frames),
                subnets,
                route_tables,
                security_groups,
                edge_gateways,
                position,
            ),
        )| Vpc {
            id: VpcId::new(id),
            name,
            account: AccountId::new(account),
            region,
            ipv4_cidrs,
            ipv6_cidrs,
            dns_support,
            dns_hostnames,
            subnets,
            route_tables,
            security_groups,
            edge_gateways,
            network_acls: Vec::new(),
            jumbo_frames,
            position,
        },
    )
}

fn service() -> impl Strategy<Value = Service> {
    let load_balancer =
        || (text(), any::<u32>()).prop_map(|(name, listeners)| LoadBalancer { name, listeners });
    let family = prop_oneof![Just(IpFamily::Ipv4), Just(IpFamily::Ipv6)];
    let endpoint_service = (
        id(),
        list(load_balancer()),
        list(load_balancer()),
        any::<bool>(),
        list(text()),
        list(text()),
        list(family),
        list(text()),
        any::<u16>(),
    )
        .prop_map(
            |(
                provider_vpc,
                network_load_balancers,
                gateway_load_balancers,
                acceptance_required,
                allowed_principals,
                supported_regions,
                supported_ip_address_types,
                availability_zone_ids,
                port,
            )| {
                ServiceKind::EndpointService(EndpointService {
                    provider_vpc: VpcId::new(provider_vpc),
                    network_load_balancers,
                    gateway_load_balancers,
                    acceptance_required,
                    allowed_principals,
                    supported_regions,
                    supported_ip_address_types,
                    availability_zone_ids,
                    port,
                })
            },
        );
    let kind = prop_oneof![
        text().prop_map(|service| ServiceKind::Aws { service }),
        endpoint_service,
    ];
    (id(), text(), text(), kind, position()).prop_map(|(id, name, region, kind, position)| {
        Service {
            id: ServiceId::new(id),
            name,
            region,
            kind,
            position,
        }
    })
}

fn ip_address_type() -> impl Strategy<Value = IpAddressType> {
    prop_oneof![
        Just(IpAddressType::Ipv4),
        Just(IpAddressType::Dualstack),
        Just(IpAddressType::Ipv6),
    ]
}

fn link() -> impl Strategy<Value = Link> {
    let state = prop_oneof![
        Just(PeeringState::Planned),
        Just(PeeringState::PendingAcceptance),
        Just(PeeringState::Active),
    ];
    let peering = (id(), id(), any::<(bool, bool)>(), list(id()), state).prop_map(
        |(requester, accepter, (dns_resolution, ipv6), excluded, state)| {
            LinkSpec::Peering(Peering {
                requester: VpcId::new(requester),
                accepter: VpcId::new(accepter),
                dns_resolution,
                ipv6,
                excluded_route_tables: excluded.into_iter().map(RouteTableId::new).collect(),
                state,
            })
        },
    );
    let target = prop_oneof![
        id().prop_map(|id| EndpointTarget::Service(ServiceId::new(id))),
        id().prop_map(|id| EndpointTarget::GatewayLoadBalancer(ServiceId::new(id))),
        prop::option::of(text())
            .prop_map(|configuration_arn| EndpointTarget::Resource { configuration_arn }),
        prop::option::of(text()).prop_map(|arn| EndpointTarget::ServiceNetwork { arn }),
    ];
    let dns_record = prop::option::of(prop_oneof![
        Just(DnsRecordIpType::Ipv4),
        Just(DnsRecordIpType::Dualstack),
        Just(DnsRecordIpType::Ipv6),
        Just(DnsRecordIpType::ServiceDefined),
    ]);
    let interface = (
        id(),
        target,
        list(id()),
        list(id()),
        any::<bool>(),
        ip_address_type(),
        dns_record,
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(
            |(
                vpc,
                target,
                subnets,
                security_groups,
                private_dns,
                ip_address_type,
                dns_record_ip_type,
                service_region,
                policy,
                service_name,
            )| {
                LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
                    vpc: VpcId::new(vpc),
                    target,
                    subnets: subnets.into_iter().map(SubnetId::new).collect(),
                    security_groups: security_groups
                        .into_iter()
                        .map(SecurityGroupId::new)
                        .collect(),
                    private_dns,
                    ip_address_type,
                    dns_record_ip_type,
                    service_region,
                    policy,
                    service_name,
                })
            },
        );
    let gateway = (
        id(),
        id(),
        list(id()),
        prop::option::of(text()),
        ip_address_type(),
        list(id()),
        list(id()),
        any::<bool>(),
    )
        .prop_map(
            |(
                vpc,
                service,
                route_tables,
                policy,
                ip_address_type,
                subnets,
                groups,
                private_dns,
            )| {
                LinkSpec::GatewayEndpoint(GatewayEndpoint {
                    vpc: VpcId::new(vpc),
                    service: ServiceId::new(service),
                    route_tables: route_tables.into_iter().map(RouteTableId::new).collect(),
                    policy,
                    ip_address_type,
                    subnets: subnets.into_iter().map(SubnetId::new).collect(),
                    security_groups: groups.into_iter().map(SecurityGroupId::new).collect(),
                    private_dns,
                })
            },
        );
    (id(), prop_oneof![peering, interface, gateway]).prop_map(|(id, spec)| Link {
        id: LinkId::new(id),
        spec,
    })
}

fn intent() -> impl Strategy<Value = Intent> {
    let from = prop_oneof![
        id().prop_map(|vpc| IntentSource::Vpc(VpcId::new(vpc))),
        (id(), id()).prop_map(|(vpc, subnet)| IntentSource::Subnet {
            vpc: VpcId::new(vpc),
            subnet: SubnetId::new(subnet),
        }),
    ];
    let to = prop_oneof![
        id().prop_map(|vpc| IntentTarget::Vpc(VpcId::new(vpc))),
        id().prop_map(|service| IntentTarget::Service(ServiceId::new(service))),
    ];
    (id(), from, to).prop_map(|(id, from, to)| Intent {
        id: IntentId::new(id),
        from,
        to,
    })
}

fn arbitrary_design() -> impl Strategy<Value = Design> {
    (
        text(),
        list((id(), text()).prop_map(|(id, name)| Account {
            id: AccountId::new(id),
            name,
        })),
        list(vpc()),
        list(service()),
        prop::collection::vec(link(), 0..5),
        list(intent()),
    )
        .prop_map(|(name, accounts, vpcs, services, links, intents)| Design {
            name,
            accounts,
            vpcs,
            services,
            links,
            intents,
        })
}

/// Arbitrary JSON, for feeding the typed reader values of every shape.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |v| v.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just("peering".to_owned()),
            Just("10.0.0.0/16".to_owned()),
            Just("kind".to_owned()),
            text()
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("kind".to_owned()),
                        Just("id".to_owned()),
                        Just("name".to_owned()),
                        Just("vpcs".to_owned()),
                        Just("links".to_owned()),
                        "[a-z_]{1,12}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_designs_round_trip(design in arbitrary_design()) {
        let text = write_design(&design);
        prop_assert_eq!(read_design(&text), Ok(design));
    }

    #[test]
    fn no_text_makes_the_reader_panic(text in any::<String>()) {
        if let Err(error) = read_design(&text) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn no_json_makes_the_reader_panic(design in json()) {
        let text = format!(
            r#"{{"format": "vpcplan-design", "version": 1, "design": {design}}}"#
        );
        if let Err(error) = read_design(&text) {
            prop_assert!(error.path().is_some(), "{:?}", error);
        }
    }

    #[test]
    fn no_byte_flip_in_a_valid_file_makes_the_reader_panic(
        index in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = write_design(&sample()).into_bytes();
        let at = index.index(bytes.len());
        bytes[at] = byte;
        let text = String::from_utf8_lossy(&bytes);
        if let Err(error) = read_design(&text) {
            prop_assert!(error.path().is_some() || error.position().is_some(), "{:?}", error);
        }
    }
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
