//! Tests of the geometry: the viewport transform, shapes, group boxes,
//! hit-testing and the layout index.

use vpcplan_core::Design;
use vpcplan_core::design::ServiceKind;

use super::groups::GROUP_MARGIN;
use super::links::parallel_offset;
use super::nodes::{LINE_HEIGHT, PADDING, TITLE_CHAR_WIDTH, VPC_MIN_WIDTH, width_for};
use super::*;

#[test]
fn screen_and_canvas_round_trip_through_pan_and_zoom() {
    let mut viewport = Viewport::default();
    viewport.pan_by(30.0, -10.0);
    viewport.zoom_at(Point::new(200.0, 100.0), 2.0);
    let canvas = viewport.to_canvas(Point::new(200.0, 100.0));
    assert_eq!(viewport.to_screen(canvas), Point::new(200.0, 100.0));
    assert_eq!(canvas, Point::new(170.0, 110.0));
    assert_eq!(viewport.zoom, 2.0);
}

#[test]
fn zoom_is_clamped() {
    let mut viewport = Viewport::default();
    viewport.zoom_at(Point::default(), 1000.0);
    assert_eq!(viewport.zoom, MAX_ZOOM);
    viewport.zoom_at(Point::default(), 0.0001);
    assert_eq!(viewport.zoom, MIN_ZOOM);
}

#[test]
fn fit_centres_the_bounds_and_shows_them_whole() {
    let mut viewport = Viewport {
        width: 800.0,
        height: 600.0,
        ..Viewport::default()
    };
    let bounds = Rect::new(1000.0, 1000.0, 1600.0, 400.0);
    viewport.fit(bounds, 0.0, 1.0);
    assert_eq!(viewport.zoom, 0.5);
    assert_eq!(
        viewport.to_screen(bounds.center()),
        Point::new(400.0, 300.0)
    );
    let visible = viewport.visible();
    assert!(visible.x <= bounds.x && visible.right() >= bounds.right());
}

#[test]
fn the_border_point_lies_on_the_rectangle_edge_towards_the_target() {
    let rect = Rect::new(0.0, 0.0, 100.0, 50.0);
    assert_eq!(
        rect.border_towards(Point::new(500.0, 25.0)),
        Point::new(100.0, 25.0)
    );
    assert_eq!(
        rect.border_towards(Point::new(50.0, -500.0)),
        Point::new(50.0, 0.0)
    );
}

#[test]
fn distance_to_a_segment_is_measured_to_its_nearest_point() {
    let (a, b) = (Point::new(0.0, 0.0), Point::new(10.0, 0.0));
    assert_eq!(distance_to_segment(Point::new(5.0, 3.0), a, b), 3.0);
    assert_eq!(distance_to_segment(Point::new(14.0, 3.0), a, b), 5.0);
}

#[test]
fn a_vpc_grows_with_the_lines_it_shows() {
    let mut design = Design::default();
    crate::command::plan(
        &design,
        &crate::command::Defaults::default(),
        &crate::command::Command::AddVpc {
            at: Point::default(),
        },
    )
    .unwrap()
    .apply_to(&mut design);
    let mut vpc = design.vpcs[0].clone();
    let small = vpc_rect(&vpc);
    assert_eq!(
        small.height,
        2.0 * PADDING + LINE_HEIGHT * vpc_lines(&vpc).len() as f64
    );
    assert_eq!(small.width, VPC_MIN_WIDTH);
    vpc.ipv6_cidrs
        .push("2600:1f18:abcd:1200::/56".parse().unwrap());
    vpc.name = "a-rather-long-name-for-a-vpc".into();
    let big = vpc_rect(&vpc);
    assert_eq!(big.height, small.height + LINE_HEIGHT);
    let lines = vpc_lines(&vpc);
    let longest_detail = lines[1..].iter().map(|l| l.chars().count()).max();
    assert_eq!(
        big.width,
        width_for(lines[0].chars().count(), longest_detail.unwrap())
    );
    assert!(
        big.width >= 28.0 * TITLE_CHAR_WIDTH,
        "wide enough for the bold name"
    );
}

