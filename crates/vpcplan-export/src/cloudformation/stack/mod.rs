//! One network template: the VPCs of a stack and everything hanging off them.
//!
//! This file holds the builder's bookkeeping (logical ids, parameters,
//! conditions, resources, outputs, values that may come from another stack)
//! and the order resources are written in; each resource kind has its own
//! file, named as in the CLI script writer (`cli_script/deploy/`), so a change
//! to how one kind is exported is two files side by side.

mod endpoint_service;
mod gateway_endpoint;
mod interface_endpoint;
mod peer_role;
mod peering;
mod route;
mod route_table;
mod security_group;
mod subnet;
mod vpc;

use std::collections::BTreeSet;

use vpcplan_core::collections::{HashMap, HashSet};

use ipnet::Ipv6Net;
use vpcplan_core::Diagnostic;
use vpcplan_core::design::{IpAddressType, LinkId, RouteTableId, SecurityGroupId, SubnetId};

use super::node::{
    Node, Obj, and, cidr, condition, equals, escape_substitutions, get_att, not, reference, select,
    truncate_bytes, truncate_chars,
};
use super::plan::{Ctx, Import, Source};
use crate::LogicalIds;

/// A parameter of the template and where its value comes from.
#[derive(Debug, Clone)]
pub(crate) struct ImportedParameter {
    pub name: String,
    pub import: Import,
    pub source: Source,
    /// Empty at creation; passed by a later update.
    pub deferred: bool,
    /// The source stack must exist before this one is created.
    pub ordering: bool,
    pub description: String,
    pub default: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Export {
    pub output: String,
    /// The output exists only once the stack's deferred parameters are set.
    pub conditional: bool,
}

/// An interface endpoint that waits in `pendingAcceptance` until the
/// provider accepts it.
#[derive(Debug, Clone)]
pub(crate) struct Acceptance {
    pub endpoint_output: String,
    pub service: usize,
    pub service_name: String,
}

/// A target group the stack creates for an endpoint service's new load
/// balancer, without targets: the user registers them.
#[derive(Debug, Clone)]
pub(crate) struct EmptyTargetGroup {
    pub output: String,
    pub service_name: String,
    pub balancer_name: String,
    pub port: u16,
}

/// A peering whose DNS resolution option is set after deployment.
#[derive(Debug, Clone)]
pub(crate) struct PeeringDns {
    pub link: LinkId,
    pub output: String,
    pub requester_name: String,
    pub accepter_name: String,
}

/// What a stack's template takes from and gives to other stacks (its
/// template is returned beside it).
pub(crate) struct BuiltStack {
    pub imports: Vec<ImportedParameter>,
    pub exports: HashMap<Import, Export>,
    pub service_id_outputs: HashMap<usize, String>,
    pub acceptances: Vec<Acceptance>,
    pub peering_dns: Vec<PeeringDns>,
    pub target_groups: Vec<EmptyTargetGroup>,
    pub notes: Vec<String>,
    /// The template creates named IAM roles (deploys need
    /// `CAPABILITY_NAMED_IAM`).
    pub iam: bool,
}

/// A value to put in a property, with what it needs.
struct Val {
    node: Node,
    /// Deferred parameters it needs (the resource becomes conditional).
    conditions: BTreeSet<String>,
    /// Resources that must exist first (`DependsOn`).
    after: Vec<String>,
    /// A plain literal: no parameter, no reference.
    literal: bool,
}

impl Val {
    fn literal(node: impl Into<Node>) -> Val {
        Val {
            node: node.into(),
            conditions: BTreeSet::new(),
            after: Vec::new(),
            literal: true,
        }
    }

