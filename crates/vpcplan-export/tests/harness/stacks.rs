//! The mock as a CloudFormation target: only test credentials, stacks that
//! deploy as on AWS, templates over the inline limit through S3, and
//! a stack that fails reported as failed; IAM resources only with the
//! capabilities that acknowledge them.

use super::*;

#[test]
fn the_mock_gets_only_test_credentials_and_stops_when_dropped() {
    let server = MotoServer::start(&[TOKYO, OREGON, MOTO_DEFAULT_ACCOUNT]);
    let port = server.port;
    assert!(support::answers_http(port));

    let output = server.command("env").output().unwrap();
    let environment = String::from_utf8(output.stdout).unwrap();
    let aws_variables: Vec<&str> = environment
        .lines()
        .filter(|line| line.starts_with("AWS_"))
        .map(|line| line.split('=').next().unwrap())
        .collect();
    let mut sorted = aws_variables.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "AWS_CONFIG_FILE",
            "AWS_DEFAULT_REGION",
            "AWS_EC2_METADATA_DISABLED",
            "AWS_ENDPOINT_URL",
            "AWS_PAGER",
            "AWS_SHARED_CREDENTIALS_FILE",
        ],
        "no other AWS setting (keys, tokens, profiles) may reach the children"
    );
    assert!(environment.contains(&format!("AWS_ENDPOINT_URL=http://127.0.0.1:{port}\n")));
    assert!(environment.contains("AWS_PAGER=\n"));

    // Each profile acts as its account: moto's own through plain keys, the
    // others through an assumed role.
    for account in [TOKYO, OREGON, MOTO_DEFAULT_ACCOUNT] {
        let identity = server.aws_as(account, "us-east-1", &["sts", "get-caller-identity"]);
        assert_eq!(identity["Account"], account, "{identity}");
    }
    let default = server.aws(&["sts", "get-caller-identity"]);
    assert_eq!(default["Account"], MOTO_DEFAULT_ACCOUNT);

    drop(server);
    assert!(
        !support::answers_http(port),
        "the server outlived its guard"
    );
}

#[test]
fn a_tiny_template_deploys_to_create_complete() {
    let server = MotoServer::start(&[TOKYO]);
    let dir = scratch();
    let template = write(dir.path(), "tiny.yaml", TINY_TEMPLATE);
    let interface = template_interface(TINY_TEMPLATE);
    assert_eq!(
        interface.parameters.into_iter().collect::<Vec<_>>(),
        [("VpcCidr".to_owned(), true)]
    );
    let stack = server.deploy_stack(
        &template,
        "tiny",
        "eu-west-1",
        TOKYO,
        &[("VpcCidr".to_owned(), "10.30.0.0/16".to_owned())],
        &[],
    );
    assert_eq!(stack.status, "CREATE_COMPLETE", "{}", stack.reason);

    let network = server.describe_network(TOKYO, "eu-west-1");
    let vpcs = network.own_vpcs();
    assert_eq!(vpcs.len(), 1, "{network:#?}");
    assert_eq!(vpcs[0].ipv4_cidrs, ["10.30.0.0/16"]);
    assert_eq!(vpcs[0].owner, TOKYO);
    assert_eq!(
        vpcs[0].name.as_deref(),
        Some("tiny: #{} 'single' \"double\" 日本語")
    );
    assert_eq!(stack.outputs["TinyVpcId"], vpcs[0].id);
    // Nothing in the account's other Regions.
    assert!(
        server
            .describe_network(TOKYO, "ap-northeast-1")
            .own_vpcs()
            .is_empty()
    );
}

