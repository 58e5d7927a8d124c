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

// A name to show: the core's one rule for labels.
use crate::design::display_label as shown;
