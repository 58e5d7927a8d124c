//! The link's form: the options of a peering, an interface endpoint or a
//! gateway endpoint.

use vpcplan_core::design::{DnsRecordIpType, IpAddressType, Link, LinkSpec};
use vpcplan_core::{Design, Subject};
use vpcplan_editor::{Command, Field, GatewayEndpointOptions, InterfaceEndpointOptions};

use yew::prelude::*;

use crate::strings::Strings;

use super::{Apply, Form, changed, check_group, checkbox, error_line, input_field, subnet_label};

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

pub(super) fn link_form(design: &Design, link: &Link, form: &Form) -> Html {
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
