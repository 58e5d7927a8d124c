//! `verify.sh`: checks the network AWS built against the design with VPC
//! Reachability Analyzer, one path and one analysis per intent of the design.
//! Both exports carry the same script (`cli/verify.sh` and
//! `cloudformation/verify.sh`): it finds what was deployed by the design's
//! `Name` tags and CIDRs, which both exporters set the same way, so it works
//! whichever export built the network.
//!
//! What each intent is expected to do is the core's reachability verdict
//! ([`vpcplan_core::Reachabilities`]), never worked out again here. A path
//! needs a resource at each end ("Source and destination resources",
//! <https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html>:
//! instances, internet gateways, network interfaces, transit gateways and
//! their attachments, VPC endpoint services, VPC endpoints, VPC peering
//! connections, VPN gateways). A design's subnet holds none of those, so the
//! script places a temporary network interface in the designed subnet at
//! each VPC end; a service end is the design's VPC endpoint for it. The same
//! page says both ends must be in one Region, and in one account unless the
//! analysis runs from an organization's management or delegated
//! administrator account with trusted access
//! (<https://docs.aws.amazon.com/vpc/latest/reachability/multi-account.html>);
//! intents the script cannot analyse are listed with the reason and not
//! counted.
//!
//! The interfaces get a temporary security group of their own that lets the
//! analysed traffic in from the source interface only, so what is checked is
//! what the core judges: routes, peerings and endpoints (with the endpoints'
//! designed security groups), not the groups of the user's workloads.

use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{
    EndpointTarget, Link, LinkId, LinkSpec, ServiceId, ServiceKind, Subnet, SubnetId, Vpc, VpcId,
};
use vpcplan_core::{Diagnostic, Hop, LinkKind, Node, Reachabilities, Reachability};

use super::header::{self, Header};
use super::shell::{Json, Word, comment, escape_controls, quote, section_heading};
use super::{Plan, VarNames};
use crate::cloudformation::node::{TAG_VALUE_MAX, truncate_chars};

const FUNCTIONS: &str = include_str!("verify_functions.bash");

/// The port analysed between two VPCs: the design names none, and the
/// temporary security groups let exactly this one in.
const VPC_PORT: u16 = 443;

/// AWS's pricing page, where the price of an analysis is.
pub(crate) const PRICING: &str = "https://aws.amazon.com/vpc/pricing/";

/// `verify.sh`, and how many analyses it runs (`DEPLOY.md` says it too).
pub(crate) struct VerifyScript {
    pub(crate) contents: String,
    pub(crate) analyses: usize,
}

pub(crate) fn script(plan: &Plan<'_>, errors: &[Diagnostic]) -> VerifyScript {
    let checks = checks(plan);
    let mut verify = Verify {
        plan,
        names: VarNames::default(),
        out: Vec::new(),
        vpcs: Vec::new(),
        groups: Vec::new(),
        subnets: Vec::new(),
        endpoints: Vec::new(),
        interfaces: Vec::new(),
    };
    for reserved in [
        "VPCPLAN_TIMEOUT",
        "VPCPLAN_POLL",
        "ASSUME_YES",
        "RUN_ID",
        "AGREED",
        "DISAGREED",
        "FAILED",
        "SKIPPED",
        "ALLOWED",
    ] {
        verify.names.taken.insert(reserved.to_owned());
    }
    for (_, var) in &plan.profiles {
        verify.names.taken.insert(var.clone());
    }
    verify.body(&checks);
    let analyses = checks
        .iter()
        .filter(|check| matches!(check.ends, Ends::Analysed { .. }))
        .count();
    let header = header::render(
        plan,
        errors,
        &Header {
            title: "verify.sh: checks the deployed network with Reachability Analyzer",
            about: &[
                "Run it last, once the network is deployed (by deploy.sh or by the",
                "CloudFormation stacks: both build the same network, and this script finds it",
                "by the design's Name tags and CIDRs). For every intent of the design it asks",
                "VPC Reachability Analyzer whether AWS finds the path, and prints that beside",
                "what vpcplan expects (its reachability verdict for the intent).",
                "Each analysis is billed by AWS (see https://aws.amazon.com/vpc/pricing/): the",
                "script says how many it will run and asks first, unless run with --yes.",
                "A path needs a resource at each end: the script creates a temporary network",
                "interface, with a temporary security group, in the designed subnet at each",
                "VPC end. Interfaces, groups, paths and analyses are tagged",
                "vpcplan:verify=<run id> and deleted when the script ends, whatever happens.",
                "Leftovers (if a deletion fails): filter by the tag key vpcplan:verify.",
                "Exit status: 0 when every analysed intent agrees with the design, 1 otherwise.",
            ],
            notes: &[],
            environment: Vec::new(),
        },
    );
    let mut script = header;
    script.push('\n');
    script.push_str(&format!(
        "DESIGN_ANALYSES={analyses}\nPRICING={}\n",
        quote(PRICING)
    ));
    script.push_str(FUNCTIONS);
    for line in &verify.out {
        script.push('\n');
        script.push_str(line);
    }
    script.push('\n');
    VerifyScript {
        contents: script,
        analyses,
    }
}

