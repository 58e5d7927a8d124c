//! The all-pairs matrix agrees with single questions.

use super::*;

fn showcase() -> Design {
    let mut design = design(
        vec![
            vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a'),
            vpc("hub", "10.1.0.0/16").with_subnet("a", "10.1.1.0/24", 'a'),
            vpc("data", "10.2.0.0/16"),
            vpc("clash", "10.0.0.0/16"),
        ],
        vec![
            aws_service("s3", "s3", TOKYO),
            aws_service("sqs", "sqs", TOKYO),
            endpoint_service("api", "data", TOKYO),
        ],
        vec![
            peering("pcx-1", "app", "hub"),
            peering("pcx-2", "hub", "data"),
            peering("pcx-3", "app", "clash"),
            gateway_endpoint("gw", "app", "s3"),
            gateway_endpoint("gw-hub", "hub", "s3"),
            interface_endpoint("vpce", "hub", "sqs", &["hub-a"]),
        ],
    );
    design
        .links
        .push(interface_endpoint("vpce-api", "app", "api", &["app-a"]));
    design
}

#[test]
fn the_matrix_lists_vpcs_then_services_and_marks_the_links_used() {
    let design = showcase();
    let matrix = reachability_matrix(&design);
    assert_eq!(
        matrix.nodes,
        [
            Node::vpc("app"),
            Node::vpc("hub"),
            Node::vpc("data"),
            Node::vpc("clash"),
            Node::service("s3"),
            Node::service("sqs"),
            Node::service("api"),
        ]
    );
    assert_eq!(matrix.cells.len(), 7);
    assert!(matrix.cells.iter().all(|row| row.len() == 7));
    let cell = |from: &Node, to: &Node| matrix.get(from, to).cloned();
    let reachable = |kinds: &[LinkKind]| {
        Some(MatrixCell::Reachable {
            via: kinds.to_vec(),
        })
    };
    assert_eq!(cell(&Node::vpc("app"), &Node::vpc("app")), reachable(&[]));
    assert_eq!(
        cell(&Node::vpc("app"), &Node::vpc("hub")),
        reachable(&[LinkKind::Peering])
    );
    assert_eq!(
        cell(&Node::vpc("app"), &Node::vpc("data")),
        Some(MatrixCell::Unreachable)
    );
    assert_eq!(
        cell(&Node::vpc("app"), &Node::vpc("clash")),
        Some(MatrixCell::Unreachable)
    );
    assert_eq!(
        cell(&Node::vpc("app"), &Node::service("s3")),
        reachable(&[LinkKind::GatewayEndpoint])
    );
    assert_eq!(
        cell(&Node::vpc("app"), &Node::service("sqs")),
        reachable(&[LinkKind::Peering, LinkKind::InterfaceEndpoint])
    );
    assert_eq!(
        cell(&Node::vpc("data"), &Node::service("api")),
        reachable(&[])
    );
    assert_eq!(
        cell(&Node::service("s3"), &Node::vpc("app")),
        Some(MatrixCell::Unreachable)
    );
    assert_eq!(matrix.get(&Node::vpc("ghost"), &Node::vpc("app")), None);
}

/// Every cell of the matrix against the answer of `reachability`.
fn assert_matrix_agrees(design: &Design) {
    let matrix = reachability_matrix(design);
    for (row, from) in matrix.nodes.iter().enumerate() {
        for (column, to) in matrix.nodes.iter().enumerate() {
            let single = reachability(design, from, to);
            let cell = &matrix.cells[row][column];
            // With duplicate ids the first occurrence is the one resolved.
            if matrix.nodes.iter().position(|node| node == from) != Some(row)
                || matrix.nodes.iter().position(|node| node == to) != Some(column)
            {
                continue;
            }
            assert_eq!(
                cell.is_reachable(),
                single.is_reachable(),
                "{from:?} → {to:?}: matrix {cell:?}, reachability {single:?}"
            );
        }
    }
}

