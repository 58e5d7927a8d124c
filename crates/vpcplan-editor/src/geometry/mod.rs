//! Geometry of the canvas: node rectangles (a VPC grows with the lines it
//! shows), link segments, the Region and account boxes that group VPCs, the
//! viewport transform between screen pixels and canvas units, and
//! hit-testing.
//!
//! One file per responsibility: `primitives` (points, rectangles, the
//! grid), `nodes` (node rectangles and their text lines), `links` (link
//! segments), `groups` (Region and account boxes), `layout` (the layout of a
//! document and its index, updated in place when nodes move), `hit`
//! (hit-testing) and `viewport`.

mod groups;
mod hit;
mod layout;
mod links;
mod nodes;
mod primitives;
mod viewport;

pub use groups::{GROUP_LABEL_HEIGHT, GroupBox, group_boxes};
pub use hit::{LINK_HIT_TOLERANCE, distance_to_segment};
pub use layout::{Layout, LayoutIndex};
pub use links::LinkShape;
pub(crate) use nodes::display_name;
pub use nodes::{NodeShape, node_rect, service_lines, service_rect, vpc_lines, vpc_rect};
pub use primitives::{GRID, Point, Rect, snap};
pub use viewport::{MAX_ZOOM, MIN_ZOOM, Viewport};

#[cfg(test)]
mod tests;
