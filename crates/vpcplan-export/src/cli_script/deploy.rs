//! `cli/deploy.sh`: creates the design's network with the AWS CLI, in
//! dependency order: VPCs and their CIDRs, subnets, route tables, security
//! groups, peerings (request, accept in the accepter's account and Region,
//! wait until active, routes on both sides, DNS options), security group
//! rules, endpoint services, interface endpoints, endpoint connection
//! acceptance, and gateway endpoints.

use vpcplan_core::collections::{HashMap, HashSet};

use serde_json::Value;
use vpcplan_core::Diagnostic;
use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{
    DnsRecordIpType, EndpointTarget, GatewayEndpoint, InterfaceEndpoint, IpAddressType, IpFamily,
    Link, LinkSpec, Peering, RouteDestination, RouteTable, RouteTableId, RouteTarget, RuleSource,
    SecurityGroupRule, ServiceKind, Vpc, VpcId,
};
use vpcplan_core::routes::{EffectiveRoute, effective_routes, gateway_prefix_list};

use super::header::{self, Header, log_text};
use super::shell::{
    AwsCall, Json, Word, comment, escape_controls, quote, quote_into, section_heading,
};
use super::{Plan, main_table};
use crate::parallel;

pub(super) const FUNCTIONS: &str = include_str!("deploy_functions.bash");

pub(super) fn script(plan: &Plan<'_>, errors: &[Diagnostic]) -> String {
    let routes = effective_routes(plan.design);
    let mut deploy = Deploy {
        plan,
        out: Vec::new(),
        notes: Vec::new(),
        group_names: HashMap::default(),
        created: Vec::new(),
        routes: &routes,
    };
    deploy.body();
    let mut environment = Vec::new();
    for service in &plan.design.services {
        let (ServiceKind::EndpointService(endpoint_service), Some(service_plan)) =
            (&service.kind, plan.services.get(&service.id))
        else {
            continue;
        };
        let balancers = endpoint_service
            .network_load_balancers
            .iter()
            .zip(&service_plan.nlb_vars)
            .map(|(balancer, var)| (balancer, var, "network"))
            .chain(
                endpoint_service
                    .gateway_load_balancers
                    .iter()
                    .zip(&service_plan.gwlb_vars)
                    .map(|(balancer, var)| (balancer, var, "gateway")),
            );
        for (balancer, var, kind) in balancers {
            let default = if looks_like_arn(&balancer.name) {
                "default: the ARN in the design".to_owned()
            } else {
                "required".to_owned()
            };
            environment.push((
                var.clone(),
                format!(
                    "ARN of the {kind} load balancer \"{}\" of endpoint service \"{}\" ({default})",
                    balancer.name, service.name
                ),
            ));
        }
    }
    let header = header::render(
        plan,
        errors,
        &Header {
            title: "deploy.sh: creates the network",
            about: &[
                "Creates the design's VPCs, subnets, route tables, security groups, peerings",
                "(requested, accepted in the accepter's account and Region, routes on both",
                "sides) and VPC endpoints with the AWS CLI, one account and Region per step.",
                "Every resource is tagged Name, vpcplan:design and vpcplan:key; teardown.sh",
                "finds what to delete by the vpcplan:key tag, so no state file is needed.",
                "The ids created are printed at the end (NAME=id lines on standard output).",
                "IPv6 blocks are assigned by AWS; the design's IPv6 subnets, routes and rules",
                "are placed at the same offsets inside the assigned blocks.",
                "Running it twice creates everything twice.",
            ],
            notes: &deploy.notes,
            environment,
        },
    );
    let mut script = header;
    script.push('\n');
    script.push_str(&deploy.load_balancer_settings());
    script.push_str(FUNCTIONS);
    script.reserve(deploy.out.iter().map(|line| line.len() + 1).sum::<usize>() + 1);
    for line in &deploy.out {
        script.push('\n');
        script.push_str(line);
    }
    script.push('\n');
    script
}

/// What AWS allows in security group names and descriptions besides ASCII
/// letters and digits.
const GROUP_NAME_PUNCTUATION: &str = " ._-:/()#,@[]+=&;{}!$*";

fn looks_like_arn(text: &str) -> bool {
    text.starts_with("arn:")
}

const ITEMS_PER_RUN: usize = 64;

struct Deploy<'p, 'a> {
    plan: &'p Plan<'a>,
    out: Vec<String>,
    notes: Vec<String>,
    /// Security group names taken in each VPC.
    group_names: HashMap<VpcId, HashSet<String>>,
    /// Variables to print at the end.
    created: Vec<String>,
    routes: &'p Routes<'a>,
}

type Routes<'a> = vpcplan_core::collections::HashMap<&'a RouteTableId, Vec<EffectiveRoute>>;

impl<'p, 'a> Deploy<'p, 'a> {
    fn line(&mut self, line: impl Into<String>) {
        self.out.push(line.into());
    }

    fn section(&mut self, title: &str) {
        self.out.push(String::new());
        self.out.push(section_heading(title));
    }

    fn note(&mut self, note: String) {
        self.out.push(comment(&format!("skipped: {note}")));
        self.notes.push(note);
    }

    /// `log MESSAGE`, with design text in double quotes.
    fn log(&mut self, indent: &str, message: String) {
        let mut line = String::with_capacity(indent.len() + message.len() + 8);
        line.push_str(indent);
        line.push_str("log ");
        quote_into(&escape_controls(&message), &mut line);
        self.out.push(line);
    }

