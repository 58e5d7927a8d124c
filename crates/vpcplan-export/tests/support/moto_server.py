"""moto's server, with the few AWS behaviours the exports rely on that moto 5.2 lacks.

The export tests start the mock through this file instead of the `moto_server`
script: `python moto_server.py -H 127.0.0.1 -p PORT` takes the same arguments.
Each change makes the mock do what the AWS documentation describes; nothing
here makes a call succeed that AWS would refuse.

Each behaviour is one module of the `mock` package next to this file;
importing it patches moto:

- `mock.peering`: CloudFormation VPC peering across accounts and Regions,
  accepted through the peer role as CloudFormation does (only where the
  role's policy allows it); peering VPCs with overlapping CIDRs fails.
- `mock.security_group_rules`: only the IP protocols EC2 knows; source groups
  in other accounts; a group in another VPC only across an active peering.
- `mock.load_balancers`: endpoint services need a load balancer that exists
  on the mock (Network or Gateway, one service each), consumers' endpoints go
  only in its Availability Zones, and it cannot be deleted while a service
  uses it.
- `mock.load_balancer_resources`: the CloudFormation ELBv2 resources keep
  `Type`, `IpAddressType` and `Tags`, and a stack's listeners and target
  groups are deleted with it.
- `mock.endpoint_connections`: endpoint service permissions and connection
  acceptance.
- `mock.endpoints`: VPC endpoints as CreateVpcEndpoint documents them (the
  settings moto drops kept, what AWS refuses refused).
- `mock.cloudformation_resources`: CloudFormation resources moto lacks
  (`AWS::EC2::VPCCidrBlock`, `AWS::EC2::VPCEndpointService`,
  `AWS::EC2::VPCEndpointServicePermissions`, the VPC's `Ipv6CidrBlocks`).
- `mock.cloudformation_properties`: properties moto's CloudFormation drops,
  subnet associations, and `Fn::Cidr`.
- `mock.quotas`: the 51,200-byte limit of an inline template.
- `mock.route_tables`: a subnet associated with one route table of its own
  VPC at a time.
- `mock.capabilities`: IAM resources need `CAPABILITY_IAM` or
  `CAPABILITY_NAMED_IAM`, as CloudFormation requires.

Any failure raises, and moto then answers `create-stack` with an error
(moto creates stack resources inside that call).
Everything else is moto's unchanged.
"""

import sys

from moto.server import main

from mock import (  # noqa: F401 (each import patches moto)
    capabilities,
    cloudformation_properties,
    cloudformation_resources,
    endpoint_connections,
    endpoints,
    load_balancer_resources,
    load_balancers,
    peering,
    quotas,
    route_tables,
    security_group_rules,
)

if __name__ == "__main__":
    main(sys.argv[1:])