    fn reference(node: Node, conditions: BTreeSet<String>) -> Val {
        Val {
            node,
            conditions,
            after: Vec::new(),
            literal: false,
        }
    }
}

struct ParamSpec {
    kind: &'static str,
    /// `String` (checked with `pattern`) or an AWS-specific type.
    parameter_type: &'static str,
    name: String,
    description: String,
    pattern: &'static str,
    constraint: &'static str,
    default: Option<String>,
}

const VPC_ID_PATTERN: &str = "vpc-[0-9a-zA-Z]+";
const PEERING_ID_PATTERN: &str = "pcx-[0-9a-zA-Z]+";
const GROUP_ID_PATTERN: &str = "sg-[0-9a-zA-Z]+";
const IPV6_CIDR_PATTERN: &str = "[0-9a-fA-F:]+/[0-9]{1,3}";
const SERVICE_NAME_PATTERN: &str = "com\\.amazonaws\\.vpce\\.[a-z0-9-]+\\.vpce-svc-[0-9a-zA-Z]+";
const LOAD_BALANCER_PATTERN: &str = "arn:aws[a-z-]*:elasticloadbalancing:\\S+";
const PREFIX_LIST_PATTERN: &str = "pl-[0-9a-zA-Z]+";

struct Builder<'c, 'd> {
    ctx: &'c Ctx<'d>,
    me: usize,
    position: Option<&'c [usize]>,
    needed: &'c HashSet<Import>,
    ids: LogicalIds,
    /// Outputs have their own namespace.
    output_ids: LogicalIds,
    vpc_ids: HashMap<usize, String>,
    ipv4_block_ids: HashMap<(usize, usize), String>,
    ipv6_block_ids: HashMap<(usize, usize), String>,
    subnet_ids: HashMap<&'d SubnetId, (usize, String)>,
    table_ids: HashMap<&'d RouteTableId, (usize, String)>,
    group_ids: HashMap<&'d SecurityGroupId, (usize, String)>,
    peering_ids: HashMap<&'d LinkId, String>,
    service_ids: HashMap<usize, String>,
    resource_conditions: HashMap<String, BTreeSet<String>>,
    parameters: Obj,
    imports: Vec<ImportedParameter>,
    import_of: HashMap<Import, usize>,
    conditions: Obj,
    condition_of: HashMap<BTreeSet<String>, String>,
    resources: Obj,
    outputs: Obj,
    exports: HashMap<Import, Export>,
    service_id_outputs: HashMap<usize, String>,
    acceptances: Vec<Acceptance>,
    peering_dns: Vec<PeeringDns>,
    target_groups: Vec<EmptyTargetGroup>,
    notes: Vec<String>,
    has_main_table: bool,
    /// Rules that reference a group in a peer VPC, written after the
    /// peerings they wait for.
    peer_group_rules: Vec<security_group::PeerGroupRule>,
    iam: bool,
}

/// Builds the template of stack `me`. `position` is each stack's place in
/// the creation order (None while the order is being worked out); `needed`
/// holds the values other stacks import, which this stack outputs.
pub(crate) fn build(
    ctx: &Ctx<'_>,
    me: usize,
    position: Option<&[usize]>,
    needed: &HashSet<Import>,
    errors: &[Diagnostic],
) -> (Node, BuiltStack) {
    let mut builder = Builder {
        ctx,
        me,
        position,
        needed,
        ids: LogicalIds::new(),
        output_ids: LogicalIds::new(),
        vpc_ids: HashMap::default(),
        ipv4_block_ids: HashMap::default(),
        ipv6_block_ids: HashMap::default(),
        subnet_ids: HashMap::default(),
        table_ids: HashMap::default(),
        group_ids: HashMap::default(),
        peering_ids: HashMap::default(),
        service_ids: HashMap::default(),
        resource_conditions: HashMap::default(),
        parameters: Obj::new(),
        imports: Vec::new(),
        import_of: HashMap::default(),
        conditions: Obj::new(),
        condition_of: HashMap::default(),
        resources: Obj::new(),
        outputs: Obj::new(),
        exports: HashMap::default(),
        service_id_outputs: HashMap::default(),
        acceptances: Vec::new(),
        peering_dns: Vec::new(),
        target_groups: Vec::new(),
        notes: Vec::new(),
        has_main_table: false,
        peer_group_rules: Vec::new(),
        iam: false,
    };
    let vpcs = ctx.stacks[me].vpcs.clone();
    builder.allocate_ids(&vpcs);
    for &vpc in &vpcs {
        builder.emit_vpc(vpc);
    }
    for &vpc in &vpcs {
        builder.emit_security_groups(vpc);
    }
    for &vpc in &vpcs {
        builder.emit_endpoint_services(vpc);
    }
    for &vpc in &vpcs {
        builder.emit_peer_role(vpc);
        builder.emit_peerings(vpc);
    }
    builder.emit_peer_group_rules();
    for &vpc in &vpcs {
        builder.emit_routes(vpc);
    }
    for &vpc in &vpcs {
        builder.emit_interface_endpoints(vpc);
        builder.emit_gateway_endpoints(vpc);
    }
    builder.finish(errors)
}

impl<'c, 'd> Builder<'c, 'd> {
    /// Names first, in design order, so ids never depend on which resource
    /// happens to reference which first.
    fn allocate_ids(&mut self, vpcs: &[usize]) {
        let design = self.ctx.design;
        for &position in vpcs {
            let vpc = &design.vpcs[position];
            let id = self.allocate("Vpc", &vpc.name);
            self.vpc_ids.insert(position, id.clone());
            for j in 1..vpc.ipv4_cidrs.len() {
                let block = self
                    .ids
                    .allocate(&format!("{id}Cidr"), &(j + 1).to_string());
                self.ipv4_block_ids.insert((position, j), block);
            }
            for k in 0..vpc.ipv6_cidrs.len() {
                let suffix = if k == 0 {
                    String::new()
                } else {
                    (k + 1).to_string()
                };
                let block = self.ids.allocate(&format!("{id}Ipv6Cidr"), &suffix);
                self.ipv6_block_ids.insert((position, k), block);
            }
            for subnet in &vpc.subnets {
                if !self.subnet_ids.contains_key(&subnet.id) {
                    let logical = self.allocate("Subnet", &subnet.name);
                    self.subnet_ids.insert(&subnet.id, (position, logical));
                }
            }
            for table in &vpc.route_tables {
                if !self.table_ids.contains_key(&table.id) {
                    let logical = self.allocate("RouteTable", &table.name);
                    self.table_ids.insert(&table.id, (position, logical));
                }
            }
            for group in &vpc.security_groups {
                if !self.group_ids.contains_key(&group.id) {
                    let logical = self.allocate("SecurityGroup", &group.name);
                    self.group_ids.insert(&group.id, (position, logical));
                }
            }
            for &service in self.ctx.services_of.get(&vpc.id).into_iter().flatten() {
                let name = &design.services[service].name;
                let logical = self.allocate("EndpointService", name);
                self.service_ids.insert(service, logical);
            }
            for (link, peering) in self.ctx.index.peerings_of(&vpc.id) {
                if peering.requester == vpc.id
                    && peering.accepter != vpc.id
                    && !self.peering_ids.contains_key(&link.id)
                {
                    let accepter = self
                        .ctx
                        .vpc(&peering.accepter)
                        .map_or("", |(_, accepter)| accepter.name.as_str());
                    let logical = self.ids.allocate(
                        "Peering",
                        &format!("{} {}", id_part(&vpc.name), id_part(accepter)),
                    );
                    self.peering_ids.insert(&link.id, logical);
                }
            }
        }
    }

