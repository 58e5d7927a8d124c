//! Stacks that need each other, and the creation order predicted from the
//! values stacks take.

use super::*;

#[test]
fn stacks_that_need_each_other_are_created_then_updated() {
    // Two accounts each requesting a peering to a VPC of the other.
    let mut design = peered("222222222222", "ap-northeast-1");
    let mut second = design.vpcs[0].clone();
    second.id = VpcId::new("vpc-c");
    second.name = "VPC C".to_owned();
    second.ipv4_cidrs = vec!["10.7.0.0/16".parse().unwrap()];
    second.subnets.clear();
    second.route_tables = vec![RouteTable {
        id: RouteTableId::new("rtb-c"),
        name: "C main".to_owned(),
        main: true,
        subnets: Vec::new(),
        routes: Vec::new(),
    }];
    design.vpcs.push(second);
    let mut link = design.links[0].clone();
    link.id = vpcplan_core::design::LinkId::new("pcx-b-c");
    if let vpcplan_core::design::LinkSpec::Peering(peering) = &mut link.spec {
        peering.requester = VpcId::new("vpc-b");
        peering.accepter = VpcId::new("vpc-c");
    }
    design.links.push(link);
    let export = cloudformation_with_plan(&design, &options(TemplateFormat::Json)).unwrap();
    let all = templates(&export.files);
    for (path, template) in &all {
        assert_references_resolve(path, template);
    }
    let creates = export
        .plan
        .steps
        .iter()
        .filter(|step| step.action == StepAction::Create)
        .count();
    assert_eq!(
        creates, 2,
        "two network stacks, each with its VPC's accepter role"
    );
    let peerings: Vec<&Value> = all
        .iter()
        .flat_map(|(_, template)| resources_of_type(template, "AWS::EC2::VPCPeeringConnection"))
        .map(|(_, peering)| peering)
        .collect();
    assert_eq!(peerings.len(), 2);
    assert_eq!(
        peerings
            .iter()
            .filter(|peering| peering.get("Condition").is_some())
            .count(),
        1,
        "the cycle is broken at one peering"
    );
}

/// The order comes from a scan of the design (`Ctx::dependencies`); the
/// stacks built take exactly the values that scan predicts.
fn assert_dependencies_match_the_built_stacks(name: &str, design: &Design) {
    let ctx = plan::Ctx::new(design);
    let (edges, needed) = ctx.dependencies();
    let position = plan::creation_order(ctx.stacks.len(), &edges);
    let mut built_edges = BTreeSet::new();
    let mut built_needed = vpcplan_core::collections::HashSet::default();
    for stack in 0..ctx.stacks.len() {
        let (_, built) = stack::build(&ctx, stack, Some(&position), &needed, &[]);
        for parameter in built.imports {
            if let plan::Source::Stack(from) = parameter.source {
                assert_ne!(from, stack, "{name}");
                if parameter.ordering {
                    built_edges.insert((from, stack));
                }
                built_needed.insert(parameter.import);
            }
        }
    }
    assert_eq!(built_edges, edges, "{name}");
    assert_eq!(built_needed, needed, "{name}");
}

#[test]
fn the_stack_order_is_predicted_from_exactly_the_values_stacks_take() {
    for name in FIXTURES {
        assert_dependencies_match_the_built_stacks(name, &fixture(name));
    }
    assert_dependencies_match_the_built_stacks("hostile", &hostile());
    assert_dependencies_match_the_built_stacks(
        "cross account",
        &peered("222222222222", "us-west-2"),
    );
    let mut shape = vpcplan_core::synthetic::Shape::benchmark(120);
    shape.peerings_per_vpc = 4;
    assert_dependencies_match_the_built_stacks(
        "synthetic",
        &vpcplan_core::synthetic::generate(&shape),
    );
}
