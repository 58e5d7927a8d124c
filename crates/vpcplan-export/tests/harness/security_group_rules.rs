//! Security group rules on the mock as EC2 takes them: only the IP
//! protocols EC2 knows, and a group in another VPC only across an active
//! peering (`support/mock/security_group_rules.py`).

use super::*;

/// Two VPCs of one account and Region with a group each; a rule of the
/// first group that references the second's, tried before the peering is
/// requested, while it waits for acceptance, and once it is active.
const PEER_GROUP_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail

tokyo=(--profile acct-111111111111 --region ap-northeast-1)
vpc_a=$(aws ec2 create-vpc "${tokyo[@]}" --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
vpc_b=$(aws ec2 create-vpc "${tokyo[@]}" --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)
sg_a=$(aws ec2 create-security-group "${tokyo[@]}" --vpc-id "$vpc_a" --group-name a \
  --description a --query GroupId --output text)
sg_b=$(aws ec2 create-security-group "${tokyo[@]}" --vpc-id "$vpc_b" --group-name b \
  --description b --query GroupId --output text)
permission="[{\"IpProtocol\":\"tcp\",\"FromPort\":5432,\"ToPort\":5432,\"UserIdGroupPairs\":[{\"GroupId\":\"$sg_b\"}]}]"

# try: prints what EC2 answered, the error code or ok.
try() {
  local answer
  if answer=$(aws ec2 authorize-security-group-ingress "${tokyo[@]}" --group-id "$sg_a" \
    --ip-permissions "$permission" 2>&1 >/dev/null); then
    echo ok
  else
    grep -o 'InvalidGroup.NotFound' <<<"$answer" || echo "$answer"
  fi
}

try
pcx=$(aws ec2 create-vpc-peering-connection "${tokyo[@]}" --vpc-id "$vpc_a" --peer-vpc-id "$vpc_b" \
  --query VpcPeeringConnection.VpcPeeringConnectionId --output text)
try
aws ec2 accept-vpc-peering-connection "${tokyo[@]}" --vpc-peering-connection-id "$pcx" >/dev/null
try
"#;

#[test]
fn a_rule_that_references_a_group_in_another_vpc_waits_for_an_active_peering() {
    let dir = scratch();
    let script = write(dir.path(), "peer-group.sh", PEER_GROUP_SCRIPT);
    let findings = shellcheck(&[&script]);
    assert!(findings.is_empty(), "{}", show(&findings));
    let server = MotoServer::start(&[TOKYO]);
    let run = server.run_script(&script, &[], Duration::from_secs(120));
    assert!(run.success, "{run}\n{}", server.log());
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        ["InvalidGroup.NotFound", "InvalidGroup.NotFound", "ok"],
        "refused with no peering, refused while it waits for acceptance, taken once active"
    );
}

/// One rule per protocol given as arguments; prints each answer's error
/// code, or ok.
const PROTOCOL_SCRIPT: &str = r#"#!/usr/bin/env bash
set -euo pipefail

tokyo=(--profile acct-111111111111 --region ap-northeast-1)
vpc=$(aws ec2 create-vpc "${tokyo[@]}" --cidr-block 10.0.0.0/16 --query Vpc.VpcId --output text)
sg=$(aws ec2 create-security-group "${tokyo[@]}" --vpc-id "$vpc" --group-name g \
  --description g --query GroupId --output text)
port=1000
for protocol in "$@"; do
  port=$((port + 1))
  permission="[{\"IpProtocol\":\"$protocol\",\"FromPort\":$port,\"ToPort\":$port,\"IpRanges\":[{\"CidrIp\":\"10.9.0.0/16\"}]}]"
  if answer=$(aws ec2 authorize-security-group-ingress "${tokyo[@]}" --group-id "$sg" \
    --ip-permissions "$permission" 2>&1 >/dev/null); then
    echo ok
  else
    grep -o 'InvalidParameterValue' <<<"$answer" || echo "$answer"
  fi
done
"#;

#[test]
fn ip_protocols_ec2_does_not_know_are_refused() {
    let dir = scratch();
    let script = write(dir.path(), "protocols.sh", PROTOCOL_SCRIPT);
    let findings = shellcheck(&[&script]);
    assert!(findings.is_empty(), "{}", show(&findings));
    let server = MotoServer::start(&[TOKYO]);
    let protocols = ["all", "tcp", "-1", "icmpv6", "47", "255", "256", "any"];
    let run = server.run_script(&script, &protocols, Duration::from_secs(120));
    assert!(run.success, "{run}\n{}", server.log());
    let answers: Vec<(&str, &str)> = protocols.iter().copied().zip(run.stdout.lines()).collect();
    assert_eq!(
        answers,
        [
            ("all", "InvalidParameterValue"),
            ("tcp", "ok"),
            ("-1", "ok"),
            ("icmpv6", "ok"),
            ("47", "ok"),
            ("255", "ok"),
            ("256", "InvalidParameterValue"),
            ("any", "InvalidParameterValue"),
        ]
    );
}
