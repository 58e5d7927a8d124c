//! PEER-002: more than one peering between the same two VPCs.

use crate::Text;
use crate::collections::{sort, sort_by};
use crate::design::{Link, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::unique_vpcs;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-002",
        name: "duplicate-peering",
        severities: &[Severity::Error],
        title: Text::new(
            "More than one peering between the same two VPCs",
            "同じ2つのVPC間に複数のピアリングがあります",
        ),
        why: Text::new(
            "A VPC peering connection is a one-to-one relationship, and AWS allows only one between the same two VPCs at a time, whichever side requested it. A second request for a pair that already has a peering (active or pending) is refused.",
            "VPCピアリング接続は1対1の関係で、どちらがリクエストしたかに関係なく、同じ2つのVPC間には同時に1つしか作成できません。すでにピアリング(アクティブまたは承認待ち)がある組み合わせへの2つ目のリクエストは拒否されます。",
        ),
        fix: Text::new(
            "Keep one peering per VPC pair and delete the others; carry every route and option (DNS resolution, IPv6) on the one you keep.",
            "VPCの組み合わせごとにピアリングを1つだけ残して他を削除し、ルートやオプション(DNS解決、IPv6)はすべて残したピアリングにまとめてください。",
        ),
        sources: &["https://github.com/awsdocs/amazon-vpc-peering-guide"],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut peer_nodes: Vec<u32> = Vec::new();
    for (node, vpc) in (0u32..).zip(unique_vpcs(index)) {
        // A VPC whose peers all resolve to distinct VPCs has no duplicate.
        peer_nodes.clear();
        let mut all_resolve = true;
        for &position in index.node_peerings(node) {
            match index.peering_nodes.get(position as usize) {
                Some(&(Some(requester), Some(accepter))) => {
                    let peer = if requester == node {
                        accepter
                    } else {
                        requester
                    };
                    if peer != node {
                        peer_nodes.push(peer);
                    }
                }
                _ => all_resolve = false,
            }
        }
        if all_resolve {
            sort(&mut peer_nodes);
            if peer_nodes
                .windows(2)
                .all(|pair| pair.first() != pair.last())
            {
                continue;
            }
        }
        // Each pair is looked at from its smaller id, which also leaves out
        // self-peerings; a stable sort keeps the design order within a pair.
        let mut peers: Vec<(&VpcId, &Link)> = index
            .peerings_of(&vpc.id)
            .map(|(link, peering)| (index.peer_of(peering, &vpc.id), link))
            .filter(|(peer, _)| *peer > &vpc.id)
            .collect();
        if peers.len() < 2 {
            continue;
        }
        sort_by(&mut peers, |x, y| x.0.cmp(y.0));
        for links in peers.chunk_by(|x, y| x.0 == y.0) {
            if links.len() < 2 {
                continue;
            }
            let Some(peer) = links.first().and_then(|(peer, _)| index.vpc(peer)) else {
                continue;
            };
            let names: Vec<&str> = links.iter().map(|(_, link)| link.id.as_str()).collect();
            let names = names.join(", ");
            let mut subjects = vec![Subject::Vpc(vpc.id.clone()), Subject::Vpc(peer.id.clone())];
            subjects.extend(links.iter().map(|(_, link)| Subject::Link(link.id.clone())));
            out.push(rule.diagnostic(
                Severity::Error,
                subjects,
                Localized::new(
                    format!(
                        "{} and {} have {} peerings ({names}). Only one VPC peering connection can exist between two VPCs at a time.",
                        vpc.label(),
                        peer.name,
                        links.len()
                    ),
                    format!(
                        "{}と{}の間にピアリングが{}個あります({names})。2つのVPC間に同時に存在できるVPCピアリング接続は1つだけです。",
                        vpc.label(),
                        peer.name,
                        links.len()
                    ),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_two_peerings_in_either_direction_once() {
        let design = design(
            vec![vpc("app", "10.0.0.0/16"), vpc("data", "10.1.0.0/16")],
            vec![],
            vec![
                peering("pcx-1", "app", "data"),
                peering("pcx-2", "data", "app"),
            ],
        );
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-002 vpc:app vpc:data link:pcx-1 link:pcx-2
              en: app and data have 2 peerings (pcx-1, pcx-2). Only one VPC peering connection can exist between two VPCs at a time.
              ja: appとdataの間にピアリングが2個あります(pcx-1, pcx-2)。2つのVPC間に同時に存在できるVPCピアリング接続は1つだけです。
        "#]],
        );
    }

    #[test]
    fn one_peering_per_pair_and_self_peerings_are_clean() {
        let design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16"),
                vpc("ops", "10.2.0.0/16"),
            ],
            vec![],
            vec![
                peering("pcx-1", "app", "data"),
                peering("pcx-2", "app", "ops"),
                peering("pcx-3", "ops", "ops"),
                peering("pcx-4", "ops", "ops"),
            ],
        );
        check(&RULE, &design, expect![[""]]);
    }
}
