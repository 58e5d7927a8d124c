//! PEER-003: a flow that only a chain of peerings could carry.

use crate::collections::{HashMap, HashSet};

use crate::Text;
use crate::design::{IntentTarget, Link, Service, ServiceId, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::reachability::service_hosts;
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

/// Each service's hosts (`service_hosts`), and every (service, host) pair.
type HostsByService<'d> = (
    HashMap<&'d ServiceId, Vec<&'d VpcId>>,
    HashSet<(&'d ServiceId, &'d VpcId)>,
);

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    if index.peerings.is_empty() || index.design.intents.is_empty() {
        return;
    }
    let graph = PeeringGraph::new(index);
    let positions = graph.positions();
    let mut trees: HashMap<usize, Vec<Option<(usize, &Link)>>> = HashMap::default();
    // Built on the first flow to a service: each service's hosts, and the
    // same as pairs for a constant-time look-up.
    let mut hosts_by_service: Option<HostsByService<'_>> = None;
    for intent in &index.design.intents {
        let (source, subnet) = intent_source(intent);
        let Some(&from) = positions.get(source) else {
            continue;
        };
        // The VPCs the flow must reach: the target VPC, or for a service the
        // VPCs that offer it (interface endpoints to it, its provider), as
        // reachability follows them.
        let (ends, service): (Vec<&VpcId>, Option<&Service>) = match &intent.to {
            IntentTarget::Vpc(target) => (vec![target], None),
            IntentTarget::Service(target) => {
                let Some(service) = index.service(target) else {
                    continue;
                };
                let (by_service, pairs) = hosts_by_service.get_or_insert_with(|| {
                    let by_service = service_hosts(index);
                    let pairs = by_service
                        .iter()
                        .flat_map(|(&service, hosts)| {
                            hosts.iter().map(move |&host| (service, host))
                        })
                        .collect();
                    (by_service, pairs)
                });
                let hosts = by_service
                    .get(&service.id)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                // A VPC offering the service to the source itself, or to a
                // direct peer of it, is the path to judge (PEER-006, PL-*),
                // not the chains beyond.
                let offers = |position: usize| {
                    graph
                        .vpcs
                        .get(position)
                        .is_some_and(|vpc| pairs.contains(&(&service.id, &vpc.id)))
                };
                if offers(from) || graph.neighbours(from).any(|(next, _)| offers(next)) {
                    continue;
                }
                (hosts.to_vec(), Some(service))
            }
        };
        for end in ends {
            let Some(&to) = positions.get(end) else {
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
                    let mut names = vec![a.label()];
                    for node in nodes {
                        if let Some(vpc) = graph.vpcs.get(*node) {
                            names.push(vpc.label());
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
                            a = a.label(),
                            c = c.label(),
                        ),
                        format!(
                            "VPCピアリングは推移的ではありません: {a}から{via}を経由して{c}には到達できません(経路は{chain}のみです)。{a}–{c}間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。",
                            a = a.label(),
                            c = c.label(),
                        ),
                    )
                }
                None => {
                    subjects.push(Subject::Vpc(c.id.clone()));
                    (
                        format!(
                            "VPC peering is not transitive: {a} cannot reach {c} through the VPCs peered between them. Add a peering between {a} and {c}, or use Transit Gateway or Cloud WAN.",
                            a = a.label(),
                            c = c.label(),
                        ),
                        format!(
                            "VPCピアリングは推移的ではありません: {a}から間にピアリングされたVPCを経由して{c}には到達できません。{a}–{c}間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。",
                            a = a.label(),
                            c = c.label(),
                        ),
                    )
                }
            };
            let (en, ja) = match service {
                None => (en, ja),
                Some(service) => {
                    subjects.push(Subject::Service(service.id.clone()));
                    (
                        format!(
                            "{en} {c} offers {s}, but only to VPCs that reach it directly: peer them, or create an endpoint to {s} in {a}.",
                            a = a.label(),
                            c = c.label(),
                            s = service.label(),
                        ),
                        format!(
                            "{ja}{c}は{s}を提供していますが、直接到達できるVPCに対してだけです。ピアリングするか、{a}に{s}へのエンドポイントを作成してください。",
                            a = a.label(),
                            c = c.label(),
                            s = service.label(),
                        ),
                    )
                }
            };
            out.push(rule.diagnostic(Severity::Error, subjects, Localized::new(en, ja)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

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
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-003 intent:flow vpc:app subnet:app-web vpc:hub vpc:edge vpc:data link:pcx-ah link:pcx-he link:pcx-ed
              en: VPC peering is not transitive: app cannot reach data through hub, edge (the only path is app – hub – edge – data). Add a peering between app and data, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: appからhub, edgeを経由してdataには到達できません(経路はapp – hub – edge – dataのみです)。app–data間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
        "#]],
        );
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
        check(&RULE, &design, expect![[""]]);
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
        check(
            &RULE,
            &design,
            expect![[r#"
            error PEER-003 intent:i0 vpc:spoke0 vpc:hub vpc:spoke1 link:pcx0 link:pcx1
              en: VPC peering is not transitive: spoke0 cannot reach spoke1 through hub (the only path is spoke0 – hub – spoke1). Add a peering between spoke0 and spoke1, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke0からhubを経由してspoke1には到達できません(経路はspoke0 – hub – spoke1のみです)。spoke0–spoke1間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i1 vpc:spoke1 vpc:hub vpc:spoke2 link:pcx1 link:pcx2
              en: VPC peering is not transitive: spoke1 cannot reach spoke2 through hub (the only path is spoke1 – hub – spoke2). Add a peering between spoke1 and spoke2, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke1からhubを経由してspoke2には到達できません(経路はspoke1 – hub – spoke2のみです)。spoke1–spoke2間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i2 vpc:spoke2 vpc:hub vpc:spoke3 link:pcx2 link:pcx3
              en: VPC peering is not transitive: spoke2 cannot reach spoke3 through hub (the only path is spoke2 – hub – spoke3). Add a peering between spoke2 and spoke3, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke2からhubを経由してspoke3には到達できません(経路はspoke2 – hub – spoke3のみです)。spoke2–spoke3間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i3 vpc:spoke3 vpc:hub vpc:spoke4 link:pcx3 link:pcx4
              en: VPC peering is not transitive: spoke3 cannot reach spoke4 through hub (the only path is spoke3 – hub – spoke4). Add a peering between spoke3 and spoke4, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke3からhubを経由してspoke4には到達できません(経路はspoke3 – hub – spoke4のみです)。spoke3–spoke4間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i4 vpc:spoke4 vpc:hub vpc:spoke5 link:pcx4 link:pcx5
              en: VPC peering is not transitive: spoke4 cannot reach spoke5 through hub (the only path is spoke4 – hub – spoke5). Add a peering between spoke4 and spoke5, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke4からhubを経由してspoke5には到達できません(経路はspoke4 – hub – spoke5のみです)。spoke4–spoke5間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i5 vpc:spoke5 vpc:hub vpc:spoke6 link:pcx5 link:pcx6
              en: VPC peering is not transitive: spoke5 cannot reach spoke6 through hub (the only path is spoke5 – hub – spoke6). Add a peering between spoke5 and spoke6, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke5からhubを経由してspoke6には到達できません(経路はspoke5 – hub – spoke6のみです)。spoke5–spoke6間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i6 vpc:spoke6 vpc:hub vpc:spoke7 link:pcx6 link:pcx7
              en: VPC peering is not transitive: spoke6 cannot reach spoke7 through hub (the only path is spoke6 – hub – spoke7). Add a peering between spoke6 and spoke7, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke6からhubを経由してspoke7には到達できません(経路はspoke6 – hub – spoke7のみです)。spoke6–spoke7間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i7 vpc:spoke7 vpc:hub vpc:spoke8 link:pcx7 link:pcx8
              en: VPC peering is not transitive: spoke7 cannot reach spoke8 through hub (the only path is spoke7 – hub – spoke8). Add a peering between spoke7 and spoke8, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke7からhubを経由してspoke8には到達できません(経路はspoke7 – hub – spoke8のみです)。spoke7–spoke8間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i8 vpc:spoke8 vpc:spoke9
              en: VPC peering is not transitive: spoke8 cannot reach spoke9 through the VPCs peered between them. Add a peering between spoke8 and spoke9, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke8から間にピアリングされたVPCを経由してspoke9には到達できません。spoke8–spoke9間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i9 vpc:spoke9 vpc:spoke10
              en: VPC peering is not transitive: spoke9 cannot reach spoke10 through the VPCs peered between them. Add a peering between spoke9 and spoke10, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke9から間にピアリングされたVPCを経由してspoke10には到達できません。spoke9–spoke10間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i10 vpc:spoke10 vpc:spoke11
              en: VPC peering is not transitive: spoke10 cannot reach spoke11 through the VPCs peered between them. Add a peering between spoke10 and spoke11, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke10から間にピアリングされたVPCを経由してspoke11には到達できません。spoke10–spoke11間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
            error PEER-003 intent:i11 vpc:spoke11 vpc:spoke0
              en: VPC peering is not transitive: spoke11 cannot reach spoke0 through the VPCs peered between them. Add a peering between spoke11 and spoke0, or use Transit Gateway or Cloud WAN.
              ja: VPCピアリングは推移的ではありません: spoke11から間にピアリングされたVPCを経由してspoke0には到達できません。spoke11–spoke0間のピアリングを追加するか、Transit GatewayまたはCloud WANを使用してください。
        "#]],
        );
    }
}