/// One intent, with what the core expects and where the analysis runs.
struct Check<'d> {
    intent: String,
    label: String,
    expected: bool,
    ends: Ends<'d>,
}

enum Ends<'d> {
    Analysed {
        source: (&'d Vpc, &'d Subnet),
        destination: Destination<'d>,
        port: u16,
    },
    Skipped(String),
}

enum Destination<'d> {
    Subnet(&'d Vpc, &'d Subnet),
    Endpoint {
        vpc: &'d Vpc,
        link: &'d Link,
        endpoint_type: &'static str,
        service_name: ServiceName<'d>,
    },
}

/// The service name an endpoint was created with.
enum ServiceName<'d> {
    /// Known from the design (AWS services, or named explicitly).
    Known(String),
    /// Assigned by AWS to the design's endpoint service: read from the
    /// provider's service configuration, found by its `Name` tag.
    Provided { provider: &'d Vpc, name: &'d str },
}

impl Destination<'_> {
    fn vpc(&self) -> &Vpc {
        match self {
            Destination::Subnet(vpc, _) | Destination::Endpoint { vpc, .. } => vpc,
        }
    }
}

/// The subnets a temporary interface can go in: those with an IPv4 CIDR.
fn candidates(vpc: &Vpc) -> Vec<&Subnet> {
    vpc.subnets
        .iter()
        .filter(|subnet| subnet.ipv4_cidr.is_some())
        .collect()
}

fn subnet_node(vpc: &Vpc, subnet: &Subnet) -> Node {
    Node::Subnet {
        vpc: vpc.id.clone(),
        subnet: subnet.id.clone(),
    }
}

fn checks<'d>(plan: &Plan<'d>) -> Vec<Check<'d>> {
    let design = plan.design;
    if design.intents.is_empty() {
        return Vec::new();
    }
    let queries = Reachabilities::new(design);
    design
        .intents
        .iter()
        .map(|intent| {
            let from = Node::from(&intent.from);
            let to = Node::from(&intent.to);
            let expected = queries.get(&from, &to).is_reachable();
            let label = format!(
                "{} \u{2192} {}",
                node_label(plan, &from),
                node_label(plan, &to)
            );
            let ends = match ends(plan, &queries, &from, &to, expected) {
                Ok(ends) => ends,
                Err(reason) => Ends::Skipped(reason),
            };
            Check {
                intent: intent.id.to_string(),
                label,
                expected,
                ends,
            }
        })
        .collect()
}

