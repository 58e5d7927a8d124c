//! The design fixtures in `tests/fixtures/designs/` (at the repository root):
//! every one reads, round-trips, is in the writer's canonical form and is
//! listed in `EXPECTED.md`; `mesh-30-vpcs.json` is generated here.
//!
//! What each fixture should make the validator say is in `EXPECTED.md`; the
//! rule tests check that, not this file.
//!
//! `UPDATE_FIXTURES=1 cargo test -p vpcplan-core --test fixtures` rewrites the
//! fixtures in canonical form and regenerates the mesh.

use std::collections::BTreeSet;
use std::f64::consts::PI;
use std::path::{Path, PathBuf};

use vpcplan_core::design::*;
use vpcplan_core::file::{read_design, write_design};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/designs")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_FIXTURES").is_some()
}

/// Every `*.json` in the fixtures folder, by file name, with its text.
fn fixtures() -> Vec<(String, String)> {
    let mut fixtures: Vec<(String, String)> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/designs exists")
        .map(|entry| entry.expect("a readable folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .expect("a UTF-8 file name")
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("a readable fixture");
            (name, text)
        })
        .collect();
    fixtures.sort();
    fixtures
}

fn fixture(name: &str) -> Design {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    read_design(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const NAMED: [&str; 9] = [
    "article-peering.json",
    "cross-account-cross-region-peering.json",
    "interface-endpoint-aws-service.json",
    "endpoint-service-nlb-cross-account.json",
    "endpoint-service-new-nlb.json",
    "s3-gateway-endpoint.json",
    "mistake-overlapping-cidrs.json",
    "mistake-transitive-peering.json",
    "mesh-30-vpcs.json",
];

#[test]
fn every_fixture_reads_and_round_trips() {
    let fixtures = fixtures();
    let names: BTreeSet<&str> = fixtures.iter().map(|(name, _)| name.as_str()).collect();
    for name in NAMED {
        assert!(names.contains(name), "missing fixture {name}");
    }
    for (name, text) in &fixtures {
        let design = read_design(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!design.vpcs.is_empty(), "{name} has no VPC");
        let written = write_design(&design);
        assert_eq!(
            read_design(&written).as_ref(),
            Ok(&design),
            "{name} does not round-trip"
        );
    }
}

#[test]
fn every_fixture_is_in_canonical_form() {
    for (name, text) in fixtures() {
        let canonical = write_design(&read_design(&text).unwrap_or_else(|e| panic!("{name}: {e}")));
        if updating() {
            std::fs::write(fixtures_dir().join(&name), &canonical).expect("write a fixture");
            continue;
        }
        assert!(
            text == canonical,
            "tests/fixtures/designs/{name} is not in the form vpcplan writes; rewrite it with \
             `UPDATE_FIXTURES=1 cargo test -p vpcplan-core --test fixtures`"
        );
    }
}

#[test]
fn every_fixture_is_listed_in_expected_md() {
    let expected = std::fs::read_to_string(fixtures_dir().join("EXPECTED.md"))
        .expect("tests/fixtures/designs/EXPECTED.md exists");
    for (name, _) in fixtures() {
        assert!(
            expected.contains(&format!("`{name}`")),
            "EXPECTED.md does not say which rules {name} should trigger"
        );
    }
}

#[test]
fn the_fixtures_hold_what_their_names_say() {
    let article = fixture("article-peering.json");
    let cidrs: Vec<String> = article
        .vpcs
        .iter()
        .map(|vpc| vpc.ipv4_cidrs[0].to_string())
        .collect();
    assert_eq!(cidrs, ["172.31.0.0/16", "13.0.0.0/16"]);
    assert!(article.vpcs.iter().all(|vpc| vpc.region == "ap-northeast-1"
        && vpc.account == article.vpcs[0].account
        && vpc.subnets.len() == 1
        && vpc.route_tables.iter().all(|table| table.routes.is_empty())));

    let cross = fixture("cross-account-cross-region-peering.json");
    assert_ne!(cross.vpcs[0].account, cross.vpcs[1].account);
    assert_ne!(cross.vpcs[0].region, cross.vpcs[1].region);

    let provider = fixture("endpoint-service-nlb-cross-account.json");
    let ServiceKind::EndpointService(service) = &provider.services[0].kind else {
        panic!("not an endpoint service");
    };
    assert!(service.acceptance_required && service.network_load_balancers.len() == 1);
    assert_eq!(
        service.allowed_principals,
        ["arn:aws:iam::111111111111:root"]
    );

    let s3 = fixture("s3-gateway-endpoint.json");
    assert!(matches!(s3.links[0].spec, LinkSpec::GatewayEndpoint(_)));

    let transitive = fixture("mistake-transitive-peering.json");
    assert_eq!(transitive.links.len(), 2);
    assert_eq!(transitive.intents.len(), 1);
}

// ---------------------------------------------------------------------------
// mesh-30-vpcs.json

const MESH_SIZE: usize = 30;

/// 30 VPCs in one account and Region, `10.<n>.0.0/16` each, on a circle, with
/// a peering between every pair (435 links).
fn mesh() -> Design {
    let account = AccountId::new("111111111111");
    let vpcs = (1..=MESH_SIZE)
        .map(|n| {
            let id = format!("vpc-{n:02}");
            let angle = 2.0 * PI * (n - 1) as f64 / MESH_SIZE as f64;
            let az = ["a", "c", "d"][(n - 1) % 3];
            let az_id = ["apne1-az4", "apne1-az1", "apne1-az2"][(n - 1) % 3];
            Vpc {
                id: VpcId::new(&*id),
                name: format!("VPC {n:02}"),
                account: account.clone(),
                region: "ap-northeast-1".to_owned(),
                ipv4_cidrs: vec![format!("10.{n}.0.0/16").parse().unwrap()],
                ipv6_cidrs: Vec::new(),
                dns_support: true,
                dns_hostnames: true,
                subnets: vec![Subnet {
                    id: SubnetId::new(format!("subnet-{n:02}")),
                    name: format!("app 1{az}"),
                    ipv4_cidr: Some(format!("10.{n}.0.0/24").parse().unwrap()),
                    ipv6_cidr: None,
                    availability_zone: format!("ap-northeast-1{az}"),
                    availability_zone_id: Some(az_id.to_owned()),
                }],
                route_tables: vec![RouteTable {
                    id: RouteTableId::new(format!("rtb-{n:02}")),
                    name: format!("VPC {n:02} main"),
                    main: true,
                    subnets: Vec::new(),
                    routes: Vec::new(),
                }],
                security_groups: Vec::new(),
                edge_gateways: Vec::new(),
                network_acls: Vec::new(),
                jumbo_frames: false,
                position: Position {
                    x: (1100.0 + 1000.0 * angle.cos()).round(),
                    y: (1100.0 + 1000.0 * angle.sin()).round(),
                },
            }
        })
        .collect();
    let mut links = Vec::new();
    for a in 1..=MESH_SIZE {
        for b in a + 1..=MESH_SIZE {
            links.push(Link {
                id: LinkId::new(format!("pcx-{a:02}-{b:02}")),
                spec: LinkSpec::Peering(Peering {
                    requester: VpcId::new(format!("vpc-{a:02}")),
                    accepter: VpcId::new(format!("vpc-{b:02}")),
                    dns_resolution: false,
                    ipv6: false,
                    excluded_route_tables: Vec::new(),
                    state: PeeringState::Planned,
                }),
            });
        }
    }
    Design {
        name: "A full peering mesh of 30 VPCs".to_owned(),
        accounts: vec![Account {
            id: account,
            name: "Platform".to_owned(),
        }],
        vpcs,
        services: Vec::new(),
        links,
        intents: Vec::new(),
    }
}

#[test]
fn the_mesh_fixture_is_the_generated_mesh() {
    let design = mesh();
    assert_eq!(design.vpcs.len(), 30);
    assert_eq!(design.links.len(), 30 * 29 / 2);
    let path = fixtures_dir().join("mesh-30-vpcs.json");
    let generated = write_design(&design);
    if updating() {
        std::fs::write(&path, &generated).expect("write mesh-30-vpcs.json");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "tests/fixtures/designs/mesh-30-vpcs.json differs from the mesh this test generates; \
         regenerate it with `UPDATE_FIXTURES=1 cargo test -p vpcplan-core --test fixtures`"
    );
}
