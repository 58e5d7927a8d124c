//! The links and nodes at rest (those being dragged are drawn in the drag
//! layer instead), in the drawn region only, with the selected, focused and
//! link-target items wherever they are.

use vpcplan_core::collections::HashSet;
use vpcplan_editor::geometry::{LinkShape, NodeShape, link_meets};
use vpcplan_editor::{Item, Layout, NodeId, Rect, Selection};
use yew::prelude::*;

use super::ByAddress;
use super::content::CanvasContent;
use super::link_view::LinkView;
use super::node_view::NodeView;

#[derive(Properties, PartialEq)]
pub(super) struct DrawingProps {
    pub(super) layout: ByAddress<Layout>,
    pub(super) content: ByAddress<CanvasContent>,
    pub(super) selection: Selection,
    pub(super) focus: Option<Item>,
    pub(super) link_target: Option<NodeId>,
    /// Nodes drawn in the drag layer instead, with their links.
    pub(super) dragged: Vec<NodeId>,
    /// The part of the canvas to draw (`None`: all of it).
    pub(super) region: Option<Rect>,
}

/// The links and nodes of the drawing, but those being dragged.
#[function_component]
pub(super) fn Drawing(props: &DrawingProps) -> Html {
    let (layout, content) = (&props.layout.0, &props.content.0);
    let dragged: HashSet<&NodeId> = props.dragged.iter().collect();
    let focus = props.focus.as_ref();
    let selection = &props.selection;
    // Items out of the region are left out unless they are selected,
    // focused or the link target: those stay in the page for assistive
    // technology (the focused item is the canvas's active descendant).
    let kept = |item: &Item| selection.contains(item) || focus == Some(item);
    let region = props.region;
    let links: Html = layout
        .links
        .iter()
        .filter(|link| !dragged.contains(&link.from) && !dragged.contains(&link.to))
        .filter(|link| {
            region.is_none_or(|region| link_meets(link, &region))
                || kept(&Item::Link(link.id.clone()))
        })
        .filter_map(|link| link_view(link, content, selection, focus))
        .collect();
    let nodes: Html = layout
        .nodes
        .iter()
        .filter(|shape| !dragged.contains(&shape.id))
        .filter(|shape| {
            region.is_none_or(|region| shape.rect.intersects(&region))
                || props.link_target.as_ref() == Some(&shape.id)
                || kept(&Item::Node(shape.id.clone()))
        })
        .filter_map(|shape| {
            node_view(
                shape,
                content,
                &props.selection,
                focus,
                props.link_target.as_ref(),
            )
        })
        .collect();
    html! {
        <>
            <g class="links">{ links }</g>
            <g class="nodes">{ nodes }</g>
        </>
    }
}

pub(super) fn link_view(
    link: &LinkShape,
    content: &CanvasContent,
    selection: &Selection,
    focus: Option<&Item>,
) -> Option<Html> {
    let item = Item::Link(link.id.clone());
    let content = content.links.get(&link.id)?.clone();
    let key = content.key.clone();
    Some(html! {
        <LinkView {key} {content} shape={link.clone()}
            selected={selection.contains(&item)} focused={focus == Some(&item)} />
    })
}

pub(super) fn node_view(
    shape: &NodeShape,
    content: &CanvasContent,
    selection: &Selection,
    focus: Option<&Item>,
    link_target: Option<&NodeId>,
) -> Option<Html> {
    let item = Item::Node(shape.id.clone());
    let content = content.nodes.get(&shape.id)?.clone();
    let key = content.key.clone();
    Some(html! {
        <NodeView {key} {content} shape={shape.clone()}
            selected={selection.contains(&item)} focused={focus == Some(&item)}
            target={link_target == Some(&shape.id)} />
    })
}
