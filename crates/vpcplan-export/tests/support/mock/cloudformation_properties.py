"""What moto's CloudFormation drops or leaves unevaluated.

Properties moto's CloudFormation drops: `Tags` of `AWS::EC2::RouteTable`
and `AWS::EC2::VPCEndpoint` (it keeps them for VPCs, subnets and security
groups), `Ipv6CidrBlock` and `AvailabilityZoneId` of `AWS::EC2::Subnet`,
and `DestinationIpv6CidrBlock` of `AWS::EC2::Route` (passed on as CreateSubnet
and CreateRoute take them).

`AWS::EC2::SubnetRouteTableAssociation` associates the subnet with the
route table, as AssociateRouteTable does (moto's CloudFormation only records
the pair, so describe-route-tables never shows the association).

The intrinsic function `Fn::Cidr` (moto leaves it unevaluated):
`[ipBlock, count, cidrBits]` gives the first `count` blocks of `ipBlock` with
`cidrBits` host bits, as the CloudFormation documentation describes.
"""

import ipaddress
import itertools

from moto.cloudformation import parsing
from moto.ec2.models import ec2_backends
from moto.ec2.models.route_tables import (
    Route,
    RouteTable,
)
from moto.ec2.models.subnets import (
    Subnet,
    SubnetRouteTableAssociation,
)
from moto.ec2.models.vpcs import VPCEndPoint

from .common import tags as _tags


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

def _associate_subnet(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    backend.associate_route_table(properties["RouteTableId"], subnet_id=properties["SubnetId"])
    return backend.create_subnet_association(properties["RouteTableId"], properties["SubnetId"])


SubnetRouteTableAssociation.create_from_cloudformation_json = classmethod(_associate_subnet)

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
