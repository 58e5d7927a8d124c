"""The describe-* answers the export tests compare with a design, for several
(profile, Region) pairs in one process.

`python describe_networks.py '[["PROFILE", "REGION"], ...]'` prints a JSON
list with, for each pair, an object from the EC2 operation name to its whole
answer (every page, as the AWS CLI gives it). It makes the same API calls as
`aws ec2 describe-vpcs` and the rest would, through the same botocore and the
same AWS config, but starts Python once instead of once per call.
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
]


def describe(client, operation):
    if client.can_paginate(operation):
        answer = client.get_paginator(operation).paginate().build_full_result()
    else:
        answer = getattr(client, operation)()
    answer.pop("ResponseMetadata", None)
    return answer


def main(places):
    answers = []
    for profile, region in places:
        client = boto3.Session(profile_name=profile, region_name=region).client("ec2")
        answers.append({operation: describe(client, operation) for operation in OPERATIONS})
    json.dump(answers, sys.stdout, default=str)


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
