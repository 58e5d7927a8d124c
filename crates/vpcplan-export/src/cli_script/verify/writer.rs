//! The lines of `verify.sh` after its functions: the plan and the
//! question, then per intent the lookups of the deployed resources, the
//! temporary ones and the analysis, then the verdicts.

use vpcplan_core::design::{Link, LinkId, Subnet, SubnetId, Vpc, VpcId};

use super::{Check, Destination, Ends, ServiceName};
use crate::cli_script::shell::{Json, Word, comment, escape_controls, section_heading};
use crate::cli_script::{Plan, VarNames};
use crate::cloudformation::node::{TAG_VALUE_MAX, truncate_chars};

pub(super) struct Verify<'p, 'a> {
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

impl<'p, 'a> Verify<'p, 'a> {
    /// The lines after the functions, for `checks`.
    pub(super) fn write(plan: &'p Plan<'a>, checks: &[Check<'a>]) -> Vec<String> {
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
        verify.body(checks);
        verify.out
    }

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
pub(crate) fn name_filter(name: &str) -> String {
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
