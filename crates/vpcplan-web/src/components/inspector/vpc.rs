//! The VPC's form: name, account, Region, CIDRs, and its subnets and route
//! tables, each a group of its own.

use vpcplan_core::design::{RouteTable, Subnet, Vpc, VpcId};
use vpcplan_core::{Design, Subject};
use vpcplan_editor::{Command, Field, NodeId, SubnetFields};

use yew::prelude::*;

use super::{Form, check_group, checkbox, error_line, input_field, subnet_label, text_field};

pub(super) fn vpc_form(design: &Design, vpc: &Vpc, form: &Form) -> Html {
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
