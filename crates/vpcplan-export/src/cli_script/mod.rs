//! AWS CLI scripts: `cli/deploy.sh` creates a design's network with the AWS
//! CLI, and `cli/teardown.sh` deletes it again in reverse order.
//!
//! How the two scripts meet: every resource the deploy script creates carries
//! three tags, `Name` (the design's name for it), `vpcplan:design` (the
//! design's name) and `vpcplan:key` (`<design hash>/<kind>/<design id>`, a
//! value made only of characters EC2 filters take literally). The teardown
//! script finds what to delete by `vpcplan:key` with `describe-*` calls in each
//! account and Region, so it needs no state file, works after a deploy that
//! stopped half-way, from another machine, and is harmless to run twice. The
//! deploy script also prints the ids it created at the end.
//!
//! IPv6: AWS assigns a VPC's IPv6 block (`--amazon-provided-ipv6-cidr-block`);
//! a design's IPv6 CIDRs say how many blocks a VPC has and where its subnets
//! sit in them. Subnet, route and rule CIDRs inside a design block are placed
//! at the same offset in the block AWS assigned (the `ipv6_in` shell function).

mod deploy;
mod header;
mod shell;
mod teardown;
#[cfg(test)]
mod tests;
mod verify;

use vpcplan_core::collections::{HashMap, HashSet};

use ipnet::Ipv6Net;
use vpcplan_core::design::{
    AccountId, LinkId, LinkSpec, RouteTableId, SecurityGroupId, ServiceId, ServiceKind, SubnetId,
    Vpc, VpcId,
};
use vpcplan_core::{Design, Diagnostic};

use crate::{ExportError, ExportOptions, ExportedFile, errors_to_report, parallel};
use shell::Word;

/// `cli/deploy.sh`, `cli/teardown.sh` and `cli/verify.sh` for the design.
pub fn cli_scripts(
    design: &Design,
    options: &ExportOptions,
) -> Result<Vec<ExportedFile>, ExportError> {
    let (errors, plan) = parallel::both(|| errors_to_report(design, options), || Plan::new(design));
    let errors = errors?;
    let verify = verify_script(&plan, &errors);
    Ok(write(&plan, &errors, verify.contents))
}

pub(crate) use verify::{PRICING, VerifyScript};

/// `verify.sh`, the same in both exports: it checks the deployed network
/// with Reachability Analyzer, whichever export deployed it.
pub(crate) fn verify_script(plan: &Plan<'_>, errors: &[Diagnostic]) -> VerifyScript {
    verify::script(plan, errors)
}

/// The scripts of `plan`, with `errors` (already allowed) in their headers
/// and `verify` (from [`verify_script`]) as `cli/verify.sh`.
pub(crate) fn write(plan: &Plan<'_>, errors: &[Diagnostic], verify: String) -> Vec<ExportedFile> {
    let (deploy, teardown) = parallel::both(
        || deploy::script(plan, errors),
        || teardown::script(plan, errors),
    );
    vec![
        ExportedFile {
            path: "cli/deploy.sh".to_owned(),
            contents: deploy,
        },
        ExportedFile {
            path: "cli/teardown.sh".to_owned(),
            contents: teardown,
        },
        ExportedFile {
            path: "cli/verify.sh".to_owned(),
            contents: verify,
        },
    ]
}

/// Kinds of resources, as they appear in `vpcplan:key` tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Vpc,
    Subnet,
    RouteTable,
    SecurityGroup,
    Peering,
    Endpoint,
    EndpointService,
    LoadBalancer,
    TargetGroup,
}

