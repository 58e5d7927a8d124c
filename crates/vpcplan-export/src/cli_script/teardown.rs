//! `cli/teardown.sh`: deletes what `deploy.sh` created, in reverse order, each
//! step in the account and Region that owns the resource. It finds resources
//! by their `vpcplan:key` tag, so it needs no state file, deletes what a
//! half-finished deploy left, and skips what is already gone.

use vpcplan_core::Diagnostic;
use vpcplan_core::design::{LinkSpec, ServiceKind, Vpc};

use super::header::{self, Header, log_text};
use super::shell::{escape_controls, push_var, quote, quote_into, section_heading};
use super::{Plan, main_table};

const FUNCTIONS: &str = include_str!("teardown_functions.bash");
/// The functions that find and delete load balancers and target groups, only
/// in the scripts of designs for which deploy.sh creates some.
const ELBV2_FUNCTIONS: &str = include_str!("teardown_elbv2.bash");

const ABOUT: &[&str] = &[
    "Deletes what deploy.sh created, in reverse order: endpoints (waiting until",
    "they are gone), endpoint services (rejecting the connections of endpoints",
    "outside the design if any remain), peering routes and peerings, route",
    "tables, security groups, subnets, secondary CIDRs, VPCs.",
    "It finds each resource by its vpcplan:key tag in the owning account and",
    "Region (no state file), so it also cleans up after a deploy that stopped",
    "half-way, skips what is already gone, and can be run again.",
    "Routes to targets outside the design go with their route tables and VPCs.",
    "It deletes every copy when the design was deployed more than once.",
];

/// Said after the fourth line of `ABOUT` when deploy.sh creates load balancers.
const ABOUT_LOAD_BALANCERS: &str = "The load balancers it created for endpoint services go after those services\n(their listeners with them), then their target groups, before the subnets.";

pub(super) fn script(plan: &Plan<'_>, errors: &[Diagnostic]) -> String {
    let mut teardown = Teardown {
        plan,
        out: Vec::new(),
    };
    let load_balancers = teardown.body();
    let mut about: Vec<&str> = ABOUT.to_vec();
    if load_balancers {
        about.splice(4..4, ABOUT_LOAD_BALANCERS.lines());
    }
    let header = header::render(
        plan,
        errors,
        &Header {
            title: "teardown.sh: deletes the network",
            about: &about,
            notes: &[],
            environment: Vec::new(),
        },
    );
    let mut script = header;
    script.push('\n');
    script.push_str(FUNCTIONS);
    if load_balancers {
        script.push_str(ELBV2_FUNCTIONS);
    }
    for line in &teardown.out {
        script.push('\n');
        script.push_str(line);
    }
    script.push('\n');
    script
}

struct Teardown<'p, 'a> {
    plan: &'p Plan<'a>,
    out: Vec<String>,
}

impl Teardown<'_, '_> {
    fn line(&mut self, line: impl Into<String>) {
        self.out.push(line.into());
    }

    fn section(&mut self, title: &str) {
        self.out.push(String::new());
        self.out.push(section_heading(title));
    }

    /// `FUNCTION "$PROFILE_…" REGION ARGS…` in the VPC's account and Region.
    fn call(&mut self, function: &str, vpc: &Vpc, args: &[&str]) {
        let mut line = String::with_capacity(128);
        line.push_str(function);
        line.push(' ');
        push_var(&mut line, self.plan.profile_var(&vpc.account));
        line.push(' ');
        quote_into(&vpc.region, &mut line);
        for arg in args {
            line.push(' ');
            quote_into(arg, &mut line);
        }
        self.out.push(line);
    }

