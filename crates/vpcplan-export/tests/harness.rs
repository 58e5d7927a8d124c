//! The export test machinery (`support`), proven on small hand-written
//! inputs: the tools are the pinned ones and fail loudly when missing, the
//! linters report what they should, and the mock behaves as the exports rely
//! on — stacks deploy, two accounts reach each other through assume-role
//! profiles, a cross-account cross-Region peering is accepted from the
//! second account and becomes active, and teardown leaves nothing behind.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{
    MOTO_DEFAULT_ACCOUNT, MotoServer, RouteInfo, StackPlan, cfn_lint, deploy_in_order, shellcheck,
    show, template_interface, tool, tool_in,
};

const TOKYO: &str = "111111111111";
const OREGON: &str = "222222222222";

fn write(dir: &Path, name: &str, contents: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("vpcplan-harness-")
        .tempdir()
        .unwrap()
}

/// The version `xtask/requirements-export.txt` pins for a package.
fn pinned(package: &str) -> String {
    let path = support::repo_root().join("xtask/requirements-export.txt");
    let requirements = fs::read_to_string(&path).unwrap();
    requirements
        .lines()
        .find_map(|line| {
            let (name, version) = line.split_once("==")?;
            let name = name.split('[').next()?;
            name.eq_ignore_ascii_case(package)
                .then(|| version.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("{package} is not pinned in {}", path.display()))
}

fn stdout_of(program: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("{} does not start: {error}", program.display()));
    assert!(
        output.status.success(),
        "{} {args:?} failed",
        program.display()
    );
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

#[test]
fn the_tools_are_the_pinned_versions() {
    let cfn_lint = stdout_of(&tool("cfn-lint"), &["--version"]);
    assert!(
        cfn_lint.contains(&pinned("cfn-lint")),
        "cfn-lint says {cfn_lint:?}; the pin is {}: run `cargo xtask setup`",
        pinned("cfn-lint")
    );
    let aws = stdout_of(&tool("aws"), &["--version"]);
    assert!(
        aws.starts_with(&format!("aws-cli/{} ", pinned("awscli"))),
        "aws says {aws:?}; the pin is {}: run `cargo xtask setup`",
        pinned("awscli")
    );
    let moto = stdout_of(
        &tool("python"),
        &["-c", "import moto; print(moto.__version__)"],
    );
    assert_eq!(moto.trim(), pinned("moto"), "run `cargo xtask setup`");
    assert!(tool("moto_server").is_file());
    let shellcheck = stdout_of(&support::shellcheck_program(), &["--version"]);
    assert!(shellcheck.contains("version: 0."), "{shellcheck}");
}

#[test]
fn a_missing_tool_fails_the_test_and_says_how_to_install_it() {
    let empty = scratch();
    let outcome = std::panic::catch_unwind(|| tool_in(empty.path(), "cfn-lint"));
    let payload = outcome.expect_err("a missing tool must fail, not skip");
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("run `cargo xtask setup`"), "{message}");
    assert!(message.contains("cfn-lint"), "{message}");
}

const TINY_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: One VPC, for proving the test machinery.
Parameters:
  VpcCidr:
    Type: String
    Default: 10.20.0.0/16
Resources:
  TinyVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      EnableDnsSupport: true
      EnableDnsHostnames: true
      Tags:
        - Key: Name
          Value: "tiny: #{} 'single' \"double\" 日本語"
Outputs:
  TinyVpcId:
    Value: !Ref TinyVpc
"#;

#[test]
fn cfn_lint_reports_errors_and_warnings_in_a_bad_template_and_nothing_in_a_good_one() {
    let dir = scratch();
    let good = write(dir.path(), "good.yaml", TINY_TEMPLATE);
    let bad = write(
        dir.path(),
        "bad.yaml",
        r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  NobodyUsesMe:
    Type: String
Resources:
  Broken:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlok: 10.0.0.0/16
"#,
    );
    let findings = cfn_lint(&[&good], &["ap-northeast-1"]);
    assert!(findings.is_empty(), "{}", show(&findings));

    let findings = cfn_lint(&[&bad], &["ap-northeast-1"]);
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|finding| (finding.level.as_str(), finding.rule.as_str()))
        .collect();
    // The misspelt property, the then missing CIDR, the unused parameter.
    assert!(rules.contains(&("Error", "E3002")), "{}", show(&findings));
    assert!(rules.contains(&("Error", "E3014")), "{}", show(&findings));
    assert!(rules.contains(&("Warning", "W2001")), "{}", show(&findings));
    assert!(
        findings
            .iter()
            .all(|finding| finding.file.ends_with("bad.yaml"))
    );
    assert!(findings.iter().any(|finding| finding.line == 9));
}

