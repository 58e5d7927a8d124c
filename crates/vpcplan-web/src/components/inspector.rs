//! The inspector for the selected node or link: names, account, Region,
//! CIDRs, subnets and route tables of a VPC, the options of each link kind
//! and of an endpoint service. Every field applies one editor command when it
//! changes; a refused edit leaves the document alone and its `EditError`
//! shows next to the field (or inside the subnet, route table or link group
//! it is about), with the typed text kept for fixing.

use std::rc::Rc;
use vpcplan_core::design::{
    DnsRecordIpType, IpAddressType, IpFamily, Link, LinkSpec, RouteTable, ServiceKind, Subnet, Vpc,
    VpcId,
};
use vpcplan_core::regions::REGIONS;
use vpcplan_core::{Design, Lang, Subject};
use vpcplan_editor::{
    Command, EditError, EndpointServiceOptions, Field, GatewayEndpointOptions,
    InterfaceEndpointOptions, Item, NodeId, SubnetFields, accessible_name,
};

use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::idle::use_idle_ready;
use crate::strings::{Strings, strings};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub editor: EditorHandle,
}

/// A refused edit: the error, and the input and text it came from, so the
/// text stays there for fixing (yew resets a controlled input's value to the
/// document's on every render).
struct Refusal {
    error: EditError,
    typed: Option<(web_sys::HtmlInputElement, String)>,
}

/// Applies commands for the fields and remembers the last refusal.
#[derive(Clone)]
struct Apply {
    handle: EditorHandle,
    refusal: UseStateHandle<Option<Rc<Refusal>>>,
}

impl Apply {
    /// Applies `command`, remembering a refusal and the text it came from.
    fn run(&self, command: Command, typed: Option<(web_sys::HtmlInputElement, String)>) {
        match self.handle.update(|e| e.apply(command)) {
            Ok(_) => self.refusal.set(None),
            Err(error) => self.refusal.set(Some(Rc::new(Refusal { error, typed }))),
        }
    }

    /// A callback applying the command made from an input's new value.
    fn on_text(&self, make: impl Fn(String) -> Command + 'static) -> Callback<Event> {
        let apply = self.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let value = input.value();
            apply.run(make(value.clone()), Some((input, value)));
        })
    }

    fn on_check(&self, make: impl Fn(bool) -> Command + 'static) -> Callback<Event> {
        let apply = self.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            // A refused change re-renders with the refusal, and yew sets the
            // box back to what the document says.
            apply.run(make(input.checked()), None);
        })
    }

    fn on_click(&self, command: Command) -> Callback<MouseEvent> {
        let apply = self.clone();
        Callback::from(move |_: MouseEvent| {
            apply.run(command.clone(), None);
        })
    }
}

/// What the forms need besides the item: how to apply, the last refusal,
/// and the language.
struct Form<'a> {
    apply: &'a Apply,
    error: Option<&'a EditError>,
    text: &'static Strings,
    lang: Lang,
}

impl Form<'_> {
    /// The refusal's message when it is about `field` of anything.
    fn at(&self, field: impl Fn(&Field) -> bool) -> Option<String> {
        self.error
            .filter(|e| field(&e.field))
            .map(|e| e.message.get(self.lang).to_owned())
    }

    /// The refusal's message when it is about `subject` (any field of it).
    fn about(&self, subject: &Subject) -> Option<String> {
        self.error
            .filter(|e| e.subject.as_ref() == Some(subject))
            .map(|e| e.message.get(self.lang).to_owned())
    }
}

/// Errors shown inside a subnet, route table or link group are not repeated
/// at the top of the inspector.
fn shown_in_a_group(error: &EditError) -> bool {
    matches!(
        error.subject,
        Some(Subject::Subnet(_) | Subject::RouteTable(_) | Subject::Link(_))
    )
}