fn node_label(plan: &Plan<'_>, node: &Node) -> String {
    let design = plan.design;
    match node {
        Node::Vpc(vpc) => design
            .vpc(vpc)
            .map_or_else(|| vpc.to_string(), |vpc| vpc.label().to_owned()),
        Node::Subnet { vpc, subnet } => {
            let vpc = design.vpc(vpc);
            let subnet_label = vpc
                .and_then(|vpc| vpc.subnets.iter().find(|own| &own.id == subnet))
                .map_or_else(|| subnet.to_string(), |subnet| subnet.label().to_owned());
            match vpc {
                Some(vpc) => format!("{subnet_label} ({})", vpc.label()),
                None => subnet_label,
            }
        }
        Node::Service(service) => design
            .service(service)
            .map_or_else(|| service.to_string(), |service| service.label().to_owned()),
    }
}

/// The exported VPC of `id`, or why the script cannot place anything in it.
fn exported<'d>(plan: &Plan<'d>, id: &VpcId) -> Result<&'d Vpc, String> {
    plan.exported_vpc(id).ok_or_else(|| {
        format!(
            "VPC {id} is not deployed by the exports (it is not in the design or has no IPv4 CIDR)"
        )
    })
}

/// Where to analyse the intent from `from` to `to`: the first pair of ends
/// (in design order) for which the core gives the intent's own verdict, so
/// that AWS is asked about a path the design really expects to work (or to
/// fail).
fn ends<'d>(
    plan: &Plan<'d>,
    queries: &Reachabilities<'_>,
    from: &Node,
    to: &Node,
    expected: bool,
) -> Result<Ends<'d>, String> {
    let source_vpc = exported(plan, from.vpc_id().ok_or("the intent has no source VPC")?)?;
    let sources: Vec<&Subnet> = match from {
        Node::Subnet { subnet, .. } => source_vpc
            .subnets
            .iter()
            .filter(|own| &own.id == subnet && own.ipv4_cidr.is_some())
            .collect(),
        _ => candidates(source_vpc),
    };
    if sources.is_empty() {
        return Err(format!(
            "no subnet with an IPv4 CIDR to place a temporary network interface in, in VPC \"{}\"",
            source_vpc.label()
        ));
    }
    let verdict = |from: &Node, to: &Node| queries.get(from, to);
    match to {
        Node::Vpc(target) => {
            let target_vpc = exported(plan, target)?;
            same_region_and_account(source_vpc, target_vpc)?;
            let targets = candidates(target_vpc);
            if targets.is_empty() {
                return Err(format!(
                    "no subnet with an IPv4 CIDR to place a temporary network interface in, in VPC \"{}\"",
                    target_vpc.label()
                ));
            }
            let pairs = sources
                .iter()
                .flat_map(|&source| targets.iter().map(move |&target| (source, target)));
            let chosen = pairs.clone().find(|&(source, target)| {
                verdict(
                    &subnet_node(source_vpc, source),
                    &subnet_node(target_vpc, target),
                )
                .is_reachable()
                    == expected
            });
            let (source, target) = chosen.unwrap_or((sources[0], targets[0]));
            Ok(Ends::Analysed {
                source: (source_vpc, source),
                destination: Destination::Subnet(target_vpc, target),
                port: VPC_PORT,
            })
        }
        Node::Service(service_id) => {
            let service = plan
                .design
                .service(service_id)
                .ok_or_else(|| format!("service {service_id} is not in the design"))?;
            // The source subnet whose verdict is the intent's, and the
            // endpoint its path ends in.
            let mut chosen = None;
            for &source in &sources {
                let answer = verdict(&subnet_node(source_vpc, source), to);
                if answer.is_reachable() == expected {
                    chosen = Some((source, endpoint_of_path(&answer).cloned()));
                    break;
                }
            }
            let (source, on_path) = chosen.unwrap_or((sources[0], None));
            let link = on_path
                .and_then(|id| plan.design.link(&id))
                .or_else(|| endpoint_for(plan, source_vpc, service_id))
                .ok_or_else(|| {
                    format!(
                        "the design has no VPC endpoint for \"{}\", so nothing in AWS stands for it",
                        service.label()
                    )
                })?;
            let destination = endpoint_destination(plan, link)?;
            same_region_and_account(source_vpc, destination.vpc())?;
            Ok(Ends::Analysed {
                source: (source_vpc, source),
                destination,
                port: service_port(plan, service_id),
            })
        }
        Node::Subnet { .. } => {
            Err("the intent's target is a subnet, which intents do not take".to_owned())
        }
    }
}

