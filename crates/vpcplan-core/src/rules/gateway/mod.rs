//! Rules for gateway endpoints (GW-*) and endpoint quotas.

mod gw_001_gateway_endpoint_unsupported_service;
mod gw_002_gateway_endpoint_cross_region;
mod gw_003_gateway_endpoint_from_outside_vpc;
mod gw_004_gateway_endpoint_route_conflict;
mod gw_005_gateway_endpoint_misconfigured;
mod gw_006_restrictive_nacl_on_gateway_client;
mod gw_007_gateway_and_private_dns_interface_endpoint;
mod q_001_too_many_endpoints;

use super::Rule;
use crate::catalogue::GATEWAY_SERVICES;
use crate::design::{Service, ServiceKind};

pub(super) const RULES: &[&Rule] = &[
    &gw_001_gateway_endpoint_unsupported_service::RULE,
    &gw_002_gateway_endpoint_cross_region::RULE,
    &gw_003_gateway_endpoint_from_outside_vpc::RULE,
    &gw_004_gateway_endpoint_route_conflict::RULE,
    &gw_005_gateway_endpoint_misconfigured::RULE,
    &gw_006_restrictive_nacl_on_gateway_client::RULE,
    &gw_007_gateway_and_private_dns_interface_endpoint::RULE,
    &q_001_too_many_endpoints::RULE,
];

/// An AWS service in a Region. Two service nodes for S3 in one Region are the
/// same service to AWS, so the gateway rules compare these rather than node ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct AwsServiceKey<'d> {
    suffix: &'d str,
    region: &'d str,
}

/// The AWS service a node stands for; `None` for an endpoint service.
fn aws_service_key(service: &Service) -> Option<AwsServiceKey<'_>> {
    match &service.kind {
        ServiceKind::Aws { service: suffix } => Some(AwsServiceKey {
            suffix,
            region: &service.region,
        }),
        ServiceKind::EndpointService(_) => None,
    }
}

/// The AWS service a node stands for, when it has gateway endpoints.
fn gateway_service_key(service: &Service) -> Option<AwsServiceKey<'_>> {
    aws_service_key(service).filter(|key| GATEWAY_SERVICES.contains(&key.suffix))
}

/// A name to show, falling back to the id when the name is blank.
fn shown<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
}

#[cfg(test)]
pub(super) mod fixtures {
    use crate::design::*;

    pub(crate) fn intent_from_vpc(id: &str, vpc: &str, service: &str) -> Intent {
        Intent {
            id: IntentId::new(id),
            from: IntentSource::Vpc(VpcId::new(vpc)),
            to: IntentTarget::Service(ServiceId::new(service)),
        }
    }

    pub(crate) fn intent_from_subnet(id: &str, vpc: &str, subnet: &str, service: &str) -> Intent {
        Intent {
            id: IntentId::new(id),
            from: IntentSource::Subnet {
                vpc: VpcId::new(vpc),
                subnet: SubnetId::new(subnet),
            },
            to: IntentTarget::Service(ServiceId::new(service)),
        }
    }

    /// Mutable access to the gateway endpoint at `index` in the design's links.
    pub(crate) fn gateway_mut(design: &mut Design, index: usize) -> &mut GatewayEndpoint {
        match design.links.get_mut(index).map(|link| &mut link.spec) {
            Some(LinkSpec::GatewayEndpoint(endpoint)) => endpoint,
            other => panic!("link {index} is not a gateway endpoint: {other:?}"),
        }
    }

    /// Mutable access to the interface endpoint at `index` in the design's links.
    pub(crate) fn interface_mut(design: &mut Design, index: usize) -> &mut InterfaceEndpoint {
        match design.links.get_mut(index).map(|link| &mut link.spec) {
            Some(LinkSpec::InterfaceEndpoint(endpoint)) => endpoint,
            other => panic!("link {index} is not an interface endpoint: {other:?}"),
        }
    }

    /// A second route table `<vpc>-<suffix>` serving the given subnets.
    pub(crate) fn add_route_table(vpc: &mut Vpc, suffix: &str, subnets: &[&str]) {
        vpc.route_tables.push(RouteTable {
            id: RouteTableId::new(format!("{}-{suffix}", vpc.id)),
            name: suffix.to_owned(),
            main: false,
            subnets: subnets
                .iter()
                .map(|&subnet| SubnetId::new(subnet))
                .collect(),
            routes: Vec::new(),
        });
    }
}
