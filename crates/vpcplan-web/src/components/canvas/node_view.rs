//! One node: its box, its text lines, its marks and accessible name.

use std::rc::Rc;

use vpcplan_editor::Rect;
use vpcplan_editor::geometry::NodeShape;
use yew::prelude::*;

use super::content::NodeContent;

#[derive(Properties, PartialEq)]
pub(super) struct NodeViewProps {
    pub(super) content: Rc<NodeContent>,
    pub(super) shape: NodeShape,
    pub(super) selected: bool,
    pub(super) focused: bool,
    /// The node a link being drawn would end at.
    pub(super) target: bool,
}

#[function_component]
pub(super) fn NodeView(props: &NodeViewProps) -> Html {
    let content = &props.content;
    let Rect {
        x,
        y,
        width,
        height,
    } = props.shape.rect;
    let texts = content.lines.iter().enumerate().map(|(i, line)| {
        let class = if i == 0 { "title" } else { "detail" };
        html! {
            <text class={class} x={(x + 12.0).to_string()} y={(y + 12.0 + 13.0 + 18.0 * i as f64).to_string()}>{ line.clone() }</text>
        }
    });
    html! {
        <g id={content.dom_id.clone()} class={classes!("node", content.kind, content.mark, props.selected.then_some("selected"), props.focused.then_some("focused"), props.target.then_some("link-target"))}
            role="img" aria-label={content.name.clone()} data-node={props.shape.id.as_str().to_owned()}>
            <rect x={x.to_string()} y={y.to_string()} width={width.to_string()} height={height.to_string()} rx="6" />
            { for texts }
        </g>
    }
}
