"""VPC endpoints as CreateVpcEndpoint documents them, through the API and
through CloudFormation's `AWS::EC2::VPCEndpoint` alike.

The quotes are from the CreateVpcEndpoint reference
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html,
also the AWS CLI's API model, `ec2/2016-11-15/service-2.json`).

What moto 5.2 drops, kept here and shown by describe-vpc-endpoints:

- `ServiceRegion` ("The Region where the service is hosted. The default is
  the current Region."), `IpAddressType` and `DnsOptions.DnsRecordIpType`;
- the VPC's default security group on an endpoint created without groups
  ("If this parameter is not specified, we use the default security group
  for the VPC", `SecurityGroupIds`, for "Interface, Resource,
  ServiceNetwork, and Tunnel endpoints only");
- private DNS: `PrivateDnsEnabled` is an interface endpoint setting (moto
  turns it on for every endpoint, gateway endpoints included).

What moto accepts and AWS refuses, refused here:

- a service name for another Region than the endpoint's `ServiceRegion`
  (or, without one, the VPC's Region): AWS finds no such service in that
  Region (InvalidServiceName), which is how an endpoint written without its
  ServiceRegion fails;
- an endpoint service in another Region that does not list the consumer's
  Region in its `SupportedRegions` (InvalidServiceName: AWS offers the
  service only in the Regions it supports, "Cross-Region access",
  https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html);
- subnets, security groups or route tables of another VPC
  (InvalidParameterValue), more than one subnet for a Gateway Load Balancer
  endpoint ("For a Gateway Load Balancer endpoint, you can specify only one
  subnet", `SubnetIds`), security groups on an endpoint type that takes none;
- two subnets in one Availability Zone (DuplicateSubnetsInSameZone: an
  interface endpoint has one network interface per zone; rule PL-001 and its
  source, https://docs.aws.amazon.com/vpc/latest/userguide/vpce-interface.html);
- private DNS in a VPC without both DNS attributes on (InvalidParameter;
  rule PL-003 and its sources, the CreateVpcEndpoint reference and
  https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html).
"""

import re

from moto.ec2.exceptions import EC2ClientError, InvalidParameterValueError, InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpcs import VPCEndPoint
from moto.ec2.responses.vpcs import VPCs

from .endpoint_connections import _service_named

# `com.amazonaws.<region>.<service>` and `com.amazonaws.vpce.<region>.vpce-svc-…`.
_REGION = r"[a-z]{2}(?:-[a-z]+)+-\d+"
_AWS_SERVICE_NAME = re.compile(rf"^com\.amazonaws\.({_REGION})\.")
_ENDPOINT_SERVICE_NAME = re.compile(rf"^com\.amazonaws\.vpce\.({_REGION})\.vpce-svc-")

_TAKES_GROUPS = ("interface", "resource", "servicenetwork", "tunnel")


def _service_region_of(service_name):
    for pattern in (_ENDPOINT_SERVICE_NAME, _AWS_SERVICE_NAME):
        match = pattern.match(service_name or "")
        if match:
            return match.group(1)
    return None


def _on(value):
    return str(value).lower() == "true"


def _check(
    backend, vpc_id, endpoint_type, service_name, service_region, subnets, groups, tables,
    private_dns,
):
    """Refuses what AWS refuses (see the module's documentation)."""
    kind = (endpoint_type or "Gateway").lower()
    if kind == "interface" and private_dns:
        vpc = backend.get_vpc(vpc_id)
        if not (_on(vpc.enable_dns_support) and _on(vpc.enable_dns_hostnames)):
            raise EC2ClientError(
                "InvalidParameter",
                "Enabling private DNS requires both enableDnsSupport and "
                f"enableDnsHostnames VPC attributes set to true for {vpc_id}",
            )
    wanted_region = service_region or backend.region_name
    named_region = _service_region_of(service_name)
    if named_region is not None and named_region != wanted_region:
        raise InvalidServiceName(service_name)
    config = _service_named(service_name) if service_name else None
    if (
        config is not None
        and config.ec2_backend.region_name != backend.region_name
        and backend.region_name not in (config._supported_region_names or [])
    ):
        raise InvalidServiceName(service_name)
    for subnet_id in subnets or []:
        if backend.get_subnet(subnet_id).vpc_id != vpc_id:
            raise InvalidParameterValueError(subnet_id)
    zones = [backend.get_subnet(subnet_id).availability_zone for subnet_id in subnets or []]
    if len(set(zones)) != len(zones):
        raise EC2ClientError(
            "DuplicateSubnetsInSameZone",
            f"Found another VPC endpoint subnet in the availability zone of {subnets}",
        )
    if kind == "gatewayloadbalancer" and len(subnets or []) > 1:
        raise InvalidParameterValueError(",".join(subnets))
    if groups and kind not in _TAKES_GROUPS:
        raise InvalidParameterValueError(",".join(groups))
    for group_id in groups or []:
        group = backend.get_security_group_from_id(group_id)
        if group is None or group.vpc_id != vpc_id:
            raise InvalidParameterValueError(group_id)
    for table_id in tables or []:
        if backend.get_route_table(table_id).vpc_id != vpc_id:
            raise InvalidParameterValueError(table_id)


def _complete(backend, endpoint, service_region, ip_address_type, dns_record_ip_type):
    """Sets what moto drops (see the module's documentation)."""
    kind = (endpoint.vpc_endpoint_type or "Gateway").lower()
    endpoint.service_region = service_region or backend.region_name
    if ip_address_type:
        endpoint.ip_address_type = ip_address_type
    if dns_record_ip_type:
        endpoint.dns_options = {"DnsRecordIpType": dns_record_ip_type}
    if kind != "interface":
        endpoint.private_dns_enabled = False
    if kind in _TAKES_GROUPS and not endpoint.security_group_ids:
        default = backend.get_default_security_group(endpoint.vpc_id)
        if default is not None:
            endpoint.security_group_ids = [default.id]


_create_vpc_endpoint_response = VPCs.create_vpc_endpoint


def create_vpc_endpoint_response(self):
    service_region = self._get_param("ServiceRegion")
    _check(
        self.ec2_backend,
        self._get_param("VpcId"),
        self._get_param("VpcEndpointType"),
        self._get_param("ServiceName"),
        service_region,
        self._get_param("SubnetIds", []),
        self._get_param("SecurityGroupIds", []),
        self._get_param("RouteTableIds", []),
        # Checked when asked for; both exports always say.
        self._get_bool_param("PrivateDnsEnabled", if_none=False),
    )
    result = _create_vpc_endpoint_response(self)
    _complete(
        self.ec2_backend,
        result.result["VpcEndpoint"],
        service_region,
        self._get_param("IpAddressType"),
        self._get_param("DnsOptions.DnsRecordIpType"),
    )
    return result


VPCs.create_vpc_endpoint = create_vpc_endpoint_response


_create_from_cloudformation_json = VPCEndPoint.create_from_cloudformation_json.__func__


def create_from_cloudformation_json(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    service_region = properties.get("ServiceRegion")
    _check(
        backend,
        properties.get("VpcId"),
        properties.get("VpcEndpointType"),
        properties.get("ServiceName"),
        service_region,
        properties.get("SubnetIds"),
        properties.get("SecurityGroupIds"),
        properties.get("RouteTableIds"),
        _on(properties.get("PrivateDnsEnabled", False)),
    )
    endpoint = _create_from_cloudformation_json(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    )
    _complete(
        backend,
        endpoint,
        service_region,
        properties.get("IpAddressType"),
        (properties.get("DnsOptions") or {}).get("DnsRecordIpType"),
    )
    return endpoint


VPCEndPoint.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
