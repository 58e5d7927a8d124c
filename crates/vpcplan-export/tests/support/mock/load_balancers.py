"""Endpoint services behind an NLB the design names by ARN.

moto only knows load balancers created on the mock, with ARNs of its own choosing; a
design refers to the provider's existing NLB by its real ARN. An NLB ARN
moto does not know stands for an existing NLB when it is well formed and
belongs to the calling account and Region (AWS refuses other accounts' NLBs).
"""

from moto.ec2.models.vpc_service_configuration import (
    VPCServiceConfiguration,
    VPCServiceConfigurationBackend,
)
from moto.elbv2.exceptions import LoadBalancerNotFoundError


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
