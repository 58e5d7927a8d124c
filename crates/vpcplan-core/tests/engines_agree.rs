//! The validator and the reachability engine agree: every rule reachability
//! cites for a blocked intent is among `validate`'s diagnostics for the
//! things involved (the intent, its two ends, and the subjects of the
//! reason). Both read the same facts from the core (`Vpc::route_table_of`,
//! `Vpc::route_tables_in_use`, `Vpc::cidrs`), so a design cannot be "fine"
//! for one and broken for the other.
//!
//! The designs are random but keep their ids unique: dangling and duplicate
//! ids are DES-001 and DES-002's business and make the two engines resolve
//! different things by construction. What varies is what the facts are
//! about: subnets, route tables (main or not, associated or serving
//! nothing), routes through peerings, excluded tables, gateway endpoints on
//! any table, Regions, accounts and overlapping CIDRs.

use proptest::prelude::*;
use vpcplan_core::design::*;
use vpcplan_core::testing::*;
use vpcplan_core::{Diagnostic, Node, Reachability, Subject, reachability, validate};

const TOKYO: &str = "ap-northeast-1";

/// A VPC with the given subnets (`<vpc>-<suffix>`, CIDR) and no route table
/// yet: the tests give each VPC exactly the tables they mean.
fn bare_vpc(id: &str, cidr: &str, subnets: &[(&str, &str)]) -> Vpc {
    let mut vpc = vpc(id, cidr);
    vpc.route_tables.clear();
    for (suffix, cidr) in subnets {
        vpc = vpc.with_subnet(suffix, cidr, 'a');
    }
    vpc
}

/// Adds route table `<vpc>-<suffix>`, main or not, with its subnets and routes.
fn add_table(vpc: &mut Vpc, suffix: &str, main: bool, subnets: &[&str], routes: Vec<Route>) {
    let table = add_route_table(vpc, suffix, subnets);
    table.main = main;
    table.routes = routes;
}

/// The subjects a flow involves: the intent, its two ends, and what each
/// reason names.
fn involved(intent: &Intent, reasons: &[vpcplan_core::Reason]) -> Vec<Subject> {
    let mut subjects = vec![Subject::Intent(intent.id.clone())];
    match &intent.from {
        IntentSource::Vpc(vpc) => subjects.push(Subject::Vpc(vpc.clone())),
        IntentSource::Subnet { vpc, subnet } => {
            subjects.push(Subject::Vpc(vpc.clone()));
            subjects.push(Subject::Subnet(subnet.clone()));
        }
    }
    match &intent.to {
        IntentTarget::Vpc(vpc) => subjects.push(Subject::Vpc(vpc.clone())),
        IntentTarget::Service(service) => subjects.push(Subject::Service(service.clone())),
    }
    for reason in reasons {
        subjects.extend(reason.subjects.iter().cloned());
    }
    subjects
}

/// For every intent reachability finds blocked, the rules it cites that
/// `validate` does not report about any of the things involved, as
/// `(intent, rule)`.
fn disagreements(design: &Design) -> Vec<(String, &'static str)> {
    let diagnostics: Vec<Diagnostic> = validate(design);
    let mut missing = Vec::new();
    for intent in &design.intents {
        let from = Node::from(&intent.from);
        let to = Node::from(&intent.to);
        let Reachability::Unreachable { reasons } = reachability(design, &from, &to) else {
            continue;
        };
        let involved = involved(intent, &reasons);
        for rule in reasons.iter().filter_map(|reason| reason.rule) {
            let reported = diagnostics.iter().any(|diagnostic| {
                diagnostic.rule == rule
                    && diagnostic
                        .subjects
                        .iter()
                        .any(|subject| involved.contains(subject))
            });
            if !reported && !missing.contains(&(intent.id.to_string(), rule)) {
                missing.push((intent.id.to_string(), rule));
            }
        }
    }
    missing
}

fn rules_of(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.rule)
        .collect()
}

