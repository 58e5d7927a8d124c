//! The all-pairs matrix: every VPC and service against every other, for
//! the UI, exploring from each source only its peers and their endpoints.

use crate::collections::{HashMap, HashSet};

use crate::LinkKind;
use crate::design::{Design, Vpc, VpcId};

use super::endpoints::endpoint_target;
use super::{Graph, Node, Place};

/// One cell of the reachability matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatrixCell {
    Unreachable,
    /// Reachable through these kinds of link, in path order (empty for the
    /// node itself or a VPC reaching the endpoint service it hosts).
    Reachable {
        via: Vec<LinkKind>,
    },
}

impl MatrixCell {
    pub fn is_reachable(&self) -> bool {
        matches!(self, MatrixCell::Reachable { .. })
    }
}

/// Reachability between every pair of the design's VPCs and services: row
/// `i`, column `j` says whether `nodes[i]` reaches `nodes[j]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReachabilityMatrix {
    /// The VPCs in design order, then the services in design order.
    pub nodes: Vec<Node>,
    pub cells: Vec<Vec<MatrixCell>>,
}

impl ReachabilityMatrix {
    pub fn get(&self, from: &Node, to: &Node) -> Option<&MatrixCell> {
        let row = self.nodes.iter().position(|node| node == from)?;
        let column = self.nodes.iter().position(|node| node == to)?;
        self.cells.get(row)?.get(column)
    }
}

/// The nodes of the all-pairs matrix, in its order: every VPC, then every
/// service.
pub fn matrix_nodes(design: &Design) -> Vec<Node> {
    design
        .vpcs
        .iter()
        .map(|vpc| Node::Vpc(vpc.id.clone()))
        .chain(
            design
                .services
                .iter()
                .map(|service| Node::Service(service.id.clone())),
        )
        .collect()
}

/// Reachability of every VPC and service from every other, for the UI. It
/// agrees with `reachability` on each pair.
pub fn reachability_matrix(design: &Design) -> ReachabilityMatrix {
    Graph::new(design).matrix()
}

impl<'d> Graph<'d> {
    pub(super) fn matrix(&self) -> ReachabilityMatrix {
        let nodes = matrix_nodes(self.index.design);
        let mut positions: HashMap<&Node, usize> =
            HashMap::with_capacity_and_hasher(nodes.len(), Default::default());
        for (position, node) in nodes.iter().enumerate() {
            positions.entry(node).or_insert(position);
        }
        let mut cells = Vec::with_capacity(nodes.len());
        for (row, from) in nodes.iter().enumerate() {
            let mut line = vec![MatrixCell::Unreachable; nodes.len()];
            if let Some(cell) = line.get_mut(row) {
                *cell = MatrixCell::Reachable { via: Vec::new() };
            }
            if let Node::Vpc(id) = from
                && let Some(vpc) = self.index.vpc(id)
            {
                for candidate in self.candidates(vpc) {
                    let Some(&column) = positions.get(&candidate) else {
                        continue;
                    };
                    if column == row {
                        continue;
                    }
                    let Ok(target) = self.resolve(&candidate) else {
                        continue;
                    };
                    if let Ok(path) = self.connect(from, Place::Vpc(vpc), &candidate, target)
                        && let Some(cell) = line.get_mut(column)
                    {
                        let mut via: Vec<LinkKind> = Vec::new();
                        for kind in path.iter().filter_map(|hop| hop.kind) {
                            if !via.contains(&kind) {
                                via.push(kind);
                            }
                        }
                        *cell = MatrixCell::Reachable { via };
                    }
                }
            }
            cells.push(line);
        }
        ReachabilityMatrix { nodes, cells }
    }

    /// The nodes a VPC might reach: its peers, the services its endpoints or
    /// its peers' interface endpoints target, and the endpoint services it or
    /// its peers host. Anything else is out of reach by construction.
    fn candidates(&self, vpc: &'d Vpc) -> HashSet<Node> {
        let mut candidates = HashSet::default();
        let add_services_of = |candidates: &mut HashSet<Node>, vpc: &VpcId| {
            for (_, endpoint) in self.interfaces_in(vpc) {
                if let Some(service) = endpoint_target(endpoint) {
                    candidates.insert(Node::Service(service.clone()));
                }
            }
            for (service, _) in self.provided_by(vpc) {
                candidates.insert(Node::Service(service.id.clone()));
            }
        };
        add_services_of(&mut candidates, &vpc.id);
        for (_, endpoint) in self.gateways_in(&vpc.id) {
            candidates.insert(Node::Service(endpoint.service.clone()));
        }
        for (_, _, peer) in self.peers(&vpc.id) {
            candidates.insert(Node::Vpc(peer.clone()));
            add_services_of(&mut candidates, peer);
        }
        candidates
    }
}
