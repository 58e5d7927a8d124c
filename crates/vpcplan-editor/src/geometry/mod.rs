//! Geometry of the canvas: node rectangles (a VPC grows with the lines it
//! shows), link segments, the Region and account boxes that group VPCs, the
//! viewport transform between screen pixels and canvas units, and
//! hit-testing.

use std::collections::BTreeMap;
use std::fmt::{self, Write};
use std::rc::Rc;

use vpcplan_core::collections::{HashMap, btree_map};

use vpcplan_core::Design;
use vpcplan_core::design::{LinkId, Position, Service, ServiceKind, Vpc};
use vpcplan_core::link_kind::LinkKind;

use crate::items::{Item, NodeId, link_ends};

/// The grid step new and moved nodes snap to, in canvas units.
pub const GRID: f64 = 20.0;
const LINE_HEIGHT: f64 = 18.0;
/// Estimated character widths in canvas units: a node's name is drawn in
/// bold proportional type, its other lines in monospace, both at 13 px.
const TITLE_CHAR_WIDTH: f64 = 8.6;
const CHAR_WIDTH: f64 = 7.9;
const PADDING: f64 = 12.0;
const VPC_MIN_WIDTH: f64 = 180.0;
const VPC_MAX_WIDTH: f64 = 360.0;
const SERVICE_MIN_WIDTH: f64 = 140.0;
const SERVICE_HEIGHT: f64 = 56.0;
/// Space around the VPCs of an account box, and around the account boxes
/// (and services) of a Region box.
const GROUP_MARGIN: f64 = 16.0;
/// Extra space at the top of a group box for its label, so the label of an
/// account box never touches its Region's label or its VPCs.
pub const GROUP_LABEL_HEIGHT: f64 = 20.0;
/// How far from a link, in screen pixels, a click still hits it.
pub const LINK_HIT_TOLERANCE: f64 = 6.0;
pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;

/// A point in canvas units (or, for pointer events, in screen pixels
/// relative to the canvas element's top-left corner).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point moved to the nearest grid intersection.
    pub fn snapped(self) -> Point {
        Point::new(snap(self.x), snap(self.y))
    }
}

impl From<Position> for Point {
    fn from(position: Position) -> Point {
        Point::new(position.x, position.y)
    }
}

impl From<Point> for Position {
    fn from(point: Point) -> Position {
        Position {
            x: point.x,
            y: point.y,
        }
    }
}

pub fn snap(value: f64) -> f64 {
    (value / GRID).round() * GRID
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The rectangle spanned by two corners in any order.
    pub fn spanning(a: Point, b: Point) -> Rect {
        Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn contains(&self, point: Point) -> bool {
        point.x >= self.x
            && point.x <= self.right()
            && point.y >= self.y
            && point.y <= self.bottom()
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }

    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    pub fn inflate(&self, margin: f64) -> Rect {
        Rect::new(
            self.x - margin,
            self.y - margin,
            self.width + 2.0 * margin,
            self.height + 2.0 * margin,
        )
    }

    /// Where the ray from the centre towards `target` leaves the rectangle.
    pub fn border_towards(&self, target: Point) -> Point {
        let center = self.center();
        let (dx, dy) = (target.x - center.x, target.y - center.y);
        if dx == 0.0 && dy == 0.0 {
            return center;
        }
        let scale_x = if dx == 0.0 {
            f64::INFINITY
        } else {
            (self.width / 2.0) / dx.abs()
        };
        let scale_y = if dy == 0.0 {
            f64::INFINITY
        } else {
            (self.height / 2.0) / dy.abs()
        };
        let scale = scale_x.min(scale_y).min(1.0);
        Point::new(center.x + dx * scale, center.y + dy * scale)
    }
}

/// The text lines a VPC node shows: name, account, Region, then each CIDR.
pub fn vpc_lines(vpc: &Vpc) -> Vec<String> {
    let mut lines = vec![
        display_name(&vpc.name, vpc.id.as_str()).to_owned(),
        vpc.account.to_string(),
        vpc.region.clone(),
    ];
    lines.extend(vpc.ipv4_cidrs.iter().map(ToString::to_string));
    lines.extend(vpc.ipv6_cidrs.iter().map(ToString::to_string));
    lines
}

/// The text lines a service node shows: name, then the service name suffix
/// or "endpoint service", then the Region.
pub fn service_lines(service: &Service) -> Vec<String> {
    let kind = match &service.kind {
        ServiceKind::Aws { service } => service.clone(),
        ServiceKind::EndpointService(_) => "endpoint service".to_owned(),
    };
    vec![
        display_name(&service.name, service.id.as_str()).to_owned(),
        kind,
        service.region.clone(),
    ]
}

// Names on the canvas and in accessible names follow the core's one rule.
pub(crate) use vpcplan_core::design::display_label as display_name;

/// Counts the characters something displays as, without allocating.
#[derive(Default)]
struct CharCount(usize);

impl Write for CharCount {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.0 += text.chars().count();
        Ok(())
    }
}