fn same_region_and_account(source: &Vpc, target: &Vpc) -> Result<(), String> {
    if source.region != target.region {
        return Err(format!(
            "its ends are in different Regions ({} and {}); Reachability Analyzer analyses paths within one Region",
            source.region, target.region
        ));
    }
    if source.account != target.account {
        return Err(format!(
            "its ends are in different accounts ({} and {}); Reachability Analyzer analyses such paths only from an organization's management or delegated administrator account with trusted access, which this script does not set up",
            source.account, target.account
        ));
    }
    Ok(())
}

/// The endpoint the core's path reaches its service through.
fn endpoint_of_path(answer: &Reachability) -> Option<&LinkId> {
    let Reachability::Reachable { path } = answer else {
        return None;
    };
    path.iter()
        .rev()
        .find(|hop: &&Hop| {
            matches!(
                hop.kind,
                Some(LinkKind::InterfaceEndpoint | LinkKind::GatewayEndpoint)
            )
        })
        .and_then(|hop| hop.link.as_ref())
}

/// A design endpoint for the service when the core's path names none (the
/// intent is expected to fail): one in the source VPC, else one in its
/// account and Region, else the first.
fn endpoint_for<'d>(plan: &Plan<'d>, source: &Vpc, service: &ServiceId) -> Option<&'d Link> {
    let endpoints: Vec<(&Link, &VpcId)> = plan
        .design
        .links
        .iter()
        .filter_map(|link| match &link.spec {
            LinkSpec::InterfaceEndpoint(endpoint)
                if endpoint.target == EndpointTarget::Service(service.clone()) =>
            {
                Some((link, &endpoint.vpc))
            }
            LinkSpec::GatewayEndpoint(endpoint) if &endpoint.service == service => {
                Some((link, &endpoint.vpc))
            }
            _ => None,
        })
        .collect();
    let near = |vpc: &VpcId| {
        plan.exported_vpc(vpc)
            .is_some_and(|vpc| vpc.region == source.region && vpc.account == source.account)
    };
    endpoints
        .iter()
        .find(|(_, vpc)| **vpc == source.id)
        .or_else(|| endpoints.iter().find(|(_, vpc)| near(vpc)))
        .or_else(|| endpoints.first())
        .map(|(link, _)| *link)
}

/// The endpoint `link` as a path's destination, found by its VPC, type and
/// service name.
fn endpoint_destination<'d>(plan: &Plan<'d>, link: &'d Link) -> Result<Destination<'d>, String> {
    let (vpc, service, endpoint_type, explicit) = match &link.spec {
        LinkSpec::InterfaceEndpoint(endpoint) => {
            let EndpointTarget::Service(service) = &endpoint.target else {
                return Err(format!(
                    "endpoint {} does not reach a service of the design",
                    link.id
                ));
            };
            (
                &endpoint.vpc,
                service,
                "Interface",
                endpoint.service_name.as_deref(),
            )
        }
        LinkSpec::GatewayEndpoint(endpoint) => (&endpoint.vpc, &endpoint.service, "Gateway", None),
        LinkSpec::Peering(_) => return Err(format!("link {} is not an endpoint", link.id)),
    };
    let vpc = exported(plan, vpc)?;
    let node = plan.design.service(service);
    let service_name = match (explicit, node.map(|service| &service.kind)) {
        (Some(explicit), _) => ServiceName::Known(explicit.to_owned()),
        (None, Some(ServiceKind::Aws { service })) => ServiceName::Known(
            aws_service(service)
                .map(|known| known.service_name(&vpc.region))
                .unwrap_or_else(|| format!("com.amazonaws.{}.{service}", vpc.region)),
        ),
        (None, Some(ServiceKind::EndpointService(provided))) => ServiceName::Provided {
            provider: exported(plan, &provided.provider_vpc)?,
            name: node.map_or("", |node| node.name.as_str()),
        },
        (None, None) => return Err(format!("service {service} is not in the design")),
    };
    Ok(Destination::Endpoint {
        vpc,
        link,
        endpoint_type,
        service_name,
    })
}

