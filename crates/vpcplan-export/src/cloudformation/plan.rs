//! Which stacks a design becomes, and in which order they deploy.
//!
//! A stack holds the VPCs of one account in one Region, with everything that
//! hangs off them: subnets, route tables, security groups, the endpoints in
//! the VPCs, the endpoint services they provide, the peerings they request,
//! and the peering routes in their tables. CloudFormation allows 500
//! resources, 200 parameters and 200 outputs per template, so a large group
//! (such as a 30-VPC mesh in one account) is split into parts that reference
//! each other like stacks in other accounts do.
//!
//! Values cross stacks as outputs of one stack passed as parameters of
//! another. Stacks are created in an order that makes every peering's
//! accepter VPC and every endpoint service exist before the stacks that need
//! them; values that cannot be known at creation (the peering id an accepter
//! needs for its routes, or anything needed against that order) are
//! parameters left empty at creation, with the resources that use them
//! conditional, and are passed by a later stack update.

use std::collections::BTreeSet;

use vpcplan_core::collections::{HashMap, HashSet};

use ipnet::Ipv6Net;
use vpcplan_core::design::RouteDestination;
use vpcplan_core::design::{
    Design, EndpointTarget, Link, LinkId, Peering, RouteTarget, RuleSource, SecurityGroupId,
    ServiceId, ServiceKind, Vpc, VpcId,
};
use vpcplan_core::index::DesignIndex;

/// A value a stack takes as a parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Import {
    VpcId(VpcId),
    /// The `k`th IPv6 block of a VPC, as AWS assigned it.
    VpcIpv6Cidr(VpcId, usize),
    PeeringId(LinkId),
    EndpointServiceName(ServiceId),
    SecurityGroupId(SecurityGroupId),
    /// Supplied by the user: the `i`th load balancer of an endpoint service.
    LoadBalancerArn(ServiceId, usize),
    /// Supplied by the user: the id of a prefix list known by name.
    PrefixListId(String),
    /// Supplied by the user, defaulting to the designed name.
    AvailabilityZone(String),
}

/// Where a stack's imported value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Source {
    Stack(usize),
    User,
}

#[derive(Debug, Clone)]
pub(crate) struct StackSpec {
    pub account: String,
    pub region: String,
    /// 1-based part number when the account's VPCs in the Region are split.
    pub part: Option<usize>,
    /// Positions in `design.vpcs`.
    pub vpcs: Vec<usize>,
    /// `<account>-<region>` or `<account>-<region>-part-<n>`, file-name safe.
    pub file_stem: String,
    pub stack_name: String,
}

// CloudFormation's quotas per template, with room for estimates.
const MAX_RESOURCES: usize = 450;
const MAX_PARAMETERS: usize = 180;
const MAX_OUTPUTS: usize = 180;

/// Everything about the design the stack builders look up.
pub(crate) struct Ctx<'d> {
    pub design: &'d Design,
    pub index: DesignIndex<'d>,
    /// Exportable VPCs (those with a primary IPv4 CIDR) by id, to their
    /// position in `design.vpcs`; the first of duplicated ids wins.
    pub vpc_pos: HashMap<&'d VpcId, usize>,
    /// The same positions, in design order.
    exportable: Vec<usize>,
    pub stacks: Vec<StackSpec>,
    pub vpc_stack: Vec<Option<usize>>,
    /// For each VPC (by position) that accepts peerings from other
    /// accounts, those accounts in order of first appearance: its stack
    /// creates a role they may assume to accept (see `stack/peer_role.rs`).
    pub peer_role_requesters: HashMap<usize, Vec<String>>,
    ipv6_exact: HashMap<Ipv6Net, (usize, usize)>,
    /// Positions in `index.interface_endpoints` / `gateway_endpoints`, by VPC.
    pub interface_endpoints_of: HashMap<&'d VpcId, Vec<usize>>,
    pub gateway_endpoints_of: HashMap<&'d VpcId, Vec<usize>>,
    /// Endpoint services (positions in `design.services`) by provider VPC.
    pub services_of: HashMap<&'d VpcId, Vec<usize>>,
    /// For each VPC position, the values its resources take from elsewhere
    /// (see `weigh`); what orders the stacks.
    refs: Vec<Vec<(Target, Import, bool)>>,
    /// Security groups some other VPC's rules reference.
    pub referenced_groups: HashSet<&'d SecurityGroupId>,
    peering_of: HashMap<&'d LinkId, usize>,
    service_of: HashMap<&'d ServiceId, usize>,
    pub stack_prefix: String,
}

