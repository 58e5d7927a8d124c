//! One link: a halo for hit-testing and hover, and the stroke with its
//! arrow.

use std::rc::Rc;

use vpcplan_editor::geometry::LinkShape;
use yew::prelude::*;

use super::content::LinkContent;

#[derive(Properties, PartialEq)]
pub(super) struct LinkViewProps {
    pub(super) content: Rc<LinkContent>,
    pub(super) shape: LinkShape,
    pub(super) selected: bool,
    pub(super) focused: bool,
}

#[function_component]
pub(super) fn LinkView(props: &LinkViewProps) -> Html {
    let content = &props.content;
    let LinkShape { start, end, .. } = &props.shape;
    html! {
        <g id={content.dom_id.clone()} class={classes!("link", content.kind, content.mark, props.selected.then_some("selected"), props.focused.then_some("focused"))}
            role="img" aria-label={content.name.clone()} data-link={props.shape.id.as_str().to_owned()}>
            <line class="halo" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} />
            <line class="stroke" x1={start.x.to_string()} y1={start.y.to_string()}
                x2={end.x.to_string()} y2={end.y.to_string()} marker-end="url(#arrow)" />
        </g>
    }
}
