//! What the open design holds, as tables: VPCs, services and links. It stands
//! where the canvas will be, and marks the things involved in the problem the
//! user chose in the validation panel.

use std::ops::Range;
use std::rc::Rc;

use vpcplan_core::collections::HashMap;
use vpcplan_core::design::{Design, EndpointTarget, LinkSpec, ServiceId, VpcId};
use vpcplan_core::{Lang, LinkKind, Subject};
use yew::prelude::*;

use crate::idle::use_idle_parts;
use crate::labels::{label_of_vpc, service_label, vpc_label};
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

/// The names the link rows give VPCs and services, looked up once per
/// design instead of once per link.
#[derive(PartialEq, Eq)]
struct Labels {
    vpcs: HashMap<VpcId, String>,
    services: HashMap<ServiceId, String>,
}

impl Labels {
    fn of(design: &Design) -> Labels {
        Labels {
            vpcs: design
                .vpcs
                .iter()
                .rev()
                .map(|vpc| (vpc.id.clone(), label_of_vpc(vpc)))
                .collect(),
            services: design
                .services
                .iter()
                .map(|service| (service.id.clone(), service_label(design, &service.id)))
                .collect(),
        }
    }

    fn vpc(&self, design: &Design, id: &VpcId) -> String {
        self.vpcs
            .get(id)
            .cloned()
            .unwrap_or_else(|| vpc_label(design, id))
    }

    fn service(&self, design: &Design, id: &ServiceId) -> String {
        self.services
            .get(id)
            .cloned()
            .unwrap_or_else(|| service_label(design, id))
    }
}

/// Rows built per part. The first render of the overview builds none: its
/// tables are below the editor, out of view, and a large design has
/// thousands of rows, so they come in parts once the browser is idle after
/// the first paint, each part in its own task.
const ROWS_PER_PART: usize = 500;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Vpcs,
    Services,
    Links,
}

/// The parts of the three tables, in the order they are built.
fn parts(design: &Design) -> Vec<(Table, Range<usize>)> {
    [
        (Table::Vpcs, design.vpcs.len()),
        (Table::Services, design.services.len()),
        (Table::Links, design.links.len()),
    ]
    .into_iter()
    .flat_map(|(table, rows)| {
        (0..rows)
            .step_by(ROWS_PER_PART)
            .map(move |start| (table, start..rows.min(start + ROWS_PER_PART)))
    })
    .collect()
}