    /// A logical id from a kind and a name, the name cut to keep ids short.
    fn allocate(&mut self, kind: &str, name: &str) -> String {
        self.ids.allocate(kind, &id_part(name))
    }

    fn note(&mut self, text: String) {
        self.notes.push(text);
    }

    // ----- parameters, conditions, resources, outputs -----

    fn deferred(&self, import: &Import, source: Source) -> bool {
        match source {
            Source::Stack(from) => {
                matches!(import, Import::PeeringId(_))
                    || self
                        .position
                        .is_some_and(|position| position[from] > position[self.me])
            }
            Source::User => false,
        }
    }

    fn import(&mut self, import: Import, source: Source, ordering: bool, spec: ParamSpec) -> Val {
        if let Some(&existing) = self.import_of.get(&import) {
            let parameter = &mut self.imports[existing];
            parameter.ordering |= ordering;
            let mut conditions = BTreeSet::new();
            if parameter.deferred {
                conditions.insert(parameter.name.clone());
            }
            return Val::reference(reference(&parameter.name), conditions);
        }
        let deferred = self.deferred(&import, source);
        let name = self.allocate(spec.kind, &spec.name);
        let pattern = if deferred {
            format!("^({})?$", spec.pattern)
        } else {
            format!("^{}$", spec.pattern)
        };
        let default = if deferred {
            Some(String::new())
        } else {
            spec.default.clone()
        };
        let description = truncate_bytes(&spec.description, 4000);
        let mut definition = Obj::new()
            .with("Type", Node::word(spec.parameter_type))
            .with("Description", description.clone());
        if let Some(default) = default {
            definition.insert("Default", default);
        }
        if spec.parameter_type == "String" {
            definition.insert("AllowedPattern", pattern);
            definition.insert("ConstraintDescription", Node::word(spec.constraint));
        }
        self.parameters.insert(name.clone(), definition);
        self.import_of.insert(import.clone(), self.imports.len());
        self.imports.push(ImportedParameter {
            name: name.clone(),
            import,
            source,
            deferred,
            ordering,
            description,
            default: spec.default,
        });
        let mut conditions = BTreeSet::new();
        if deferred {
            conditions.insert(name.clone());
        }
        Val::reference(reference(&name), conditions)
    }

