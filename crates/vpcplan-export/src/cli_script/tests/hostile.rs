//! Both scripts run for real against a fake `aws` that records its
//! arguments, with a design whose names are hostile.

use super::*;

pub(super) const MARKER: &str = "MARKER";

/// Every fixture that creates something, merged into one design, with every
/// name, several ids, an account id, an AZ and a principal made hostile.
/// `marker` is a file the hostile names try to create.
pub(super) fn hostile_design(marker: &Path) -> Design {
    let marker = marker.to_string_lossy();
    let hostile: Vec<String> = hostile_strings()
        .into_iter()
        .map(|text| text.replace(MARKER, &marker))
        .collect();
    let mut design = Design::default();
    for name in [
        "article-peering.json",
        "cross-account-cross-region-peering.json",
        "interface-endpoint-aws-service.json",
        "endpoint-service-nlb-cross-account.json",
        "s3-gateway-endpoint.json",
    ] {
        let part = fixture(name);
        for account in part.accounts {
            if !design.accounts.iter().any(|known| known.id == account.id) {
                design.accounts.push(account);
            }
        }
        design.vpcs.extend(part.vpcs);
        design.services.extend(part.services);
        design.links.extend(part.links);
        design.intents.extend(part.intents);
    }
    let mut names = hostile.iter().cycle();
    let mut next = || names.next().unwrap().clone();
    design.name = hostile[0].clone();
    for account in &mut design.accounts {
        account.name = next();
    }
    for vpc in &mut design.vpcs {
        vpc.name = next();
        for subnet in &mut vpc.subnets {
            subnet.name = next();
        }
        for table in &mut vpc.route_tables {
            table.name = next();
        }
        for group in &mut vpc.security_groups {
            group.name = next();
        }
    }
    for service in &mut design.services {
        service.name = next();
        if let ServiceKind::EndpointService(endpoint_service) = &mut service.kind {
            endpoint_service
                .allowed_principals
                .push(format!("arn:aws:iam::$(touch {marker}):root"));
            endpoint_service.allowed_principals.push("-x".to_owned());
            // A second NLB, named by a hostile name: the script creates it.
            endpoint_service
                .network_load_balancers
                .push(vpcplan_core::design::LoadBalancer {
                    name: next(),
                    listeners: 1,
                });
        }
    }
    // No AZ id, so the hostile AZ name is used.
    design.vpcs[0].subnets[0].availability_zone_id = None;
    design.vpcs[0].subnets[0].availability_zone = "file:///etc/hostname".to_owned();
    for link in &mut design.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.policy = Some(format!(
                "{{\"Statement\":[{{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\",\"Sid\":\"$(touch {marker})\"}}]}}"
            ));
        }
    }
    // Hostile ids: rewrite them everywhere in the saved form.
    let mut text = write_design(&design);
    for (id, replacement) in [
        ("vpc-a", format!("vpc-a'$(touch {marker})")),
        ("pcx-a-b", format!("pcx `touch {marker}` \n日本")),
        ("sg-tokyo-app", "sg-*?[]\\ \"".to_owned()),
        ("vpce-orders", "vpce-orders;rm -rf ~".to_owned()),
        ("222222222222", "22222222222'\"$(x)".to_owned()),
    ] {
        text = text.replace(
            &format!("\"{id}\""),
            &serde_json::Value::String(replacement).to_string(),
        );
    }
    read_design(&text).expect("the hostile design reads back")
}

/// A stand-in for the AWS CLI: records each call's arguments, NUL-separated,
/// one file per call, and answers the `--query` forms the scripts use.
const FAKE_AWS: &str = r#"#!/usr/bin/env bash
set -euo pipefail
dir=$FAKE_AWS_DIR
count=$(( $(cat "$dir/count" 2>/dev/null || echo 0) + 1 ))
echo "$count" >"$dir/count"
printf '%s\0' "$@" >"$dir/call-$(printf %05d "$count")"
operation=$2
query= filters= previous= resource=
for argument in "$@"; do
    [[ $previous == --query ]] && query=$argument
    [[ $previous == --filters ]] && filters=$argument
    [[ $previous == --vpc-peering-connection-id || $previous == --vpc-peering-connection-ids ]] && pcx=$argument
    [[ $previous == --resource-arns ]] && resource=$argument
    previous=$argument
