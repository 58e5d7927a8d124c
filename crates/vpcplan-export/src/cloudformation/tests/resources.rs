//! How single resources are written: errors in the output, IPv6 subnets,
//! main route tables, secondary CIDRs, security group references, AZs.

use super::*;

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