    /// The condition that holds when every parameter in `parameters` is set.
    fn condition_for(&mut self, parameters: &BTreeSet<String>) -> Option<String> {
        if parameters.is_empty() {
            return None;
        }
        if let Some(existing) = self.condition_of.get(parameters) {
            return Some(existing.clone());
        }
        let mut singles = Vec::new();
        for parameter in parameters {
            let mut key = BTreeSet::new();
            key.insert(parameter.clone());
            let name = match self.condition_of.get(&key) {
                Some(name) => name.clone(),
                None => {
                    let name = self.allocate("Has", parameter);
                    self.conditions.insert(
                        name.clone(),
                        not(equals(reference(parameter), Node::from(""))),
                    );
                    self.condition_of.insert(key, name.clone());
                    name
                }
            };
            singles.push(name);
        }
        if singles.len() == 1 {
            return singles.pop();
        }
        let all: Vec<&str> = parameters.iter().map(String::as_str).collect();
        let name = self.allocate("HasAll", &all.join(" "));
        let mut terms: Vec<Node> = singles.iter().map(|single| condition(single)).collect();
        // Fn::And takes 2 to 10 conditions.
        while terms.len() > 10 {
            let rest = terms.split_off(9);
            terms.push(and(rest));
        }
        self.conditions.insert(name.clone(), and(terms));
        self.condition_of.insert(parameters.clone(), name.clone());
        Some(name)
    }

    fn add_resource(
        &mut self,
        id: &str,
        kind: &'static str,
        properties: Obj,
        conditions: &BTreeSet<String>,
        depends_on: &[String],
    ) {
        let mut body = Obj::new().with("Type", Node::word(kind));
        if let Some(name) = self.condition_for(conditions) {
            body.insert("Condition", name);
        }
        let mut after: Vec<String> = Vec::new();
        for dependency in depends_on {
            if !after.contains(dependency) {
                after.push(dependency.clone());
            }
        }
        match after.len() {
            0 => {}
            1 => body.insert("DependsOn", after.remove(0)),
            _ => body.insert(
                "DependsOn",
                after.into_iter().map(Node::from).collect::<Vec<_>>(),
            ),
        }
        body.insert("Properties", properties);
        self.resources.insert(id.to_owned(), body);
        self.resource_conditions
            .insert(id.to_owned(), conditions.clone());
    }

    fn conditions_of(&self, resource: &str) -> BTreeSet<String> {
        self.resource_conditions
            .get(resource)
            .cloned()
            .unwrap_or_default()
    }

    fn add_output(
        &mut self,
        key: &str,
        value: Node,
        description: &str,
        conditions: &BTreeSet<String>,
    ) -> String {
        let name = self.output_ids.allocate(key, "");
        let mut body = Obj::new();
        if let Some(condition) = self.condition_for(conditions) {
            body.insert("Condition", condition);
        }
        body.insert("Description", truncate_bytes(description, 1024));
        body.insert("Value", value);
        self.outputs.insert(name.clone(), body);
        name
    }

