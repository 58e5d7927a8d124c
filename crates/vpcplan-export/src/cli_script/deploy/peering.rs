//! `create-vpc-peering-connection`, accepted in the accepter's account and
//! Region, then the routes over it on both sides and its DNS options.

use vpcplan_core::collections::HashSet;
use vpcplan_core::design::{Link, LinkSpec, Peering, RouteDestination, RouteTarget};

use super::Deploy;
use crate::cli_script::shell::{AwsCall, Word, escape_controls, quote};
use crate::shared::names::peering_name;

impl Deploy<'_, '_> {
    pub(super) fn peerings(&mut self) {
        let peerings: Vec<(&Link, &Peering)> = self
            .plan
            .design
            .links
            .iter()
            .filter_map(|link| match &link.spec {
                LinkSpec::Peering(peering) => Some((link, peering)),
                _ => None,
            })
            .collect();
        self.in_runs(&peerings, |part, (link, peering)| {
            part.peering(link, peering)
        });
    }

    fn peering(&mut self, link: &Link, peering: &Peering) {
        let plan = self.plan;
        let (Some(requester), Some(accepter), Some(link_plan)) = (
            plan.exported_vpc(&peering.requester),
            plan.exported_vpc(&peering.accepter),
            plan.links.get(&link.id),
        ) else {
            self.note(format!(
                "peering {} joins a VPC that is not created here",
                link.id
            ));
            return;
        };
        if requester.id == accepter.id {
            self.note(format!("peering {} joins a VPC to itself", link.id));
            return;
        }
        let (Some(requester_plan), Some(accepter_plan)) =
            (plan.vpcs.get(&requester.id), plan.vpcs.get(&accepter.id))
        else {
            return;
        };
        let var = link_plan.var.clone();
        let requester_profile = plan.profile(&requester.account);
        let accepter_profile = plan.profile(&accepter.account);
        self.section(&format!(
            "Peering {}: \"{}\" ({}, {}) requests, \"{}\" ({}, {}) accepts",
            escape_controls(&link.id.0),
            escape_controls(&requester.name),
            escape_controls(&requester.account.0),
            escape_controls(&requester.region),
            escape_controls(&accepter.name),
            escape_controls(&accepter.account.0),
            escape_controls(&accepter.region),
        ));
        self.log("", format!("requesting peering {}", link.id));
        let mut create = AwsCall::ec2(
            "create-vpc-peering-connection",
            requester_profile.clone(),
            &requester.region,
        )
        .arg_var("--vpc-id", &requester_plan.var)
        .arg_var("--peer-vpc-id", &accepter_plan.var);
        if requester.account != accepter.account {
            create = create.text("--peer-owner-id", "PeerOwnerId", &accepter.account.0);
        }
        if requester.region != accepter.region {
            create = create.text("--peer-region", "PeerRegion", &accepter.region);
        }
        create = create
            .arg(
                "--tag-specifications",
                self.tag_specifications(
                    "vpc-peering-connection",
                    &peering_name(requester, accepter),
                    &link.id.0,
                    &link_plan.key,
                ),
            )
            .query("VpcPeeringConnection.VpcPeeringConnectionId");
        self.line(create.capture_id(&var));
        self.created.push(var.clone());
        self.line(
            AwsCall::ec2(
                "wait vpc-peering-connection-exists",
                accepter_profile.clone(),
                &accepter.region,
            )
            .arg_var("--vpc-peering-connection-ids", &var)
            .run(),
        );
        self.line(format!(
            "status=$(wait_peering {} {} {} pending-acceptance active)",
            accepter_profile.render(),
            quote(&accepter.region),
            Word::var(&var).render()
        ));
        self.line("if [[ $status == pending-acceptance ]]; then");
        self.log(
            "    ",
            format!(
                "accepting peering {} in account {}",
                link.id, accepter.account
            ),
        );
        self.line(format!(
            "    {}",
            AwsCall::ec2(
                "accept-vpc-peering-connection",
                accepter_profile.clone(),
                &accepter.region
            )
            .arg_var("--vpc-peering-connection-id", &var)
            .run()
            .replace('\n', "\n    ")
        ));
        self.line("fi");
        self.line(format!(
            "wait_peering {} {} {} active >/dev/null",
            requester_profile.render(),
            quote(&requester.region),
            Word::var(&var).render()
        ));
        let routes = self.routes;
        for (local, profile) in [
            (requester, requester_profile.clone()),
            (accepter, accepter_profile.clone()),
        ] {
            for table in &local.route_tables {
                let mut seen: HashSet<&RouteDestination> = HashSet::default();
                for route in routes.get(&table.id).into_iter().flatten() {
                    let over_this_peering =
                        matches!(&route.target, RouteTarget::Peering(id) if *id == link.id);
                    if over_this_peering && seen.insert(&route.destination) {
                        self.route(
                            local,
                            table,
                            &profile,
                            &route.destination,
                            "--vpc-peering-connection-id",
                            Word::var(&var),
                        );
                    }
                }
            }
        }
        if peering.dns_resolution {
            for (side, profile, vpc) in [
                (
                    "--requester-peering-connection-options",
                    requester_profile,
                    requester,
                ),
                (
                    "--accepter-peering-connection-options",
                    accepter_profile,
                    accepter,
                ),
            ] {
                self.line(
                    AwsCall::ec2(
                        "modify-vpc-peering-connection-options",
                        profile,
                        &vpc.region,
                    )
                    .arg_var("--vpc-peering-connection-id", &var)
                    .arg(side, Word::lit("AllowDnsResolutionFromRemoteVpc=true"))
                    .run(),
                );
            }
        }
    }
}