fn cited(result: &Reachability) -> Vec<&'static str> {
    match result {
        Reachability::Unreachable { reasons } => {
            reasons.iter().filter_map(|reason| reason.rule).collect()
        }
        Reachability::Reachable { path } => panic!("unexpectedly reachable: {path:#?}"),
    }
}

/// A VPC whose only subnet uses its own table `app-web`, while the main
/// table `app-main` serves no subnet.
fn app_with_a_dead_main_table(main_routes: Vec<Route>) -> Vpc {
    let mut app = bare_vpc("app", "10.0.0.0/16", &[("web", "10.0.1.0/24")]);
    add_table(&mut app, "main", true, &[], main_routes);
    add_table(&mut app, "web", false, &["app-web"], Vec::new());
    app
}

#[test]
fn a_gateway_endpoint_only_on_a_route_table_no_subnet_uses_is_flagged_by_both_engines() {
    let mut design = design(
        vec![app_with_a_dead_main_table(Vec::new())],
        vec![aws_service("s3", "s3", TOKYO)],
        vec![gateway_endpoint("gw", "app", "s3")],
    );
    gateway_mut(&mut design, 0).route_tables = vec![RouteTableId::new("app-main")];
    design.intents = vec![service_intent("flow", "app", "s3")];
    let result = reachability(&design, &Node::vpc("app"), &Node::service("s3"));
    assert_eq!(cited(&result), ["GW-005"]);
    let diagnostics = validate(&design);
    assert_eq!(rules_of(&diagnostics), ["GW-005"], "{diagnostics:#?}");
    assert!(
        diagnostics[0]
            .subjects
            .contains(&Subject::RouteTable(RouteTableId::new("app-main")))
    );
    assert!(
        diagnostics[0]
            .message
            .en
            .contains("no subnet of the VPC uses (app-main; in use: app-web)"),
        "{}",
        diagnostics[0].message.en
    );
    assert!(diagnostics[0].message.ja.contains("使用中: app-web"));
    assert_eq!(disagreements(&design), []);
}

#[test]
fn a_peering_route_only_in_a_route_table_no_subnet_uses_is_flagged_by_both_engines() {
    let mut app = app_with_a_dead_main_table(vec![peering_route("10.1.0.0/16", "pcx")]);
    app.route_tables[1].routes.clear();
    let mut data = bare_vpc("data", "10.1.0.0/16", &[("db", "10.1.1.0/24")]);
    add_table(&mut data, "main", true, &[], Vec::new());
    // The explicit route stands alone: no derived routes on app's side.
    let mut design = design(vec![app, data], vec![], vec![peering("pcx", "app", "data")]);
    peering_mut(&mut design, 0).excluded_route_tables =
        vec![RouteTableId::new("app-main"), RouteTableId::new("app-web")];
    design.intents = vec![vpc_intent("flow", "app", "data")];
    let result = reachability(&design, &Node::vpc("app"), &Node::vpc("data"));
    assert_eq!(cited(&result), ["PEER-007"]);
    let diagnostics = validate(&design);
    assert_eq!(rules_of(&diagnostics), ["PEER-007"], "{diagnostics:#?}");
    assert!(
        diagnostics[0]
            .message
            .en
            .contains("its only such routes are in route tables no subnet uses (app-main)"),
        "{}",
        diagnostics[0].message.en
    );
    assert!(diagnostics[0].message.ja.contains("(app-main)にしかなく"));
    assert_eq!(disagreements(&design), []);
}

#[test]
fn an_unnamed_vpc_is_shown_by_its_id_in_both_engines() {
    let mut app = app_with_a_dead_main_table(vec![peering_route("10.1.0.0/16", "pcx")]);
    app.route_tables[1].routes.clear();
    app.name = String::new();
    let mut data = bare_vpc("data", "10.1.0.0/16", &[("db", "10.1.1.0/24")]);
    add_table(&mut data, "main", true, &[], Vec::new());
    let mut design = design(vec![app, data], vec![], vec![peering("pcx", "app", "data")]);
    peering_mut(&mut design, 0).excluded_route_tables =
        vec![RouteTableId::new("app-main"), RouteTableId::new("app-web")];
    let diagnostics = validate(&design);
    assert!(
        diagnostics[0]
            .message
            .en
            .starts_with("app has no route to data"),
        "{}",
        diagnostics[0].message.en
    );
    assert!(diagnostics[0].message.ja.starts_with("appにはピアリング"));
    let Reachability::Unreachable { reasons } =
        reachability(&design, &Node::vpc("app"), &Node::vpc("data"))
    else {
        panic!("app cannot reach data");
    };
    assert!(
        reasons[0]
            .message
            .en
            .contains("no route table of app in use (app-web)"),
        "{}",
        reasons[0].message.en
    );
}

