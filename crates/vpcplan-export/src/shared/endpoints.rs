//! The settings of an interface-kind endpoint (interface, Gateway Load
//! Balancer, resource and service-network endpoints), decided once for both
//! exports, including what a design exported with errors gets.
//!
//! - **Service Region.** An endpoint reaches its service in the service's
//!   Region: for an AWS service, the endpoint's `service_region` when the
//!   design sets one, else the Region of the service node; for an endpoint
//!   service of the design, the Region of its provider VPC, where the export
//!   creates it. `ServiceRegion` is passed when that Region is not the
//!   VPC's. AWS connects an endpoint without `ServiceRegion` to a service in
//!   its own Region only ("The Region where the service is hosted. The
//!   default is the current Region.", CreateVpcEndpoint, `ServiceRegion`),
//!   so a design that leaves it unset for a service in another Region
//!   (PL-007) gets it set, with a note, rather than an endpoint to the same
//!   service in the wrong Region.
//! - **Subnets.** Those of the endpoint's VPC, in design order. "For a
//!   Gateway Load Balancer endpoint, you can specify only one subnet"
//!   (CreateVpcEndpoint, `SubnetIds`): one designed with more (PL-010) gets
//!   its first, with a note.
//! - **Security groups.** `SecurityGroupIds` is for "Interface, Resource,
//!   ServiceNetwork, and Tunnel endpoints only", so a Gateway Load Balancer
//!   endpoint gets none (with a note when the design lists some). Otherwise
//!   the design's groups of the endpoint's VPC, and none when the design
//!   gives none: "If this parameter is not specified, we use the default
//!   security group for the VPC" (CreateVpcEndpoint, `SecurityGroupIds`),
//!   which is what the design format says an empty list means and what rule
//!   PL-005 checks. (The exports used to create a group per such endpoint,
//!   open on the service port to the VPC's CIDRs: a network the design does
//!   not describe.)
//!
//! A gateway endpoint (`gateway_endpoint_settings`) reaches its service in
//! the VPC's own Region, whatever Region the design's service node is in:
//! "A gateway endpoint adds a route to the prefix list of S3 or DynamoDB in
//! the VPC's own Region" (rule GW-002, which flags the other case), and its
//! route tables are those the design lists in its VPC.
//!
//! The quotes are from the CreateVpcEndpoint reference,
//! https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html
//! (also in the AWS CLI's API model, `ec2/2016-11-15/service-2.json`).

use vpcplan_core::Design;
use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{
    EndpointService, EndpointTarget, GatewayEndpoint, InterfaceEndpoint, Link, RouteTableId,
    SecurityGroupId, Service, ServiceKind, SubnetId, Vpc,
};

/// The kind of endpoint, as `VpcEndpointType` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EndpointType {
    Interface,
    GatewayLoadBalancer,
    Resource,
    ServiceNetwork,
}

impl EndpointType {
    pub(crate) fn aws_name(self) -> &'static str {
        match self {
            EndpointType::Interface => "Interface",
            EndpointType::GatewayLoadBalancer => "GatewayLoadBalancer",
            EndpointType::Resource => "Resource",
            EndpointType::ServiceNetwork => "ServiceNetwork",
        }
    }

    /// Whether the endpoint's network interfaces take security groups.
    pub(crate) fn takes_security_groups(self) -> bool {
        self != EndpointType::GatewayLoadBalancer
    }
}

/// What the endpoint connects to.
#[derive(Debug)]
pub(crate) enum Target<'d> {
    /// An AWS service of the design, by its service name: derived from the
    /// service, or the explicit name an import found.
    AwsService {
        service: &'d Service,
        name: String,
    },
    /// An endpoint service of the design; its name is known once the
    /// export has created it.
    EndpointService {
        service: &'d Service,
        settings: &'d EndpointService,
    },
    Resource(&'d str),
    ServiceNetwork(&'d str),
}

#[derive(Debug)]
pub(crate) struct EndpointSettings<'d> {
    pub endpoint_type: EndpointType,
    pub target: Target<'d>,
    /// `ServiceRegion`, when the service is not in the VPC's Region.
    pub service_region: Option<String>,
    pub subnets: Vec<&'d SubnetId>,
    /// Empty: AWS attaches the VPC's default security group (or, for a
    /// Gateway Load Balancer endpoint, none).
    pub security_groups: Vec<&'d SecurityGroupId>,
    /// What the design says that the export does not follow, as sentences.
    pub notes: Vec<String>,
}

impl EndpointSettings<'_> {
    /// The endpoint's Name: its service's name, or what kind of VPC
    /// Lattice endpoint it is.
    pub(crate) fn name(&self) -> String {
        match &self.target {
            Target::AwsService { service, .. } | Target::EndpointService { service, .. } => {
                service.name.clone()
            }
            Target::Resource(_) => "resource endpoint".to_owned(),
            Target::ServiceNetwork(_) => "service-network endpoint".to_owned(),
        }
    }
}

