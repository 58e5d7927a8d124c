"""Endpoint services need a real load balancer, as on AWS.

moto's own CreateVpcEndpointServiceConfiguration looks the load balancers up
on the mock but takes any kind, lets two services share one, answers an
unknown ARN with an ELB error code, and remembers the AZs by name only; its
CreateVpcEndpoint places a consumer's endpoint in any AZ. Here, as AWS
documents it:

1. An endpoint service takes only load balancers that exist on the mock in
   the caller's account and Region (so an export's NLB must be created on the
   mock through the ELBv2 API or CloudFormation, or by the test first, as a
   user would have one), Network or Gateway Load Balancers only, each not yet
   used by another service. "Endpoint services require either a Network Load
   Balancer or a Gateway Load Balancer", and "A Network Load Balancer can be
   associated with a single endpoint service"
   (https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html).
   The API reference of CreateVpcEndpointServiceConfiguration lists no error
   of its own, so the refusal is EC2's common `InvalidParameter` ("A parameter
   specified in a request is not valid, is unsupported, or cannot be used",
   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html);
   its message is the mock's.

2. A consumer's endpoint goes only in the Availability Zones of the service's
   load balancers: "When service consumers retrieve information about an
   endpoint service, they can see only the Availability Zones that they have
   in common with the service provider" (create-endpoint-service.html,
   Considerations; zones compared by AZ id, the same in every account). AWS
   refuses another subnet with `InvalidParameter` "The VPC endpoint service
   <name> does not support the availability zone of the subnet: <subnet>.",
   the message as AWS returns it (AWS Knowledge Center, "Why can't I select
   my preferred subnet for the Availability Zone when I create an interface
   endpoint?": https://repost.aws/knowledge-center/interface-endpoint-availability-zone,
   which names the cause: the zone is not enabled on the provider's NLB).
   A cross-Region endpoint lives in the consumer Region's zones, which the
   service's do not describe, so it is not checked.

3. A load balancer an endpoint service uses cannot be deleted: AWS answers
   DeleteLoadBalancer with `ResourceInUse` "Load balancer '<arn>' cannot be
   deleted because it is currently associated with another service" (as
   quoted in https://github.com/hashicorp/terraform-provider-aws/issues/5701),
   so a teardown must delete the service first.
"""

from moto.ec2.exceptions import InvalidParameter
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpc_service_configuration import (
    VPCServiceConfiguration,
    VPCServiceConfigurationBackend,
)
from moto.ec2.models.vpcs import VPCBackend
from moto.elbv2.exceptions import ResourceInUseError
from moto.elbv2.models import ELBv2Backend


def _every_configuration():
    for regions in list(ec2_backends.values()):
        for backend in list(regions.values()):
            yield from list(backend.configurations.values())


def _load_balancers(backend, arns):
    known = backend.elbv2_backend.load_balancers
    found = []
    for arn in arns:
        balancer = known.get(arn)
        if balancer is None:
            raise InvalidParameter(
                f"The load balancer {arn} does not exist in account {backend.account_id}, "
                f"Region {backend.region_name}"
            )
        if balancer.type not in ("network", "gateway"):
            raise InvalidParameter(
                f"The load balancer {arn} is an {balancer.type} load balancer; an endpoint "
                "service needs a Network or Gateway Load Balancer"
            )
        for config in _every_configuration():
            if arn in config.network_load_balancer_arns + config.gateway_load_balancer_arns:
                raise InvalidParameter(
                    f"The load balancer {arn} is already associated with the endpoint "
                    f"service {config.id}"
                )
        found.append(balancer)
    return found


def create_vpc_endpoint_service_configuration(
    self, lb_arns, acceptance_required, private_dns_name, tags, supported_regions
):
    balancers = _load_balancers(self, lb_arns)
    config = VPCServiceConfiguration(
        load_balancers=balancers,
        region=self.region_name,
        acceptance_required=acceptance_required,
        private_dns_name=private_dns_name,
        supported_regions=supported_regions,
        ec2_backend=self,
    )
    config.zone_ids = {
        subnet.availability_zone_id for balancer in balancers for subnet in balancer.subnets
    }
    for tag in tags or []:
        config.add_tag(tag["Key"], tag["Value"])
    self.configurations[config.id] = config
    return config


VPCServiceConfigurationBackend.create_vpc_endpoint_service_configuration = (
    create_vpc_endpoint_service_configuration
)


_create_vpc_endpoint = VPCBackend.create_vpc_endpoint


def create_vpc_endpoint(self, vpc_id, service_name, endpoint_type, *args, **kwargs):
    config = next(
        (config for config in _every_configuration() if config.service_name == service_name),
        None,
    )
    subnet_ids = kwargs.get("subnet_ids") or (args[2] if len(args) > 2 else None) or []
    if (
        config is not None
        and (endpoint_type or "").lower() != "gateway"
        and config.ec2_backend.region_name == self.region_name
    ):
        for subnet_id in subnet_ids:
            subnet = self.get_subnet(subnet_id)
            if subnet.availability_zone_id not in config.zone_ids:
                raise InvalidParameter(
                    f"The VPC endpoint service {service_name} does not support the "
                    f"availability zone of the subnet: {subnet_id}."
                )
    return _create_vpc_endpoint(self, vpc_id, service_name, endpoint_type, *args, **kwargs)


VPCBackend.create_vpc_endpoint = create_vpc_endpoint


_delete_load_balancer = ELBv2Backend.delete_load_balancer


def delete_load_balancer(self, arn):
    for config in _every_configuration():
        if arn in config.network_load_balancer_arns + config.gateway_load_balancer_arns:
            raise ResourceInUseError(
                f"Load balancer '{arn}' cannot be deleted because it is currently associated "
                "with another service"
            )
    return _delete_load_balancer(self, arn)


ELBv2Backend.delete_load_balancer = delete_load_balancer