impl Kind {
    fn slug(self) -> &'static str {
        match self {
            Kind::Vpc => "vpc",
            Kind::Subnet => "subnet",
            Kind::RouteTable => "rtb",
            Kind::SecurityGroup => "sg",
            Kind::Peering => "pcx",
            Kind::Endpoint => "vpce",
            Kind::EndpointService => "vpce-svc",
            Kind::LoadBalancer => "nlb",
            Kind::TargetGroup => "tg",
        }
    }

    /// The shell variable prefix, and the id prefix that is dropped from a
    /// design id (`vpc-app` → `VPC_APP`, not `VPC_VPC_APP`).
    fn var_prefix(self) -> (&'static str, &'static str) {
        match self {
            Kind::Vpc => ("VPC", "vpc-"),
            Kind::Subnet => ("SUBNET", "subnet-"),
            Kind::RouteTable => ("RTB", "rtb-"),
            Kind::SecurityGroup => ("SG", "sg-"),
            Kind::Peering => ("PCX", "pcx-"),
            Kind::Endpoint => ("VPCE", "vpce-"),
            Kind::EndpointService => ("SVC", "svc-"),
            Kind::LoadBalancer => ("NLB_ARN", "svc-"),
            Kind::TargetGroup => ("TG_ARN", "svc-"),
        }
    }
}

/// Shell variable names, unique within a script.
#[derive(Debug, Default)]
struct VarNames {
    taken: HashSet<String>,
}

const MAX_VAR_STEM: usize = 40;

impl VarNames {
    /// `PREFIX_STEM` from a design id: ASCII letters and digits upper-cased,
    /// everything else `_`; a number when nothing is left; a suffix when taken.
    fn allocate(&mut self, prefix: &str, id: &str, drop_prefix: &str) -> String {
        let id = id
            .strip_prefix(drop_prefix)
            .filter(|rest| !rest.is_empty())
            .unwrap_or(id);
        let mut stem = String::new();
        for c in id.chars() {
            let c = if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            };
            if !(c == '_' && (stem.is_empty() || stem.ends_with('_'))) {
                stem.push(c);
            }
            if stem.len() >= MAX_VAR_STEM {
                break;
            }
        }
        let stem = stem.trim_end_matches('_');
        let base = if stem.is_empty() {
            prefix.to_owned()
        } else {
            format!("{prefix}_{stem}")
        };
        let mut candidate = base.clone();
        let mut number = if stem.is_empty() { 1 } else { 2 };
        if stem.is_empty() {
            candidate = format!("{base}_{number}");
            number += 1;
        }
        while self.taken.contains(candidate.as_str()) {
            candidate = format!("{base}_{number}");
            number += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }
}

/// FNV-1a, 64 bits: a stable hash (unlike `std`'s, which may change between
/// Rust releases) for tag values derived from design text.
pub(crate) fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A design id as it appears in a `vpcplan:key` tag: itself when made of
/// characters EC2 filters take literally (no `*`, `?` or `\`), else a hash.
fn key_id(id: &str) -> String {
    let plain = !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if plain {
        id.to_owned()
    } else {
        format!("x{:016x}", fnv1a(id))
    }
}

/// The variables and tags of one VPC.
#[derive(Debug)]
struct VpcPlan {
    var: String,
    /// One variable per design IPv6 block, holding the block AWS assigned.
    ipv6_vars: Vec<String>,
    /// The association id of each IPv6 block, while it is being assigned.
    ipv6_assoc_vars: Vec<String>,
    key: String,
}

#[derive(Debug)]
struct Named {
    var: String,
    key: String,
}

#[derive(Debug)]
struct ServicePlan {
    /// The endpoint service's id (`vpce-svc-…`).
    id_var: String,
    /// Its service name (`com.amazonaws.vpce.<region>.vpce-svc-…`).
    name_var: String,
    /// The ARNs of its network load balancers: environment variables for
    /// those the design names by ARN, set by the script for those it creates.
    nlb_vars: Vec<String>,
    gwlb_vars: Vec<String>,
    /// The network load balancers the scripts create, by their place in
    /// `network_load_balancers` (`crate::load_balancer` decides which).
    created_nlbs: Vec<(usize, CreatedNlbPlan)>,
    key: String,
}

