//! The design as a draw.io diagram (`.drawio`), editable there: Regions,
//! accounts, VPCs and subnets as draw.io's AWS group containers nested in
//! one another, services, endpoints and load balancers as its AWS icons,
//! and the links as connectors between them.
//!
//! Where things go follows the planner's own layout (`vpcplan_editor`'s
//! geometry), each VPC grown to hold its subnets and its row of endpoints
//! and load balancers, and the Region and account boxes drawn around the
//! grown VPCs by the same rule the canvas uses. draw.io places a child
//! relative to its container, so each cell's geometry is written relative
//! to its parent's corner.
//!
//! The file is written with quick-xml; labels are HTML (`html=1`, so that a
//! label can break lines), each piece of text escaped for HTML before the
//! writer escapes the attribute.

mod frames;
mod styles;

use std::collections::{BTreeMap, HashSet};

use quick_xml::Writer;
use quick_xml::escape::escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use vpcplan_core::design::{
    EndpointTarget, LinkSpec, LoadBalancer, Service, ServiceKind, Subnet, Vpc,
};
use vpcplan_core::{Design, Lang, LinkKind};
use vpcplan_editor::Rect;
use vpcplan_editor::icons::{AwsIcon, service_icon};

use frames::{Frames, VpcItem};

/// The draw.io file of `design`, its labels in `lang`.
pub fn drawio(design: &Design, lang: Lang) -> String {
    let frames = Frames::of(design);
    let mut diagram = Diagram::default();
    let mut region_ids = BTreeMap::new();
    let mut account_ids = BTreeMap::new();
    for group in frames.groups.iter() {
        let (id, parent, label) = match &group.account {
            None => {
                let id = diagram.id(format!("region:{}", group.region));
                region_ids.insert(group.region.clone(), (id.clone(), group.rect));
                (id, None, escape(&group.region).into_owned())
            }
            Some(account) => {
                let id = diagram.id(format!("account:{}:{account}", group.region));
                account_ids.insert(
                    (group.region.clone(), account.clone()),
                    (id.clone(), group.rect),
                );
                (
                    id,
                    region_ids.get(&group.region).cloned(),
                    account_label(design, account),
                )
            }
        };
        let style = match group.account {
            None => styles::region(),
            Some(_) => styles::account(),
        };
        diagram.vertex(id, parent, label, style, group.rect);
    }

    let mut vpc_ids = BTreeMap::new();
    let mut item_ids: BTreeMap<VpcItem, String> = BTreeMap::new();
    for (vpc, frame) in design.vpcs.iter().zip(&frames.vpcs) {
        let parent = account_ids
            .get(&(vpc.region.clone(), vpc.account.to_string()))
            .cloned();
        let id = diagram.id(format!("vpc:{}", vpc.id));
        vpc_ids.entry(vpc.id.clone()).or_insert(id.clone());
        diagram.vertex(
            id.clone(),
            parent,
            vpc_label(vpc),
            styles::vpc(),
            frame.rect,
        );
        let this = Some((id.clone(), frame.rect));
        for (subnet, rect) in vpc.subnets.iter().zip(&frame.subnets) {
            let subnet_id = diagram.id(format!("subnet:{}:{}", vpc.id, subnet.id));
            diagram.vertex(
                subnet_id,
                this.clone(),
                subnet_label(subnet),
                styles::subnet(),
                *rect,
            );
        }
        for (item, rect) in &frame.items {
            let (icon, label, key) = match item {
                VpcItem::Endpoint(at) => {
                    let link = &design.links[*at];
                    let label = match link.kind() {
                        LinkKind::GatewayEndpoint => {
                            text(lang, "Gateway endpoint", "ゲートウェイ型エンドポイント")
                        }
                        _ => text(
                            lang,
                            "Interface endpoint",
                            "インターフェイス型エンドポイント",
                        ),
                    };
                    (
                        AwsIcon::VpcEndpoints,
                        label.to_owned(),
                        format!("endpoint:{}", link.id),
                    )
                }
                VpcItem::LoadBalancer {
                    service,
                    gateway,
                    at,
                } => {
                    let service = &design.services[*service];
                    let balancer = load_balancers(service, *gateway)
                        .and_then(|all| all.get(*at))
                        .map_or("", |balancer| balancer_label(&balancer.name));
                    let icon = if *gateway {
                        AwsIcon::GatewayLoadBalancer
                    } else {
                        AwsIcon::NetworkLoadBalancer
                    };
                    (
                        icon,
                        balancer.to_owned(),
                        format!("load-balancer:{}:{at}", service.id),
                    )
                }
            };
            let item_id = diagram.id(key);
            item_ids.insert(item.clone(), item_id.clone());
            diagram.vertex(
                item_id,
                this.clone(),
                escape(&label).into_owned(),
                styles::icon(icon),
                *rect,
            );
        }
    }

    let mut service_ids = BTreeMap::new();
    for (index, (service, rect)) in design.services.iter().zip(&frames.services).enumerate() {
        let parent = match &service.kind {
            ServiceKind::EndpointService(es) => design
                .vpc(&es.provider_vpc)
                .and_then(|provider| {
                    account_ids.get(&(service.region.clone(), provider.account.to_string()))
                })
                .or_else(|| region_ids.get(&service.region)),
            ServiceKind::Aws { .. } => region_ids.get(&service.region),
        }
        .cloned();
        let id = diagram.id(format!("service:{}", service.id));
        service_ids.entry(service.id.clone()).or_insert(id.clone());
        diagram.vertex(
            id.clone(),
            parent,
            service_label(service, lang),
            styles::icon(service_icon(service)),
            *rect,
        );
        // What hosts an endpoint service: each of its load balancers, or
        // its provider VPC when it names none.
        if let ServiceKind::EndpointService(es) = &service.kind {
            let balancers: Vec<&String> = item_ids
                .iter()
                .filter(|(item, _)| {
                    matches!(item, VpcItem::LoadBalancer { service, .. } if *service == index)
                })
                .map(|(_, id)| id)
                .collect();
            if balancers.is_empty()
                && let Some(provider) = vpc_ids.get(&es.provider_vpc)
            {
                let edge = diagram.id(format!("hosts:{}", service.id));
                diagram.edge(edge, provider, &id, String::new(), styles::hosting());
            }
            for (n, balancer) in balancers.into_iter().enumerate() {
                let edge = diagram.id(format!("hosts:{}:{n}", service.id));
                diagram.edge(edge, balancer, &id, String::new(), styles::hosting());
            }
        }
    }

    for (at, link) in design.links.iter().enumerate() {
        let label = escape(link.kind().name().get(lang)).into_owned();
        let id = diagram.id(format!("link:{}", link.id));
        match &link.spec {
            LinkSpec::Peering(peering) => {
                if let (Some(a), Some(b)) = (
                    vpc_ids.get(&peering.requester),
                    vpc_ids.get(&peering.accepter),
                ) {
                    diagram.edge(id, a, b, label, styles::peering());
                }
            }
            LinkSpec::InterfaceEndpoint(endpoint) => {
                let target = match &endpoint.target {
                    EndpointTarget::Service(s) | EndpointTarget::GatewayLoadBalancer(s) => Some(s),
                    EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => None,
                };
                if let (Some(from), Some(to)) = (
                    item_ids.get(&VpcItem::Endpoint(at)),
                    target.and_then(|s| service_ids.get(s)),
                ) {
                    diagram.edge(id, from, to, label, styles::endpoint_link());
                }
            }
            LinkSpec::GatewayEndpoint(endpoint) => {
                if let (Some(from), Some(to)) = (
                    item_ids.get(&VpcItem::Endpoint(at)),
                    service_ids.get(&endpoint.service),
                ) {
                    diagram.edge(id, from, to, label, styles::endpoint_link());
                }
            }
        }
    }
    diagram.write(&design.name)
}