#[test]
fn shellcheck_reports_unsafe_scripts_and_nothing_in_a_careful_one() {
    let dir = scratch();
    let good = write(
        dir.path(),
        "good.sh",
        "#!/usr/bin/env bash\nset -euo pipefail\nname=\"$1\"\ncd \"$(dirname \"$0\")\"\necho \"hello, $name\"\n",
    );
    let bad = write(
        dir.path(),
        "bad.sh",
        "#!/usr/bin/env bash\nname=$1\ncd $(dirname $0)\necho hello, $name\n",
    );
    let findings = shellcheck(&[&good]);
    assert!(findings.is_empty(), "{}", show(&findings));

    let findings = shellcheck(&[&bad]);
    let rules: Vec<&str> = findings
        .iter()
        .map(|finding| finding.rule.as_str())
        .collect();
    // Unquoted expansions (info) and `cd` without a fallback (warning).
    assert!(rules.contains(&"SC2086"), "{}", show(&findings));
    assert!(rules.contains(&"SC2046"), "{}", show(&findings));
    assert!(
        findings
            .iter()
            .any(|finding| finding.rule == "SC2164" && finding.is_error_or_warning()),
        "{}",
        show(&findings)
    );
}

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

    let stack = server.deploy_stack(&template, "large", "eu-west-1", TOKYO, &[]);
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
    let stack = server.deploy_stack(&template, "orphan", "eu-west-1", TOKYO, &[]);
    assert_ne!(stack.status, "CREATE_COMPLETE");
    assert!(!stack.reason.is_empty());
}

/// Two VPCs in two accounts and Regions, peered, accepted from the second
/// account, with routes on both sides; its ids on stdout.
const PEER_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail

tokyo=(--profile acct-111111111111 --region ap-northeast-1)
oregon=(--profile acct-222222222222 --region us-west-2)

vpc_a=$(aws ec2 create-vpc "${tokyo[@]}" --cidr-block 10.0.0.0/16 \
  --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=tokyo}]' \
  --query Vpc.VpcId --output text)
aws ec2 wait vpc-available "${tokyo[@]}" --vpc-ids "$vpc_a"
vpc_b=$(aws ec2 create-vpc "${oregon[@]}" --cidr-block 10.1.0.0/16 \
  --tag-specifications 'ResourceType=vpc,Tags=[{Key=Name,Value=oregon}]' \
  --query Vpc.VpcId --output text)
aws ec2 wait vpc-available "${oregon[@]}" --vpc-ids "$vpc_b"

pcx=$(aws ec2 create-vpc-peering-connection "${tokyo[@]}" \
  --vpc-id "$vpc_a" --peer-vpc-id "$vpc_b" \
  --peer-owner-id 222222222222 --peer-region us-west-2 \
  --tag-specifications 'ResourceType=vpc-peering-connection,Tags=[{Key=Name,Value=tokyo-oregon}]' \
  --query VpcPeeringConnection.VpcPeeringConnectionId --output text)
aws ec2 wait vpc-peering-connection-exists "${oregon[@]}" --vpc-peering-connection-ids "$pcx"
aws ec2 accept-vpc-peering-connection "${oregon[@]}" --vpc-peering-connection-id "$pcx" > /dev/null

status=""
for _ in $(seq 1 30); do
  status=$(aws ec2 describe-vpc-peering-connections "${tokyo[@]}" \
    --vpc-peering-connection-ids "$pcx" \
    --query 'VpcPeeringConnections[0].Status.Code' --output text)
  if [ "$status" = active ]; then
    break
  fi
  sleep 2
done
if [ "$status" != active ]; then
  echo "peering $pcx is still $status after 60 s" >&2
  exit 1
