//! The draw.io export read back as draw.io reads it: the file parses as
//! XML, every cell's parent and every connector's ends exist, containers
//! hold what they contain, and the fixtures come out as the AWS shapes,
//! containers and labels they should.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};
use vpcplan_core::Lang;
use vpcplan_core::file::read_design;
use vpcplan_export::drawio;

#[derive(Debug, Clone, Default)]
struct Cell {
    id: String,
    parent: String,
    value: String,
    style: String,
    vertex: bool,
    edge: bool,
    source: String,
    target: String,
    /// x, y, width, height, relative to the parent.
    geometry: Option<[f64; 4]>,
}

impl Cell {
    fn shape(&self) -> Option<&str> {
        style_value(&self.style, "shape")
    }
}

fn style_value<'s>(style: &'s str, key: &str) -> Option<&'s str> {
    style
        .split(';')
        .find_map(|pair| pair.split_once('=').filter(|(k, _)| *k == key))
        .map(|(_, value)| value)
}

/// The file's diagram name and its cells, in order.
fn parse(xml: &str) -> (String, Vec<Cell>) {
    let mut reader = Reader::from_str(xml);
    let mut cells: Vec<Cell> = Vec::new();
    let mut name = String::new();
    let mut stack: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().expect("the file is well-formed XML");
        let (element, empty) = match &event {
            Event::Start(e) => (e.clone(), false),
            Event::Empty(e) => (e.clone(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let tag = element.name().as_ref().to_owned();
        let attributes: HashMap<String, String> = element
            .attributes()
            .map(|a| {
                let a = a.expect("attributes parse");
                (
                    a.key.as_ref().to_owned(),
                    a.normalized_value(XmlVersion::Implicit1_0)
                        .expect("values unescape")
                        .into_owned(),
                )
            })
            .collect();
        let get = |key: &str| attributes.get(key).cloned().unwrap_or_default();
        match tag.as_str() {
            "diagram" => name = get("name"),
            "mxCell" => cells.push(Cell {
                id: get("id"),
                parent: get("parent"),
                value: get("value"),
                style: get("style"),
                vertex: get("vertex") == "1",
                edge: get("edge") == "1",
                source: get("source"),
                target: get("target"),
                geometry: None,
            }),
            "mxGeometry"
                if stack.last().map(String::as_str) == Some("mxCell") && get("relative") != "1" =>
            {
                let number = |key: &str| get(key).parse::<f64>().expect("a number");
                cells.last_mut().unwrap().geometry =
                    Some([number("x"), number("y"), number("width"), number("height")]);
            }
            _ => {}
        }
        if !empty {
            stack.push(tag);
        }
    }
    (name, cells)
}

fn fixture(name: &str) -> vpcplan_core::Design {
    let path = format!(
        "{}/../../tests/fixtures/designs/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    read_design(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

const FIXTURES: &[&str] = &[
    "article-peering",
    "cross-account-cross-region-peering",
    "endpoint-service-new-nlb",
    "endpoint-service-nlb-cross-account",
    "hostile-names",
    "interface-endpoint-aws-service",
    "s3-gateway-endpoint",
    "mesh-30-vpcs",
    "mistake-overlapping-cidrs",
];

fn by_id(cells: &[Cell]) -> HashMap<&str, &Cell> {
    cells.iter().map(|cell| (cell.id.as_str(), cell)).collect()
}

/// The cell's group icon (`grIcon`) or shape, shortened: `group_vpc2`,
/// `resourceIcon:s3`, `endpoints`.
fn kind(cell: &Cell) -> String {
    let short = |name: &str| name.trim_start_matches("mxgraph.aws4.").to_owned();
    match (cell.shape(), style_value(&cell.style, "grIcon")) {
        (Some("mxgraph.aws4.group"), Some(icon)) => short(icon),
        (Some("mxgraph.aws4.resourceIcon"), _) => format!(
            "resourceIcon:{}",
            short(style_value(&cell.style, "resIcon").unwrap_or_default())
        ),
        (Some(shape), _) => short(shape),
        (None, _) => String::new(),
    }
}

#[test]
fn every_fixture_exports_a_diagram_draw_io_can_read() {
    for name in FIXTURES {
        let design = fixture(name);
        let (diagram, cells) = parse(&drawio(&design, Lang::En));
        assert_eq!(diagram, design.name, "{name}");
        let mut seen: HashSet<&str> = HashSet::new();
        for cell in &cells {
            assert!(seen.insert(&cell.id), "{name}: {} repeats", cell.id);
            if cell.id != "0" {
                assert!(
                    seen.contains(cell.parent.as_str()),
                    "{name}: {}'s parent {} is not written before it",
                    cell.id,
                    cell.parent
                );
            }
        }
        let cells_by_id = by_id(&cells);
        for cell in &cells {
            if cell.edge {
                for end in [&cell.source, &cell.target] {
                    assert!(
                        cells_by_id.get(end.as_str()).is_some_and(|c| c.vertex),
                        "{name}: {}'s end {end} is not a vertex",
                        cell.id
                    );
                }
            }
            // A container holds each of its children whole (geometry is
            // relative to the container's corner).
            if let (Some([x, y, w, h]), Some(parent)) = (
                cell.geometry,
                cells_by_id.get(cell.parent.as_str()).filter(|p| p.vertex),
            ) {
                let [_, _, pw, ph] = parent.geometry.unwrap();
                assert!(
                    x >= 0.0 && y >= 0.0 && x + w <= pw + 0.1 && y + h <= ph + 0.1,
                    "{name}: {} sticks out of {}",
                    cell.id,
                    parent.id
                );
                assert!(
                    style_value(&parent.style, "container") == Some("1"),
                    "{name}: {} holds {} but is no container",
                    parent.id,
                    cell.id
                );
            }
        }
        // Every VPC, subnet and service of the design is a cell.
        let count = |wanted: &str| cells.iter().filter(|c| kind(c) == wanted).count();
        assert_eq!(count("group_vpc2"), design.vpcs.len(), "{name}");
        assert_eq!(
            count("group_security_group"),
            design.vpcs.iter().map(|v| v.subnets.len()).sum::<usize>(),
            "{name}"
        );
        let edges = cells
            .iter()
            .filter(|c| c.edge && c.id.starts_with("link:"))
            .count();
        assert_eq!(edges, design.links.len(), "{name}: one connector per link");
    }
}

#[test]
fn an_endpoint_service_sits_in_its_provider_account_joined_to_the_load_balancer_in_its_vpc() {
    let design = fixture("endpoint-service-nlb-cross-account");
    let (_, cells) = parse(&drawio(&design, Lang::En));
    let cells_by_id = by_id(&cells);
    let cell = |id: &str| {
        *cells_by_id
            .get(id)
            .unwrap_or_else(|| panic!("no cell {id}"))
    };
    let parent_kind = |id: &str| kind(cell(&cell(id).parent));

    let region = cell("region:ap-northeast-1");
    assert_eq!(kind(region), "group_region");
    assert_eq!(region.value, "ap-northeast-1");
    let provider_account = cell("account:ap-northeast-1:222222222222");
    assert_eq!(kind(provider_account), "group_account");
    assert_eq!(provider_account.parent, region.id);
    assert_eq!(provider_account.value, "Provider (222222222222)");

    let provider = cell("vpc:vpc-provider");
    assert_eq!(provider.parent, provider_account.id);
    assert_eq!(provider.value, "<b>Provider orders VPC</b><br>10.50.0.0/16");
    let subnet = cell("subnet:vpc-provider:subnet-provider-1a");
    assert_eq!(subnet.parent, provider.id);
    assert_eq!(subnet.value, "nlb 1a<br>ap-northeast-1a · 10.50.0.0/24");

    let service = cell("service:svc-orders");
    assert_eq!(kind(service), "resourceIcon:vpc_privatelink");
    assert_eq!(service.parent, provider_account.id);
    assert_eq!(service.value, "orders-api<br>endpoint service");

    let balancer = cell("load-balancer:svc-orders:0");
    assert_eq!(kind(balancer), "network_load_balancer");
    assert_eq!(balancer.parent, provider.id);
    assert_eq!(balancer.value, "orders-api");
    let hosting = cell("hosts:svc-orders:0");
    assert_eq!(
        (hosting.source.as_str(), hosting.target.as_str()),
        (balancer.id.as_str(), service.id.as_str())
    );
    assert_eq!(style_value(&hosting.style, "dashed"), Some("1"));

    // The consumer's interface endpoint is in its VPC, pointing at the service.
    let endpoint_link = cells
        .iter()
        .find(|c| c.edge && c.target == service.id && c.id.starts_with("link:"))
        .expect("the interface endpoint's connector");
    assert_eq!(endpoint_link.value, "PrivateLink (interface endpoint)");
    let endpoint = cell(&endpoint_link.source);
    assert_eq!(kind(endpoint), "endpoints");
    assert_eq!(endpoint.value, "Interface endpoint");
    assert_eq!(endpoint.parent, "vpc:vpc-consumer");
    assert_eq!(parent_kind(&endpoint.id), "group_vpc2");
}

#[test]
fn peering_joins_the_two_vpc_containers_and_labels_follow_the_language() {
    let design = fixture("article-peering");
    for (lang, label) in [(Lang::En, "VPC peering"), (Lang::Ja, "VPCピアリング")] {
        let (_, cells) = parse(&drawio(&design, lang));
        let cells_by_id = by_id(&cells);
        let peering: Vec<&Cell> = cells
            .iter()
            .filter(|c| c.edge && c.value == label)
            .collect();
        assert_eq!(peering.len(), 1, "{lang:?}");
        for end in [&peering[0].source, &peering[0].target] {
            assert_eq!(kind(cells_by_id[end.as_str()]), "group_vpc2");
        }
    }
}

#[test]
fn aws_services_are_their_resource_icons_and_gateway_endpoints_sit_in_their_vpc() {
    let (_, cells) = parse(&drawio(&fixture("s3-gateway-endpoint"), Lang::Ja));
    let s3 = cells
        .iter()
        .find(|c| kind(c) == "resourceIcon:s3")
        .expect("S3's icon");
    assert_eq!(kind(by_id(&cells)[s3.parent.as_str()]), "group_region");
    let link = cells
        .iter()
        .find(|c| c.edge && c.target == s3.id)
        .expect("the gateway endpoint's connector");
    assert_eq!(link.value, "PrivateLink (ゲートウェイ型)");
    let endpoint = by_id(&cells)[link.source.as_str()];
    assert_eq!(endpoint.value, "ゲートウェイ型エンドポイント");
    assert_eq!(kind(by_id(&cells)[endpoint.parent.as_str()]), "group_vpc2");

    let (_, cells) = parse(&drawio(
        &fixture("interface-endpoint-aws-service"),
        Lang::En,
    ));
    assert_eq!(
        cells
            .iter()
            .filter(|c| kind(c) == "resourceIcon:systems_manager")
            .count(),
        3,
        "ssm, ssmmessages and ec2messages"
    );
}

#[test]
fn hostile_names_are_labels_not_markup() {
    let design = fixture("hostile-names");
    let (diagram, cells) = parse(&drawio(&design, Lang::En));
    assert_eq!(diagram, design.name);
    for vpc in &design.vpcs {
        let cell = cells
            .iter()
            .find(|c| c.id == format!("vpc:{}", vpc.id))
            .unwrap();
        // The label is HTML: the name appears escaped, so draw.io shows it
        // as written.
        let escaped = quick_xml::escape::escape(vpc.label());
        assert!(
            cell.value.starts_with(&format!("<b>{escaped}</b><br>")),
            "{}",
            cell.value
        );
    }
}
