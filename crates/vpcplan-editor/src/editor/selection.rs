//! Selection, keyboard focus and whether the inspector is open; revealing
//! what a diagnostic is about.

use vpcplan_core::Design;
use vpcplan_core::collections::{btree_set, sort_by};
use vpcplan_core::design::Position;
use vpcplan_core::diagnostic::Subject;

use crate::geometry::Rect;
use crate::items::{Item, NodeId, Selection};

use super::Editor;

impl Editor {
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn set_selection(&mut self, mut selection: Selection) {
        selection.retain_existing(&self.document);
        self.selection = selection;
    }

    pub fn select_all(&mut self) {
        self.selection = Selection {
            nodes: btree_set(self.all_nodes()),
            links: btree_set(self.document.links.iter().map(|l| l.id.clone())),
        };
    }

    pub(super) fn all_nodes(&self) -> Vec<NodeId> {
        let design = &self.document;
        design
            .vpcs
            .iter()
            .map(|v| NodeId::Vpc(v.id.clone()))
            .chain(
                design
                    .services
                    .iter()
                    .map(|s| NodeId::Service(s.id.clone())),
            )
            .collect()
    }

    /// Selects what a diagnostic or a reachability reason is about (a
    /// subnet, route table or security group selects its VPC) and pans to
    /// show it when it is off screen; returns whether anything was selected.
    pub fn reveal(&mut self, subjects: &[Subject]) -> bool {
        let mut selection = Selection::default();
        for subject in subjects {
            match subject_item(&self.document, subject) {
                Some(item) => selection.insert(item),
                None => continue,
            }
        }
        selection.retain_existing(&self.document);
        if selection.is_empty() {
            return false;
        }
        let layout = self.layout();
        let bounds = selection
            .nodes
            .iter()
            .filter_map(|node| layout.node(node).map(|shape| shape.rect))
            .chain(
                layout
                    .links
                    .iter()
                    .filter(|link| selection.links.contains(&link.id))
                    .map(|link| Rect::spanning(link.start, link.end)),
            )
            .reduce(|a, b| a.union(&b));
        if let Some(bounds) = bounds {
            let visible = self.viewport.visible();
            let shown = visible.x <= bounds.x
                && visible.y <= bounds.y
                && visible.right() >= bounds.right()
                && visible.bottom() >= bounds.bottom();
            if !shown {
                let target = self.viewport.to_screen(bounds.center());
                let center = self.viewport.center();
                self.viewport
                    .pan_by(center.x - target.x, center.y - target.y);
            }
        }
        self.focus = selection.single();
        self.selection = selection;
        true
    }

    /// The item keyboard focus is on.
    pub fn focus(&self) -> Option<&Item> {
        self.focus.as_ref()
    }

    /// Focuses and selects `item` (as Tab does).
    pub fn set_focus(&mut self, item: Option<Item>) {
        let item = item.filter(|item| item.exists_in(&self.document));
        if let Some(item) = &item {
            self.selection = Selection::only(item.clone());
        }
        self.focus = item;
    }

    /// The order Tab visits: nodes top to bottom, then left to right, then
    /// the links in the order they were made.
    pub fn focus_order(&self) -> Vec<Item> {
        let design = &self.document;
        let mut nodes: Vec<(Position, NodeId)> = design
            .vpcs
            .iter()
            .map(|v| (v.position, NodeId::Vpc(v.id.clone())))
            .chain(
                design
                    .services
                    .iter()
                    .map(|s| (s.position, NodeId::Service(s.id.clone()))),
            )
            .collect();
        sort_by(&mut nodes, |(a, a_id), (b, b_id)| {
            a.y.total_cmp(&b.y)
                .then(a.x.total_cmp(&b.x))
                .then(a_id.cmp(b_id))
        });
        nodes
            .into_iter()
            .map(|(_, id)| Item::Node(id))
            .chain(design.links.iter().map(|l| Item::Link(l.id.clone())))
            .collect()
    }

    /// Moves focus to the next (or previous) item; returns false when it
    /// leaves the canvas past either end, so the browser moves focus on.
    pub fn focus_next(&mut self, backwards: bool) -> bool {
        let order = self.focus_order();
        let current = self
            .focus
            .as_ref()
            .and_then(|f| order.iter().position(|item| item == f));
        let next = match (current, backwards) {
            (None, false) => order.first().cloned(),
            (None, true) => order.last().cloned(),
            (Some(i), false) => order.get(i + 1).cloned(),
            (Some(i), true) => i.checked_sub(1).and_then(|i| order.get(i).cloned()),
        };
        let moved = next.is_some();
        self.set_focus(next);
        moved
    }

    /// Whether the inspector is open (Enter opens it, Escape closes it).
    pub fn inspector_open(&self) -> bool {
        self.inspector_open
    }

    pub fn set_inspector_open(&mut self, open: bool) {
        self.inspector_open = open;
    }
}

/// The canvas item that shows a subject: subnets, route tables and
/// security groups are drawn inside their VPC.
pub fn subject_item(design: &Design, subject: &Subject) -> Option<Item> {
    let vpc_holding = |holds: &dyn Fn(&vpcplan_core::design::Vpc) -> bool| {
        design
            .vpcs
            .iter()
            .find(|vpc| holds(vpc))
            .map(|vpc| Item::Node(NodeId::Vpc(vpc.id.clone())))
    };
    match subject {
        Subject::Vpc(id) => Some(Item::Node(NodeId::Vpc(id.clone()))),
        Subject::Service(id) => Some(Item::Node(NodeId::Service(id.clone()))),
        Subject::Link(id) => Some(Item::Link(id.clone())),
        Subject::Subnet(id) => vpc_holding(&|vpc| vpc.subnets.iter().any(|s| &s.id == id)),
        Subject::RouteTable(id) => vpc_holding(&|vpc| vpc.route_tables.iter().any(|t| &t.id == id)),
        Subject::SecurityGroup(id) => {
            vpc_holding(&|vpc| vpc.security_groups.iter().any(|g| &g.id == id))
        }
        Subject::Account(_) | Subject::Intent(_) => None,
    }
}