done
case $operation in
    create-load-balancer) echo "arn:aws:elasticloadbalancing:r:a:loadbalancer/net/n/$count" ;;
    create-target-group) echo "arn:aws:elasticloadbalancing:r:a:targetgroup/t/$count" ;;
    describe-load-balancers) echo arn:aws:elasticloadbalancing:r:a:loadbalancer/net/n/t ;;
    describe-target-groups) echo arn:aws:elasticloadbalancing:r:a:targetgroup/t/t ;;
    describe-tags) echo "$resource" ;;
    create-vpc) echo "vpc-$count" ;;
    create-subnet) echo "subnet-$count" ;;
    create-route-table) echo "rtb-$count" ;;
    create-security-group) echo "sg-$count" ;;
    create-vpc-peering-connection) echo "pcx-$count" ;;
    create-vpc-endpoint) echo "vpce-$count" ;;
    create-vpc-endpoint-service-configuration) printf 'vpce-svc-%s\tcom.amazonaws.vpce.r.vpce-svc-%s\n' "$count" "$count" ;;
    associate-vpc-cidr-block) [[ -z $query ]] || echo "vpc-cidr-assoc-$count" ;;
    accept-vpc-peering-connection) touch "$dir/accepted-$pcx" ;;
    describe-managed-prefix-lists) echo pl-1234 ;;
    describe-route-tables)
        case $query in
            *Main*) echo rtbassoc-1 ;;
            *DestinationCidrBlock*) echo 10.99.0.0/16 ;;
            *DestinationIpv6CidrBlock*) echo None ;;
            *) if [[ -n $filters && $filters == *vpcplan:key* ]]; then echo rtb-t; else echo "rtb-main-$count"; fi ;;
        esac
        ;;
    describe-vpcs)
        case $query in
            *Ipv6CidrBlockAssociationSet*AssociationId==*) printf 'associated\t2600:1f14:aaaa:bb00::/56\n' ;;
            *CidrBlockState.State*'| [0]'*) echo associated ;;
            Vpcs[0].CidrBlock) echo 10.0.0.0/16 ;;
            *AssociationId*) printf 'vpc-cidr-assoc-1\tvpc-cidr-assoc-2\n' ;;
            *) echo vpc-t ;;
        esac
        ;;
    describe-vpc-peering-connections)
        if [[ -n $filters ]]; then echo pcx-t
        elif [[ -e $dir/accepted-$pcx ]]; then echo active
        else echo pending-acceptance
        fi
        ;;
    describe-vpc-endpoint-connections)
        case $query in
            *'!='*) echo vpce-c ;;
            *) echo pendingAcceptance ;;
        esac
        ;;
    describe-vpc-endpoints)
        if [[ -z $filters ]]; then echo pendingAcceptance
        elif [[ ! -e $dir/endpoints-deleted ]]; then echo vpce-t
        fi
        ;;
    delete-vpc-endpoint-service-configurations)
        # In use the first time, as when endpoints outside the design remain.
        [[ -e $dir/service-refused ]] || { touch "$dir/service-refused"; echo ExistingVpcEndpointConnections; }
        ;;
    delete-vpc-endpoints) touch "$dir/endpoints-deleted" ;;
    describe-vpc-endpoint-service-configurations) echo vpce-svc-t ;;
    describe-security-groups)
        case $query in
            *IpPermissions*) echo '[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443}]' ;;
            *) echo sg-t ;;
        esac
        ;;
    describe-subnets) echo subnet-t ;;
esac
"#;

/// Runs a script with the fake `aws` first on PATH; returns every call's
/// arguments.
fn run_with_fake_aws(script: &str, dir: &Path) -> Vec<Vec<String>> {
    let calls = dir.join("calls");
    let _ = std::fs::remove_dir_all(&calls);
    std::fs::create_dir_all(&calls).unwrap();
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let aws = bin.join("aws");
    std::fs::write(&aws, FAKE_AWS).unwrap();
    let path = dir.join("script.sh");
    std::fs::write(&path, script).unwrap();
    let chmod = Command::new("chmod")
        .arg("+x")
        .arg(&aws)
        .arg(&path)
        .status()
        .unwrap();
    assert!(chmod.success());
    let output = Command::new(&path)
        .current_dir(dir)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("FAKE_AWS_DIR", &calls)
        .envs(required_arns(script))
        .env("VPCPLAN_POLL", "0")
        .env("VPCPLAN_TIMEOUT", "5")
        .env_remove("AWS_PROFILE")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the script failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&calls)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("call-")
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let bytes = std::fs::read(file).unwrap();
            let mut args: Vec<String> = bytes
                .split(|byte| *byte == 0)
                .map(|arg| String::from_utf8(arg.to_vec()).unwrap())
                .collect();
            args.pop();
            args
        })
        .collect()
}

