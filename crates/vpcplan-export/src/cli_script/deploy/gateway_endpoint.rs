//! `create-vpc-endpoint` of type `Gateway` (S3, DynamoDB), with the route
//! tables AWS adds its routes to.

use vpcplan_core::catalogue::aws_service;
use vpcplan_core::design::{GatewayEndpoint, IpAddressType, Link, LinkSpec, ServiceKind};
use vpcplan_core::routes::gateway_prefix_list;

use super::Deploy;
use super::ip_address_type;
use crate::cli_script::shell::{AwsCall, Word, escape_controls};

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
        let Some(ServiceKind::Aws { service }) = plan
            .design
            .service(&endpoint.service)
            .map(|service| &service.kind)
        else {
            self.note(format!(
                "gateway endpoint {}: its service is not an AWS service of the design",
                link.id
            ));
            return;
        };
        let service_name = aws_service(service)
            .map(|known| known.service_name(&vpc.region))
            .unwrap_or_else(|| gateway_prefix_list(service, &vpc.region));
        self.section(&format!(
            "Gateway endpoint {} in \"{}\" (AWS adds its routes; no create-route)",
            escape_controls(&link.id.0),
            escape_controls(&vpc.name)
        ));
        self.log("", format!("creating gateway endpoint {}", link.id));
        let tables: Vec<Word> = endpoint
            .route_tables
            .iter()
            .filter(|table| vpc.route_tables.iter().any(|own| &own.id == *table))
            .filter_map(|table| plan.route_tables.get(table))
            .map(|table| Word::var(&table.var))
            .collect();
        let mut call = AwsCall::ec2(
            "create-vpc-endpoint",
            plan.profile(&vpc.account),
            &vpc.region,
        )
        .arg("--vpc-endpoint-type", Word::lit("Gateway"))
        .arg("--vpc-id", Word::var(&vpc_plan.var))
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
                self.tag_specifications("vpc-endpoint", &link.id.0, &link_plan.key),
            )
            .query("VpcEndpoint.VpcEndpointId");
        self.line(call.capture_id(&link_plan.var));
        self.created.push(link_plan.var.clone());
    }
}
