//! The Region and account boxes behind the drawing.

use vpcplan_core::Lang;
use vpcplan_editor::Rect;
use vpcplan_editor::geometry::GroupBox;
use yew::prelude::*;

use crate::strings::strings;

use super::ByAddress;

/// The radius of a group box's corners.
pub(super) const GROUP_CORNER: f64 = 10.0;

/// A group box as four edges, each with the corner it starts at. A box
/// drawn as one shape is repainted whole when it grows, and with it
/// everything inside it (a Region's box holds most of the drawing); as
/// edges, only the strips along the edges that moved are.
pub(super) fn group_edges(
    Rect {
        x,
        y,
        width,
        height,
    }: Rect,
) -> [String; 4] {
    let r = GROUP_CORNER.min(width / 2.0).min(height / 2.0);
    let (right, bottom) = (x + width, y + height);
    [
        format!(
            "M {x} {} A {r} {r} 0 0 1 {} {y} H {}",
            y + r,
            x + r,
            right - r
        ),
        format!(
            "M {} {y} A {r} {r} 0 0 1 {right} {} V {}",
            right - r,
            y + r,
            bottom - r
        ),
        format!(
            "M {right} {} A {r} {r} 0 0 1 {} {bottom} H {}",
            bottom - r,
            right - r,
            x + r
        ),
        format!(
            "M {} {bottom} A {r} {r} 0 0 1 {x} {} V {}",
            x + r,
            bottom - r,
            y + r
        ),
    ]
}

#[derive(Properties, PartialEq)]
pub(super) struct GroupBoxesProps {
    pub(super) lang: Lang,
    /// The same allocation while the boxes stay as they are, as during most
    /// of a drag, so yew skips them.
    pub(super) groups: ByAddress<[GroupBox]>,
}

/// The Region and account boxes.
#[function_component]
pub(super) fn GroupBoxes(props: &GroupBoxesProps) -> Html {
    let text = strings(props.lang);
    let groups = props.groups.0.iter().map(|group| {
        let Rect { x, y, .. } = group.rect;
        let (class, label) = match &group.account {
            Some(account) => (
                "group account",
                format!("{} · {account}", text.account_label),
            ),
            None => ("group region", group.region.clone()),
        };
        let edges = group_edges(group.rect).map(|d| html! { <path class="edge" {d} /> });
        html! {
            <g class={class}>
                { for edges }
                <text x={(x + 8.0).to_string()} y={(y + 16.0).to_string()}>{ label }</text>
            </g>
        }
    });
    html! { <g class="groups">{ for groups }</g> }
}