// The random designs: a pool of facts to combine.

const VPCS: [(&str, &str); 3] = [("v0", "10.0"), ("v1", "10.1"), ("v2", "10.0")];

/// A route table: main or not, the subnets explicitly associated (by
/// index), and routes to VPCs through links (both by index).
type TableChoice = (bool, Vec<usize>, Vec<(usize, usize)>);

#[derive(Debug, Clone)]
struct VpcChoice {
    subnets: usize,
    /// Per table: main, which subnets it is explicitly associated with, and
    /// which VPCs it routes to through which peering (by index).
    tables: Vec<TableChoice>,
    other_region: bool,
    other_account: bool,
}

fn vpc_choice() -> impl Strategy<Value = VpcChoice> {
    let table = (
        any::<bool>(),
        prop::collection::vec(0usize..3, 0..3),
        prop::collection::vec((0usize..3, 0usize..4), 0..3),
    );
    (
        0usize..3,
        prop::collection::vec(table, 0..3),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(subnets, tables, other_region, other_account)| VpcChoice {
            subnets,
            tables,
            other_region,
            other_account,
        })
}

#[derive(Debug, Clone)]
enum LinkChoice {
    /// Requester, accepter, tables excluded (by VPC and table index).
    Peering(usize, usize, Vec<(usize, usize)>),
    /// VPC, service, tables associated (by VPC and table index).
    Gateway(usize, usize, Vec<(usize, usize)>),
    /// VPC, service, subnets (by index within the VPC).
    Interface(usize, usize, Vec<usize>),
}

fn link_choice() -> impl Strategy<Value = LinkChoice> {
    let tables = || prop::collection::vec((0usize..3, 0usize..3), 0..3);
    prop_oneof![
        (0usize..3, 0usize..3, tables()).prop_map(|(a, b, t)| LinkChoice::Peering(a, b, t)),
        (0usize..3, 0usize..4, tables()).prop_map(|(v, s, t)| LinkChoice::Gateway(v, s, t)),
        (0usize..3, 0usize..4, prop::collection::vec(0usize..3, 0..3))
            .prop_map(|(v, s, n)| LinkChoice::Interface(v, s, n)),
    ]
}

/// Source (VPC, optional subnet index) and target (VPC or service index).
type IntentChoice = ((usize, Option<usize>), Result<usize, usize>);

fn intent_choice() -> impl Strategy<Value = IntentChoice> {
    (
        (0usize..3, prop::option::of(0usize..3)),
        prop_oneof![(0usize..3).prop_map(Ok), (0usize..4).prop_map(Err)],
    )
}

const SERVICES: [(&str, &str, &str); 4] = [
    ("s3", "s3", TOKYO),
    ("s3-virginia", "s3", "us-east-1"),
    ("ddb", "dynamodb", TOKYO),
    ("sqs", "sqs", TOKYO),
];