fi

rtb_a=$(aws ec2 describe-route-tables "${tokyo[@]}" \
  --filters "Name=vpc-id,Values=$vpc_a" Name=association.main,Values=true \
  --query 'RouteTables[0].RouteTableId' --output text)
rtb_b=$(aws ec2 describe-route-tables "${oregon[@]}" \
  --filters "Name=vpc-id,Values=$vpc_b" Name=association.main,Values=true \
  --query 'RouteTables[0].RouteTableId' --output text)
aws ec2 create-route "${tokyo[@]}" --route-table-id "$rtb_a" \
  --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id "$pcx" > /dev/null
aws ec2 create-route "${oregon[@]}" --route-table-id "$rtb_b" \
  --destination-cidr-block 10.0.0.0/16 --vpc-peering-connection-id "$pcx" > /dev/null

echo "$vpc_a $vpc_b $pcx $rtb_a $rtb_b"
"#;

/// Undoes PEER_SCRIPT in reverse order, given its output as arguments.
const UNPEER_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail

tokyo=(--profile acct-111111111111 --region ap-northeast-1)
oregon=(--profile acct-222222222222 --region us-west-2)
vpc_a="$1" vpc_b="$2" pcx="$3" rtb_a="$4" rtb_b="$5"

aws ec2 delete-route "${oregon[@]}" --route-table-id "$rtb_b" --destination-cidr-block 10.0.0.0/16
aws ec2 delete-route "${tokyo[@]}" --route-table-id "$rtb_a" --destination-cidr-block 10.1.0.0/16
aws ec2 delete-vpc-peering-connection "${tokyo[@]}" --vpc-peering-connection-id "$pcx" > /dev/null
aws ec2 delete-vpc "${oregon[@]}" --vpc-id "$vpc_b"
aws ec2 delete-vpc "${tokyo[@]}" --vpc-id "$vpc_a"
"#;

#[test]
fn a_script_peers_two_accounts_across_regions_and_its_teardown_removes_everything() {
    let dir = scratch();
    let peer = write(dir.path(), "peer.sh", PEER_SCRIPT);
    let unpeer = write(dir.path(), "unpeer.sh", UNPEER_SCRIPT);
    let findings = shellcheck(&[&peer, &unpeer]);
    assert!(findings.is_empty(), "{}", show(&findings));

    let server = MotoServer::start(&[TOKYO, OREGON]);
    let run = server.run_script(&peer, &[], Duration::from_secs(300));
    assert!(run.success, "{run}\n{}", server.log());
    let ids: Vec<&str> = run.stdout.split_whitespace().collect();
    let [vpc_a, vpc_b, pcx, rtb_a, rtb_b] = ids[..] else {
        panic!("unexpected output: {run}");
    };

    let tokyo = server.describe_network(TOKYO, "ap-northeast-1");
    let oregon = server.describe_network(OREGON, "us-west-2");
    let tokyo_vpcs = tokyo.own_vpcs();
    assert_eq!(tokyo_vpcs.len(), 1, "{tokyo:#?}");
    assert_eq!(
        (tokyo_vpcs[0].id.as_str(), tokyo_vpcs[0].owner.as_str()),
        (vpc_a, TOKYO)
    );
    assert_eq!(tokyo_vpcs[0].ipv4_cidrs, ["10.0.0.0/16"]);
    assert_eq!(tokyo_vpcs[0].name.as_deref(), Some("tokyo"));
    let oregon_vpcs = oregon.own_vpcs();
    assert_eq!(oregon_vpcs.len(), 1, "{oregon:#?}");
    assert_eq!(
        (oregon_vpcs[0].id.as_str(), oregon_vpcs[0].owner.as_str()),
        (vpc_b, OREGON)
    );

    // Both sides see one active peering between the right VPCs and owners.
    for network in [&tokyo, &oregon] {
        let peerings = network.live_peerings();
        assert_eq!(peerings.len(), 1, "{network:#?}");
        let peering = peerings[0];
        assert_eq!(peering.id, pcx);
        assert_eq!(peering.status, "active");
        assert_eq!(peering.name.as_deref(), Some("tokyo-oregon"));
        assert_eq!(
            (
                peering.requester.vpc.as_str(),
                peering.requester.owner.as_str(),
                peering.requester.region.as_str()
            ),
            (vpc_a, TOKYO, "ap-northeast-1")
        );
        assert_eq!(
            (
                peering.accepter.vpc.as_str(),
                peering.accepter.owner.as_str(),
                peering.accepter.region.as_str()
            ),
            (vpc_b, OREGON, "us-west-2")
        );
    }

    // Routes on both sides.
    let route_to = |destination: &str| RouteInfo {
        destination: destination.to_owned(),
        target: pcx.to_owned(),
    };
    let table = |network: &support::Network, id: &str| {
        network
            .route_tables
            .iter()
            .find(|table| table.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("no route table {id}: {network:#?}"))
    };
    let a = table(&tokyo, rtb_a);
    assert!(a.main && a.vpc == vpc_a);
    assert!(a.routes.contains(&route_to("10.1.0.0/16")), "{a:#?}");
    let b = table(&oregon, rtb_b);
    assert!(b.main && b.vpc == vpc_b);
    assert!(b.routes.contains(&route_to("10.0.0.0/16")), "{b:#?}");

    // Teardown leaves only moto's default VPCs.
    let teardown = server.run_script(&unpeer, &ids, Duration::from_secs(120));
    assert!(teardown.success, "{teardown}");
    let tokyo = server.describe_network(TOKYO, "ap-northeast-1");
    let oregon = server.describe_network(OREGON, "us-west-2");
    assert!(tokyo.own_vpcs().is_empty(), "{tokyo:#?}");
    assert!(oregon.own_vpcs().is_empty(), "{oregon:#?}");
    assert!(tokyo.live_peerings().is_empty(), "{tokyo:#?}");
    assert!(oregon.live_peerings().is_empty(), "{oregon:#?}");
    // Nothing went to the fallback Region either.
    let fallback = server.describe_network(TOKYO, support::FALLBACK_REGION);
    assert!(fallback.own_vpcs().is_empty(), "{fallback:#?}");
}