/// A path starts at `from`, ends at `to` and chains hop to hop; a refusal
/// always says why.
fn assert_well_formed(result: &Reachability, from: &Node, to: &Node) {
    match result {
        Reachability::Reachable { path } => {
            if from == to {
                assert!(path.is_empty());
                return;
            }
            assert_eq!(path.first().map(|hop| &hop.from), Some(from));
            assert_eq!(path.last().map(|hop| &hop.to), Some(to));
            for pair in path.windows(2) {
                assert_eq!(pair[0].to, pair[1].from);
            }
            for hop in path {
                assert!(!hop.via.en.is_empty() && !hop.via.ja.is_empty());
            }
        }
        Reachability::Unreachable { reasons } => {
            assert!(!reasons.is_empty(), "{from:?} → {to:?} without a reason");
            for reason in reasons {
                assert!(!reason.message.en.is_empty() && !reason.message.ja.is_empty());
            }
        }
    }
}

#[test]
fn the_matrix_agrees_with_single_questions_on_the_showcase() {
    let design = showcase();
    assert_matrix_agrees(&design);
    for from in reachability_matrix(&design).nodes {
        for to in reachability_matrix(&design).nodes {
            assert_well_formed(&reachability(&design, &from, &to), &from, &to);
        }
    }
}

#[test]
fn the_matrix_of_a_few_hundred_nodes_is_right_where_it_counts() {
    // 10 hubs with 29 spokes each (300 VPCs); each hub has interface
    // endpoints to 5 of the 50 services.
    let mut vpcs = Vec::new();
    let mut services = Vec::new();
    let mut links = Vec::new();
    for hub in 0..10 {
        let hub_id = format!("hub{hub}");
        vpcs.push(vpc(&hub_id, &format!("10.{hub}.0.0/16")).with_subnet(
            "a",
            &format!("10.{hub}.1.0/24"),
            'a',
        ));
        for spoke in 0..29 {
            let id = format!("spoke{hub}-{spoke}");
            vpcs.push(vpc(&id, &format!("{}.{}.0.0/16", 100 + hub, spoke)));
            links.push(peering(&format!("pcx-{id}"), &id, &hub_id));
        }
        for s in 0..5 {
            let service = format!("svc{hub}-{s}");
            services.push(aws_service(&service, "sqs", TOKYO));
            links.push(interface_endpoint(
                &format!("vpce-{service}"),
                &hub_id,
                &service,
                &[&format!("{hub_id}-a")],
            ));
        }
    }
    let design = design(vpcs, services, links);
    let matrix = reachability_matrix(&design);
    assert_eq!(matrix.nodes.len(), 350);
    let reachable: usize = matrix
        .cells
        .iter()
        .map(|row| row.iter().filter(|cell| cell.is_reachable()).count())
        .sum();
    // Each node reaches itself; each hub its 29 spokes and 5 services;
    // each spoke its hub and the hub's 5 services.
    assert_eq!(reachable, 350 + 10 * (29 + 5) + 290 * 6);
    assert_eq!(
        matrix.get(&Node::vpc("spoke3-7"), &Node::service("svc3-2")),
        Some(&MatrixCell::Reachable {
            via: vec![LinkKind::Peering, LinkKind::InterfaceEndpoint]
        })
    );
    assert_eq!(
        matrix.get(&Node::vpc("spoke3-7"), &Node::service("svc4-2")),
        Some(&MatrixCell::Unreachable)
    );
    assert_eq!(
        matrix.get(&Node::vpc("spoke3-7"), &Node::vpc("spoke3-8")),
        Some(&MatrixCell::Unreachable)
    );
}

proptest::proptest! {
    // Each case asks every pair of nodes; fewer cases keep the suite quick.
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn any_design_gets_well_formed_answers_that_the_matrix_agrees_with(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..80)
    ) {
        let design = arbitrary_design(&bytes);
        let nodes = every_node(&design);
        for from in &nodes {
            for to in &nodes {
                assert_well_formed(&reachability(&design, from, to), from, to);
            }
        }
        assert_matrix_agrees(&design);
    }
}
