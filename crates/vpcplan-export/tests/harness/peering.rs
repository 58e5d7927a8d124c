//! Peering on the mock across accounts and Regions: a script that peers two
//! accounts and tears it down, and CloudFormation stacks that peer through
//! the accepter's role (and fail without it, or without a parameter).

use super::*;

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
        // The peer role is an IAM resource without a custom name.
        capabilities: if body.contains("AWS::IAM::") {
            vec!["CAPABILITY_IAM".to_owned()]
        } else {
            Vec::new()
        },
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

/// The peer role of PEER_ROLE_TEMPLATE, allowed to accept only into a VPC
/// that is not the accepter's: AWS authorizes the accept on the accepter VPC
/// and on the connection (with `ec2:AccepterVpc`), so nobody accepts.
#[test]
fn a_peer_role_allowed_only_on_another_vpc_cannot_accept() {
    let dir = scratch();
    let plans = peering_plans(dir.path(), true);
    let scoped = PEER_ROLE_TEMPLATE.replace(
        "                Resource: \"*\"\n",
        "                Resource:\n                  - arn:aws:ec2:us-west-2:222222222222:vpc/vpc-0000000000000000f\n                  - arn:aws:ec2:us-west-2:222222222222:vpc-peering-connection/*\n                Condition:\n                  ArnEquals:\n                    ec2:AccepterVpc: arn:aws:ec2:us-west-2:222222222222:vpc/vpc-0000000000000000f\n",
    );
    assert_ne!(scoped, PEER_ROLE_TEMPLATE);
    fs::write(&plans[0].template, scoped).unwrap();
    let server = MotoServer::start(&[TOKYO, OREGON]);
    let stacks = deploy_in_order(&server, &plans);
    let last = stacks.last().unwrap();
    assert_eq!(last.name, "tokyo", "deploying stops at the requester stack");
    assert_ne!(last.status, "CREATE_COMPLETE");
    assert!(
        last.reason
            .contains("may not call ec2:AcceptVpcPeeringConnection"),
        "{}",
        last.reason
    );
}

/// Two VPCs of one account and Region whose CIDRs overlap (the second's
/// secondary block lies in the first), and a peering request between them:
/// its status, and what accepting it says.
const OVERLAPPING_PEERING_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail

tokyo=(--profile acct-111111111111 --region ap-northeast-1)
vpc_a=$(aws ec2 create-vpc "${tokyo[@]}" --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
vpc_b=$(aws ec2 create-vpc "${tokyo[@]}" --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)
aws ec2 associate-vpc-cidr-block "${tokyo[@]}" --vpc-id "$vpc_b" --cidr-block 10.0.128.0/20 >/dev/null
pcx=$(aws ec2 create-vpc-peering-connection "${tokyo[@]}" --vpc-id "$vpc_a" --peer-vpc-id "$vpc_b" \
  --query VpcPeeringConnection.VpcPeeringConnectionId --output text)
aws ec2 describe-vpc-peering-connections "${tokyo[@]}" --vpc-peering-connection-ids "$pcx" \
  --query 'VpcPeeringConnections[0].Status.Code' --output text
if aws ec2 accept-vpc-peering-connection "${tokyo[@]}" --vpc-peering-connection-id "$pcx" >/dev/null 2>&1; then
  echo accepted
else
  echo not-accepted
fi
"#;

#[test]
fn a_peering_between_vpcs_with_overlapping_cidrs_fails() {
    let dir = scratch();
    let script = write(dir.path(), "overlap.sh", OVERLAPPING_PEERING_SCRIPT);
    let findings = shellcheck(&[&script]);
    assert!(findings.is_empty(), "{}", show(&findings));
    let server = MotoServer::start(&[TOKYO]);
    let run = server.run_script(&script, &[], Duration::from_secs(120));
    assert!(run.success, "{run}\n{}", server.log());
    assert_eq!(
        run.stdout.split_whitespace().collect::<Vec<_>>(),
        ["failed", "not-accepted"]
    );
}
