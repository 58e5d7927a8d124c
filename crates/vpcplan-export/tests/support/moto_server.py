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

4. CloudFormation resources moto 5.2 does not implement, created the way
their documentation describes, through moto's own EC2 calls:
`AWS::EC2::VPCCidrBlock` (a secondary IPv4 block, or an Amazon-provided IPv6
block; `Ref` is the association id), the VPC attribute `Ipv6CidrBlocks`
(`Fn::GetAtt`, the VPC's associated IPv6 blocks), `AWS::EC2::VPCEndpointService`
(`Ref` is the service id) and `AWS::EC2::VPCEndpointServicePermissions`.

5. Properties moto's CloudFormation drops: `Tags` of `AWS::EC2::RouteTable`
and `AWS::EC2::VPCEndpoint` (it keeps them for VPCs, subnets and security
groups), `Ipv6CidrBlock` and `AvailabilityZoneId` of `AWS::EC2::Subnet`,
and `DestinationIpv6CidrBlock` of `AWS::EC2::Route` (passed on as CreateSubnet
and CreateRoute take them).

6. `AWS::EC2::SubnetRouteTableAssociation` associates the subnet with the
route table, as AssociateRouteTable does (moto's CloudFormation only records
the pair, so describe-route-tables never shows the association).

7. The intrinsic function `Fn::Cidr` (moto leaves it unevaluated):
`[ipBlock, count, cidrBits]` gives the first `count` blocks of `ipBlock` with
`cidrBits` host bits, as the CloudFormation documentation describes.

8. The size limit of an inline template: CreateStack and UpdateStack refuse
a `TemplateBody` over 51,200 bytes, as CloudFormation does (its quotas:
larger templates go through S3 as `TemplateURL`), so a test cannot pass a
template inline that AWS would refuse.

Any failure raises, and moto then answers `create-stack` with an error
(moto creates stack resources inside that call).
Everything else is moto's unchanged.
"""

import ipaddress
import itertools
import json
import sys

from moto.cloudformation.exceptions import (
    UnformattedGetAttTemplateException,
    ValidationError,
)
from moto.cloudformation import parsing
from moto.cloudformation.parsing import get_model_list, get_model_map
from moto.cloudformation.responses import CloudFormationResponse
from moto.core.common_models import CloudFormationModel
from moto.core.responses import ActionResult
from moto.ec2.exceptions import InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpc_peering_connections import VPCPeeringConnection
from moto.ec2.models.vpc_service_configuration import (
    VPCServiceConfiguration,
    VPCServiceConfigurationBackend,
)
from moto.ec2.models.route_tables import Route, RouteTable
from moto.ec2.models.subnets import Subnet, SubnetRouteTableAssociation
from moto.ec2.models.vpcs import VPC, VPCBackend, VPCEndPoint
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


# 4. CloudFormation resources moto lacks ------------------------------------


def _tags(properties):
    return {tag["Key"]: tag["Value"] for tag in properties.get("Tags", [])}


class VPCCidrBlock(CloudFormationModel):
    """AWS::EC2::VPCCidrBlock: one more CIDR block associated with a VPC."""

    # moto files its models by the service named in the module path.
    __module__ = "moto.ec2.vpcplan"

    def __init__(self, backend, vpc_id, association):
        self.backend = backend
        self.vpc_id = vpc_id
        self.association_id = association["association_id"]
        self.cidr_block = association["cidr_block"]

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::VPCCidrBlock"

    @staticmethod
    def cloudformation_name_type():
        return ""

    @property
    def physical_resource_id(self):
        return self.association_id

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ("Id", "Ipv6CidrBlock")

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "Id":
            return self.association_id
        if attribute_name == "Ipv6CidrBlock" and "::" in self.cidr_block:
            return self.cidr_block
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        amazon_ipv6 = str(properties.get("AmazonProvidedIpv6CidrBlock", "")).lower() == "true"
        if amazon_ipv6 == bool(properties.get("CidrBlock")):
            raise ValidationError(
                message="AWS::EC2::VPCCidrBlock needs exactly one of CidrBlock and "
                "AmazonProvidedIpv6CidrBlock here"
            )
        association = backend.associate_vpc_cidr_block(
            properties["VpcId"], properties.get("CidrBlock"), amazon_ipv6
        )
        return cls(backend, properties["VpcId"], association)

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        ec2_backends[account_id][region_name].disassociate_vpc_cidr_block(resource_name)


_vpc_cfn_attribute = VPC.get_cfn_attribute


def _vpc_get_cfn_attribute(self, attribute_name):
    if attribute_name == "Ipv6CidrBlocks":
        return [
            association["cidr_block"]
            for association in self.get_cidr_block_association_set(ipv6=True)
            if association["cidr_block_state"]["state"] == "associated"
        ]
    return _vpc_cfn_attribute(self, attribute_name)


VPC.get_cfn_attribute = _vpc_get_cfn_attribute


class VPCEndpointServiceResource(CloudFormationModel):
    """AWS::EC2::VPCEndpointService: the configuration, created as the API's
    CreateVpcEndpointServiceConfiguration creates it."""

    # moto files its models by the service named in the module path.
    __module__ = "moto.ec2.vpcplan"

    def __init__(self, config):
        self.config = config

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::VPCEndpointService"

    @staticmethod
    def cloudformation_name_type():
        return ""

    @property
    def physical_resource_id(self):
        return self.config.id

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "ServiceId"

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "ServiceId":
            return self.config.id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        backend = ec2_backends[account_id][region_name]
        balancers = properties.get("NetworkLoadBalancerArns", []) + properties.get(
            "GatewayLoadBalancerArns", []
        )
        acceptance = str(properties.get("AcceptanceRequired", "false")).lower() == "true"
        tags = [{"Key": key, "Value": value} for key, value in _tags(properties).items()]
        config = backend.create_vpc_endpoint_service_configuration(
            balancers, acceptance, None, tags, properties.get("SupportedRegions", [])
        )
        return cls(config)

    @classmethod
    def delete_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name
    ):
        ec2_backends[account_id][region_name].delete_vpc_endpoint_service_configurations(
            [resource_name]
        )


class VPCEndpointServicePermissionsResource(CloudFormationModel):
    """AWS::EC2::VPCEndpointServicePermissions: who may connect to a service."""

    # moto files its models by the service named in the module path.
    __module__ = "moto.ec2.vpcplan"

    def __init__(self, service_id, principals):
        self.service_id = service_id
        self.principals = principals

    @staticmethod
    def cloudformation_type():
        return "AWS::EC2::VPCEndpointServicePermissions"

    @staticmethod
    def cloudformation_name_type():
        return ""

    @property
    def physical_resource_id(self):
        return f"{self.service_id}-permissions"

    @classmethod
    def create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        properties = cloudformation_json["Properties"]
        principals = properties.get("AllowedPrincipals", [])
        ec2_backends[account_id][region_name].modify_vpc_endpoint_service_permissions(
            properties["ServiceId"], principals, []
        )
        return cls(properties["ServiceId"], principals)


# moto lists the CloudFormation models once, on first use; the ones above
# must be in that list.
get_model_list.cache_clear()
get_model_map.cache_clear()


# 5. Tags moto's CloudFormation drops ----------------------------------------


def _keeping_tags(model):
    create = model.create_from_cloudformation_json.__func__

    def create_with_tags(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    ):
        resource = create(
            cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
        )
        resource.add_tags(_tags(cloudformation_json.get("Properties", {})))
        return resource

    model.create_from_cloudformation_json = classmethod(create_with_tags)


_keeping_tags(RouteTable)
_keeping_tags(VPCEndPoint)


def _create_subnet(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    subnet = ec2_backends[account_id][region_name].create_subnet(
        vpc_id=properties["VpcId"],
        cidr_block=properties.get("CidrBlock"),
        ipv6_cidr_block=properties.get("Ipv6CidrBlock"),
        availability_zone=properties.get("AvailabilityZone"),
        availability_zone_id=properties.get("AvailabilityZoneId"),
    )
    subnet.add_tags(_tags(properties))
    return subnet


Subnet.create_from_cloudformation_json = classmethod(_create_subnet)


def _create_route(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    return ec2_backends[account_id][region_name].create_route(
        route_table_id=properties["RouteTableId"],
        destination_cidr_block=properties.get("DestinationCidrBlock"),
        destination_ipv6_cidr_block=properties.get("DestinationIpv6CidrBlock"),
        gateway_id=properties.get("GatewayId"),
        instance_id=properties.get("InstanceId"),
        nat_gateway_id=properties.get("NatGatewayId"),
        egress_only_igw_id=properties.get("EgressOnlyInternetGatewayId"),
        transit_gateway_id=properties.get("TransitGatewayId"),
        interface_id=properties.get("NetworkInterfaceId"),
        vpc_peering_connection_id=properties.get("VpcPeeringConnectionId"),
    )


Route.create_from_cloudformation_json = classmethod(_create_route)


# 6. Subnet associations -----------------------------------------------------


def _associate_subnet(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    backend.associate_route_table(properties["RouteTableId"], subnet_id=properties["SubnetId"])
    return backend.create_subnet_association(properties["RouteTableId"], properties["SubnetId"])


SubnetRouteTableAssociation.create_from_cloudformation_json = classmethod(_associate_subnet)


# 7. Fn::Cidr ----------------------------------------------------------------

_clean_json = parsing.clean_json


def _clean_json_with_cidr(resource_json, resources_map):
    if isinstance(resource_json, dict) and "Fn::Cidr" in resource_json:
        block, count, host_bits = (
            _clean_json_with_cidr(argument, resources_map)
            for argument in resource_json["Fn::Cidr"]
        )
        network = ipaddress.ip_network(block, strict=False)
        subnets = network.subnets(new_prefix=network.max_prefixlen - int(host_bits))
        return [str(subnet) for subnet in itertools.islice(subnets, int(count))]
    return _clean_json(resource_json, resources_map)


# clean_json recurses through the module's global name, so nested uses of
# Fn::Cidr reach this too.
parsing.clean_json = _clean_json_with_cidr


# 8. Inline templates up to 51,200 bytes ------------------------------------

INLINE_TEMPLATE_MAX_BYTES = 51_200


def _limiting_template_body(operation):
    def checked(self):
        body = self._get_param("TemplateBody")
        if body is not None and len(body.encode("utf-8")) > INLINE_TEMPLATE_MAX_BYTES:
            raise ValidationError(
                message=f"1 validation error detected: Value at 'templateBody' failed to satisfy "
                f"constraint: Member must have length less than or equal to "
                f"{INLINE_TEMPLATE_MAX_BYTES}"
            )
        return operation(self)

    return checked


CloudFormationResponse.create_stack = _limiting_template_body(CloudFormationResponse.create_stack)
CloudFormationResponse.update_stack = _limiting_template_body(CloudFormationResponse.update_stack)


if __name__ == "__main__":
    main(sys.argv[1:])
