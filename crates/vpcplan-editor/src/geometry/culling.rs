//! Which part of the drawing the canvas puts in the page: what the viewport
//! shows plus a margin on every side, snapped outward to square tiles. The
//! margin lets a pan of up to half a view show what is already drawn; the
//! tiles keep the region the same while the view moves inside them, so a
//! pan or a small zoom step redraws nothing until the view crosses a tile.
//! Items outside the region are not drawn at all (issue 19: a design of
//! thousands of VPCs keeps the page to what the user can see).

use super::{LinkShape, Rect};

/// The margin around the visible area, as a share of its larger side.
pub const CULL_MARGIN: f64 = 0.5;

/// The region of the canvas to draw for the `visible` area (in canvas
/// units): `visible` grown by the margin, snapped outward to tiles whose side
/// is the power of two at or above half the visible area's larger side. An
/// empty or non-finite visible area draws nothing.
pub fn drawn_region(visible: Rect) -> Option<Rect> {
    let size = visible.width.max(visible.height);
    if !(size.is_finite() && size > 0.0 && visible.x.is_finite() && visible.y.is_finite()) {
        return None;
    }
    let tile = (size / 2.0).log2().ceil().exp2();
    let margin = size * CULL_MARGIN;
    let floor = |value: f64| (value / tile).floor() * tile;
    let ceil = |value: f64| (value / tile).ceil() * tile;
    let (left, top) = (floor(visible.x - margin), floor(visible.y - margin));
    let (right, bottom) = (
        ceil(visible.right() + margin),
        ceil(visible.bottom() + margin),
    );
    Some(Rect::new(left, top, right - left, bottom - top))
}

/// Whether a link may cross `region`: its segment's bounding box meets it
/// (a cheap test that never leaves out a link that shows).
pub fn link_meets(link: &LinkShape, region: &Rect) -> bool {
    Rect::spanning(link.start, link.end).intersects(region)
}