fn chars(value: &dyn fmt::Display) -> usize {
    let mut count = CharCount::default();
    let _ = write!(count, "{value}");
    count.0
}

fn width_for(title_chars: usize, longest_detail: usize) -> f64 {
    (title_chars as f64 * TITLE_CHAR_WIDTH).max(longest_detail as f64 * CHAR_WIDTH) + 2.0 * PADDING
}

/// The rectangle of a VPC node: as wide as its longest line (within
/// limits), as tall as its lines (`vpc_lines`).
pub fn vpc_rect(vpc: &Vpc) -> Rect {
    let title = display_name(&vpc.name, vpc.id.as_str()).chars().count();
    let longest = [
        vpc.account.as_str().chars().count(),
        vpc.region.chars().count(),
    ]
    .into_iter()
    .chain(vpc.ipv4_cidrs.iter().map(|c| chars(c)))
    .chain(vpc.ipv6_cidrs.iter().map(|c| chars(c)))
    .max()
    .unwrap_or(0);
    let lines = 3 + vpc.ipv4_cidrs.len() + vpc.ipv6_cidrs.len();
    let width = width_for(title, longest).clamp(VPC_MIN_WIDTH, VPC_MAX_WIDTH);
    let height = 2.0 * PADDING + LINE_HEIGHT * lines as f64;
    Rect::new(vpc.position.x, vpc.position.y, width, height)
}

/// The rectangle of a service node (`service_lines`).
pub fn service_rect(service: &Service) -> Rect {
    let kind = match &service.kind {
        ServiceKind::Aws { service } => service.chars().count(),
        ServiceKind::EndpointService(_) => "endpoint service".len(),
    };
    let title = display_name(&service.name, service.id.as_str())
        .chars()
        .count();
    let longest = kind.max(service.region.chars().count());
    let width = width_for(title, longest).clamp(SERVICE_MIN_WIDTH, VPC_MAX_WIDTH);
    Rect::new(
        service.position.x,
        service.position.y,
        width,
        SERVICE_HEIGHT.max(2.0 * PADDING + 3.0 * LINE_HEIGHT),
    )
}

pub fn node_rect(design: &Design, node: &NodeId) -> Option<Rect> {
    match node {
        NodeId::Vpc(id) => design.vpc(id).map(vpc_rect),
        NodeId::Service(id) => design.service(id).map(service_rect),
    }
}

/// A node as drawn; its text is `vpc_lines` or `service_lines`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub id: NodeId,
    pub rect: Rect,
}

/// A link as drawn: a segment between the borders of its two nodes, shifted
/// sideways when several links join the same pair.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkShape {
    pub id: LinkId,
    pub kind: LinkKind,
    pub from: NodeId,
    pub to: NodeId,
    pub start: Point,
    pub end: Point,
}

impl LinkShape {
    pub fn midpoint(&self) -> Point {
        Point::new(
            (self.start.x + self.end.x) / 2.0,
            (self.start.y + self.end.y) / 2.0,
        )
    }
}

/// A box around VPCs sharing a Region, or a Region and an account.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBox {
    pub region: String,
    /// `None` for a Region box, the account id for an account box inside it.
    pub account: Option<String>,
    pub rect: Rect,
}

