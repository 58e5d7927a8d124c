//! The inspector for the selected node or link: names, account, Region,
//! CIDRs, subnets and route tables of a VPC, the options of each link kind
//! and of an endpoint service. Every field applies one editor command when it
//! changes; a refused edit leaves the document alone and its `EditError`
//! shows next to the field, with the typed text kept for fixing.

use vpcplan_core::design::{LinkSpec, ServiceKind, Vpc};
use vpcplan_core::{Design, Lang};
use vpcplan_editor::{Command, EditError, Field, Item, NodeId, SubnetFields, accessible_name};
use yew::prelude::*;

use crate::editor_handle::EditorHandle;
use crate::strings::{Strings, strings};

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub lang: Lang,
    pub editor: EditorHandle,
}

/// Applies commands for the fields and remembers the last refusal.
#[derive(Clone)]
struct Apply {
    handle: EditorHandle,
    error: UseStateHandle<Option<EditError>>,
}

impl Apply {
    fn run(&self, command: Command) {
        match self.handle.update(|e| e.apply(command)) {
            Ok(_) => self.error.set(None),
            Err(error) => self.error.set(Some(error)),
        }
    }

    /// A callback applying the command made from an input's new value.
    fn on_text(&self, make: impl Fn(String) -> Command + 'static) -> Callback<Event> {
        let apply = self.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            apply.run(make(input.value()));
        })
    }

    fn on_check(&self, make: impl Fn(bool) -> Command + 'static) -> Callback<Event> {
        let apply = self.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            apply.run(make(input.checked()));
        })
    }
}

