//! `cli/deploy.sh`: creates the design's network with the AWS CLI, in
//! dependency order: VPCs and their CIDRs, subnets, route tables, security
//! groups, peerings (request, accept in the accepter's account and Region,
//! wait until active, routes on both sides, DNS options), security group
//! rules, endpoint services, interface endpoints, endpoint connection
//! acceptance, and gateway endpoints.
//!
//! This file holds the writer's bookkeeping (lines, notes, tags, runs on all
//! cores) and the order of the sections; each resource kind has its own file,
//! named as in the CloudFormation writer (`cloudformation/stack/`), so a
//! change to how one kind is exported is two files side by side.

mod endpoint_service;
mod gateway_endpoint;
mod interface_endpoint;
mod peering;
mod route;
mod route_table;
mod security_group;
mod subnet;
mod vpc;

use vpcplan_core::collections::{HashMap, HashSet};

use vpcplan_core::Diagnostic;
use vpcplan_core::design::{IpAddressType, RouteTableId, VpcId};
use vpcplan_core::routes::{EffectiveRoute, effective_routes};

use super::Plan;
use super::header::{self, Header};
use super::shell::{Json, Word, comment, escape_controls, quote_into, section_heading};
use crate::parallel;
use crate::shared::names::tag_value;

pub(super) const FUNCTIONS: &str = include_str!("../deploy_functions.bash");

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
    let environment = deploy.load_balancer_environment();
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
                "Last step: verify.sh asks VPC Reachability Analyzer whether AWS finds the path",
                "of each intent of the design (billed per analysis; it asks first).",
                "",
                "Route tables: every table of the design is created, its main table too, and",
                "each designed subnet is associated with its table explicitly; the VPC's own",
                "main table keeps only its local routes. The CloudFormation export builds the",
                "same, since CloudFormation cannot change a VPC's main table. A subnet added",
                "later outside the design uses the VPC's own main table until you associate it.",
                "Endpoints designed without a security group get the VPC's default group (AWS",
                "attaches it when none is given).",
                "",
                "ルートテーブル: 設計のルートテーブルはメインも含めてすべて作成し、設計上の各サブネット",
                "を明示的に関連付けます。VPC 自身のメインルートテーブルはローカルルートのみのまま残り",
                "ます(CloudFormation では VPC のメインルートテーブルを変更できないため、CloudFormation",
                "のエクスポートも同じ構成です)。設計外で後から追加したサブネットは、関連付けるまで VPC",
                "自身のメインルートテーブルを使います。セキュリティグループが設計されていないエンドポイ",
                "ントには、VPC のデフォルトセキュリティグループが付きます(指定がない場合に AWS が付け",
                "ます)。",
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

    /// The tags of a resource: `Name` and `vpcplan:id` as the templates
    /// give them (`shared::names`), and `vpcplan:design` and `vpcplan:key`,
    /// by which teardown.sh finds it.
    fn tags<'t>(&'t self, name: &str, id: &str, key: &'t str) -> Json<'t> {
        Json::Array(vec![
            Json::Object(vec![
                ("Key", Json::str("Name")),
                ("Value", Json::string(tag_value(name))),
            ]),
            Json::Object(vec![
                ("Key", Json::str("vpcplan:id")),
                ("Value", Json::string(tag_value(id))),
            ]),
            Json::Object(vec![
                ("Key", Json::str("vpcplan:design")),
                ("Value", Json::string(tag_value(&self.plan.design.name))),
            ]),
            Json::Object(vec![
                ("Key", Json::str("vpcplan:key")),
                ("Value", Json::str(key)),
            ]),
        ])
    }

    fn tag_specifications(&self, resource_type: &str, name: &str, id: &str, key: &str) -> Word {
        Json::Array(vec![Json::Object(vec![
            ("ResourceType", Json::str(resource_type)),
            ("Tags", self.tags(name, id, key)),
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

    fn summary(&mut self) {
        self.section("Done");
        self.line("log 'done; the ids created:'");
        let created = std::mem::take(&mut self.created);
        for var in created {
            self.line(format!("printf '%s=%s\\n' {var} \"${{{var}}}\""));
        }
    }
}

fn ip_address_type(kind: IpAddressType) -> &'static str {
    match kind {
        IpAddressType::Ipv4 => "ipv4",
        IpAddressType::Dualstack => "dualstack",
        IpAddressType::Ipv6 => "ipv6",
    }
}