    fn export(
        &mut self,
        import: Import,
        key: &str,
        value: Node,
        description: &str,
        conditions: &BTreeSet<String>,
    ) -> String {
        let output = self.add_output(key, value, description, conditions);
        self.exports.insert(
            import,
            Export {
                output: output.clone(),
                conditional: !conditions.is_empty(),
            },
        );
        output
    }

    // ----- values -----

    fn vpc_value(&mut self, position: usize, ordering: bool) -> Option<Val> {
        if let Some(id) = self.vpc_ids.get(&position) {
            return Some(Val::reference(reference(id), BTreeSet::new()));
        }
        let stack = self.ctx.vpc_stack[position]?;
        let vpc = &self.ctx.design.vpcs[position];
        Some(self.import(
            Import::VpcId(vpc.id.clone()),
            Source::Stack(stack),
            ordering,
            ParamSpec {
                kind: "VpcId",
                parameter_type: "String",
                name: vpc.name.clone(),
                description: format!(
                    "The id (vpc-...) of the VPC \"{}\" in account {}, Region {}.",
                    truncate_chars(&vpc.name, 255),
                    vpc.account,
                    vpc.region
                ),
                pattern: VPC_ID_PATTERN,
                constraint: "a VPC id such as vpc-0123456789abcdef0",
                default: None,
            },
        ))
    }

    /// An IPv6 range as it will really be: VPCs get Amazon-provided blocks,
    /// so a range inside a design VPC's block is computed from the block AWS
    /// assigns (at the same offset), and a range outside every VPC is kept.
    fn ipv6_value(&mut self, net: Ipv6Net, hint: Option<usize>, ordering: bool) -> Val {
        let Some((owner, k)) = self.ctx.ipv6_owner(net, hint) else {
            return Val::literal(net.to_string());
        };
        let owner_vpc = &self.ctx.design.vpcs[owner];
        let Some(block) = owner_vpc.ipv6_cidrs.get(k).copied() else {
            return Val::literal(net.to_string());
        };
        let mut base = if let Some(vpc_id) = self.vpc_ids.get(&owner) {
            let mut val = Val::reference(
                select(k as u32, get_att(vpc_id, "Ipv6CidrBlocks")),
                BTreeSet::new(),
            );
            if let Some(block_id) = self.ipv6_block_ids.get(&(owner, k)) {
                val.after.push(block_id.clone());
            }
            val
        } else {
            let Some(stack) = self.ctx.vpc_stack[owner] else {
                return Val::literal(net.to_string());
            };
            let suffix = if k == 0 {
                String::new()
            } else {
                format!(" {}", k + 1)
            };
            self.import(
                Import::VpcIpv6Cidr(owner_vpc.id.clone(), k),
                Source::Stack(stack),
                ordering,
                ParamSpec {
                    kind: "Ipv6Cidr",
                    parameter_type: "String",
                    name: format!("{}{suffix}", owner_vpc.name),
                    description: format!(
                        "The IPv6 CIDR block AWS assigned to the VPC \"{}\" (designed as {block}).",
                        truncate_chars(&owner_vpc.name, 255)
                    ),
                    pattern: IPV6_CIDR_PATTERN,
                    constraint: "an IPv6 CIDR block such as 2600:1f14:abc:de00::/56",
                    default: None,
                },
            )
        };
        if net.trunc() == block.trunc() {
            return base;
        }
        let bits = 128 - u32::from(net.prefix_len());
        if net.prefix_len() < block.prefix_len() || bits == 0 || bits >= 128 {
            return Val::literal(net.to_string());
        }
        let offset = (u128::from(net.network()) - u128::from(block.network())) >> bits;
        if offset > 255 {
            self.note(format!(
                "{net} is kept as written: it lies too far into {block} to be computed from the block AWS assigns."
            ));
            return Val::literal(net.to_string());
        }
        let offset = offset as u32;
        base.node = select(offset, cidr(base.node, offset + 1, bits));
        base
    }