#[function_component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let refusal = use_state(|| None::<Rc<Refusal>>);
    // The Region suggestions serve forms that no one has open at start.
    let regions_ready = use_idle_ready();
    let editor = props.editor.editor();
    let item = editor.selection().single();
    // A refusal belongs to the item it was about.
    {
        let refusal = refusal.clone();
        use_effect_with(item.clone(), move |_| refusal.set(None));
    }
    // Put the refused text back after each render.
    {
        let refusal = (*refusal).clone();
        use_effect(move || {
            if let Some((input, typed)) = refusal.as_ref().and_then(|r| r.typed.as_ref())
                && input.value() != *typed
            {
                input.set_value(typed);
            }
        });
    }
    let design = editor.document().clone();
    let open_requested = editor.inspector_open();
    drop(editor);
    // Enter on the canvas opens the inspector: focus its first field.
    let section = use_node_ref();
    {
        let section = section.clone();
        let handle = props.editor.clone();
        use_effect_with(open_requested, move |&open| {
            if open {
                let first = section
                    .cast::<web_sys::Element>()
                    .and_then(|s| s.query_selector("input, select, button").ok().flatten())
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok());
                if let Some(first) = first {
                    let _ = first.focus();
                }
                handle.update(|e| e.set_inspector_open(false));
            }
        });
    }
    let apply = Apply {
        handle: props.editor.clone(),
        refusal: refusal.clone(),
    };
    let error = (*refusal).as_ref().map(|r| r.error.clone());
    let form = Form {
        apply: &apply,
        error: error.as_ref(),
        text,
        lang,
    };

    let body = match &item {
        None => {
            let rename = apply.on_text(|name| Command::RenameDesign { name });
            html! {
                <>
                    <p class="inspector-empty">{ text.inspector_empty }</p>
                    { text_field(text.design_name, &design.name, rename, None) }
                </>
            }
        }
        Some(Item::Node(NodeId::Vpc(id))) => match design.vpc(id) {
            Some(vpc) => vpc_form(&design, vpc, &form),
            None => html! {},
        },
        Some(Item::Node(NodeId::Service(id))) => match design.service(id) {
            Some(service) => service_form(service, &form),
            None => html! {},
        },
        Some(Item::Link(id)) => match design.link(id) {
            Some(link) => link_form(&design, link, &form),
            None => html! {},
        },
    };
    let title = item
        .as_ref()
        .and_then(|item| accessible_name(&design, item, lang))
        .unwrap_or_default();
    let general = error
        .as_ref()
        .filter(|e| e.field == Field::Command && !shown_in_a_group(e))
        .map(|e| html! { <p class="field-error" role="alert">{ e.message.get(lang) }</p> });
    // Keyed by the item, so text typed (and refused) for one item never
    // shows in the same field of the next.
    let key = item.as_ref().map(item_key).unwrap_or_default();
    let regions = if regions_ready { REGIONS } else { &[] };
    let region_options = regions
        .iter()
        .map(|r| html! { <option value={r.code}>{ r.name }</option> });
    html! {
        <section ref={section} class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading">{ text.inspector_heading }</h2>
            if !title.is_empty() {
                <p class="inspector-title">{ title }</p>
            }
            { general.unwrap_or_default() }
            <div class="inspector-body" key={key}>{ body }</div>
            <datalist id="region-codes">
                { for region_options }
            </datalist>
        </section>
    }
}

