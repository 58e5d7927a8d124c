//! Rules for interface endpoints and endpoint services (PL-*).

mod pl_001_endpoint_subnets_share_az;
mod pl_002_endpoint_service_not_in_az;
mod pl_003_private_dns_needs_vpc_dns;
mod pl_004_endpoint_ip_type_mismatch;
mod pl_005_endpoint_sg_blocks_service_port;
mod pl_006_endpoint_policy_too_long;
mod pl_007_cross_region_endpoint_unsupported;
mod pl_008_unusable_endpoint_service_load_balancers;
mod pl_009_endpoint_service_access_needs_attention;
mod pl_010_gwlb_endpoint_not_one_subnet;
mod pl_011_lattice_endpoint_missing_arn;
mod pl_012_invalid_service_name;

use crate::collections::{HashMap, HashSet};

use super::Rule;
use crate::catalogue::{self, AwsService};
use crate::design::{
    EndpointService, EndpointTarget, InterfaceEndpoint, Service, ServiceId, ServiceKind, Subnet,
    SubnetId,
};
use crate::index::DesignIndex;

pub(super) const RULES: &[&Rule] = &[
    &pl_001_endpoint_subnets_share_az::RULE,
    &pl_002_endpoint_service_not_in_az::RULE,
    &pl_003_private_dns_needs_vpc_dns::RULE,
    &pl_004_endpoint_ip_type_mismatch::RULE,
    &pl_005_endpoint_sg_blocks_service_port::RULE,
    &pl_006_endpoint_policy_too_long::RULE,
    &pl_007_cross_region_endpoint_unsupported::RULE,
    &pl_008_unusable_endpoint_service_load_balancers::RULE,
    &pl_009_endpoint_service_access_needs_attention::RULE,
    &pl_010_gwlb_endpoint_not_one_subnet::RULE,
    &pl_011_lattice_endpoint_missing_arn::RULE,
    &pl_012_invalid_service_name::RULE,
];

/// The service node an endpoint reaches, for the targets that name one and
/// when it resolves.
fn target_service<'d>(
    index: &DesignIndex<'d>,
    endpoint: &InterfaceEndpoint,
) -> Option<&'d Service> {
    match &endpoint.target {
        EndpointTarget::Service(id) | EndpointTarget::GatewayLoadBalancer(id) => index.service(id),
        EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => None,
    }
}

/// The provider settings of a service node that is an endpoint service.
fn provider_of(service: &Service) -> Option<&EndpointService> {
    match &service.kind {
        ServiceKind::EndpointService(provider) => Some(provider),
        ServiceKind::Aws { .. } => None,
    }
}

// A name to show: the core's one rule for labels.
use crate::design::display_label as label;

/// How a service node is named in messages: the full AWS service name for an
/// AWS service (`com.amazonaws.ap-northeast-1.ssm`), the node's name for an
/// endpoint service.
fn service_label(service: &Service) -> String {
    match &service.kind {
        ServiceKind::Aws { service: suffix } => match catalogue::aws_service(suffix) {
            Some(known) => known.service_name(&service.region),
            None => format!("com.amazonaws.{}.{suffix}", service.region),
        },
        ServiceKind::EndpointService(_) => service.label().to_owned(),
    }
}

/// The subnets an endpoint lists that resolve, in listed order (a subnet
/// listed twice comes twice).
fn resolved_subnets<'i, 'd>(
    index: &'i DesignIndex<'d>,
    subnets: &'i [SubnetId],
) -> impl Iterator<Item = &'d Subnet> + 'i {
    subnets
        .iter()
        .filter_map(|id| index.subnets.get(id).map(|&(_, subnet)| subnet))
}

/// Keeps the first of each subnet, for the subnets a diagnostic names.
fn dedup_subnets<T>(found: &mut Vec<(&Subnet, T)>) {
    if found.len() > 1 {
        let mut seen = HashSet::with_capacity_and_hasher(found.len(), Default::default());
        found.retain(|(subnet, _)| seen.insert(&subnet.id));
    }
}

/// The catalogue entries of AWS service nodes, looked up once per node.
#[derive(Default)]
struct CatalogueCache<'d> {
    entries: HashMap<&'d ServiceId, Option<&'static AwsService>>,
}

impl<'d> CatalogueCache<'d> {
    /// The catalogue entry of an AWS service node; `None` for an endpoint
    /// service or a suffix the catalogue does not know.
    fn get(&mut self, service: &'d Service) -> Option<&'static AwsService> {
        let ServiceKind::Aws { service: suffix } = &service.kind else {
            return None;
        };
        *self
            .entries
            .entry(&service.id)
            .or_insert_with(|| catalogue::aws_service(suffix))
    }
}

/// A subnet in a message: its name, with its id when the name differs.
fn subnet_label(subnet: &Subnet) -> String {
    if subnet.name.trim().is_empty() || subnet.name == subnet.id.as_str() {
        subnet.id.to_string()
    } else {
        format!("{} ({})", subnet.label(), subnet.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::*;
    use crate::rules::testing::*;

    #[test]
    fn the_group_lists_pl_001_to_pl_012_in_order() {
        let ids: Vec<&str> = RULES.iter().map(|rule| rule.doc.id).collect();
        let expected: Vec<String> = (1..=12).map(|n| format!("PL-{n:03}")).collect();
        assert_eq!(ids, expected);
    }

    /// A design full of dangling ids, empty lists and odd values: no rule
    /// panics, and none reports what does not resolve.
    #[test]
    fn no_rule_panics_or_reports_on_dangling_references() {
        let mut broken = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![
                endpoint_service("svc", "gone-vpc", "nowhere-1"),
                aws_service("ssm", "ssm", "ap-northeast-1"),
            ],
            vec![
                interface_endpoint("to-missing-service", "app", "missing", &["app-a"]),
                interface_endpoint("from-missing-vpc", "gone-vpc", "ssm", &["gone-subnet"]),
                interface_endpoint("missing-subnets", "app", "svc", &["x", "y", "x"]),
                interface_endpoint("no-subnets", "app", "ssm", &[]),
            ],
        );
        interface_mut(&mut broken, 2).security_groups = vec![SecurityGroupId::new("sg-gone")];
        interface_mut(&mut broken, 3).service_name = Some(String::new());
        provider_mut(&mut broken, 0).allowed_principals = vec!["not-an-arn".to_owned()];
        for rule in RULES {
            let found = run(rule, &broken);
            for diagnostic in &found {
                for subject in &diagnostic.subjects {
                    assert!(
                        !matches!(subject, crate::Subject::Link(id) if id.as_str() == "to-missing-service" || id.as_str() == "from-missing-vpc"),
                        "{}: {}",
                        rule.doc.id,
                        diagnostic.message.en
                    );
                }
            }
        }
        for rule in RULES {
            assert!(run(rule, &Design::default()).is_empty(), "{}", rule.doc.id);
        }
    }

    #[test]
    fn service_labels_use_the_full_aws_service_name() {
        assert_eq!(
            service_label(&aws_service("s", "ecr.dkr", "us-east-1")),
            "com.amazonaws.us-east-1.ecr.dkr"
        );
        assert_eq!(
            service_label(&aws_service("s", "iam", "us-east-1")),
            "com.amazonaws.iam"
        );
        assert_eq!(
            service_label(&endpoint_service("api", "p", "us-east-1")),
            "api"
        );
    }
}
