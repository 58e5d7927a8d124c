"""The describe-* answers the export tests compare with a design, for several
(profile, Region) pairs in one process.

`python describe_networks.py '[["PROFILE", "REGION"], ...]'` prints a JSON
list with, for each pair, an object from the EC2 operation name to its whole
answer (every page, as the AWS CLI gives it). It makes the same API calls as
`aws ec2 describe-vpcs` and the rest would, through the same botocore and the
same AWS config, but starts Python once instead of once per call.

Besides the operations below, each object holds `vpc_attributes` (each VPC's
`enableDnsSupport` and `enableDnsHostnames`, from describe-vpc-attribute) and
`endpoint_service_permissions` (each endpoint service's allowed principals,
from describe-vpc-endpoint-service-permissions), which take one call per
resource.
"""

import json
import sys

import boto3

OPERATIONS = [
    "describe_vpcs",
    "describe_subnets",
    "describe_vpc_peering_connections",
    "describe_route_tables",
    "describe_vpc_endpoints",
    "describe_security_groups",
    "describe_vpc_endpoint_service_configurations",
    "describe_managed_prefix_lists",
]


def describe(client, operation, **arguments):
    if client.can_paginate(operation):
        answer = client.get_paginator(operation).paginate(**arguments).build_full_result()
    else:
        answer = getattr(client, operation)(**arguments)
    answer.pop("ResponseMetadata", None)
    return answer


def vpc_attributes(client, vpcs):
    attributes = {}
    for vpc in vpcs.get("Vpcs", []):
        vpc_id = vpc["VpcId"]
        attributes[vpc_id] = {
            name: client.describe_vpc_attribute(VpcId=vpc_id, Attribute=name)[
                name[0].upper() + name[1:]
            ]["Value"]
            for name in ("enableDnsSupport", "enableDnsHostnames")
        }
    return attributes


def service_permissions(client, services):
    permissions = {}
    for service in services.get("ServiceConfigurations", []):
        answer = describe(
            client,
            "describe_vpc_endpoint_service_permissions",
            ServiceId=service["ServiceId"],
        )
        permissions[service["ServiceId"]] = [
            allowed["Principal"] for allowed in answer.get("AllowedPrincipals", [])
        ]
    return permissions


def main(places):
    answers = []
    for profile, region in places:
        client = boto3.Session(profile_name=profile, region_name=region).client("ec2")
        answer = {operation: describe(client, operation) for operation in OPERATIONS}
        answer["vpc_attributes"] = vpc_attributes(client, answer["describe_vpcs"])
        answer["endpoint_service_permissions"] = service_permissions(
            client, answer["describe_vpc_endpoint_service_configurations"]
        )
        answers.append(answer)
    json.dump(answers, sys.stdout, default=str)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
