"""CloudFormation resources moto 5.2 does not implement.

They are created the way
their documentation describes, through moto's own EC2 calls:
`AWS::EC2::VPCCidrBlock` (a secondary IPv4 block, or an Amazon-provided IPv6
block; `Ref` is the association id), the VPC attribute `Ipv6CidrBlocks`
(`Fn::GetAtt`, the VPC's associated IPv6 blocks), `AWS::EC2::VPCEndpointService`
(`Ref` is the service id) and `AWS::EC2::VPCEndpointServicePermissions`.
"""

from moto.cloudformation.exceptions import (
    UnformattedGetAttTemplateException,
    ValidationError,
)
from moto.cloudformation.parsing import (
    get_model_list,
    get_model_map,
)
from moto.core.common_models import CloudFormationModel
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpcs import VPC

from .common import tags as _tags


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
