//! `create-vpc` with its DNS attributes and extra CIDR blocks: one section
//! per VPC, holding its subnets and route tables too.

use serde_json::Value;
use vpcplan_core::design::Vpc;

use super::Deploy;
use crate::cli_script::shell::{AwsCall, Json, Word, escape_controls, quote};

impl Deploy<'_, '_> {
    pub(super) fn vpcs(&mut self) {
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
                self.tag_specifications("vpc", &vpc.name, &vpc.id.0, &vpc_plan.key),
            )
            .query("Vpc.VpcId");
        self.line(create.capture_id(&var));
        self.created.push(var.clone());
        self.line(
            AwsCall::ec2("wait vpc-available", profile.clone(), region)
                .arg_var("--vpc-ids", &var)
                .run(),
        );
        for (attribute, value) in [
            ("--enable-dns-support", vpc.dns_support),
            ("--enable-dns-hostnames", vpc.dns_hostnames),
        ] {
            self.line(
                AwsCall::ec2("modify-vpc-attribute", profile.clone(), region)
                    .arg_var("--vpc-id", &var)
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
                    .arg_var("--vpc-id", &var)
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
                    .arg_var("--vpc-id", &var)
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
        self.subnets(vpc, &profile, region, &var);
        self.route_tables(vpc, &profile, region, &var);
    }
}