impl<'d> Ctx<'d> {
    pub fn new(design: &'d Design) -> Ctx<'d> {
        let index = DesignIndex::new(design);
        let mut vpc_pos = HashMap::default();
        for (position, vpc) in design.vpcs.iter().enumerate() {
            if !vpc.ipv4_cidrs.is_empty() {
                vpc_pos.entry(&vpc.id).or_insert(position);
            }
        }
        let mut exportable: Vec<usize> = vpc_pos.values().copied().collect();
        vpcplan_core::collections::sort(&mut exportable);
        let mut ipv6_exact = HashMap::default();
        for (position, vpc) in design.vpcs.iter().enumerate() {
            if vpc_pos.get(&vpc.id) != Some(&position) {
                continue;
            }
            for (k, block) in vpc.ipv6_cidrs.iter().enumerate() {
                ipv6_exact.entry(block.trunc()).or_insert((position, k));
            }
        }
        let mut interface_endpoints_of: HashMap<&VpcId, Vec<usize>> = HashMap::default();
        for (position, (_, endpoint)) in index.interface_endpoints.iter().enumerate() {
            interface_endpoints_of
                .entry(&endpoint.vpc)
                .or_default()
                .push(position);
        }
        let mut gateway_endpoints_of: HashMap<&VpcId, Vec<usize>> = HashMap::default();
        for (position, (_, endpoint)) in index.gateway_endpoints.iter().enumerate() {
            gateway_endpoints_of
                .entry(&endpoint.vpc)
                .or_default()
                .push(position);
        }
        let mut services_of: HashMap<&VpcId, Vec<usize>> = HashMap::default();
        for (position, service) in design.services.iter().enumerate() {
            if let ServiceKind::EndpointService(provided) = &service.kind {
                services_of
                    .entry(&provided.provider_vpc)
                    .or_default()
                    .push(position);
            }
        }
        let mut referenced_groups = HashSet::default();
        for vpc in &design.vpcs {
            for group in &vpc.security_groups {
                for rule in &group.ingress {
                    if let RuleSource::SecurityGroup {
                        vpc: other,
                        group: source,
                    } = &rule.source
                        && other != &vpc.id
                    {
                        referenced_groups.insert(source);
                    }
                }
            }
        }
        let mut peering_of = HashMap::default();
        for (position, (link, _)) in index.peerings.iter().enumerate() {
            peering_of.entry(&link.id).or_insert(position);
        }
        let mut service_of = HashMap::default();
        for (position, service) in design.services.iter().enumerate() {
            service_of.entry(&service.id).or_insert(position);
        }
        let mut ctx = Ctx {
            design,
            index,
            vpc_pos,
            exportable,
            stacks: Vec::new(),
            vpc_stack: vec![None; design.vpcs.len()],
            refs: vec![Vec::new(); design.vpcs.len()],
            peer_role_requesters: HashMap::default(),
            ipv6_exact,
            interface_endpoints_of,
            gateway_endpoints_of,
            services_of,
            referenced_groups,
            peering_of,
            service_of,
            stack_prefix: stack_prefix(&design.name),
        };
        ctx.plan_peer_roles();
        ctx.partition();
        ctx
    }

    /// The exportable VPC with this id.
    pub fn vpc(&self, id: &VpcId) -> Option<(usize, &'d Vpc)> {
        let position = *self.vpc_pos.get(id)?;
        Some((position, &self.design.vpcs[position]))
    }

    pub fn peering(&self, link: &LinkId) -> Option<(&'d Link, &'d Peering)> {
        let position = *self.peering_of.get(link)?;
        Some(self.index.peerings[position])
    }

    pub fn service_position(&self, service: &ServiceId) -> Option<usize> {
        self.service_of.get(service).copied()
    }

    pub fn stack_of_vpc(&self, id: &VpcId) -> Option<usize> {
        let (position, _) = self.vpc(id)?;
        self.vpc_stack[position]
    }

    /// The VPC and block index whose IPv6 block holds `net`, looking in
    /// `hint` (a VPC position) first.
    pub fn ipv6_owner(&self, net: Ipv6Net, hint: Option<usize>) -> Option<(usize, usize)> {
        if let Some(found) = self.ipv6_exact.get(&net.trunc()) {
            return Some(*found);
        }
        let holds = |position: usize| {
            self.design.vpcs[position]
                .ipv6_cidrs
                .iter()
                .position(|block| block.contains(&net))
                .map(|k| (position, k))
        };
        if let Some(found) = hint.and_then(holds) {
            return Some(found);
        }
        self.exportable.iter().copied().find_map(holds)
    }

    /// Groups VPCs by (account, Region), in order of first appearance, and
    /// splits groups too big for one template.
    fn partition(&mut self) {
        let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
        let mut group_of: HashMap<(&str, &str), usize> = HashMap::default();
        for (position, vpc) in self.design.vpcs.iter().enumerate() {
            if self.vpc_pos.get(&vpc.id) != Some(&position) {
                continue;
            }
            let key = (vpc.account.as_str(), vpc.region.as_str());
            let group = *group_of.entry(key).or_insert_with(|| {
                groups.push((vpc.account.to_string(), vpc.region.clone(), Vec::new()));
                groups.len() - 1
            });
            groups[group].2.push(position);
        }
        let mut stems = UniqueStems::default();
        for (account, region, members) in groups {
            let parts = self.split(&members);
            let split = parts.len() > 1;
            for (number, vpcs) in parts.into_iter().enumerate() {
                let mut stem = format!("{}-{}", file_safe(&account), file_safe(&region));
                if split {
                    stem.push_str(&format!("-part-{}", number + 1));
                }
                let file_stem = stems.claim(stem);
                let stack = self.stacks.len();
                for &vpc in &vpcs {
                    self.vpc_stack[vpc] = Some(stack);
                }
                self.stacks.push(StackSpec {
                    account: account.clone(),
                    region: region.clone(),
                    part: split.then_some(number + 1),
                    vpcs,
                    stack_name: stack_name(&self.stack_prefix, &file_stem),
                    file_stem,
                });
            }
        }
    }

    fn split(&mut self, members: &[usize]) -> Vec<Vec<usize>> {
        let mut parts = Vec::new();
        let mut current = Estimate::default();
        let mut current_members = Vec::new();
        for &vpc in members {
            let weight = self.weigh(vpc);
            self.refs[vpc] = weight.refs.clone();
            current.add(vpc, &weight);
            if !current_members.is_empty() && !current.fits() {
                parts.push(std::mem::take(&mut current_members));
                current = Estimate::default();
                current.add(vpc, &weight);
            }
            current_members.push(vpc);
        }
        if !current_members.is_empty() || parts.is_empty() {
            parts.push(current_members);
        }
        parts
    }

    /// An upper bound of what one VPC adds to a template, and the values it
    /// would take from other VPCs.
    fn weigh(&self, position: usize) -> Weight {
        let vpc = &self.design.vpcs[position];
        let mut weight = Weight {
            resources: 1
                + vpc.ipv4_cidrs.len().saturating_sub(1)
                + vpc.ipv6_cidrs.len()
                + 2 * vpc.subnets.len()
                + vpc.route_tables.len()
                + vpc.security_groups.len(),
            outputs: 1 + vpc.ipv6_cidrs.len(),
            refs: Vec::new(),
        };
        if self.peer_role_requesters.contains_key(&position) {
            weight.resources += 1;
        }
        let target = |id: &VpcId| match self.vpc(id) {
            Some((other, _)) => Target::Vpc(other),
            None => Target::Never,
        };
        for (link, peering) in self.index.peerings_of(&vpc.id) {
            if peering.requester == vpc.id && peering.accepter != vpc.id {
                weight.resources += 1;
                weight.outputs += 1;
                if let Some((other, accepter)) = self.vpc(&peering.accepter) {
                    weight.refs.push((
                        Target::Vpc(other),
                        Import::VpcId(accepter.id.clone()),
                        true,
                    ));
                }
            } else if peering.accepter == vpc.id && peering.requester != vpc.id {
                weight.refs.push((
                    target(&peering.requester),
                    Import::PeeringId(link.id.clone()),
                    false,
                ));
            }
        }
        for table in &vpc.route_tables {
            for route in self.index.routes_of(&table.id) {
                weight.resources += 1;
                // As the stack builder does: a route through a peering of
                // this VPC, to the peer's range as AWS assigned it.
                let RouteTarget::Peering(link) = &route.target else {
                    continue;
                };
                let Some((_, peering)) = self.peering(link) else {
                    continue;
                };
                let requester_side = peering.requester == vpc.id && peering.accepter != vpc.id;
                let accepter_side = peering.accepter == vpc.id && peering.requester != vpc.id;
                let other = if requester_side {
                    &peering.accepter
                } else {
                    &peering.requester
                };
                let Some((other, _)) = self.vpc(other) else {
                    continue;
                };
                if (requester_side || accepter_side)
                    && let &RouteDestination::Ipv6(net) = route.destination
                    && let Some((owner, k)) = self.ipv6_owner(net, Some(other))
                    && owner != position
                {
                    let id = self.design.vpcs[owner].id.clone();
                    weight.refs.push((
                        Target::Vpc(owner),
                        Import::VpcIpv6Cidr(id, k),
                        requester_side,
                    ));
                }
            }
        }
        for group in &vpc.security_groups {
            if self.referenced_groups.contains(&group.id) {
                weight.outputs += 1;
            }
            for rule in &group.ingress {
                match &rule.source {
                    RuleSource::SecurityGroup { group, .. } => {
                        weight.resources += 1;
                        if let Some((owner, _)) = self.index.security_groups.get(group) {
                            weight.refs.push((
                                target(&owner.id),
                                Import::SecurityGroupId(group.clone()),
                                false,
                            ));
                        }
                    }
                    RuleSource::Cidr(ipnet::IpNet::V6(net)) => {
                        weight.resources += 1;
                        if let Some((owner, k)) = self.ipv6_owner(*net, Some(position))
                            && owner != position
                        {
                            let id = self.design.vpcs[owner].id.clone();
                            weight.refs.push((
                                Target::Vpc(owner),
                                Import::VpcIpv6Cidr(id, k),
                                false,
                            ));
                        }
                    }
                    RuleSource::PrefixList(name) if !name.starts_with("pl-") => {
                        weight.refs.push((
                            Target::Never,
                            Import::PrefixListId(name.clone()),
                            false,
                        ));
                    }
                    _ => {}
                }
            }
        }
        for &endpoint in self
            .interface_endpoints_of
            .get(&vpc.id)
            .into_iter()
            .flatten()
        {
            let (_, endpoint) = self.index.interface_endpoints[endpoint];
            weight.resources += 2;
            weight.outputs += 1;
            if let EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) =
                &endpoint.target
                && endpoint.service_name.is_none()
                && let Some(node) = self.index.service(service)
                && let ServiceKind::EndpointService(provided) = &node.kind
            {
                weight.refs.push((
                    target(&provided.provider_vpc),
                    Import::EndpointServiceName(service.clone()),
                    true,
                ));
            }
        }
        weight.resources += self.gateway_endpoints_of.get(&vpc.id).map_or(0, Vec::len);
        for &service in self.services_of.get(&vpc.id).into_iter().flatten() {
            let node = &self.design.services[service];
            weight.resources += 2;
            weight.outputs += 2;
            if let ServiceKind::EndpointService(provided) = &node.kind {
                let balancers =
                    provided.network_load_balancers.len() + provided.gateway_load_balancers.len();
                for i in 0..balancers.max(1) {
                    // A load balancer the stack creates is three resources
                    // (with its listener and target group) and an output.
                    if provided
                        .network_load_balancers
                        .get(i)
                        .is_some_and(|balancer| !crate::load_balancer::is_arn(balancer))
                    {
                        weight.resources += 3;
                        weight.outputs += 1;
                        continue;
                    }
                    weight.refs.push((
                        Target::Never,
                        Import::LoadBalancerArn(node.id.clone(), i),
                        false,
                    ));
                }
            }
        }
        weight
    }