#[derive(Debug)]
struct CreatedNlbPlan {
    key: String,
    /// The variable holding its target group's ARN.
    target_group_var: String,
    target_group_key: String,
}

/// Names, variables and tags shared by the deploy and teardown scripts.
pub(crate) struct Plan<'a> {
    design: &'a Design,
    /// One profile variable per account, in the order accounts first appear.
    profiles: Vec<(String, String)>,
    vpcs: HashMap<&'a VpcId, VpcPlan>,
    subnets: HashMap<&'a SubnetId, Named>,
    route_tables: HashMap<&'a RouteTableId, Named>,
    security_groups: HashMap<&'a SecurityGroupId, Named>,
    links: HashMap<&'a LinkId, Named>,
    services: HashMap<&'a ServiceId, ServicePlan>,
    /// The VPCs the scripts create: those with an IPv4 CIDR (AWS needs one),
    /// each id once, in design order; and the same by id.
    exported: Vec<&'a Vpc>,
    exported_by_id: HashMap<&'a VpcId, &'a Vpc>,
    profile_by_account: HashMap<&'a str, String>,
    /// Each IPv6 block of the exported VPCs (truncated) with its variable,
    /// the first in design order where blocks repeat; and the blocks'
    /// prefix lengths, shortest first.
    ipv6_blocks: HashMap<Ipv6Net, Ipv6Block>,
    ipv6_prefix_lens: Vec<u8>,
}

/// Where an IPv6 block of the design is: its place among all the blocks of
/// the exported VPCs, in design order, and the variable holding the block
/// AWS assigned.
#[derive(Debug)]
struct Ipv6Block {
    order: usize,
    var: String,
}

