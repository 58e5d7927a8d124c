//! What the open design holds, as tables: VPCs, services and links. It stands
//! where the canvas will be, and marks the things involved in the problem the
//! user chose in the validation panel.

use std::ops::Range;
use std::rc::Rc;

use vpcplan_core::collections::HashMap;
use vpcplan_core::design::{Design, EndpointTarget, LinkSpec, ServiceId, VpcId};
use vpcplan_core::{Lang, LinkKind, Subject};
use yew::prelude::*;

use crate::labels::{label_of_vpc, service_label, vpc_label};
use crate::shared_design::SharedDesign;
use crate::strings::strings;
use crate::windowed::use_windowed;

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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Vpcs,
    Services,
    Links,
}

impl Table {
    fn rows(self, design: &Design) -> usize {
        match self {
            Table::Vpcs => design.vpcs.len(),
            Table::Services => design.services.len(),
            Table::Links => design.links.len(),
        }
    }

    /// Where the first of `involved` is among the table's rows.
    fn first_involved(self, design: &Design, involved: &[Subject]) -> Option<usize> {
        if involved.is_empty() {
            return None;
        }
        match self {
            Table::Vpcs => design
                .vpcs
                .iter()
                .position(|vpc| involved.contains(&Subject::Vpc(vpc.id.clone()))),
            Table::Services => design
                .services
                .iter()
                .position(|service| involved.contains(&Subject::Service(service.id.clone()))),
            Table::Links => design
                .links
                .iter()
                .position(|link| involved.contains(&Subject::Link(link.id.clone()))),
        }
    }
}

/// A row's height before it is measured, in CSS pixels.
const ROW_HEIGHT_ESTIMATE: f64 = 32.0;

#[function_component]
pub fn DesignOverview(props: &DesignOverviewProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let design = &props.design;
    let labels = use_memo(design.clone(), |design| Labels::of(design));
    let table = |table: Table, caption: &str, columns: Vec<&'static str>| {
        html! {
            <OverviewTable {lang} {table} caption={AttrValue::from(caption.to_owned())} {columns}
                design={design.clone()} labels={labels.clone()} involved={props.involved.clone()} />
        }
    };

    html! {
        <section class="design-overview" aria-labelledby="design-heading">
            <h2 id="design-heading">{ &design.name }</h2>
            { table(Table::Vpcs, text.vpcs_heading, vec![text.column_name, text.column_account, text.column_region, text.column_cidrs]) }
            if !design.services.is_empty() {
                { table(Table::Services, text.services_heading, vec![text.column_name, text.column_region]) }
            }
            if !design.links.is_empty() {
                { table(Table::Links, text.links_heading, vec!["ID", text.column_kind, text.column_between]) }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct OverviewTableProps {
    lang: Lang,
    table: Table,
    caption: AttrValue,
    columns: Vec<&'static str>,
    design: SharedDesign,
    labels: Rc<Labels>,
    involved: Rc<Vec<Subject>>,
}

/// One table of the overview, in a scroll box that renders only the rows
/// in view (`windowed`): a design of thousands of VPCs and links puts a few
/// dozen rows in the page, not all of them. The rows' positions in the
/// whole table are given to assistive technology (`aria-rowcount`,
/// `aria-rowindex`), and choosing a diagnostic scrolls its first involved
/// row into view.
#[function_component]
fn OverviewTable(props: &OverviewTableProps) -> Html {
    let design = &props.design;
    let rows = props.table.rows(design);
    let container = use_node_ref();
    let windowed = use_windowed(container.clone(), rows, ROW_HEIGHT_ESTIMATE);
    {
        let windowed = windowed.clone();
        let (table, design) = (props.table, design.clone());
        use_effect_with(props.involved.clone(), move |involved| {
            if let Some(index) = table.first_involved(&design, involved) {
                windowed.reveal(index);
            }
        });
    }
    let caption_id = match props.table {
        Table::Vpcs => "overview-vpcs",
        Table::Services => "overview-services",
        Table::Links => "overview-links",
    };
    let columns = props.columns.len();
    let spacer = |height: f64| {
        (height > 0.0).then(|| {
            html! {
                <tr class="window-spacer" aria-hidden="true">
                    <td colspan={columns.to_string()} style={format!("height: {height}px")}></td>
                </tr>
            }
        })
    };
    let window = &windowed.window;
    html! {
        <div class="table-window" ref={container} tabindex="0" role="region" aria-labelledby={caption_id}>
            <table class="overview-table" aria-rowcount={(rows + 1).to_string()}>
                <caption id={caption_id}>{ props.caption.clone() }{ format!(" ({rows})") }</caption>
                <thead><tr aria-rowindex="1">
                    { for props.columns.iter().map(|column| html! { <th scope="col">{ *column }</th> }) }
                </tr></thead>
                <tbody>
                    { for spacer(window.before) }
                    <Rows lang={props.lang} table={props.table} rows={window.items.clone()}
                        design={design.clone()} labels={props.labels.clone()} involved={props.involved.clone()} />
                    { for spacer(window.after) }
                </tbody>
            </table>
        </div>
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

/// The rows of a table in its window. Rows are components, so after an
/// edit or a scroll only the rows whose text changed or that came into the
/// window touch the page.
#[function_component]
fn Rows(props: &RowsProps) -> Html {
    let lang = props.lang;
    let design = &props.design;
    let labels = &props.labels;
    let marked = |subject: Subject| props.involved.contains(&subject);
    let rows = props.rows.clone();
    match props.table {
        Table::Vpcs => design.vpcs[rows.clone()]
            .iter()
            .zip(rows)
            .map(|(vpc, index)| {
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
                    <Row key={index} {lang} {index} involved={marked(Subject::Vpc(vpc.id.clone()))}
                        data_vpc={Some(AttrValue::from(vpc.id.to_string()))}
                        heading={AttrValue::from(vpc.label().to_owned())} {cells} />
                }
            })
            .collect(),
        Table::Services => design.services[rows.clone()]
            .iter()
            .zip(rows)
            .map(|(service, index)| {
                html! {
                    <Row key={index} {lang} {index} involved={marked(Subject::Service(service.id.clone()))}
                        heading={AttrValue::from(service.label().to_owned())}
                        cells={vec![AttrValue::from(service.region.clone())]} />
                }
            })
            .collect(),
        Table::Links => design.links[rows.clone()]
            .iter()
            .zip(rows)
            .map(|(link, index)| {
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
                    <LinkRow key={index} {lang} {index} involved={marked(Subject::Link(link.id.clone()))}
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
    /// Where the row is in its table.
    index: usize,
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
        <tr class={classes!(props.involved.then_some("involved"))} data-vpc={props.data_vpc.clone()}
            data-window-item={props.index.to_string()} aria-rowindex={(props.index + 2).to_string()}>
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
    /// Where the row is in its table.
    index: usize,
    involved: bool,
    id: AttrValue,
    kind: LinkKind,
    between: AttrValue,
}

#[function_component]
fn LinkRow(props: &LinkRowProps) -> Html {
    let kind = props.kind;
    html! {
        <tr class={classes!(props.involved.then_some("involved"))}
            data-window-item={props.index.to_string()} aria-rowindex={(props.index + 2).to_string()}>
            <th scope="row">
                if props.involved { <InvolvedMarker lang={props.lang} /> }
                <code>{ props.id.clone() }</code>
            </th>
            <td><span class={classes!("kind", kind.slug())}>{ kind.name().get(props.lang) }</span></td>
            <td>{ props.between.clone() }</td>
        </tr>
    }
}
