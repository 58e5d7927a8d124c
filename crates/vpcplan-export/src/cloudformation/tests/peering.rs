//! Peerings across accounts and Regions: properties, the accepter's routes,
//! and the deploy plan around them.

use super::*;

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
    assert_eq!(all.len(), 2);
    assert_eq!(cross_region["PeerRegion"], "us-east-1");
    assert!(!cross_region.contains_key("PeerOwnerId"));
    assert!(!cross_region.contains_key("PeerRoleArn"));
    for (path, template) in &all {
        assert!(
            resources_of_type(template, "AWS::IAM::Role").is_empty(),
            "no role within one account: {path}"
        );
    }

    let (all, cross_account) = peering_properties(&peered("222222222222", "ap-northeast-1"));
    assert_eq!(all.len(), 2, "the role is in the accepter's stack");
    assert_eq!(cross_account["PeerOwnerId"], "222222222222");
    assert!(!cross_account.contains_key("PeerRegion"));

    let accepter = template(&all, "cloudformation/222222222222-ap-northeast-1.yaml");
    let [(role_id, role_resource)] = resources_of_type(accepter, "AWS::IAM::Role")[..] else {
        panic!("one role in the accepter's stack");
    };
    let (vpc_id, _) = resources_of_type(accepter, "AWS::EC2::VPC")[0];
    let trusted = serde_json::to_string(
        &role_resource["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"],
    )
    .unwrap();
    assert!(trusted.contains(":iam::111111111111:root"), "{trusted}");
    // Accepting only into the accepter VPC: the action on that VPC, and on
    // this account's and Region's peering connections whose accepter it is,
    // every ARN in the stack's partition.
    let statements = &role_resource["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    let vpc_arn = format!(
        "arn:${{AWS::Partition}}:ec2:${{AWS::Region}}:${{AWS::AccountId}}:vpc/${{{vpc_id}}}"
    );
    assert_eq!(statements[0]["Action"], "ec2:AcceptVpcPeeringConnection");
    assert_eq!(statements[0]["Resource"]["Fn::Sub"], vpc_arn.as_str());
    assert_eq!(statements[1]["Action"], "ec2:AcceptVpcPeeringConnection");
    assert_eq!(
        statements[1]["Resource"]["Fn::Sub"],
        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*"
    );
    assert_eq!(
        statements[1]["Condition"]["ArnEquals"]["ec2:AccepterVpc"]["Fn::Sub"],
        vpc_arn.as_str()
    );
    assert_eq!(statements.as_array().unwrap().len(), 2);
    // The requester writes the role's ARN from its name, in its partition.
    let name = role_resource["Properties"]["RoleName"].as_str().unwrap();
    assert!(name.len() <= 64, "{role_id}: {name}");
    assert_eq!(
        cross_account["PeerRoleArn"]["Fn::Join"][1],
        serde_json::json!(["arn:", {"Ref": "AWS::Partition"}, format!(":iam::222222222222:role/{name}")])
    );

    let (_, both) = peering_properties(&fixture("cross-account-cross-region-peering"));
    assert_eq!(both["PeerOwnerId"], "222222222222");
    assert_eq!(both["PeerRegion"], "us-west-2");
    assert!(both["PeerRoleArn"]["Fn::Join"].is_array());
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
fn the_deploy_plan_runs_accepter_with_its_role_then_requester_then_accepter_routes() {
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
    assert_eq!(export.plan.steps[0].capabilities, ["CAPABILITY_NAMED_IAM"]);
    assert!(export.plan.steps[1].capabilities.is_empty());
    let requester = &export.plan.steps[1];
    let update = &export.plan.steps[2];
    assert_eq!(update.capabilities, ["CAPABILITY_NAMED_IAM"]);
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
    assert!(
        deploy
            .contents
            .contains("--capabilities CAPABILITY_NAMED_IAM")
    );

    // Deleting undoes the steps in reverse: the accepter's update first (its
    // routes over the peering), then the requester's stack (the peering),
    // then the accepter's (its VPC and role).
    let english = &deploy.contents[..deploy.contents.find("## 日本語").unwrap()];
    let deletion = &english[english
        .find("## Deleting the stacks")
        .expect("a deletion section")..];
    let accepter = &export.plan.steps[0].stack_name;
    let at = |wanted: &str| {
        deletion
            .find(wanted)
            .unwrap_or_else(|| panic!("no {wanted:?} in:\n{deletion}"))
    };
    let undo = at(&format!("1. **Update** the stack `{accepter}`"));
    assert!(deletion[undo..].contains(&format!("\"{}=\"", update.parameters[0].name)));
    let requester_deleted = at(&format!(
        "2. **Delete** the stack `{}`",
        requester.stack_name
    ));
    let accepter_deleted = at(&format!("3. **Delete** the stack `{accepter}`"));
    assert!(undo < requester_deleted && requester_deleted < accepter_deleted);
    let command = &deletion[accepter_deleted..];
    assert!(command.contains(
        "aws cloudformation delete-stack --profile \"$PROFILE_222222222222\" --region us-west-2"
    ));
    assert!(command.contains(&format!("--stack-name {accepter}")));
    assert!(english.contains("`AWS::Partition`"));
    assert!(deploy.contents.contains("### スタックの削除"));
}

/// AWS takes a rule that references a group in a peer VPC only once the
/// peering is active: in the requester's stack the rule waits for the
/// peering resource, in the accepter's for the peering id the plan passes by
/// update once the requester's stack is complete.
#[test]
fn rules_that_reference_a_peer_group_wait_for_the_peering() {
    let export = cloudformation_with_plan(
        &fixture("peering-security-group-references"),
        &options(TemplateFormat::Yaml),
    )
    .unwrap();
    let all = templates(&export.files);
    let requester = template(&all, "cloudformation/111111111111-ap-northeast-1.yaml");
    let (batch_peering, _) = resources_of_type(requester, "AWS::EC2::VPCPeeringConnection")
        .into_iter()
        .find(|(id, _)| id.contains("Batch"))
        .unwrap();
    let same_stack = resources_of_type(requester, "AWS::EC2::SecurityGroupIngress");
    assert_eq!(same_stack.len(), 2, "both ends of the same-account peering");
    for (id, rule) in same_stack {
        assert_eq!(rule["DependsOn"], batch_peering.as_str(), "{id}");
    }

    let accepter = template(&all, "cloudformation/222222222222-ap-northeast-1.yaml");
    let (id, rule) = resources_of_type(accepter, "AWS::EC2::SecurityGroupIngress")[0];
    let condition = rule["Condition"].as_str().unwrap();
    let terms = serde_json::to_string(&accepter["Conditions"][condition]).unwrap();
    let peering_parameter = accepter["Parameters"]
        .as_object()
        .unwrap()
        .keys()
        .find(|name| name.starts_with("PeeringId"))
        .unwrap();
    assert!(
        terms.contains(&format!("Has{peering_parameter}")),
        "{id} is not conditional on {peering_parameter}: {terms}"
    );
    let update = export
        .plan
        .steps
        .iter()
        .find(|step| {
            step.action == StepAction::Update
                && step.parameters.iter().any(|p| &p.name == peering_parameter)
        })
        .unwrap();
    assert!(update.after_peering);
}
