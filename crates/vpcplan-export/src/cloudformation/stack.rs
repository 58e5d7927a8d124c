//! One network template: the VPCs of a stack and everything hanging off them.

use std::collections::BTreeSet;

use vpcplan_core::collections::{HashMap, HashSet};

use ipnet::{IpNet, Ipv6Net};
use vpcplan_core::Diagnostic;
use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{
    DnsRecordIpType, EndpointTarget, IpAddressType, IpFamily, LinkId, RouteDestination,
    RouteTableId, RouteTarget, RuleSource, SecurityGroupId, SecurityGroupRule, ServiceKind,
    SubnetId,
};

use super::node::{
    Node, Obj, and, cidr, condition, equals, escape_substitutions, get_att, not, reference, select,
    sub, tags, truncate_bytes, truncate_chars,
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
    pub notes: Vec<String>,
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
const ROLE_ARN_PATTERN: &str = "arn:aws[a-z-]*:iam::[0-9]{12}:role/\\S+";
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
    notes: Vec<String>,
    has_main_table: bool,
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
        notes: Vec::new(),
        has_main_table: false,
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
        builder.emit_peerings(vpc);
    }
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
            Source::Role(_) | Source::User => false,
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

    // ----- resources -----

    fn emit_vpc(&mut self, position: usize) {
        let vpc = &self.ctx.design.vpcs[position];
        let Some(vpc_id) = self.vpc_ids.get(&position).cloned() else {
            return;
        };
        let primary = vpc.ipv4_cidrs[0];
        self.add_resource(
            &vpc_id,
            "AWS::EC2::VPC",
            Obj::new()
                .with("CidrBlock", primary.trunc().to_string())
                .with("EnableDnsSupport", vpc.dns_support)
                .with("EnableDnsHostnames", vpc.dns_hostnames)
                .with("Tags", tags(&vpc.name, vpc.id.as_str())),
            &BTreeSet::new(),
            &[],
        );
        for (j, block) in vpc.ipv4_cidrs.iter().enumerate().skip(1) {
            let id = self.ipv4_block_ids[&(position, j)].clone();
            self.add_resource(
                &id,
                "AWS::EC2::VPCCidrBlock",
                Obj::new()
                    .with("VpcId", reference(&vpc_id))
                    .with("CidrBlock", block.trunc().to_string()),
                &BTreeSet::new(),
                &[],
            );
        }
        for k in 0..vpc.ipv6_cidrs.len() {
            let id = self.ipv6_block_ids[&(position, k)].clone();
            // One after the other, so the VPC lists its blocks in design order.
            let after: Vec<String> = if k == 0 {
                Vec::new()
            } else {
                vec![self.ipv6_block_ids[&(position, k - 1)].clone()]
            };
            self.add_resource(
                &id,
                "AWS::EC2::VPCCidrBlock",
                Obj::new()
                    .with("VpcId", reference(&vpc_id))
                    .with("AmazonProvidedIpv6CidrBlock", true),
                &BTreeSet::new(),
                &after,
            );
        }
        for subnet in &vpc.subnets {
            let Some((owner, subnet_id)) = self.subnet_ids.get(&subnet.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            let mut properties = Obj::new().with("VpcId", reference(&vpc_id));
            let mut after = Vec::new();
            let mut conditions = BTreeSet::new();
            if let Some(ipv4) = subnet.ipv4_cidr {
                properties.insert("CidrBlock", ipv4.trunc().to_string());
                if let Some(j) = vpc
                    .ipv4_cidrs
                    .iter()
                    .position(|block| block.contains(&ipv4))
                    .filter(|&j| j > 0)
                {
                    after.push(self.ipv4_block_ids[&(position, j)].clone());
                }
            }
            match subnet.availability_zone_id.as_deref() {
                Some(zone_id) if !zone_id.is_empty() => {
                    properties.insert("AvailabilityZoneId", zone_id);
                }
                _ if !subnet.availability_zone.is_empty() => {
                    // An AZ name means different AZs in different accounts:
                    // a parameter, defaulting to the designed name.
                    let zone = self.import(
                        Import::AvailabilityZone(subnet.availability_zone.clone()),
                        Source::User,
                        false,
                        ParamSpec {
                            kind: "Az",
                            parameter_type: "AWS::EC2::AvailabilityZone::Name",
                            name: subnet.availability_zone.clone(),
                            description: format!(
                                "The Availability Zone designed as {} (AZ names differ between accounts; no AZ id was designed).",
                                truncate_chars(&subnet.availability_zone, 64)
                            ),
                            pattern: "",
                            constraint: "",
                            default: Some(subnet.availability_zone.clone()),
                        },
                    );
                    properties.insert("AvailabilityZone", zone.node);
                }
                _ => {}
            }
            if let Some(ipv6) = subnet.ipv6_cidr {
                let val = self.ipv6_value(ipv6, Some(position), false);
                properties.insert("Ipv6CidrBlock", val.node);
                after.extend(val.after);
                conditions.extend(val.conditions);
                if subnet.ipv4_cidr.is_none() {
                    properties.insert("Ipv6Native", true);
                }
            }
            properties.insert("Tags", tags(&subnet.name, subnet.id.as_str()));
            self.add_resource(
                &subnet_id,
                "AWS::EC2::Subnet",
                properties,
                &conditions,
                &after,
            );
        }
        for table in &vpc.route_tables {
            let Some((owner, table_id)) = self.table_ids.get(&table.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            self.has_main_table |= table.main;
            self.add_resource(
                &table_id,
                "AWS::EC2::RouteTable",
                Obj::new()
                    .with("VpcId", reference(&vpc_id))
                    .with("Tags", tags(&table.name, table.id.as_str())),
                &BTreeSet::new(),
                &[],
            );
        }
        self.emit_associations(position);
        let output = self.export(
            Import::VpcId(vpc.id.clone()),
            &format!("{vpc_id}Id"),
            reference(&vpc_id),
            &format!("The id of the VPC \"{}\".", truncate_chars(&vpc.name, 255)),
            &BTreeSet::new(),
        );
        let _ = output;
        for (k, block) in vpc.ipv6_cidrs.iter().enumerate() {
            let suffix = if k == 0 {
                String::new()
            } else {
                (k + 1).to_string()
            };
            self.export(
                Import::VpcIpv6Cidr(vpc.id.clone(), k),
                &format!("{vpc_id}Ipv6CidrBlock{suffix}"),
                select(k as u32, get_att(&vpc_id, "Ipv6CidrBlocks")),
                &format!(
                    "The IPv6 CIDR block AWS assigned to the VPC \"{}\" (designed as {block}).",
                    truncate_chars(&vpc.name, 255)
                ),
                &BTreeSet::new(),
            );
        }
    }

    /// Explicit associations as designed; a main table of the design
    /// becomes an ordinary table associated with every subnet no other table
    /// claims, since CloudFormation cannot change a VPC's main table.
    fn emit_associations(&mut self, position: usize) {
        let vpc = &self.ctx.design.vpcs[position];
        let mut assigned: HashMap<&SubnetId, &RouteTableId> = HashMap::default();
        for table in &vpc.route_tables {
            if self.table_ids.get(&table.id).map(|(owner, _)| *owner) != Some(position) {
                continue;
            }
            for subnet in &table.subnets {
                match self.subnet_ids.get(subnet) {
                    Some((owner, _)) if *owner == position => {
                        if assigned.contains_key(subnet) {
                            self.note(format!(
                                "Subnet {subnet} is listed by more than one route table; only its first table is associated."
                            ));
                        } else {
                            assigned.insert(subnet, &table.id);
                        }
                    }
                    _ => self.note(format!(
                        "Route table {} lists subnet {subnet}, which is not in its VPC; not associated.",
                        table.id
                    )),
                }
            }
        }
        if let Some(main) = vpc.route_tables.iter().find(|table| {
            table.main && self.table_ids.get(&table.id).map(|(owner, _)| *owner) == Some(position)
        }) {
            for subnet in &vpc.subnets {
                if self.subnet_ids.get(&subnet.id).map(|(owner, _)| *owner) == Some(position) {
                    assigned.entry(&subnet.id).or_insert(&main.id);
                }
            }
        }
        for subnet in &vpc.subnets {
            let Some(table) = assigned.remove(&subnet.id) else {
                continue;
            };
            let subnet_id = self.subnet_ids[&subnet.id].1.clone();
            let table_id = self.table_ids[table].1.clone();
            let id = self.allocate("RouteTableAssoc", &subnet.name);
            self.add_resource(
                &id,
                "AWS::EC2::SubnetRouteTableAssociation",
                Obj::new()
                    .with("RouteTableId", reference(&table_id))
                    .with("SubnetId", reference(&subnet_id)),
                &BTreeSet::new(),
                &[],
            );
        }
    }

    fn emit_security_groups(&mut self, position: usize) {
        let vpc = &self.ctx.design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        for group in &vpc.security_groups {
            let Some((owner, group_id)) = self.group_ids.get(&group.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            let mut inline = Vec::new();
            // Rules whose source is a reference become separate resources:
            // they can then be conditional, and groups referencing each
            // other never form a cycle.
            let mut separate: Vec<(Obj, BTreeSet<String>, Vec<String>)> = Vec::new();
            for rule in &group.ingress {
                let base = rule_base(rule);
                match &rule.source {
                    RuleSource::Cidr(IpNet::V4(net)) => {
                        inline.push(Node::from(base.with("CidrIp", net.trunc().to_string())));
                    }
                    RuleSource::Cidr(IpNet::V6(net)) => {
                        let val = self.ipv6_value(*net, Some(position), false);
                        if val.literal {
                            inline.push(Node::from(base.with("CidrIpv6", val.node)));
                        } else {
                            separate.push((
                                base.with("CidrIpv6", val.node),
                                val.conditions,
                                val.after,
                            ));
                        }
                    }
                    RuleSource::SecurityGroup {
                        group: source_group,
                        ..
                    } => {
                        let Some(val) = self.group_value(source_group) else {
                            self.note(format!(
                                "The rule of security group {} from group {source_group} is not exported: that group is not in the design.",
                                group.id
                            ));
                            continue;
                        };
                        let mut base = base.with("SourceSecurityGroupId", val.node);
                        if let Some((owner, _)) = self.ctx.index.security_groups.get(source_group)
                            && owner.account != vpc.account
                        {
                            base.insert("SourceSecurityGroupOwnerId", owner.account.as_str());
                        }
                        separate.push((base, val.conditions, val.after));
                    }
                    RuleSource::PrefixList(name) => {
                        let val = self.prefix_list_value(name);
                        inline.push(Node::from(base.with("SourcePrefixListId", val.node)));
                    }
                }
            }
            let mut properties = Obj::new()
                .with(
                    "GroupDescription",
                    group_description(&group.name, "vpcplan security group"),
                )
                .with("VpcId", reference(&vpc_id));
            if !inline.is_empty() {
                properties.insert("SecurityGroupIngress", inline);
            }
            properties.insert("Tags", tags(&group.name, group.id.as_str()));
            self.add_resource(
                &group_id,
                "AWS::EC2::SecurityGroup",
                properties,
                &BTreeSet::new(),
                &[],
            );
            for (rule, conditions, after) in separate {
                let id = self.allocate("Ingress", &group.name);
                let mut properties = Obj::new().with("GroupId", get_att(&group_id, "GroupId"));
                properties.extend(rule);
                self.add_resource(
                    &id,
                    "AWS::EC2::SecurityGroupIngress",
                    properties,
                    &conditions,
                    &after,
                );
            }
            if self
                .needed
                .contains(&Import::SecurityGroupId(group.id.clone()))
            {
                self.export(
                    Import::SecurityGroupId(group.id.clone()),
                    &format!("{group_id}GroupId"),
                    get_att(&group_id, "GroupId"),
                    &format!(
                        "The id of the security group \"{}\".",
                        truncate_chars(&group.name, 255)
                    ),
                    &BTreeSet::new(),
                );
            }
        }
    }

    fn group_value(&mut self, group: &SecurityGroupId) -> Option<Val> {
        if let Some((_, id)) = self.group_ids.get(group) {
            return Some(Val::reference(get_att(id, "GroupId"), BTreeSet::new()));
        }
        let (owner, found) = *self.ctx.index.security_groups.get(group)?;
        let stack = self.ctx.stack_of_vpc(&owner.id)?;
        Some(self.import(
            Import::SecurityGroupId(group.clone()),
            Source::Stack(stack),
            false,
            ParamSpec {
                kind: "SecurityGroupId",
                parameter_type: "String",
                name: format!("{} {}", owner.name, found.name),
                description: format!(
                    "The id (sg-...) of the security group \"{}\" of the VPC \"{}\".",
                    truncate_chars(&found.name, 255),
                    truncate_chars(&owner.name, 255)
                ),
                pattern: GROUP_ID_PATTERN,
                constraint: "a security group id such as sg-0123456789abcdef0",
                default: None,
            },
        ))
    }

    fn prefix_list_value(&mut self, name: &str) -> Val {
        if name.starts_with("pl-") {
            return Val::literal(name);
        }
        self.import(
            Import::PrefixListId(name.to_owned()),
            Source::User,
            false,
            ParamSpec {
                kind: "PrefixListId",
                parameter_type: "String",
                name: name.to_owned(),
                description: format!(
                    "The id (pl-...) of the prefix list \"{}\" in this Region (aws ec2 describe-managed-prefix-lists).",
                    truncate_chars(name, 255)
                ),
                pattern: PREFIX_LIST_PATTERN,
                constraint: "a prefix list id such as pl-61a54008",
                default: None,
            },
        )
    }

    fn emit_endpoint_services(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        for &service in self.ctx.services_of.get(&vpc.id).into_iter().flatten() {
            let node = &design.services[service];
            let ServiceKind::EndpointService(provided) = &node.kind else {
                continue;
            };
            let Some(id) = self.service_ids.get(&service).cloned() else {
                continue;
            };
            let mut balancers = Vec::new();
            let network = provided.network_load_balancers.len();
            let count = network + provided.gateway_load_balancers.len();
            for i in 0..count.max(1) {
                let (kind, balancer) = if i < network || count == 0 {
                    ("Network", provided.network_load_balancers.get(i))
                } else {
                    ("Gateway", provided.gateway_load_balancers.get(i - network))
                };
                let balancer_name = balancer.map_or("", |balancer| balancer.name.as_str());
                let default = is_load_balancer_arn(balancer_name).then(|| balancer_name.to_owned());
                let val = self.import(
                    Import::LoadBalancerArn(node.id.clone(), i),
                    Source::User,
                    false,
                    ParamSpec {
                        kind: if kind == "Network" { "NlbArn" } else { "GwlbArn" },
                        parameter_type: "String",
                        name: node.name.clone(),
                        description: format!(
                            "The ARN of the {kind} Load Balancer {}behind the endpoint service \"{}\".",
                            if balancer_name.is_empty() {
                                String::new()
                            } else {
                                format!("\"{}\" ", truncate_chars(balancer_name, 512))
                            },
                            truncate_chars(&node.name, 255)
                        ),
                        pattern: LOAD_BALANCER_PATTERN,
                        constraint: "a load balancer ARN (arn:aws:elasticloadbalancing:...)",
                        default,
                    },
                );
                balancers.push((kind, val.node));
            }
            let mut properties =
                Obj::new().with("AcceptanceRequired", provided.acceptance_required);
            for (kind, property) in [
                ("Network", "NetworkLoadBalancerArns"),
                ("Gateway", "GatewayLoadBalancerArns"),
            ] {
                let arns: Vec<Node> = balancers
                    .iter()
                    .filter(|(balancer_kind, _)| *balancer_kind == kind)
                    .map(|(_, node)| node.clone())
                    .collect();
                if !arns.is_empty() {
                    properties.insert(property, arns);
                }
            }
            if !provided.supported_ip_address_types.is_empty() {
                let types: Vec<Node> = provided
                    .supported_ip_address_types
                    .iter()
                    .map(|family| {
                        Node::from(match family {
                            IpFamily::Ipv4 => "ipv4",
                            IpFamily::Ipv6 => "ipv6",
                        })
                    })
                    .collect();
                properties.insert("SupportedIpAddressTypes", types);
            }
            if !provided.supported_regions.is_empty() {
                let mut regions: Vec<&str> = Vec::new();
                for region in &provided.supported_regions {
                    if !regions.contains(&region.as_str()) {
                        regions.push(region);
                    }
                }
                properties.insert(
                    "SupportedRegions",
                    regions.into_iter().map(Node::from).collect::<Vec<_>>(),
                );
            }
            properties.insert("Tags", tags(&node.name, node.id.as_str()));
            self.add_resource(
                &id,
                "AWS::EC2::VPCEndpointService",
                properties,
                &BTreeSet::new(),
                &[],
            );
            if !provided.allowed_principals.is_empty() {
                let permissions = self.allocate("EndpointServicePermissions", &node.name);
                self.add_resource(
                    &permissions,
                    "AWS::EC2::VPCEndpointServicePermissions",
                    Obj::new().with("ServiceId", reference(&id)).with(
                        "AllowedPrincipals",
                        provided
                            .allowed_principals
                            .iter()
                            .map(Node::from)
                            .collect::<Vec<_>>(),
                    ),
                    &BTreeSet::new(),
                    &[],
                );
            }
            let name = truncate_chars(&node.name, 255);
            let service_id_output = self.add_output(
                &format!("{id}ServiceId"),
                reference(&id),
                &format!("The id (vpce-svc-...) of the endpoint service \"{name}\"."),
                &BTreeSet::new(),
            );
            self.service_id_outputs.insert(service, service_id_output);
            self.export(
                Import::EndpointServiceName(node.id.clone()),
                &format!("{id}ServiceName"),
                sub(&format!("com.amazonaws.vpce.${{AWS::Region}}.${{{id}}}")),
                &format!(
                    "The service name consumers of the endpoint service \"{name}\" connect to."
                ),
                &BTreeSet::new(),
            );
        }
    }

    fn emit_peerings(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        let mut done: HashSet<&LinkId> = HashSet::default();
        for (link, peering) in self.ctx.index.peerings_of(&vpc.id) {
            if peering.requester != vpc.id || !done.insert(&link.id) {
                continue;
            }
            if peering.accepter == vpc.id {
                self.note(format!(
                    "Peering {} connects a VPC to itself; not exported.",
                    link.id
                ));
                continue;
            }
            let Some((accepter_position, accepter)) = self.ctx.vpc(&peering.accepter) else {
                self.note(format!(
                    "Peering {} is not exported: its accepter VPC {} is not in the design (or has no IPv4 CIDR).",
                    link.id, peering.accepter
                ));
                continue;
            };
            let Some(id) = self.peering_ids.get(&link.id).cloned() else {
                continue;
            };
            let Some(peer_vpc) = self.vpc_value(accepter_position, true) else {
                continue;
            };
            let mut conditions = peer_vpc.conditions.clone();
            let mut properties = Obj::new()
                .with("VpcId", reference(&vpc_id))
                .with("PeerVpcId", peer_vpc.node);
            if accepter.account != vpc.account {
                properties.insert("PeerOwnerId", accepter.account.as_str());
                let role = self
                    .ctx
                    .role_of_account
                    .get(accepter.account.as_str())
                    .copied()
                    .unwrap_or(0);
                let val = self.import(
                    Import::PeerRoleArn(accepter.account.clone()),
                    Source::Role(role),
                    true,
                    ParamSpec {
                        kind: "PeerRoleArn",
                        parameter_type: "String",
                        name: accepter.account.to_string(),
                        description: format!(
                            "The ARN of the role in account {} that accepts peering requests (output PeerRoleArn of its peer-role stack).",
                            accepter.account
                        ),
                        pattern: ROLE_ARN_PATTERN,
                        constraint: "an IAM role ARN such as arn:aws:iam::222222222222:role/name",
                        default: None,
                    },
                );
                conditions.extend(val.conditions);
                properties.insert("PeerRoleArn", val.node);
            }
            if accepter.region != vpc.region {
                properties.insert("PeerRegion", accepter.region.as_str());
            }
            let name = format!("{} to {}", vpc.name, accepter.name);
            properties.insert("Tags", tags(&name, link.id.as_str()));
            self.add_resource(
                &id,
                "AWS::EC2::VPCPeeringConnection",
                properties,
                &conditions,
                &[],
            );
            let import = Import::PeeringId(link.id.clone());
            let needed = self.needed.contains(&import);
            if needed || peering.dns_resolution {
                let output = self.export(
                    import,
                    &format!("{id}Id"),
                    reference(&id),
                    &format!(
                        "The id of the peering connection from \"{}\" to \"{}\".",
                        truncate_chars(&vpc.name, 255),
                        truncate_chars(&accepter.name, 255)
                    ),
                    &conditions,
                );
                if peering.dns_resolution {
                    self.peering_dns.push(PeeringDns {
                        link: link.id.clone(),
                        output,
                        requester_name: vpc.name.clone(),
                        accepter_name: accepter.name.clone(),
                    });
                }
            }
        }
    }

    /// The peering id a route in `position`'s tables targets, with the
    /// other VPC of the peering and whether this VPC requested it.
    fn peering_target(&mut self, position: usize, link: &LinkId) -> Option<(Val, usize, bool)> {
        let vpc = &self.ctx.design.vpcs[position];
        let (link, peering) = self.ctx.peering(link)?;
        if peering.requester == vpc.id && peering.accepter != vpc.id {
            let (other, _) = self.ctx.vpc(&peering.accepter)?;
            let id = self.peering_ids.get(&link.id)?.clone();
            if !self.resource_conditions.contains_key(&id) {
                return None;
            }
            let conditions = self.conditions_of(&id);
            return Some((Val::reference(reference(&id), conditions), other, true));
        }
        if peering.accepter == vpc.id && peering.requester != vpc.id {
            let (other, requester) = self.ctx.vpc(&peering.requester)?;
            if let Some(id) = self.peering_ids.get(&link.id).cloned() {
                if !self.resource_conditions.contains_key(&id) {
                    return None;
                }
                let conditions = self.conditions_of(&id);
                return Some((Val::reference(reference(&id), conditions), other, false));
            }
            let stack = self.ctx.vpc_stack[other]?;
            let val = self.import(
                Import::PeeringId(link.id.clone()),
                Source::Stack(stack),
                false,
                ParamSpec {
                    kind: "PeeringId",
                    parameter_type: "String",
                    name: format!("{} {}", requester.name, vpc.name),
                    description: format!(
                        "The id (pcx-...) of the peering connection from \"{}\" to \"{}\", once it is active. Leave empty until then.",
                        truncate_chars(&requester.name, 255),
                        truncate_chars(&vpc.name, 255)
                    ),
                    pattern: PEERING_ID_PATTERN,
                    constraint: "a peering connection id such as pcx-0123456789abcdef0",
                    default: None,
                },
            );
            return Some((val, other, false));
        }
        None
    }

    fn emit_routes(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        for table in &vpc.route_tables {
            let Some((owner, table_id)) = self.table_ids.get(&table.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            let mut seen: HashSet<&RouteDestination> = HashSet::default();
            for route in self.ctx.index.routes_of(&table.id) {
                let describe = || format!("{:?} in route table {}", route.destination, table.id);
                let link = match &route.target {
                    // Gateway-endpoint routes come from the endpoint's
                    // RouteTableIds, never from AWS::EC2::Route.
                    RouteTarget::GatewayEndpoint(_) => continue,
                    RouteTarget::Peering(link) => link,
                    RouteTarget::Edge(kind) => {
                        self.note(format!(
                            "The route to {} via {kind:?} is not exported: the template creates no edge gateways.",
                            describe()
                        ));
                        continue;
                    }
                    RouteTarget::Other(target) => {
                        self.note(format!(
                            "The route to {} via {target} is not exported: add it by hand.",
                            describe()
                        ));
                        continue;
                    }
                };
                let Some((target, other, requester_side)) = self.peering_target(position, link)
                else {
                    self.note(format!(
                        "The route to {} via peering {link} is not exported: that peering is not exported or does not involve this VPC.",
                        describe()
                    ));
                    continue;
                };
                let (key, destination) = match &route.destination {
                    RouteDestination::Ipv4(net) => (
                        "DestinationCidrBlock",
                        Val::literal(net.trunc().to_string()),
                    ),
                    RouteDestination::Ipv6(net) => (
                        "DestinationIpv6CidrBlock",
                        self.ipv6_value(*net, Some(other), requester_side),
                    ),
                    RouteDestination::PrefixList(list) if list.starts_with("pl-") => {
                        ("DestinationPrefixListId", Val::literal(list.as_str()))
                    }
                    RouteDestination::PrefixList(_) => {
                        self.note(format!(
                            "The route to {} is not exported: a route needs a prefix list id (pl-...).",
                            describe()
                        ));
                        continue;
                    }
                };
                if !seen.insert(route.destination) {
                    self.note(format!(
                        "A second route to {} is not exported: a table holds one route per destination.",
                        describe()
                    ));
                    continue;
                }
                let other_name = &design.vpcs[other].name;
                let id = self.ids.allocate(
                    "Route",
                    &format!("{} {}", id_part(&table.name), id_part(other_name)),
                );
                let mut conditions = target.conditions;
                conditions.extend(destination.conditions);
                self.add_resource(
                    &id,
                    "AWS::EC2::Route",
                    Obj::new()
                        .with("RouteTableId", reference(&table_id))
                        .with(key, destination.node)
                        .with("VpcPeeringConnectionId", target.node),
                    &conditions,
                    &destination.after,
                );
            }
        }
    }

    fn emit_interface_endpoints(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        for &endpoint in self
            .ctx
            .interface_endpoints_of
            .get(&vpc.id)
            .into_iter()
            .flatten()
        {
            let (link, endpoint) = self.ctx.index.interface_endpoints[endpoint];
            let mut properties = Obj::new();
            let mut conditions = BTreeSet::new();
            let mut port = 443;
            let mut acceptance: Option<usize> = None;
            let (endpoint_type, display) = match &endpoint.target {
                EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) => {
                    let endpoint_type = if matches!(endpoint.target, EndpointTarget::Service(_)) {
                        "Interface"
                    } else {
                        "GatewayLoadBalancer"
                    };
                    let Some(node) = self.ctx.index.service(service) else {
                        self.note(format!(
                            "Endpoint {} is not exported: its service {service} is not in the design.",
                            link.id
                        ));
                        continue;
                    };
                    let service_region = endpoint
                        .service_region
                        .clone()
                        .unwrap_or_else(|| node.region.clone());
                    let name = match (&node.kind, &endpoint.service_name) {
                        (_, Some(explicit)) => Val::literal(explicit.as_str()),
                        (ServiceKind::Aws { service }, None) => {
                            let known = aws_service(service);
                            port = known.map_or(443, |known| known.port);
                            Val::literal(match known {
                                Some(known) => known.service_name(&service_region),
                                None => format!("com.amazonaws.{service_region}.{service}"),
                            })
                        }
                        (ServiceKind::EndpointService(provided), None) => {
                            port = provided.port;
                            let Some(val) = self.endpoint_service_name(service, provided) else {
                                self.note(format!(
                                    "Endpoint {} is not exported: the provider VPC of its service is not in the design.",
                                    link.id
                                ));
                                continue;
                            };
                            val
                        }
                    };
                    if let ServiceKind::EndpointService(provided) = &node.kind {
                        port = provided.port;
                        if provided.acceptance_required {
                            acceptance = self.ctx.service_position(&node.id);
                        }
                    }
                    conditions.extend(name.conditions);
                    properties.insert("ServiceName", name.node);
                    if service_region != vpc.region {
                        properties.insert("ServiceRegion", service_region.as_str());
                    }
                    (endpoint_type, node.name.clone())
                }
                EndpointTarget::Resource { configuration_arn } => {
                    let Some(arn) = configuration_arn else {
                        self.note(format!(
                            "Resource endpoint {} is not exported: it has no resource configuration ARN.",
                            link.id
                        ));
                        continue;
                    };
                    properties.insert("ResourceConfigurationArn", arn.as_str());
                    ("Resource", "resource endpoint".to_owned())
                }
                EndpointTarget::ServiceNetwork { arn } => {
                    let Some(arn) = arn else {
                        self.note(format!(
                            "Service-network endpoint {} is not exported: it has no service network ARN.",
                            link.id
                        ));
                        continue;
                    };
                    properties.insert("ServiceNetworkArn", arn.as_str());
                    ("ServiceNetwork", "service-network endpoint".to_owned())
                }
            };
            let id = self.allocate("Endpoint", &display);
            let mut body = Obj::new()
                .with("VpcEndpointType", Node::word(endpoint_type))
                .with("VpcId", reference(&vpc_id));
            body.extend(properties);
            let subnets: Vec<Node> = endpoint
                .subnets
                .iter()
                .filter_map(|subnet| match self.subnet_ids.get(subnet) {
                    Some((owner, id)) if *owner == position => Some(reference(id)),
                    _ => None,
                })
                .collect();
            if subnets.len() != endpoint.subnets.len() {
                self.note(format!(
                    "Endpoint {} lists subnets outside its VPC; they are left out.",
                    link.id
                ));
            }
            if !subnets.is_empty() {
                body.insert("SubnetIds", subnets);
            }
            let mut after = Vec::new();
            if endpoint_type == "Interface" || endpoint_type == "Resource" {
                let mut groups: Vec<Node> = Vec::new();
                for group in &endpoint.security_groups {
                    match self.group_ids.get(group) {
                        Some((owner, id)) if *owner == position => {
                            groups.push(get_att(id, "GroupId"))
                        }
                        _ => self.note(format!(
                            "Endpoint {} lists security group {group}, which is not in its VPC; it is left out.",
                            link.id
                        )),
                    }
                }
                if endpoint.security_groups.is_empty() && endpoint_type == "Interface" {
                    let group = self.emit_endpoint_group(
                        position,
                        &display,
                        link.id.as_str(),
                        port,
                        endpoint.ip_address_type,
                    );
                    groups.push(get_att(&group, "GroupId"));
                }
                if !groups.is_empty() {
                    body.insert("SecurityGroupIds", groups);
                }
            }
            if endpoint_type == "Interface" {
                body.insert("PrivateDnsEnabled", endpoint.private_dns);
            }
            if endpoint_type == "Interface" || endpoint_type == "GatewayLoadBalancer" {
                body.insert(
                    "IpAddressType",
                    Node::word(ip_address_type(endpoint.ip_address_type)),
                );
            }
            if let Some(record) = endpoint.dns_record_ip_type {
                body.insert(
                    "DnsOptions",
                    Obj::new().with("DnsRecordIpType", dns_record_ip_type(record)),
                );
            }
            if let Some(policy) = &endpoint.policy {
                body.insert("PolicyDocument", policy_document(policy));
            }
            body.insert("Tags", tags(&display, link.id.as_str()));
            vpcplan_core::collections::sort(&mut after);
            self.add_resource(&id, "AWS::EC2::VPCEndpoint", body, &conditions, &after);
            if let Some(service) = acceptance {
                let output = self.add_output(
                    &format!("{id}Id"),
                    reference(&id),
                    &format!(
                        "The id of the endpoint to \"{}\" the provider accepts.",
                        truncate_chars(&display, 255)
                    ),
                    &conditions,
                );
                self.acceptances.push(Acceptance {
                    endpoint_output: output,
                    service,
                    service_name: display.clone(),
                });
            }
        }
    }

    fn endpoint_service_name(
        &mut self,
        service: &vpcplan_core::design::ServiceId,
        provided: &vpcplan_core::design::EndpointService,
    ) -> Option<Val> {
        let position = self.ctx.service_position(service)?;
        if let Some(id) = self.service_ids.get(&position) {
            return Some(Val::reference(
                sub(&format!("com.amazonaws.vpce.${{AWS::Region}}.${{{id}}}")),
                BTreeSet::new(),
            ));
        }
        let stack = self.ctx.stack_of_vpc(&provided.provider_vpc)?;
        let node = &self.ctx.design.services[position];
        Some(self.import(
            Import::EndpointServiceName(service.clone()),
            Source::Stack(stack),
            true,
            ParamSpec {
                kind: "ServiceName",
                parameter_type: "String",
                name: node.name.clone(),
                description: format!(
                    "The service name (com.amazonaws.vpce.<region>.vpce-svc-...) of the endpoint service \"{}\".",
                    truncate_chars(&node.name, 255)
                ),
                pattern: SERVICE_NAME_PATTERN,
                constraint: "an endpoint service name such as com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
                default: None,
            },
        ))
    }

    /// A security group for an interface endpoint designed without one: the
    /// service port from the CIDRs of the endpoint's VPC.
    fn emit_endpoint_group(
        &mut self,
        position: usize,
        display: &str,
        design_id: &str,
        port: u16,
        ip_type: IpAddressType,
    ) -> String {
        let vpc = &self.ctx.design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        let id = self.allocate("EndpointSecurityGroup", display);
        let mut rules = Vec::new();
        for block in &vpc.ipv4_cidrs {
            rules.push(Node::from(
                Obj::new()
                    .with("IpProtocol", Node::word("tcp"))
                    .with("FromPort", port)
                    .with("ToPort", port)
                    .with("CidrIp", block.trunc().to_string()),
            ));
        }
        let mut after = Vec::new();
        if ip_type != IpAddressType::Ipv4 {
            for block in vpc.ipv6_cidrs.clone() {
                let val = self.ipv6_value(block, Some(position), false);
                after.extend(val.after);
                rules.push(Node::from(
                    Obj::new()
                        .with("IpProtocol", Node::word("tcp"))
                        .with("FromPort", port)
                        .with("ToPort", port)
                        .with("CidrIpv6", val.node),
                ));
            }
        }
        self.add_resource(
            &id,
            "AWS::EC2::SecurityGroup",
            Obj::new()
                .with(
                    "GroupDescription",
                    format!(
                        "vpcplan: TCP {port} to an interface endpoint from the CIDRs of its VPC"
                    ),
                )
                .with("VpcId", reference(&vpc_id))
                .with("SecurityGroupIngress", rules)
                .with("Tags", tags(&format!("{display} endpoint"), design_id)),
            &BTreeSet::new(),
            &after,
        );
        id
    }

    fn emit_gateway_endpoints(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        for &endpoint in self
            .ctx
            .gateway_endpoints_of
            .get(&vpc.id)
            .into_iter()
            .flatten()
        {
            let (link, endpoint) = self.ctx.index.gateway_endpoints[endpoint];
            let Some(node) = self.ctx.index.service(&endpoint.service) else {
                self.note(format!(
                    "Gateway endpoint {} is not exported: its service is not in the design.",
                    link.id
                ));
                continue;
            };
            let ServiceKind::Aws { service } = &node.kind else {
                self.note(format!(
                    "Gateway endpoint {} is not exported: gateway endpoints reach AWS services only.",
                    link.id
                ));
                continue;
            };
            let service_name = match aws_service(service) {
                Some(known) => known.service_name(&node.region),
                None => format!("com.amazonaws.{}.{service}", node.region),
            };
            let tables: Vec<Node> = endpoint
                .route_tables
                .iter()
                .filter_map(|table| match self.table_ids.get(table) {
                    Some((owner, id)) if *owner == position => Some(reference(id)),
                    _ => None,
                })
                .collect();
            if tables.len() != endpoint.route_tables.len() {
                self.note(format!(
                    "Gateway endpoint {} lists route tables outside its VPC; they are left out.",
                    link.id
                ));
            }
            let id = self.allocate("GatewayEndpoint", &node.name);
            let mut body = Obj::new()
                .with("VpcEndpointType", Node::word("Gateway"))
                .with("VpcId", reference(&vpc_id))
                .with("ServiceName", service_name);
            if !tables.is_empty() {
                body.insert("RouteTableIds", tables);
            }
            if endpoint.ip_address_type != IpAddressType::Ipv4 {
                body.insert(
                    "IpAddressType",
                    Node::word(ip_address_type(endpoint.ip_address_type)),
                );
            }
            if let Some(policy) = &endpoint.policy {
                body.insert("PolicyDocument", policy_document(policy));
            }
            body.insert("Tags", tags(&node.name, link.id.as_str()));
            self.add_resource(&id, "AWS::EC2::VPCEndpoint", body, &BTreeSet::new(), &[]);
        }
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
            notes: self.notes,
        };
        (escape_substitutions(template.into()), built)
    }
}

pub(crate) fn errors_node(errors: &[Diagnostic]) -> Node {
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

/// `IpProtocol` and ports of a rule; `-1` (all traffic) takes no ports.
fn rule_base(rule: &SecurityGroupRule) -> Obj {
    let protocol = rule.protocol.trim().to_ascii_lowercase();
    let protocol = match protocol.as_str() {
        "all" | "-1" => "-1".to_owned(),
        _ => protocol,
    };
    let all = protocol == "-1";
    let mut base = Obj::new().with("IpProtocol", protocol);
    if !all {
        base.insert("FromPort", rule.from_port);
        base.insert("ToPort", rule.to_port);
    }
    base
}

/// A security group description: EC2 allows only ASCII letters, digits,
/// spaces and `._-:/()#,@[]+=&;{}!$*`, up to 255 characters.
pub(crate) fn group_description(name: &str, fallback: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._-:/()#,@[]+=&;{}!$*".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let collapsed = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        fallback.to_owned()
    } else {
        truncate_chars(&collapsed, 255)
    }
}

fn is_load_balancer_arn(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("arn:aws") else {
        return false;
    };
    let Some((partition_tail, rest)) = rest.split_once(':') else {
        return false;
    };
    partition_tail
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == '-')
        && rest
            .strip_prefix("elasticloadbalancing:")
            .is_some_and(|tail| !tail.is_empty() && !tail.chars().any(char::is_whitespace))
}

fn ip_address_type(ip_type: IpAddressType) -> &'static str {
    match ip_type {
        IpAddressType::Ipv4 => "ipv4",
        IpAddressType::Dualstack => "dualstack",
        IpAddressType::Ipv6 => "ipv6",
    }
}

fn dns_record_ip_type(record: DnsRecordIpType) -> &'static str {
    match record {
        DnsRecordIpType::Ipv4 => "ipv4",
        DnsRecordIpType::Dualstack => "dualstack",
        DnsRecordIpType::Ipv6 => "ipv6",
        DnsRecordIpType::ServiceDefined => "service-defined",
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