fn item_key(item: &Item) -> String {
    match item {
        Item::Node(node) => format!("node:{}", node.as_str()),
        Item::Link(link) => format!("link:{link}"),
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn text_field(label: &str, value: &str, onchange: Callback<Event>, error: Option<String>) -> Html {
    input_field(label, value, onchange, error, None)
}

fn input_field(
    label: &str,
    value: &str,
    onchange: Callback<Event>,
    error: Option<String>,
    list: Option<&'static str>,
) -> Html {
    let invalid = error.is_some();
    html! {
        <label class={classes!("field", invalid.then_some("invalid"))}>
            <span class="field-label">{ label.to_owned() }</span>
            <input type="text" value={value.to_owned()} aria-label={label.to_owned()} aria-invalid={invalid.to_string()} {list} {onchange} />
            { error_line(error) }
        </label>
    }
}

fn error_line(error: Option<String>) -> Html {
    match error {
        Some(error) => html! { <span class="field-error" role="alert">{ error }</span> },
        None => html! {},
    }
}

fn checkbox(label: &str, checked: bool, onchange: Callback<Event>) -> Html {
    html! {
        <label class="check">
            <input type="checkbox" {checked} {onchange} />
            { label.to_owned() }
        </label>
    }
}

/// A group of checkboxes (subnets, route tables) with the refusal about it.
fn check_group(legend: &str, boxes: Html, error: Option<String>) -> Html {
    let invalid = error.is_some();
    html! {
        <fieldset class={classes!("choices", invalid.then_some("invalid"))}>
            <legend>{ legend.to_owned() }</legend>
            { boxes }
            { error_line(error) }
        </fieldset>
    }
}

fn subnet_label(subnet: &Subnet) -> String {
    let name = subnet.label();
    let cidr = subnet
        .ipv4_cidr
        .map(|c| c.to_string())
        .or_else(|| subnet.ipv6_cidr.map(|c| c.to_string()))
        .unwrap_or_default();
    format!("{name} {cidr} {}", subnet.availability_zone)
}

fn service_form(service: &vpcplan_core::design::Service, form: &Form) -> Html {
    let (apply, text) = (form.apply, form.text);
    let node = NodeId::Service(service.id.clone());
    let rename = {
        let node = node.clone();
        apply.on_text(move |name| Command::RenameNode {
            node: node.clone(),
            name,
        })
    };
    let region = apply.on_text(move |region| Command::SetRegion {
        node: node.clone(),
        region,
    });
    let options = match &service.kind {
        ServiceKind::EndpointService(endpoint) => {
            let current = EndpointServiceOptions::of(endpoint);
            let set = {
                let service = service.id.clone();
                move |options| Command::SetEndpointServiceOptions {
                    service: service.clone(),
                    options,
                }
            };
            let acceptance = apply.on_check(changed(&current, set.clone(), |o, on| {
                o.acceptance_required = on;
            }));
            let principals = apply.on_text(changed(&current, set.clone(), |o, value: String| {
                o.allowed_principals = split_list(&value);
            }));
            let regions = apply.on_text(changed(&current, set.clone(), |o, value: String| {
                o.supported_regions = split_list(&value);
            }));
            let families = [
                (IpFamily::Ipv4, text.ip_type_ipv4),
                (IpFamily::Ipv6, text.ip_type_ipv6),
            ]
            .into_iter()
            .map(|(family, label)| {
                let toggle = apply.on_check(changed(&current, set.clone(), move |o, on| {
                    o.supported_ip_address_types.retain(|f| *f != family);
                    if on {
                        o.supported_ip_address_types.push(family);
                    }
                }));
                checkbox(
                    label,
                    current.supported_ip_address_types.contains(&family),
                    toggle,
                )
            });
            html! {
                <>
                    { checkbox(text.acceptance_required, current.acceptance_required, acceptance) }
                    { text_field(text.allowed_principals, &current.allowed_principals.join(", "), principals, form.at(|f| matches!(f, Field::Principal(_)))) }
                    { text_field(text.supported_regions, &current.supported_regions.join(", "), regions, form.at(|f| matches!(f, Field::SupportedRegion(_)))) }
                    { check_group(text.supported_ip_address_types, html! { <>{ for families }</> }, form.at(|f| *f == Field::SupportedIpAddressTypes)) }
                </>
            }
        }
        ServiceKind::Aws { service } => html! {
            <p class="service-name"><code>{ service }</code></p>
        },
    };
    html! {
        <>
            { text_field(text.column_name, &service.name, rename, form.at(|f| *f == Field::Name)) }
            { input_field(text.column_region, &service.region, region, form.at(|f| *f == Field::Region), Some("region-codes")) }
            { options }
        </>
    }
}

fn vpc_form(design: &Design, vpc: &Vpc, form: &Form) -> Html {
    let (apply, text) = (form.apply, form.text);
    let id = vpc.id.clone();
    let node = NodeId::Vpc(id.clone());
    let rename = {
        let node = node.clone();
        apply.on_text(move |name| Command::RenameNode {
            node: node.clone(),
            name,
        })
    };
    let account = {
        let vpc = id.clone();
        apply.on_text(move |account| Command::SetAccount {
            vpc: vpc.clone(),
            account,
        })
    };
    let account_name = design
        .accounts
        .iter()
        .find(|a| a.id == vpc.account)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let rename_account = {
        let account = vpc.account.clone();
        apply.on_text(move |name| Command::RenameAccount {
            account: account.clone(),
            name,
        })
    };
    let region = apply.on_text(move |region| Command::SetRegion {
        node: node.clone(),
        region,
    });

    let ipv4: Vec<String> = vpc.ipv4_cidrs.iter().map(ToString::to_string).collect();
    let ipv4_inputs = cidr_inputs(&ipv4, form, Field::Ipv4Cidr, {
        let id = id.clone();
        move |cidrs| Command::SetIpv4Cidrs {
            vpc: id.clone(),
            cidrs,
        }
    })
    .into_iter()
    .enumerate()
    .map(|(index, (onchange, value, error))| {
        let label = if index == 0 {
            text.primary_ipv4_cidr.to_owned()
        } else if index < ipv4.len() {
            format!("{} {}", text.secondary_ipv4_cidr, index)
        } else {
            text.add_ipv4_cidr.to_owned()
        };
        text_field(&label, &value, onchange, error)
    });
    let ipv6: Vec<String> = vpc.ipv6_cidrs.iter().map(ToString::to_string).collect();
    let ipv6_inputs = cidr_inputs(&ipv6, form, Field::Ipv6Cidr, {
        let id = id.clone();
        move |cidrs| Command::SetIpv6Cidrs {
            vpc: id.clone(),
            cidrs,
        }
    })
    .into_iter()
    .enumerate()
    .map(|(index, (onchange, value, error))| {
        let label = if index < ipv6.len() {
            format!("{} {}", text.ipv6_cidr, index + 1)
        } else {
            text.add_ipv6_cidr.to_owned()
        };
        text_field(&label, &value, onchange, error)
    });

    let subnets = vpc
        .subnets
        .iter()
        .map(|subnet| subnet_form(&id, subnet, form));
    let add_subnet = {
        let vpc_id = id.clone();
        let zone = format!("{}a", vpc.region);
        apply.on_text(move |cidr| Command::AddSubnet {
            vpc: vpc_id.clone(),
            subnet: SubnetFields {
                ipv4_cidr: cidr,
                availability_zone: zone.clone(),
                ..SubnetFields::default()
            },
        })
    };
    // A refused new subnet is about a subnet id the VPC does not hold yet.
    let new_subnet_error = form
        .error
        .filter(|e| match &e.subject {
            Some(Subject::Subnet(s)) => !vpc.subnets.iter().any(|own| &own.id == s),
            _ => false,
        })
        .map(|e| e.message.get(form.lang).to_owned());
    let tables = vpc
        .route_tables
        .iter()
        .map(|table| route_table_form(vpc, table, form));
    let add_table = {
        let vpc_id = id.clone();
        apply.on_text(move |name| Command::AddRouteTable {
            vpc: vpc_id.clone(),
            name,
        })
    };

    html! {
        <>
            { text_field(text.column_name, &vpc.name, rename, form.at(|f| *f == Field::Name)) }
            { text_field(text.column_account, vpc.account.as_str(), account, form.at(|f| *f == Field::Account)) }
            { text_field(text.account_name, &account_name, rename_account, None) }
            { input_field(text.column_region, &vpc.region, region, form.at(|f| *f == Field::Region), Some("region-codes")) }
            { for ipv4_inputs }
            { for ipv6_inputs }
            <h3>{ text.subnets_heading }</h3>
            { for subnets }
            { text_field(text.add_subnet, "", add_subnet, new_subnet_error) }
            <h3>{ text.route_tables_heading }</h3>
            { for tables }
            { text_field(text.add_route_table, "", add_table, None) }
        </>
    }
}

/// One input per CIDR and an empty one to add another; emptying an input
/// removes its CIDR. Each comes with its change callback, its text and the
/// refusal about it.
fn cidr_inputs(
    current: &[String],
    form: &Form,
    field: fn(usize) -> Field,
    command: impl Fn(Vec<String>) -> Command + Clone + 'static,
) -> Vec<(Callback<Event>, String, Option<String>)> {
    (0..=current.len())
        .map(|index| {
            let cidrs = current.to_vec();
            let command = command.clone();
            let onchange = form.apply.on_text(move |value| {
                let mut cidrs = cidrs.clone();
                let value = value.trim().to_owned();
                match (index < cidrs.len(), value.is_empty()) {
                    (true, true) => {
                        cidrs.remove(index);
                    }
                    (true, false) => cidrs[index] = value,
                    (false, false) => cidrs.push(value),
                    (false, true) => {}
                }
                command(cidrs)
            });
            let value = current.get(index).cloned().unwrap_or_default();
            (onchange, value, form.at(|f| *f == field(index)))
        })
        .collect()
}

fn subnet_form(vpc: &VpcId, subnet: &Subnet, form: &Form) -> Html {
    let (apply, text) = (form.apply, form.text);
    let fields = SubnetFields {
        name: subnet.name.clone(),
        ipv4_cidr: subnet.ipv4_cidr.map(|c| c.to_string()).unwrap_or_default(),
        ipv6_cidr: subnet.ipv6_cidr.map(|c| c.to_string()).unwrap_or_default(),
        availability_zone: subnet.availability_zone.clone(),
    };
    let edit = |change: fn(&mut SubnetFields, String)| {
        let fields = fields.clone();
        let vpc = vpc.clone();
        let subnet = subnet.id.clone();
        apply.on_text(move |value| {
            let mut fields = fields.clone();
            change(&mut fields, value);
            Command::EditSubnet {
                vpc: vpc.clone(),
                subnet: subnet.clone(),
                fields,
            }
        })
    };
    let remove = apply.on_click(Command::RemoveSubnet {
        vpc: vpc.clone(),
        subnet: subnet.id.clone(),
    });
    let about = form
        .error
        .filter(|e| e.subject == Some(Subject::Subnet(subnet.id.clone())));
    let at = |field: Field| {
        about
            .filter(|e| e.field == field)
            .map(|e| e.message.get(form.lang).to_owned())
    };
    let other = about
        .filter(|e| {
            !matches!(
                e.field,
                Field::SubnetIpv4Cidr | Field::SubnetIpv6Cidr | Field::AvailabilityZone
            )
        })
        .map(|e| e.message.get(form.lang).to_owned());
    html! {
        <fieldset class="subnet">
            <legend>{ subnet.id.as_str() }</legend>
            { text_field(text.column_name, &fields.name, edit(|f, v| f.name = v), None) }
            { text_field(text.subnet_ipv4, &fields.ipv4_cidr, edit(|f, v| f.ipv4_cidr = v), at(Field::SubnetIpv4Cidr)) }
            { text_field(text.subnet_ipv6, &fields.ipv6_cidr, edit(|f, v| f.ipv6_cidr = v), at(Field::SubnetIpv6Cidr)) }
            { text_field(text.availability_zone, &fields.availability_zone, edit(|f, v| f.availability_zone = v), at(Field::AvailabilityZone)) }
            { error_line(other) }
            <button type="button" onclick={remove}>{ text.remove_subnet }</button>
        </fieldset>
    }
}

/// The command that gives `vpc`'s route table the state of `edited`.
fn edit_route_table(vpc: &VpcId, edited: RouteTable) -> Command {
    Command::EditRouteTable {
        vpc: vpc.clone(),
        table: edited.id,
        name: edited.name,
        main: edited.main,
        subnets: edited.subnets,
    }
}

fn route_table_form(vpc: &Vpc, table: &RouteTable, form: &Form) -> Html {
    let (apply, text) = (form.apply, form.text);
    let rename = {
        let (vpc, table) = (vpc.id.clone(), table.clone());
        apply.on_text(move |name| {
            edit_route_table(
                &vpc,
                RouteTable {
                    name,
                    ..table.clone()
                },
            )
        })
    };
    let set_main = {
        let (vpc, table) = (vpc.id.clone(), table.clone());
        apply.on_check(move |main| {
            edit_route_table(
                &vpc,
                RouteTable {
                    main,
                    ..table.clone()
                },
            )
        })
    };
    let boxes = vpc.subnets.iter().map(|subnet| {
        let (vpc, current, subnet_id) = (vpc.id.clone(), table.clone(), subnet.id.clone());
        let toggle = apply.on_check(move |on| {
            let mut edited = current.clone();
            edited.subnets.retain(|s| *s != subnet_id);
            if on {
                edited.subnets.push(subnet_id.clone());
            }
            edit_route_table(&vpc, edited)
        });
        checkbox(
            &subnet_label(subnet),
            table.subnets.contains(&subnet.id),
            toggle,
        )
    });
    let remove = apply.on_click(Command::RemoveRouteTable {
        vpc: vpc.id.clone(),
        table: table.id.clone(),
    });
    let error = form.about(&Subject::RouteTable(table.id.clone()));
    let legend = if table.main {
        format!("{} ({})", table.id, text.main_route_table)
    } else {
        table.id.to_string()
    };
    html! {
        <fieldset class="route-table" data-route-table={table.id.to_string()}>
            <legend>{ legend }</legend>
            { text_field(text.column_name, &table.name, rename, None) }
            { checkbox(text.main_route_table_check, table.main, set_main) }
            { check_group(text.associated_subnets, html! { <>{ for boxes }</> }, None) }
            { error_line(error) }
            <button type="button" onclick={remove} disabled={table.main}>{ text.remove_route_table }</button>
        </fieldset>
    }
}

fn ip_type_label(text: &Strings, ip_type: IpAddressType) -> &'static str {
    match ip_type {
        IpAddressType::Ipv4 => text.ip_type_ipv4,
        IpAddressType::Dualstack => text.ip_type_dualstack,
        IpAddressType::Ipv6 => text.ip_type_ipv6,
    }
}

fn dns_record_label(text: &Strings, record: Option<DnsRecordIpType>) -> &'static str {
    match record {
        None => text.dns_record_default,
        Some(DnsRecordIpType::Ipv4) => text.ip_type_ipv4,
        Some(DnsRecordIpType::Dualstack) => text.ip_type_dualstack,
        Some(DnsRecordIpType::Ipv6) => text.ip_type_ipv6,
        Some(DnsRecordIpType::ServiceDefined) => text.dns_record_service_defined,
    }
}