    /// The stack dependencies: `(from, to)` pairs where stack `to` must be
    /// created after stack `from`, and the values stacks take from other
    /// stacks (which those stacks output).
    pub fn dependencies(&self) -> (BTreeSet<(usize, usize)>, HashSet<Import>) {
        let mut edges = BTreeSet::new();
        let mut needed = HashSet::default();
        for (stack, spec) in self.stacks.iter().enumerate() {
            for &vpc in &spec.vpcs {
                for (target, import, ordering) in &self.refs[vpc] {
                    let Target::Vpc(source) = target else {
                        continue;
                    };
                    let Some(from) = self.vpc_stack[*source] else {
                        continue;
                    };
                    if from != stack {
                        needed.insert(import.clone());
                        if *ordering {
                            edges.insert((from, stack));
                        }
                    }
                }
            }
        }
        (edges, needed)
    }

    /// The VPCs that accept peerings from other accounts, with those
    /// accounts.
    fn plan_peer_roles(&mut self) {
        for (_, peering) in &self.index.peerings {
            let (Some((_, requester)), Some((position, accepter))) =
                (self.vpc(&peering.requester), self.vpc(&peering.accepter))
            else {
                continue;
            };
            if requester.account == accepter.account {
                continue;
            }
            let accounts = self.peer_role_requesters.entry(position).or_default();
            let requester_account = requester.account.to_string();
            if !accounts.contains(&requester_account) {
                accounts.push(requester_account);
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Vpc(usize),
    /// Never inside the part (another account's role, a user input).
    Never,
}

struct Weight {
    resources: usize,
    outputs: usize,
    /// The values it takes from VPCs (or from outside), and whether the
    /// VPC's stack must be created after the source's.
    refs: Vec<(Target, Import, bool)>,
}

/// What a part holds so far; parameters are the distinct values its members
/// take from VPCs outside it.
#[derive(Debug, Default)]
struct Estimate {
    members: HashSet<usize>,
    resources: usize,
    outputs: usize,
    refs: HashMap<Target, HashSet<Import>>,
    parameters: usize,
}

impl Estimate {
    fn add(&mut self, vpc: usize, weight: &Weight) {
        self.members.insert(vpc);
        self.resources += weight.resources;
        self.outputs += weight.outputs;
        if let Some(now_inside) = self.refs.remove(&Target::Vpc(vpc)) {
            self.parameters -= now_inside.len();
        }
        for (target, import, _) in &weight.refs {
            if let Target::Vpc(other) = target
                && self.members.contains(other)
            {
                continue;
            }
            if self.refs.entry(*target).or_default().insert(import.clone()) {
                self.parameters += 1;
            }
        }
    }

    fn fits(&self) -> bool {
        self.resources <= MAX_RESOURCES
            && self.parameters <= MAX_PARAMETERS
            && self.outputs <= MAX_OUTPUTS
    }
}

/// The order to create stacks in: every stack after the stacks it takes
/// ordering values from (`edges` are `(from, to)`), the lowest-numbered
/// stack first among those ready; a cycle is broken by creating the
/// lowest-numbered remaining stack, whose missing values then come by update.
/// Returns each stack's position.
pub(crate) fn creation_order(stacks: usize, edges: &BTreeSet<(usize, usize)>) -> Vec<usize> {
    let mut indegree = vec![0usize; stacks];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); stacks];
    for &(from, to) in edges {
        if from != to && from < stacks && to < stacks {
            indegree[to] += 1;
            outgoing[from].push(to);
        }
    }
    let mut placed = vec![false; stacks];
    let mut position = vec![0usize; stacks];
    let mut ready = BTreeSet::new();
    ready.extend((0..stacks).filter(|&s| indegree[s] == 0));
    for next_position in 0..stacks {
        let next = match ready.pop_first() {
            Some(next) => next,
            None => match (0..stacks).find(|&s| !placed[s]) {
                Some(next) => next,
                None => break,
            },
        };
        placed[next] = true;
        position[next] = next_position;
        for &to in &outgoing[next] {
            indegree[to] = indegree[to].saturating_sub(1);
            if indegree[to] == 0 && !placed[to] {
                ready.insert(to);
            }
        }
        ready.retain(|&s| !placed[s]);
    }
    position
}

/// Keeps ASCII letters, digits and `-`; anything else becomes `-`, so a
/// hostile account id or Region can never leave the output directory.
pub(crate) fn file_safe(text: &str) -> String {
    let safe: String = text
        .chars()
        .take(64)
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if safe.is_empty() {
        "unnamed".to_owned()
    } else {
        safe
    }
}

#[derive(Default)]
struct UniqueStems {
    taken: HashSet<String>,
}

impl UniqueStems {
    fn claim(&mut self, stem: String) -> String {
        let mut candidate = stem.clone();
        let mut number = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{stem}-{number}");
            number += 1;
        }
        candidate
    }
}

