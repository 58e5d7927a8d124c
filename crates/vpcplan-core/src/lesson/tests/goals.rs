//! Each goal kind met and unmet, missing items, and `all`, as checklist
//! snapshots (`check_goal`: one line per check, `[x]` or `[ ]`, then the
//! English and the Japanese sentence).

use std::fmt::Write as _;

use expect_test::{Expect, expect};

use crate::LinkKind;
use crate::design::{Design, ServiceId, SubnetId, VpcId};
use crate::lesson::{Goal, ItemRef, evaluate};
use crate::testing::*;

#[track_caller]
fn check_goal(goal: &Goal, design: &Design, expect: Expect) {
    let status = evaluate(goal, design);
    let mut out = String::new();
    let _ = writeln!(out, "{}", if status.met() { "met" } else { "unmet" });
    for check in &status.checks {
        let _ = writeln!(
            out,
            "{} {}",
            if check.met { "[x]" } else { "[ ]" },
            check.text.en
        );
        let _ = writeln!(out, "    {}", check.text.ja);
    }
    expect.assert_eq(&out);
}

fn vpc_ref(id: &str) -> ItemRef {
    ItemRef::Vpc(VpcId::new(id))
}

/// VPC a and b, named, with a subnet each, and S3 (`svc-s3`).
fn two_vpcs(links: Vec<crate::design::Link>) -> Design {
    let mut a = vpc("vpc-a", "10.0.0.0/16").with_subnet("1a", "10.0.0.0/24", 'a');
    a.name = "App".to_owned();
    let mut b = vpc("vpc-b", "10.1.0.0/16").with_subnet("1a", "10.1.0.0/24", 'a');
    b.name = "Data".to_owned();
    design(
        vec![a, b],
        vec![aws_service("svc-s3", "s3", "ap-northeast-1")],
        links,
    )
}

fn peered() -> Design {
    two_vpcs(vec![peering("pcx", "vpc-a", "vpc-b")])
}