/// A radio group of `choices` (each with its label), applying the command
/// `make` gives for the one chosen.
fn radio_group<T: Copy + PartialEq + 'static>(
    legend: &str,
    name: &'static str,
    choices: impl IntoIterator<Item = (T, &'static str)>,
    current: T,
    apply: &Apply,
    make: impl Fn(T) -> Command + Clone + 'static,
) -> Html {
    let radios = choices.into_iter().map(|(choice, label)| {
        let make = make.clone();
        let choose = apply.on_check(move |_| make(choice));
        html! {
            <label class="check">
                <input type="radio" {name} checked={choice == current} onchange={choose} />
                { label }
            </label>
        }
    });
    html! {
        <fieldset class={classes!("choices", name)}>
            <legend>{ legend.to_owned() }</legend>
            { for radios }
        </fieldset>
    }
}

/// The IP address type of an endpoint as a radio group.
fn ip_type_choices(
    text: &Strings,
    current: IpAddressType,
    apply: &Apply,
    make: impl Fn(IpAddressType) -> Command + Clone + 'static,
) -> Html {
    let choices = [
        IpAddressType::Ipv4,
        IpAddressType::Dualstack,
        IpAddressType::Ipv6,
    ]
    .map(|choice| (choice, ip_type_label(text, choice)));
    radio_group(
        text.ip_address_type,
        "ip-address-type",
        choices,
        current,
        apply,
        make,
    )
}

