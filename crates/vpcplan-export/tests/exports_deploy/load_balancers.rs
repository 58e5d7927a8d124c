//! The load balancers behind endpoint services, on the mock. An NLB the
//! design names by ARN is the user's: it exists before the export is
//! deployed (created here in the provider account's default VPC, in the AZs
//! the service is offered in) and its ARN is what the user passes, to the
//! stack's parameter or the script's variable. An NLB named by name is the
//! export's: internal, in the designed provider subnets, with a TCP listener
//! on the service port forwarding to a target group in the provider VPC.
//! After the teardown, only the user's remain.

use serde_json::Value;

use super::*;

/// The user's NLBs: the designed ARN, and where the user's NLB is on the
/// mock (account, Region, ARN).
pub(crate) type ExistingNlbs = BTreeMap<String, (String, String, String)>;

/// Creates, for each NLB the design names by ARN, the user's NLB on the mock.
pub(crate) fn create_existing_load_balancers(design: &Design, server: &MotoServer) -> ExistingNlbs {
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
pub(crate) fn cli_environment(deploy: &str, existing: &ExistingNlbs) -> Vec<(String, String)> {
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
pub(crate) fn parameter_input(existing: &ExistingNlbs, description: &str) -> Option<String> {
    existing
        .iter()
        .find(|(designed, _)| description.contains(&format!("(designed as \"{designed}\")")))
        .map(|(_, (_, _, arn))| arn.clone())
}

fn load_balancers(server: &MotoServer, account: &str, region: &str) -> Vec<Value> {
    server.aws_as(account, region, &["elbv2", "describe-load-balancers"])["LoadBalancers"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// Each endpoint service uses the user's NLB where the design names one by
/// ARN, and otherwise an internal NLB in the provider VPC's designed
/// subnets, covering the service's designed AZs, with a TCP listener on the
/// service port forwarding to a target group of the provider VPC on that
/// port.
pub(crate) fn assert_load_balancers_are_the_design(
    design: &Design,
    server: &MotoServer,
    existing: &ExistingNlbs,
) {
    let name = &design.name;
    for service in &design.services {
        let ServiceKind::EndpointService(endpoint_service) = &service.kind else {
            continue;
        };
        let provider = design.vpc(&endpoint_service.provider_vpc).unwrap();
        let (account, region) = (provider.account.as_str(), provider.region.as_str());
        let network = server.describe_network(account, region);
        let found = network
            .endpoint_services
            .iter()
            .find(|found| found.name.as_deref() == Some(service.name.as_str()))
            .unwrap_or_else(|| panic!("{name}: no endpoint service {}", service.name));
        let vpc = network.vpc_named(&provider.name).unwrap();
        let balancers = load_balancers(server, account, region);
        let mut expected_users = Vec::new();
        let mut created = 0;
        for balancer in &endpoint_service.network_load_balancers {
            match existing.get(&balancer.name) {
                Some((_, _, arn)) => expected_users.push(arn.clone()),
                None => created += 1,
            }
        }
        let (users, ours): (Vec<&String>, Vec<&String>) = found
            .network_load_balancers
            .iter()
            .partition(|arn| expected_users.contains(arn));
        assert_eq!(
            users.len(),
            expected_users.len(),
            "{name}: {} uses the user's NLBs",
            service.name
        );
        assert_eq!(
            ours.len(),
            created,
            "{name}: {} uses its new NLBs",
            service.name
        );
        for arn in ours {
            let balancer = balancers
                .iter()
                .find(|balancer| balancer["LoadBalancerArn"] == arn.as_str())
                .unwrap_or_else(|| panic!("{name}: {arn} is not on the mock"));
            assert_eq!(balancer["Type"], "network", "{name}: {balancer}");
            assert_eq!(balancer["Scheme"], "internal", "{name}: {balancer}");
            assert_eq!(balancer["VpcId"], vpc.id.as_str(), "{name}: {balancer}");
            let subnets: Vec<&str> = balancer["AvailabilityZones"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|zone| zone["SubnetId"].as_str())
                .collect();
            let mut zones = BTreeSet::new();
            for subnet in &subnets {
                let found = network
                    .subnets
                    .iter()
                    .find(|found| found.id == *subnet && found.vpc == vpc.id)
                    .unwrap_or_else(|| panic!("{name}: {subnet} is not a provider subnet"));
                let designed = provider
                    .subnets
                    .iter()
                    .find(|designed| found.name.as_deref() == Some(designed.name.as_str()))
                    .unwrap_or_else(|| panic!("{name}: {subnet} is not a designed subnet"));
                assert!(
                    zones.insert(designed.availability_zone_id.clone()),
                    "{name}: two subnets of {arn} in one AZ"
                );
            }
            for zone in &endpoint_service.availability_zone_ids {
                assert!(
                    zones.contains(&Some(zone.clone())),
                    "{name}: {arn} does not serve {zone}"
                );
            }
            let listeners = server.aws_as(
                account,
                region,
                &["elbv2", "describe-listeners", "--load-balancer-arn", arn],
            );
            let listeners = listeners["Listeners"].as_array().unwrap();
            assert_eq!(listeners.len(), 1, "{name}: the listeners of {arn}");
            let listener = &listeners[0];
            assert_eq!(listener["Protocol"], "TCP", "{name}: {listener}");
            assert_eq!(
                listener["Port"], endpoint_service.port,
                "{name}: {listener}"
            );
            let action = &listener["DefaultActions"][0];
            assert_eq!(action["Type"], "forward", "{name}: {listener}");
            let group = action["TargetGroupArn"].as_str().unwrap();
            let groups = server.aws_as(
                account,
                region,
                &[
                    "elbv2",
                    "describe-target-groups",
                    "--target-group-arns",
                    group,
                ],
            );
            let group = &groups["TargetGroups"][0];
            assert_eq!(group["Protocol"], "TCP", "{name}: {group}");
            assert_eq!(group["Port"], endpoint_service.port, "{name}: {group}");
            assert_eq!(group["VpcId"], vpc.id.as_str(), "{name}: {group}");
        }
    }
}

/// After the teardown, the only load balancers and target groups left in the
/// providers' accounts and Regions are the user's NLBs, which can now be
/// deleted (the mock refuses while an endpoint service uses one).
pub(crate) fn assert_only_the_users_load_balancers_left(
    design: &Design,
    server: &MotoServer,
    existing: &ExistingNlbs,
) {
    let name = &design.name;
    let mut places = BTreeSet::new();
    for service in &design.services {
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind
            && let Some(provider) = design.vpc(&endpoint_service.provider_vpc)
        {
            places.insert((provider.account.to_string(), provider.region.clone()));
        }
    }
    let users: BTreeSet<&str> = existing.values().map(|(_, _, arn)| arn.as_str()).collect();
    for (account, region) in &places {
        let left: Vec<String> = load_balancers(server, account, region)
            .iter()
            .filter_map(|balancer| balancer["LoadBalancerArn"].as_str().map(str::to_owned))
            .filter(|arn| !users.contains(arn.as_str()))
            .collect();
        assert!(left.is_empty(), "{name}: load balancers left: {left:?}");
        let groups = server.aws_as(account, region, &["elbv2", "describe-target-groups"]);
        assert_eq!(
            groups["TargetGroups"].as_array().map_or(0, Vec::len),
            0,
            "{name}: target groups left: {groups}"
        );
    }
    for (account, region, arn) in existing.values() {
        server.aws_as(
            account,
            region,
            &["elbv2", "delete-load-balancer", "--load-balancer-arn", arn],
        );
    }
}
