"""IAM resources need the capabilities that acknowledge them.

CloudFormation refuses CreateStack and UpdateStack for a template with IAM
resources unless the call acknowledges them: `CAPABILITY_IAM`, or
`CAPABILITY_NAMED_IAM` when an IAM resource has a custom name; otherwise the
call fails with `InsufficientCapabilities` (CreateStack API reference,
Capabilities and Errors:
https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html;
"Acknowledging IAM resources in CloudFormation templates":
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/control-access-with-iam.html#using-iam-capabilities).
moto accepts any template without them, so a DEPLOY.md that forgot
`--capabilities` would pass on it. Here the mock refuses the same way.
"""

import json

import yaml
from moto.cloudformation.exceptions import CloudFormationError
from moto.cloudformation.responses import CloudFormationResponse

# The IAM resource types the capabilities acknowledge, with the property
# that gives each its custom name (AWS's list, "Acknowledging IAM resources").
NAME_PROPERTIES = {
    "AWS::IAM::AccessKey": None,
    "AWS::IAM::Group": "GroupName",
    "AWS::IAM::InstanceProfile": "InstanceProfileName",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::Policy": None,
    "AWS::IAM::Role": "RoleName",
    "AWS::IAM::User": "UserName",
    "AWS::IAM::UserToGroupAddition": None,
}


class InsufficientCapabilities(CloudFormationError):
    code = "InsufficientCapabilitiesException"

    def __init__(self, capability):
        super().__init__(f"Requires capabilities : [{capability}]")


class _AnyTagLoader(yaml.SafeLoader):
    """Reads CloudFormation's short-form tags (`!Ref`, `!Sub`, …) as plain values."""


def _untagged(loader, _suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_AnyTagLoader.add_multi_constructor("!", _untagged)


def _resources(body):
    try:
        template = json.loads(body)
    except ValueError:
        template = yaml.load(body, Loader=_AnyTagLoader)
    resources = template.get("Resources") if isinstance(template, dict) else None
    return resources.values() if isinstance(resources, dict) else []


def required_capability(body):
    """The capability a template needs, or None when it has no IAM resource."""
    needed = None
    for resource in _resources(body):
        kind = resource.get("Type") if isinstance(resource, dict) else None
        if kind not in NAME_PROPERTIES:
            continue
        name_property = NAME_PROPERTIES[kind]
        properties = resource.get("Properties") or {}
        if name_property and name_property in properties:
            return "CAPABILITY_NAMED_IAM"
        needed = "CAPABILITY_IAM"
    return needed


def _checking_capabilities(operation):
    def checked(self):
        body = self._get_param("TemplateBody")
        url = self._get_param("TemplateURL")
        if body is None and url:
            body = self._get_stack_from_s3_url(url)
        if body is None and self._get_bool_param("UsePreviousTemplate", False):
            body = self.cloudformation_backend.get_stack(self._get_param("StackName")).template
        needed = required_capability(body) if body else None
        given = set(self._get_param("Capabilities") or [])
        # CAPABILITY_NAMED_IAM acknowledges every IAM resource; CAPABILITY_IAM
        # only those without custom names.
        if needed == "CAPABILITY_NAMED_IAM" and needed not in given:
            raise InsufficientCapabilities(needed)
        if needed == "CAPABILITY_IAM" and not given & {"CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"}:
            raise InsufficientCapabilities(needed)
        return operation(self)

    return checked


CloudFormationResponse.create_stack = _checking_capabilities(CloudFormationResponse.create_stack)
CloudFormationResponse.update_stack = _checking_capabilities(CloudFormationResponse.update_stack)