const PEER_ROLE_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: A role the requester account assumes to accept peering requests.
Parameters:
  PeerRequesterAccountId:
    Type: String
    Default: "111111111111"
Resources:
  PeerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub "arn:aws:iam::${PeerRequesterAccountId}:root"
            Action: sts:AssumeRole
      Policies:
        - PolicyName: AcceptVpcPeering
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ec2:AcceptVpcPeeringConnection
                Resource: "*"
Outputs:
  PeerRoleArn:
    Value: !GetAtt PeerRole.Arn
"#;

const ACCEPTER_VPC_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OregonVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.1.0.0/16
      Tags:
        - Key: Name
          Value: oregon
  OregonRoutes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref OregonVpc
Outputs:
  OregonVpcId:
    Value: !Ref OregonVpc
  OregonRouteTableId:
    Value: !Ref OregonRoutes
"#;

const REQUESTER_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OregonVpcId:
    Type: String
  PeerRoleArn:
    Type: String
Resources:
  TokyoVpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  TokyoRoutes:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref TokyoVpc
  TokyoOregon:
    Type: AWS::EC2::VPCPeeringConnection
    Properties:
      VpcId: !Ref TokyoVpc
      PeerVpcId: !Ref OregonVpcId
      PeerOwnerId: "222222222222"
      PeerRegion: us-west-2
      PeerRoleArn: !Ref PeerRoleArn
      Tags:
        - Key: Name
          Value: tokyo-oregon
  TokyoToOregon:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref TokyoRoutes
      DestinationCidrBlock: 10.1.0.0/16
      VpcPeeringConnectionId: !Ref TokyoOregon
Outputs:
  TokyoOregonPeeringId:
    Value: !Ref TokyoOregon
"#;

const ACCEPTER_ROUTES_TEMPLATE: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OregonRouteTableId:
    Type: String
  TokyoOregonPeeringId:
    Type: String
Resources:
  OregonToTokyo:
    Type: AWS::EC2::Route
    Properties:
      RouteTableId: !Ref OregonRouteTableId
      DestinationCidrBlock: 10.0.0.0/16
      VpcPeeringConnectionId: !Ref TokyoOregonPeeringId
"#;

