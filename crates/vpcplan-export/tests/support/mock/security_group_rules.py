"""Security group rules as EC2 takes them, through the API and CloudFormation.

moto 5.2 takes any `IpProtocol`, looks up a rule's source group in the
caller's own account only, and lets a rule reference a group in any VPC.
EC2, as its documentation describes:

- `IpProtocol` is "the IP protocol name (tcp, udp, icmp, icmpv6) or number
  (see Protocol Numbers)", or `-1` for all protocols
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html);
  anything else, `all` included, is refused with InvalidParameterValue
  ("Invalid value 'all' for IP protocol. Unknown protocol.", as reported in
  https://github.com/hashicorp/terraform-provider-aws/issues/1793).
- A rule may reference a group of another account in the same Region, named
  by its owner (`UserId`; CloudFormation's `SourceSecurityGroupOwnerId`).
- A rule may reference a group in another VPC only across a VPC peering
  connection between the two VPCs, in one Region, that is `active`: "To
  reference a security group in a peer VPC, the VPC peering connection must
  be in the active state", and "You can't reference the security group of a
  peer VPC that's in a different Region"
  (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html).
  EC2 refuses other references with InvalidGroup.NotFound, "You have
  specified two resources that belong to different networks." (as reported
  in https://github.com/ansible/ansible/pull/28876 and
  https://github.com/hashicorp/terraform/issues/2857).

CloudFormation's `AWS::EC2::SecurityGroup` (inline rules) and
`AWS::EC2::SecurityGroupIngress` pass their rules through the same checks,
with the properties moto drops (`CidrIpv6`, `SourcePrefixListId`,
`SourceSecurityGroupOwnerId`) and without ports for `-1`, which takes none.
"""

from moto.ec2.exceptions import EC2ClientError, InvalidSecurityGroupNotFoundError
from moto.ec2.models import ec2_backends
from moto.ec2.models.security_groups import (
    SecurityGroup,
    SecurityGroupBackend,
    SecurityGroupIngress,
)

from mock.common import tags

NAMED_PROTOCOLS = ("tcp", "udp", "icmp", "icmpv6")


def valid_ip_protocol(protocol):
    """Whether EC2 takes `protocol` as an IpProtocol."""
    text = str(protocol).lower()
    if text == "-1" or text in NAMED_PROTOCOLS:
        return True
    return text.isdigit() and 0 <= int(text) <= 255


class _UnknownProtocol(EC2ClientError):
    def __init__(self, protocol):
        super().__init__(
            "InvalidParameterValue",
            f"Invalid value '{protocol}' for IP protocol. Unknown protocol.",
        )


class _DifferentNetworks(EC2ClientError):
    def __init__(self, detail):
        super().__init__(
            "InvalidGroup.NotFound",
            f"You have specified two resources that belong to different networks. ({detail})",
        )


def _group_anywhere(backend, group_id, owner):
    """A group by id in its owner's account, in the caller's Region."""
    return ec2_backends[owner][backend.region_name].get_security_group_by_name_or_id(
        group_id, None
    )


def _active_peering(backend, vpc_id, peer_vpc_id):
    for connection in backend.vpc_pcxs.values():
        ends = {connection.vpc.id, connection.peer_vpc.id}
        if ends == {vpc_id, peer_vpc_id} and connection.vpc.region == connection.peer_vpc.region:
            if connection._status.code == "active":
                return connection
    return None


def _add_source_group(self, source_groups, vpc_id):
    # moto's own looks the group up in the caller's account only.
    found = []
    for item in source_groups or []:
        owner = str(item.get("UserId") or item.get("OwnerId") or self.account_id)
        item["UserId"] = owner
        item["OwnerId"] = owner
        if "GroupId" in item:
            if _group_anywhere(self, item["GroupId"], owner) is None:
                raise InvalidSecurityGroupNotFoundError(item["GroupId"])
        elif "GroupName" in item:
            group = self.get_security_group_by_name_or_id(item["GroupName"], vpc_id)
            if group is None:
                raise InvalidSecurityGroupNotFoundError(item["GroupName"])
            item["GroupId"] = group.id
            item.pop("GroupName")
        found.append(item)
    return found


