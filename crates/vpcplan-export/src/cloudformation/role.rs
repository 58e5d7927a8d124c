//! The accepter-role template of an account that accepts cross-account
//! peerings: a role the requester accounts may assume, allowed to accept
//! VPC peering connections. The requester's `AWS::EC2::VPCPeeringConnection`
//! names it in `PeerRoleArn`, and CloudFormation accepts the request with it
//! in the same stack operation.

use vpcplan_core::{Design, Diagnostic};

use super::node::{
    Node, Obj, escape_substitutions, get_att, join, reference, tags, truncate_bytes,
};
use super::plan::RoleSpec;
use super::stack::errors_node;

pub(crate) const ROLE_ID: &str = "PeerRole";
pub(crate) const ROLE_OUTPUT: &str = "PeerRoleArn";

pub(crate) fn template(design: &Design, role: &RoleSpec, errors: &[Diagnostic]) -> Node {
    let mut description = String::new();
    if !errors.is_empty() {
        let rules: Vec<&str> = errors.iter().map(|error| error.rule).collect();
        description.push_str(&format!(
            "EXPORTED WITH ERRORS ({}; see Metadata): ",
            rules.join(", ")
        ));
    }
    description.push_str(&format!(
        "vpcplan: {} - role in account {} that accepts VPC peering requests from account(s) {}",
        design.name,
        role.account,
        role.requester_accounts.join(", ")
    ));
    let principals: Vec<Node> = role
        .requester_accounts
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
    let accept = Obj::new().with("Version", "2012-10-17").with(
        "Statement",
        vec![Node::from(
            Obj::new()
                .with("Effect", "Allow")
                .with("Action", "ec2:AcceptVpcPeeringConnection")
                .with("Resource", "*"),
        )],
    );
    let mut metadata = Obj::new()
        .with("Design", design.name.as_str())
        .with("Account", role.account.as_str());
    if !errors.is_empty() {
        metadata.insert("Errors", errors_node(errors));
    }
    let template = Obj::new()
        .with("AWSTemplateFormatVersion", "2010-09-09")
        .with("Description", truncate_bytes(&description, 1024))
        .with("Metadata", Obj::new().with("vpcplan", metadata))
        .with(
            "Resources",
            Obj::new().with(
                ROLE_ID,
                Obj::new().with("Type", "AWS::IAM::Role").with(
                    "Properties",
                    Obj::new()
                        .with("Description", "Lets the requester accounts' CloudFormation stacks accept VPC peering connections into this account (vpcplan).")
                        .with("AssumeRolePolicyDocument", trust)
                        .with(
                            "Policies",
                            vec![Node::from(
                                Obj::new()
                                    .with("PolicyName", "AcceptVpcPeeringConnection")
                                    .with("PolicyDocument", accept),
                            )],
                        )
                        .with(
                            "Tags",
                            tags(&iam_tag_value(&design.name), "peer-role"),
                        ),
                ),
            ),
        )
        .with(
            "Outputs",
            Obj::new().with(
                ROLE_OUTPUT,
                Obj::new()
                    .with(
                        "Description",
                        "Pass this ARN as the PeerRoleArn parameter of the requester stacks.",
                    )
                    .with("Value", get_att(ROLE_ID, "Arn")),
            ),
        );
    escape_substitutions(template.into())
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
