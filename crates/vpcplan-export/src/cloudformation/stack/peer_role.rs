//! `AWS::IAM::Role`: the role with which the stacks of other accounts
//! accept their peering requests into a VPC of this stack. The requester's
//! `AWS::EC2::VPCPeeringConnection` names it in `PeerRoleArn`, and
//! CloudFormation assumes it to accept the request in the same stack
//! operation; the CloudFormation walkthrough creates it the same way, in the
//! accepter account's stack beside the VPC it accepts into
//! (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/peer-with-vpc-in-another-account.html).
//!
//! Least privilege: one role per accepting VPC, trusted by exactly the
//! accounts that request peerings into it, allowed
//! `ec2:AcceptVpcPeeringConnection` only on that VPC and on peering
//! connections of this account and Region whose accepter is that VPC
//! (`ec2:AccepterVpc`). The action authorizes both resource types, the VPC
//! and the peering connection, each required, and `ec2:AccepterVpc` is a key
//! of the peering connection only (Service Authorization Reference, "Actions,
//! resources, and condition keys for Amazon EC2":
//! https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html;
//! the VPC peering guide's policy examples:
//! https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html). ARNs
//! take `AWS::Partition`, so the role works in every partition.
//!
//! The role is named from the design (`peer_role_name`), so the requester's
//! stack writes its ARN itself: no parameter and no output per accepting
//! VPC (a design of many VPCs peered across accounts would otherwise need
//! one in every requester stack for every VPC it peers with).

use std::collections::BTreeSet;

use vpcplan_core::Design;
use vpcplan_core::design::Vpc;

use super::Builder;
use crate::cli_script::fnv1a;
use crate::cloudformation::node::{Node, Obj, join, reference, sub, tags};

/// The name of the role that accepts peerings into `vpc`: unique per design,
/// VPC and place (IAM names are unique in an account), at most 64
/// characters of those IAM allows.
pub(crate) fn peer_role_name(design: &Design, vpc: &Vpc) -> String {
    let key = format!(
        "{}\u{0}{}\u{0}{}\u{0}{}",
        design.name, vpc.id, vpc.account, vpc.region
    );
    format!("vpcplan-peer-accepter-{:016x}", fnv1a(&key))
}

impl Builder<'_, '_> {
    pub(super) fn emit_peer_role(&mut self, position: usize) {
        let Some(requesters) = self.ctx.peer_role_requesters.get(&position) else {
            return;
        };
        let vpc = &self.ctx.design.vpcs[position];
        let vpc_id = self.vpc_ids[&position].clone();
        let principals: Vec<Node> = requesters
            .iter()
            .map(|account| {
                // Fn::Join, not Fn::Sub: the account id is design data.
                join(vec![
                    Node::from("arn:"),
                    reference("AWS::Partition"),
                    Node::from(format!(":iam::{account}:root")),
                ])
            })
            .collect();
        let trust = Obj::new().with("Version", "2012-10-17").with(
            "Statement",
            vec![Node::from(
                Obj::new()
                    .with("Effect", "Allow")
                    .with("Principal", Obj::new().with("AWS", principals))
                    .with("Action", "sts:AssumeRole"),
            )],
        );
        // The logical id of the VPC is ours (letters and digits), so it may
        // stand in Fn::Sub.
        let vpc_arn = format!(
            "arn:${{AWS::Partition}}:ec2:${{AWS::Region}}:${{AWS::AccountId}}:vpc/${{{vpc_id}}}"
        );
        let accept = Obj::new().with("Version", "2012-10-17").with(
            "Statement",
            vec![
                Node::from(
                    Obj::new()
                        .with("Sid", "TheAccepterVpc")
                        .with("Effect", "Allow")
                        .with("Action", "ec2:AcceptVpcPeeringConnection")
                        .with("Resource", sub(&vpc_arn)),
                ),
                Node::from(
                    Obj::new()
                        .with("Sid", "PeeringConnectionsIntoTheAccepterVpc")
                        .with("Effect", "Allow")
                        .with("Action", "ec2:AcceptVpcPeeringConnection")
                        .with(
                            "Resource",
                            sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*"),
                        )
                        .with(
                            "Condition",
                            Obj::new().with(
                                "ArnEquals",
                                Obj::new().with("ec2:AccepterVpc", sub(&vpc_arn)),
                            ),
                        ),
                ),
            ],
        );
        let id = self.allocate("PeerRole", &vpc.name);
        self.add_resource(
            &id,
            "AWS::IAM::Role",
            Obj::new()
                .with("RoleName", peer_role_name(self.ctx.design, vpc))
                .with(
                    "Description",
                    "Lets the requester accounts' CloudFormation stacks accept VPC peering connections into one VPC of this stack (vpcplan).",
                )
                .with("AssumeRolePolicyDocument", trust)
                .with(
                    "Policies",
                    vec![Node::from(
                        Obj::new()
                            .with("PolicyName", "AcceptVpcPeeringConnection")
                            .with("PolicyDocument", accept),
                    )],
                )
                .with("Tags", tags(&iam_tag_value(&vpc.name), "peer-role")),
            &BTreeSet::new(),
            &[],
        );
        self.iam = true;
    }
}

/// IAM tag values allow only letters, digits, spaces and `_.:/=+-@`; other
/// characters become spaces.
fn iam_tag_value(name: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || "_.:/=+-@".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let collapsed = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("{collapsed} peering accepter").trim().to_owned()
}
