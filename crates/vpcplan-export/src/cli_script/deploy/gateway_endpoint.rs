//! `create-vpc-endpoint` of type `Gateway` (S3, DynamoDB), with the route
//! tables AWS adds its routes to.

use vpcplan_core::design::{GatewayEndpoint, IpAddressType, Link, LinkSpec};

use super::Deploy;
use super::ip_address_type;
use crate::cli_script::shell::{AwsCall, Word, escape_controls};
use crate::shared::endpoints::gateway_endpoint_settings;

impl Deploy<'_, '_> {
    pub(super) fn gateway_endpoints(&mut self) {
        let links: Vec<&Link> = self.plan.design.links.iter().collect();
        for link in links {
            if let LinkSpec::GatewayEndpoint(endpoint) = &link.spec {
                self.gateway_endpoint(link, endpoint);
            }
        }
    }

    fn gateway_endpoint(&mut self, link: &Link, endpoint: &GatewayEndpoint) {
        let plan = self.plan;
        let (Some(vpc), Some(link_plan)) =
            (plan.exported_vpc(&endpoint.vpc), plan.links.get(&link.id))
        else {
            self.note(format!(
                "gateway endpoint {}: its VPC is not created here",
                link.id
            ));
            return;
        };
        let Some(vpc_plan) = plan.vpcs.get(&vpc.id) else {
            return;
        };
        let settings = match gateway_endpoint_settings(plan.design, vpc, link, endpoint) {
            Ok(settings) => settings,
            Err(note) => {
                self.note(note);
                return;
            }
        };
        for note in &settings.notes {
            self.note(note.clone());
        }
        let settings_name = settings.service.name.clone();
        let service_name = settings.service_name;
        self.section(&format!(
            "Gateway endpoint {} in \"{}\" (AWS adds its routes; no create-route)",
            escape_controls(&link.id.0),
            escape_controls(&vpc.name)
        ));
        self.log("", format!("creating gateway endpoint {}", link.id));
        let tables: Vec<Word> = settings
            .route_tables
            .iter()
            .filter_map(|table| plan.route_tables.get(*table))
            .map(|table| Word::var(&table.var))
            .collect();
        let mut call = AwsCall::ec2(
            "create-vpc-endpoint",
            plan.profile(&vpc.account),
            &vpc.region,
        )
        .arg("--vpc-endpoint-type", Word::lit("Gateway"))
        .arg_var("--vpc-id", &vpc_plan.var)
        .text("--service-name", "ServiceName", &service_name);
        if !tables.is_empty() {
            call = call.args("--route-table-ids", tables);
        }
        if endpoint.ip_address_type != IpAddressType::Ipv4 {
            call = call.arg(
                "--ip-address-type",
                Word::lit(ip_address_type(endpoint.ip_address_type)),
            );
        }
        if let Some(policy) = &endpoint.policy {
            call = call.text("--policy-document", "PolicyDocument", policy);
        }
        call = call
            .arg(
                "--tag-specifications",
                self.tag_specifications("vpc-endpoint", &settings_name, &link.id.0, &link_plan.key),
            )
            .query("VpcEndpoint.VpcEndpointId");
        self.line(call.capture_id(&link_plan.var));
        self.created.push(link_plan.var.clone());
    }
}