fn service_port(plan: &Plan<'_>, service: &ServiceId) -> u16 {
    match plan.design.service(service).map(|service| &service.kind) {
        Some(ServiceKind::Aws { service }) => aws_service(service).map_or(443, |known| known.port),
        Some(ServiceKind::EndpointService(provided)) => provided.port,
        None => 443,
    }
}

struct Verify<'p, 'a> {
    plan: &'p Plan<'a>,
    names: VarNames,
    out: Vec<String>,
    /// The variables already set, by what they hold.
    vpcs: Vec<(&'a VpcId, String)>,
    groups: Vec<(&'a VpcId, String)>,
    subnets: Vec<(&'a SubnetId, String)>,
    endpoints: Vec<(&'a LinkId, String)>,
    /// Source and destination interfaces apart, so an intent within one
    /// subnet still has two ends.
    interfaces: Vec<(&'a SubnetId, bool, Interface)>,
}

/// The variables of one temporary interface: its id and its address.
#[derive(Clone)]
struct Interface {
    id: String,
    address: String,
}

fn var_of<'v, K: PartialEq + ?Sized>(vars: &'v [(&K, String)], key: &K) -> Option<&'v String> {
    vars.iter().find(|(id, _)| *id == key).map(|(_, var)| var)
}

impl<'a> Verify<'_, 'a> {
    fn line(&mut self, line: impl Into<String>) {
        self.out.push(line.into());
    }

    fn section(&mut self, title: &str) {
        self.out.push(String::new());
        self.out.push(section_heading(title));
    }

    /// `FUNCTION ARG…`, every argument already a shell word.
    fn call(&mut self, function: &str, args: &[Word]) {
        let mut line = String::from(function);
        for arg in args {
            line.push(' ');
            line.push_str(&arg.render());
        }
        self.out.push(line);
    }

    fn profile(&self, vpc: &Vpc) -> Word {
        self.plan.profile(&vpc.account)
    }

    fn body(&mut self, checks: &[Check<'a>]) {
        self.section("What will be analysed");
        for check in checks {
            let how = match &check.ends {
                Ends::Analysed {
                    source,
                    destination,
                    port,
                } => {
                    let to = match destination {
                        Destination::Subnet(_, subnet) => {
                            format!("one in subnet \"{}\"", subnet.label())
                        }
                        Destination::Endpoint { link, .. } => format!("VPC endpoint {}", link.id),
                    };
                    format!(
                        "analysed from a temporary network interface in subnet \"{}\" to {to}, TCP port {port}",
                        source.1.label()
                    )
                }
                Ends::Skipped(reason) => format!("not analysed: {reason}"),
            };
            self.call(
                "plan_line",
                &[
                    check.intent_word(),
                    check.label_word(),
                    check.expected_word(),
                    text(&how),
                ],
            );
        }
        self.line("confirm");

        let mut analyses = Vec::new();
        for check in checks {
            if let Ends::Analysed {
                source,
                destination,
                port,
            } = &check.ends
            {
                if analyses.is_empty() {
                    self.tag_lines();
                }
                analyses.push(self.analysis(check, *source, destination, *port));
            }
        }

        self.section("Results");
        let mut analyses = analyses.into_iter();
        for check in checks {
            match &check.ends {
                Ends::Skipped(reason) => self.call(
                    "skipped",
                    &[
                        check.intent_word(),
                        check.label_word(),
                        check.expected_word(),
                        text(reason),
                    ],
                ),
                Ends::Analysed { source, .. } => {
                    let analysis = analyses.next().unwrap_or_default();
                    let args = [
                        check.intent_word(),
                        check.label_word(),
                        check.expected_word(),
                        self.profile(source.0),
                        Word::lit(source.0.region.as_str()),
                        Word::var(&analysis),
                    ];
                    self.call("verdict", &args);
                }
            }
        }
        self.line("finish");
    }

    /// The tag specifications of what the script creates.
    fn tag_lines(&mut self) {
        self.section("Temporary resources and analyses");
        let design = &self.plan.design.name;
        for (var, resource_type) in [
            ("TAGS_SECURITY_GROUP", "security-group"),
            ("TAGS_NETWORK_INTERFACE", "network-interface"),
            ("TAGS_PATH", "network-insights-path"),
            ("TAGS_ANALYSIS", "network-insights-analysis"),
        ] {
            let line = tags_line(var, resource_type, design);
            self.line(line);
        }
    }

    /// The lines that find or create the ends of one intent's path and
    /// start its analysis; returns the variable holding the analysis id.
    fn analysis(
        &mut self,
        check: &Check<'a>,
        source: (&'a Vpc, &'a Subnet),
        destination: &Destination<'a>,
        port: u16,
    ) -> String {
        self.line(String::new());
        self.line(comment(&format!(
            "Intent {}: {}",
            check.intent, check.label
        )));
        let from = self.interface(source.0, source.1, true);
        let to = match destination {
            Destination::Subnet(vpc, subnet) => {
                let to = self.interface(vpc, subnet, false);
                let group = var_of(&self.groups, &vpc.id).cloned().unwrap_or_default();
                let args = [
                    self.profile(vpc),
                    Word::lit(vpc.region.as_str()),
                    Word::var(&group),
                    Word::var(&from.address),
                    Word::lit(port.to_string()),
                ];
                self.call("allow_from", &args);
                to.id
            }
            Destination::Endpoint {
                vpc,
                link,
                endpoint_type,
                service_name,
            } => self.endpoint(vpc, link, endpoint_type, service_name),
        };
        let analysis = self.names.allocate("ANALYSIS", &check.intent, "");
        let args = [
            Word::lit(analysis.as_str()),
            self.profile(source.0),
            Word::lit(source.0.region.as_str()),
            Word::var(&from.id),
            Word::var(&to),
            Word::lit(port.to_string()),
            check.intent_word(),
        ];
        self.call("start_analysis", &args);
        analysis
    }

    /// The variable with the id of the VPC, found by its `Name` tag and
    /// primary CIDR.
    fn vpc(&mut self, vpc: &'a Vpc) -> String {
        if let Some(var) = var_of(&self.vpcs, &vpc.id) {
            return var.clone();
        }
        let var = self.names.allocate("VPC", &vpc.id.0, "vpc-");
        let primary = vpc.ipv4_cidrs[0].trunc().to_string();
        let filters = Json::Array(vec![
            filter("tag:Name", &name_filter(&vpc.name)),
            filter("cidr", &primary),
        ]);
        let args = [
            Word::lit(var.as_str()),
            Word::lit("vpcs"),
            self.profile(vpc),
            Word::lit(vpc.region.as_str()),
            filters.to_word(),
            text(&format!("VPC \"{}\" ({primary})", vpc.name)),
        ];
        self.call("find_one", &args);
        self.vpcs.push((&vpc.id, var.clone()));
        var
    }

    /// The variable with the id of the VPC's temporary security group.
    fn group(&mut self, vpc: &'a Vpc) -> String {
        if let Some(var) = var_of(&self.groups, &vpc.id) {
            return var.clone();
        }
        let vpc_var = self.vpc(vpc);
        let var = self.names.allocate("SG", &vpc.id.0, "vpc-");
        let args = [
            Word::lit(var.as_str()),
            self.profile(vpc),
            Word::lit(vpc.region.as_str()),
            Word::var(&vpc_var),
        ];
        self.call("temp_group", &args);
        self.groups.push((&vpc.id, var.clone()));
        var
    }

    /// The variable with the id of the subnet, found in its VPC by its
    /// `Name` tag and IPv4 CIDR.
    fn subnet(&mut self, vpc: &'a Vpc, subnet: &'a Subnet) -> String {
        if let Some(var) = var_of(&self.subnets, &subnet.id) {
            return var.clone();
        }
        let vpc_var = self.vpc(vpc);
        let var = self.names.allocate("SUBNET", &subnet.id.0, "subnet-");
        let cidr = subnet
            .ipv4_cidr
            .map(|cidr| cidr.trunc().to_string())
            .unwrap_or_default();
        let filters = Json::Array(vec![
            filter_runtime("vpc-id", &vpc_var),
            filter("tag:Name", &name_filter(&subnet.name)),
            filter("cidr-block", &cidr),
        ]);
        let args = [
            Word::lit(var.as_str()),
            Word::lit("subnets"),
            self.profile(vpc),
            Word::lit(vpc.region.as_str()),
            filters.to_word(),
            text(&format!(
                "subnet \"{}\" ({cidr}) of VPC \"{}\"",
                subnet.name, vpc.name
            )),
        ];
        self.call("find_one", &args);
        self.subnets.push((&subnet.id, var.clone()));
        var
    }

    /// A temporary interface in the subnet, as the source of paths or as
    /// their destination.
    fn interface(&mut self, vpc: &'a Vpc, subnet: &'a Subnet, source: bool) -> Interface {
        if let Some((_, _, found)) = self
            .interfaces
            .iter()
            .find(|(id, role, _)| **id == subnet.id && *role == source)
        {
            return found.clone();
        }
        let group = self.group(vpc);
        let subnet_var = self.subnet(vpc, subnet);
        let role = if source { "FROM" } else { "TO" };
        let interface = Interface {
            id: self
                .names
                .allocate(&format!("ENI_{role}"), &subnet.id.0, "subnet-"),
            address: self
                .names
                .allocate(&format!("IP_{role}"), &subnet.id.0, "subnet-"),
        };
        let args = [
            Word::lit(interface.id.as_str()),
            Word::lit(interface.address.as_str()),
            self.profile(vpc),
            Word::lit(vpc.region.as_str()),
            Word::var(&subnet_var),
            Word::var(&group),
        ];
        self.call("temp_interface", &args);
        self.interfaces
            .push((&subnet.id, source, interface.clone()));
        interface
    }

    /// The variable with the id of the endpoint, found in its VPC by its
    /// type and service name.
    fn endpoint(
        &mut self,
        vpc: &'a Vpc,
        link: &'a Link,
        endpoint_type: &str,
        service_name: &ServiceName<'a>,
    ) -> String {
        if let Some(var) = var_of(&self.endpoints, &link.id) {
            return var.clone();
        }
        let vpc_var = self.vpc(vpc);
        let (by_name, service_label) = match service_name {
            ServiceName::Known(name) => (filter("service-name", name), name.clone()),
            ServiceName::Provided { provider, name } => {
                let var = self.service_name(provider, name);
                (
                    filter_runtime("service-name", &var),
                    format!("endpoint service \"{name}\""),
                )
            }
        };
        let var = self.names.allocate("VPCE", &link.id.0, "vpce-");
        let filters = Json::Array(vec![
            filter_runtime("vpc-id", &vpc_var),
            filter("vpc-endpoint-type", endpoint_type),
            by_name,
        ]);
        let args = [
            Word::lit(var.as_str()),
            Word::lit("vpc-endpoints"),
            self.profile(vpc),
            Word::lit(vpc.region.as_str()),
            filters.to_word(),
            text(&format!(
                "the {} endpoint {} of VPC \"{}\" for {service_label}",
                endpoint_type.to_lowercase(),
                link.id,
                vpc.name
            )),
        ];
        self.call("find_one", &args);
        self.endpoints.push((&link.id, var.clone()));
        var
    }

    /// A variable with the name AWS gave the design's endpoint service
    /// `name`, read from the provider's configuration.
    fn service_name(&mut self, provider: &Vpc, name: &str) -> String {
        let var = self.names.allocate("SERVICE_NAME", name, "");
        let args = [
            Word::lit(var.as_str()),
            self.profile(provider),
            Word::lit(provider.region.as_str()),
            Json::Array(vec![filter("tag:Name", &name_filter(name))]).to_word(),
            text(&format!("endpoint service \"{name}\"")),
        ];
        self.call("find_service_name", &args);
        var
    }
}

/// Design text as a script argument, control characters shown as escapes.
fn text(text: &str) -> Word {
    Word::lit(escape_controls(text))
}

impl Check<'_> {
    fn intent_word(&self) -> Word {
        text(&self.intent)
    }

    fn label_word(&self) -> Word {
        text(&self.label)
    }

    fn expected_word(&self) -> Word {
        Word::lit(expected_word(self.expected))
    }
}

fn expected_word(reachable: bool) -> &'static str {
    if reachable {
        "reachable"
    } else {
        "unreachable"
    }
}

/// A `Name` tag value as an EC2 filter value: cut as the exporters cut tag
/// values, and with `*`, `?` and `\` escaped, which filters otherwise take as
/// wildcards ("You can escape special characters using a backslash (\)
/// before the character", filtering in the EC2 API reference:
/// <https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Filtering.html>).
pub(super) fn name_filter(name: &str) -> String {
    let name = truncate_chars(name, TAG_VALUE_MAX);
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '*' | '?' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn filter<'j>(name: &'static str, value: &str) -> Json<'j> {
    Json::Object(vec![
        (
            "Name",
            Json::Value(serde_json::Value::String(name.to_owned())),
        ),
        ("Values", Json::Array(vec![Json::string(value.to_owned())])),
    ])
}