/// Everything the canvas draws for the document, computed from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// VPCs first, then services: the drawing order, bottom to top.
    pub nodes: Vec<NodeShape>,
    pub links: Vec<LinkShape>,
    /// Region boxes first, then account boxes; shared, and kept (the same
    /// allocation) when moving nodes leaves them as they were.
    pub groups: Rc<[GroupBox]>,
}

/// Where each node and link of a `Layout` is, the links at each node and
/// each link's sideways offset: what moving a few nodes needs to update only
/// their shapes and their links.
#[derive(Debug, Clone, Default)]
pub struct LayoutIndex {
    nodes: HashMap<NodeId, usize>,
    links_at: HashMap<NodeId, Vec<usize>>,
    offsets: Vec<f64>,
    /// Per group box: what it is drawn around, in the order `group_boxes`
    /// joins them.
    members: Vec<GroupMembers>,
    /// Per node: the group boxes drawn around it directly.
    groups_at: Vec<Vec<usize>>,
}

/// What a group box is drawn around: nodes, and (for a Region) the account
/// boxes inside it, which come first.
#[derive(Debug, Clone, Default)]
struct GroupMembers {
    accounts: Vec<usize>,
    nodes: Vec<usize>,
    /// The Region box around this account box.
    region: Option<usize>,
}

impl LayoutIndex {
    /// Where `node` is in the layout's nodes.
    pub fn node(&self, node: &NodeId) -> Option<usize> {
        self.nodes.get(node).copied()
    }

    /// Where the links at `node` are in the layout's links.
    pub fn links_at(&self, node: &NodeId) -> &[usize] {
        self.links_at.get(node).map_or(&[], Vec::as_slice)
    }

    /// Whether every node of `layout` (this index's layout) has an id of its
    /// own, so that the index finds each of them (a design whose ids repeat
    /// is reported by validation, and laid out whole after every change).
    pub fn covers(&self, layout: &Layout) -> bool {
        self.nodes.len() == layout.nodes.len()
    }
}

impl Layout {
    pub fn of(design: &Design) -> Layout {
        Layout::indexed(design).0
    }

