"""CloudFormation VPC peering across accounts and Regions.

moto 5.2's `AWS::EC2::VPCPeeringConnection` looks up `PeerVpcId` in the
stack's own account and Region and ignores `PeerOwnerId`, `PeerRegion` and
`PeerRoleArn`, so a template that peers with another account or Region (the
only correct way to write one) cannot be deployed on it. This replacement
does what the CloudFormation documentation describes instead:

- the peer VPC is looked up in `PeerOwnerId`'s account (default: the stack's)
  and `PeerRegion` (default: the stack's Region);
- with another owner, `PeerRoleArn` is required and must name a role that
  exists in the peer account, trusts the requester account, and has a policy
  allowing `ec2:AcceptVpcPeeringConnection`; CloudFormation assumes it to
  accept the request, so the connection becomes active;
- in the same account the request is accepted at once;
- tags are kept, so the connection's Name tag can be checked.
"""

import json

from moto.cloudformation.exceptions import ValidationError
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpc_peering_connections import VPCPeeringConnection
from moto.iam.models import iam_backends


def _not_accepted(message):
    # A CloudFormation error with a message the CLI shows, rather than a
    # bare 500 from an unexpected exception.
    return ValidationError(message=f"VpcPeeringConnection failed to stabilize: {message}")


def _statements(document):
    if isinstance(document, str):
        document = json.loads(document)
    statements = document.get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _allows_accept(document):
    for statement in _statements(document):
        if statement.get("Effect") != "Allow":
            continue
        for action in _as_list(statement.get("Action")):
            if action in ("ec2:AcceptVpcPeeringConnection", "ec2:*", "*"):
                return True
    return False


def _trusts(document, account_id):
    for statement in _statements(document):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal", {})
        if principal == "*":
            return True
        for arn in _as_list(principal.get("AWS") if isinstance(principal, dict) else None):
            if arn in (account_id, f"arn:aws:iam::{account_id}:root", "*"):
                return True
    return False


def _check_peer_role(role_arn, peer_owner, requester):
    if not role_arn:
        raise _not_accepted(
            f"PeerRoleArn is required to peer with account {peer_owner}: "
            "without it nobody accepts the request and the stack fails to stabilize"
        )
    role = iam_backends[peer_owner]["global"].get_role_by_arn(role_arn)
    if not _trusts(role.assume_role_policy_document, requester):
        raise _not_accepted(f"{role_arn} does not trust account {requester}")
    documents = list(role.policies.values()) + [
        policy.document for policy in role.managed_policies.values()
    ]
    if not any(_allows_accept(document) for document in documents):
        raise _not_accepted(f"{role_arn} may not call ec2:AcceptVpcPeeringConnection")


def create_from_cloudformation_json(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    vpc = backend.get_vpc(properties["VpcId"])
    peer_owner = str(properties.get("PeerOwnerId") or account_id)
    peer_region = properties.get("PeerRegion") or region_name
    peer_vpc = ec2_backends[peer_owner][peer_region].get_vpc(properties["PeerVpcId"])
    if peer_owner != account_id:
        _check_peer_role(properties.get("PeerRoleArn"), peer_owner, account_id)
    tags = {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}
    connection = backend.create_vpc_peering_connection(vpc, peer_vpc, tags)
    connection._status.accept()
    return connection


VPCPeeringConnection.create_from_cloudformation_json = classmethod(
    create_from_cloudformation_json
)