#[test]
fn a_link_goal_is_met_by_a_link_of_its_kind_in_either_direction() {
    let goal = Goal::Link {
        kind: LinkKind::Peering,
        a: vpc_ref("vpc-b"),
        b: vpc_ref("vpc-a"),
    };
    check_goal(
        &goal,
        &peered(),
        expect![[r#"
            met
            [x] Data and App are joined by a VPC peering.
                DataとAppがVPCピアリングでつながっている。
        "#]],
    );
    check_goal(
        &goal,
        &two_vpcs(vec![]),
        expect![[r#"
            unmet
            [ ] Data and App are joined by a VPC peering.
                DataとAppがVPCピアリングでつながっている。
        "#]],
    );
    // A link of another kind does not count.
    let endpoint = Goal::Link {
        kind: LinkKind::InterfaceEndpoint,
        a: vpc_ref("vpc-a"),
        b: ItemRef::AwsService("s3".to_owned()),
    };
    check_goal(
        &endpoint,
        &two_vpcs(vec![gateway_endpoint("vpce", "vpc-a", "svc-s3")]),
        expect![[r#"
            unmet
            [ ] App and s3 are joined by PrivateLink (interface endpoint).
                Appとs3がPrivateLink (インターフェイス型)でつながっている。
        "#]],
    );
}

#[test]
fn a_subnet_stands_for_its_vpc_in_a_link_goal() {
    let goal = Goal::Link {
        kind: LinkKind::Peering,
        a: ItemRef::Subnet {
            vpc: VpcId::new("vpc-a"),
            subnet: SubnetId::new("vpc-a-1a"),
        },
        b: vpc_ref("vpc-b"),
    };
    check_goal(
        &goal,
        &peered(),
        expect![[r#"
        met
        [x] Subnet 1a of App and Data are joined by a VPC peering.
            Appのサブネット1aとDataがVPCピアリングでつながっている。
    "#]],
    );
}

#[test]
fn rule_goals_follow_validate() {
    let mut overlapping = peered();
    overlapping.vpcs[1].ipv4_cidrs = vec![v4("10.0.0.0/16")];
    overlapping.vpcs[1].subnets[0].ipv4_cidr = Some(v4("10.0.0.0/24"));
    let fires = Goal::RuleFires { rule: "PEER-001" };
    let silent = Goal::RuleSilent { rule: "PEER-001" };
    check_goal(
        &fires,
        &overlapping,
        expect![[r#"
        met
        [x] Validation reports PEER-001 (Peered VPCs have overlapping CIDRs).
            検証でPEER-001 (ピアリングするVPCのCIDRが重複しています) が報告される。
    "#]],
    );
    check_goal(
        &fires,
        &peered(),
        expect![[r#"
        unmet
        [ ] Validation reports PEER-001 (Peered VPCs have overlapping CIDRs).
            検証でPEER-001 (ピアリングするVPCのCIDRが重複しています) が報告される。
    "#]],
    );
    check_goal(
        &silent,
        &overlapping,
        expect![[r#"
        unmet
        [ ] Validation does not report PEER-001 (Peered VPCs have overlapping CIDRs).
            検証でPEER-001 (ピアリングするVPCのCIDRが重複しています) が報告されない。
    "#]],
    );
    check_goal(
        &silent,
        &peered(),
        expect![[r#"
        met
        [x] Validation does not report PEER-001 (Peered VPCs have overlapping CIDRs).
            検証でPEER-001 (ピアリングするVPCのCIDRが重複しています) が報告されない。
    "#]],
    );
}

#[test]
fn reachability_goals_follow_reachability() {
    let reachable = Goal::Reachable {
        from: vpc_ref("vpc-a"),
        to: vpc_ref("vpc-b"),
    };
    check_goal(
        &reachable,
        &peered(),
        expect![[r#"
        met
        [x] App can reach Data.
            AppからDataに到達できる。
    "#]],
    );
    check_goal(
        &reachable,
        &two_vpcs(vec![]),
        expect![[r#"
        unmet
        [ ] App can reach Data.
            AppからDataに到達できる。
    "#]],
    );
    let unreachable = Goal::Unreachable {
        from: vpc_ref("vpc-a"),
        to: vpc_ref("vpc-b"),
        because: None,
    };
    check_goal(
        &unreachable,
        &two_vpcs(vec![]),
        expect![[r#"
        met
        [x] App cannot reach Data.
            AppからDataに到達できない。
    "#]],
    );
    check_goal(
        &unreachable,
        &peered(),
        expect![[r#"
        unmet
        [ ] App cannot reach Data.
            AppからDataに到達できない。
    "#]],
    );
}

#[test]
fn an_unreachable_goal_with_a_rule_needs_that_rule_among_the_reasons() {
    // A peered with B, B with C: A does not reach C because of PEER-003.
    let c = vpc("vpc-c", "10.2.0.0/16").with_subnet("1a", "10.2.0.0/24", 'a');
    let mut transitive = two_vpcs(vec![
        peering("pcx-ab", "vpc-a", "vpc-b"),
        peering("pcx-bc", "vpc-b", "vpc-c"),
    ]);
    transitive.vpcs.push(c.clone());
    let because = |rule| Goal::Unreachable {
        from: vpc_ref("vpc-a"),
        to: vpc_ref("vpc-c"),
        because: Some(rule),
    };
    check_goal(
        &because("PEER-003"),
        &transitive,
        expect![[r#"
        met
        [x] App cannot reach vpc-c, because of PEER-003 (A required flow depends on transitive peering).
            PEER-003 (必要な通信が推移的なピアリングに依存しています) のため、Appからvpc-cに到達できない。
    "#]],
    );
    // Unreachable, but for another reason than the one asked for.
    check_goal(
        &because("PEER-001"),
        &transitive,
        expect![[r#"
        unmet
        [ ] App cannot reach vpc-c, because of PEER-001 (Peered VPCs have overlapping CIDRs).
            PEER-001 (ピアリングするVPCのCIDRが重複しています) のため、Appからvpc-cに到達できない。
    "#]],
    );
    // Not peered at all: nothing links them, no PEER-003.
    let mut apart = two_vpcs(vec![]);
    apart.vpcs.push(c);
    check_goal(
        &because("PEER-003"),
        &apart,
        expect![[r#"
        unmet
        [ ] App cannot reach vpc-c, because of PEER-003 (A required flow depends on transitive peering).
            PEER-003 (必要な通信が推移的なピアリングに依存しています) のため、Appからvpc-cに到達できない。
    "#]],
    );
}

#[test]
fn an_aws_service_item_is_any_node_of_that_service() {
    // The student's S3 node has a generated id.
    let mut design = two_vpcs(vec![gateway_endpoint("vpce", "vpc-a", "service-7")]);
    design.services = vec![aws_service("service-7", "s3", "ap-northeast-1")];
    let goal = Goal::All(vec![
        Goal::Link {
            kind: LinkKind::GatewayEndpoint,
            a: vpc_ref("vpc-a"),
            b: ItemRef::AwsService("s3".to_owned()),
        },
        Goal::Reachable {
            from: ItemRef::Subnet {
                vpc: VpcId::new("vpc-a"),
                subnet: SubnetId::new("vpc-a-1a"),
            },
            to: ItemRef::AwsService("s3".to_owned()),
        },
        Goal::Unreachable {
            from: vpc_ref("vpc-b"),
            to: ItemRef::AwsService("s3".to_owned()),
            because: None,
        },
    ]);
    check_goal(
        &goal,
        &design,
        expect![[r#"
        met
        [x] App and s3 are joined by PrivateLink (gateway endpoint).
            Appとs3がPrivateLink (ゲートウェイ型)でつながっている。
        [x] Subnet 1a of App can reach s3.
            Appのサブネット1aからs3に到達できる。
        [x] Data cannot reach s3.
            Dataからs3に到達できない。
    "#]],
    );
}

#[test]
fn items_the_design_lacks_make_a_goal_unmet_and_are_named() {
    let goal = Goal::All(vec![
        Goal::Link {
            kind: LinkKind::Peering,
            a: vpc_ref("vpc-a"),
            b: vpc_ref("vpc-gone"),
        },
        Goal::Reachable {
            from: ItemRef::Subnet {
                vpc: VpcId::new("vpc-a"),
                subnet: SubnetId::new("subnet-gone"),
            },
            to: ItemRef::Service(ServiceId::new("svc-gone")),
        },
        Goal::Unreachable {
            from: vpc_ref("vpc-a"),
            to: ItemRef::AwsService("ssm".to_owned()),
            because: Some("PEER-003"),
        },
    ]);
    check_goal(
        &goal,
        &peered(),
        expect![[r#"
        unmet
        [ ] App and vpc-gone are joined by a VPC peering (there is no VPC vpc-gone in the design).
            Appとvpc-goneがVPCピアリングでつながっている (設計にVPC vpc-goneがありません)。
        [ ] Subnet subnet-gone of App can reach svc-gone (there is no subnet subnet-gone in VPC vpc-a in the design; there is no service svc-gone in the design).
            Appのサブネットsubnet-goneからsvc-goneに到達できる (設計のVPC vpc-aにサブネットsubnet-goneがありません。設計にサービスsvc-goneがありません)。
        [ ] App cannot reach AWS Systems Manager, because of PEER-003 (A required flow depends on transitive peering) (there is no AWS Systems Manager (ssm) service node in the design yet).
            PEER-003 (必要な通信が推移的なピアリングに依存しています) のため、AppからAWS Systems Managerに到達できない (設計にAWS Systems Manager (ssm) のサービスノードがまだありません)。
    "#]],
    );
    // Nothing at all: still a sentence per goal, never a panic.
    check_goal(
        &goal,
        &Design::default(),
        expect![[r#"
        unmet
        [ ] vpc-a and vpc-gone are joined by a VPC peering (there is no VPC vpc-a in the design; there is no VPC vpc-gone in the design).
            vpc-aとvpc-goneがVPCピアリングでつながっている (設計にVPC vpc-aがありません。設計にVPC vpc-goneがありません)。
        [ ] Subnet subnet-gone of vpc-a can reach svc-gone (there is no subnet subnet-gone in VPC vpc-a in the design; there is no service svc-gone in the design).
            vpc-aのサブネットsubnet-goneからsvc-goneに到達できる (設計のVPC vpc-aにサブネットsubnet-goneがありません。設計にサービスsvc-goneがありません)。
        [ ] vpc-a cannot reach AWS Systems Manager, because of PEER-003 (A required flow depends on transitive peering) (there is no VPC vpc-a in the design; there is no AWS Systems Manager (ssm) service node in the design yet).
            PEER-003 (必要な通信が推移的なピアリングに依存しています) のため、vpc-aからAWS Systems Managerに到達できない (設計にVPC vpc-aがありません。設計にAWS Systems Manager (ssm) のサービスノードがまだありません)。
    "#]],
    );
}

#[test]
fn no_errors_counts_the_errors_and_all_lists_every_check() {
    let mut overlapping = peered();
    overlapping.vpcs[1].ipv4_cidrs = vec![v4("10.0.0.0/16")];
    overlapping.vpcs[1].subnets[0].ipv4_cidr = Some(v4("10.0.0.0/24"));
    let goal = Goal::All(vec![
        Goal::NoErrors,
        Goal::All(vec![Goal::RuleSilent { rule: "PEER-001" }]),
    ]);
    check_goal(
        &goal,
        &overlapping,
        expect![[r#"
        unmet
        [ ] The design has no errors (it has 1 now).
            設計にエラーがない (現在1件)。
        [ ] Validation does not report PEER-001 (Peered VPCs have overlapping CIDRs).
            検証でPEER-001 (ピアリングするVPCのCIDRが重複しています) が報告されない。
    "#]],
    );
    check_goal(
        &goal,
        &peered(),
        expect![[r#"
        met
        [x] The design has no errors.
            設計にエラーがない。
        [x] Validation does not report PEER-001 (Peered VPCs have overlapping CIDRs).
            検証でPEER-001 (ピアリングするVPCのCIDRが重複しています) が報告されない。
    "#]],
    );
}
