//! The AWS Architecture Icons the canvas draws, compiled in from
//! `web/icons/aws/` (copied unchanged from the npm package `aws-icons`; the
//! source, version and terms are in `web/icons/aws/NOTICE.md`). Which icon
//! a thing carries is `vpcplan_editor::icons`'s decision.
//!
//! Each icon is defined once, in the canvas's `<defs>`, as an `<svg>` with
//! the id `aws-icon-<slug>` around the icon file's own `<svg>`, and drawn
//! with `<use>`: one small element per node however large the design, and
//! the saved SVG and PNG image carry the definitions with the drawing, so
//! they show the icons without fetching anything.

use vpcplan_editor::Rect;
use vpcplan_editor::icons::AwsIcon;
use yew::prelude::*;

/// The icon's SVG file, as committed.
fn icon_file(icon: AwsIcon) -> &'static str {
    match icon {
        AwsIcon::SimpleStorageService => include_str!("../../../web/icons/aws/s3.svg"),
        AwsIcon::DynamoDb => include_str!("../../../web/icons/aws/dynamodb.svg"),
        AwsIcon::SystemsManager => include_str!("../../../web/icons/aws/systems-manager.svg"),
        AwsIcon::AwsService => include_str!("../../../web/icons/aws/aws-service.svg"),
        AwsIcon::PrivateLink => include_str!("../../../web/icons/aws/privatelink.svg"),
        AwsIcon::VpcEndpoints => include_str!("../../../web/icons/aws/vpc-endpoints.svg"),
        AwsIcon::NetworkLoadBalancer => {
            include_str!("../../../web/icons/aws/network-load-balancer.svg")
        }
        AwsIcon::GatewayLoadBalancer => {
            include_str!("../../../web/icons/aws/gateway-load-balancer.svg")
        }
    }
}

fn element_id(icon: AwsIcon) -> String {
    format!("aws-icon-{}", icon.slug())
}

/// The definitions of every icon, for the canvas's `<svg>`.
#[function_component]
pub fn AwsIconDefs() -> Html {
    let icons = AwsIcon::ALL.into_iter().map(|icon| {
        html! {
            <svg id={element_id(icon)}>
                { Html::from_html_unchecked(AttrValue::Static(icon_file(icon))) }
            </svg>
        }
    });
    html! { <defs class="aws-icons">{ for icons }</defs> }
}

/// `icon` drawn in `rect` (canvas units).
pub fn icon_use(icon: AwsIcon, rect: Rect) -> Html {
    html! {
        <use class={classes!("aws-icon", icon.slug())} href={format!("#{}", element_id(icon))}
            x={rect.x.to_string()} y={rect.y.to_string()}
            width={rect.width.to_string()} height={rect.height.to_string()} />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_is_a_committed_svg_file_named_after_its_slug() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/icons/aws");
        for icon in AwsIcon::ALL {
            let file = icon_file(icon);
            let on_disk = std::fs::read_to_string(format!("{folder}/{}.svg", icon.slug())).unwrap();
            assert_eq!(file, on_disk, "{icon:?}");
            assert!(
                file.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="),
                "{icon:?}: {file:.80}"
            );
            // Ids inside an icon would clash in the one document they share.
            assert!(!file.contains(" id="), "{icon:?} has ids of its own");
        }
        let notice = std::fs::read_to_string(format!("{folder}/NOTICE.md")).unwrap();
        for icon in AwsIcon::ALL {
            assert!(
                notice.contains(&format!("`{}.svg`", icon.slug())),
                "NOTICE.md does not say where {}.svg comes from",
                icon.slug()
            );
        }
    }
}