fn peering_plans(dir: &Path, with_role: bool) -> Vec<StackPlan> {
    let plan = |name: &str, body: &str, account: &str, region: &str| StackPlan {
        template: write(dir, &format!("{name}.yaml"), body),
        stack_name: name.to_owned(),
        account: account.to_owned(),
        region: region.to_owned(),
    };
    let mut plans = Vec::new();
    if with_role {
        plans.push(plan("peer-role", PEER_ROLE_TEMPLATE, OREGON, "us-west-2"));
    }
    plans.push(plan("oregon", ACCEPTER_VPC_TEMPLATE, OREGON, "us-west-2"));
    let requester = if with_role {
        REQUESTER_TEMPLATE.to_owned()
    } else {
        // The same peering without the role: nobody can accept it.
        REQUESTER_TEMPLATE
            .replace("  PeerRoleArn:\n    Type: String\n", "")
            .replace("      PeerRoleArn: !Ref PeerRoleArn\n", "")
    };
    plans.push(plan("tokyo", &requester, TOKYO, "ap-northeast-1"));
    plans.push(plan(
        "oregon-routes",
        ACCEPTER_ROUTES_TEMPLATE,
        OREGON,
        "us-west-2",
    ));
    plans
}

#[test]
fn cloudformation_peers_across_accounts_and_regions_through_the_peer_role() {
    let dir = scratch();
    let plans = peering_plans(dir.path(), true);
    for plan in &plans {
        let findings = cfn_lint(&[&plan.template], &[&plan.region]);
        assert!(
            findings
                .iter()
                .all(|finding| !finding.is_error_or_warning()),
            "{}",
            show(&findings)
        );
    }

    let server = MotoServer::start(&[TOKYO, OREGON]);
    let stacks = deploy_in_order(&server, &plans);
    assert_eq!(stacks.len(), plans.len());
    for stack in &stacks {
        assert_eq!(
            stack.status,
            "CREATE_COMPLETE",
            "{}: {}\n{}",
            stack.name,
            stack.reason,
            server.log()
        );
    }
    let pcx = &stacks[2].outputs["TokyoOregonPeeringId"];

    let tokyo = server.describe_network(TOKYO, "ap-northeast-1");
    let oregon = server.describe_network(OREGON, "us-west-2");
    for network in [&tokyo, &oregon] {
        let peerings = network.live_peerings();
        assert_eq!(peerings.len(), 1, "{network:#?}");
        assert_eq!(&peerings[0].id, pcx);
        assert_eq!(peerings[0].status, "active");
        assert_eq!(peerings[0].name.as_deref(), Some("tokyo-oregon"));
        assert_eq!(
            (
                peerings[0].requester.owner.as_str(),
                peerings[0].requester.region.as_str()
            ),
            (TOKYO, "ap-northeast-1")
        );
        assert_eq!(
            (
                peerings[0].accepter.owner.as_str(),
                peerings[0].accepter.region.as_str()
            ),
            (OREGON, "us-west-2")
        );
    }
    let has_route = |network: &support::Network, destination: &str| {
        network.route_tables.iter().any(|table| {
            table
                .routes
                .iter()
                .any(|route| route.destination == destination && &route.target == pcx)
        })
    };
    assert!(has_route(&tokyo, "10.1.0.0/16"), "{tokyo:#?}");
    assert!(has_route(&oregon, "10.0.0.0/16"), "{oregon:#?}");
}

#[test]
fn cloudformation_cannot_peer_with_another_account_without_the_peer_role() {
    let dir = scratch();
    let plans = peering_plans(dir.path(), false);
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let stacks = deploy_in_order(&server, &plans);
    let last = stacks.last().unwrap();
    assert_eq!(last.name, "tokyo", "deploying stops at the requester stack");
    assert_ne!(last.status, "CREATE_COMPLETE");
    assert!(last.reason.contains("PeerRoleArn"), "{}", last.reason);
}

#[test]
fn a_parameter_nobody_provides_fails_the_deploy_with_its_name() {
    let dir = scratch();
    let plans = peering_plans(dir.path(), true);
    // The requester stack without the stacks before it.
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let outcome =
        std::panic::catch_unwind(|| deploy_in_order(&server, std::slice::from_ref(&plans[2])));
    let payload = outcome.expect_err("a missing parameter must fail");
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(message.contains("parameter OregonVpcId"), "{message}");
}