/// A command maker for a field: the item's `current` options with the
/// field's new value put in by `change`, given to `command`.
fn changed<O: Clone + 'static, V>(
    current: &O,
    command: impl Fn(O) -> Command + 'static,
    change: impl Fn(&mut O, V) + 'static,
) -> impl Fn(V) -> Command + Clone + 'static {
    let current = current.clone();
    let make = Rc::new(move |value: V| {
        let mut options = current.clone();
        change(&mut options, value);
        command(options)
    });
    move |value| make(value)
}

fn link_form(design: &Design, link: &Link, form: &Form) -> Html {
    let (apply, text) = (form.apply, form.text);
    let id = link.id.clone();
    let about = |field: Field| {
        form.error
            .filter(|e| e.subject == Some(Subject::Link(id.clone())) && e.field == field)
            .map(|e| e.message.get(form.lang).to_owned())
    };
    let whole = about(Field::Command);
    let options = match &link.spec {
        LinkSpec::Peering(peering) => {
            let (dns, ipv6) = (peering.dns_resolution, peering.ipv6);
            let link_id = id.clone();
            let set_dns = apply.on_check(move |on| Command::SetPeeringOptions {
                link: link_id.clone(),
                dns_resolution: on,
                ipv6,
            });
            let link_id = id.clone();
            let set_ipv6 = apply.on_check(move |on| Command::SetPeeringOptions {
                link: link_id.clone(),
                dns_resolution: dns,
                ipv6: on,
            });
            html! {
                <>
                    { checkbox(text.dns_resolution, dns, set_dns) }
                    { checkbox(text.peering_ipv6, ipv6, set_ipv6) }
                </>
            }
        }
        LinkSpec::InterfaceEndpoint(endpoint) => {
            let current = InterfaceEndpointOptions::of(endpoint);
            let set = {
                let link = id.clone();
                move |options| Command::SetInterfaceEndpointOptions {
                    link: link.clone(),
                    options,
                }
            };
            let set_dns = apply.on_check(changed(&current, set.clone(), |o, on| {
                o.private_dns = on;
            }));
            let ip_types = ip_type_choices(
                text,
                current.ip_address_type,
                apply,
                changed(&current, set.clone(), |o, choice| {
                    o.ip_address_type = choice
                }),
            );
            let record_types = [
                None,
                Some(DnsRecordIpType::Ipv4),
                Some(DnsRecordIpType::Dualstack),
                Some(DnsRecordIpType::Ipv6),
                Some(DnsRecordIpType::ServiceDefined),
            ]
            .map(|choice| (choice, dns_record_label(text, choice)));
            let record_types = radio_group(
                text.dns_record_ip_type,
                "dns-record-ip-type",
                record_types,
                current.dns_record_ip_type,
                apply,
                changed(&current, set.clone(), |o, choice| {
                    o.dns_record_ip_type = choice
                }),
            );
            let service_region = apply.on_text(changed(&current, set.clone(), |o, region| {
                o.service_region = region;
            }));
            let boxes = design
                .vpc(&endpoint.vpc)
                .into_iter()
                .flat_map(|vpc| vpc.subnets.iter())
                .map(|subnet| {
                    let subnet_id = subnet.id.clone();
                    let toggle = apply.on_check(changed(&current, set.clone(), move |o, on| {
                        o.subnets.retain(|s| *s != subnet_id);
                        if on {
                            o.subnets.push(subnet_id.clone());
                        }
                    }));
                    checkbox(
                        &subnet_label(subnet),
                        endpoint.subnets.contains(&subnet.id),
                        toggle,
                    )
                });
            html! {
                <>
                    { checkbox(text.private_dns, current.private_dns, set_dns) }
                    { ip_types }
                    { record_types }
                    { input_field(text.service_region, &current.service_region, service_region, about(Field::ServiceRegion), Some("region-codes")) }
                    { check_group(text.subnets_heading, html! { <>{ for boxes }</> }, about(Field::Subnets)) }
                </>
            }
        }
        LinkSpec::GatewayEndpoint(endpoint) => {
            let current = GatewayEndpointOptions::of(endpoint);
            let set = {
                let link = id.clone();
                move |options| Command::SetGatewayEndpointOptions {
                    link: link.clone(),
                    options,
                }
            };
            let boxes = design
                .vpc(&endpoint.vpc)
                .into_iter()
                .flat_map(|vpc| vpc.route_tables.iter())
                .map(|table| {
                    let table_id = table.id.clone();
                    let toggle = apply.on_check(changed(&current, set.clone(), move |o, on| {
                        o.route_tables.retain(|t| *t != table_id);
                        if on {
                            o.route_tables.push(table_id.clone());
                        }
                    }));
                    let label = if table.label() == table.id.as_str() {
                        table.id.to_string()
                    } else {
                        format!("{} ({})", table.name, table.id)
                    };
                    checkbox(&label, endpoint.route_tables.contains(&table.id), toggle)
                });
            let ip_types = ip_type_choices(
                text,
                current.ip_address_type,
                apply,
                changed(&current, set.clone(), |o, choice| {
                    o.ip_address_type = choice
                }),
            );
            html! {
                <>
                    { ip_types }
                    { check_group(text.route_tables_heading, html! { <>{ for boxes }</> }, about(Field::RouteTables)) }
                </>
            }
        }
    };
    html! {
        <>
            { error_line(whole) }
            { options }
        </>
    }
}