impl<'a> Plan<'a> {
    /// The accounts' profiles and the VPCs the scripts create, and nothing
    /// else: all that `verify.sh` needs, for the CloudFormation export,
    /// which writes no other script.
    pub(crate) fn accounts_only(design: &'a Design) -> Plan<'a> {
        Plan::accounts(design).0
    }

    /// The profiles and the exported VPCs, with the variable names they
    /// took.
    fn accounts(design: &'a Design) -> (Plan<'a>, VarNames) {
        let mut names = VarNames::default();
        for reserved in ["VPCPLAN_TIMEOUT", "VPCPLAN_POLL", "FOUND"] {
            names.taken.insert(reserved.to_owned());
        }

        let mut profiles: Vec<(String, String)> = Vec::new();
        let account_ids = design
            .accounts
            .iter()
            .map(|account| &account.id)
            .chain(design.vpcs.iter().map(|vpc| &vpc.account));
        for account in account_ids {
            if !profiles
                .iter()
                .any(|(id, _)| id.as_str() == account.as_str())
            {
                let var = names.allocate("PROFILE", &account.0, "");
                profiles.push((account.to_string(), var));
            }
        }

        let mut plan = Plan {
            design,
            profiles,
            vpcs: HashMap::default(),
            subnets: HashMap::default(),
            route_tables: HashMap::default(),
            security_groups: HashMap::default(),
            links: HashMap::default(),
            services: HashMap::default(),
            exported: Vec::new(),
            exported_by_id: HashMap::default(),
            profile_by_account: HashMap::default(),
            ipv6_blocks: HashMap::default(),
            ipv6_prefix_lens: Vec::new(),
        };
        for vpc in &design.vpcs {
            if !plan.exported_by_id.contains_key(&vpc.id) && !vpc.ipv4_cidrs.is_empty() {
                plan.exported_by_id.insert(&vpc.id, vpc);
                plan.exported.push(vpc);
            }
        }
        for account in design
            .accounts
            .iter()
            .map(|account| &account.id)
            .chain(design.vpcs.iter().map(|vpc| &vpc.account))
        {
            if let Some((_, var)) = plan
                .profiles
                .iter()
                .find(|(id, _)| id.as_str() == account.as_str())
            {
                plan.profile_by_account
                    .entry(account.as_str())
                    .or_insert_with(|| var.clone());
            }
        }
        (plan, names)
    }

    pub(crate) fn new(design: &'a Design) -> Plan<'a> {
        let design_hash = format!("{:016x}", fnv1a(&design.name));
        let key = |kind: Kind, id: &str| format!("{design_hash}/{}/{}", kind.slug(), key_id(id));
        let (mut plan, mut names) = Plan::accounts(design);
        let named = |names: &mut VarNames, kind: Kind, id: &str| {
            let (prefix, drop) = kind.var_prefix();
            Named {
                var: names.allocate(prefix, id, drop),
                key: key(kind, id),
            }
        };
        for vpc in &design.vpcs {
            if plan.vpcs.contains_key(&vpc.id) {
                continue;
            }
            let Named { var, key } = named(&mut names, Kind::Vpc, &vpc.id.0);
            let stem = var.strip_prefix("VPC_").unwrap_or(&var).to_owned();
            let ipv6_vars = (1..=vpc.ipv6_cidrs.len())
                .map(|n| names.allocate("V6", &format!("{stem}_{n}"), ""))
                .collect();
            let ipv6_assoc_vars = (1..=vpc.ipv6_cidrs.len())
                .map(|n| names.allocate("V6_ASSOC", &format!("{stem}_{n}"), ""))
                .collect();
            plan.vpcs.insert(
                &vpc.id,
                VpcPlan {
                    var,
                    ipv6_vars,
                    ipv6_assoc_vars,
                    key,
                },
            );
            for subnet in &vpc.subnets {
                if !plan.subnets.contains_key(&subnet.id) {
                    let entry = named(&mut names, Kind::Subnet, &subnet.id.0);
                    plan.subnets.insert(&subnet.id, entry);
                }
            }
            for table in &vpc.route_tables {
                if !plan.route_tables.contains_key(&table.id) {
                    let entry = named(&mut names, Kind::RouteTable, &table.id.0);
                    plan.route_tables.insert(&table.id, entry);
                }
            }
            for group in &vpc.security_groups {
                if !plan.security_groups.contains_key(&group.id) {
                    let entry = named(&mut names, Kind::SecurityGroup, &group.id.0);
                    plan.security_groups.insert(&group.id, entry);
                }
            }
        }
        for service in &design.services {
            if let ServiceKind::EndpointService(endpoint_service) = &service.kind
                && !plan.services.contains_key(&service.id)
            {
                let Named {
                    var: id_var,
                    key: service_key,
                } = named(&mut names, Kind::EndpointService, &service.id.0);
                let stem = id_var.strip_prefix("SVC_").unwrap_or(&id_var).to_owned();
                let name_var = names.allocate("SVC_NAME", &stem, "");
                let nlb_vars = (1..=endpoint_service.network_load_balancers.len())
                    .map(|n| names.allocate("NLB_ARN", &format!("{stem}_{n}"), ""))
                    .collect();
                let gwlb_vars = (1..=endpoint_service.gateway_load_balancers.len())
                    .map(|n| names.allocate("GWLB_ARN", &format!("{stem}_{n}"), ""))
                    .collect();
                let created_nlbs = endpoint_service
                    .network_load_balancers
                    .iter()
                    .enumerate()
                    .filter(|(_, balancer)| !crate::load_balancer::is_arn(balancer))
                    .map(|(i, _)| {
                        let id = format!("{}.{}", service.id, i + 1);
                        (
                            i,
                            CreatedNlbPlan {
                                key: key(Kind::LoadBalancer, &id),
                                target_group_var: names.allocate(
                                    "TG_ARN",
                                    &format!("{stem}_{}", i + 1),
                                    "",
                                ),
                                target_group_key: key(Kind::TargetGroup, &id),
                            },
                        )
                    })
                    .collect();
                plan.services.insert(
                    &service.id,
                    ServicePlan {
                        id_var,
                        name_var,
                        nlb_vars,
                        gwlb_vars,
                        created_nlbs,
                        key: service_key,
                    },
                );
            }
        }
        for link in &design.links {
            if plan.links.contains_key(&link.id) {
                continue;
            }
            let kind = match link.spec {
                LinkSpec::Peering(_) => Kind::Peering,
                _ => Kind::Endpoint,
            };
            let entry = named(&mut names, kind, &link.id.0);
            plan.links.insert(&link.id, entry);
        }
        plan.index_ipv6_blocks();
        plan
    }

    fn index_ipv6_blocks(&mut self) {
        let mut order = 0;
        for vpc in &self.exported {
            let Some(vpc_plan) = self.vpcs.get(&vpc.id) else {
                continue;
            };
            for (block, var) in vpc.ipv6_cidrs.iter().zip(&vpc_plan.ipv6_vars) {
                let block = block.trunc();
                self.ipv6_blocks.entry(block).or_insert_with(|| Ipv6Block {
                    order,
                    var: var.clone(),
                });
                order += 1;
                if !self.ipv6_prefix_lens.contains(&block.prefix_len()) {
                    self.ipv6_prefix_lens.push(block.prefix_len());
                }
            }
        }
        vpcplan_core::collections::sort(&mut self.ipv6_prefix_lens);
    }

    fn profile_var(&self, account: &AccountId) -> &str {
        self.profile_by_account
            .get(account.as_str())
            .map_or("PROFILE", String::as_str)
    }

    fn profile(&self, account: &AccountId) -> Word {
        Word::var(self.profile_var(account))
    }

    /// The VPCs the scripts create: those with an IPv4 CIDR (AWS needs one),
    /// each id once.
    fn exported_vpcs(&self) -> Vec<&'a Vpc> {
        self.exported.clone()
    }

    fn exported_vpc(&self, id: &VpcId) -> Option<&'a Vpc> {
        self.exported_by_id.get(id).copied()
    }

