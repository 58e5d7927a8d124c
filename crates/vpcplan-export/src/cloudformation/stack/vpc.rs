//! `AWS::EC2::VPC` and its extra CIDR blocks (`AWS::EC2::VPCCidrBlock`), then
//! what hangs directly off a VPC, and the VPC's outputs.

use std::collections::BTreeSet;

use super::Builder;
use crate::cloudformation::node::{Obj, get_att, reference, select, tags, truncate_chars};
use crate::cloudformation::plan::Import;

impl Builder<'_, '_> {
    pub(super) fn emit_vpc(&mut self, position: usize) {
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
        self.emit_subnets(position, &vpc_id);
        self.emit_route_tables(position, &vpc_id);
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
}