/// CloudFormation takes templates up to 51,200 bytes inline; the mock
/// refuses larger ones the same way, and `deploy_stack` passes them through
/// S3 as DEPLOY.md tells users to.
#[test]
fn a_template_too_large_to_pass_inline_deploys_through_s3() {
    let server = MotoServer::start(&[TOKYO]);
    let dir = scratch();
    let padding = format!(
        "Metadata:\n  Padding: {}\n",
        "x".repeat(support::INLINE_TEMPLATE_MAX_BYTES as usize)
    );
    let template = write(
        dir.path(),
        "large.yaml",
        &TINY_TEMPLATE.replacen("Parameters:", &format!("{padding}Parameters:"), 1),
    );
    let body = format!("file://{}", template.display());
    let profile = support::profile(TOKYO);
    let inline = server.try_aws(&[
        "cloudformation",
        "create-stack",
        "--stack-name",
        "inline",
        "--template-body",
        &body,
        "--profile",
        &profile,
        "--region",
        "eu-west-1",
    ]);
    let refused = inline.expect_err("a template over 51,200 bytes went inline");
    assert!(refused.contains("51200"), "{refused}");

    let stack = server.deploy_stack(&template, "large", "eu-west-1", TOKYO, &[], &[]);
    assert_eq!(stack.status, "CREATE_COMPLETE", "{}", stack.reason);
    assert_eq!(
        server.describe_network(TOKYO, "eu-west-1").own_vpcs().len(),
        1
    );
}

#[test]
fn a_stack_that_cannot_be_created_is_reported_as_failed() {
    let server = MotoServer::start(&[TOKYO]);
    let dir = scratch();
    let template = write(
        dir.path(),
        "orphan.yaml",
        r#"Resources:
  Orphan:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0000000000000dead
      CidrBlock: 10.0.0.0/24
"#,
    );
    let stack = server.deploy_stack(&template, "orphan", "eu-west-1", TOKYO, &[], &[]);
    assert_ne!(stack.status, "CREATE_COMPLETE");
    assert!(!stack.reason.is_empty());
}

/// A template with one IAM role, named or not.
fn role_template(named: bool) -> String {
    let name = if named {
        "      RoleName: vpcplan-harness-role\n"
    } else {
        ""
    };
    format!(
        r#"Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
{name}      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::${{AWS::AccountId}}:root"
            Action: sts:AssumeRole
"#
    )
}

/// CloudFormation refuses IAM resources the call does not acknowledge:
/// `CAPABILITY_IAM` for unnamed ones, `CAPABILITY_NAMED_IAM` for named ones
/// (CreateStack, Capabilities); so does the mock.
#[test]
fn iam_resources_need_the_capabilities_that_acknowledge_them() {
    let server = MotoServer::start(&[TOKYO]);
    let dir = scratch();
    let unnamed = write(dir.path(), "unnamed.yaml", &role_template(false));
    let named = write(dir.path(), "named.yaml", &role_template(true));
    let iam = ["CAPABILITY_IAM".to_owned()];
    let named_iam = ["CAPABILITY_NAMED_IAM".to_owned()];
    let refused = |stack: support::Stack, capability: &str| {
        assert_ne!(stack.status, "CREATE_COMPLETE");
        assert!(
            stack.reason.contains("InsufficientCapabilities") && stack.reason.contains(capability),
            "{}",
            stack.reason
        );
    };
    let deploy = |template: &Path, name: &str, capabilities: &[String]| {
        server.deploy_stack(template, name, "eu-west-1", TOKYO, &[], capabilities)
    };

    refused(deploy(&unnamed, "unnamed-bare", &[]), "CAPABILITY_IAM");
    refused(deploy(&named, "named-bare", &[]), "CAPABILITY_NAMED_IAM");
    refused(deploy(&named, "named-iam", &iam), "CAPABILITY_NAMED_IAM");
    for (template, name, capabilities) in [
        (&unnamed, "unnamed-iam", &iam),
        (&unnamed, "unnamed-named-iam", &named_iam),
        (&named, "named-named-iam", &named_iam),
    ] {
        let stack = deploy(template, name, capabilities);
        assert_eq!(stack.status, "CREATE_COMPLETE", "{name}: {}", stack.reason);
    }
}
