"""Endpoint connection acceptance.

moto has no AcceptVpcEndpointConnections
and makes every endpoint `available` at once. Here an interface endpoint to an
endpoint service must be allowed by the service's permissions (else
InvalidServiceName, as on AWS), starts `pendingAcceptance` when the service
requires acceptance, and becomes `available` when the provider accepts it.
"""

from moto.core.responses import ActionResult
from moto.ec2.exceptions import InvalidServiceName
from moto.ec2.models import ec2_backends
from moto.ec2.models.vpcs import VPCBackend
from moto.ec2.responses.vpc_service_configuration import VPCEndpointServiceConfiguration


def _every_backend():
    for regions in list(ec2_backends.values()):
        for backend in list(regions.values()):
            yield backend


def _service_named(service_name):
    for backend in _every_backend():
        for config in backend.configurations.values():
            if config.service_name == service_name:
                return config
    return None


def _allowed(config, account_id):
    for principal in config.principals:
        if principal == "*" or principal.split(":")[4:5] == [account_id]:
            return True
    return config.ec2_backend.account_id == account_id


_create_vpc_endpoint = VPCBackend.create_vpc_endpoint


def create_vpc_endpoint(self, vpc_id, service_name, endpoint_type, *args, **kwargs):
    config = _service_named(service_name)
    if config is not None and not _allowed(config, self.account_id):
        raise InvalidServiceName(service_name)
    endpoint = _create_vpc_endpoint(self, vpc_id, service_name, endpoint_type, *args, **kwargs)
    if config is not None and config.acceptance_required:
        endpoint.state = "pendingAcceptance"
    return endpoint


VPCBackend.create_vpc_endpoint = create_vpc_endpoint


def accept_vpc_endpoint_connections(self):
    service_id = self._get_param("ServiceId")
    endpoint_ids = self._get_param("VpcEndpointIds", [])
    config = self.ec2_backend.get_vpc_endpoint_service(service_id)
    unsuccessful = []
    for endpoint_id in endpoint_ids:
        endpoint = None
        for backend in _every_backend():
            endpoint = backend.vpc_end_points.get(endpoint_id) or endpoint
        if config is None or endpoint is None or endpoint.service_name != config.service_name:
            unsuccessful.append(
                {
                    "ResourceId": endpoint_id,
                    "Error": {
                        "Code": "InvalidVpcEndpoint.NotFound",
                        "Message": f"no endpoint {endpoint_id} connects to {service_id}",
                    },
                }
            )
        elif endpoint.state != "pendingAcceptance":
            unsuccessful.append(
                {
                    "ResourceId": endpoint_id,
                    "Error": {
                        "Code": "InvalidState",
                        "Message": f"{endpoint_id} is {endpoint.state}, not pendingAcceptance",
                    },
                }
            )
        else:
            endpoint.state = "available"
    return ActionResult({"Unsuccessful": unsuccessful})


VPCEndpointServiceConfiguration.accept_vpc_endpoint_connections = accept_vpc_endpoint_connections
