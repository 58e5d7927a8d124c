//! Goal evaluation: each goal checked on the current design by the engines
//! every panel uses (`validate` for rules, `reachability` for what reaches
//! what; never a second derivation), with a sentence in English and
//! Japanese, written with the design's display labels, for a live
//! checklist. An item the design does not hold makes its goal unmet, and the
//! sentence says which item is missing; evaluation never panics.

use crate::LinkKind;
use crate::design::{Design, EndpointTarget, LinkSpec, ServiceKind, VpcId};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::reachability::{Node, reachability};
use crate::rules::{rule, validate};

use super::model::{Goal, ItemRef, Step};

/// One line of the checklist: a goal that is not a list of goals.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalCheck {
    pub met: bool,
    /// The goal, in the design's words ("VPC A and VPC B are joined by a
    /// VPC peering."), and when an item is missing, which.
    pub text: Localized,
    /// The things it is about, for the canvas to highlight or zoom to.
    pub subjects: Vec<Subject>,
}

/// A goal evaluated on a design: its checks, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalStatus {
    pub checks: Vec<GoalCheck>,
}

impl GoalStatus {
    /// Whether every check is met (the step is done).
    pub fn met(&self) -> bool {
        self.checks.iter().all(|check| check.met)
    }
}

impl Step {
    /// The step's goal on `design`.
    pub fn status(&self, design: &Design) -> GoalStatus {
        evaluate(&self.goal, design)
    }
}

/// Evaluates `goal` on `design`; an `all` goal gives one check per goal in
/// it (nested lists flattened).
pub fn evaluate(goal: &Goal, design: &Design) -> GoalStatus {
    let mut evaluation = Evaluation {
        design,
        diagnostics: None,
        checks: Vec::new(),
    };
    evaluation.goal(goal);
    GoalStatus {
        checks: evaluation.checks,
    }
}

struct Evaluation<'d> {
    design: &'d Design,
    /// `validate`'s answer, computed once for all the rule goals.
    diagnostics: Option<Vec<Diagnostic>>,
    checks: Vec<GoalCheck>,
}

/// An item found in the design: the reachability nodes it stands for
/// (several for `AwsService` when the design has several such nodes), and
/// its label.
struct Resolved {
    nodes: Vec<Node>,
    label: Localized,
}

