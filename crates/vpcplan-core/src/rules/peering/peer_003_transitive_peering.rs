//! PEER-003: a flow that only a chain of peerings could carry.

use crate::collections::HashMap;

use crate::Text;
use crate::design::{IntentTarget, Link};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::peering::{PeeringGraph, intent_source, path_in_tree};
use crate::rules::{Rule, RuleDoc};

/// How many breadth-first trees one validation builds to name the chains;
/// past that, the remaining flows are reported without their path, so a
/// design full of such flows still validates in linear time.
const PATHS_NAMED_FROM: usize = 8;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-003",
        name: "transitive-peering",
        severities: &[Severity::Error],
        title: Text::new(
            "A required flow depends on transitive peering",
            "必要な通信が推移的なピアリングに依存しています",
        ),
        why: Text::new(
            "VPC peering is not transitive: a VPC can only reach the VPCs it is directly peered with. When A is peered with B and B with C, traffic from A to C is not forwarded through B, even within one account, so a flow from A to C needs its own A–C peering or a hub that does route between VPCs.",
            "VPCピアリングは推移的ではありません。VPCが通信できるのは直接ピアリングしているVPCだけです。AとB、BとCがピアリングしていても、AからCへの通信はBを経由して転送されません(同一アカウント内でも同じです)。AからCへの通信には、A–C間の直接のピアリングか、VPC間でルーティングするハブが必要です。",
        ),
        fix: Text::new(
            "Add a direct peering between the two VPCs (with routes on both sides), or connect the VPCs through Transit Gateway or Cloud WAN, which do route between attachments.",
            "2つのVPC間に直接ピアリングを追加する(両側にルートも追加する)か、アタッチメント間でルーティングできるTransit GatewayまたはCloud WANでVPCを接続してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/vpc-peering.html",
            "https://github.com/awsdocs/amazon-vpc-peering-guide",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.peerings.is_empty()
        || !index
            .design
            .intents
            .iter()
            .any(|intent| matches!(intent.to, IntentTarget::Vpc(_)))
    {
        return;
    }
    let graph = PeeringGraph::new(index);
    let positions = graph.positions();
    let mut trees: HashMap<usize, Vec<Option<(usize, &Link)>>> = HashMap::default();
    for intent in &index.design.intents {
        let IntentTarget::Vpc(target) = &intent.to else {
            continue;
        };
        let (source, subnet) = intent_source(intent);
        let (Some(&from), Some(&to)) = (positions.get(source), positions.get(target)) else {
            continue;
        };
        if from == to
            || graph.component.get(from) != graph.component.get(to)
            || graph.neighbours(from).any(|(next, _)| next == to)
        {
            // Same VPC, no path at all (reachability reports it), or peered directly.
            continue;
        }
        let (Some(a), Some(c)) = (graph.vpcs.get(from), graph.vpcs.get(to)) else {
            continue;
        };
        if !trees.contains_key(&from) && trees.len() < PATHS_NAMED_FROM {
            trees.insert(from, graph.tree_from(from));
        }
        let path = trees.get(&from).map(|tree| path_in_tree(tree, to));

        let mut subjects = vec![
            Subject::Intent(intent.id.clone()),
            Subject::Vpc(a.id.clone()),
        ];
        if let Some(subnet) = subnet {
            subjects.push(Subject::Subnet(subnet.clone()));
        }
        let (en, ja) = match &path {
            Some((nodes, links)) => {
                let mut names = vec![a.name.as_str()];
                for node in nodes {
                    if let Some(vpc) = graph.vpcs.get(*node) {
                        names.push(&vpc.name);
                        subjects.push(Subject::Vpc(vpc.id.clone()));
                    }
                }
                subjects.extend(links.iter().map(|link| Subject::Link(link.id.clone())));
                let via: Vec<&str> = names
                    .get(1..names.len().saturating_sub(1))
                    .unwrap_or_default()
                    .to_vec();
                let via = via.join(", ");
                let chain = names.join(" – ");
                (
                    format!(
                        "VPC peering is not transitive: {a} cannot reach {c} through {via} (the only path is {chain}). Add a peering between {a} and {c}, or use Transit Gateway or Cloud WAN.",
                        a = a.name,
                        c = c.name,
                    ),
                    format!(
                        "VPCピアリングは推移的ではありません: {a}から{via}を経由して{c}には到達できません(経路は{chain}のみです)。{a}–{c}間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。",
                        a = a.name,
                        c = c.name,
                    ),
                )
            }
            None => {
                subjects.push(Subject::Vpc(c.id.clone()));
                (
                    format!(
                        "VPC peering is not transitive: {a} cannot reach {c} through the VPCs peered between them. Add a peering between {a} and {c}, or use Transit Gateway or Cloud WAN.",
                        a = a.name,
                        c = c.name,
                    ),
                    format!(
                        "VPCピアリングは推移的ではありません: {a}から間にピアリングされたVPCを経由して{c}には到達できません。{a}–{c}間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。",
                        a = a.name,
                        c = c.name,
                    ),
                )
            }
        };
        out.push(rule.diagnostic(Severity::Error, subjects, Localized::new(en, ja)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::peering::fixtures::*;
    use crate::rules::testing::*;

    fn chain() -> crate::Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16").with_subnet("web", "10.0.1.0/24", 'a'),
                vpc("hub", "10.1.0.0/16"),
                vpc("edge", "10.2.0.0/16"),
                vpc("data", "10.3.0.0/16"),
                vpc("lonely", "10.4.0.0/16"),
            ],
            vec![],
            vec![
                peering("pcx-ah", "app", "hub"),
                peering("pcx-he", "hub", "edge"),
                peering("pcx-ed", "edge", "data"),
            ],
        )
    }

    #[test]
    fn flags_a_flow_over_a_chain_of_peerings_and_names_the_chain() {
        let mut design = chain();
        design.intents = vec![subnet_intent("flow", "app", "app-web", "data")];
        let found = run(&RULE, &design);
        assert_eq!(ids(&found), ["PEER-003"]);
        let message = &found[0].message;
        assert!(
            message.en.contains("app – hub – edge – data")
                && message.en.contains("through hub, edge"),
            "{}",
            message.en
        );
        assert!(message.ja.contains("推移的"));
        for subject in [
            Subject::Intent("flow".into()),
            Subject::Subnet("app-web".into()),
            Subject::Vpc("data".into()),
            Subject::Link("pcx-ed".into()),
        ] {
            assert!(found[0].subjects.contains(&subject), "{subject:?}");
        }
    }

    #[test]
    fn direct_peerings_unconnected_vpcs_and_service_intents_are_clean() {
        let mut design = chain();
        design.intents = vec![
            vpc_intent("direct", "hub", "app"),
            vpc_intent("none", "app", "lonely"),
            vpc_intent("self", "app", "app"),
            vpc_intent("dangling", "app", "ghost"),
            service_intent("s3", "app", "s3"),
        ];
        assert!(run(&RULE, &design).is_empty());
    }

    #[test]
    fn many_chained_flows_are_all_reported_even_past_the_path_limit() {
        let count = PATHS_NAMED_FROM + 4;
        let mut vpcs = vec![vpc("hub", "10.255.0.0/16")];
        let mut links = Vec::new();
        for n in 0..count {
            vpcs.push(vpc(&format!("spoke{n}"), &format!("10.{n}.0.0/16")));
            links.push(peering(&format!("pcx{n}"), "hub", &format!("spoke{n}")));
        }
        let mut design = design(vpcs, vec![], links);
        design.intents = (0..count)
            .map(|n| {
                vpc_intent(
                    &format!("i{n}"),
                    &format!("spoke{n}"),
                    &format!("spoke{}", (n + 1) % count),
                )
            })
            .collect();
        let found = run(&RULE, &design);
        assert_eq!(found.len(), count);
        assert!(found[0].message.en.contains("spoke0 – hub – spoke1"));
        assert!(
            found[count - 1]
                .message
                .en
                .contains("through the VPCs peered between them")
        );
    }
}
