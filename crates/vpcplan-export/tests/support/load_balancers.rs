//! The user's load balancers behind endpoint services, on the mock: an NLB
//! the design names by ARN exists before the export is deployed (created
//! here in the provider account's default VPC, in the AZs the service is
//! offered in), and its ARN is what the user passes, to the stack's
//! parameter or the script's variable.

#![allow(dead_code)]

use vpcplan_core::Design;
use vpcplan_core::design::ServiceKind;

use super::*;

/// The user's NLBs: the designed ARN, and where the user's NLB is on the
/// mock (account, Region, ARN).
pub type ExistingNlbs = BTreeMap<String, (String, String, String)>;

/// Creates, for each NLB the design names by ARN, the user's NLB on the mock.
pub fn create_existing_load_balancers(design: &Design, server: &MotoServer) -> ExistingNlbs {
    let mut existing = ExistingNlbs::new();
    for service in &design.services {
        let ServiceKind::EndpointService(endpoint_service) = &service.kind else {
            continue;
        };
        let Some(provider) = design.vpc(&endpoint_service.provider_vpc) else {
            continue;
        };
        let (account, region) = (provider.account.as_str(), provider.region.as_str());
        let mut zones: Vec<&str> = endpoint_service
            .availability_zone_ids
            .iter()
            .map(String::as_str)
            .collect();
        if zones.is_empty() {
            zones = provider
                .subnets
                .iter()
                .filter_map(|subnet| subnet.availability_zone_id.as_deref())
                .collect();
        }
        for balancer in &endpoint_service.network_load_balancers {
            if !balancer.name.starts_with("arn:") || existing.contains_key(&balancer.name) {
                continue;
            }
            let defaults = server.aws_as(
                account,
                region,
                &[
                    "ec2",
                    "describe-subnets",
                    "--filters",
                    "Name=default-for-az,Values=true",
                ],
            );
            let subnets: Vec<String> = defaults["Subnets"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|subnet| {
                    subnet["AvailabilityZoneId"]
                        .as_str()
                        .is_some_and(|zone| zones.contains(&zone))
                })
                .filter_map(|subnet| subnet["SubnetId"].as_str().map(str::to_owned))
                .collect();
            assert!(!subnets.is_empty(), "no default subnet in {zones:?}");
            let name = format!("users-nlb-{}", existing.len() + 1);
            let mut args = vec![
                "elbv2",
                "create-load-balancer",
                "--name",
                &name,
                "--type",
                "network",
                "--scheme",
                "internal",
                "--subnets",
            ];
            args.extend(subnets.iter().map(String::as_str));
            let created = server.aws_as(account, region, &args);
            let arn = created["LoadBalancers"][0]["LoadBalancerArn"]
                .as_str()
                .expect("the user's NLB")
                .to_owned();
            existing.insert(
                balancer.name.clone(),
                (account.to_owned(), region.to_owned(), arn),
            );
        }
    }
    existing
}

/// The environment a user sets before deploy.sh: each variable its header
/// lists as the ARN of an existing load balancer, set to the user's NLB.
pub fn cli_environment(deploy: &str, existing: &ExistingNlbs) -> Vec<(String, String)> {
    let mut environment = Vec::new();
    for line in deploy.lines().take_while(|line| line.starts_with('#')) {
        let Some((variable, rest)) = line
            .strip_prefix("#   ")
            .and_then(|line| line.split_once(": ARN of the existing network load balancer \""))
        else {
            continue;
        };
        let designed = rest.split('"').next().unwrap_or_default();
        let (_, _, arn) = existing
            .get(designed)
            .unwrap_or_else(|| panic!("the script asks for {designed}, which is not the user's"));
        environment.push((variable.to_owned(), arn.clone()));
    }
    assert_eq!(
        environment.len(),
        existing.len(),
        "deploy.sh asks for each of the user's NLBs: {environment:?}"
    );
    environment
}

/// The value a user gives a parameter without a default: the ARN of the
/// user's NLB whose designed ARN the description names.
pub fn parameter_input(existing: &ExistingNlbs, description: &str) -> Option<String> {
    existing
        .iter()
        .find(|(designed, _)| description.contains(&format!("(designed as \"{designed}\")")))
        .map(|(_, (_, _, arn))| arn.clone())
}
