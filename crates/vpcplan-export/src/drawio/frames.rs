//! Where each cell of the draw.io diagram goes, in absolute canvas units:
//! each VPC at its place on the planner's canvas, grown to hold its subnets
//! (one row each) and a row of icons (its endpoints, and the load balancers
//! of the endpoint services it provides); services as icons at their place;
//! and the Region and account boxes around them by the canvas's own rule
//! (`group_boxes`).

use vpcplan_core::Design;
use vpcplan_core::design::{LinkSpec, ServiceKind};
use vpcplan_editor::Rect;
use vpcplan_editor::geometry::{GroupBox, group_boxes, service_rect, vpc_rect};

/// Room at the top of a VPC for its group icon and its label (name, CIDRs).
const VPC_HEADER: f64 = 48.0;
const SUBNET_HEIGHT: f64 = 36.0;
const GAP: f64 = 10.0;
const ICON: f64 = 40.0;
/// The width each icon of a VPC's row takes, its label (below it) included.
const ICON_SLOT: f64 = 120.0;
/// An icon and its label below it.
const ICON_ROW: f64 = ICON + 34.0;
/// The size of a service's icon; its label goes below it.
const SERVICE_ICON: f64 = 60.0;

/// Something drawn in a VPC's row of icons.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum VpcItem {
    /// The endpoint of the link at this index of the design's links.
    Endpoint(usize),
    /// A load balancer of the endpoint service at index `service`: its
    /// `at`-th Network (or, `gateway`, Gateway) Load Balancer.
    LoadBalancer {
        service: usize,
        gateway: bool,
        at: usize,
    },
}

pub(super) struct VpcFrame {
    pub(super) rect: Rect,
    /// One per subnet, in the VPC's order.
    pub(super) subnets: Vec<Rect>,
    pub(super) items: Vec<(VpcItem, Rect)>,
}

pub(super) struct Frames {
    /// One per VPC, in the design's order.
    pub(super) vpcs: Vec<VpcFrame>,
    /// One per service, in the design's order: its icon.
    pub(super) services: Vec<Rect>,
    /// Region boxes first, then account boxes.
    pub(super) groups: Vec<GroupBox>,
}

impl Frames {
    pub(super) fn of(design: &Design) -> Frames {
        let vpcs: Vec<VpcFrame> = design
            .vpcs
            .iter()
            .map(|vpc| {
                let mut items: Vec<VpcItem> = design
                    .links
                    .iter()
                    .enumerate()
                    .filter(|(_, link)| match &link.spec {
                        LinkSpec::InterfaceEndpoint(e) => e.vpc == vpc.id,
                        LinkSpec::GatewayEndpoint(e) => e.vpc == vpc.id,
                        LinkSpec::Peering(_) => false,
                    })
                    .map(|(at, _)| VpcItem::Endpoint(at))
                    .collect();
                for (index, service) in design.services.iter().enumerate() {
                    let ServiceKind::EndpointService(es) = &service.kind else {
                        continue;
                    };
                    if es.provider_vpc != vpc.id {
                        continue;
                    }
                    let balancers = (0..es.network_load_balancers.len())
                        .map(|at| (false, at))
                        .chain((0..es.gateway_load_balancers.len()).map(|at| (true, at)));
                    items.extend(balancers.map(|(gateway, at)| VpcItem::LoadBalancer {
                        service: index,
                        gateway,
                        at,
                    }));
                }
                vpc_frame(vpc_rect(vpc), vpc.subnets.len(), items)
            })
            .collect();
        let services: Vec<Rect> = design.services.iter().map(service_rect).collect();
        let groups = group_boxes(
            design.vpcs.iter().zip(vpcs.iter().map(|frame| frame.rect)),
            design.services.iter().zip(services.iter().copied()),
        );
        let services = services
            .into_iter()
            .map(|rect| {
                Rect::new(
                    rect.x + (rect.width - SERVICE_ICON) / 2.0,
                    rect.y,
                    SERVICE_ICON,
                    SERVICE_ICON,
                )
            })
            .collect();
        Frames {
            vpcs,
            services,
            groups,
        }
    }
}

/// A VPC drawn at `node` (its rectangle on the canvas) with `subnets`
/// subnets and `items` in its row of icons.
fn vpc_frame(node: Rect, subnets: usize, items: Vec<VpcItem>) -> VpcFrame {
    let width = node.width.max(2.0 * GAP + items.len() as f64 * ICON_SLOT);
    let subnet_rects: Vec<Rect> = (0..subnets)
        .map(|i| {
            Rect::new(
                node.x + GAP,
                node.y + VPC_HEADER + i as f64 * (SUBNET_HEIGHT + GAP),
                width - 2.0 * GAP,
                SUBNET_HEIGHT,
            )
        })
        .collect();
    let row_top = node.y + VPC_HEADER + subnets as f64 * (SUBNET_HEIGHT + GAP);
    let items: Vec<(VpcItem, Rect)> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let x = node.x + GAP + i as f64 * ICON_SLOT + (ICON_SLOT - ICON) / 2.0;
            (item, Rect::new(x, row_top, ICON, ICON))
        })
        .collect();
    let height = VPC_HEADER
        + subnets as f64 * (SUBNET_HEIGHT + GAP)
        + if items.is_empty() { 0.0 } else { ICON_ROW }
        + GAP;
    VpcFrame {
        rect: Rect::new(node.x, node.y, width, height.max(node.height)),
        subnets: subnet_rects,
        items,
    }
}
