//! Both writers follow the shared decisions: the same design exported as
//! templates and as a script sets the same endpoint properties. Each test
//! compares the two outputs directly, on a design exported with errors
//! allowed, where the writers used to disagree.

use serde_json::Value;
use vpcplan_core::Design;
use vpcplan_core::design::{EndpointTarget, LinkSpec};

use crate::test_fixtures::fixture;
use crate::{CloudFormationOptions, ExportOptions, TemplateFormat, cli_scripts, cloudformation};

/// The `AWS::EC2::VPCEndpoint` properties of every JSON template.
fn template_endpoints(design: &Design) -> Vec<Value> {
    let files = cloudformation(
        design,
        &CloudFormationOptions {
            export: ExportOptions { allow_errors: true },
            format: TemplateFormat::Json,
        },
    )
    .unwrap();
    let mut endpoints = Vec::new();
    for file in files.iter().filter(|file| file.path.ends_with(".json")) {
        let template: Value = serde_json::from_str(&file.contents).unwrap();
        for resource in template["Resources"].as_object().into_iter().flatten() {
            if resource.1["Type"] == "AWS::EC2::VPCEndpoint" {
                endpoints.push(resource.1["Properties"].clone());
            }
        }
    }
    endpoints
}

/// The `create-vpc-endpoint` commands of deploy.sh, continuation lines
/// joined.
fn script_endpoints(design: &Design) -> Vec<String> {
    let files = cli_scripts(design, &ExportOptions { allow_errors: true }).unwrap();
    let deploy = &files[0].contents;
    deploy
        .replace("\\\n", " ")
        .lines()
        .filter(|line| line.contains("create-vpc-endpoint "))
        .map(str::to_owned)
        .collect()
}

/// The words after `flag` up to the next flag.
fn words_after<'a>(command: &'a str, flag: &str) -> Vec<&'a str> {
    command
        .split_once(&format!("{flag} "))
        .map(|(_, rest)| {
            rest.split_whitespace()
                .take_while(|word| !word.starts_with("--"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_aws_service_in_another_region_is_reached_there_by_both_exports() {
    // PL-007: the service is in us-east-1, the endpoint sets no Region.
    let mut design = fixture("interface-endpoint-aws-service.json");
    design.services[0].region = "us-east-1".to_owned();
    let templates = template_endpoints(&design);
    let scripts = script_endpoints(&design);
    let template = templates
        .iter()
        .find(|endpoint| {
            endpoint["ServiceName"]
                .as_str()
                .is_some_and(|name| name.ends_with(".ssm"))
        })
        .unwrap();
    let script = scripts
        .iter()
        .find(|command| command.contains(".ssm "))
        .unwrap();
    assert_eq!(template["ServiceName"], "com.amazonaws.us-east-1.ssm");
    assert_eq!(template["ServiceRegion"], "us-east-1");
    assert_eq!(
        words_after(script, "--service-name"),
        ["com.amazonaws.us-east-1.ssm"],
        "{script}"
    );
    assert_eq!(words_after(script, "--service-region"), ["us-east-1"]);
}

#[test]
fn a_gateway_load_balancer_endpoint_gets_one_subnet_and_no_groups_in_both_exports() {
    // PL-010: the consumer's endpoint has two subnets.
    let mut design = fixture("endpoint-service-nlb-cross-account.json");
    for link in &mut design.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec
            && let EndpointTarget::Service(service) = &endpoint.target
        {
            assert_eq!(endpoint.subnets.len(), 2);
            endpoint.target = EndpointTarget::GatewayLoadBalancer(service.clone());
        }
    }
    let templates = template_endpoints(&design);
    let [template] = templates.as_slice() else {
        panic!("{templates:#?}");
    };
    let scripts = script_endpoints(&design);
    let [script] = scripts.as_slice() else {
        panic!("{scripts:#?}");
    };
    assert_eq!(template["VpcEndpointType"], "GatewayLoadBalancer");
    assert_eq!(template["SubnetIds"].as_array().unwrap().len(), 1);
    assert!(template.get("SecurityGroupIds").is_none());
    assert!(script.contains("--vpc-endpoint-type GatewayLoadBalancer"));
    assert_eq!(words_after(script, "--subnet-ids").len(), 1, "{script}");
    assert!(!script.contains("--security-group-ids"), "{script}");
}

#[test]
fn an_endpoint_without_groups_gets_none_in_both_exports() {
    let mut design = fixture("interface-endpoint-aws-service.json");
    for link in &mut design.links {
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.security_groups.clear();
        }
    }
    for template in template_endpoints(&design) {
        assert!(template.get("SecurityGroupIds").is_none(), "{template}");
    }
    for script in script_endpoints(&design) {
        assert!(!script.contains("--security-group-ids"), "{script}");
    }
}