    fn tags<'t>(&'t self, name: &'t str, key: &'t str) -> Json<'t> {
        Json::Array(vec![
            Json::Object(vec![("Key", Json::str("Name")), ("Value", Json::str(name))]),
            Json::Object(vec![
                ("Key", Json::str("vpcplan:design")),
                ("Value", Json::str(&self.plan.design.name)),
            ]),
            Json::Object(vec![
                ("Key", Json::str("vpcplan:key")),
                ("Value", Json::str(key)),
            ]),
        ])
    }

    fn tag_specifications(&self, resource_type: &str, name: &str, key: &str) -> Word {
        Json::Array(vec![Json::Object(vec![
            ("ResourceType", Json::str(resource_type)),
            ("Tags", self.tags(name, key)),
        ])])
        .to_word()
    }

    /// Writes each item's part of the script with `write`: in runs, on all
    /// cores of a native build, joined in the items' order. Only for parts
    /// that write lines, notes and created ids, and read nothing another
    /// part writes (VPCs, peerings).
    fn in_runs<T: Sync>(&mut self, items: &[T], write: impl Fn(&mut Deploy<'p, 'a>, &T) + Sync) {
        let runs: Vec<&[T]> = items.chunks(ITEMS_PER_RUN).collect();
        let written = parallel::map_in_order(runs.len(), |run| {
            let mut part = Deploy {
                plan: self.plan,
                out: Vec::new(),
                notes: Vec::new(),
                group_names: HashMap::default(),
                created: Vec::new(),
                routes: self.routes,
            };
            for item in runs[run] {
                write(&mut part, item);
            }
            // The run's lines as one, joined (and freed) on its own thread.
            let text = (!part.out.is_empty()).then(|| part.out.join("\n"));
            (text, part.notes, part.created)
        });
        for (text, notes, created) in written {
            self.out.extend(text);
            self.notes.extend(notes);
            self.created.extend(created);
        }
    }

    fn body(&mut self) {
        self.vpcs();
        self.security_groups();
        self.peerings();
        self.other_routes();
        self.security_group_rules();
        self.endpoint_services();
        self.interface_endpoints();
        self.gateway_endpoints();
        self.summary();
    }

    // ------------------------------------------------------------------ VPCs

    fn vpcs(&mut self) {
        for vpc in &self.plan.design.vpcs {
            if vpc.ipv4_cidrs.is_empty() {
                self.note(format!(
                    "VPC \"{}\" has no IPv4 CIDR (AWS requires one), so it and everything in it",
                    vpc.name
                ));
            }
        }
        let vpcs = self.plan.exported_vpcs();
        self.in_runs(&vpcs, |part, vpc| part.vpc(vpc));
    }

    fn vpc(&mut self, vpc: &Vpc) {
        let plan = self.plan;
        let Some(vpc_plan) = plan.vpcs.get(&vpc.id) else {
            return;
        };
        let profile = plan.profile(&vpc.account);
        let region = vpc.region.as_str();
        let var = vpc_plan.var.clone();
        self.section(&format!("VPC {}", escape_controls(&vpc.name)));
        self.log(
            "",
            format!(
                "creating VPC \"{}\" in account {} Region {region}",
                vpc.name, vpc.account
            ),
        );
        let primary = vpc.ipv4_cidrs[0];
        let create = AwsCall::ec2("create-vpc", profile.clone(), region)
            .arg("--cidr-block", Word::lit(primary.to_string()))
            .arg(
                "--tag-specifications",
                self.tag_specifications("vpc", &vpc.name, &vpc_plan.key),
            )
            .query("Vpc.VpcId");
        self.line(create.capture_id(&var));
        self.created.push(var.clone());
        self.line(
            AwsCall::ec2("wait vpc-available", profile.clone(), region)
                .arg("--vpc-ids", Word::var(&var))
                .run(),
        );
        for (attribute, value) in [
            ("--enable-dns-support", vpc.dns_support),
            ("--enable-dns-hostnames", vpc.dns_hostnames),
        ] {
            self.line(
                AwsCall::ec2("modify-vpc-attribute", profile.clone(), region)
                    .arg("--vpc-id", Word::var(&var))
                    .arg(
                        attribute,
                        Json::Object(vec![("Value", Json::Value(Value::Bool(value)))]).to_word(),
                    )
                    .run(),
            );
        }
        for cidr in &vpc.ipv4_cidrs[1..] {
            self.line(
                AwsCall::ec2("associate-vpc-cidr-block", profile.clone(), region)
                    .arg("--vpc-id", Word::var(&var))
                    .arg("--cidr-block", Word::lit(cidr.to_string()))
                    .run(),
            );
            self.line(format!(
                "wait_ipv4_cidr {} {} {} {}",
                profile.render(),
                quote(region),
                Word::var(&var).render(),
                quote(&cidr.to_string())
            ));
        }
        for (block_var, assoc_var) in vpc_plan.ipv6_vars.iter().zip(&vpc_plan.ipv6_assoc_vars) {
            self.line(
                AwsCall::ec2("associate-vpc-cidr-block", profile.clone(), region)
                    .arg("--vpc-id", Word::var(&var))
                    .flag("--amazon-provided-ipv6-cidr-block")
                    .query("Ipv6CidrBlockAssociation.AssociationId")
                    .capture_id(assoc_var),
            );
            self.line(format!(
                "{block_var}=$(wait_ipv6_block {} {} {} {})",
                profile.render(),
                quote(region),
                Word::var(&var).render(),
                Word::var(assoc_var).render()
            ));
            self.created.push(block_var.clone());
        }

        for subnet in &vpc.subnets {
            let Some(subnet_plan) = plan.subnets.get(&subnet.id) else {
                continue;
            };
            if subnet.ipv4_cidr.is_none() && subnet.ipv6_cidr.is_none() {
                self.note(format!("subnet \"{}\" has no CIDR", subnet.name));
                continue;
            }
            self.log("", format!("creating subnet \"{}\"", subnet.name));
            let mut call = AwsCall::ec2("create-subnet", profile.clone(), region)
                .arg("--vpc-id", Word::var(&var));
            if let Some(cidr) = subnet.ipv4_cidr {
                call = call.arg("--cidr-block", Word::lit(cidr.to_string()));
            }
            if let Some(cidr) = subnet.ipv6_cidr {
                call = call.arg("--ipv6-cidr-block", plan.ipv6(&cidr));
                if subnet.ipv4_cidr.is_none() {
                    call = call.flag("--ipv6-native");
                }
            }
            call = match &subnet.availability_zone_id {
                Some(zone_id) => call.text("--availability-zone-id", "AvailabilityZoneId", zone_id),
                None => call.text(
                    "--availability-zone",
                    "AvailabilityZone",
                    &subnet.availability_zone,
                ),
            };
            call = call
                .arg(
                    "--tag-specifications",
                    self.tag_specifications("subnet", &subnet.name, &subnet_plan.key),
                )
                .query("Subnet.SubnetId");
            self.line(call.capture_id(&subnet_plan.var));
            self.created.push(subnet_plan.var.clone());
        }

        let main = main_table(vpc).map(|table| table.id.clone());
        for table in &vpc.route_tables {
            let Some(table_plan) = plan.route_tables.get(&table.id) else {
                continue;
            };
            if Some(&table.id) == main.as_ref() {
                self.log(
                    "",
                    format!("naming the main route table \"{}\"", table.name),
                );
                let mut filter = Word::lit("Name=vpc-id,Values=");
                filter.push(Word::var(&var));
                self.line(
                    AwsCall::ec2("describe-route-tables", profile.clone(), region)
                        .args(
                            "--filters",
                            vec![filter, Word::lit("Name=association.main,Values=true")],
                        )
                        .query("RouteTables[0].RouteTableId")
                        .capture_id(&table_plan.var),
                );
                self.line(
                    AwsCall::ec2("create-tags", profile.clone(), region)
                        .arg("--resources", Word::var(&table_plan.var))
                        .arg("--tags", self.tags(&table.name, &table_plan.key).to_word())
                        .run(),
                );
                // Subnets listed under the main table use it implicitly.
            } else {
                self.log("", format!("creating route table \"{}\"", table.name));
                self.line(
                    AwsCall::ec2("create-route-table", profile.clone(), region)
                        .arg("--vpc-id", Word::var(&var))
                        .arg(
                            "--tag-specifications",
                            self.tag_specifications("route-table", &table.name, &table_plan.key),
                        )
                        .query("RouteTable.RouteTableId")
                        .capture_id(&table_plan.var),
                );
                self.associate(table, &profile, region, vpc);
            }
            self.created.push(table_plan.var.clone());
        }
    }

    fn associate(&mut self, table: &RouteTable, profile: &Word, region: &str, vpc: &Vpc) {
        let Some(table_plan) = self.plan.route_tables.get(&table.id) else {
            return;
        };
        for subnet_id in &table.subnets {
            let in_vpc = vpc.subnets.iter().any(|subnet| &subnet.id == subnet_id);
            match self.plan.subnets.get(subnet_id) {
                Some(subnet_plan) if in_vpc => {
                    self.line(
                        AwsCall::ec2("associate-route-table", profile.clone(), region)
                            .arg("--route-table-id", Word::var(&table_plan.var))
                            .arg("--subnet-id", Word::var(&subnet_plan.var))
                            .run(),
                    );
                }
                _ => self.note(format!(
                    "route table \"{}\" lists subnet {} that is not in its VPC",
                    table.name, subnet_id
                )),
            }
        }
    }

    // ------------------------------------------------------- security groups

    /// A security group name AWS accepts (letters, digits, spaces and
    /// `._-:/()#,@[]+=&;{}!$*`, at most 255 characters, not starting with
    /// `sg-`), unique in the VPC. The design's own name goes in the Name tag.
    /// When little of the design's name is left, the group is named after
    /// its variable (`vpcplan sg-app` for `SG_APP`).
    fn group_name(&mut self, vpc: &VpcId, wanted: &str, var: &str) -> String {
        let mut name: String = wanted
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || GROUP_NAME_PUNCTUATION.contains(*c))
            .collect();
        name = name.trim().to_owned();
        if name.chars().filter(char::is_ascii_alphanumeric).count() < 3 {
            name = format!("vpcplan {}", var.to_ascii_lowercase().replace('_', "-"));
        } else if name.to_ascii_lowercase().starts_with("sg-") {
            name = format!("vpcplan {name}");
        }
        name.truncate(240);
        let taken = self.group_names.entry(vpc.clone()).or_default();
        let mut candidate = name.clone();
        let mut number = 2;
        while !taken.insert(candidate.to_ascii_lowercase()) {
            candidate = format!("{name} {number}");
            number += 1;
        }
        candidate
    }

    fn create_group(&mut self, vpc: &Vpc, name: &str, description: &str, var: &str, key: &str) {
        let Some(vpc_plan) = self.plan.vpcs.get(&vpc.id) else {
            return;
        };
        let group_name = self.group_name(&vpc.id, name, var);
        // ASCII only after the filter, so truncating cannot split a character.
        let description: String = format!("vpcplan: {description}")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || GROUP_NAME_PUNCTUATION.contains(*c))
            .collect();
        let mut description = description.trim_end().to_owned();
        description.truncate(255);
        self.log("", format!("creating security group \"{name}\""));
        self.line(
            AwsCall::ec2(
                "create-security-group",
                self.plan.profile(&vpc.account),
                &vpc.region,
            )
            .arg("--vpc-id", Word::var(&vpc_plan.var))
            .text("--group-name", "GroupName", &group_name)
            .text("--description", "Description", &description)
            .arg(
                "--tag-specifications",
                self.tag_specifications("security-group", name, key),
            )
            .query("GroupId")
            .capture_id(var),
        );
        self.created.push(var.to_owned());
    }

    fn security_groups(&mut self) {
        let vpcs = self.plan.exported_vpcs();
        if vpcs.iter().all(|vpc| vpc.security_groups.is_empty()) {
            return;
        }
        self.section("Security groups (their rules come after the peerings)");
        for vpc in vpcs {
            for group in &vpc.security_groups {
                let Some(group_plan) = self.plan.security_groups.get(&group.id) else {
                    continue;
                };
                let (var, key) = (group_plan.var.clone(), group_plan.key.clone());
                self.create_group(vpc, &group.name, &group.name, &var, &key);
            }
        }
    }

    fn security_group_rules(&mut self) {
        let vpcs = self.plan.exported_vpcs();
        if vpcs.iter().all(|vpc| {
            vpc.security_groups
                .iter()
                .all(|group| group.ingress.is_empty())
        }) {
            return;
        }
        self.section("Security group rules");
        for vpc in vpcs {
            for group in &vpc.security_groups {
                let Some(group_plan) = self.plan.security_groups.get(&group.id) else {
                    continue;
                };
                let var = group_plan.var.clone();
                for rule in &group.ingress {
                    self.ingress(vpc, &group.name, &var, rule);
                }
            }
        }
    }

    fn ingress(&mut self, vpc: &Vpc, group_name: &str, group_var: &str, rule: &SecurityGroupRule) {
        let plan = self.plan;
        let profile = plan.profile(&vpc.account);
        let source = match &rule.source {
            RuleSource::Cidr(ipnet::IpNet::V4(net)) => (
                "IpRanges",
                Json::Array(vec![Json::Object(vec![(
                    "CidrIp",
                    Json::string(net.to_string()),
                )])]),
            ),
            RuleSource::Cidr(ipnet::IpNet::V6(net)) => (
                "Ipv6Ranges",
                Json::Array(vec![Json::Object(vec![(
                    "CidrIpv6",
                    json_word(plan.ipv6(net)),
                )])]),
            ),
            RuleSource::SecurityGroup {
                vpc: source_vpc,
                group,
            } => {
                let source = plan.exported_vpc(source_vpc);
                match (plan.security_groups.get(group), source) {
                    (Some(source_plan), Some(source)) => {
                        let mut pair =
                            vec![("GroupId", Json::Runtime(Word::var(&source_plan.var)))];
                        if source.account != vpc.account {
                            pair.push(("UserId", Json::str(&source.account.0)));
                        }
                        ("UserIdGroupPairs", Json::Array(vec![Json::Object(pair)]))
                    }
                    _ => {
                        self.note(format!(
                            "a rule of security group \"{group_name}\" refers to group {group} that is not in the design"
                        ));
                        return;
                    }
                }
            }
            RuleSource::PrefixList(list) => {
                let id = if list.starts_with("pl-") {
                    Json::str(list)
                } else {
                    let filter = Json::Array(vec![Json::Object(vec![
                        ("Name", Json::str("prefix-list-name")),
                        ("Values", Json::Array(vec![Json::str(list)])),
                    ])]);
                    self.line(
                        AwsCall::ec2(
                            "describe-managed-prefix-lists",
                            profile.clone(),
                            &vpc.region,
                        )
                        .arg("--filters", filter.to_word())
                        .query("PrefixLists[0].PrefixListId")
                        .capture("prefix_list"),
                    );
                    self.line(format!(
                        "[[ $prefix_list == pl-* ]] || die 'no managed prefix list named' {}",
                        log_text(list)
                    ));
                    Json::Runtime(Word::var("prefix_list"))
                };
                (
                    "PrefixListIds",
                    Json::Array(vec![Json::Object(vec![("PrefixListId", id)])]),
                )
            }
        };
        let permission = Json::Array(vec![Json::Object(vec![
            ("IpProtocol", Json::str(&rule.protocol)),
            ("FromPort", Json::Value(Value::from(rule.from_port))),
            ("ToPort", Json::Value(Value::from(rule.to_port))),
            source,
        ])]);
        self.line(
            AwsCall::ec2("authorize-security-group-ingress", profile, &vpc.region)
                .arg("--group-id", Word::var(group_var))
                .arg("--ip-permissions", permission.to_word())
                .run(),
        );
    }

    // --------------------------------------------------------------- peering

    fn peerings(&mut self) {
        let peerings: Vec<(&Link, &Peering)> = self
            .plan
            .design
            .links
            .iter()
            .filter_map(|link| match &link.spec {
                LinkSpec::Peering(peering) => Some((link, peering)),
                _ => None,
            })
            .collect();
        self.in_runs(&peerings, |part, (link, peering)| {
            part.peering(link, peering)
        });
    }

    fn peering(&mut self, link: &Link, peering: &Peering) {
        let plan = self.plan;
        let (Some(requester), Some(accepter), Some(link_plan)) = (
            plan.exported_vpc(&peering.requester),
            plan.exported_vpc(&peering.accepter),
            plan.links.get(&link.id),
        ) else {
            self.note(format!(
                "peering {} joins a VPC that is not created here",
                link.id
            ));
            return;
        };
        if requester.id == accepter.id {
            self.note(format!("peering {} joins a VPC to itself", link.id));
            return;
        }
        let (Some(requester_plan), Some(accepter_plan)) =
            (plan.vpcs.get(&requester.id), plan.vpcs.get(&accepter.id))
        else {
            return;
        };
        let var = link_plan.var.clone();
        let requester_profile = plan.profile(&requester.account);
        let accepter_profile = plan.profile(&accepter.account);
        self.section(&format!(
            "Peering {}: \"{}\" ({}, {}) requests, \"{}\" ({}, {}) accepts",
            escape_controls(&link.id.0),
            escape_controls(&requester.name),
            escape_controls(&requester.account.0),
            escape_controls(&requester.region),
            escape_controls(&accepter.name),
            escape_controls(&accepter.account.0),
            escape_controls(&accepter.region),
        ));
        self.log("", format!("requesting peering {}", link.id));
        let mut create = AwsCall::ec2(
            "create-vpc-peering-connection",
            requester_profile.clone(),
            &requester.region,
        )
        .arg("--vpc-id", Word::var(&requester_plan.var))
        .arg("--peer-vpc-id", Word::var(&accepter_plan.var));
        if requester.account != accepter.account {
            create = create.text("--peer-owner-id", "PeerOwnerId", &accepter.account.0);
        }
        if requester.region != accepter.region {
            create = create.text("--peer-region", "PeerRegion", &accepter.region);
        }
        create = create
            .arg(
                "--tag-specifications",
                self.tag_specifications("vpc-peering-connection", &link.id.0, &link_plan.key),
            )
            .query("VpcPeeringConnection.VpcPeeringConnectionId");
        self.line(create.capture_id(&var));
        self.created.push(var.clone());
        self.line(
            AwsCall::ec2(
                "wait vpc-peering-connection-exists",
                accepter_profile.clone(),
                &accepter.region,
            )
            .arg("--vpc-peering-connection-ids", Word::var(&var))
            .run(),
        );
        self.line(format!(
            "status=$(wait_peering {} {} {} pending-acceptance active)",
            accepter_profile.render(),
            quote(&accepter.region),
            Word::var(&var).render()
        ));
        self.line("if [[ $status == pending-acceptance ]]; then");
        self.log(
            "    ",
            format!(
                "accepting peering {} in account {}",
                link.id, accepter.account
            ),
        );
        self.line(format!(
            "    {}",
            AwsCall::ec2(
                "accept-vpc-peering-connection",
                accepter_profile.clone(),
                &accepter.region
            )
            .arg("--vpc-peering-connection-id", Word::var(&var))
            .run()
            .replace('\n', "\n    ")
        ));
        self.line("fi");
        self.line(format!(
            "wait_peering {} {} {} active >/dev/null",
            requester_profile.render(),
            quote(&requester.region),
            Word::var(&var).render()
        ));
        for (local, profile) in [
            (requester, requester_profile.clone()),
            (accepter, accepter_profile.clone()),
        ] {
            for table in &local.route_tables {
                let routes: Vec<RouteDestination> = self
                    .routes
                    .get(&table.id)
                    .into_iter()
                    .flatten()
                    .filter(|route| route.target == RouteTarget::Peering(link.id.clone()))
                    .map(|route| route.destination.clone())
                    .collect();
                let mut seen = HashSet::default();
                for destination in routes {
                    if seen.insert(destination.clone()) {
                        self.route(
                            local,
                            table,
                            &profile,
                            &destination,
                            "--vpc-peering-connection-id",
                            Word::var(&var),
                        );
                    }
                }
            }
        }
        if peering.dns_resolution {
            for (side, profile, vpc) in [
                (
                    "--requester-peering-connection-options",
                    requester_profile,
                    requester,
                ),
                (
                    "--accepter-peering-connection-options",
                    accepter_profile,
                    accepter,
                ),
            ] {
                self.line(
                    AwsCall::ec2(
                        "modify-vpc-peering-connection-options",
                        profile,
                        &vpc.region,
                    )
                    .arg("--vpc-peering-connection-id", Word::var(&var))
                    .arg(side, Word::lit("AllowDnsResolutionFromRemoteVpc=true"))
                    .run(),
                );
            }
        }
    }

    fn route(
        &mut self,
        vpc: &Vpc,
        table: &RouteTable,
        profile: &Word,
        destination: &RouteDestination,
        target_flag: &'static str,
        target: Word,
    ) {
        let Some(table_plan) = self.plan.route_tables.get(&table.id) else {
            return;
        };
        let call = AwsCall::ec2("create-route", profile.clone(), &vpc.region)
            .arg("--route-table-id", Word::var(&table_plan.var));
        let call = match destination {
            RouteDestination::Ipv4(net) => {
                call.arg("--destination-cidr-block", Word::lit(net.to_string()))
            }
            RouteDestination::Ipv6(net) => {
                call.arg("--destination-ipv6-cidr-block", self.plan.ipv6(net))
            }
            RouteDestination::PrefixList(list) if list.starts_with("pl-") => call.text(
                "--destination-prefix-list-id",
                "DestinationPrefixListId",
                list,
            ),
            RouteDestination::PrefixList(list) => {
                self.note(format!(
                    "a route of \"{}\" to prefix list \"{list}\" (give its pl- id)",
                    table.name
                ));
                return;
            }
        };
        self.line(call.arg(target_flag, target).run());
    }

    /// Explicit routes to targets outside the design (transit gateways,
    /// network interfaces, …). Peering routes come with their peering;
    /// gateway endpoint routes are added by AWS itself.
    fn other_routes(&mut self) {
        let mut started = false;
        for vpc in self.plan.exported_vpcs() {
            let profile = self.plan.profile(&vpc.account);
            for table in &vpc.route_tables {
                for route in &table.routes {
                    let (flag, id) = match &route.target {
                        RouteTarget::Peering(_) | RouteTarget::GatewayEndpoint(_) => continue,
                        RouteTarget::Edge(kind) => {
                            self.note(format!(
                                "a route of \"{}\" to the VPC's {kind:?} (edge gateways are not created by this script)",
                                table.name
                            ));
                            continue;
                        }
                        RouteTarget::Other(id) => match target_flag(id) {
                            Some(flag) => (flag, id),
                            None => {
                                self.note(format!(
                                    "a route of \"{}\" to \"{id}\" (unknown kind of target)",
                                    table.name
                                ));
                                continue;
                            }
                        },
                    };
                    if !started {
                        self.section("Routes to targets outside the design");
                        started = true;
                    }
                    self.route(
                        vpc,
                        table,
                        &profile,
                        &route.destination,
                        flag,
                        Word::lit(id),
                    );
                }
            }
        }
    }

    // ---------------------------------------------------- endpoint services

    fn endpoint_services(&mut self) {
        let plan = self.plan;
        for service in &plan.design.services {
            let (ServiceKind::EndpointService(endpoint_service), Some(service_plan)) =
                (&service.kind, plan.services.get(&service.id))
            else {
                continue;
            };
            let Some(provider) = plan.exported_vpc(&endpoint_service.provider_vpc) else {
                self.note(format!(
                    "endpoint service \"{}\": its provider VPC is not created here",
                    service.name
                ));
                continue;
            };
            if service_plan.nlb_vars.is_empty() && service_plan.gwlb_vars.is_empty() {
                self.note(format!(
                    "endpoint service \"{}\" has no load balancer",
                    service.name
                ));
                continue;
            }
            let profile = plan.profile(&provider.account);
            self.section(&format!(
                "Endpoint service {} (provider account {}, {})",
                escape_controls(&service.name),
                escape_controls(&provider.account.0),
                escape_controls(&provider.region)
            ));
            self.log(
                "",
                format!("creating endpoint service \"{}\"", service.name),
            );
            let mut call = AwsCall::ec2(
                "create-vpc-endpoint-service-configuration",
                profile.clone(),
                &provider.region,
            );
            if !service_plan.nlb_vars.is_empty() {
                call = call.args(
                    "--network-load-balancer-arns",
                    service_plan
                        .nlb_vars
                        .iter()
                        .map(|var| Word::var(var))
                        .collect(),
                );
            }
            if !service_plan.gwlb_vars.is_empty() {
                call = call.args(
                    "--gateway-load-balancer-arns",
                    service_plan
                        .gwlb_vars
                        .iter()
                        .map(|var| Word::var(var))
                        .collect(),
                );
            }
            call = call.flag(if endpoint_service.acceptance_required {
                "--acceptance-required"
            } else {
                "--no-acceptance-required"
            });
            if !endpoint_service.supported_ip_address_types.is_empty() {
                call = call.args(
                    "--supported-ip-address-types",
                    endpoint_service
                        .supported_ip_address_types
                        .iter()
                        .map(|family| {
                            Word::lit(match family {
                                IpFamily::Ipv4 => "ipv4",
                                IpFamily::Ipv6 => "ipv6",
                            })
                        })
                        .collect(),
                );
            }
            call = call
                .texts(
                    "--supported-regions",
                    "SupportedRegions",
                    &endpoint_service.supported_regions,
                )
                .arg(
                    "--tag-specifications",
                    self.tag_specifications(
                        "vpc-endpoint-service",
                        &service.name,
                        &service_plan.key,
                    ),
                )
                .query("ServiceConfiguration.[ServiceId, ServiceName]");
            self.line(call.capture("created"));
            self.line(format!(
                "read -r {id} {name} <<<\"$created\"\nneed {id} \"${{{id}}}\"\nneed {name} \"${{{name}}}\"",
                id = service_plan.id_var,
                name = service_plan.name_var
            ));
            self.created.push(service_plan.id_var.clone());
            self.created.push(service_plan.name_var.clone());
            if !endpoint_service.allowed_principals.is_empty() {
                self.line(
                    AwsCall::ec2(
                        "modify-vpc-endpoint-service-permissions",
                        profile,
                        &provider.region,
                    )
                    .arg("--service-id", Word::var(&service_plan.id_var))
                    .texts(
                        "--add-allowed-principals",
                        "AddAllowedPrincipals",
                        &endpoint_service.allowed_principals,
                    )
                    .run(),
                );
            }
        }
    }

    fn load_balancer_settings(&self) -> String {
        let mut lines = String::new();
        for service in &self.plan.design.services {
            let (ServiceKind::EndpointService(endpoint_service), Some(service_plan)) =
                (&service.kind, self.plan.services.get(&service.id))
            else {
                continue;
            };
            if self
                .plan
                .exported_vpc(&endpoint_service.provider_vpc)
                .is_none()
            {
                continue;
            }
            let balancers = endpoint_service
                .network_load_balancers
                .iter()
                .zip(&service_plan.nlb_vars)
                .chain(
                    endpoint_service
                        .gateway_load_balancers
                        .iter()
                        .zip(&service_plan.gwlb_vars),
                );
            for (balancer, var) in balancers {
                if looks_like_arn(&balancer.name) {
                    lines.push_str(&format!("{var}=${{{var}:-{}}}\n", quote(&balancer.name)));
                } else {
                    lines.push_str(&format!(
                        "[[ -n ${{{var}:-}} ]] || {{ printf 'vpcplan: ERROR: set %s to the ARN of load balancer %s\\n' {var} {} >&2; exit 1; }}\n",
                        log_text(&balancer.name)
                    ));
                }
            }
        }
        lines
    }

    // ---------------------------------------------------------- endpoints

    fn interface_endpoints(&mut self) {
        let links: Vec<&Link> = self.plan.design.links.iter().collect();
        let mut accept = Vec::new();
        for link in links {
            if let LinkSpec::InterfaceEndpoint(endpoint) = &link.spec
                && let Some(pending) = self.interface_endpoint(link, endpoint)
            {
                accept.push(pending);
            }
        }
        if accept.is_empty() {
            return;
        }
        self.section("Endpoint connections: the consumer's endpoint waits, the provider accepts");
        for Acceptance {
            provider_profile: profile,
            provider_region: region,
            service_var,
            endpoint_var,
            link,
            consumer_profile,
            consumer_region,
        } in accept
        {
            self.log("", format!("accepting the connection of endpoint {link}"));
            self.line(format!(
                "state=$(wait_endpoint {} {} {})",
                consumer_profile.render(),
                quote(&consumer_region),
                Word::var(&endpoint_var).render()
            ));
            self.line("if [[ ${state,,} == pendingacceptance ]]; then");
            let call = AwsCall::ec2("accept-vpc-endpoint-connections", profile, &region)
                .arg("--service-id", Word::var(&service_var))
                .arg("--vpc-endpoint-ids", Word::var(&endpoint_var))
                .query("Unsuccessful[].Error.Message");
            self.line(format!(
                "    {}",
                call.capture("failed").replace('\n', "\n    ")
            ));
            self.line(format!(
                "    [[ -z $failed || $failed == None ]] || die \"could not accept endpoint ${endpoint_var}: $failed\""
            ));
            self.line("fi");
        }
    }

    /// Creates one interface (or GWLB, resource, service-network) endpoint;
    /// returns what the provider must accept, if anything.
    fn interface_endpoint(
        &mut self,
        link: &Link,
        endpoint: &InterfaceEndpoint,
    ) -> Option<Acceptance> {
        let plan = self.plan;
        let (Some(vpc), Some(link_plan)) =
            (plan.exported_vpc(&endpoint.vpc), plan.links.get(&link.id))
        else {
            self.note(format!("endpoint {}: its VPC is not created here", link.id));
            return None;
        };
        let vpc_plan = plan.vpcs.get(&vpc.id)?;
        let profile = plan.profile(&vpc.account);
        let var = link_plan.var.clone();

        // What the endpoint connects to.
        let mut accept = None;
        let (endpoint_type, service_name, service_region, port) = match &endpoint.target {
            EndpointTarget::Service(service_id)
            | EndpointTarget::GatewayLoadBalancer(service_id) => {
                let gwlb = matches!(endpoint.target, EndpointTarget::GatewayLoadBalancer(_));
                let endpoint_type = if gwlb {
                    "GatewayLoadBalancer"
                } else {
                    "Interface"
                };
                let Some(service) = plan.design.service(service_id) else {
                    self.note(format!(
                        "endpoint {}: service {service_id} is not in the design",
                        link.id
                    ));
                    return None;
                };
                match &service.kind {
                    ServiceKind::Aws { service: suffix } => {
                        let region = endpoint
                            .service_region
                            .clone()
                            .unwrap_or_else(|| vpc.region.clone());
                        let name = endpoint.service_name.clone().unwrap_or_else(|| {
                            aws_service(suffix)
                                .map(|known| known.service_name(&region))
                                .unwrap_or_else(|| format!("com.amazonaws.{region}.{suffix}"))
                        });
                        let port = aws_service(suffix).map_or(443, |known| known.port);
                        let cross = (region != vpc.region).then_some(region);
                        (endpoint_type, ServiceName::Text(name), cross, port)
                    }
                    ServiceKind::EndpointService(endpoint_service) => {
                        let (Some(service_plan), Some(provider)) = (
                            plan.services.get(service_id),
                            plan.exported_vpc(&endpoint_service.provider_vpc),
                        ) else {
                            self.note(format!(
                                "endpoint {}: endpoint service \"{}\" is not created here",
                                link.id, service.name
                            ));
                            return None;
                        };
                        if endpoint_service.acceptance_required {
                            accept = Some(Acceptance {
                                provider_profile: plan.profile(&provider.account),
                                provider_region: provider.region.clone(),
                                service_var: service_plan.id_var.clone(),
                                endpoint_var: var.clone(),
                                link: link.id.to_string(),
                                consumer_profile: profile.clone(),
                                consumer_region: vpc.region.clone(),
                            });
                        }
                        let cross =
                            (provider.region != vpc.region).then(|| provider.region.clone());
                        (
                            endpoint_type,
                            ServiceName::Var(service_plan.name_var.clone()),
                            cross,
                            endpoint_service.port,
                        )
                    }
                }
            }
            EndpointTarget::Resource {
                configuration_arn: Some(arn),
            } => ("Resource", ServiceName::Resource(arn.clone()), None, 0),
            EndpointTarget::ServiceNetwork { arn: Some(arn) } => {
                ("ServiceNetwork", ServiceName::Network(arn.clone()), None, 0)
            }
            EndpointTarget::Resource {
                configuration_arn: None,
            }
            | EndpointTarget::ServiceNetwork { arn: None } => {
                self.note(format!(
                    "endpoint {}: no ARN for its VPC Lattice target",
                    link.id
                ));
                return None;
            }
        };

        self.section(&format!(
            "{endpoint_type} endpoint {} in \"{}\"",
            escape_controls(&link.id.0),
            escape_controls(&vpc.name)
        ));

        // Its security groups: the design's, or a generated one that lets the
        // consumer VPC reach the service port.
        let mut groups: Vec<Word> = endpoint
            .security_groups
            .iter()
            .filter(|group| vpc.security_groups.iter().any(|own| &own.id == *group))
            .filter_map(|group| plan.security_groups.get(group))
            .map(|group| Word::var(&group.var))
            .collect();
        if let Some(generated) = plan.endpoint_security_groups.get(&link.id)
            && endpoint_type == "Interface"
        {
            let (group_var, group_key) = (generated.var.clone(), generated.key.clone());
            let name = format!("{} endpoint", link.id);
            self.create_group(vpc, &name, &name, &group_var, &group_key);
            let mut ranges = vec![(
                "IpRanges",
                Json::Array(
                    vpc.ipv4_cidrs
                        .iter()
                        .map(|cidr| Json::Object(vec![("CidrIp", Json::string(cidr.to_string()))]))
                        .collect(),
                ),
            )];
            if endpoint.ip_address_type != IpAddressType::Ipv4 && !vpc.ipv6_cidrs.is_empty() {
                ranges.push((
                    "Ipv6Ranges",
                    Json::Array(
                        vpc_plan
                            .ipv6_vars
                            .iter()
                            .map(|block| {
                                Json::Object(vec![("CidrIpv6", Json::Runtime(Word::var(block)))])
                            })
                            .collect(),
                    ),
                ));
            }
            let mut permission = vec![
                ("IpProtocol", Json::str("tcp")),
                ("FromPort", Json::Value(Value::from(port))),
                ("ToPort", Json::Value(Value::from(port))),
            ];
            permission.extend(ranges);
            self.line(
                AwsCall::ec2(
                    "authorize-security-group-ingress",
                    profile.clone(),
                    &vpc.region,
                )
                .arg("--group-id", Word::var(&group_var))
                .arg(
                    "--ip-permissions",
                    Json::Array(vec![Json::Object(permission)]).to_word(),
                )
                .run(),
            );
            groups.push(Word::var(&group_var));
        }

        let subnets: Vec<Word> = endpoint
            .subnets
            .iter()
            .filter(|subnet| vpc.subnets.iter().any(|own| &own.id == *subnet))
            .filter_map(|subnet| plan.subnets.get(subnet))
            .map(|subnet| Word::var(&subnet.var))
            .collect();

        self.log("", format!("creating endpoint {}", link.id));
        let mut call = AwsCall::ec2("create-vpc-endpoint", profile, &vpc.region)
            .arg("--vpc-endpoint-type", Word::lit(endpoint_type))
            .arg("--vpc-id", Word::var(&vpc_plan.var));
        call = match service_name {
            ServiceName::Text(name) => call.text("--service-name", "ServiceName", &name),
            ServiceName::Var(name_var) => call.arg("--service-name", Word::var(&name_var)),
            ServiceName::Resource(arn) => call.text(
                "--resource-configuration-arn",
                "ResourceConfigurationArn",
                &arn,
            ),
            ServiceName::Network(arn) => {
                call.text("--service-network-arn", "ServiceNetworkArn", &arn)
            }
        };
        if let Some(region) = &service_region {
            call = call.text("--service-region", "ServiceRegion", region);
        }
        if !subnets.is_empty() {
            let subnets = if endpoint_type == "GatewayLoadBalancer" {
                subnets.into_iter().take(1).collect()
            } else {
                subnets
            };
            call = call.args("--subnet-ids", subnets);
        }
        if !groups.is_empty() && endpoint_type != "GatewayLoadBalancer" {
            call = call.args("--security-group-ids", groups);
        }
        if endpoint_type == "Interface" {
            call = call.flag(if endpoint.private_dns {
                "--private-dns-enabled"
            } else {
                "--no-private-dns-enabled"
            });
        }
        call = call.arg(
            "--ip-address-type",
            Word::lit(ip_address_type(endpoint.ip_address_type)),
        );
        if let Some(record_type) = endpoint.dns_record_ip_type {
            call = call.arg(
                "--dns-options",
                Word::lit(format!(
                    "DnsRecordIpType={}",
                    match record_type {
                        DnsRecordIpType::Ipv4 => "ipv4",
                        DnsRecordIpType::Dualstack => "dualstack",
                        DnsRecordIpType::Ipv6 => "ipv6",
                        DnsRecordIpType::ServiceDefined => "service-defined",
                    }
                )),
            );
        }
        if let Some(policy) = &endpoint.policy {
            call = call.text("--policy-document", "PolicyDocument", policy);
        }
        call = call
            .arg(
                "--tag-specifications",
                self.tag_specifications("vpc-endpoint", &link.id.0, &link_plan.key),
            )
            .query("VpcEndpoint.VpcEndpointId");
        self.line(call.capture_id(&var));
        self.created.push(var);
        accept
    }

    fn gateway_endpoints(&mut self) {
        let links: Vec<&Link> = self.plan.design.links.iter().collect();
        for link in links {
            if let LinkSpec::GatewayEndpoint(endpoint) = &link.spec {
                self.gateway_endpoint(link, endpoint);
            }
        }
    }

    fn gateway_endpoint(&mut self, link: &Link, endpoint: &GatewayEndpoint) {
        let plan = self.plan;
        let (Some(vpc), Some(link_plan)) =
            (plan.exported_vpc(&endpoint.vpc), plan.links.get(&link.id))
        else {
            self.note(format!(
                "gateway endpoint {}: its VPC is not created here",
                link.id
            ));
            return;
        };
        let Some(vpc_plan) = plan.vpcs.get(&vpc.id) else {
            return;
        };
        let Some(ServiceKind::Aws { service }) = plan
            .design
            .service(&endpoint.service)
            .map(|service| &service.kind)
        else {
            self.note(format!(
                "gateway endpoint {}: its service is not an AWS service of the design",
                link.id
            ));
            return;
        };
        let service_name = aws_service(service)
            .map(|known| known.service_name(&vpc.region))
            .unwrap_or_else(|| gateway_prefix_list(service, &vpc.region));
        self.section(&format!(
            "Gateway endpoint {} in \"{}\" (AWS adds its routes; no create-route)",
            escape_controls(&link.id.0),
            escape_controls(&vpc.name)
        ));
        self.log("", format!("creating gateway endpoint {}", link.id));
        let tables: Vec<Word> = endpoint
            .route_tables
            .iter()
            .filter(|table| vpc.route_tables.iter().any(|own| &own.id == *table))
            .filter_map(|table| plan.route_tables.get(table))
            .map(|table| Word::var(&table.var))
            .collect();
        let mut call = AwsCall::ec2(
            "create-vpc-endpoint",
            plan.profile(&vpc.account),
            &vpc.region,
        )
        .arg("--vpc-endpoint-type", Word::lit("Gateway"))
        .arg("--vpc-id", Word::var(&vpc_plan.var))
        .text("--service-name", "ServiceName", &service_name);
        if !tables.is_empty() {
            call = call.args("--route-table-ids", tables);
        }
        if endpoint.ip_address_type != IpAddressType::Ipv4 {
            call = call.arg(
                "--ip-address-type",
                Word::lit(ip_address_type(endpoint.ip_address_type)),
            );
        }
        if let Some(policy) = &endpoint.policy {
            call = call.text("--policy-document", "PolicyDocument", policy);
        }
        call = call
            .arg(
                "--tag-specifications",
                self.tag_specifications("vpc-endpoint", &link.id.0, &link_plan.key),
            )
            .query("VpcEndpoint.VpcEndpointId");
        self.line(call.capture_id(&link_plan.var));
        self.created.push(link_plan.var.clone());
    }

    fn summary(&mut self) {
        self.section("Done");
        self.line("log 'done; the ids created:'");
        let created = std::mem::take(&mut self.created);
        for var in created {
            self.line(format!("printf '%s=%s\\n' {var} \"${{{var}}}\""));
        }
    }
}