#[function_component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let lang = props.lang;
    let text = strings(lang);
    let error = use_state(|| None::<EditError>);
    let editor = props.editor.editor();
    let item = editor.selection().single();
    // A refusal belongs to the item it was about.
    {
        let error = error.clone();
        use_effect_with(item.clone(), move |_| error.set(None));
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
                    .and_then(|s| s.query_selector("input, button").ok().flatten())
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
        error: error.clone(),
    };
    let error = (*error).clone();

    let body = match &item {
        None => html! { <p class="inspector-empty">{ text.inspector_empty }</p> },
        Some(Item::Node(NodeId::Vpc(id))) => match design.vpc(id) {
            Some(vpc) => vpc_form(vpc, &apply, error.as_ref(), text, lang),
            None => html! {},
        },
        Some(Item::Node(NodeId::Service(id))) => match design.service(id) {
            Some(service) => {
                let name_id = id.clone();
                let rename = apply.on_text(move |name| Command::RenameNode {
                    node: NodeId::Service(name_id.clone()),
                    name,
                });
                let options = match &service.kind {
                    ServiceKind::EndpointService(endpoint) => {
                        let service_id = id.clone();
                        let principals = endpoint.allowed_principals.clone();
                        let acceptance =
                            apply.on_check(move |on| Command::SetEndpointServiceOptions {
                                service: service_id.clone(),
                                acceptance_required: on,
                                allowed_principals: principals.clone(),
                            });
                        let service_id = id.clone();
                        let required = endpoint.acceptance_required;
                        let principals =
                            apply.on_text(move |value| Command::SetEndpointServiceOptions {
                                service: service_id.clone(),
                                acceptance_required: required,
                                allowed_principals: split_list(&value),
                            });
                        html! {
                            <>
                                { checkbox(text.acceptance_required, endpoint.acceptance_required, acceptance) }
                                { text_field(text.allowed_principals, &endpoint.allowed_principals.join(", "), principals, field_error(error.as_ref(), |f| matches!(f, Field::Principal(_)), lang)) }
                            </>
                        }
                    }
                    ServiceKind::Aws { service } => html! {
                        <p class="service-name"><code>{ service }</code></p>
                    },
                };
                html! {
                    <>
                        { text_field(text.column_name, &service.name, rename, field_error(error.as_ref(), |f| *f == Field::Name, lang)) }
                        <p>{ text.column_region }{ ": " }{ &service.region }</p>
                        { options }
                    </>
                }
            }
            None => html! {},
        },
        Some(Item::Link(id)) => match design.links.iter().find(|l| &l.id == id) {
            Some(link) => link_form(&design, link, &apply, text),
            None => html! {},
        },
    };
    let title = item
        .as_ref()
        .and_then(|item| accessible_name(&design, item, lang))
        .unwrap_or_default();
    let general = error
        .as_ref()
        .filter(|e| e.field == Field::Command)
        .map(|e| html! { <p class="field-error" role="alert">{ e.message.get(lang) }</p> });
    html! {
        <section ref={section} class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading">{ text.inspector_heading }</h2>
            if !title.is_empty() {
                <p class="inspector-title">{ title }</p>
            }
            { general.unwrap_or_default() }
            <div class="inspector-body">{ body }</div>
        </section>
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

fn field_error(
    error: Option<&EditError>,
    matches: impl Fn(&Field) -> bool,
    lang: Lang,
) -> Option<String> {
    error
        .filter(|e| matches(&e.field))
        .map(|e| e.message.get(lang).to_owned())
}

fn text_field(label: &str, value: &str, onchange: Callback<Event>, error: Option<String>) -> Html {
    let invalid = error.is_some();
    html! {
        <label class={classes!("field", invalid.then_some("invalid"))}>
            <span class="field-label">{ label.to_owned() }</span>
            <input type="text" value={value.to_owned()} aria-label={label.to_owned()} aria-invalid={invalid.to_string()} {onchange} />
            if let Some(error) = error {
                <span class="field-error" role="alert">{ error }</span>
            }
        </label>
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

fn vpc_form(
    vpc: &Vpc,
    apply: &Apply,
    error: Option<&EditError>,
    text: &Strings,
    lang: Lang,
) -> Html {
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
            account: account.trim().to_owned(),
        })
    };
    let region = {
        let node = node.clone();
        apply.on_text(move |region| Command::SetRegion {
            node: node.clone(),
            region: region.trim().to_owned(),
        })
    };

    // One input per CIDR and an empty one to add another; emptying an input
    // removes its CIDR.
    let ipv4: Vec<String> = vpc.ipv4_cidrs.iter().map(ToString::to_string).collect();
    let ipv4_inputs = (0..=ipv4.len()).map(|index| {
        let current = ipv4.clone();
        let vpc_id = id.clone();
        let onchange = apply.on_text(move |value| {
            let mut cidrs = current.clone();
            let value = value.trim().to_owned();
            match (index < cidrs.len(), value.is_empty()) {
                (true, true) => {
                    cidrs.remove(index);
                }
                (true, false) => cidrs[index] = value,
                (false, false) => cidrs.push(value),
                (false, true) => {}
            }
            Command::SetIpv4Cidrs {
                vpc: vpc_id.clone(),
                cidrs,
            }
        });
        let label = if index == 0 {
            text.primary_ipv4_cidr.to_owned()
        } else if index < ipv4.len() {
            format!("{} {}", text.secondary_ipv4_cidr, index)
        } else {
            text.add_ipv4_cidr.to_owned()
        };
        let value = ipv4.get(index).cloned().unwrap_or_default();
        let message = field_error(error, |f| *f == Field::Ipv4Cidr(index), lang);
        text_field(&label, &value, onchange, message)
    });
    let ipv6 = vpc
        .ipv6_cidrs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let set_ipv6 = {
        let vpc_id = id.clone();
        apply.on_text(move |value| Command::SetIpv6Cidrs {
            vpc: vpc_id.clone(),
            cidrs: split_list(&value),
        })
    };

    let subnets = vpc.subnets.iter().map(|subnet| {
        let fields = SubnetFields {
            name: subnet.name.clone(),
            ipv4_cidr: subnet.ipv4_cidr.map(|c| c.to_string()).unwrap_or_default(),
            ipv6_cidr: subnet.ipv6_cidr.map(|c| c.to_string()).unwrap_or_default(),
            availability_zone: subnet.availability_zone.clone(),
        };
        let edit = |change: fn(&mut SubnetFields, String)| {
            let fields = fields.clone();
            let vpc_id = id.clone();
            let subnet_id = subnet.id.clone();
            apply.on_text(move |value| {
                let mut fields = fields.clone();
                change(&mut fields, value.trim().to_owned());
                Command::EditSubnet {
                    vpc: vpc_id.clone(),
                    subnet: subnet_id.clone(),
                    fields,
                }
            })
        };
        let remove = {
            let apply = apply.clone();
            let vpc = id.clone();
            let subnet = subnet.id.clone();
            Callback::from(move |_: MouseEvent| {
                apply.run(Command::RemoveSubnet {
                    vpc: vpc.clone(),
                    subnet: subnet.clone(),
                })
            })
        };
        let about_this = error.filter(|e| {
            e.subject
                .as_ref()
                .is_some_and(|s| *s == vpcplan_core::Subject::Subnet(subnet.id.clone()))
        });
        html! {
            <fieldset class="subnet">
                <legend>{ subnet.id.as_str() }</legend>
                { text_field(text.column_name, &fields.name, edit(|f, v| f.name = v), None) }
                { text_field(text.subnet_ipv4, &fields.ipv4_cidr, edit(|f, v| f.ipv4_cidr = v), field_error(about_this, |f| *f == Field::SubnetIpv4Cidr, lang)) }
                { text_field(text.availability_zone, &fields.availability_zone, edit(|f, v| f.availability_zone = v), field_error(about_this, |f| *f == Field::AvailabilityZone, lang)) }
                <button type="button" onclick={remove}>{ text.remove_subnet }</button>
            </fieldset>
        }
    });
    let add_subnet = {
        let vpc_id = id.clone();
        let zone = format!("{}a", vpc.region);
        apply.on_text(move |cidr| Command::AddSubnet {
            vpc: vpc_id.clone(),
            subnet: SubnetFields {
                name: String::new(),
                ipv4_cidr: cidr.trim().to_owned(),
                ipv6_cidr: String::new(),
                availability_zone: zone.clone(),
            },
        })
    };
    let new_subnet_error = field_error(
        error.filter(|e| {
            !vpc.subnets
                .iter()
                .any(|s| e.subject == Some(vpcplan_core::Subject::Subnet(s.id.clone())))
        }),
        |f| {
            matches!(
                f,
                Field::SubnetIpv4Cidr | Field::AvailabilityZone | Field::Subnets
            )
        },
        lang,
    );
    let tables = vpc.route_tables.iter().map(|table| {
        let main = if table.main {
            format!(" ({})", text.main_route_table)
        } else {
            String::new()
        };
        html! { <li>{ &table.name }{ main }{ format!(" — {} {}", table.subnets.len(), text.subnets_heading) }</li> }
    });

    html! {
        <>
            { text_field(text.column_name, &vpc.name, rename, field_error(error, |f| *f == Field::Name, lang)) }
            { text_field(text.column_account, vpc.account.as_str(), account, field_error(error, |f| *f == Field::Account, lang)) }
            { text_field(text.column_region, &vpc.region, region, field_error(error, |f| *f == Field::Region, lang)) }
            { for ipv4_inputs }
            { text_field(text.ipv6_cidrs, &ipv6, set_ipv6, field_error(error, |f| matches!(f, Field::Ipv6Cidr(_)), lang)) }
            <h3>{ text.subnets_heading }</h3>
            { for subnets }
            { text_field(text.add_subnet, "", add_subnet, new_subnet_error) }
            <h3>{ text.route_tables_heading }</h3>
            <ul class="route-tables">{ for tables }</ul>
        </>
    }
}

