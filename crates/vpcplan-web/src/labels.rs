//! How the panels name the things of a design: a VPC by its name and first
//! CIDR, a service by its name, falling back to the id for anything the
//! design does not hold (a dangling reference is reported, not hidden).

use vpcplan_core::design::{Design, ServiceId, Vpc, VpcId};
use vpcplan_core::{Node, Subject};

pub fn vpc_label(design: &Design, id: &VpcId) -> String {
    design.vpc(id).map_or_else(|| id.to_string(), label_of_vpc)
}

/// What `vpc_label` says for this VPC, without searching the design for it.
pub fn label_of_vpc(vpc: &Vpc) -> String {
    match vpc.ipv4_cidrs.first() {
        Some(cidr) => format!("{} ({cidr})", vpc.label()),
        None => vpc.label().to_owned(),
    }
}

pub fn service_label(design: &Design, id: &ServiceId) -> String {
    design
        .services
        .iter()
        .find(|service| &service.id == id)
        .map_or_else(|| id.to_string(), |service| service.label().to_owned())
}

pub fn node_label(design: &Design, node: &Node) -> String {
    match node {
        Node::Vpc(vpc) => vpc_label(design, vpc),
        Node::Subnet { vpc, subnet } => format!("{} / {subnet}", vpc_label(design, vpc)),
        Node::Service(service) => service_label(design, service),
    }
}

/// A stable string for a node, for `<option value>` and test selectors.
pub fn node_key(node: &Node) -> String {
    match node {
        Node::Vpc(vpc) => format!("vpc:{vpc}"),
        Node::Subnet { vpc, subnet } => format!("subnet:{vpc}/{subnet}"),
        Node::Service(service) => format!("service:{service}"),
    }
}

/// The id of the thing a diagnostic names, as shown next to its message.
pub fn subject_id(subject: &Subject) -> &str {
    match subject {
        Subject::Account(id) => id.as_str(),
        Subject::Vpc(id) => id.as_str(),
        Subject::Subnet(id) => id.as_str(),
        Subject::RouteTable(id) => id.as_str(),
        Subject::SecurityGroup(id) => id.as_str(),
        Subject::Service(id) => id.as_str(),
        Subject::Link(id) => id.as_str(),
        Subject::Intent(id) => id.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::sample;

    #[test]
    fn nodes_are_named_by_name_and_cidr_and_dangling_ids_stay_visible() {
        let design = sample("article-peering").unwrap().open().unwrap();
        let nodes = vpcplan_core::reachability::matrix_nodes(&design);
        assert_eq!(nodes.len(), design.vpcs.len() + design.services.len());
        let first = &design.vpcs[0];
        assert_eq!(
            node_label(&design, &nodes[0]),
            format!("{} ({})", first.name, first.ipv4_cidrs[0])
        );
        assert_eq!(node_label(&design, &Node::vpc("vpc-gone")), "vpc-gone");
        assert_eq!(node_key(&Node::service("s3")), "service:s3");
    }
}
