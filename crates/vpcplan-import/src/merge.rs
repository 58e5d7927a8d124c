//! Adding an import to an existing design ("Add to this design"): the
//! imported accounts, VPCs, services and links join the design's. An item
//! the design already holds with the same AWS identity is kept as the design
//! has it; ids that collide with the design's are renamed.

use std::collections::HashSet;

use vpcplan_core::Design;
use vpcplan_core::design::{
    EndpointTarget, IntentSource, IntentTarget, LinkId, LinkSpec, RuleSource, ServiceId,
    ServiceKind, VpcId,
};

/// The design with the imported items added.
pub fn add_to(design: &Design, imported: Design) -> Design {
    let mut merged = design.clone();
    for account in imported.accounts {
        if !merged.accounts.iter().any(|known| known.id == account.id) {
            merged.accounts.push(account);
        }
    }
    let known_vpcs: HashSet<String> = merged
        .vpcs
        .iter()
        .filter_map(|vpc| vpc.existing.as_ref().map(|identity| identity.id.clone()))
        .collect();
    let mut vpc_ids: std::collections::HashMap<VpcId, VpcId> = Default::default();
    let mut taken: HashSet<String> = merged.vpcs.iter().map(|v| v.id.to_string()).collect();
    for mut vpc in imported.vpcs {
        if let Some(identity) = &vpc.existing
            && known_vpcs.contains(&identity.id)
            && let Some(same) = merged
                .vpcs
                .iter()
                .find(|known| known.existing.as_ref() == Some(identity))
        {
            vpc_ids.insert(vpc.id.clone(), same.id.clone());
            continue;
        }
        let fresh = VpcId::new(unique(&mut taken, vpc.id.as_str()));
        vpc_ids.insert(vpc.id.clone(), fresh.clone());
        vpc.id = fresh;
        merged.vpcs.push(vpc);
    }
    // Security group references across VPCs follow the renames.
    for vpc in &mut merged.vpcs {
        for group in &mut vpc.security_groups {
            for rule in &mut group.ingress {
                if let RuleSource::SecurityGroup { vpc: source, .. } = &mut rule.source
                    && let Some(renamed) = vpc_ids.get(source)
                {
                    *source = renamed.clone();
                }
            }
        }
    }
    let mut service_ids: std::collections::HashMap<ServiceId, ServiceId> = Default::default();
    let mut taken: HashSet<String> = merged.services.iter().map(|s| s.id.to_string()).collect();
    for mut service in imported.services {
        if let Some(same) = merged.services.iter().find(|known| {
            known.region == service.region
                && matches!((&known.kind, &service.kind),
                    (ServiceKind::Aws { service: a }, ServiceKind::Aws { service: b }) if a == b)
        }) {
            service_ids.insert(service.id.clone(), same.id.clone());
            continue;
        }
        let fresh = ServiceId::new(unique(&mut taken, service.id.as_str()));
        service_ids.insert(service.id.clone(), fresh.clone());
        service.id = fresh;
        if let ServiceKind::EndpointService(endpoint) = &mut service.kind
            && let Some(renamed) = vpc_ids.get(&endpoint.provider_vpc)
        {
            endpoint.provider_vpc = renamed.clone();
        }
        merged.services.push(service);
    }
    let known_links: HashSet<String> = merged
        .links
        .iter()
        .filter_map(|link| link.existing.as_ref().map(|identity| identity.id.clone()))
        .collect();
    let mut taken: HashSet<String> = merged.links.iter().map(|l| l.id.to_string()).collect();
    let vpc = |id: &mut VpcId| {
        if let Some(renamed) = vpc_ids.get(id) {
            *id = renamed.clone();
        }
    };
    let service = |id: &mut ServiceId| {
        if let Some(renamed) = service_ids.get(id) {
            *id = renamed.clone();
        }
    };
    for mut link in imported.links {
        if link
            .existing
            .as_ref()
            .is_some_and(|identity| known_links.contains(&identity.id))
        {
            continue;
        }
        link.id = LinkId::new(unique(&mut taken, link.id.as_str()));
        match &mut link.spec {
            LinkSpec::Peering(peering) => {
                vpc(&mut peering.requester);
                vpc(&mut peering.accepter);
            }
            LinkSpec::InterfaceEndpoint(endpoint) => {
                vpc(&mut endpoint.vpc);
                if let EndpointTarget::Service(id) | EndpointTarget::GatewayLoadBalancer(id) =
                    &mut endpoint.target
                {
                    service(id);
                }
            }
            LinkSpec::GatewayEndpoint(endpoint) => {
                vpc(&mut endpoint.vpc);
                service(&mut endpoint.service);
            }
        }
        merged.links.push(link);
    }
    for mut intent in imported.intents {
        match &mut intent.from {
            IntentSource::Vpc(id) | IntentSource::Subnet { vpc: id, .. } => vpc(id),
        }
        match &mut intent.to {
            IntentTarget::Vpc(id) => vpc(id),
            IntentTarget::Service(id) => service(id),
        }
        merged.intents.push(intent);
    }
    merged
}

/// `id`, or `id-2`, `id-3`, … when it is taken; marks the result taken.
fn unique(taken: &mut HashSet<String>, id: &str) -> String {
    let mut candidate = id.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}
