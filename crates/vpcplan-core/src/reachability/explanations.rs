//! Explanations: labels and lists in messages, dangling references, and the
//! reasons that need a look beyond the candidate paths (PEER-003, PEER-005).

use crate::collections::HashMap;

use crate::design::{Service, Vpc, VpcId};
use crate::diagnostic::Subject;
use crate::rules::peer_gateway_endpoints;

use super::endpoints::{peer_gateway_reason, service_hosts};
use super::{DANGLING_REFERENCE, Graph, Node, Place, Reason, Side};

pub(super) fn join<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn join_or<T: std::fmt::Display>(
    items: impl IntoIterator<Item = T>,
    none_en: &str,
    none_ja: &str,
) -> (String, String) {
    let text = join(items);
    if text.is_empty() {
        (none_en.to_owned(), none_ja.to_owned())
    } else {
        (text.clone(), text)
    }
}

/// The reason a node does not resolve.
pub(crate) fn dangling(node: &Node) -> Reason {
    match node {
        Node::Vpc(vpc) => Reason::new(
            Some(DANGLING_REFERENCE),
            vec![node.subject()],
            format!("VPC {vpc} is not in the design."),
            format!("VPC {vpc} は設計にありません。"),
        ),
        Node::Subnet { vpc, subnet } => Reason::new(
            Some(DANGLING_REFERENCE),
            vec![Subject::Vpc(vpc.clone()), node.subject()],
            format!("Subnet {subnet} is not in VPC {vpc} of the design."),
            format!("サブネット{subnet}は設計のVPC {vpc} にありません。"),
        ),
        Node::Service(service) => Reason::new(
            Some(DANGLING_REFERENCE),
            vec![node.subject()],
            format!("Service {service} is not in the design."),
            format!("サービス{service}は設計にありません。"),
        ),
    }
}

impl<'d> Graph<'d> {
    /// Adds the reasons that need a look beyond the candidate paths: a path
    /// only through other VPCs (PEER-003), a gateway endpoint in a peer
    /// (PEER-005), or no link at all.
    pub(super) fn explain(&self, source: Place<'d>, target: Place<'d>, reasons: &mut Vec<Reason>) {
        let Some(source_side) = Side::of(source) else {
            return;
        };
        let home = source_side.vpc;
        match target {
            Place::Vpc(_) | Place::Subnet(..) => {
                let Some(target_side) = Side::of(target) else {
                    return;
                };
                let other = target_side.vpc;
                if self.peerings_between(&home.id, &other.id).is_empty() {
                    let tree = self.peering_tree(&home.id);
                    if tree.contains_key(&other.id) {
                        reasons.push(self.not_transitive(&tree, home, &other.id, None));
                    } else {
                        reasons.push(Reason::new(
                            None,
                            vec![Subject::Vpc(home.id.clone()), Subject::Vpc(other.id.clone())],
                            format!(
                                "Nothing links {} and {}: there is no VPC peering between them, directly or through other VPCs.",
                                home.label(),
                                other.label()
                            ),
                            format!(
                                "{}と{}をつなぐものがありません: 直接にも他のVPC経由でもVPCピアリングがありません。",
                                home.label(),
                                other.label()
                            ),
                        ));
                    }
                }
            }
            Place::Service(service) => {
                // The same finding as PEER-005 in `validate`, from the same walk.
                for (peer, peering_link, link) in peer_gateway_endpoints(&self.index, home, service)
                {
                    reasons.push(peer_gateway_reason(
                        link,
                        peering_link,
                        home,
                        peer.label(),
                        &peer.id,
                        service,
                    ));
                }
                // Transitive peering is the obstacle only when no VPC offering
                // the service is the source or a direct peer of it (as PEER-003
                // in `validate` judges it).
                let hosts = service_hosts(&self.index)
                    .remove(&service.id)
                    .unwrap_or_default();
                let near = hosts.iter().any(|host| {
                    *host == &home.id || self.peers(&home.id).any(|(_, _, peer)| peer == *host)
                });
                if !near {
                    let tree = self.peering_tree(&home.id);
                    for host in hosts {
                        if tree.contains_key(host) {
                            reasons.push(self.not_transitive(&tree, home, host, Some(service)));
                        }
                    }
                }
            }
        }
        if reasons.is_empty()
            && let Place::Service(service) = target
        {
            reasons.push(Reason::new(
                    None,
                    vec![Subject::Vpc(home.id.clone()), Subject::Service(service.id.clone())],
                    format!(
                        "Nothing links {} to {}: {} has no endpoint for it, and no peered VPC has an interface endpoint to it.",
                        home.label(),
                        service.label(),
                        home.label()
                    ),
                    format!(
                        "{}から{}へつなぐものがありません: {}にこのサービスのエンドポイントがなく、ピアリング先のVPCにもこのサービスへのインターフェイスエンドポイントがありません。",
                        home.label(),
                        service.label(),
                        home.label()
                    ),
                ));
        }
    }

    fn not_transitive(
        &self,
        tree: &HashMap<&'d VpcId, &'d VpcId>,
        home: &Vpc,
        end: &'d VpcId,
        service: Option<&Service>,
    ) -> Reason {
        let path = Graph::tree_path(tree, end);
        let chain = path
            .iter()
            .map(|vpc| self.label(vpc))
            .collect::<Vec<_>>()
            .join(" → ");
        let middle = join(
            path.iter()
                .skip(1)
                .take(path.len().saturating_sub(2))
                .map(|vpc| self.label(vpc)),
        );
        let mut subjects: Vec<Subject> = path
            .iter()
            .map(|vpc| Subject::Vpc((*vpc).clone()))
            .collect();
        let (a, c) = (home.label(), self.label(end));
        let (en, ja) = match service {
            None => (
                format!(
                    "VPC peering is not transitive: {a} reaches {c} only through {middle} ({chain}). Add a direct {a}–{c} peering, or use Transit Gateway or Cloud WAN."
                ),
                format!(
                    "VPCピアリングは推移的ではありません: {a}から{c}へは{middle}を経由する経路しかありません({chain})。{a}と{c}を直接ピアリングするか、Transit GatewayまたはCloud WANを使ってください。"
                ),
            ),
            Some(service) => {
                subjects.push(Subject::Service(service.id.clone()));
                let s = service.label();
                (
                    format!(
                        "{c} can reach {s}, but {a} reaches {c} only through {middle} ({chain}), and VPC peering is not transitive. Peer {a} with {c} directly, or create an endpoint in {a}."
                    ),
                    format!(
                        "{c}は{s}に到達できますが、{a}から{c}へは{middle}を経由する経路しかなく({chain})、VPCピアリングは推移的ではありません。{a}と{c}を直接ピアリングするか、{a}にエンドポイントを作成してください。"
                    ),
                )
            }
        };
        Reason::new(Some("PEER-003"), subjects, en, ja)
    }
}