/// The settings of `endpoint` (link `link`) in `vpc`, its VPC; `Err` with
/// the sentence saying why when it cannot be exported at all.
pub(crate) fn endpoint_settings<'d>(
    design: &'d Design,
    vpc: &'d Vpc,
    link: &Link,
    endpoint: &'d InterfaceEndpoint,
) -> Result<EndpointSettings<'d>, String> {
    let mut notes = Vec::new();
    let (endpoint_type, target, service_region) = match &endpoint.target {
        EndpointTarget::Service(service_id) | EndpointTarget::GatewayLoadBalancer(service_id) => {
            let endpoint_type = if matches!(endpoint.target, EndpointTarget::Service(_)) {
                EndpointType::Interface
            } else {
                EndpointType::GatewayLoadBalancer
            };
            let Some(service) = design.service(service_id) else {
                return Err(format!(
                    "Endpoint {} is not exported: its service {service_id} is not in the design.",
                    link.id
                ));
            };
            match &service.kind {
                ServiceKind::Aws { service: suffix } => {
                    let region = match &endpoint.service_region {
                        Some(region) => region.clone(),
                        None => {
                            if service.region != vpc.region {
                                notes.push(format!(
                                    "Endpoint {} reaches {} in {}, so its ServiceRegion is set to {}; the design leaves it unset (PL-007).",
                                    link.id,
                                    service.label(),
                                    service.region,
                                    service.region
                                ));
                            }
                            service.region.clone()
                        }
                    };
                    let name = endpoint
                        .service_name
                        .clone()
                        .unwrap_or_else(|| aws_service_name(suffix, &region));
                    (endpoint_type, Target::AwsService { service, name }, region)
                }
                ServiceKind::EndpointService(settings) => {
                    let Some(provider) = design.vpc(&settings.provider_vpc) else {
                        return Err(format!(
                            "Endpoint {} is not exported: the provider VPC of its service is not in the design.",
                            link.id
                        ));
                    };
                    if let Some(set) = &endpoint.service_region
                        && *set != provider.region
                    {
                        notes.push(format!(
                            "Endpoint {} has ServiceRegion {set}, but its endpoint service is created in {}; {} is used.",
                            link.id, provider.region, provider.region
                        ));
                    }
                    if let Some(explicit) = &endpoint.service_name {
                        notes.push(format!(
                            "Endpoint {} names the service {explicit}; it connects to the endpoint service \"{}\" the export creates instead.",
                            link.id,
                            service.label()
                        ));
                    }
                    (
                        endpoint_type,
                        Target::EndpointService { service, settings },
                        provider.region.clone(),
                    )
                }
            }
        }
        EndpointTarget::Resource { configuration_arn } => {
            let Some(arn) = configuration_arn else {
                return Err(format!(
                    "Resource endpoint {} is not exported: it has no resource configuration ARN.",
                    link.id
                ));
            };
            (
                EndpointType::Resource,
                Target::Resource(arn),
                vpc.region.clone(),
            )
        }
        EndpointTarget::ServiceNetwork { arn } => {
            let Some(arn) = arn else {
                return Err(format!(
                    "Service-network endpoint {} is not exported: it has no service network ARN.",
                    link.id
                ));
            };
            (
                EndpointType::ServiceNetwork,
                Target::ServiceNetwork(arn),
                vpc.region.clone(),
            )
        }
    };

    let mut subnets: Vec<&SubnetId> = endpoint
        .subnets
        .iter()
        .filter(|subnet| vpc.subnets.iter().any(|own| &own.id == *subnet))
        .collect();
    if subnets.len() != endpoint.subnets.len() {
        notes.push(format!(
            "Endpoint {} lists subnets outside its VPC; they are left out.",
            link.id
        ));
    }
    if endpoint_type == EndpointType::GatewayLoadBalancer && subnets.len() > 1 {
        let left_out: Vec<&str> = subnets[1..].iter().map(|subnet| subnet.as_str()).collect();
        notes.push(format!(
            "Gateway Load Balancer endpoint {} takes one subnet: {} is used, {} left out.",
            link.id,
            subnets[0],
            left_out.join(", ")
        ));
        subnets.truncate(1);
    }

    let mut security_groups = Vec::new();
    if endpoint_type.takes_security_groups() {
        for group in &endpoint.security_groups {
            if vpc.security_groups.iter().any(|own| &own.id == group) {
                security_groups.push(group);
            } else {
                notes.push(format!(
                    "Endpoint {} lists security group {group}, which is not in its VPC; it is left out.",
                    link.id
                ));
            }
        }
    } else if !endpoint.security_groups.is_empty() {
        notes.push(format!(
            "Gateway Load Balancer endpoint {} takes no security groups; they are left out.",
            link.id
        ));
    }

    Ok(EndpointSettings {
        endpoint_type,
        target,
        service_region: (service_region != vpc.region).then_some(service_region),
        subnets,
        security_groups,
        notes,
    })
}