    /// The layout and its index.
    pub fn indexed(design: &Design) -> (Layout, LayoutIndex) {
        let mut nodes: Vec<NodeShape> = design
            .vpcs
            .iter()
            .map(|vpc| NodeShape {
                id: NodeId::Vpc(vpc.id.clone()),
                rect: vpc_rect(vpc),
            })
            .collect();
        nodes.extend(design.services.iter().map(|service| NodeShape {
            id: NodeId::Service(service.id.clone()),
            rect: service_rect(service),
        }));
        let mut index = LayoutIndex {
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.clone(), i))
                .collect(),
            ..LayoutIndex::default()
        };
        let mut pair_counts: HashMap<(NodeId, NodeId), usize> = HashMap::default();
        let mut links = Vec::new();
        for link in &design.links {
            let Some((from, to)) = link_ends(&link.spec) else {
                continue;
            };
            let (Some(&a), Some(&b)) = (index.nodes.get(&from), index.nodes.get(&to)) else {
                continue;
            };
            let key = if from <= to {
                (from.clone(), to.clone())
            } else {
                (to.clone(), from.clone())
            };
            let nth = pair_counts.entry(key).or_insert(0);
            let offset = parallel_offset(*nth);
            *nth += 1;
            let (start, end) = link_segment(nodes[a].rect, nodes[b].rect, offset);
            let at = links.len();
            index.links_at.entry(from.clone()).or_default().push(at);
            if to != from {
                index.links_at.entry(to.clone()).or_default().push(at);
            }
            index.offsets.push(offset);
            links.push(LinkShape {
                id: link.id.clone(),
                kind: link.kind(),
                from,
                to,
                start,
                end,
            });
        }
        let groups = groups_of(design, &nodes);
        (index.members, index.groups_at) = group_members(design, &groups);
        let groups = groups.into();
        let layout = Layout {
            groups,
            nodes,
            links,
        };
        (layout, index)
    }

    /// Brings the layout of the document before `moved` nodes changed their
    /// position (and nothing else) up to `design`: their rectangles, their
    /// links and the group boxes, the same as `Layout::of(design)` gives.
    /// `index` is the index of this layout.
    pub fn move_nodes<'n>(
        &mut self,
        index: &LayoutIndex,
        design: &Design,
        moved: impl IntoIterator<Item = &'n NodeId>,
    ) {
        let mut links = Vec::new();
        let mut moved_at = Vec::new();
        for node in moved {
            let (Some(&at), Some(rect)) = (index.nodes.get(node), node_rect(design, node)) else {
                continue;
            };
            self.nodes[at].rect = rect;
            moved_at.push(at);
            links.extend(index.links_at.get(node).into_iter().flatten().copied());
        }
        for at in links {
            let link = &self.links[at];
            let (Some(&a), Some(&b)) = (index.nodes.get(&link.from), index.nodes.get(&link.to))
            else {
                continue;
            };
            let (start, end) =
                link_segment(self.nodes[a].rect, self.nodes[b].rect, index.offsets[at]);
            let link = &mut self.links[at];
            link.start = start;
            link.end = end;
        }
        self.move_groups(index, &moved_at);
    }

    /// Draws again the group boxes around the nodes at `moved` (indices),
    /// joining their members in the order `group_boxes` does, so the boxes
    /// come out the same.
    fn move_groups(&mut self, index: &LayoutIndex, moved: &[usize]) {
        let mut touched: Vec<usize> = moved
            .iter()
            .filter_map(|&node| index.groups_at.get(node))
            .flatten()
            .copied()
            .collect();
        let regions: Vec<usize> = touched
            .iter()
            .filter_map(|&group| index.members.get(group)?.region)
            .collect();
        touched.extend(regions);
        touched.sort_unstable();
        touched.dedup();
        // Account boxes come after the Region boxes, and Regions are drawn
        // around them: accounts first.
        let (regions, accounts): (Vec<usize>, Vec<usize>) = touched
            .into_iter()
            .partition(|&group| self.groups[group].account.is_none());
        let mut groups = self.groups.to_vec();
        for group in accounts.into_iter().chain(regions) {
            let members = &index.members[group];
            let around = members
                .accounts
                .iter()
                .map(|&account| groups[account].rect)
                .chain(members.nodes.iter().map(|&node| self.nodes[node].rect))
                .reduce(|a, b| a.union(&b));
            if let Some(around) = around {
                groups[group].rect = group_around(around);
            }
        }
        if *self.groups != *groups {
            self.groups = groups.into();
        }
    }

    pub fn node(&self, id: &NodeId) -> Option<&NodeShape> {
        self.nodes.iter().find(|n| &n.id == id)
    }

    /// The bounds of every node and group, if there is any.
    pub fn bounds(&self) -> Option<Rect> {
        self.nodes
            .iter()
            .map(|n| n.rect)
            .chain(self.groups.iter().map(|g| g.rect))
            .reduce(|a, b| a.union(&b))
    }

    /// The topmost node under `point`, else the nearest link within
    /// `tolerance` canvas units.
    pub fn hit(&self, point: Point, tolerance: f64) -> Option<Item> {
        if let Some(node) = self.nodes.iter().rev().find(|n| n.rect.contains(point)) {
            return Some(Item::Node(node.id.clone()));
        }
        self.links
            .iter()
            .map(|l| (l, distance_to_segment(point, l.start, l.end)))
            .filter(|(_, distance)| *distance <= tolerance)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(l, _)| Item::Link(l.id.clone()))
    }

    pub fn node_at(&self, point: Point) -> Option<NodeId> {
        self.nodes
            .iter()
            .rev()
            .find(|n| n.rect.contains(point))
            .map(|n| n.id.clone())
    }

    /// The nodes whose rectangle meets `area`.
    pub fn nodes_in(&self, area: &Rect) -> Vec<NodeId> {
        self.nodes
            .iter()
            .filter(|n| n.rect.intersects(area))
            .map(|n| n.id.clone())
            .collect()
    }
}