fn design_with(commands: &[crate::command::Command]) -> Design {
    let mut design = Design::default();
    for command in commands {
        crate::command::plan(&design, &crate::command::Defaults::default(), command)
            .unwrap()
            .apply_to(&mut design);
    }
    design
}

fn encloses(outer: &Rect, inner: &Rect) -> bool {
    outer.x <= inner.x
        && outer.y <= inner.y
        && outer.right() >= inner.right()
        && outer.bottom() >= inner.bottom()
}

#[test]
fn an_endpoint_service_sits_inside_its_provider_account_box() {
    use crate::command::Command;
    let design = design_with(&[
        Command::AddAwsService {
            service: "s3".into(),
            at: Point::new(900.0, 400.0),
        },
        Command::AddEndpointService {
            at: Point::new(0.0, 0.0),
        },
    ]);
    let provider = &design.vpcs[0];
    let [s3, endpoint_service] = [0, 1].map(|i| {
        let service = &design.services[i];
        let expected_endpoint_service = i == 1;
        assert_eq!(
            matches!(service.kind, ServiceKind::EndpointService(_)),
            expected_endpoint_service
        );
        service_rect(service)
    });
    let layout = Layout::of(&design);
    let accounts: Vec<&GroupBox> = layout
        .groups
        .iter()
        .filter(|g| g.account.is_some())
        .collect();
    assert_eq!(accounts.len(), 1);
    assert_eq!(
        accounts[0].account.as_deref(),
        Some(provider.account.as_str())
    );
    assert!(encloses(&accounts[0].rect, &endpoint_service));
    assert!(
        !encloses(&accounts[0].rect, &s3),
        "an AWS service belongs to no account"
    );
}

#[test]
fn services_sit_inside_their_region_box() {
    use crate::command::Command;
    let mut design = design_with(&[
        Command::AddVpc {
            at: Point::new(0.0, 0.0),
        },
        Command::AddAwsService {
            service: "s3".into(),
            at: Point::new(600.0, 300.0),
        },
        Command::AddAwsService {
            service: "sqs".into(),
            at: Point::new(-400.0, 0.0),
        },
    ]);
    design.services[1].region = "us-east-1".into();
    let layout = Layout::of(&design);
    let region = |code: &str| {
        layout
            .groups
            .iter()
            .find(|g| g.account.is_none() && g.region == code)
            .unwrap_or_else(|| panic!("no Region box for {code}"))
            .rect
    };
    let s3 = service_rect(&design.services[0]);
    let sqs = service_rect(&design.services[1]);
    assert!(encloses(&region("ap-northeast-1"), &s3));
    assert!(!encloses(&region("ap-northeast-1"), &sqs));
    assert!(encloses(&region("us-east-1"), &sqs));
    assert_eq!(
        layout.groups.iter().filter(|g| g.account.is_some()).count(),
        1,
        "a service has no account box of its own"
    );
}

#[test]
fn group_labels_have_their_own_band_above_what_the_box_holds() {
    let design = design_with(&[crate::command::Command::AddVpc {
        at: Point::new(100.0, 100.0),
    }]);
    let layout = Layout::of(&design);
    let vpc = layout.nodes[0].rect;
    let [region, account] = [None, Some("111111111111")].map(|account| {
        layout
            .groups
            .iter()
            .find(|g| g.account.as_deref() == account)
            .unwrap()
            .rect
    });
    assert!(encloses(&account, &vpc) && encloses(&region, &account));
    // Each label band is GROUP_LABEL_HEIGHT tall at the top of its box,
    // and what the box holds starts below it with a margin.
    assert_eq!(vpc.y - account.y, GROUP_LABEL_HEIGHT + GROUP_MARGIN);
    assert_eq!(account.y - region.y, GROUP_LABEL_HEIGHT + GROUP_MARGIN);
    assert_eq!(vpc.x - account.x, GROUP_MARGIN);
    assert_eq!(account.bottom() - vpc.bottom(), GROUP_MARGIN);
}

#[test]
fn parallel_links_alternate_sides() {
    assert_eq!(
        (0..4).map(parallel_offset).collect::<Vec<_>>(),
        [0.0, 12.0, -12.0, 24.0]
    );
}