/// An endpoint whose connection the provider must accept.
struct Acceptance {
    provider_profile: Word,
    provider_region: String,
    service_var: String,
    endpoint_var: String,
    link: String,
    consumer_profile: Word,
    consumer_region: String,
}

enum ServiceName {
    Text(String),
    Var(String),
    Resource(String),
    Network(String),
}

fn ip_address_type(kind: IpAddressType) -> &'static str {
    match kind {
        IpAddressType::Ipv4 => "ipv4",
        IpAddressType::Dualstack => "dualstack",
        IpAddressType::Ipv6 => "ipv6",
    }
}

/// A JSON string from a shell word: static when the word is design text.
fn json_word(word: Word) -> Json<'static> {
    match word.as_literal() {
        Some(text) => Json::string(text.to_owned()),
        None => Json::Runtime(word),
    }
}

/// The `create-route` flag for a target id outside the design, by its prefix.
fn target_flag(id: &str) -> Option<&'static str> {
    let flags = [
        ("tgw-", "--transit-gateway-id"),
        ("nat-", "--nat-gateway-id"),
        ("eni-", "--network-interface-id"),
        ("igw-", "--gateway-id"),
        ("vgw-", "--gateway-id"),
        ("eigw-", "--egress-only-internet-gateway-id"),
        ("pcx-", "--vpc-peering-connection-id"),
        ("lgw-", "--local-gateway-id"),
        ("cagw-", "--carrier-gateway-id"),
    ];
    flags
        .iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, flag)| *flag)
}