/// 0, +12, -12, +24, -24 … canvas units for the 1st, 2nd, 3rd … link of a pair.
fn parallel_offset(nth: usize) -> f64 {
    let step = nth.div_ceil(2) as f64 * 12.0;
    if nth % 2 == 1 { step } else { -step }
}

/// The segment of a link between nodes at `a` and `b`: from border to
/// border, shifted sideways by `offset`.
fn link_segment(a: Rect, b: Rect, offset: f64) -> (Point, Point) {
    let (start, end) = (a.border_towards(b.center()), b.border_towards(a.center()));
    shift_sideways(start, end, offset)
}

/// The group boxes of `design` from its node shapes (VPCs first, as `Layout`
/// keeps them).
fn groups_of(design: &Design, nodes: &[NodeShape]) -> Vec<GroupBox> {
    let (vpc_shapes, service_shapes) = nodes.split_at(design.vpcs.len());
    group_boxes(
        design.vpcs.iter().zip(vpc_shapes.iter().map(|n| n.rect)),
        design
            .services
            .iter()
            .zip(service_shapes.iter().map(|n| n.rect)),
    )
}

fn shift_sideways(start: Point, end: Point, offset: f64) -> (Point, Point) {
    let length = start.distance(end);
    if offset == 0.0 || length == 0.0 {
        return (start, end);
    }
    let (nx, ny) = (
        -(end.y - start.y) / length * offset,
        (end.x - start.x) / length * offset,
    );
    (
        Point::new(start.x + nx, start.y + ny),
        Point::new(end.x + nx, end.y + ny),
    )
}

pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    if length_squared == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}

/// A group box around `rect`: `GROUP_MARGIN` on every side and room for the
/// label on top.
fn group_around(rect: Rect) -> Rect {
    let outer = rect.inflate(GROUP_MARGIN);
    Rect::new(
        outer.x,
        outer.y - GROUP_LABEL_HEIGHT,
        outer.width,
        outer.height + GROUP_LABEL_HEIGHT,
    )
}

/// What each of `groups` (from `groups_of(design, ..)`) is drawn around,
/// and the groups around each node, by the rules of `group_boxes`.
fn group_members(design: &Design, groups: &[GroupBox]) -> (Vec<GroupMembers>, Vec<Vec<usize>>) {
    let at: HashMap<(&str, Option<&str>), usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| ((g.region.as_str(), g.account.as_deref()), i))
        .collect();
    let mut members = vec![GroupMembers::default(); groups.len()];
    let mut groups_at = vec![Vec::new(); design.vpcs.len() + design.services.len()];
    for (group, g) in groups.iter().enumerate() {
        if g.account.is_some()
            && let Some(&region) = at.get(&(g.region.as_str(), None))
        {
            members[group].region = Some(region);
            members[region].accounts.push(group);
        }
    }
    let mut account_of = HashMap::default();
    for (node, vpc) in design.vpcs.iter().enumerate() {
        account_of.insert(&vpc.id, vpc.account.as_str());
        if let Some(&group) = at.get(&(vpc.region.as_str(), Some(vpc.account.as_str()))) {
            members[group].nodes.push(node);
            groups_at[node].push(group);
        }
    }
    for (i, service) in design.services.iter().enumerate() {
        let node = design.vpcs.len() + i;
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind
            && let Some(account) = account_of.get(&endpoint_service.provider_vpc)
            && let Some(&group) = at.get(&(service.region.as_str(), Some(*account)))
        {
            members[group].nodes.push(node);
            groups_at[node].push(group);
        }
        if let Some(&group) = at.get(&(service.region.as_str(), None)) {
            members[group].nodes.push(node);
            groups_at[node].push(group);
        }
    }
    (members, groups_at)
}