    /// The Regions each account is used in, in order of first use.
    fn regions_by_account(&self) -> Vec<(&str, &str, Vec<&'a str>)> {
        let mut out: Vec<(&str, &str, Vec<&str>)> = self
            .profiles
            .iter()
            .map(|(id, var)| (id.as_str(), var.as_str(), Vec::new()))
            .collect();
        for vpc in self.exported_vpcs() {
            if let Some(entry) = out
                .iter_mut()
                .find(|(id, _, _)| *id == vpc.account.as_str())
                && !entry.2.contains(&vpc.region.as_str())
            {
                entry.2.push(&vpc.region);
            }
        }
        out.retain(|(_, _, regions)| !regions.is_empty());
        out
    }

    /// A shell word for an IPv6 CIDR of the design: placed in the block AWS
    /// assigned when it lies in one of the design's VPC blocks, else as
    /// written.
    fn ipv6(&self, net: &Ipv6Net) -> Word {
        // The blocks holding `net` are its own network cut to each block
        // length no longer than its prefix; the first in design order wins.
        let found = self
            .ipv6_prefix_lens
            .iter()
            .take_while(|&&len| len <= net.prefix_len())
            .filter_map(|&len| {
                let block = Ipv6Net::new(net.network(), len).ok()?.trunc();
                self.ipv6_blocks.get(&block).map(|found| (block, found))
            })
            .min_by_key(|(_, found)| found.order);
        let Some((block, Ipv6Block { var, .. })) = found else {
            return Word::lit(net.to_string());
        };
        let net = net.trunc();
        if net == block {
            return Word::var(var);
        }
        let offset = u128::from(net.network()) - u128::from(block.network());
        let upper = offset >> 64;
        let lower = offset & u128::from(u64::MAX);
        Word::trusted(format!(
            "\"$(ipv6_in \"${{{var}}}\" {upper} {lower:x} {})\"",
            net.prefix_len()
        ))
    }
}
