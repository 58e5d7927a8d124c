//! `AWS::EC2::VPCPeeringConnection`, requested from the requester's stack;
//! the routes over it are in `route`.

use vpcplan_core::collections::HashSet;
use vpcplan_core::design::LinkId;

use super::peer_role::peer_role_name;
use super::{Builder, PEERING_ID_PATTERN, ParamSpec, PeeringDns, Val};
use crate::cloudformation::node::{Node, Obj, join, reference, tags, truncate_chars};
use crate::cloudformation::plan::{Import, Source};

impl Builder<'_, '_> {
    pub(super) fn emit_peerings(&mut self, position: usize) {
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
            let conditions = peer_vpc.conditions.clone();
            let mut properties = Obj::new()
                .with("VpcId", reference(&vpc_id))
                .with("PeerVpcId", peer_vpc.node);
            if accepter.account != vpc.account {
                properties.insert("PeerOwnerId", accepter.account.as_str());
                // The role the accepter's stack creates under a name known
                // from the design, so its ARN needs no parameter.
                properties.insert(
                    "PeerRoleArn",
                    join(vec![
                        Node::from("arn:"),
                        reference("AWS::Partition"),
                        Node::from(format!(
                            ":iam::{}:role/{}",
                            accepter.account,
                            peer_role_name(self.ctx.design, accepter)
                        )),
                    ]),
                );
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
    pub(super) fn peering_target(
        &mut self,
        position: usize,
        link: &LinkId,
    ) -> Option<(Val, usize, bool)> {
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
}
