//! The Region and account boxes drawn around the VPCs and services they
//! hold.

use std::collections::BTreeMap;

use vpcplan_core::collections::{HashMap, btree_map};
use vpcplan_core::design::{Service, ServiceKind, Vpc};

use super::Rect;

/// Space around the VPCs of an account box, and around the account boxes
/// (and services) of a Region box.
pub(super) const GROUP_MARGIN: f64 = 16.0;
/// Extra space at the top of a group box for its label, so the label of an
/// account box never touches its Region's label or its VPCs.
pub const GROUP_LABEL_HEIGHT: f64 = 20.0;

/// A box around VPCs sharing a Region, or a Region and an account.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBox {
    pub region: String,
    /// `None` for a Region box, the account id for an account box inside it.
    pub account: Option<String>,
    pub rect: Rect,
}

/// A group box around `rect`: `GROUP_MARGIN` on every side and room for the
/// label on top.
pub(super) fn group_around(rect: Rect) -> Rect {
    let outer = rect.inflate(GROUP_MARGIN);
    Rect::new(
        outer.x,
        outer.y - GROUP_LABEL_HEIGHT,
        outer.width,
        outer.height + GROUP_LABEL_HEIGHT,
    )
}

/// Region boxes around their account boxes and services, and account boxes
/// around their VPCs and the endpoint services those VPCs provide, sorted by
/// Region then account, from each VPC and service with its rectangle.
pub fn group_boxes<'d>(
    vpcs: impl Iterator<Item = (&'d Vpc, Rect)>,
    services: impl Iterator<Item = (&'d Service, Rect)>,
) -> Vec<GroupBox> {
    let mut accounts: BTreeMap<(&str, &str), Rect> = BTreeMap::new();
    let mut account_of = HashMap::default();
    for (vpc, rect) in vpcs {
        account_of.insert(&vpc.id, vpc.account.as_str());
        accounts
            .entry((vpc.region.as_str(), vpc.account.as_str()))
            .and_modify(|r| *r = r.union(&rect))
            .or_insert(rect);
    }
    let services: Vec<(&Service, Rect)> = services.collect();
    for (service, rect) in &services {
        let ServiceKind::EndpointService(endpoint_service) = &service.kind else {
            continue;
        };
        if let Some(account) = account_of.get(&endpoint_service.provider_vpc) {
            accounts
                .entry((service.region.as_str(), account))
                .and_modify(|r| *r = r.union(rect))
                .or_insert(*rect);
        }
    }
    let accounts: BTreeMap<(&str, &str), Rect> = btree_map(
        accounts
            .into_iter()
            .map(|(key, rect)| (key, group_around(rect))),
    );
    let mut contents: BTreeMap<&str, Rect> = BTreeMap::new();
    let members = accounts
        .iter()
        .map(|((region, _), rect)| (*region, *rect))
        .chain(
            services
                .iter()
                .map(|(service, rect)| (service.region.as_str(), *rect)),
        );
    for (region, rect) in members {
        contents
            .entry(region)
            .and_modify(|r| *r = r.union(&rect))
            .or_insert(rect);
    }
    let mut boxes: Vec<GroupBox> = contents
        .into_iter()
        .map(|(region, rect)| GroupBox {
            region: region.to_owned(),
            account: None,
            rect: group_around(rect),
        })
        .collect();
    boxes.extend(
        accounts
            .into_iter()
            .map(|((region, account), rect)| GroupBox {
                region: region.to_owned(),
                account: Some(account.to_owned()),
                rect,
            }),
    );
    boxes
}
