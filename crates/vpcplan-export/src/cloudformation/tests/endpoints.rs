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