fn build(vpcs: &[VpcChoice], links: &[LinkChoice], intents: &[IntentChoice]) -> Design {
    let n = vpcs.len();
    let table_id = |v: usize, t: usize| format!("{}-t{t}", VPCS[v % n].0);
    let subnet_id = |v: usize, s: usize| format!("{}-s{s}", VPCS[v % n].0);
    let mut nodes = Vec::new();
    for (v, choice) in vpcs.iter().enumerate() {
        let (id, prefix) = VPCS[v];
        let subnets: Vec<(String, String)> = (0..choice.subnets)
            .map(|s| (format!("s{s}"), format!("{prefix}.{s}.0/24")))
            .collect();
        let subnets: Vec<(&str, &str)> = subnets
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let mut node = bare_vpc(id, &format!("{prefix}.0.0/16"), &subnets);
        for (t, (main, associated, routes)) in choice.tables.iter().enumerate() {
            let associated: Vec<String> = associated
                .iter()
                .filter(|&&s| s < choice.subnets)
                .map(|&s| subnet_id(v, s))
                .collect();
            let associated: Vec<&str> = associated.iter().map(String::as_str).collect();
            let routes = routes
                .iter()
                .map(|&(peer, link)| {
                    peering_route(&format!("{}.0.0/16", VPCS[peer % n].1), &format!("l{link}"))
                })
                .collect();
            add_table(&mut node, &format!("t{t}"), *main, &associated, routes);
        }
        if choice.other_region {
            node = node.in_region("us-east-1");
        }
        if choice.other_account {
            node = node.in_account(ACCOUNT_B);
        }
        nodes.push(node);
    }
    let services = SERVICES
        .iter()
        .map(|(id, suffix, region)| aws_service(id, suffix, region))
        .collect();
    let table_ids = |list: &[(usize, usize)]| -> Vec<RouteTableId> {
        list.iter()
            .map(|&(v, t)| RouteTableId::new(table_id(v, t)))
            .collect()
    };
    let mut built = Vec::new();
    for (l, choice) in links.iter().enumerate() {
        let id = format!("l{l}");
        built.push(match choice {
            LinkChoice::Peering(a, b, excluded) => {
                let mut link = peering(&id, VPCS[a % n].0, VPCS[b % n].0);
                if let LinkSpec::Peering(peering) = &mut link.spec {
                    peering.excluded_route_tables = table_ids(excluded);
                }
                link
            }
            LinkChoice::Gateway(v, s, associated) => {
                let mut link = gateway_endpoint(&id, VPCS[v % n].0, SERVICES[*s].0);
                if let LinkSpec::GatewayEndpoint(endpoint) = &mut link.spec {
                    endpoint.route_tables = table_ids(associated);
                }
                link
            }
            LinkChoice::Interface(v, s, subnets) => {
                let subnets: Vec<String> = subnets.iter().map(|&s| subnet_id(*v, s)).collect();
                let subnets: Vec<&str> = subnets.iter().map(String::as_str).collect();
                interface_endpoint(&id, VPCS[v % n].0, SERVICES[*s].0, &subnets)
            }
        });
    }
    let mut design = design(nodes, services, built);
    for (i, ((v, subnet), target)) in intents.iter().enumerate() {
        let id = format!("i{i}");
        let vpc = design.vpcs[v % n].id.to_string();
        let subnet = match subnet {
            Some(s) if *s < design.vpcs[v % n].subnets.len() => Some(subnet_id(*v, *s)),
            _ => None,
        };
        design.intents.push(match (subnet, target) {
            (None, Ok(peer)) => vpc_intent(&id, &vpc, VPCS[peer % n].0),
            (Some(subnet), Ok(peer)) => subnet_intent(&id, &vpc, &subnet, VPCS[peer % n].0),
            (None, Err(service)) => service_intent(&id, &vpc, SERVICES[*service].0),
            (Some(subnet), Err(service)) => {
                subnet_service_intent(&id, &vpc, &subnet, SERVICES[*service].0)
            }
        });
    }
    design
}

fn design_with_intents() -> impl Strategy<Value = Design> {
    (
        prop::collection::vec(vpc_choice(), 1..=3),
        prop::collection::vec(link_choice(), 0..5),
        prop::collection::vec(intent_choice(), 1..4),
    )
        .prop_map(|(vpcs, links, intents)| build(&vpcs, &links, &intents))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn every_rule_reachability_cites_is_reported_by_validate(design in design_with_intents()) {
        let missing = disagreements(&design);
        prop_assert!(missing.is_empty(), "reachability cites, validate does not report: {missing:?}");
    }
}
