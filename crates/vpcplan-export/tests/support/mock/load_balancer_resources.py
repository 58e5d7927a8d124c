"""The CloudFormation ELBv2 resources as their documentation describes them.

moto 5.2 implements `AWS::ElasticLoadBalancingV2::LoadBalancer`, `::Listener`
and `::TargetGroup`, but its LoadBalancer drops `Type` (every load balancer
becomes an Application Load Balancer, which an endpoint service refuses),
`IpAddressType` and `Tags`, its TargetGroup drops `Tags`, and deleting a stack leaves its listeners and target groups behind (neither
model can be deleted). Here:

- LoadBalancer passes `Type`, `Scheme`, `Subnets`, `SubnetMappings`,
  `SecurityGroups`, `IpAddressType` and `Tags` on as CreateLoadBalancer takes
  them (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html;
  `Type` defaults to `application`, `Scheme` to `internet-facing`);
- TargetGroup keeps `Tags`
  (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html);
- deleting a stack deletes its listeners and target groups, through
  DeleteListener and DeleteTargetGroup, whose refusals (a target group a
  listener still forwards to) make moto retry after the stack's other
  resources, as CloudFormation deletes in dependency order; a listener
  already gone with its load balancer ("Deleting a load balancer also deletes
  its listeners", DeleteLoadBalancer in the ELBv2 API reference) counts as
  deleted.
"""

from moto.elbv2.exceptions import ListenerNotFoundError, TargetGroupNotFoundError
from moto.elbv2.models import FakeListener, FakeLoadBalancer, FakeTargetGroup, elbv2_backends

from .common import tags as _tags


def _tag_list(properties):
    return [{"Key": key, "Value": value} for key, value in _tags(properties).items()]


def _create_load_balancer(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    return elbv2_backends[account_id][region_name].create_load_balancer(
        name=resource_name,
        security_groups=properties.get("SecurityGroups", []),
        subnet_ids=properties.get("Subnets", []),
        subnet_mappings=properties.get("SubnetMappings"),
        scheme=properties.get("Scheme", "internet-facing"),
        loadbalancer_type=properties.get("Type", "application"),
        ip_address_type=properties.get("IpAddressType", "ipv4"),
        tags=_tag_list(properties),
    )


FakeLoadBalancer.create_from_cloudformation_json = classmethod(_create_load_balancer)


_create_target_group = FakeTargetGroup.create_from_cloudformation_json.__func__


def _create_target_group_with_tags(
    cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
):
    properties = cloudformation_json["Properties"]
    group = _create_target_group(
        cls, resource_name, cloudformation_json, account_id, region_name, **kwargs
    )
    tags = _tag_list(properties)
    if tags:
        elbv2_backends[account_id][region_name].tagging_service.tag_resource(group.arn, tags)
    return group


FakeTargetGroup.create_from_cloudformation_json = classmethod(_create_target_group_with_tags)


def _delete_target_group(self, account_id, region_name):
    try:
        elbv2_backends[account_id][region_name].delete_target_group(self.arn)
    except TargetGroupNotFoundError:
        pass


def _delete_listener(self, account_id, region_name):
    try:
        elbv2_backends[account_id][region_name].delete_listener(self.arn)
    except ListenerNotFoundError:
        pass


# moto deletes a stack's resource through its `delete` method when it has one.
FakeTargetGroup.delete = _delete_target_group
FakeListener.delete = _delete_listener
