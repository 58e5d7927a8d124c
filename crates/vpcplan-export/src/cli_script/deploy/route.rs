//! `create-route`: routes over peerings (written with their peering) and to
//! targets outside the design.

use vpcplan_core::design::{RouteDestination, RouteTable, RouteTarget, Vpc};

use super::Deploy;
use crate::cli_script::shell::{AwsCall, Word};

impl Deploy<'_, '_> {
    pub(super) fn route(
        &mut self,
        vpc: &Vpc,
        table: &RouteTable,
        profile: &Word,
        destination: &RouteDestination,
        target_flag: &'static str,
        target: Word,
    ) {
        let Some(table_plan) = self.plan.route_tables.get(&table.id) else {
            return;
        };
        let call = AwsCall::ec2("create-route", profile.clone(), &vpc.region)
            .arg_var("--route-table-id", &table_plan.var);
        let call = match destination {
            RouteDestination::Ipv4(net) => {
                call.arg("--destination-cidr-block", Word::lit(net.to_string()))
            }
            RouteDestination::Ipv6(net) => {
                call.arg("--destination-ipv6-cidr-block", self.plan.ipv6(net))
            }
            RouteDestination::PrefixList(list) if list.starts_with("pl-") => call.text(
                "--destination-prefix-list-id",
                "DestinationPrefixListId",
                list,
            ),
            RouteDestination::PrefixList(list) => {
                self.note(format!(
                    "a route of \"{}\" to prefix list \"{list}\" (give its pl- id)",
                    table.name
                ));
                return;
            }
        };
        self.line(call.arg(target_flag, target).run());
    }

    /// Explicit routes to targets outside the design (transit gateways,
    /// network interfaces, …). Peering routes come with their peering;
    /// gateway endpoint routes are added by AWS itself.
    pub(super) fn other_routes(&mut self) {
        let mut started = false;
        for vpc in self.plan.exported_vpcs() {
            let profile = self.plan.profile(&vpc.account);
            for table in &vpc.route_tables {
                for route in &table.routes {
                    let (flag, id) = match &route.target {
                        RouteTarget::Peering(_) | RouteTarget::GatewayEndpoint(_) => continue,
                        RouteTarget::Edge(kind) => {
                            self.note(format!(
                                "a route of \"{}\" to the VPC's {kind:?} (edge gateways are not created by this script)",
                                table.name
                            ));
                            continue;
                        }
                        RouteTarget::Other(id) => match target_flag(id) {
                            Some(flag) => (flag, id),
                            None => {
                                self.note(format!(
                                    "a route of \"{}\" to \"{id}\" (unknown kind of target)",
                                    table.name
                                ));
                                continue;
                            }
                        },
                    };
                    if !started {
                        self.section("Routes to targets outside the design");
                        started = true;
                    }
                    self.route(
                        vpc,
                        table,
                        &profile,
                        &route.destination,
                        flag,
                        Word::lit(id),
                    );
                }
            }
        }
    }
}

/// The `create-route` flag for a target id outside the design, by its prefix.
fn target_flag(id: &str) -> Option<&'static str> {
    let flags = [
        ("tgw-", "--transit-gateway-id"),
        ("nat-", "--nat-gateway-id"),
        ("eni-", "--network-interface-id"),
        ("igw-", "--gateway-id"),
        ("vgw-", "--gateway-id"),
        ("eigw-", "--egress-only-internet-gateway-id"),
        ("pcx-", "--vpc-peering-connection-id"),
        ("lgw-", "--local-gateway-id"),
        ("cagw-", "--carrier-gateway-id"),
    ];
    flags
        .iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, flag)| *flag)
}
