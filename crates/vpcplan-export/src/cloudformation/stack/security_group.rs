//! `AWS::EC2::SecurityGroup` with its inline rules, and
//! `AWS::EC2::SecurityGroupIngress` for rules whose source is a reference.
//!
//! A rule that references a group in a peer VPC waits for the peering to be
//! active: "To reference a security group in a peer VPC, the VPC peering
//! connection must be in the active state"
//! (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html).
//! In the stack that requests the peering the rule `DependsOn` the
//! `AWS::EC2::VPCPeeringConnection`, which CloudFormation completes only
//! once the request is accepted (within the stack's account, or through the
//! accepter's `PeerRoleArn`; otherwise "VpcPeeringConnection failed to
//! stabilize": https://repost.aws/knowledge-center/cloudformation-vpc-peering-error).
//! In the accepter's stack the rule is conditional on the peering id, the
//! parameter the deploy plan passes by update once the requester's stack is
//! complete, as it does for the accepter's routes.

use std::collections::BTreeSet;

use ipnet::IpNet;
use vpcplan_core::design::{LinkId, RuleSource, SecurityGroupId, SecurityGroupRule, VpcId};

use super::{Builder, GROUP_ID_PATTERN, PREFIX_LIST_PATTERN, ParamSpec, Val};
use crate::cloudformation::node::{Node, Obj, get_att, reference, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};
use crate::ip_protocol::IpProtocol;

impl Builder<'_, '_> {
    pub(super) fn emit_security_groups(&mut self, position: usize) {
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
                let Some(base) = rule_base(rule) else {
                    self.note(format!(
                        "A rule of security group {} is not exported: EC2 has no IP protocol {:?} (use tcp, udp, icmp, icmpv6, a protocol number or -1 for all).",
                        group.id, rule.protocol
                    ));
                    continue;
                };
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
                        vpc: source_vpc,
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
                        // The VPC that holds the group, as the design index has it.
                        let source_vpc = self
                            .ctx
                            .index
                            .security_groups
                            .get(source_group)
                            .map_or(source_vpc, |(owner, _)| &owner.id);
                        if let Some(link) = self.peering_between(&vpc.id, source_vpc) {
                            let id = self.allocate("Ingress", &group.name);
                            self.peer_group_rules.push(PeerGroupRule {
                                id,
                                group: group_id.clone(),
                                position,
                                link,
                                rule: base,
                                conditions: val.conditions,
                                after: val.after,
                            });
                            continue;
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

    /// The rules that reference a group in a peer VPC, each waiting for its
    /// peering (see the module's header). Called once the peerings are written.
    pub(super) fn emit_peer_group_rules(&mut self) {
        for waiting in std::mem::take(&mut self.peer_group_rules) {
            let PeerGroupRule {
                id,
                group,
                position,
                link,
                rule,
                mut conditions,
                mut after,
            } = waiting;
            let Some((peering, _, _)) = self.peering_target(position, &link) else {
                self.note(format!(
                    "A rule of {group} references a group over peering {link}, which is not exported; the rule is left out, as EC2 would refuse it."
                ));
                continue;
            };
            // The peering's own conditions (its deferred values, or the
            // accepter's peering id), and the resource itself when it is in
            // this stack: the rule references neither, so it says so.
            conditions.extend(peering.conditions);
            if let Some(resource) = self.peering_ids.get(&link)
                && self.resource_conditions.contains_key(resource)
            {
                after.push(resource.clone());
            }
            let mut properties = Obj::new().with("GroupId", get_att(&group, "GroupId"));
            properties.extend(rule);
            self.add_resource(
                &id,
                "AWS::EC2::SecurityGroupIngress",
                properties,
                &conditions,
                &after,
            );
        }
    }

    /// The peering between a VPC and another, the first in design order.
    fn peering_between(&self, vpc: &VpcId, other: &VpcId) -> Option<LinkId> {
        if vpc == other {
            return None;
        }
        self.ctx
            .index
            .peerings_of(vpc)
            .find(|(_, peering)| {
                (peering.requester == *vpc && peering.accepter == *other)
                    || (peering.accepter == *vpc && peering.requester == *other)
            })
            .map(|(link, _)| link.id.clone())
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
}

/// A rule that references a group in a peer VPC, waiting to be written
/// after the peering (its logical id is taken in design order all the same).
pub(super) struct PeerGroupRule {
    id: String,
    /// The logical id of the group the rule belongs to.
    group: String,
    /// The VPC of that group.
    position: usize,
    link: LinkId,
    rule: Obj,
    conditions: BTreeSet<String>,
    after: Vec<String>,
}

/// `IpProtocol` and ports of a rule (see `IpProtocol`); `None` when EC2 has
/// no such protocol.
fn rule_base(rule: &SecurityGroupRule) -> Option<Obj> {
    let protocol = IpProtocol::of(&rule.protocol)?;
    let mut base = Obj::new().with("IpProtocol", protocol.value());
    if protocol.takes_ports() {
        base.insert("FromPort", rule.from_port);
        base.insert("ToPort", rule.to_port);
    }
    Some(base)
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
