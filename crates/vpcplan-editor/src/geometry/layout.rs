//! `Layout`, everything the canvas draws for a document, and `LayoutIndex`,
//! with which moving a few nodes updates only their shapes, their links and
//! the group boxes around them.

use std::rc::Rc;

use vpcplan_core::Design;
use vpcplan_core::collections::HashMap;
use vpcplan_core::design::ServiceKind;

use super::groups::group_around;
use super::links::{link_segment, parallel_offset};
use super::{GroupBox, LinkShape, NodeShape, Rect, group_boxes, node_rect, service_rect, vpc_rect};
use crate::items::{NodeId, link_ends};

/// Everything the canvas draws for the document, computed from it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// VPCs first, then services: the drawing order, bottom to top.
    pub nodes: Vec<NodeShape>,
    pub links: Vec<LinkShape>,
    /// Region boxes first, then account boxes; shared, and kept (the same
    /// allocation) when moving nodes leaves them as they were.
    pub groups: Rc<[GroupBox]>,
}

/// Where each node and link of a `Layout` is, the links at each node and
/// each link's sideways offset: what moving a few nodes needs to update only
/// their shapes and their links.
#[derive(Debug, Clone, Default)]
pub struct LayoutIndex {
    nodes: HashMap<NodeId, usize>,
    links_at: HashMap<NodeId, Vec<usize>>,
    offsets: Vec<f64>,
    /// Per group box: what it is drawn around, in the order `group_boxes`
    /// joins them.
    members: Vec<GroupMembers>,
    /// Per node: the group boxes drawn around it directly.
    groups_at: Vec<Vec<usize>>,
}

/// What a group box is drawn around: nodes, and (for a Region) the account
/// boxes inside it, which come first.
#[derive(Debug, Clone, Default)]
struct GroupMembers {
    accounts: Vec<usize>,
    nodes: Vec<usize>,
    /// The Region box around this account box.
    region: Option<usize>,
}

impl LayoutIndex {
    /// Where `node` is in the layout's nodes.
    pub fn node(&self, node: &NodeId) -> Option<usize> {
        self.nodes.get(node).copied()
    }

    /// Where the links at `node` are in the layout's links.
    pub fn links_at(&self, node: &NodeId) -> &[usize] {
        self.links_at.get(node).map_or(&[], Vec::as_slice)
    }

    /// Whether every node of `layout` (this index's layout) has an id of its
    /// own, so that the index finds each of them (a design whose ids repeat
    /// is reported by validation, and laid out whole after every change).
    pub fn covers(&self, layout: &Layout) -> bool {
        self.nodes.len() == layout.nodes.len()
    }
}

impl Layout {
    pub fn of(design: &Design) -> Layout {
        Layout::indexed(design).0
    }

