use std::collections::BTreeSet;

use serde_json::Value;
use vpcplan_core::Design;
use vpcplan_core::design::{AccountId, RouteTable, RouteTableId, SecurityGroupId, VpcId};
use vpcplan_core::file::read_design;

use super::*;

const FIXTURES: [&str; 8] = [
    "article-peering",
    "cross-account-cross-region-peering",
    "interface-endpoint-aws-service",
    "endpoint-service-nlb-cross-account",
    "s3-gateway-endpoint",
    "mistake-overlapping-cidrs",
    "mistake-transitive-peering",
    "mesh-30-vpcs",
];

fn read(path: &str) -> Design {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|error| panic!("{path}: {error}"));
    read_design(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn fixture(name: &str) -> Design {
    read(&format!("../../tests/fixtures/designs/{name}.json"))
}

fn hostile() -> Design {
    read("tests/data/hostile-names.json")
}

fn options(format: TemplateFormat) -> CloudFormationOptions {
    CloudFormationOptions {
        export: ExportOptions { allow_errors: true },
        format,
    }
}

fn export(design: &Design, format: TemplateFormat) -> Vec<ExportedFile> {
    cloudformation(design, &options(format)).expect("errors are allowed")
}

fn parse(file: &ExportedFile) -> Value {
    if file.path.ends_with(".json") {
        serde_json::from_str(&file.contents)
            .unwrap_or_else(|error| panic!("{}: {error}", file.path))
    } else {
        serde_saphyr::from_str(&file.contents)
            .unwrap_or_else(|error| panic!("{}: {error}", file.path))
    }
}

/// The templates of an export, parsed, by path.
fn templates(files: &[ExportedFile]) -> Vec<(String, Value)> {
    files
        .iter()
        .filter(|file| !file.path.ends_with(".md"))
        .map(|file| (file.path.clone(), parse(file)))
        .collect()
}

fn template<'a>(templates: &'a [(String, Value)], path: &str) -> &'a Value {
    &templates
        .iter()
        .find(|(candidate, _)| candidate == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

fn resources_of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, resource)| resource["Type"] == kind)
        .collect()
}

fn keys(template: &Value, section: &str) -> BTreeSet<String> {
    template[section]
        .as_object()
        .map(|map| map.keys().cloned().collect())
        .unwrap_or_default()
}

/// The plain text a value stands for: a string, or the `Fn::Join` of
/// strings the exporter writes for text containing `${`.
fn text(value: &Value) -> Option<String> {
    if let Some(text) = value.as_str() {
        return Some(text.to_owned());
    }
    let join = value.get("Fn::Join")?.as_array()?;
    if !join.first()?.as_str()?.is_empty() {
        return None;
    }
    join.get(1)?
        .as_array()?
        .iter()
        .map(|piece| piece.as_str().map(str::to_owned))
        .collect()
}

fn tag(resource: &Value, key: &str) -> Option<String> {
    resource["Properties"]["Tags"]
        .as_array()?
        .iter()
        .find(|tag| tag["Key"] == key)
        .and_then(|tag| text(&tag["Value"]))
}

const PSEUDO_PARAMETERS: [&str; 7] = [
    "AWS::AccountId",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// Every Ref, GetAtt, Sub variable, Condition and DependsOn names something
/// of the same template.
fn assert_references_resolve(path: &str, template: &Value) {
    let resources = keys(template, "Resources");
    let parameters = keys(template, "Parameters");
    let conditions = keys(template, "Conditions");
    let refable = |name: &str| {
        resources.contains(name) || parameters.contains(name) || PSEUDO_PARAMETERS.contains(&name)
    };
    fn walk(value: &Value, visit: &mut dyn FnMut(&str, &Value)) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    visit(key, inner);
                    walk(inner, visit);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, visit)),
            _ => {}
        }
    }
    let mut problems = Vec::new();
    walk(template, &mut |key, value| match key {
        "Ref" => {
            let name = value.as_str().unwrap_or_default();
            if !refable(name) {
                problems.push(format!("Ref {name}"));
            }
        }
        "Fn::GetAtt" => {
            let name = value[0].as_str().unwrap_or_default();
            if !resources.contains(name) {
                problems.push(format!("GetAtt {name}"));
            }
        }
        "Fn::Sub" => {
            let body = value.as_str().unwrap_or_default();
            for piece in body.split("${").skip(1) {
                let name = piece.split('}').next().unwrap_or_default();
                if !name.starts_with('!') && !refable(name) {
                    problems.push(format!("Sub {name}"));
                }
            }
        }
        "Condition" => {
            if let Some(name) = value.as_str()
                && !conditions.contains(name)
            {
                problems.push(format!("Condition {name}"));
            }
        }
        _ => {}
    });
    for (_, resource) in template["Resources"].as_object().into_iter().flatten() {
        let depends: Vec<&Value> = match &resource["DependsOn"] {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            single => vec![single],
        };
        for dependency in depends {
            let name = dependency.as_str().unwrap_or_default();
            if !resources.contains(name) {
                problems.push(format!("DependsOn {name}"));
            }
        }
    }
    assert!(problems.is_empty(), "{path}: unresolved {problems:?}");
}