/// `vpcplan-<design slug>`: the start of every suggested stack name.
fn stack_prefix(design_name: &str) -> String {
    let mut slug = String::new();
    for word in design_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        if slug.len() + word.len() + 1 > 30 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug.is_empty() {
        "vpcplan".to_owned()
    } else {
        format!("vpcplan-{slug}")
    }
}

/// A CloudFormation stack name: a letter, then letters, digits and hyphens,
/// at most 128 characters.
fn stack_name(prefix: &str, stem: &str) -> String {
    let mut name = format!("{prefix}-{stem}");
    name.truncate(128);
    name.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creation_order_follows_edges_and_breaks_cycles_at_the_lowest_stack() {
        let edges: BTreeSet<_> = [(1, 0), (2, 1)].into_iter().collect();
        assert_eq!(creation_order(3, &edges), [2, 1, 0]);
        let cycle: BTreeSet<_> = [(0, 1), (1, 0), (2, 0)].into_iter().collect();
        let position = creation_order(3, &cycle);
        assert!(position[2] < position[0] && position[0] < position[1]);
    }

    #[test]
    fn file_names_and_stack_names_are_safe() {
        assert_eq!(file_safe("../../etc"), "------etc");
        assert_eq!(file_safe(""), "unnamed");
        assert_eq!(stack_prefix("日本語 $(x)"), "vpcplan-x");
        assert_eq!(stack_prefix("日本語"), "vpcplan");
        let name = stack_name(&stack_prefix(&"a".repeat(300)), &"b".repeat(300));
        assert!(name.len() <= 128 && name.starts_with("vpcplan-"));
    }
}
