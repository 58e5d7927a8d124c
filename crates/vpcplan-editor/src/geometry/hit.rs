//! Hit-testing a layout: the node or link under a point, and the nodes in
//! an area.

use super::{Layout, Point, Rect};
use crate::items::{Item, NodeId};

/// How far from a link, in screen pixels, a click still hits it.
pub const LINK_HIT_TOLERANCE: f64 = 6.0;

impl Layout {
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

pub fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length_squared = dx * dx + dy * dy;
    if length_squared == 0.0 {
        return p.distance(a);
    }
    let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / length_squared).clamp(0.0, 1.0);
    p.distance(Point::new(a.x + t * dx, a.y + t * dy))
}