#[test]
fn an_endpoint_service_needs_permission_and_acceptance_before_its_endpoint_is_available() {
    const REGION: &str = "ap-northeast-1";
    let nlb = "arn:aws:elasticloadbalancing:ap-northeast-1:222222222222:loadbalancer/net/orders-api/50dc6c495c0c9188";
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let provider = |args: &[&str]| server.aws_as(OREGON, REGION, args);

    // Another account's NLB is refused, as on AWS.
    let foreign = nlb.replace("222222222222", "333333333333");
    let refused = server.try_aws(&[
        "ec2",
        "create-vpc-endpoint-service-configuration",
        "--network-load-balancer-arns",
        &foreign,
        "--profile",
        "acct-222222222222",
        "--region",
        REGION,
    ]);
    assert!(refused.is_err(), "{refused:?}");

    let created = provider(&[
        "ec2",
        "create-vpc-endpoint-service-configuration",
        "--network-load-balancer-arns",
        nlb,
        "--acceptance-required",
    ]);
    let service_id = created["ServiceConfiguration"]["ServiceId"]
        .as_str()
        .unwrap()
        .to_owned();
    let service_name = created["ServiceConfiguration"]["ServiceName"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        service_name,
        format!("com.amazonaws.vpce.{REGION}.{service_id}")
    );

    let vpc = server.aws_as(
        TOKYO,
        REGION,
        &["ec2", "create-vpc", "--cidr-block", "10.0.0.0/16"],
    );
    let vpc = vpc["Vpc"]["VpcId"].as_str().unwrap().to_owned();
    let subnet = server.aws_as(
        TOKYO,
        REGION,
        &[
            "ec2",
            "create-subnet",
            "--vpc-id",
            &vpc,
            "--cidr-block",
            "10.0.0.0/24",
            "--availability-zone",
            "ap-northeast-1a",
        ],
    );
    let subnet = subnet["Subnet"]["SubnetId"].as_str().unwrap().to_owned();
    let create_endpoint = || {
        server.try_aws(&[
            "ec2",
            "create-vpc-endpoint",
            "--vpc-endpoint-type",
            "Interface",
            "--vpc-id",
            &vpc,
            "--service-name",
            &service_name,
            "--subnet-ids",
            &subnet,
            "--profile",
            "acct-111111111111",
            "--region",
            REGION,
        ])
    };
    let not_allowed = create_endpoint();
    assert!(
        not_allowed
            .as_ref()
            .is_err_and(|error| error.contains("InvalidServiceName")),
        "{not_allowed:?}"
    );

    provider(&[
        "ec2",
        "modify-vpc-endpoint-service-permissions",
        "--service-id",
        &service_id,
        "--add-allowed-principals",
        "arn:aws:iam::111111111111:root",
    ]);
    let endpoint = create_endpoint().unwrap();
    let endpoint_id = endpoint["VpcEndpoint"]["VpcEndpointId"]
        .as_str()
        .unwrap()
        .to_owned();
    let state = || {
        let network = server.describe_network(TOKYO, REGION);
        let endpoints = network.live_endpoints();
        assert_eq!(endpoints.len(), 1, "{network:#?}");
        assert_eq!(
            (
                endpoints[0].kind.as_str(),
                endpoints[0].service_name.as_str()
            ),
            ("Interface", service_name.as_str())
        );
        endpoints[0].state.clone()
    };
    assert_eq!(state(), "pendingAcceptance");

    let accepted = provider(&[
        "ec2",
        "accept-vpc-endpoint-connections",
        "--service-id",
        &service_id,
        "--vpc-endpoint-ids",
        &endpoint_id,
    ]);
    assert_eq!(
        accepted["Unsuccessful"],
        serde_json::json!([]),
        "{accepted}"
    );
    assert_eq!(state(), "available");

    let services = server.describe_network(OREGON, REGION).endpoint_services;
    assert_eq!(services.len(), 1);
    assert!(services[0].acceptance_required);
    assert_eq!(services[0].network_load_balancers, [nlb]);
}