#[function_component]
pub fn DesignOverview(props: &DesignOverviewProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let design = &props.design;
    let labels = use_memo(design.clone(), |design| Labels::of(design));
    let parts = parts(design);
    let parts_ready = use_idle_parts(parts.len());
    let body = |of: Table| -> Html {
        parts
            .iter()
            .take(parts_ready)
            .filter(|(table, _)| *table == of)
            .map(|(table, rows)| {
                html! {
                    <Rows key={rows.start} {lang} table={*table} rows={rows.clone()}
                        design={design.clone()} labels={labels.clone()} involved={props.involved.clone()} />
                }
            })
            .collect()
    };

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
                <tbody>{ body(Table::Vpcs) }</tbody>
            </table>
            if !design.services.is_empty() {
                <table class="overview-table">
                    <caption>{ text.services_heading }{ format!(" ({})", design.services.len()) }</caption>
                    <thead><tr>
                        <th scope="col">{ text.column_name }</th>
                        <th scope="col">{ text.column_region }</th>
                    </tr></thead>
                    <tbody>{ body(Table::Services) }</tbody>
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
                    <tbody>{ body(Table::Links) }</tbody>
                </table>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowsProps {
    lang: Lang,
    table: Table,
    rows: Range<usize>,
    design: SharedDesign,
    labels: Rc<Labels>,
    involved: Rc<Vec<Subject>>,
}

/// One part of a table's rows. Parts already built render again only when
/// the design or the marked things change; rows are components too, so
/// after an edit only the rows whose text changed touch the page.
#[function_component]
fn Rows(props: &RowsProps) -> Html {
    let lang = props.lang;
    let design = &props.design;
    let labels = &props.labels;
    let marked = |subject: Subject| props.involved.contains(&subject);
    let rows = props.rows.clone();
    match props.table {
        Table::Vpcs => design.vpcs[rows]
            .iter()
            .map(|vpc| {
                let cidrs: Vec<String> = vpc.cidrs().map(|cidr| cidr.to_string()).collect();
                let account = design
                    .accounts
                    .iter()
                    .find(|account| account.id == vpc.account)
                    .map_or_else(
                        || vpc.account.to_string(),
                        |account| format!("{} ({})", account.name, account.id),
                    );
                let cells = vec![
                    AttrValue::from(account),
                    AttrValue::from(vpc.region.clone()),
                    AttrValue::from(cidrs.join(", ")),
                ];
                html! {
                    <Row {lang} involved={marked(Subject::Vpc(vpc.id.clone()))}
                        data_vpc={Some(AttrValue::from(vpc.id.to_string()))}
                        heading={AttrValue::from(vpc.label().to_owned())} {cells} />
                }
            })
            .collect(),
        Table::Services => design.services[rows]
            .iter()
            .map(|service| {
                html! {
                    <Row {lang} involved={marked(Subject::Service(service.id.clone()))}
                        heading={AttrValue::from(service.label().to_owned())}
                        cells={vec![AttrValue::from(service.region.clone())]} />
                }
            })
            .collect(),
        Table::Links => design.links[rows]
            .iter()
            .map(|link| {
                let between = match &link.spec {
                    LinkSpec::Peering(peering) => format!(
                        "{} ↔ {}",
                        labels.vpc(design, &peering.requester),
                        labels.vpc(design, &peering.accepter)
                    ),
                    LinkSpec::InterfaceEndpoint(endpoint) => {
                        let target = match &endpoint.target {
                            EndpointTarget::Service(service)
                            | EndpointTarget::GatewayLoadBalancer(service) => {
                                labels.service(design, service)
                            }
                            EndpointTarget::Resource { .. } | EndpointTarget::ServiceNetwork { .. } => {
                                "VPC Lattice".to_owned()
                            }
                        };
                        format!("{} → {target}", labels.vpc(design, &endpoint.vpc))
                    }
                    LinkSpec::GatewayEndpoint(endpoint) => format!(
                        "{} → {}",
                        labels.vpc(design, &endpoint.vpc),
                        labels.service(design, &endpoint.service)
                    ),
                };
                html! {
                    <LinkRow {lang} involved={marked(Subject::Link(link.id.clone()))}
                        id={AttrValue::from(link.id.to_string())} kind={link.kind()} between={AttrValue::from(between)} />
                }
            })
            .collect(),
    }
}

#[derive(Properties, PartialEq)]
struct InvolvedMarkerProps {
    lang: Lang,
}

#[function_component]
fn InvolvedMarker(props: &InvolvedMarkerProps) -> Html {
    let text = strings(props.lang);
    html! {
        <span class="involved-marker" title={text.involved_marker}>
            <span aria-hidden="true">{ "● " }</span>
            <span class="visually-hidden">{ text.involved_marker }{ ": " }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    lang: Lang,
    involved: bool,
    #[prop_or_default]
    data_vpc: Option<AttrValue>,
    heading: AttrValue,
    cells: Vec<AttrValue>,
}

/// A VPC's or a service's row: its name, then the other columns.
#[function_component]
fn Row(props: &RowProps) -> Html {
    html! {
        <tr class={classes!(props.involved.then_some("involved"))} data-vpc={props.data_vpc.clone()}>
            <th scope="row">
                if props.involved { <InvolvedMarker lang={props.lang} /> }
                { props.heading.clone() }
            </th>
            { for props.cells.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct LinkRowProps {
    lang: Lang,
    involved: bool,
    id: AttrValue,
    kind: LinkKind,
    between: AttrValue,
}

#[function_component]
fn LinkRow(props: &LinkRowProps) -> Html {
    let kind = props.kind;
    html! {
        <tr class={classes!(props.involved.then_some("involved"))}>
            <th scope="row">
                if props.involved { <InvolvedMarker lang={props.lang} /> }
                <code>{ props.id.clone() }</code>
            </th>
            <td><span class={classes!("kind", kind.slug())}>{ kind.name().get(props.lang) }</span></td>
            <td>{ props.between.clone() }</td>
        </tr>
    }
}