fn filter_runtime<'j>(name: &'static str, var: &str) -> Json<'j> {
    Json::Object(vec![
        (
            "Name",
            Json::Value(serde_json::Value::String(name.to_owned())),
        ),
        ("Values", Json::Array(vec![Json::Runtime(Word::var(var))])),
    ])
}

/// `NAME=<tag specifications>`: the tags of what the script creates, with
/// the run id spliced in at run time.
fn tags_line(var: &str, resource_type: &'static str, design: &str) -> String {
    let design = truncate_chars(design, TAG_VALUE_MAX);
    let json = Json::Array(vec![Json::Object(vec![
        ("ResourceType", Json::string(resource_type.to_owned())),
        (
            "Tags",
            Json::Array(vec![
                Json::Object(vec![
                    ("Key", Json::string("Name".to_owned())),
                    (
                        "Value",
                        Json::string("vpcplan verify.sh (temporary)".to_owned()),
                    ),
                ]),
                Json::Object(vec![
                    ("Key", Json::string("vpcplan:design".to_owned())),
                    ("Value", Json::string(design)),
                ]),
                Json::Object(vec![
                    ("Key", Json::string("vpcplan:verify".to_owned())),
                    ("Value", Json::Runtime(Word::var("RUN_ID"))),
                ]),
            ]),
        ),
    ])]);
    let mut line = String::from(var);
    line.push('=');
    line.push_str(&json.to_word().render());
    line
}