/// Region boxes around their account boxes and services, and account boxes
/// around their VPCs and the endpoint services those VPCs provide, sorted by
/// Region then account, from each VPC and service with its rectangle.
pub fn group_boxes<'d>(
    vpcs: impl Iterator<Item = (&'d Vpc, Rect)>,
    services: impl Iterator<Item = (&'d Service, Rect)>,
) -> Vec<GroupBox> {
    let mut accounts: BTreeMap<(&str, &str), Rect> = BTreeMap::new();
    let mut account_of = HashMap::default();
    for (vpc, rect) in vpcs {
        account_of.insert(&vpc.id, vpc.account.as_str());
        accounts
            .entry((vpc.region.as_str(), vpc.account.as_str()))
            .and_modify(|r| *r = r.union(&rect))
            .or_insert(rect);
    }
    let services: Vec<(&Service, Rect)> = services.collect();
    for (service, rect) in &services {
        let ServiceKind::EndpointService(endpoint_service) = &service.kind else {
            continue;
        };
        if let Some(account) = account_of.get(&endpoint_service.provider_vpc) {
            accounts
                .entry((service.region.as_str(), account))
                .and_modify(|r| *r = r.union(rect))
                .or_insert(*rect);
        }
    }
    let accounts: BTreeMap<(&str, &str), Rect> = btree_map(
        accounts
            .into_iter()
            .map(|(key, rect)| (key, group_around(rect))),
    );
    let mut contents: BTreeMap<&str, Rect> = BTreeMap::new();
    let members = accounts
        .iter()
        .map(|((region, _), rect)| (*region, *rect))
        .chain(
            services
                .iter()
                .map(|(service, rect)| (service.region.as_str(), *rect)),
        );
    for (region, rect) in members {
        contents
            .entry(region)
            .and_modify(|r| *r = r.union(&rect))
            .or_insert(rect);
    }
    let mut boxes: Vec<GroupBox> = contents
        .into_iter()
        .map(|(region, rect)| GroupBox {
            region: region.to_owned(),
            account: None,
            rect: group_around(rect),
        })
        .collect();
    boxes.extend(
        accounts
            .into_iter()
            .map(|((region, account), rect)| GroupBox {
                region: region.to_owned(),
                account: Some(account.to_owned()),
                rect,
            }),
    );
    boxes
}

/// The transform between screen pixels (relative to the canvas element) and
/// canvas units: `screen = canvas * zoom + pan`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub pan: Point,
    pub zoom: f64,
    /// The size of the canvas element in screen pixels.
    pub width: f64,
    pub height: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            pan: Point::default(),
            zoom: 1.0,
            width: 1024.0,
            height: 768.0,
        }
    }
}

impl Viewport {
    pub fn to_canvas(&self, screen: Point) -> Point {
        Point::new(
            (screen.x - self.pan.x) / self.zoom,
            (screen.y - self.pan.y) / self.zoom,
        )
    }

    pub fn to_screen(&self, canvas: Point) -> Point {
        Point::new(
            canvas.x * self.zoom + self.pan.x,
            canvas.y * self.zoom + self.pan.y,
        )
    }

    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.pan.x += dx;
        self.pan.y += dy;
    }

    /// Zooms by `factor`, keeping the canvas point under `screen` in place.
    pub fn zoom_at(&mut self, screen: Point, factor: f64) {
        let anchor = self.to_canvas(screen);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = Point::new(
            screen.x - anchor.x * self.zoom,
            screen.y - anchor.y * self.zoom,
        );
    }

    pub fn center(&self) -> Point {
        Point::new(self.width / 2.0, self.height / 2.0)
    }

    /// Shows all of `bounds` with a margin, centred, never zooming in past
    /// `max_zoom`.
    pub fn fit(&mut self, bounds: Rect, margin: f64, max_zoom: f64) {
        let bounds = bounds.inflate(margin);
        if bounds.width <= 0.0 || bounds.height <= 0.0 {
            return;
        }
        self.zoom = (self.width / bounds.width)
            .min(self.height / bounds.height)
            .clamp(MIN_ZOOM, max_zoom.max(MIN_ZOOM));
        let center = bounds.center();
        self.pan = Point::new(
            self.width / 2.0 - center.x * self.zoom,
            self.height / 2.0 - center.y * self.zoom,
        );
    }

    /// The canvas area visible on screen.
    pub fn visible(&self) -> Rect {
        Rect::spanning(
            self.to_canvas(Point::default()),
            self.to_canvas(Point::new(self.width, self.height)),
        )
    }
}

#[cfg(test)]
mod tests;
