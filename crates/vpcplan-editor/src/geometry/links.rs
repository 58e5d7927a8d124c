//! Link segments: from border to border of their two nodes, shifted sideways
//! when several links join the same pair.

use vpcplan_core::design::LinkId;
use vpcplan_core::link_kind::LinkKind;

use super::{Point, Rect};
use crate::items::NodeId;

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

/// 0, +12, -12, +24, -24 … canvas units for the 1st, 2nd, 3rd … link of a pair.
pub(super) fn parallel_offset(nth: usize) -> f64 {
    let step = nth.div_ceil(2) as f64 * 12.0;
    if nth % 2 == 1 { step } else { -step }
}

/// The segment of a link between nodes at `a` and `b`: from border to
/// border, shifted sideways by `offset`.
pub(super) fn link_segment(a: Rect, b: Rect, offset: f64) -> (Point, Point) {
    let (start, end) = (a.border_towards(b.center()), b.border_towards(a.center()));
    shift_sideways(start, end, offset)
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
