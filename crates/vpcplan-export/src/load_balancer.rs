//! The load balancers behind a provider's endpoint service, as both
//! exporters build them: one decision, so a CloudFormation stack and a CLI
//! script give a design's endpoint service the same provider side.
//!
//! A load balancer the design names by ARN already exists (the provider made
//! it outside the design); the export asks for its ARN, with no default, since
//! a designed ARN is often a placeholder and an NLB cannot live in a VPC the
//! export is about to create. A network load balancer the design names by
//! name is the export's to create: an internal NLB in the provider VPC's
//! designed subnets, a TCP listener on the service's port and a target group
//! whose targets are left to the user. Gateway Load Balancers front
//! appliances the design does not model, so they are always asked for.
//!
//! AWS: "Endpoint services require either a Network Load Balancer or a
//! Gateway Load Balancer" and consumers reach an interface endpoint's service
//! only in the Availability Zones of its load balancer
//! (https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html,
//! https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-share-your-services.html#endpoint-service-subnets-zones).

use vpcplan_core::design::{EndpointService, IpFamily, LoadBalancer, Subnet, Vpc};

/// A load balancer of an endpoint service, as the export treats it.
pub(crate) enum Balancer<'a> {
    /// Given by ARN, or a Gateway Load Balancer: the user passes its ARN.
    Existing,
    /// A network load balancer the export creates.
    Created(CreatedNlb<'a>),
}

/// An internal network load balancer the export creates for an endpoint
/// service, with its listener and target group.
pub(crate) struct CreatedNlb<'a> {
    /// The designed name, when AWS takes it as a load balancer name.
    pub name: Option<&'a str>,
    /// One designed subnet of the provider VPC per Availability Zone.
    pub subnets: Vec<&'a Subnet>,
    /// `dualstack` when the service offers IPv6: an endpoint service supports
    /// IPv6 only through NLBs of the dualstack IP address type
    /// (privatelink-share-your-services.html#endpoint-service-ip-address-type).
    pub dualstack: bool,
    /// The port of the listener and the target group; `None` when the design
    /// gives port 0, which no listener takes.
    pub port: Option<u16>,
}

/// Whether a designed load balancer is named by its ARN, and so exists.
pub(crate) fn is_arn(balancer: &LoadBalancer) -> bool {
    balancer.name.starts_with("arn:")
}

/// How the export treats network load balancer `balancer` of
/// `service`, whose provider VPC is `provider`.
pub(crate) fn network<'a>(
    balancer: &'a LoadBalancer,
    service: &EndpointService,
    provider: &'a Vpc,
) -> Balancer<'a> {
    if is_arn(balancer) {
        return Balancer::Existing;
    }
    Balancer::Created(CreatedNlb {
        name: is_load_balancer_name(&balancer.name).then_some(balancer.name.as_str()),
        subnets: nlb_subnets(service, provider),
        dualstack: service.supported_ip_address_types.contains(&IpFamily::Ipv6),
        port: (service.port != 0).then_some(service.port),
    })
}

/// AWS: a load balancer's name "must be unique per region per account, can
/// have a maximum of 32 characters, must contain only alphanumeric characters
/// or hyphens, must not begin or end with a hyphen, and must not begin with
/// `internal-`" (ELBv2 API reference, CreateLoadBalancer, Name:
/// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html).
pub(crate) fn is_load_balancer_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 32
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.starts_with("internal-")
}

/// The provider's subnets an NLB is placed in: those with an IPv4 CIDR, one
/// per Availability Zone ("You can specify only one subnet per Availability
/// Zone", CreateLoadBalancer, Subnets), the first in design order; only the
/// service's designed AZ ids when it names some and a subnet is in one. A
/// subnet whose AZ is not designed (AWS picks it) is used only when no
/// subnet's AZ is known, and then only the first, which cannot clash.
fn nlb_subnets<'a>(service: &EndpointService, provider: &'a Vpc) -> Vec<&'a Subnet> {
    let with_ipv4 = || {
        provider
            .subnets
            .iter()
            .filter(|subnet| subnet.ipv4_cidr.is_some())
    };
    let zone = |subnet: &Subnet| -> Option<String> {
        match subnet.availability_zone_id.as_deref() {
            Some(id) if !id.is_empty() => Some(id.to_owned()),
            _ if !subnet.availability_zone.is_empty() => Some(subnet.availability_zone.clone()),
            _ => None,
        }
    };
    let offered = |subnet: &&Subnet| {
        subnet
            .availability_zone_id
            .as_ref()
            .is_some_and(|id| service.availability_zone_ids.contains(id))
    };
    let mut candidates: Vec<&Subnet> = with_ipv4()
        .filter(|subnet| zone(subnet).is_some())
        .collect();
    if !service.availability_zone_ids.is_empty() && candidates.iter().any(offered) {
        candidates.retain(offered);
    }
    if candidates.is_empty() {
        return with_ipv4().take(1).collect();
    }
    let mut zones: Vec<String> = Vec::new();
    let mut chosen = Vec::new();
    for subnet in candidates {
        if let Some(zone) = zone(subnet)
            && !zones.contains(&zone)
        {
            zones.push(zone);
            chosen.push(subnet);
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aws_takes_as_load_balancer_names() {
        for good in ["orders-nlb", "a", "A1-b2", &"x".repeat(32)] {
            assert!(is_load_balancer_name(good), "{good}");
        }
        for bad in [
            "",
            "-orders",
            "orders-",
            "internal-orders",
            "orders api",
            "orders_api",
            "日本語",
            &"x".repeat(33),
        ] {
            assert!(!is_load_balancer_name(bad), "{bad:?}");
        }
    }
}
