//! Rules for route tables (RT-*) and packet sizes (MTU-001).

mod mtu_001_jumbo_frames_over_8500_byte_path;
mod rt_001_too_many_routes;
mod rt_002_duplicate_route_destination;

use super::Rule;
use crate::design::{EdgeGatewayKind, RouteDestination, RouteTarget};

pub(super) const RULES: &[&Rule] = &[
    &rt_001_too_many_routes::RULE,
    &rt_002_duplicate_route_destination::RULE,
    &mtu_001_jumbo_frames_over_8500_byte_path::RULE,
];

/// A route destination as a user reads it: a CIDR or a prefix list name.
fn destination_text(destination: &RouteDestination) -> String {
    match destination {
        RouteDestination::Ipv4(net) => net.to_string(),
        RouteDestination::Ipv6(net) => net.to_string(),
        RouteDestination::PrefixList(name) => name.clone(),
    }
}

/// A route target as a user reads it, in English and Japanese.
fn target_text(target: &RouteTarget) -> (String, String) {
    match target {
        RouteTarget::Peering(link) => (format!("peering {link}"), format!("ピアリング{link}")),
        RouteTarget::GatewayEndpoint(link) => (
            format!("gateway endpoint {link}"),
            format!("ゲートウェイエンドポイント{link}"),
        ),
        RouteTarget::Edge(kind) => {
            let (en, ja) = match kind {
                EdgeGatewayKind::InternetGateway => {
                    ("internet gateway", "インターネットゲートウェイ")
                }
                EdgeGatewayKind::NatGateway => ("NAT gateway", "NATゲートウェイ"),
                EdgeGatewayKind::VpnGateway => {
                    ("virtual private gateway", "仮想プライベートゲートウェイ")
                }
                EdgeGatewayKind::DirectConnect => ("Direct Connect", "Direct Connect"),
                EdgeGatewayKind::TransitGateway => ("transit gateway", "Transit Gateway"),
            };
            (en.to_owned(), ja.to_owned())
        }
        RouteTarget::Other(id) => (id.clone(), id.clone()),
    }
}