SecurityGroupBackend._add_source_group = _add_source_group


def _check_rule(backend, group_name_or_id, ip_protocol, source_groups, vpc_id):
    if not valid_ip_protocol(ip_protocol):
        raise _UnknownProtocol(ip_protocol)
    group = backend.get_security_group_by_name_or_id(group_name_or_id, vpc_id)
    if group is None:
        return
    for item in source_groups or []:
        if "GroupId" not in item:
            continue
        owner = str(item.get("UserId") or item.get("OwnerId") or backend.account_id)
        source = _group_anywhere(backend, item["GroupId"], owner)
        if source is None or source.vpc_id == group.vpc_id:
            continue
        if _active_peering(backend, group.vpc_id, source.vpc_id) is None:
            raise _DifferentNetworks(
                f"{source.id} is in {source.vpc_id}, {group.id} in {group.vpc_id}, "
                "with no active VPC peering connection between them in this Region"
            )


def _checked(operation):
    def authorize(self, group_name_or_id, ip_protocol, *args, **kwargs):
        source_groups = kwargs.get("source_groups")
        if source_groups is None and len(args) >= 5:
            source_groups = args[4]
        _check_rule(self, group_name_or_id, ip_protocol, source_groups, kwargs.get("vpc_id"))
        return operation(self, group_name_or_id, ip_protocol, *args, **kwargs)

    return authorize


SecurityGroupBackend.authorize_security_group_ingress = _checked(
    SecurityGroupBackend.authorize_security_group_ingress
)
SecurityGroupBackend.authorize_security_group_egress = _checked(
    SecurityGroupBackend.authorize_security_group_egress
)


# CloudFormation ------------------------------------------------------------


def _authorize_rule(backend, group_id, rule):
    """One ingress rule in CloudFormation's property names."""
    ip_ranges = []
    if rule.get("CidrIp"):
        ip_ranges.append({"CidrIp": rule["CidrIp"]})
    if rule.get("CidrIpv6"):
        ip_ranges.append({"CidrIpv6": rule["CidrIpv6"]})
    source_groups = []
    if rule.get("SourceSecurityGroupId"):
        source = {"GroupId": rule["SourceSecurityGroupId"]}
        if rule.get("SourceSecurityGroupOwnerId"):
            source["UserId"] = str(rule["SourceSecurityGroupOwnerId"])
        source_groups.append(source)
    prefix_lists = []
    if rule.get("SourcePrefixListId"):
        prefix_lists.append({"PrefixListId": rule["SourcePrefixListId"]})
    backend.authorize_security_group_ingress(
        group_name_or_id=group_id,
        ip_protocol=str(rule["IpProtocol"]),
        from_port=rule.get("FromPort", -1),
        to_port=rule.get("ToPort", -1),
        ip_ranges=ip_ranges,
        source_groups=source_groups,
        prefix_list_ids=prefix_lists,
    )


def _create_group(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    group = backend.create_security_group(
        name=properties.get("GroupName") or resource_name,
        description=properties.get("GroupDescription"),
        vpc_id=properties.get("VpcId"),
    )
    group.add_tags(tags(properties))
    for rule in properties.get("SecurityGroupIngress", []):
        _authorize_rule(backend, group.id, rule)
    return group


SecurityGroup.create_from_cloudformation_json = classmethod(_create_group)


def _create_ingress(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json["Properties"]
    backend = ec2_backends[account_id][region_name]
    group = backend.get_security_group_by_name_or_id(
        properties.get("GroupId") or properties.get("GroupName"), None
    )
    if group is None:
        raise InvalidSecurityGroupNotFoundError(properties.get("GroupId"))
    _authorize_rule(backend, group.id, properties)
    return cls(group, properties)


SecurityGroupIngress.create_from_cloudformation_json = classmethod(_create_ingress)