fn text(lang: Lang, en: &'static str, ja: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// An endpoint service's Network (`gateway` false) or Gateway Load
/// Balancers.
fn load_balancers(service: &Service, gateway: bool) -> Option<&[LoadBalancer]> {
    match &service.kind {
        ServiceKind::EndpointService(es) if gateway => Some(&es.gateway_load_balancers),
        ServiceKind::EndpointService(es) => Some(&es.network_load_balancers),
        ServiceKind::Aws { .. } => None,
    }
}

/// A load balancer named by ARN shows the name inside it
/// (`arn:aws:elasticloadbalancing:…:loadbalancer/net/NAME/ID`).
fn balancer_label(name: &str) -> &str {
    match name.split_once(":loadbalancer/") {
        Some((_, path)) if name.starts_with("arn:") => path.split('/').nth(1).unwrap_or(name),
        _ => name,
    }
}

/// HTML lines, each escaped.
fn lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    lines
        .into_iter()
        .map(|line| escape(line).into_owned())
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The account's name and id, or its id: one line, under the account
/// group's own icon.
fn account_label(design: &Design, account: &str) -> String {
    let name = design
        .accounts
        .iter()
        .find(|a| a.id.as_str() == account)
        .map(|a| a.name.trim())
        .filter(|name| !name.is_empty());
    match name {
        Some(name) => escape(format!("{name} ({account})")).into_owned(),
        None => escape(account).into_owned(),
    }
}

fn vpc_label(vpc: &Vpc) -> String {
    let cidrs: Vec<String> = vpc.cidrs().map(|cidr| cidr.to_string()).collect();
    let cidrs = cidrs.join(", ");
    format!("<b>{}</b><br>{}", escape(vpc.label()), escape(&cidrs))
}

fn subnet_label(subnet: &Subnet) -> String {
    let cidrs: Vec<String> = subnet.cidrs().map(|cidr| cidr.to_string()).collect();
    let detail = std::iter::once(subnet.availability_zone.as_str())
        .filter(|az| !az.is_empty())
        .chain(cidrs.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" · ");
    lines([subnet.label(), &detail])
}

fn service_label(service: &Service, lang: Lang) -> String {
    let kind = match &service.kind {
        ServiceKind::Aws { service } => service.clone(),
        ServiceKind::EndpointService(_) => {
            text(lang, "endpoint service", "エンドポイントサービス").to_owned()
        }
    };
    lines([service.label(), &kind])
}

/// The cells of the diagram, in the order written (containers before what
/// they hold), with the ids given so far.
#[derive(Default)]
struct Diagram {
    cells: Vec<Cell>,
    ids: HashSet<String>,
}

struct Cell {
    id: String,
    /// `None` for the default layer.
    parent: Option<String>,
    value: String,
    style: String,
    shape: CellShape,
}

enum CellShape {
    /// Its rectangle relative to its parent's corner.
    Vertex(Rect),
    Edge {
        source: String,
        target: String,
    },
}

impl Diagram {
    /// `wanted`, or `wanted#2`, `wanted#3` … when a design repeats an id
    /// (validation reports that; the diagram still needs ids of its own).
    fn id(&mut self, wanted: String) -> String {
        let mut id = wanted.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            n += 1;
            id = format!("{wanted}#{n}");
        }
        id
    }

    /// A vertex at `rect` (absolute), inside `parent` (its id and absolute
    /// rectangle) or on the layer.
    fn vertex(
        &mut self,
        id: String,
        parent: Option<(String, Rect)>,
        value: String,
        style: String,
        rect: Rect,
    ) {
        let (parent, rect) = match parent {
            Some((parent, origin)) => (
                Some(parent),
                Rect::new(
                    rect.x - origin.x,
                    rect.y - origin.y,
                    rect.width,
                    rect.height,
                ),
            ),
            None => (None, rect),
        };
        self.cells.push(Cell {
            id,
            parent,
            value,
            style,
            shape: CellShape::Vertex(rect),
        });
    }

    fn edge(&mut self, id: String, source: &str, target: &str, value: String, style: &str) {
        self.cells.push(Cell {
            id,
            parent: None,
            value,
            style: style.to_owned(),
            shape: CellShape::Edge {
                source: source.to_owned(),
                target: target.to_owned(),
            },
        });
    }

    fn write(&self, name: &str) -> String {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        self.write_to(&mut writer, name)
            .expect("writing XML into memory cannot fail");
        let mut out = String::from_utf8(writer.into_inner()).expect("quick-xml writes UTF-8");
        out.push('\n');
        out
    }

    fn write_to(&self, writer: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer
            .create_element("mxfile")
            .with_attributes([("host", "vpcplan"), ("type", "device")])
            .write_inner_content(|writer| {
                let name = if name.trim().is_empty() {
                    "vpcplan"
                } else {
                    name
                };
                writer
                    .create_element("diagram")
                    .with_attributes([("id", "vpcplan"), ("name", name)])
                    .write_inner_content(|writer| {
                        writer
                            .create_element("mxGraphModel")
                            .with_attributes([
                                ("grid", "1"),
                                ("gridSize", "10"),
                                ("guides", "1"),
                                ("tooltips", "1"),
                                ("connect", "1"),
                                ("arrows", "1"),
                                ("fold", "1"),
                                ("page", "0"),
                                ("pageScale", "1"),
                                ("math", "0"),
                                ("shadow", "0"),
                            ])
                            .write_inner_content(|writer| {
                                writer.write_event(Event::Start(BytesStart::new("root")))?;
                                writer
                                    .create_element("mxCell")
                                    .with_attribute(("id", "0"))
                                    .write_empty()?;
                                writer
                                    .create_element("mxCell")
                                    .with_attributes([("id", "1"), ("parent", "0")])
                                    .write_empty()?;
                                for cell in &self.cells {
                                    cell.write(writer)?;
                                }
                                writer.write_event(Event::End(BytesEnd::new("root")))?;
                                Ok(())
                            })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    }
}

impl Cell {
    fn write(&self, writer: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
        let parent = self.parent.as_deref().unwrap_or("1");
        let mut element = writer.create_element("mxCell").with_attributes([
            ("id", self.id.as_str()),
            ("value", self.value.as_str()),
            ("style", self.style.as_str()),
            ("parent", parent),
        ]);
        match &self.shape {
            CellShape::Vertex(rect) => {
                element = element.with_attribute(("vertex", "1"));
                let (x, y, width, height) = (
                    number(rect.x),
                    number(rect.y),
                    number(rect.width),
                    number(rect.height),
                );
                element.write_inner_content(|writer| {
                    writer
                        .create_element("mxGeometry")
                        .with_attributes([
                            ("x", x.as_str()),
                            ("y", y.as_str()),
                            ("width", width.as_str()),
                            ("height", height.as_str()),
                            ("as", "geometry"),
                        ])
                        .write_empty()?;
                    Ok(())
                })?;
            }
            CellShape::Edge { source, target } => {
                element
                    .with_attributes([
                        ("edge", "1"),
                        ("source", source.as_str()),
                        ("target", target.as_str()),
                    ])
                    .write_inner_content(|writer| {
                        writer
                            .create_element("mxGeometry")
                            .with_attributes([("relative", "1"), ("as", "geometry")])
                            .write_empty()?;
                        Ok(())
                    })?;
            }
        }
        Ok(())
    }
}

/// A coordinate as draw.io writes them: whole units when whole, else to a
/// tenth.
fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn a_load_balancer_named_by_arn_shows_its_name() {
        assert_eq!(
            super::balancer_label(
                "arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188"
            ),
            "orders-api"
        );
        assert_eq!(super::balancer_label("orders-nlb"), "orders-nlb");
    }

    #[test]
    fn coordinates_are_whole_or_to_a_tenth() {
        assert_eq!(number(120.0), "120");
        assert_eq!(number(-16.0), "-16");
        assert_eq!(number(12.345), "12.3");
        assert_eq!(number(-0.04), "0");
    }
}