    fn finish(mut self, errors: &[Diagnostic]) -> (Node, BuiltStack) {
        let ctx = self.ctx;
        for (count, quota, what) in [
            (self.resources.len(), 500, "resources"),
            (self.parameters.len(), 200, "parameters"),
            (self.outputs.len(), 200, "outputs"),
        ] {
            if count > quota {
                self.note(format!(
                    "This template has {count} {what}; CloudFormation allows {quota} per stack. One VPC holds too much to split further."
                ));
            }
        }
        let spec = &ctx.stacks[self.me];
        let design = ctx.design;
        let mut description = String::new();
        if !errors.is_empty() {
            let rules: Vec<&str> = errors.iter().map(|error| error.rule).collect();
            description.push_str(&format!(
                "EXPORTED WITH ERRORS ({}; see Metadata): ",
                rules.join(", ")
            ));
        }
        description.push_str(&format!(
            "vpcplan: {} - account {}, Region {}",
            design.name, spec.account, spec.region
        ));
        if let Some(part) = spec.part {
            description.push_str(&format!(", part {part}"));
        }
        let mut metadata = Obj::new()
            .with("Design", design.name.as_str())
            .with("Account", spec.account.as_str())
            .with("Region", spec.region.as_str());
        if let Some(part) = spec.part {
            let parts = ctx
                .stacks
                .iter()
                .filter(|other| other.account == spec.account && other.region == spec.region)
                .count();
            metadata.insert("Part", format!("{part} of {parts}"));
        }
        if !errors.is_empty() {
            metadata.insert("Errors", errors_node(errors));
        }
        if self.has_main_table {
            metadata.insert(
                "MainRouteTables",
                "CloudFormation cannot change a VPC's main route table. Each main route table of the design is created as a route table explicitly associated with the subnets it serves; the VPC's own main table keeps only its local routes.",
            );
        }
        if !self.notes.is_empty() {
            metadata.insert(
                "NotExported",
                self.notes.iter().map(Node::from).collect::<Vec<_>>(),
            );
        }
        let mut template = Obj::new()
            .with("AWSTemplateFormatVersion", "2010-09-09")
            .with("Description", truncate_bytes(&description, 1024))
            .with("Metadata", Obj::new().with("vpcplan", metadata));
        if !self.parameters.is_empty() {
            template.insert("Parameters", self.parameters);
        }
        if !self.conditions.is_empty() {
            template.insert("Conditions", self.conditions);
        }
        template.insert("Resources", self.resources);
        if !self.outputs.is_empty() {
            template.insert("Outputs", self.outputs);
        }
        let built = BuiltStack {
            imports: self.imports,
            exports: self.exports,
            service_id_outputs: self.service_id_outputs,
            acceptances: self.acceptances,
            peering_dns: self.peering_dns,
            target_groups: self.target_groups,
            notes: self.notes,
            iam: self.iam,
        };
        (escape_substitutions(template.into()), built)
    }
}

fn errors_node(errors: &[Diagnostic]) -> Node {
    Node::List(
        errors
            .iter()
            .map(|error| {
                Node::from(
                    Obj::new()
                        .with("Rule", error.rule)
                        .with("Message", error.message.en.as_str())
                        .with("MessageJa", error.message.ja.as_str()),
                )
            })
            .collect(),
    )
}

/// The start of a name, up to 40 ASCII letters and digits: logical ids stay
/// readable, and the allocator numbers any clash.
fn id_part(name: &str) -> String {
    let mut kept = 0;
    let mut end = name.len();
    for (index, c) in name.char_indices() {
        if c.is_ascii_alphanumeric() {
            if kept == 40 {
                end = index;
                break;
            }
            kept += 1;
        }
    }
    name[..end].to_owned()
}

fn ip_address_type(ip_type: IpAddressType) -> &'static str {
    match ip_type {
        IpAddressType::Ipv4 => "ipv4",
        IpAddressType::Dualstack => "dualstack",
        IpAddressType::Ipv6 => "ipv6",
    }
}

/// A policy written as JSON becomes an object (readable in YAML); anything
/// else is passed as the string it is.
fn policy_document(policy: &str) -> Node {
    match serde_json::from_str::<serde_json::Value>(policy) {
        Ok(value @ serde_json::Value::Object(_)) => Node::from(value),
        _ => Node::from(policy),
    }
}