fn link_form(
    design: &Design,
    link: &vpcplan_core::design::Link,
    apply: &Apply,
    text: &Strings,
) -> Html {
    let id = link.id.clone();
    match &link.spec {
        LinkSpec::Peering(peering) => {
            let (dns, ipv6) = (peering.dns_resolution, peering.ipv6);
            let link_id = id.clone();
            let set_dns = apply.on_check(move |on| Command::SetPeeringOptions {
                link: link_id.clone(),
                dns_resolution: on,
                ipv6,
            });
            let set_ipv6 = apply.on_check(move |on| Command::SetPeeringOptions {
                link: id.clone(),
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
            let vpc = design.vpc(&endpoint.vpc);
            let private_dns = endpoint.private_dns;
            let subnets = endpoint.subnets.clone();
            let ip_type = endpoint.ip_address_type;
            let link_id = id.clone();
            let set_dns = apply.on_check(move |on| Command::SetInterfaceEndpointOptions {
                link: link_id.clone(),
                subnets: subnets.clone(),
                private_dns: on,
                ip_address_type: ip_type,
            });
            let boxes = vpc
                .into_iter()
                .flat_map(|vpc| vpc.subnets.iter())
                .map(|subnet| {
                    let chosen = endpoint.subnets.clone();
                    let subnet_id = subnet.id.clone();
                    let link_id = id.clone();
                    let toggle = apply.on_check(move |on| {
                        let mut subnets: Vec<_> = chosen
                            .iter()
                            .filter(|s| **s != subnet_id)
                            .cloned()
                            .collect();
                        if on {
                            subnets.push(subnet_id.clone());
                        }
                        Command::SetInterfaceEndpointOptions {
                            link: link_id.clone(),
                            subnets,
                            private_dns,
                            ip_address_type: ip_type,
                        }
                    });
                    checkbox(
                        &format!("{} {}", subnet.id.as_str(), subnet.availability_zone),
                        endpoint.subnets.contains(&subnet.id),
                        toggle,
                    )
                });
            html! {
                <>
                    { checkbox(text.private_dns, private_dns, set_dns) }
                    <fieldset><legend>{ text.subnets_heading }</legend>{ for boxes }</fieldset>
                </>
            }
        }
        LinkSpec::GatewayEndpoint(endpoint) => {
            let vpc = design.vpc(&endpoint.vpc);
            let boxes = vpc
                .into_iter()
                .flat_map(|vpc| vpc.route_tables.iter())
                .map(|table| {
                    let chosen = endpoint.route_tables.clone();
                    let table_id = table.id.clone();
                    let link_id = id.clone();
                    let toggle = apply.on_check(move |on| {
                        let mut route_tables: Vec<_> =
                            chosen.iter().filter(|t| **t != table_id).cloned().collect();
                        if on {
                            route_tables.push(table_id.clone());
                        }
                        Command::SetGatewayEndpointRouteTables {
                            link: link_id.clone(),
                            route_tables,
                        }
                    });
                    checkbox(
                        &table.name,
                        endpoint.route_tables.contains(&table.id),
                        toggle,
                    )
                });
            html! {
                <fieldset><legend>{ text.route_tables_heading }</legend>{ for boxes }</fieldset>
            }
        }
    }
}
