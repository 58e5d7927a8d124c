//! One node: its box, its text lines, its AWS icon, its marks and
//! accessible name; for an endpoint service, the line to the VPC that hosts
//! it, with its load balancer's icon where the line meets that VPC.

use std::rc::Rc;

use vpcplan_editor::geometry::{HostLine, NodeShape, service_icon_rect};
use vpcplan_editor::icons::AwsIcon;
use vpcplan_editor::{Point, Rect};
use yew::prelude::*;

use super::content::NodeContent;
use crate::aws_icons::icon_use;

#[derive(Properties, PartialEq)]
pub(super) struct NodeViewProps {
    pub(super) content: Rc<NodeContent>,
    pub(super) shape: NodeShape,
    pub(super) selected: bool,
    pub(super) focused: bool,
    /// The node a link being drawn would end at.
    pub(super) target: bool,
}

/// The size of the load balancer's icon on a host line, in canvas units.
const HOST_ICON: f64 = 24.0;

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
    let icon = content
        .icon
        .map(|icon| icon_use(icon, service_icon_rect(props.shape.rect)));
    let host = props
        .shape
        .host
        .map(|host| host_view(host, content.host_icon));
    html! {
        <g id={content.dom_id.clone()} class={classes!("node", content.kind, content.mark, props.selected.then_some("selected"), props.focused.then_some("focused"), props.target.then_some("link-target"))}
            role="img" aria-label={content.name.clone()} data-node={props.shape.id.as_str().to_owned()}>
            { for host }
            <rect x={x.to_string()} y={y.to_string()} width={width.to_string()} height={height.to_string()} rx="6" />
            { for texts }
            { for icon }
        </g>
    }
}

/// The host line, and the load balancer's icon on it just outside the VPC.
fn host_view(host: HostLine, balancer: Option<AwsIcon>) -> Html {
    let HostLine { start, end } = host;
    let length = start.distance(end);
    let balancer = balancer.filter(|_| length > 2.0 * HOST_ICON).map(|icon| {
        let along = (HOST_ICON / 2.0 + 4.0) / length;
        let center = Point::new(
            start.x + (end.x - start.x) * along,
            start.y + (end.y - start.y) * along,
        );
        let rect = Rect::new(
            center.x - HOST_ICON / 2.0,
            center.y - HOST_ICON / 2.0,
            HOST_ICON,
            HOST_ICON,
        );
        html! {
            <>
                <circle class="icon-backdrop" cx={center.x.to_string()} cy={center.y.to_string()} r={(HOST_ICON / 2.0 + 2.0).to_string()} />
                { icon_use(icon, rect) }
            </>
        }
    });
    html! {
        <g class="host">
            <line class="host-line" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} />
            { for balancer }
        </g>
    }
}