    /// The deletions; whether they include load balancers.
    fn body(&mut self) -> bool {
        let plan = self.plan;
        let design = plan.design;

        // Endpoint connections, endpoints, endpoint services.
        let providers: Vec<(&Vpc, &str)> = design
            .services
            .iter()
            .filter_map(|service| match &service.kind {
                ServiceKind::EndpointService(endpoint_service) => Some((
                    plan.exported_vpc(&endpoint_service.provider_vpc)?,
                    plan.services.get(&service.id)?.key.as_str(),
                )),
                ServiceKind::Aws { .. } => None,
            })
            .collect();
        let endpoints: Vec<(&Vpc, &str)> = design
            .links
            .iter()
            .filter_map(|link| {
                let vpc = match &link.spec {
                    LinkSpec::InterfaceEndpoint(endpoint) => &endpoint.vpc,
                    LinkSpec::GatewayEndpoint(endpoint) => &endpoint.vpc,
                    LinkSpec::Peering(_) => return None,
                };
                Some((
                    plan.exported_vpc(vpc)?,
                    plan.links.get(&link.id)?.key.as_str(),
                ))
            })
            .collect();
        if !endpoints.is_empty() {
            self.section("VPC endpoints");
            for (vpc, key) in &endpoints {
                self.call("delete_endpoints", vpc, &[key]);
            }
            for (vpc, key) in &endpoints {
                self.call("wait_endpoints_gone", vpc, &[key]);
            }
        }
        if !providers.is_empty() {
            self.section("Endpoint services (and connections of endpoints outside the design)");
            for (vpc, key) in &providers {
                self.call("delete_endpoint_services", vpc, &[key]);
            }
        }

        // The load balancers deploy.sh created for endpoint services (an NLB
        // cannot be deleted while a service uses it), then their target
        // groups (not while a listener forwards to them).
        let created_nlbs: Vec<(&Vpc, &str, &str)> = design
            .services
            .iter()
            .filter_map(|service| match &service.kind {
                ServiceKind::EndpointService(endpoint_service) => Some((
                    plan.exported_vpc(&endpoint_service.provider_vpc)?,
                    plan.services.get(&service.id)?,
                )),
                ServiceKind::Aws { .. } => None,
            })
            .flat_map(|(vpc, service_plan)| {
                service_plan.created_nlbs.iter().map(move |(_, created)| {
                    (vpc, created.key.as_str(), created.target_group_key.as_str())
                })
            })
            .collect();
        if !created_nlbs.is_empty() {
            self.section(
                "Load balancers of endpoint services (with their listeners), target groups",
            );
            for (vpc, key, _) in &created_nlbs {
                self.call("delete_load_balancers", vpc, &[key]);
            }
            for (vpc, _, key) in &created_nlbs {
                self.call("delete_target_groups", vpc, &[key]);
            }
        }

        // Peering routes, then the peerings.
        for link in &design.links {
            let LinkSpec::Peering(peering) = &link.spec else {
                continue;
            };
            let (Some(requester), Some(accepter), Some(link_plan)) = (
                plan.exported_vpc(&peering.requester),
                plan.exported_vpc(&peering.accepter),
                plan.links.get(&link.id),
            ) else {
                continue;
            };
            if requester.id == accepter.id {
                continue;
            }
            self.section(&format!("Peering {}", escape_controls(&link.id.0)));
            self.line(format!(
                "log {}",
                log_text(&format!("deleting peering {} and its routes", link.id))
            ));
            self.call("find_peerings", requester, &[&link_plan.key]);
            self.line("for pcx in \"${FOUND[@]}\"; do");
            for vpc in [requester, accepter] {
                for table in &vpc.route_tables {
                    if let Some(table_plan) = plan.route_tables.get(&table.id) {
                        let mut line = String::with_capacity(96);
                        line.push_str("    delete_peering_routes ");
                        push_var(&mut line, plan.profile_var(&vpc.account));
                        line.push(' ');
                        quote_into(&vpc.region, &mut line);
                        line.push(' ');
                        quote_into(&table_plan.key, &mut line);
                        line.push_str(" \"$pcx\"");
                        self.line(line);
                    }
                }
            }
            self.line("    log \"delete-vpc-peering-connection $pcx\"");
            self.line(format!(
                "    tolerant aws ec2 delete-vpc-peering-connection --profile {} --region {} --vpc-peering-connection-id \"$pcx\"",
                plan.profile(&requester.account).render(),
                quote(&requester.region)
            ));
            self.line("done");
        }

        let vpcs = plan.exported_vpcs();

        // Route tables other than the main ones (those go with their VPCs).
        let mut tables = Vec::new();
        for vpc in &vpcs {
            let main = main_table(vpc).map(|table| &table.id);
            for table in &vpc.route_tables {
                if Some(&table.id) != main
                    && let Some(table_plan) = plan.route_tables.get(&table.id)
                {
                    tables.push((*vpc, table_plan.key.as_str()));
                }
            }
        }
        if !tables.is_empty() {
            self.section("Route tables (their associations and routes go with them)");
            for (vpc, key) in tables {
                self.call("delete_route_tables", vpc, &[key]);
            }
        }

        // Security groups: every inbound rule first, since groups may refer
        // to each other.
        let mut groups = Vec::new();
        for vpc in &vpcs {
            for group in &vpc.security_groups {
                if let Some(group_plan) = plan.security_groups.get(&group.id) {
                    groups.push((*vpc, group_plan.key.as_str()));
                }
            }
        }
        for link in &design.links {
            if let (LinkSpec::InterfaceEndpoint(endpoint), Some(group_plan)) =
                (&link.spec, plan.endpoint_security_groups.get(&link.id))
                && let Some(vpc) = plan.exported_vpc(&endpoint.vpc)
            {
                groups.push((vpc, group_plan.key.as_str()));
            }
        }
        if !groups.is_empty() {
            self.section("Security groups");
            for (vpc, key) in &groups {
                self.call("revoke_ingress", vpc, &[key]);
            }
            for (vpc, key) in &groups {
                self.call("delete_security_groups", vpc, &[key]);
            }
        }

        // Subnets.
        let subnets: Vec<(&Vpc, &str)> = vpcs
            .iter()
            .flat_map(|vpc| {
                vpc.subnets.iter().filter_map(|subnet| {
                    let subnet_plan = plan.subnets.get(&subnet.id)?;
                    (subnet.ipv4_cidr.is_some() || subnet.ipv6_cidr.is_some())
                        .then_some((*vpc, subnet_plan.key.as_str()))
                })
            })
            .collect();
        if !subnets.is_empty() {
            self.section("Subnets");
            for (vpc, key) in subnets {
                self.call("delete_subnets", vpc, &[key]);
            }
        }

        // Secondary CIDRs, then the VPCs.
        let with_more_cidrs: Vec<&Vpc> = vpcs
            .iter()
            .copied()
            .filter(|vpc| vpc.ipv4_cidrs.len() > 1 || !vpc.ipv6_cidrs.is_empty())
            .collect();
        if !with_more_cidrs.is_empty() {
            self.section("Secondary IPv4 CIDRs and IPv6 blocks");
            for vpc in with_more_cidrs {
                if let Some(vpc_plan) = plan.vpcs.get(&vpc.id) {
                    let key = vpc_plan.key.clone();
                    self.call("disassociate_cidrs", vpc, &[&key]);
                }
            }
        }
        if !vpcs.is_empty() {
            self.section("VPCs");
            for vpc in &vpcs {
                if let Some(vpc_plan) = plan.vpcs.get(&vpc.id) {
                    let key = vpc_plan.key.clone();
                    self.call("delete_vpcs", vpc, &[&key]);
                }
            }
        }
        self.section("Done");
        self.line("log 'done: everything the design tags is deleted'");
        !created_nlbs.is_empty()
    }
}