fn assert_logical_ids(path: &str, template: &Value) {
    for section in ["Resources", "Parameters", "Conditions", "Outputs"] {
        for id in keys(template, section) {
            assert!(
                !id.is_empty() && id.len() <= 255 && id.chars().all(|c| c.is_ascii_alphanumeric()),
                "{path}: {section} id {id:?}"
            );
        }
    }
}

fn rendered(files: &[ExportedFile]) -> String {
    files
        .iter()
        .map(|file| format!("=== {} ===\n{}", file.path, file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn yaml_snapshots_of_the_fixtures() {
    for name in FIXTURES.iter().filter(|name| **name != "mesh-30-vpcs") {
        let files = export(&fixture(name), TemplateFormat::Yaml);
        insta::assert_snapshot!(format!("yaml_{name}"), rendered(&files));
    }
    insta::assert_snapshot!(
        "yaml_hostile_names",
        rendered(&export(&hostile(), TemplateFormat::Yaml))
    );
}

#[test]
fn json_snapshot_of_the_cross_account_cross_region_peering() {
    let files = export(
        &fixture("cross-account-cross-region-peering"),
        TemplateFormat::Json,
    );
    insta::assert_snapshot!(rendered(&files));
}

#[test]
fn every_template_parses_back_and_every_reference_resolves() {
    let mut designs: Vec<(String, Design)> = FIXTURES
        .iter()
        .map(|name| (name.to_string(), fixture(name)))
        .collect();
    designs.push(("hostile-names".to_owned(), hostile()));
    for (name, design) in &designs {
        let yaml = templates(&export(design, TemplateFormat::Yaml));
        let json = templates(&export(design, TemplateFormat::Json));
        assert_eq!(yaml.len(), json.len(), "{name}");
        assert!(!yaml.is_empty(), "{name}");
        for ((yaml_path, yaml), (json_path, json)) in yaml.iter().zip(&json) {
            assert_eq!(
                yaml_path.trim_end_matches(".yaml"),
                json_path.trim_end_matches(".json")
            );
            assert_eq!(yaml, json, "{yaml_path}: YAML and JSON differ");
            assert_eq!(
                yaml["AWSTemplateFormatVersion"], "2010-09-09",
                "{yaml_path}"
            );
            assert!(yaml["Description"].is_string(), "{yaml_path}");
            assert!(!keys(yaml, "Resources").is_empty(), "{yaml_path}");
            assert!(yaml_path.starts_with("cloudformation/"), "{yaml_path}");
            assert_references_resolve(yaml_path, yaml);
            assert_logical_ids(yaml_path, yaml);
            let description = yaml["Description"].as_str().unwrap_or_default();
            assert!(description.len() <= 1024, "{yaml_path}");
        }
    }
}

#[test]
fn logical_ids_are_stable_across_exports_and_additions() {
    let design = fixture("cross-account-cross-region-peering");
    let first = export(&design, TemplateFormat::Yaml);
    assert_eq!(first, export(&design, TemplateFormat::Yaml));

    // A VPC added at the end of the design renames nothing that was there.
    let mut grown = design.clone();
    let mut extra = grown.vpcs[0].clone();
    extra.id = VpcId::new("vpc-extra");
    extra.name = "Tokyo extra".to_owned();
    extra.ipv4_cidrs = vec!["10.9.0.0/16".parse().unwrap()];
    extra.ipv6_cidrs.clear();
    extra.subnets.clear();
    extra.route_tables.clear();
    extra.security_groups.clear();
    grown.vpcs.push(extra);
    let before = templates(&first);
    let after = templates(&export(&grown, TemplateFormat::Yaml));
    for (path, template) in &before {
        let grown_template = template_or_none(&after, path).expect("same files");
        for section in ["Resources", "Parameters", "Outputs"] {
            let old = keys(template, section);
            let new = keys(grown_template, section);
            assert!(old.is_subset(&new), "{path} {section}: {old:?} vs {new:?}");
        }
    }
}

fn template_or_none<'a>(templates: &'a [(String, Value)], path: &str) -> Option<&'a Value> {
    templates
        .iter()
        .find(|(candidate, _)| candidate == path)
        .map(|(_, template)| template)
}

#[test]
fn gateway_endpoints_get_route_table_ids_and_never_a_route() {
    let all = templates(&export(
        &fixture("s3-gateway-endpoint"),
        TemplateFormat::Yaml,
    ));
    let stack = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    assert!(resources_of_type(stack, "AWS::EC2::Route").is_empty());
    let endpoints = resources_of_type(stack, "AWS::EC2::VPCEndpoint");
    assert_eq!(endpoints.len(), 1);
    let properties = &endpoints[0].1["Properties"];
    assert_eq!(properties["VpcEndpointType"], "Gateway");
    assert_eq!(properties["ServiceName"], "com.amazonaws.ap-northeast-1.s3");
    let tables: BTreeSet<String> = properties["RouteTableIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|table| table["Ref"].as_str().unwrap().to_owned())
        .collect();
    let declared: BTreeSet<String> = resources_of_type(stack, "AWS::EC2::RouteTable")
        .into_iter()
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(tables, declared);
    for absent in ["SubnetIds", "SecurityGroupIds", "PrivateDnsEnabled"] {
        assert!(properties.get(absent).is_none(), "{absent}");
    }
    // The hostile design has a gateway endpoint beside a peering: only
    // peering routes, each with a peering target.
    for (path, template) in templates(&export(&hostile(), TemplateFormat::Yaml)) {
        for (id, route) in resources_of_type(&template, "AWS::EC2::Route") {
            let properties = route["Properties"].as_object().unwrap();
            assert!(
                properties.contains_key("VpcPeeringConnectionId"),
                "{path} {id}"
            );
            for forbidden in ["GatewayId", "VpcEndpointId", "DestinationPrefixListId"] {
                assert!(!properties.contains_key(forbidden), "{path} {id}");
            }
        }
    }
}

/// The article's two VPCs, moved to other accounts and Regions.
fn peered(accepter_account: &str, accepter_region: &str) -> Design {
    let mut design = fixture("article-peering");
    let accepter = &mut design.vpcs[1];
    accepter.account = AccountId::new(accepter_account);
    accepter.region = accepter_region.to_owned();
    for subnet in &mut accepter.subnets {
        subnet.availability_zone = format!("{accepter_region}a");
        subnet.availability_zone_id = None;
    }
    design
}

fn peering_properties(design: &Design) -> (Vec<(String, Value)>, serde_json::Map<String, Value>) {
    let all = templates(&export(design, TemplateFormat::Yaml));
    let peerings: Vec<Value> = all
        .iter()
        .flat_map(|(_, template)| {
            resources_of_type(template, "AWS::EC2::VPCPeeringConnection")
                .into_iter()
                .map(|(_, resource)| resource["Properties"].clone())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(peerings.len(), 1);
    let properties = peerings[0].as_object().unwrap().clone();
    (all, properties)
}

#[test]
fn peering_properties_follow_accounts_and_regions() {
    let (all, same) = peering_properties(&fixture("article-peering"));
    assert_eq!(all.len(), 1);
    for absent in ["PeerOwnerId", "PeerRoleArn", "PeerRegion"] {
        assert!(
            !same.contains_key(absent),
            "same account and Region: {absent}"
        );
    }
    assert!(same["PeerVpcId"]["Ref"].is_string());

    let (all, cross_region) = peering_properties(&peered("111111111111", "us-east-1"));
    assert_eq!(all.len(), 2, "no role template within one account");
    assert_eq!(cross_region["PeerRegion"], "us-east-1");
    assert!(!cross_region.contains_key("PeerOwnerId"));
    assert!(!cross_region.contains_key("PeerRoleArn"));

    let (all, cross_account) = peering_properties(&peered("222222222222", "ap-northeast-1"));
    assert_eq!(all.len(), 3);
    assert_eq!(cross_account["PeerOwnerId"], "222222222222");
    let role_parameter = cross_account["PeerRoleArn"]["Ref"].as_str().unwrap();
    let requester = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    assert_eq!(requester["Parameters"][role_parameter]["Type"], "String");
    assert!(!cross_account.contains_key("PeerRegion"));

    let role = template(&all, "cloudformation/222222222222-peer-role.yaml");
    let (_, role_resource) = resources_of_type(role, "AWS::IAM::Role")[0];
    let statement = &role_resource["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0];
    assert_eq!(statement["Action"], "ec2:AcceptVpcPeeringConnection");
    let trusted = serde_json::to_string(
        &role_resource["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"],
    )
    .unwrap();
    assert!(trusted.contains(":iam::111111111111:root"), "{trusted}");
    assert!(role["Outputs"]["PeerRoleArn"]["Value"]["Fn::GetAtt"].is_array());

    let (_, both) = peering_properties(&fixture("cross-account-cross-region-peering"));
    assert_eq!(both["PeerOwnerId"], "222222222222");
    assert_eq!(both["PeerRegion"], "us-west-2");
    assert!(both["PeerRoleArn"]["Ref"].is_string());
}

#[test]
fn accepter_routes_wait_for_the_peering_id_in_the_accepters_stack() {
    let all = templates(&export(
        &fixture("cross-account-cross-region-peering"),
        TemplateFormat::Yaml,
    ));
    let requester = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    let accepter = template(&all, "cloudformation/222222222222-us-west-2.yaml");
    let requester_routes = resources_of_type(requester, "AWS::EC2::Route");
    assert_eq!(requester_routes.len(), 2, "IPv4 and IPv6 to Oregon");
    for (_, route) in &requester_routes {
        assert!(route.get("Condition").is_none());
        assert!(route["Properties"]["VpcPeeringConnectionId"]["Ref"].is_string());
    }
    let accepter_routes = resources_of_type(accepter, "AWS::EC2::Route");
    assert_eq!(accepter_routes.len(), 2);
    assert!(resources_of_type(accepter, "AWS::EC2::VPCPeeringConnection").is_empty());
    for (id, route) in accepter_routes {
        assert!(route["Condition"].is_string(), "{id}");
        let parameter = route["Properties"]["VpcPeeringConnectionId"]["Ref"]
            .as_str()
            .unwrap();
        assert_eq!(accepter["Parameters"][parameter]["Default"], "", "{id}");
    }
    let destinations: BTreeSet<String> = resources_of_type(accepter, "AWS::EC2::Route")
        .into_iter()
        .map(|(_, route)| serde_json::to_string(&route["Properties"]).unwrap())
        .collect();
    assert!(
        destinations
            .iter()
            .any(|route| route.contains("\"DestinationCidrBlock\":\"10.0.0.0/16\""))
    );
    assert!(
        destinations
            .iter()
            .any(|route| route.contains("DestinationIpv6CidrBlock"))
    );
}

#[test]
fn the_deploy_plan_runs_role_then_accepter_then_requester_then_accepter_routes() {
    let export = cloudformation_with_plan(
        &fixture("cross-account-cross-region-peering"),
        &options(TemplateFormat::Yaml),
    )
    .unwrap();
    let steps: Vec<(StepAction, &str)> = export
        .plan
        .steps
        .iter()
        .map(|step| (step.action, step.template.as_str()))
        .collect();
    assert_eq!(
        steps,
        [
            (
                StepAction::Create,
                "cloudformation/222222222222-peer-role.yaml"
            ),
            (
                StepAction::Create,
                "cloudformation/222222222222-us-west-2.yaml"
            ),
            (
                StepAction::Create,
                "cloudformation/111111111111-ap-northeast-1.yaml"
            ),
            (
                StepAction::Update,
                "cloudformation/222222222222-us-west-2.yaml"
            ),
        ]
    );
    assert_eq!(export.plan.steps[0].capabilities, ["CAPABILITY_IAM"]);
    let requester = &export.plan.steps[2];
    let role_parameter = requester
        .parameters
        .iter()
        .find(|parameter| parameter.name.starts_with("PeerRoleArn"))
        .expect("PeerRoleArn parameter");
    assert!(matches!(
        &role_parameter.value,
        ParameterValue::Output { output, stack_name, .. }
            if output == "PeerRoleArn" && stack_name == &export.plan.steps[0].stack_name
    ));
    let update = &export.plan.steps[3];
    assert!(update.after_peering);
    assert!(update.parameters.iter().any(|parameter| matches!(
        &parameter.value,
        ParameterValue::Output { stack_name, .. } if stack_name == &requester.stack_name
    )));
    // Every output a step names exists in that stack's template.
    let all = templates(&export.files);
    for step in &export.plan.steps {
        for parameter in &step.parameters {
            if let ParameterValue::Output {
                stack_name, output, ..
            } = &parameter.value
            {
                let source = export
                    .plan
                    .steps
                    .iter()
                    .find(|candidate| &candidate.stack_name == stack_name)
                    .unwrap();
                let source_template = template(&all, &source.template);
                assert!(source_template["Outputs"].get(output).is_some(), "{output}");
                let target = template(&all, &step.template);
                assert!(target["Parameters"].get(&parameter.name).is_some());
            }
        }
    }
    let deploy = export
        .files
        .iter()
        .find(|file| file.path == "cloudformation/DEPLOY.md")
        .unwrap();
    assert!(deploy.contents.contains("## 日本語"));
    assert!(deploy.contents.contains("CAPABILITY_IAM"));
}

#[test]
fn interface_endpoints_use_their_groups_or_get_one_for_the_service_port() {
    let all = templates(&export(
        &fixture("interface-endpoint-aws-service"),
        TemplateFormat::Yaml,
    ));
    let stack = &all[0].1;
    let endpoints = resources_of_type(stack, "AWS::EC2::VPCEndpoint");
    assert_eq!(endpoints.len(), 3);
    let names: BTreeSet<&str> = endpoints
        .iter()
        .map(|(_, endpoint)| endpoint["Properties"]["ServiceName"].as_str().unwrap())
        .collect();
    assert!(names.contains("com.amazonaws.ap-northeast-1.ssm"));
    for (_, endpoint) in &endpoints {
        let properties = &endpoint["Properties"];
        assert_eq!(properties["VpcEndpointType"], "Interface");
        assert_eq!(properties["PrivateDnsEnabled"], true);
        assert_eq!(properties["IpAddressType"], "ipv4");
        assert_eq!(properties["SubnetIds"].as_array().unwrap().len(), 2);
        assert_eq!(
            properties["SecurityGroupIds"][0]["Fn::GetAtt"][0],
            "SecurityGroupVpcEndpointsHttps"
        );
        assert!(properties.get("ServiceRegion").is_none());
    }
    assert_eq!(resources_of_type(stack, "AWS::EC2::SecurityGroup").len(), 1);

    // Without groups, the endpoint gets one allowing 443 from its VPC.
    let mut design = fixture("interface-endpoint-aws-service");
    for link in &mut design.links {
        if let vpcplan_core::design::LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.security_groups.clear();
        }
    }
    let all = templates(&export(&design, TemplateFormat::Yaml));
    let stack = &all[0].1;
    let groups = resources_of_type(stack, "AWS::EC2::SecurityGroup");
    assert_eq!(groups.len(), 4);
    for (id, endpoint) in resources_of_type(stack, "AWS::EC2::VPCEndpoint") {
        let group = endpoint["Properties"]["SecurityGroupIds"][0]["Fn::GetAtt"][0]
            .as_str()
            .unwrap();
        assert_ne!(group, "SecurityGroupVpcEndpointsHttps", "{id}");
        let rules = &stack["Resources"][group]["Properties"]["SecurityGroupIngress"];
        assert_eq!(rules[0]["FromPort"], 443);
        assert_eq!(rules[0]["ToPort"], 443);
        assert_eq!(rules[0]["CidrIp"], "10.20.0.0/16");
    }
}

#[test]
fn cross_region_endpoints_name_their_service_region() {
    let mut design = fixture("interface-endpoint-aws-service");
    design.services[0].region = "us-east-1".to_owned();
    design.services[0].kind = vpcplan_core::design::ServiceKind::Aws {
        service: "lambda".to_owned(),
    };
    let all = templates(&export(&design, TemplateFormat::Yaml));
    let endpoint = resources_of_type(&all[0].1, "AWS::EC2::VPCEndpoint")[0].1;
    assert_eq!(
        endpoint["Properties"]["ServiceName"],
        "com.amazonaws.us-east-1.lambda"
    );
    assert_eq!(endpoint["Properties"]["ServiceRegion"], "us-east-1");
}

#[test]
fn endpoint_services_take_nlb_arns_as_parameters_and_consumers_their_names() {
    let export = cloudformation_with_plan(
        &fixture("endpoint-service-nlb-cross-account"),
        &options(TemplateFormat::Yaml),
    )
    .unwrap();
    let all = templates(&export.files);
    let provider = template(&all, "cloudformation/222222222222-ap-northeast-1.yaml");
    let consumer = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    let (service_id, service) = resources_of_type(provider, "AWS::EC2::VPCEndpointService")[0];
    let properties = &service["Properties"];
    assert_eq!(properties["AcceptanceRequired"], true);
    assert_eq!(properties["SupportedIpAddressTypes"][0], "ipv4");
    let nlb = properties["NetworkLoadBalancerArns"][0]["Ref"]
        .as_str()
        .unwrap();
    assert!(
        provider["Parameters"][nlb]["Default"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:elasticloadbalancing:")
    );
    let (_, permissions) =
        resources_of_type(provider, "AWS::EC2::VPCEndpointServicePermissions")[0];
    assert_eq!(
        permissions["Properties"]["ServiceId"]["Ref"],
        service_id.as_str()
    );
    assert_eq!(
        permissions["Properties"]["AllowedPrincipals"][0],
        "arn:aws:iam::111111111111:root"
    );
    let outputs = provider["Outputs"].as_object().unwrap();
    assert!(
        outputs
            .values()
            .any(|output| output["Value"]["Ref"] == service_id.as_str())
    );
    assert!(outputs.values().any(|output| {
        output["Value"]["Fn::Sub"].as_str()
            == Some(&format!(
                "com.amazonaws.vpce.${{AWS::Region}}.${{{service_id}}}"
            ))
    }));

    let (_, endpoint) = resources_of_type(consumer, "AWS::EC2::VPCEndpoint")[0];
    let name_parameter = endpoint["Properties"]["ServiceName"]["Ref"]
        .as_str()
        .unwrap();
    assert!(consumer["Parameters"][name_parameter]["Default"].is_null());
    assert_eq!(
        export.plan.steps[0].template,
        "cloudformation/222222222222-ap-northeast-1.yaml"
    );
    assert_eq!(
        export.plan.tasks.len(),
        1,
        "the provider accepts the endpoint"
    );
}

#[test]
fn hostile_names_come_back_exactly_in_tags() {
    let design = hostile();
    let mut expected: BTreeSet<String> = BTreeSet::new();
    for vpc in &design.vpcs {
        expected.insert(vpc.name.clone());
        expected.extend(vpc.subnets.iter().map(|subnet| subnet.name.clone()));
        expected.extend(vpc.route_tables.iter().map(|table| table.name.clone()));
        expected.extend(vpc.security_groups.iter().map(|group| group.name.clone()));
    }
    expected.extend(design.services.iter().map(|service| service.name.clone()));
    // The fixture holds every kind of trouble.
    let all_names: String = expected.iter().cloned().collect::<Vec<_>>().join("|");
    for trouble in ["\"", "'", "$(", "`", "\n", ": #", "{", "}", "日本語", "${"] {
        assert!(all_names.contains(trouble), "{trouble:?}");
    }
    assert!(expected.iter().any(|name| name.chars().count() == 255));
    for format in [TemplateFormat::Yaml, TemplateFormat::Json] {
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (_, template) in templates(&export(&design, format)) {
            for (_, resource) in template["Resources"].as_object().unwrap() {
                if let Some(name) = tag(resource, "Name") {
                    found.insert(name);
                }
            }
        }
        let missing: Vec<&String> = expected.difference(&found).collect();
        assert!(missing.is_empty(), "{format:?}: {missing:?}");
    }
}

#[test]
fn hostile_names_never_reach_the_deploy_commands() {
    let files = export(&hostile(), TemplateFormat::Yaml);
    let deploy = &files
        .iter()
        .find(|file| file.path.ends_with("DEPLOY.md"))
        .unwrap()
        .contents;
    let mut in_code = false;
    for line in deploy.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            assert!(
                !line.contains("rm -rf")
                    && !line.contains("whoami")
                    && !line.contains("pwned")
                    && !line.contains("DROP")
                    && !line.contains("日本"),
                "{line}"
            );
        } else if line.contains("Hostile") {
            assert!(
                line.contains("second line"),
                "a name's newline broke the line: {line}"
            );
        }
    }
    assert!(!in_code, "code blocks are closed");
    assert!(
        deploy.contains("\\`whoami\\`"),
        "names are escaped in prose"
    );
}

#[test]
fn hostile_account_ids_and_regions_stay_inside_the_output_directory() {
    let mut design = fixture("cross-account-cross-region-peering");
    design.vpcs[0].account = AccountId::new("../../etc/passwd");
    design.vpcs[1].region = "us-west-2/../../x $(id)".to_owned();
    for file in export(&design, TemplateFormat::Yaml) {
        let name = file.path.strip_prefix("cloudformation/").unwrap();
        assert!(
            !name.contains('/') && !name.contains("..") && !name.contains(' '),
            "{}",
            file.path
        );
    }
}

#[test]
fn designs_with_errors_are_refused_unless_allowed() {
    let design = fixture("mistake-overlapping-cidrs");
    let refused = cloudformation(&design, &CloudFormationOptions::default()).unwrap_err();
    assert!(
        matches!(&refused, ExportError::DesignHasErrors(errors) if errors.iter().any(|error| error.rule == "PEER-001"))
    );
    let files = export(&design, TemplateFormat::Yaml);
    for (path, template) in templates(&files) {
        assert!(
            template["Description"]
                .as_str()
                .unwrap()
                .contains("PEER-001"),
            "{path}"
        );
        assert_eq!(
            template["Metadata"]["vpcplan"]["Errors"][0]["Rule"],
            "PEER-001"
        );
    }
    let deploy = &files
        .iter()
        .find(|file| file.path.ends_with("DEPLOY.md"))
        .unwrap()
        .contents;
    assert!(deploy.contains("PEER-001"));
    // A clean design carries no error header.
    for (_, template) in templates(&export(&fixture("article-peering"), TemplateFormat::Yaml)) {
        assert!(template["Metadata"]["vpcplan"].get("Errors").is_none());
        assert!(!template["Description"].as_str().unwrap().contains("ERRORS"));
    }
}

#[test]
fn ipv6_subnets_are_cut_from_the_block_aws_assigns() {
    let all = templates(&export(
        &fixture("cross-account-cross-region-peering"),
        TemplateFormat::Yaml,
    ));
    let tokyo = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    let blocks = resources_of_type(tokyo, "AWS::EC2::VPCCidrBlock");
    assert_eq!(blocks.len(), 1);
    let (block_id, block) = blocks[0];
    assert_eq!(block["Properties"]["AmazonProvidedIpv6CidrBlock"], true);
    let mut offsets = Vec::new();
    for (id, subnet) in resources_of_type(tokyo, "AWS::EC2::Subnet") {
        assert_eq!(subnet["DependsOn"], block_id.as_str(), "{id}");
        let select = &subnet["Properties"]["Ipv6CidrBlock"]["Fn::Select"];
        offsets.push(select[0].as_u64().unwrap());
        let cidr = &select[1]["Fn::Cidr"];
        assert_eq!(cidr[2], 64);
        assert_eq!(cidr[0]["Fn::Select"][1]["Fn::GetAtt"][1], "Ipv6CidrBlocks");
    }
    assert_eq!(offsets, [0, 1]);
}

#[test]
fn main_route_tables_become_tables_associated_with_the_subnets_they_serve() {
    let all = templates(&export(
        &fixture("s3-gateway-endpoint"),
        TemplateFormat::Yaml,
    ));
    let stack = &all[0].1;
    let associations = resources_of_type(stack, "AWS::EC2::SubnetRouteTableAssociation");
    // Both subnets are explicitly in the private table; the main serves none.
    assert_eq!(associations.len(), 2);
    for (_, association) in associations {
        assert_eq!(
            association["Properties"]["RouteTableId"]["Ref"],
            "RouteTableDataPrivate"
        );
    }
    let article = templates(&export(&fixture("article-peering"), TemplateFormat::Yaml));
    let stack = &article[0].1;
    assert_eq!(
        resources_of_type(stack, "AWS::EC2::SubnetRouteTableAssociation").len(),
        2
    );
    assert!(stack["Metadata"]["vpcplan"]["MainRouteTables"].is_string());
}

#[test]
fn subnets_in_secondary_cidrs_wait_for_them() {
    let all = templates(&export(
        &fixture("mistake-overlapping-cidrs"),
        TemplateFormat::Yaml,
    ));
    let stack = &all[0].1;
    let (block_id, block) = resources_of_type(stack, "AWS::EC2::VPCCidrBlock")[0];
    assert_eq!(block["Properties"]["CidrBlock"], "10.0.128.0/20");
    let waiting: Vec<&String> = resources_of_type(stack, "AWS::EC2::Subnet")
        .into_iter()
        .filter(|(_, subnet)| subnet["DependsOn"] == block_id.as_str())
        .map(|(id, _)| id)
        .collect();
    assert_eq!(waiting.len(), 1);
}

#[test]
fn security_group_references_across_accounts_name_the_owner() {
    let mut design = fixture("endpoint-service-nlb-cross-account");
    design.vpcs[1]
        .security_groups
        .push(vpcplan_core::design::SecurityGroup {
            id: SecurityGroupId::new("sg-provider"),
            name: "provider".to_owned(),
            ingress: vec![vpcplan_core::design::SecurityGroupRule {
                protocol: "tcp".to_owned(),
                from_port: 443,
                to_port: 443,
                source: vpcplan_core::design::RuleSource::SecurityGroup {
                    vpc: VpcId::new("vpc-consumer"),
                    group: SecurityGroupId::new("sg-orders-endpoint"),
                },
            }],
        });
    let export = cloudformation_with_plan(&design, &options(TemplateFormat::Yaml)).unwrap();
    let all = templates(&export.files);
    let provider = template(&all, "cloudformation/222222222222-ap-northeast-1.yaml");
    let (_, ingress) = resources_of_type(provider, "AWS::EC2::SecurityGroupIngress")[0];
    assert_eq!(
        ingress["Properties"]["SourceSecurityGroupOwnerId"],
        "111111111111"
    );
    let parameter = ingress["Properties"]["SourceSecurityGroupId"]["Ref"]
        .as_str()
        .unwrap();
    // The consumer stack comes after the provider's, so the id arrives by update.
    assert_eq!(provider["Parameters"][parameter]["Default"], "");
    assert!(ingress["Condition"].is_string());
    assert!(
        export
            .plan
            .steps
            .iter()
            .any(|step| step.action == StepAction::Update
                && step.parameters.iter().any(|p| p.name == parameter))
    );
}

#[test]
fn stacks_that_need_each_other_are_created_then_updated() {
    // Two accounts each requesting a peering to a VPC of the other.
    let mut design = peered("222222222222", "ap-northeast-1");
    let mut second = design.vpcs[0].clone();
    second.id = VpcId::new("vpc-c");
    second.name = "VPC C".to_owned();
    second.ipv4_cidrs = vec!["10.7.0.0/16".parse().unwrap()];
    second.subnets.clear();
    second.route_tables = vec![RouteTable {
        id: RouteTableId::new("rtb-c"),
        name: "C main".to_owned(),
        main: true,
        subnets: Vec::new(),
        routes: Vec::new(),
    }];
    design.vpcs.push(second);
    let mut link = design.links[0].clone();
    link.id = vpcplan_core::design::LinkId::new("pcx-b-c");
    if let vpcplan_core::design::LinkSpec::Peering(peering) = &mut link.spec {
        peering.requester = VpcId::new("vpc-b");
        peering.accepter = VpcId::new("vpc-c");
    }
    design.links.push(link);
    let export = cloudformation_with_plan(&design, &options(TemplateFormat::Json)).unwrap();
    let all = templates(&export.files);
    for (path, template) in &all {
        assert_references_resolve(path, template);
    }
    let creates = export
        .plan
        .steps
        .iter()
        .filter(|step| step.action == StepAction::Create)
        .count();
    assert_eq!(creates, 4, "two role stacks and two network stacks");
    let peerings: Vec<&Value> = all
        .iter()
        .flat_map(|(_, template)| resources_of_type(template, "AWS::EC2::VPCPeeringConnection"))
        .map(|(_, peering)| peering)
        .collect();
    assert_eq!(peerings.len(), 2);
    assert_eq!(
        peerings
            .iter()
            .filter(|peering| peering.get("Condition").is_some())
            .count(),
        1,
        "the cycle is broken at one peering"
    );
}

#[test]
fn the_mesh_is_split_into_stacks_within_cloudformation_quotas() {
    let design = fixture("mesh-30-vpcs");
    let export = cloudformation_with_plan(&design, &options(TemplateFormat::Yaml)).unwrap();
    let all = templates(&export.files);
    assert!(all.len() > 1);
    let mut peerings = 0;
    let mut routes = 0;
    let mut summary = String::new();
    for (path, template) in &all {
        let resources = keys(template, "Resources").len();
        let parameters = keys(template, "Parameters").len();
        let outputs = keys(template, "Outputs").len();
        assert!(
            resources <= 500 && parameters <= 200 && outputs <= 200,
            "{path}"
        );
        peerings += resources_of_type(template, "AWS::EC2::VPCPeeringConnection").len();
        routes += resources_of_type(template, "AWS::EC2::Route").len();
        summary.push_str(&format!(
            "{path}: {resources} resources, {parameters} parameters, {outputs} outputs\n"
        ));
    }
    assert_eq!(peerings, 435);
    assert_eq!(routes, 870);
    for step in &export.plan.steps {
        summary.push_str(&format!(
            "{:?} {} with {} parameter(s){}\n",
            step.action,
            step.template,
            step.parameters.len(),
            if step.after_peering {
                ", after peering"
            } else {
                ""
            }
        ));
    }
    insta::assert_snapshot!(summary);
}

/// The order comes from a scan of the design (`Ctx::dependencies`); the
/// stacks built take exactly the values that scan predicts.
fn assert_dependencies_match_the_built_stacks(name: &str, design: &Design) {
    let ctx = plan::Ctx::new(design);
    let (edges, needed) = ctx.dependencies();
    let position = plan::creation_order(ctx.stacks.len(), &edges);
    let mut built_edges = BTreeSet::new();
    let mut built_needed = vpcplan_core::collections::HashSet::default();
    for stack in 0..ctx.stacks.len() {
        let (_, built) = stack::build(&ctx, stack, Some(&position), &needed, &[]);
        for parameter in built.imports {
            if let plan::Source::Stack(from) = parameter.source {
                assert_ne!(from, stack, "{name}");
                if parameter.ordering {
                    built_edges.insert((from, stack));
                }
                built_needed.insert(parameter.import);
            }
        }
    }
    assert_eq!(built_edges, edges, "{name}");
    assert_eq!(built_needed, needed, "{name}");
}

#[test]
fn the_stack_order_is_predicted_from_exactly_the_values_stacks_take() {
    for name in FIXTURES {
        assert_dependencies_match_the_built_stacks(name, &fixture(name));
    }
    assert_dependencies_match_the_built_stacks("hostile", &hostile());
    assert_dependencies_match_the_built_stacks(
        "cross account",
        &peered("222222222222", "us-west-2"),
    );
    let mut shape = vpcplan_core::synthetic::Shape::benchmark(120);
    shape.peerings_per_vpc = 4;
    assert_dependencies_match_the_built_stacks(
        "synthetic",
        &vpcplan_core::synthetic::generate(&shape),
    );
}

#[test]
fn subnets_without_an_az_id_take_their_az_name_as_a_parameter() {
    let all = templates(&export(
        &peered("111111111111", "us-east-1"),
        TemplateFormat::Yaml,
    ));
    let accepter = template(&all, "cloudformation/111111111111-us-east-1.yaml");
    let (_, subnet) = resources_of_type(accepter, "AWS::EC2::Subnet")[0];
    assert!(subnet["Properties"].get("AvailabilityZoneId").is_none());
    let parameter = subnet["Properties"]["AvailabilityZone"]["Ref"]
        .as_str()
        .unwrap();
    assert_eq!(
        accepter["Parameters"][parameter]["Type"],
        "AWS::EC2::AvailabilityZone::Name"
    );
    assert_eq!(accepter["Parameters"][parameter]["Default"], "us-east-1a");
    // With an AZ id, the id is used as is.
    let requester = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    let (_, subnet) = resources_of_type(requester, "AWS::EC2::Subnet")[0];
    assert_eq!(subnet["Properties"]["AvailabilityZoneId"], "apne1-az4");
}
