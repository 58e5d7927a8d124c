//! One link: a halo for hitting and hover, the stroke with its arrow, and
//! for an endpoint, the VPC endpoints icon where it leaves its VPC.

use std::rc::Rc;

use vpcplan_core::LinkKind;
use vpcplan_editor::geometry::LinkShape;
use vpcplan_editor::icons::AwsIcon;
use vpcplan_editor::{Point, Rect};
use yew::prelude::*;

use super::content::LinkContent;
use crate::aws_icons::icon_use;

#[derive(Properties, PartialEq)]
pub(super) struct LinkViewProps {
    pub(super) content: Rc<LinkContent>,
    pub(super) shape: LinkShape,
    pub(super) selected: bool,
    pub(super) focused: bool,
}

/// The size of an endpoint's icon, in canvas units.
const ENDPOINT_ICON: f64 = 20.0;

#[function_component]
pub(super) fn LinkView(props: &LinkViewProps) -> Html {
    let content = &props.content;
    let LinkShape {
        start, end, kind, ..
    } = &props.shape;
    // An endpoint lives in its VPC (the link's start): its icon sits on the
    // line just outside the VPC's border.
    let length = start.distance(*end);
    let endpoint = (*kind != LinkKind::Peering && length > 3.0 * ENDPOINT_ICON).then(|| {
        let along = (ENDPOINT_ICON / 2.0 + 4.0) / length;
        let center = Point::new(
            start.x + (end.x - start.x) * along,
            start.y + (end.y - start.y) * along,
        );
        let rect = Rect::new(
            center.x - ENDPOINT_ICON / 2.0,
            center.y - ENDPOINT_ICON / 2.0,
            ENDPOINT_ICON,
            ENDPOINT_ICON,
        );
        html! {
            <>
                <circle class="icon-backdrop" cx={center.x.to_string()} cy={center.y.to_string()} r={(ENDPOINT_ICON / 2.0 + 2.0).to_string()} />
                { icon_use(AwsIcon::VpcEndpoints, rect) }
            </>
        }
    });
    html! {
        <g id={content.dom_id.clone()} class={classes!("link", content.kind, content.mark, props.selected.then_some("selected"), props.focused.then_some("focused"))}
            role="img" aria-label={content.name.clone()} data-link={props.shape.id.as_str().to_owned()}>
            <line class="halo" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} />
            <line class="stroke" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} marker-end="url(#arrow)" />
            { for endpoint }
        </g>
    }
}