impl Evaluation<'_> {
    fn goal(&mut self, goal: &Goal) {
        match goal {
            Goal::All(goals) => goals.iter().for_each(|goal| self.goal(goal)),
            Goal::Link { kind, a, b } => self.link(*kind, a, b),
            Goal::RuleFires { rule } => self.rule(rule, true),
            Goal::RuleSilent { rule } => self.rule(rule, false),
            Goal::Reachable { from, to } => self.reach(from, to, None, true),
            Goal::Unreachable { from, to, because } => self.reach(from, to, *because, false),
            Goal::NoErrors => self.no_errors(),
        }
    }

    fn diagnostics(&mut self) -> &[Diagnostic] {
        let design = self.design;
        self.diagnostics.get_or_insert_with(|| validate(design))
    }

    fn push(&mut self, met: bool, text: Localized, subjects: Vec<Subject>) {
        // A sentence may start with a subnet's label ("subnet app 1a of
        // …"); labels themselves are shown as written.
        let en = match text.en.strip_prefix("subnet ") {
            Some(rest) => format!("Subnet {rest}"),
            None => text.en,
        };
        self.checks.push(GoalCheck {
            met,
            text: Localized::new(en, text.ja),
            subjects,
        });
    }

    /// The items resolved, or an unmet check saying which is missing.
    fn resolve_all(&mut self, items: &[&ItemRef], goal: Localized) -> Option<Vec<Resolved>> {
        let mut resolved = Vec::new();
        let mut missing = Vec::new();
        for item in items {
            match resolve(self.design, item) {
                Some(found) => resolved.push(found),
                None => missing.push(absent(item)),
            }
        }
        if missing.is_empty() {
            return Some(resolved);
        }
        let en: Vec<&str> = missing.iter().map(|text| text.en.as_str()).collect();
        let ja: Vec<&str> = missing.iter().map(|text| text.ja.as_str()).collect();
        let subjects = resolved
            .iter()
            .flat_map(|item| item.nodes.iter().map(Node::subject))
            .collect();
        self.push(
            false,
            Localized::new(
                format!("{} ({}).", goal.en.trim_end_matches('.'), en.join("; ")),
                format!("{} ({})。", goal.ja.trim_end_matches('。'), ja.join("。")),
            ),
            subjects,
        );
        None
    }

    fn link(&mut self, kind: LinkKind, a: &ItemRef, b: &ItemRef) {
        let sentence = |a: &Localized, b: &Localized| {
            Localized::new(
                format!("{} and {} are joined by {}.", a.en, b.en, article(kind)),
                format!("{}と{}が{}でつながっている。", a.ja, b.ja, kind.name().ja),
            )
        };
        let text = sentence(&label_of(self.design, a), &label_of(self.design, b));
        let Some(items) = self.resolve_all(&[a, b], text) else {
            return;
        };
        let [a_found, b_found] = [&items[0], &items[1]];
        let joined = self.design.links.iter().find(|link| {
            link.kind() == kind
                && link_ends(&link.spec).is_some_and(|(x, y)| {
                    (a_found.holds(&x) && b_found.holds(&y))
                        || (a_found.holds(&y) && b_found.holds(&x))
                })
        });
        let mut subjects = vec![a_found.subject(), b_found.subject()];
        if let Some(link) = joined {
            subjects.push(Subject::Link(link.id.clone()));
        }
        self.push(
            joined.is_some(),
            sentence(&a_found.label, &b_found.label),
            subjects,
        );
    }

    fn rule(&mut self, id: &'static str, fires: bool) {
        let title = rule(id).map_or(Localized::new(id, id), |doc| doc.title.into());
        let reported: Vec<Subject> = self
            .diagnostics()
            .iter()
            .filter(|diagnostic| diagnostic.rule == id)
            .flat_map(|diagnostic| diagnostic.subjects.iter().cloned())
            .collect();
        let is_reported = self.diagnostics().iter().any(|d| d.rule == id);
        let text = if fires {
            Localized::new(
                format!("Validation reports {id} ({}).", title.en),
                format!("検証で{id} ({}) が報告される。", title.ja),
            )
        } else {
            Localized::new(
                format!("Validation does not report {id} ({}).", title.en),
                format!("検証で{id} ({}) が報告されない。", title.ja),
            )
        };
        self.push(is_reported == fires, text, reported);
    }

    fn reach(&mut self, from: &ItemRef, to: &ItemRef, because: Option<&'static str>, want: bool) {
        let sentence = |from: &Localized, to: &Localized| match (want, because) {
            (true, _) => Localized::new(
                format!("{} can reach {}.", from.en, to.en),
                format!("{}から{}に到達できる。", from.ja, to.ja),
            ),
            (false, None) => Localized::new(
                format!("{} cannot reach {}.", from.en, to.en),
                format!("{}から{}に到達できない。", from.ja, to.ja),
            ),
            (false, Some(id)) => {
                let title = rule(id).map_or(Localized::new(id, id), |doc| doc.title.into());
                Localized::new(
                    format!(
                        "{} cannot reach {}, because of {id} ({}).",
                        from.en, to.en, title.en
                    ),
                    format!(
                        "{id} ({}) のため、{}から{}に到達できない。",
                        title.ja, from.ja, to.ja
                    ),
                )
            }
        };
        let text = sentence(&label_of(self.design, from), &label_of(self.design, to));
        let Some(items) = self.resolve_all(&[from, to], text) else {
            return;
        };
        let [from_found, to_found] = [&items[0], &items[1]];
        // Reachable: some pair of the nodes the items stand for reaches.
        // Unreachable: no pair does (and, with `because`, each refusal
        // names the rule).
        let mut any_reachable = false;
        let mut every_refusal_cites = true;
        for from_node in &from_found.nodes {
            for to_node in &to_found.nodes {
                let verdict = reachability(self.design, from_node, to_node);
                if verdict.is_reachable() {
                    any_reachable = true;
                } else if let Some(id) = because {
                    every_refusal_cites &= verdict.rules().contains(&id);
                }
            }
        }
        let met = if want {
            any_reachable
        } else {
            !any_reachable && every_refusal_cites
        };
        self.push(
            met,
            sentence(&from_found.label, &to_found.label),
            vec![from_found.subject(), to_found.subject()],
        );
    }

    fn no_errors(&mut self) {
        let errors: Vec<Subject> = self
            .diagnostics()
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .flat_map(|diagnostic| diagnostic.subjects.iter().cloned())
            .collect();
        let count = self
            .diagnostics()
            .iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .count();
        let text = if count == 0 {
            Localized::new("The design has no errors.", "設計にエラーがない。")
        } else {
            Localized::new(
                format!("The design has no errors (it has {count} now)."),
                format!("設計にエラーがない (現在{count}件)。"),
            )
        };
        self.push(count == 0, text, errors);
    }
}

impl Resolved {
    /// Whether a link end (a VPC or a service node) is this item: a subnet
    /// stands for its VPC.
    fn holds(&self, end: &Node) -> bool {
        self.nodes.iter().any(|node| match (node, end) {
            (Node::Subnet { vpc, .. }, Node::Vpc(end)) => vpc == end,
            _ => node == end,
        })
    }

    fn subject(&self) -> Subject {
        // `resolve` never gives an item without nodes.
        self.nodes
            .first()
            .map_or(Subject::Vpc(VpcId::new("")), Node::subject)
    }
}