    /// The layout and its index.
    pub fn indexed(design: &Design) -> (Layout, LayoutIndex) {
        let mut nodes: Vec<NodeShape> = design
            .vpcs
            .iter()
            .map(|vpc| NodeShape {
                id: NodeId::Vpc(vpc.id.clone()),
                rect: vpc_rect(vpc),
            })
            .collect();
        nodes.extend(design.services.iter().map(|service| NodeShape {
            id: NodeId::Service(service.id.clone()),
            rect: service_rect(service),
        }));
        let mut index = LayoutIndex {
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(i, n)| (n.id.clone(), i))
                .collect(),
            ..LayoutIndex::default()
        };
        let mut pair_counts: HashMap<(NodeId, NodeId), usize> = HashMap::default();
        let mut links = Vec::new();
        for link in &design.links {
            let Some((from, to)) = link_ends(&link.spec) else {
                continue;
            };
            let (Some(&a), Some(&b)) = (index.nodes.get(&from), index.nodes.get(&to)) else {
                continue;
            };
            let key = if from <= to {
                (from.clone(), to.clone())
            } else {
                (to.clone(), from.clone())
            };
            let nth = pair_counts.entry(key).or_insert(0);
            let offset = parallel_offset(*nth);
            *nth += 1;
            let (start, end) = link_segment(nodes[a].rect, nodes[b].rect, offset);
            let at = links.len();
            index.links_at.entry(from.clone()).or_default().push(at);
            if to != from {
                index.links_at.entry(to.clone()).or_default().push(at);
            }
            index.offsets.push(offset);
            links.push(LinkShape {
                id: link.id.clone(),
                kind: link.kind(),
                from,
                to,
                start,
                end,
            });
        }
        let groups = groups_of(design, &nodes);
        (index.members, index.groups_at) = group_members(design, &groups);
        let groups = groups.into();
        let layout = Layout {
            groups,
            nodes,
            links,
        };
        (layout, index)
    }

    /// Brings the layout of the document before `moved` nodes changed their
    /// position (and nothing else) up to `design`: their rectangles, their
    /// links and the group boxes, the same as `Layout::of(design)` gives.
    /// `index` is the index of this layout.
    pub fn move_nodes<'n>(
        &mut self,
        index: &LayoutIndex,
        design: &Design,
        moved: impl IntoIterator<Item = &'n NodeId>,
    ) {
        let mut links = Vec::new();
        let mut moved_at = Vec::new();
        for node in moved {
            let (Some(&at), Some(rect)) = (index.nodes.get(node), node_rect(design, node)) else {
                continue;
            };
            self.nodes[at].rect = rect;
            moved_at.push(at);
            links.extend(index.links_at.get(node).into_iter().flatten().copied());
        }
        for at in links {
            let link = &self.links[at];
            let (Some(&a), Some(&b)) = (index.nodes.get(&link.from), index.nodes.get(&link.to))
            else {
                continue;
            };
            let (start, end) =
                link_segment(self.nodes[a].rect, self.nodes[b].rect, index.offsets[at]);
            let link = &mut self.links[at];
            link.start = start;
            link.end = end;
        }
        self.move_groups(index, &moved_at);
    }

    /// Draws again the group boxes around the nodes at `moved` (indices),
    /// joining their members in the order `group_boxes` does, so the boxes
    /// come out the same.
    fn move_groups(&mut self, index: &LayoutIndex, moved: &[usize]) {
        let mut touched: Vec<usize> = moved
            .iter()
            .filter_map(|&node| index.groups_at.get(node))
            .flatten()
            .copied()
            .collect();
        let regions: Vec<usize> = touched
            .iter()
            .filter_map(|&group| index.members.get(group)?.region)
            .collect();
        touched.extend(regions);
        touched.sort_unstable();
        touched.dedup();
        // Account boxes come after the Region boxes, and Regions are drawn
        // around them: accounts first.
        let (regions, accounts): (Vec<usize>, Vec<usize>) = touched
            .into_iter()
            .partition(|&group| self.groups[group].account.is_none());
        let mut groups = self.groups.to_vec();
        for group in accounts.into_iter().chain(regions) {
            let members = &index.members[group];
            let around = members
                .accounts
                .iter()
                .map(|&account| groups[account].rect)
                .chain(members.nodes.iter().map(|&node| self.nodes[node].rect))
                .reduce(|a, b| a.union(&b));
            if let Some(around) = around {
                groups[group].rect = group_around(around);
            }
        }
        if *self.groups != *groups {
            self.groups = groups.into();
        }
    }

    pub fn node(&self, id: &NodeId) -> Option<&NodeShape> {
        self.nodes.iter().find(|n| &n.id == id)
    }

    /// The bounds of every node and group, if there is any.
    pub fn bounds(&self) -> Option<Rect> {
        self.nodes
            .iter()
            .map(|n| n.rect)
            .chain(self.groups.iter().map(|g| g.rect))
            .reduce(|a, b| a.union(&b))
    }
}

/// The group boxes of `design` from its node shapes (VPCs first, as `Layout`
/// keeps them).
fn groups_of(design: &Design, nodes: &[NodeShape]) -> Vec<GroupBox> {
    let (vpc_shapes, service_shapes) = nodes.split_at(design.vpcs.len());
    group_boxes(
        design.vpcs.iter().zip(vpc_shapes.iter().map(|n| n.rect)),
        design
            .services
            .iter()
            .zip(service_shapes.iter().map(|n| n.rect)),
    )
}

/// What each of `groups` (from `groups_of(design, ..)`) is drawn around,
/// and the groups around each node, by the rules of `group_boxes`.
fn group_members(design: &Design, groups: &[GroupBox]) -> (Vec<GroupMembers>, Vec<Vec<usize>>) {
    let at: HashMap<(&str, Option<&str>), usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| ((g.region.as_str(), g.account.as_deref()), i))
        .collect();
    let mut members = vec![GroupMembers::default(); groups.len()];
    let mut groups_at = vec![Vec::new(); design.vpcs.len() + design.services.len()];
    for (group, g) in groups.iter().enumerate() {
        if g.account.is_some()
            && let Some(&region) = at.get(&(g.region.as_str(), None))
        {
            members[group].region = Some(region);
            members[region].accounts.push(group);
        }
    }
    let mut account_of = HashMap::default();
    for (node, vpc) in design.vpcs.iter().enumerate() {
        account_of.insert(&vpc.id, vpc.account.as_str());
        if let Some(&group) = at.get(&(vpc.region.as_str(), Some(vpc.account.as_str()))) {
            members[group].nodes.push(node);
            groups_at[node].push(group);
        }
    }
    for (i, service) in design.services.iter().enumerate() {
        let node = design.vpcs.len() + i;
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind
            && let Some(account) = account_of.get(&endpoint_service.provider_vpc)
            && let Some(&group) = at.get(&(service.region.as_str(), Some(*account)))
        {
            members[group].nodes.push(node);
            groups_at[node].push(group);
        }
        if let Some(&group) = at.get(&(service.region.as_str(), None)) {
            members[group].nodes.push(node);
            groups_at[node].push(group);
        }
    }
    (members, groups_at)
}
