//! Node rectangles: the text lines a VPC or service node shows, and a
//! rectangle as wide as the longest of them (within limits) and as tall as
//! their number.

use std::fmt::{self, Write};

use vpcplan_core::Design;
use vpcplan_core::design::{Service, ServiceKind, Vpc};

use super::Rect;
use crate::items::NodeId;

pub(super) const LINE_HEIGHT: f64 = 18.0;
/// Estimated character widths in canvas units: a node's name is drawn in
/// bold proportional type, its other lines in monospace, both at 13 px.
pub(super) const TITLE_CHAR_WIDTH: f64 = 8.6;
const CHAR_WIDTH: f64 = 7.9;
pub(super) const PADDING: f64 = 12.0;
pub(super) const VPC_MIN_WIDTH: f64 = 180.0;
const VPC_MAX_WIDTH: f64 = 360.0;
const SERVICE_MIN_WIDTH: f64 = 140.0;
const SERVICE_HEIGHT: f64 = 56.0;

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

pub(super) fn width_for(title_chars: usize, longest_detail: usize) -> f64 {
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