/// The ARN variables a script requires (`[[ -n ${NAME:-} ]] || …`), each set
/// to an ARN the fake takes.
fn required_arns(script: &str) -> Vec<(String, String)> {
    script
        .lines()
        .filter_map(|line| line.strip_prefix("[[ -n ${"))
        .filter_map(|rest| rest.split_once(":-}"))
        .map(|(name, _)| {
            (
                name.to_owned(),
                "arn:aws:elasticloadbalancing:r:a:loadbalancer/net/existing/1".to_owned(),
            )
        })
        .collect()
}

fn option_values<'c>(call: &'c [String], flag: &str) -> Vec<&'c str> {
    call.windows(2)
        .filter(|pair| pair[0] == flag)
        .map(|pair| pair[1].as_str())
        .chain(
            call.iter()
                .filter_map(|arg| arg.strip_prefix(&format!("{flag}="))),
        )
        .collect()
}

#[test]
fn hostile_names_reach_aws_exactly_and_run_nothing() {
    let dir = a_temp_dir("hostile");
    let marker = dir.join("pwned");
    let design = hostile_design(&marker);
    let (deploy, teardown) = export(&design);
    let plan = Plan::new(&design);

    let calls = run_with_fake_aws(&deploy, &dir);
    assert!(!marker.exists(), "a hostile name ran a command");
    assert!(calls.len() > 50, "{} calls", calls.len());

    // Profiles and Regions: every call has exactly one of each, and the
    // profiles are the accounts' defaults, hostile account ids included.
    let accounts: HashSet<String> = design
        .vpcs
        .iter()
        .map(|vpc| format!("acct-{}", vpc.account))
        .collect();
    let regions: HashSet<&str> = design.vpcs.iter().map(|vpc| vpc.region.as_str()).collect();
    for call in &calls {
        let profiles = option_values(call, "--profile");
        let call_regions = option_values(call, "--region");
        assert_eq!(profiles.len(), 1, "{call:?}");
        assert_eq!(call_regions.len(), 1, "{call:?}");
        assert!(accounts.contains(profiles[0]), "{call:?}");
        assert!(regions.contains(call_regions[0]), "{call:?}");
        // Nothing the CLI would read from a file or take for an option.
        for pair in call.windows(2) {
            if pair[0].starts_with("--") && !pair[0].contains('=') {
                let value = pair[1].to_lowercase();
                assert!(
                    !["file://", "fileb://", "http://", "https://"]
                        .iter()
                        .any(|prefix| value.starts_with(prefix)),
                    "{call:?}"
                );
            }
        }
    }
    assert!(
        calls
            .iter()
            .any(|call| option_values(call, "--profile") == ["acct-22222222222'\"$(x)"]),
        "the hostile account's profile is not used"
    );

    // Tags: every design name arrives exactly, with the design's name.
    let mut tagged_names = HashSet::new();
    for call in &calls {
        for spec in option_values(call, "--tag-specifications") {
            let spec: serde_json::Value = serde_json::from_str(spec).unwrap();
            for tag in spec[0]["Tags"].as_array().unwrap() {
                match tag["Key"].as_str().unwrap() {
                    "Name" => {
                        tagged_names.insert(tag["Value"].as_str().unwrap().to_owned());
                    }
                    "vpcplan:design" => assert_eq!(tag["Value"], design.name.as_str()),
                    "vpcplan:key" => {
                        let key = tag["Value"].as_str().unwrap();
                        assert!(
                            key.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c)),
                            "{key}"
                        );
                    }
                    other => panic!("unexpected tag {other}"),
                }
            }
        }
    }
    for vpc in &design.vpcs {
        assert!(tagged_names.contains(&vpc.name), "VPC name {:?}", vpc.name);
        for subnet in &vpc.subnets {
            assert!(
                tagged_names.contains(&subnet.name),
                "subnet {:?}",
                subnet.name
            );
        }
        for group in &vpc.security_groups {
            assert!(tagged_names.contains(&group.name), "group {:?}", group.name);
        }
    }
    for link in &design.links {
        assert!(
            tagged_names.contains(link.id.as_str()),
            "link {:?}",
            link.id
        );
    }

    // The NLB named by a hostile name is created under a name AWS takes,
    // its designed name arriving exactly in its Name tag.
    let hostile_nlb = design
        .services
        .iter()
        .find_map(|service| match &service.kind {
            ServiceKind::EndpointService(endpoint_service) => {
                endpoint_service.network_load_balancers.last()
            }
            ServiceKind::Aws { .. } => None,
        })
        .unwrap();
    let created = calls
        .iter()
        .find(|call| call[1] == "create-load-balancer")
        .expect("the hostile-named NLB is created");
    let name = option_values(created, "--name")[0];
    assert!(
        name.starts_with("vpcplan-") && name.len() == 24,
        "{created:?}"
    );
    let tags: serde_json::Value =
        serde_json::from_str(option_values(created, "--tags")[0]).unwrap();
    assert_eq!(tags[0]["Key"], "Name");
    assert_eq!(tags[0]["Value"], hostile_nlb.name.as_str());

    // Text the CLI would misread goes through --cli-input-json, intact.
    let zone = calls
        .iter()
        .find_map(|call| {
            option_values(call, "--cli-input-json")
                .into_iter()
                .find(|json| json.contains("AvailabilityZone"))
        })
        .expect("the AZ in --cli-input-json");
    let zone: serde_json::Value = serde_json::from_str(zone).unwrap();
    assert_eq!(zone["AvailabilityZone"], "file:///etc/hostname");
    let principals = calls
        .iter()
        .find(|call| call[1] == "modify-vpc-endpoint-service-permissions")
        .unwrap();
    let principals = option_values(principals, "--cli-input-json")
        .into_iter()
        .chain(option_values(principals, "--add-allowed-principals"))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(principals.contains("-x"), "{principals}");
    assert!(
        principals.contains(&format!("$(touch {})", marker.display())),
        "{principals}"
    );

    // The peering with a hostile id is accepted with the accepter's profile.
    let accepts = calls
        .iter()
        .filter(|call| call[1] == "accept-vpc-peering-connection")
        .count();
    let peerings = design
        .links
        .iter()
        .filter(|link| matches!(link.spec, LinkSpec::Peering(_)))
        .count();
    assert_eq!(accepts, peerings);

    // The consumer's endpoint waits for acceptance; the provider accepts.
    let accepted = calls
        .iter()
        .find(|call| call[1] == "accept-vpc-endpoint-connections")
        .expect("the provider accepts the endpoint");
    assert_eq!(
        option_values(accepted, "--profile"),
        ["acct-22222222222'\"$(x)"]
    );

    // Teardown too runs to the end without running anything hostile.
    let calls = run_with_fake_aws(&teardown, &dir);
    assert!(
        calls
            .iter()
            .any(|call| call[1] == "reject-vpc-endpoint-connections"),
        "a service still in use has its connections rejected"
    );
    assert!(!marker.exists(), "a hostile name ran a command in teardown");
    for call in &calls {
        assert_eq!(option_values(call, "--profile").len(), 1, "{call:?}");
        assert_eq!(option_values(call, "--region").len(), 1, "{call:?}");
    }
    let deleted_vpcs = calls.iter().filter(|call| call[1] == "delete-vpc").count();
    assert_eq!(deleted_vpcs, plan.exported_vpcs().len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_fixture_scripts_run_against_the_fake_aws() {
    for name in fixture_names() {
        if name.starts_with("mesh-") {
            continue;
        }
        let design = fixture(&name);
        let dir = a_temp_dir(name.trim_end_matches(".json"));
        let (deploy, teardown) = export(&design);
        let deploy_calls = run_with_fake_aws(&deploy, &dir);
        let creates = deploy_calls
            .iter()
            .filter(|call| call[1] == "create-vpc")
            .count();
        assert_eq!(creates, design.vpcs.len(), "{name}");
        let teardown_calls = run_with_fake_aws(&teardown, &dir);
        let deletes = teardown_calls
            .iter()
            .filter(|call| call[1] == "delete-vpc")
            .count();
        assert_eq!(deletes, design.vpcs.len(), "{name}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn profiles_can_be_overridden_from_the_environment() {
    let design = fixture("article-peering.json");
    let (deploy, _) = export(&design);
    assert!(deploy.contains("PROFILE_111111111111=${PROFILE_111111111111:-acct-111111111111}"));
    let dir = a_temp_dir("override");
    let calls = {
        let script = format!(
            "export PROFILE_111111111111=lab\n{}",
            deploy.replacen("#!/usr/bin/env bash\n", "", 1)
        );
        run_with_fake_aws(&format!("#!/usr/bin/env bash\n{script}"), &dir)
    };
    for call in &calls {
        assert_eq!(option_values(call, "--profile"), ["lab"], "{call:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
