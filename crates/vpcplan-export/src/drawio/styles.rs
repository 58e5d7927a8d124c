//! The draw.io styles of each kind of cell: the `mxgraph.aws4` shapes of
//! draw.io's "AWS" libraries, with the colours and settings its own palette
//! gives them (draw.io's `Sidebar-AWS4.js`: the Groups palette for Region,
//! account, VPC and private subnet; the resource icons and the Network &
//! Content Delivery shapes), so that a cell behaves in draw.io exactly like
//! one dragged from its library.

use vpcplan_editor::icons::AwsIcon;

/// The connection points draw.io's AWS shapes carry.
const POINTS: &str = "points=[[0,0],[0.25,0],[0.5,0],[0.75,0],[1,0],[1,0.25],[1,0.5],[1,0.75],[1,1],[0.75,1],[0.5,1],[0.25,1],[0,1],[0,0.75],[0,0.5],[0,0.25]];";

/// A group container (`shape=mxgraph.aws4.group`) with its group icon.
fn group(icon: &str, colours: &str) -> String {
    format!(
        "{POINTS}outlineConnect=0;gradientColor=none;html=1;whiteSpace=wrap;fontSize=12;fontStyle=0;container=1;pointerEvents=0;collapsible=0;recursiveResize=0;shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.{icon};{colours}verticalAlign=top;align=left;spacingLeft=30;"
    )
}

pub(super) fn region() -> String {
    group(
        "group_region",
        "strokeColor=#00A4A6;fillColor=none;fontColor=#147EBA;dashed=1;",
    )
}

pub(super) fn account() -> String {
    group(
        "group_account",
        "strokeColor=#CD2264;fillColor=none;fontColor=#CD2264;dashed=0;",
    )
}

pub(super) fn vpc() -> String {
    group(
        "group_vpc2",
        "strokeColor=#8C4FFF;fillColor=none;fontColor=#232F3E;dashed=0;",
    )
}

/// draw.io's "Private subnet" group: vpcplan's subnets are private (the
/// planner designs private connectivity).
pub(super) fn subnet() -> String {
    group(
        "group_security_group",
        "grStroke=0;strokeColor=#00A4A6;fillColor=#E6F6F7;fontColor=#147EBA;dashed=0;",
    )
}

/// The draw.io shape of an icon: a service's resource icon (a square in the
/// service category's colour), or a resource shape in its category's colour.
pub(super) fn icon(icon: AwsIcon) -> String {
    let resource_icon = |name: &str, colour: &str| {
        format!(
            "sketch=0;{POINTS}outlineConnect=0;fontColor=#232F3E;fillColor={colour};strokeColor=#ffffff;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.{name};"
        )
    };
    let networking_shape = |name: &str| {
        format!(
            "sketch=0;outlineConnect=0;fontColor=#232F3E;gradientColor=none;fillColor=#8C4FFF;strokeColor=none;dashed=0;verticalLabelPosition=bottom;verticalAlign=top;align=center;html=1;fontSize=12;fontStyle=0;aspect=fixed;pointerEvents=1;shape=mxgraph.aws4.{name};"
        )
    };
    match icon {
        AwsIcon::SimpleStorageService => resource_icon("s3", "#7AA116"),
        AwsIcon::DynamoDb => resource_icon("dynamodb", "#C925D1"),
        AwsIcon::SystemsManager => resource_icon("systems_manager", "#E7157B"),
        AwsIcon::AwsService => resource_icon("general", "#232F3D"),
        AwsIcon::PrivateLink => resource_icon("vpc_privatelink", "#8C4FFF"),
        AwsIcon::VpcEndpoints => networking_shape("endpoints"),
        AwsIcon::NetworkLoadBalancer => networking_shape("network_load_balancer"),
        AwsIcon::GatewayLoadBalancer => networking_shape("gateway_load_balancer"),
    }
}

/// A link: VPC peering joins two VPCs both ways; an endpoint points at its
/// service.
pub(super) fn peering() -> &'static str {
    "edgeStyle=none;html=1;endArrow=none;startArrow=none;strokeColor=#8C4FFF;strokeWidth=2;fontColor=#232F3E;"
}

pub(super) fn endpoint_link() -> &'static str {
    "edgeStyle=none;html=1;endArrow=block;endFill=1;strokeColor=#545B64;fontColor=#232F3E;"
}

/// What hosts an endpoint service: its load balancer (or, without one, its
/// VPC) joined to it by a dashed line.
pub(super) fn hosting() -> &'static str {
    "edgeStyle=none;html=1;endArrow=none;startArrow=none;dashed=1;strokeColor=#8C4FFF;"
}
