"""moto's server, with the few AWS behaviours the exports rely on that moto 5.2 lacks.

The export tests start the mock through this file instead of the `moto_server`
script: `python moto_server.py -H 127.0.0.1 -p PORT` takes the same arguments.
Each change makes the mock do what the AWS documentation describes; nothing
here makes a call succeed that AWS would refuse.

1. CloudFormation VPC peering across accounts and Regions. moto 5.2's `AWS::EC2::VPCPeeringConnection` looks up `PeerVpcId` in the
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

2. Endpoint services behind an NLB the design names by ARN. moto only
knows load balancers created on the mock, with ARNs of its own choosing; a
design refers to the provider's existing NLB by its real ARN. An NLB ARN
moto does not know stands for an existing NLB when it is well formed and
belongs to the calling account and Region (AWS refuses other accounts' NLBs).

3. Endpoint connection acceptance. moto has no AcceptVpcEndpointConnections
and makes every endpoint `available` at once. Here an interface endpoint to an
endpoint service must be allowed by the service's permissions (else
InvalidServiceName, as on AWS), starts `pendingAcceptance` when the service
requires acceptance, and becomes `available` when the provider accepts it.

Any failure raises, and moto then answers `create-stack` with an error
(moto creates stack resources inside that call).
Everything else is moto's unchanged.
"""

import json
import sys

from moto.cloudformation.exceptions import ValidationError
from moto.core.responses import ActionResult
from moto.ec2.exceptions import InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpc_peering_connections import VPCPeeringConnection
from moto.ec2.models.vpc_service_configuration import (
    VPCServiceConfiguration,
    VPCServiceConfigurationBackend,
)
from moto.ec2.models.vpcs import VPCBackend
from moto.ec2.responses.vpc_service_configuration import VPCEndpointServiceConfiguration
from moto.elbv2.exceptions import LoadBalancerNotFoundError
from moto.iam.models import iam_backends
from moto.server import main


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

# 2. NLBs named by ARN -------------------------------------------------------


class _ExistingNetworkLoadBalancer:
    """An NLB outside the mock, known by its ARN."""

    type = "network"
    subnets = ()

    def __init__(self, arn):
        self.arn = arn


def _load_balancers(backend, arns):
    known = {balancer.arn: balancer for balancer in backend.elbv2_backend.load_balancers.values()}
    found = []
    for arn in arns:
        if arn in known:
            found.append(known[arn])
            continue
        parts = arn.split(":", 5)
        if (
            len(parts) != 6
            or parts[2] != "elasticloadbalancing"
            or parts[3] != backend.region_name
            or parts[4] != backend.account_id
            or not parts[5].startswith("loadbalancer/net/")
        ):
            raise LoadBalancerNotFoundError()
        found.append(_ExistingNetworkLoadBalancer(arn))
    return found


def create_vpc_endpoint_service_configuration(
    self, lb_arns, acceptance_required, private_dns_name, tags, supported_regions
):
    config = VPCServiceConfiguration(
        load_balancers=_load_balancers(self, lb_arns),
        region=self.region_name,
        acceptance_required=acceptance_required,
        private_dns_name=private_dns_name,
        supported_regions=supported_regions,
        ec2_backend=self,
    )
    for tag in tags or []:
        config.add_tag(tag["Key"], tag["Value"])
    self.configurations[config.id] = config
    return config


VPCServiceConfigurationBackend.create_vpc_endpoint_service_configuration = (
    create_vpc_endpoint_service_configuration
)


# 3. Endpoint connections ----------------------------------------------------


def _every_backend():
    for regions in list(ec2_backends.values()):
        for backend in list(regions.values()):
            yield backend


def _service_named(service_name):
    for backend in _every_backend():
        for config in backend.configurations.values():
            if config.service_name == service_name:
                return config
    return None


def _allowed(config, account_id):
    for principal in config.principals:
        if principal == "*" or principal.split(":")[4:5] == [account_id]:
            return True
    return config.ec2_backend.account_id == account_id


_create_vpc_endpoint = VPCBackend.create_vpc_endpoint


def create_vpc_endpoint(self, vpc_id, service_name, endpoint_type, *args, **kwargs):
    config = _service_named(service_name)
    if config is not None and not _allowed(config, self.account_id):
        raise InvalidServiceName(service_name)
    endpoint = _create_vpc_endpoint(self, vpc_id, service_name, endpoint_type, *args, **kwargs)
    if config is not None and config.acceptance_required:
        endpoint.state = "pendingAcceptance"
    return endpoint


VPCBackend.create_vpc_endpoint = create_vpc_endpoint


def accept_vpc_endpoint_connections(self):
    service_id = self._get_param("ServiceId")
    endpoint_ids = self._get_param("VpcEndpointIds", [])
    config = self.ec2_backend.get_vpc_endpoint_service(service_id)
    unsuccessful = []
    for endpoint_id in endpoint_ids:
        endpoint = None
        for backend in _every_backend():
            endpoint = backend.vpc_end_points.get(endpoint_id) or endpoint
        if config is None or endpoint is None or endpoint.service_name != config.service_name:
            unsuccessful.append(
                {
                    "ResourceId": endpoint_id,
                    "Error": {
                        "Code": "InvalidVpcEndpoint.NotFound",
                        "Message": f"no endpoint {endpoint_id} connects to {service_id}",
                    },
                }
            )
        elif endpoint.state != "pendingAcceptance":
            unsuccessful.append(
                {
                    "ResourceId": endpoint_id,
                    "Error": {
                        "Code": "InvalidState",
                        "Message": f"{endpoint_id} is {endpoint.state}, not pendingAcceptance",
                    },
                }
            )
        else:
            endpoint.state = "available"
    return ActionResult({"Unsuccessful": unsuccessful})


VPCEndpointServiceConfiguration.accept_vpc_endpoint_connections = accept_vpc_endpoint_connections


if __name__ == "__main__":
    main(sys.argv[1:])
