//! Gateway endpoints, interface endpoints and endpoint services.

use super::*;

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

#[test]
fn interface_endpoints_use_their_groups_or_the_vpcs_default_group() {
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

    // Without groups, the endpoint gets none: AWS attaches the VPC's
    // default group, as the design format says (`shared::endpoints`).
    let mut design = fixture("interface-endpoint-aws-service");
    for link in &mut design.links {
        if let vpcplan_core::design::LinkSpec::InterfaceEndpoint(endpoint) = &mut link.spec {
            endpoint.security_groups.clear();
        }
    }
    let all = templates(&export(&design, TemplateFormat::Yaml));
    let stack = &all[0].1;
    assert_eq!(resources_of_type(stack, "AWS::EC2::SecurityGroup").len(), 1);
    for (id, endpoint) in resources_of_type(stack, "AWS::EC2::VPCEndpoint") {
        assert!(
            endpoint["Properties"].get("SecurityGroupIds").is_none(),
            "{id}"
        );
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
fn endpoint_services_take_existing_nlb_arns_as_parameters_and_consumers_their_names() {
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
    // The existing NLB: a parameter without a default, the designed ARN
    // named in its description; the stack creates no load balancer.
    let parameter = &provider["Parameters"][nlb];
    assert!(parameter["Default"].is_null(), "{parameter}");
    assert!(
        parameter["Description"]
            .as_str()
            .unwrap()
            .contains("arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188")
    );
    assert!(resources_of_type(provider, "AWS::ElasticLoadBalancingV2::LoadBalancer").is_empty());
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

/// An NLB the design names by name is created in the provider's stack: an
/// internal network load balancer in the designed subnets, a TCP listener on
/// the service's port forwarding to a target group in the provider VPC, whose
/// ARN is an output; DEPLOY.md leaves registering the targets to the user.
#[test]
fn endpoint_services_get_the_network_load_balancer_the_design_names() {
    let export = cloudformation_with_plan(
        &fixture("endpoint-service-new-nlb"),
        &options(TemplateFormat::Yaml),
    )
    .unwrap();
    let all = templates(&export.files);
    let provider = template(&all, "cloudformation/222222222222-ap-northeast-1.yaml");
    assert!(provider.get("Parameters").is_none(), "nothing to ask for");
    let (nlb_id, nlb) = resources_of_type(provider, "AWS::ElasticLoadBalancingV2::LoadBalancer")[0];
    let nlb_properties = &nlb["Properties"];
    assert_eq!(nlb_properties["Name"], "payments-nlb");
    assert_eq!(nlb_properties["Type"], "network");
    assert_eq!(nlb_properties["Scheme"], "internal");
    let subnets: Vec<&str> = nlb_properties["Subnets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|subnet| subnet["Ref"].as_str().unwrap())
        .collect();
    let mut designed: Vec<&String> = resources_of_type(provider, "AWS::EC2::Subnet")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    designed.sort();
    let mut sorted = subnets.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, designed);
    let (group_id, group) =
        resources_of_type(provider, "AWS::ElasticLoadBalancingV2::TargetGroup")[0];
    assert_eq!(group["Properties"]["Protocol"], "TCP");
    assert_eq!(group["Properties"]["Port"], 8443);
    let (vpc_id, _) = resources_of_type(provider, "AWS::EC2::VPC")[0];
    assert_eq!(group["Properties"]["VpcId"]["Ref"], vpc_id.as_str());
    let (_, listener) = resources_of_type(provider, "AWS::ElasticLoadBalancingV2::Listener")[0];
    let listener = &listener["Properties"];
    assert_eq!(listener["LoadBalancerArn"]["Ref"], nlb_id.as_str());
    assert_eq!(listener["Protocol"], "TCP");
    assert_eq!(listener["Port"], 8443);
    assert_eq!(listener["DefaultActions"][0]["Type"], "forward");
    assert_eq!(
        listener["DefaultActions"][0]["TargetGroupArn"]["Ref"],
        group_id.as_str()
    );
    let (_, service) = resources_of_type(provider, "AWS::EC2::VPCEndpointService")[0];
    assert_eq!(
        service["Properties"]["NetworkLoadBalancerArns"][0]["Ref"],
        nlb_id.as_str()
    );
    let outputs = provider["Outputs"].as_object().unwrap();
    let (group_output, _) = outputs
        .iter()
        .find(|(_, output)| output["Value"]["Ref"] == group_id.as_str())
        .expect("the target group's ARN is an output");
    assert_eq!(
        export.plan.tasks,
        [crate::cloudformation::ManualTask::RegisterTargets {
            service_name: "payments-api".to_owned(),
            load_balancer_name: "payments-nlb".to_owned(),
            port: 8443,
            account: "222222222222".to_owned(),
            region: "ap-northeast-1".to_owned(),
            stack: export.plan.steps[0].stack_name.clone(),
            target_group_output: group_output.clone(),
        }]
    );
    let deploy_md = &export
        .files
        .iter()
        .find(|file| file.path == "cloudformation/DEPLOY.md")
        .unwrap()
        .contents;
    assert!(
        deploy_md.contains("aws elbv2 register-targets"),
        "{deploy_md}"
    );
    assert!(
        deploy_md.contains("TCP ポート 8443 でサービスを提供するインスタンスを登録してください"),
        "{deploy_md}"
    );
}
