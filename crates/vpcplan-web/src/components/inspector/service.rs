//! The endpoint service's form: acceptance, principals, consumer Regions
//! and IP address types.

use vpcplan_core::design::{IpFamily, ServiceKind};
use vpcplan_editor::{Command, EndpointServiceOptions, Field, NodeId};

use yew::prelude::*;

use super::{Form, changed, check_group, checkbox, input_field, split_list, text_field};

pub(super) fn service_form(service: &vpcplan_core::design::Service, form: &Form) -> Html {
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
