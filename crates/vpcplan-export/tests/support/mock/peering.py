"""CloudFormation VPC peering across accounts and Regions.

moto 5.2's `AWS::EC2::VPCPeeringConnection` looks up `PeerVpcId` in the
stack's own account and Region and ignores `PeerOwnerId`, `PeerRegion` and
`PeerRoleArn`, so a template that peers with another account or Region (the
only correct way to write one) cannot be deployed on it. This replacement
does what the CloudFormation documentation describes instead:

- the peer VPC is looked up in `PeerOwnerId`'s account (default: the stack's)
  and `PeerRegion` (default: the stack's Region);
- with another owner, `PeerRoleArn` is required and must name a role that
  exists in the peer account, trusts the requester account, and whose
  policies allow `ec2:AcceptVpcPeeringConnection` on both resources the
  action authorizes: the accepter VPC, and the peering connection with its
  condition keys `ec2:AccepterVpc` and `ec2:RequesterVpc` (Service
  Authorization Reference, "Actions, resources, and condition keys for
  Amazon EC2": https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
  A role allowed only on other VPCs cannot accept, as on AWS. CloudFormation
  assumes it to accept the request, so the connection becomes active;
- in the same account the request is accepted at once;
- tags are kept, so the connection's Name tag can be checked.

Peering VPCs whose CIDRs overlap fails, through the API and CloudFormation:
"You cannot create a VPC peering connection between VPCs that have matching
or overlapping IPv4 or IPv6 CIDR blocks", and such a request's status is
`failed` (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html;
"If you create a VPC peering connection request between VPCs with
overlapping CIDR blocks, the VPC peering connection has a status of
failed": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcpeeringconnection.html).
moto accepts it.
"""

import fnmatch
import ipaddress

import json

from moto.cloudformation.exceptions import ValidationError
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpc_peering_connections import (
    VPCPeeringConnection,
    VPCPeeringConnectionBackend,
)
from moto.iam.models import iam_backends
from moto.utilities.utils import get_partition


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


ACCEPT = "ec2:AcceptVpcPeeringConnection"


def _matches(pattern, value):
    # IAM's `*` and `?` wildcards (case-insensitive for actions only).
    return fnmatch.fnmatchcase(value, pattern)


def _condition_holds(condition, context):
    """Every operator and key of a statement's Condition holds in `context`.
    A key the request does not have (such as ec2:AccepterVpc for the VPC
    resource) fails, as it does in IAM; operators the exports do not use are
    not understood, and fail."""
    for operator, keys in (condition or {}).items():
        if operator not in ("ArnEquals", "ArnLike", "StringEquals", "StringLike"):
            return False
        for key, wanted in keys.items():
            value = context.get(key)
            if value is None:
                return False
            like = operator.endswith("Like") or operator == "ArnEquals"
            if not any(
                _matches(pattern, value) if like else pattern == value
                for pattern in _as_list(wanted)
            ):
                return False
    return True


def _allows(documents, resource, context):
    """Whether the policies allow ec2:AcceptVpcPeeringConnection on `resource`
    (an explicit Deny wins)."""
    allowed = False
    for document in documents:
        for statement in _statements(document):
            actions = [action.lower() for action in _as_list(statement.get("Action"))]
            if not any(_matches(action, ACCEPT.lower()) for action in actions):
                continue
            if not any(_matches(pattern, resource) for pattern in _as_list(statement.get("Resource"))):
                continue
            if not _condition_holds(statement.get("Condition"), context):
                continue
            if statement.get("Effect") == "Deny":
                return False
            allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


def _trusts(document, account_id, partition):
    for statement in _statements(document):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal", {})
        if principal == "*":
            return True
        for arn in _as_list(principal.get("AWS") if isinstance(principal, dict) else None):
            if arn in (account_id, f"arn:{partition}:iam::{account_id}:root", "*"):
                return True
    return False


def _check_peer_role(role_arn, vpc, peer_vpc):
    peer_owner, requester = peer_vpc.owner_id, vpc.owner_id
    if not role_arn:
        raise _not_accepted(
            f"PeerRoleArn is required to peer with account {peer_owner}: "
            "without it nobody accepts the request and the stack fails to stabilize"
        )
    role = iam_backends[peer_owner]["global"].get_role_by_arn(role_arn)
    partition = get_partition(peer_vpc.region)
    if not _trusts(role.assume_role_policy_document, requester, partition):
        raise _not_accepted(f"{role_arn} does not trust account {requester}")
    documents = list(role.policies.values()) + [
        policy.document for policy in role.managed_policies.values()
    ]

    def arn(region, account, resource):
        return f"arn:{get_partition(region)}:ec2:{region}:{account}:{resource}"

    accepter_vpc = arn(peer_vpc.region, peer_owner, f"vpc/{peer_vpc.id}")
    requester_vpc = arn(vpc.region, requester, f"vpc/{vpc.id}")
    # The connection's id is not known before the request; policies name
    # peering connections by wildcard.
    connection = arn(peer_vpc.region, peer_owner, "vpc-peering-connection/pcx-requested")
    context = {"ec2:AccepterVpc": accepter_vpc, "ec2:RequesterVpc": requester_vpc}
    for resource, resource_context in ((accepter_vpc, {}), (connection, context)):
        if not _allows(documents, resource, resource_context):
            raise _not_accepted(
                f"{role_arn} may not call {ACCEPT} on {resource}"
                + (f" with {context}" if resource_context else "")
            )


def _cidrs(vpc):
    return [
        ipaddress.ip_network(association["cidr_block"])
        for ipv6 in (False, True)
        for association in vpc.get_cidr_block_association_set(ipv6=ipv6)
        if association["cidr_block_state"]["state"] == "associated"
    ]


def _overlap(vpc, peer_vpc):
    for mine in _cidrs(vpc):
        for theirs in _cidrs(peer_vpc):
            if mine.version == theirs.version and mine.overlaps(theirs):
                return mine, theirs
    return None


_create_vpc_peering_connection = VPCPeeringConnectionBackend.create_vpc_peering_connection


def create_vpc_peering_connection(self, vpc, peer_vpc, tags=None):
    connection = _create_vpc_peering_connection(self, vpc, peer_vpc, tags)
    if _overlap(vpc, peer_vpc):
        # The message AWS gives such a request.
        connection._status.code = "failed"
        connection._status.message = (
            "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range"
        )
    return connection


VPCPeeringConnectionBackend.create_vpc_peering_connection = create_vpc_peering_connection


def create_from_cloudformation_json(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    vpc = backend.get_vpc(properties["VpcId"])
    peer_owner = str(properties.get("PeerOwnerId") or account_id)
    peer_region = properties.get("PeerRegion") or region_name
    peer_vpc = ec2_backends[peer_owner][peer_region].get_vpc(properties["PeerVpcId"])
    overlap = _overlap(vpc, peer_vpc)
    if overlap:
        raise _not_accepted(
            f"the request is failed: {overlap[0]} of {vpc.id} overlaps {overlap[1]} of {peer_vpc.id}"
        )
    if peer_owner != account_id:
        _check_peer_role(properties.get("PeerRoleArn"), vpc, peer_vpc)
    tags = {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}
    connection = backend.create_vpc_peering_connection(vpc, peer_vpc, tags)
    connection._status.accept()
    return connection


VPCPeeringConnection.create_from_cloudformation_json = classmethod(
    create_from_cloudformation_json
)
