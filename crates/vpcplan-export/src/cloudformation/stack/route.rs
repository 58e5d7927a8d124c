//! `AWS::EC2::Route`: the routes of a VPC's tables over peerings (gateway
//! endpoint routes come from the endpoint's `RouteTableIds`).

use vpcplan_core::collections::HashSet;
use vpcplan_core::design::{RouteDestination, RouteTarget};

use super::{Builder, Val, id_part};
use crate::cloudformation::node::{Obj, reference};

impl Builder<'_, '_> {
    pub(super) fn emit_routes(&mut self, position: usize) {
        let design = self.ctx.design;
        let vpc = &design.vpcs[position];
        for table in &vpc.route_tables {
            let Some((owner, table_id)) = self.table_ids.get(&table.id).cloned() else {
                continue;
            };
            if owner != position {
                continue;
            }
            let mut seen: HashSet<&RouteDestination> = HashSet::default();
            for route in self.ctx.index.routes_of(&table.id) {
                let describe = || format!("{:?} in route table {}", route.destination, table.id);
                let link = match &route.target {
                    // Gateway-endpoint routes come from the endpoint's
                    // RouteTableIds, never from AWS::EC2::Route.
                    RouteTarget::GatewayEndpoint(_) => continue,
                    RouteTarget::Peering(link) => link,
                    RouteTarget::Edge(kind) => {
                        self.note(format!(
                            "The route to {} via {kind:?} is not exported: the template creates no edge gateways.",
                            describe()
                        ));
                        continue;
                    }
                    RouteTarget::Other(target) => {
                        self.note(format!(
                            "The route to {} via {target} is not exported: add it by hand.",
                            describe()
                        ));
                        continue;
                    }
                };
                let Some((target, other, requester_side)) = self.peering_target(position, link)
                else {
                    self.note(format!(
                        "The route to {} via peering {link} is not exported: that peering is not exported or does not involve this VPC.",
                        describe()
                    ));
                    continue;
                };
                let (key, destination) = match &route.destination {
                    RouteDestination::Ipv4(net) => (
                        "DestinationCidrBlock",
                        Val::literal(net.trunc().to_string()),
                    ),
                    RouteDestination::Ipv6(net) => (
                        "DestinationIpv6CidrBlock",
                        self.ipv6_value(*net, Some(other), requester_side),
                    ),
                    RouteDestination::PrefixList(list) if list.starts_with("pl-") => {
                        ("DestinationPrefixListId", Val::literal(list.as_str()))
                    }
                    RouteDestination::PrefixList(_) => {
                        self.note(format!(
                            "The route to {} is not exported: a route needs a prefix list id (pl-...).",
                            describe()
                        ));
                        continue;
                    }
                };
                if !seen.insert(route.destination) {
                    self.note(format!(
                        "A second route to {} is not exported: a table holds one route per destination.",
                        describe()
                    ));
                    continue;
                }
                let other_name = &design.vpcs[other].name;
                let id = self.ids.allocate(
                    "Route",
                    &format!("{} {}", id_part(&table.name), id_part(other_name)),
                );
                let mut conditions = target.conditions;
                conditions.extend(destination.conditions);
                self.add_resource(
                    &id,
                    "AWS::EC2::Route",
                    Obj::new()
                        .with("RouteTableId", reference(&table_id))
                        .with(key, destination.node)
                        .with("VpcPeeringConnectionId", target.node),
                    &conditions,
                    &destination.after,
                );
            }
        }
    }
}