/// The settings of a gateway endpoint: the service it reaches (by node and
/// service name) and the route tables that get its route.
#[derive(Debug)]
pub(crate) struct GatewayEndpointSettings<'d> {
    pub service: &'d Service,
    pub service_name: String,
    pub route_tables: Vec<&'d RouteTableId>,
    pub notes: Vec<String>,
}

/// The settings of gateway endpoint `endpoint` (link `link`) in `vpc`, its
/// VPC; `Err` with the sentence saying why when it cannot be exported.
pub(crate) fn gateway_endpoint_settings<'d>(
    design: &'d Design,
    vpc: &'d Vpc,
    link: &Link,
    endpoint: &'d GatewayEndpoint,
) -> Result<GatewayEndpointSettings<'d>, String> {
    let Some(service) = design.service(&endpoint.service) else {
        return Err(format!(
            "Gateway endpoint {} is not exported: its service is not in the design.",
            link.id
        ));
    };
    let ServiceKind::Aws { service: suffix } = &service.kind else {
        return Err(format!(
            "Gateway endpoint {} is not exported: gateway endpoints reach AWS services only.",
            link.id
        ));
    };
    let mut notes = Vec::new();
    if service.region != vpc.region {
        notes.push(format!(
            "Gateway endpoint {} reaches {} in the VPC's Region, {}, not {}: a gateway endpoint cannot reach another Region.",
            link.id,
            service.label(),
            vpc.region,
            service.region
        ));
    }
    let service_name = aws_service(suffix)
        .map(|known| known.service_name(&vpc.region))
        .unwrap_or_else(|| vpcplan_core::routes::gateway_prefix_list(suffix, &vpc.region));
    let route_tables: Vec<&RouteTableId> = endpoint
        .route_tables
        .iter()
        .filter(|table| vpc.route_tables.iter().any(|own| &own.id == *table))
        .collect();
    if route_tables.len() != endpoint.route_tables.len() {
        notes.push(format!(
            "Gateway endpoint {} lists route tables outside its VPC; they are left out.",
            link.id
        ));
    }
    Ok(GatewayEndpointSettings {
        service,
        service_name,
        route_tables,
        notes,
    })
}

/// The service name of AWS service `suffix` in `region`: the catalogue's,
/// else `com.amazonaws.<region>.<suffix>`. Both exporters and verify.sh name
/// AWS services through it.
pub(crate) fn aws_service_name(suffix: &str, region: &str) -> String {
    aws_service(suffix)
        .map(|known| known.service_name(region))
        .unwrap_or_else(|| format!("com.amazonaws.{region}.{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::fixture;
    use vpcplan_core::design::LinkSpec;

    fn settings_of(design: &Design) -> EndpointSettings<'_> {
        let link = &design.links[0];
        let LinkSpec::InterfaceEndpoint(endpoint) = &link.spec else {
            panic!("the first link is an interface endpoint");
        };
        let vpc = design.vpc(&endpoint.vpc).unwrap();
        endpoint_settings(design, vpc, link, endpoint).unwrap()
    }

    #[test]
    fn an_aws_service_in_another_region_gets_its_service_region_with_a_note() {
        let mut design = fixture("interface-endpoint-aws-service.json");
        design.services[0].region = "us-east-1".to_owned();
        let settings = settings_of(&design);
        assert_eq!(settings.service_region.as_deref(), Some("us-east-1"));
        let Target::AwsService { name, .. } = &settings.target else {
            panic!("{:?}", settings.target);
        };
        assert_eq!(name, "com.amazonaws.us-east-1.ssm");
        assert_eq!(settings.notes.len(), 1, "{:?}", settings.notes);
    }

    #[test]
    fn a_gateway_load_balancer_endpoint_takes_its_first_subnet_and_no_groups() {
        let mut design = fixture("interface-endpoint-aws-service.json");
        let LinkSpec::InterfaceEndpoint(endpoint) = &mut design.links[0].spec else {
            panic!();
        };
        endpoint.target = EndpointTarget::GatewayLoadBalancer(design.services[0].id.clone());
        let settings = settings_of(&design);
        assert_eq!(settings.endpoint_type, EndpointType::GatewayLoadBalancer);
        assert_eq!(settings.subnets.len(), 1);
        assert!(settings.security_groups.is_empty());
        assert_eq!(settings.notes.len(), 2, "{:?}", settings.notes);
    }

    #[test]
    fn an_endpoint_without_groups_gets_none_so_aws_uses_the_default_group() {
        let mut design = fixture("interface-endpoint-aws-service.json");
        let LinkSpec::InterfaceEndpoint(endpoint) = &mut design.links[0].spec else {
            panic!();
        };
        endpoint.security_groups.clear();
        let settings = settings_of(&design);
        assert!(settings.security_groups.is_empty());
        assert!(settings.notes.is_empty(), "{:?}", settings.notes);
    }
}
