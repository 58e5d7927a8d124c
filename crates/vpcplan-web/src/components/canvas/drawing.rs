//! The links and nodes at rest (those being dragged are drawn in the drag
//! layer instead).

use vpcplan_core::collections::HashSet;
use vpcplan_editor::geometry::{LinkShape, NodeShape};
use vpcplan_editor::{Item, Layout, NodeId, Selection};
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
}

/// The links and nodes of the drawing, but those being dragged.
#[function_component]
pub(super) fn Drawing(props: &DrawingProps) -> Html {
    let (layout, content) = (&props.layout.0, &props.content.0);
    let dragged: HashSet<&NodeId> = props.dragged.iter().collect();
    let focus = props.focus.as_ref();
    let links: Html = layout
        .links
        .iter()
        .filter(|link| !dragged.contains(&link.from) && !dragged.contains(&link.to))
        .filter_map(|link| link_view(link, content, &props.selection, focus))
        .collect();
    let nodes: Html = layout
        .nodes
        .iter()
        .filter(|shape| !dragged.contains(&shape.id))
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
