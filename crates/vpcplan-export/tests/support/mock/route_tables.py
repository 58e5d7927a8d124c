"""Route table associations as AssociateRouteTable documents them.

moto 5.2 answers an AssociateRouteTable for a subnet that already has an
explicit association with that association, whatever table was asked for,
so the subnet silently stays where it was; and it associates a subnet with a
table of another VPC. AWS refuses both: a subnet is associated with one
table at a time ("A subnet can be associated with only one route table at a
time", https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html;
error `Resource.AlreadyAssociated`, and `ReplaceRouteTableAssociation`
moves a subnet), and the table and the subnet must be in the same VPC
(`InvalidParameterValue`). Both paths, the API and CloudFormation's
`AWS::EC2::SubnetRouteTableAssociation` (which `cloudformation_properties`
sends through `associate_route_table`), go through this check.
"""

from moto.ec2.exceptions import InvalidParameterValueError, ResourceAlreadyAssociatedError
from moto.ec2.models.route_tables import RouteBackend

_associate_route_table = RouteBackend.associate_route_table


def associate_route_table(self, route_table_id, gateway_id=None, subnet_id=None):
    if subnet_id is not None:
        table = self.get_route_table(route_table_id)
        subnet = self.get_subnet(subnet_id)
        if subnet.vpc_id != table.vpc_id:
            raise InvalidParameterValueError(subnet_id)
        for other in self.route_tables.values():
            if subnet_id in other._associations.values():
                raise ResourceAlreadyAssociatedError(subnet_id)
    return _associate_route_table(self, route_table_id, gateway_id, subnet_id)


RouteBackend.associate_route_table = associate_route_table