/// "a VPC peering", "an interface endpoint (PrivateLink)": the kind's name
/// with its article, for an English sentence.
fn article(kind: LinkKind) -> String {
    match kind {
        LinkKind::Peering => format!("a {}", kind.name().en),
        LinkKind::InterfaceEndpoint | LinkKind::GatewayEndpoint => kind.name().en.to_owned(),
    }
}

/// The two ends of a link, as reachability nodes; `None` for a VPC Lattice
/// endpoint, which has no node at the far end.
fn link_ends(spec: &LinkSpec) -> Option<(Node, Node)> {
    match spec {
        LinkSpec::Peering(peering) => Some((
            Node::Vpc(peering.requester.clone()),
            Node::Vpc(peering.accepter.clone()),
        )),
        LinkSpec::InterfaceEndpoint(endpoint) => match &endpoint.target {
            EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) => {
                Some((
                    Node::Vpc(endpoint.vpc.clone()),
                    Node::Service(service.clone()),
                ))
            }
            EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => None,
        },
        LinkSpec::GatewayEndpoint(endpoint) => Some((
            Node::Vpc(endpoint.vpc.clone()),
            Node::Service(endpoint.service.clone()),
        )),
    }
}

/// The item in the design, or `None` when the design does not hold it.
fn resolve(design: &Design, item: &ItemRef) -> Option<Resolved> {
    let label = label_of(design, item);
    let nodes = match item {
        ItemRef::Vpc(id) => {
            design.vpc(id)?;
            vec![Node::Vpc(id.clone())]
        }
        ItemRef::Subnet { vpc, subnet } => {
            design
                .vpc(vpc)?
                .subnets
                .iter()
                .find(|found| &found.id == subnet)?;
            vec![Node::Subnet {
                vpc: vpc.clone(),
                subnet: subnet.clone(),
            }]
        }
        ItemRef::Service(id) => {
            design.service(id)?;
            vec![Node::Service(id.clone())]
        }
        ItemRef::AwsService(suffix) => {
            let nodes: Vec<Node> = aws_service_nodes(design, suffix)
                .map(|service| Node::Service(service.id.clone()))
                .collect();
            if nodes.is_empty() {
                return None;
            }
            nodes
        }
    };
    Some(Resolved { nodes, label })
}

fn aws_service_nodes<'d>(
    design: &'d Design,
    suffix: &'d str,
) -> impl Iterator<Item = &'d crate::design::Service> + 'd {
    design.services.iter().filter(
        move |service| matches!(&service.kind, ServiceKind::Aws { service } if service == suffix),
    )
}

/// How the checklist names an item: its display label when the design holds
/// it, its id (or the catalogue's name of an AWS service) when not.
fn label_of(design: &Design, item: &ItemRef) -> Localized {
    let same = |text: &str| Localized::new(text, text);
    match item {
        ItemRef::Vpc(id) => same(design.vpc(id).map_or(id.as_str(), |vpc| vpc.label())),
        ItemRef::Subnet { vpc, subnet } => {
            let found = design.vpc(vpc);
            let vpc_label = found.map_or(vpc.as_str(), |vpc| vpc.label());
            let subnet_label = found
                .and_then(|vpc| vpc.subnets.iter().find(|found| &found.id == subnet))
                .map_or(subnet.as_str(), |subnet| subnet.label());
            Localized::new(
                format!("subnet {subnet_label} of {vpc_label}"),
                format!("{vpc_label}のサブネット{subnet_label}"),
            )
        }
        ItemRef::Service(id) => same(
            design
                .service(id)
                .map_or(id.as_str(), |service| service.label()),
        ),
        ItemRef::AwsService(suffix) => match aws_service_nodes(design, suffix).next() {
            Some(service) => same(service.label()),
            None => {
                let name = crate::catalogue::aws_service(suffix)
                    .map_or(suffix.as_str(), |service| service.display_name);
                same(name)
            }
        },
    }
}

/// What the design lacks for an item, in both languages.
fn absent(item: &ItemRef) -> Localized {
    match item {
        ItemRef::Vpc(id) => Localized::new(
            format!("there is no VPC {id} in the design"),
            format!("設計にVPC {id}がありません"),
        ),
        ItemRef::Subnet { vpc, subnet } => Localized::new(
            format!("there is no subnet {subnet} in VPC {vpc} in the design"),
            format!("設計のVPC {vpc}にサブネット{subnet}がありません"),
        ),
        ItemRef::Service(id) => Localized::new(
            format!("there is no service {id} in the design"),
            format!("設計にサービス{id}がありません"),
        ),
        ItemRef::AwsService(suffix) => {
            let name = crate::catalogue::aws_service(suffix)
                .map_or(suffix.as_str(), |service| service.display_name);
            Localized::new(
                format!("there is no {name} ({suffix}) service node in the design yet"),
                format!("設計に{name} ({suffix}) のサービスノードがまだありません"),
            )
        }
    }
}
