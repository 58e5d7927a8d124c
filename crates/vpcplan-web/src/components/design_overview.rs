//! What the open design holds, as tables: VPCs, services and links. It stands
//! where the canvas will be, and marks the things involved in the problem the
//! user chose in the validation panel.

use std::rc::Rc;

use vpcplan_core::design::{EndpointTarget, LinkSpec};
use vpcplan_core::{Lang, Subject};
use yew::prelude::*;

use crate::labels::{service_label, vpc_label};
use crate::shared_design::SharedDesign;
use crate::strings::strings;

#[derive(Properties, PartialEq)]
pub struct DesignOverviewProps {
    pub lang: Lang,
    pub design: SharedDesign,
    /// The things to mark, such as those of the chosen diagnostic.
    #[prop_or_default]
    pub involved: Rc<Vec<Subject>>,
}

#[function_component]
pub fn DesignOverview(props: &DesignOverviewProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let design = &props.design;
    let marked = |subject: Subject| props.involved.contains(&subject);
    let marker = |on: bool| {
        on.then(|| {
            html! { <span class="involved-marker" title={text.involved_marker}>
                <span aria-hidden="true">{ "● " }</span>
                <span class="visually-hidden">{ text.involved_marker }{ ": " }</span>
            </span> }
        })
    };

    let vpcs = design.vpcs.iter().map(|vpc| {
        let on = marked(Subject::Vpc(vpc.id.clone()));
        let cidrs: Vec<String> = vpc
            .ipv4_cidrs
            .iter()
            .map(ToString::to_string)
            .chain(vpc.ipv6_cidrs.iter().map(ToString::to_string))
            .collect();
        let account = design
            .accounts
            .iter()
            .find(|account| account.id == vpc.account)
            .map_or_else(
                || vpc.account.to_string(),
                |account| format!("{} ({})", account.name, account.id),
            );
        html! {
            <tr class={classes!(on.then_some("involved"))} data-vpc={vpc.id.to_string()}>
                <th scope="row">{ marker(on) }{ &vpc.name }</th>
                <td>{ account }</td>
                <td>{ &vpc.region }</td>
                <td>{ cidrs.join(", ") }</td>
            </tr>
        }
    });
    let services = design.services.iter().map(|service| {
        let on = marked(Subject::Service(service.id.clone()));
        html! {
            <tr class={classes!(on.then_some("involved"))}>
                <th scope="row">{ marker(on) }{ &service.name }</th>
                <td>{ &service.region }</td>
            </tr>
        }
    });
    let links = design.links.iter().map(|link| {
        let on = marked(Subject::Link(link.id.clone()));
        let between = match &link.spec {
            LinkSpec::Peering(peering) => format!(
                "{} ↔ {}",
                vpc_label(design, &peering.requester),
                vpc_label(design, &peering.accepter)
            ),
            LinkSpec::InterfaceEndpoint(endpoint) => {
                let target = match &endpoint.target {
                    EndpointTarget::Service(service) | EndpointTarget::GatewayLoadBalancer(service) => {
                        service_label(design, service)
                    }
                    EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => {
                        "VPC Lattice".to_owned()
                    }
                };
                format!("{} → {target}", vpc_label(design, &endpoint.vpc))
            }
            LinkSpec::GatewayEndpoint(endpoint) => format!(
                "{} → {}",
                vpc_label(design, &endpoint.vpc),
                service_label(design, &endpoint.service)
            ),
        };
        let kind = link.kind();
        html! {
            <tr class={classes!(on.then_some("involved"))}>
                <th scope="row">{ marker(on) }<code>{ link.id.as_str() }</code></th>
                <td><span class={classes!("kind", kind.slug())}>{ kind.name().get(lang) }</span></td>
                <td>{ between }</td>
            </tr>
        }
    });

    html! {
        <section class="design-overview" aria-labelledby="design-heading">
            <h2 id="design-heading">{ &design.name }</h2>
            <table class="overview-table">
                <caption>{ text.vpcs_heading }{ format!(" ({})", design.vpcs.len()) }</caption>
                <thead><tr>
                    <th scope="col">{ text.column_name }</th>
                    <th scope="col">{ text.column_account }</th>
                    <th scope="col">{ text.column_region }</th>
                    <th scope="col">{ text.column_cidrs }</th>
                </tr></thead>
                <tbody>{ for vpcs }</tbody>
            </table>
            if !design.services.is_empty() {
                <table class="overview-table">
                    <caption>{ text.services_heading }{ format!(" ({})", design.services.len()) }</caption>
                    <thead><tr>
                        <th scope="col">{ text.column_name }</th>
                        <th scope="col">{ text.column_region }</th>
                    </tr></thead>
                    <tbody>{ for services }</tbody>
                </table>
            }
            if !design.links.is_empty() {
                <table class="overview-table">
                    <caption>{ text.links_heading }{ format!(" ({})", design.links.len()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "ID" }</th>
                        <th scope="col">{ text.column_kind }</th>
                        <th scope="col">{ text.column_between }</th>
                    </tr></thead>
                    <tbody>{ for links }</tbody>
                </table>
            }
        </section>
    }
}
