//! Commands: every edit of the document, and how each becomes a patch.
//!
//! `plan` checks a command against the document and returns the patch it
//! would apply, or an `EditError` saying what is wrong and where; nothing
//! is applied half-way because nothing is applied until the whole patch is
//! known. Input from the inspector arrives as text (CIDRs, account ids) and
//! is parsed here with `ipnet`.

use std::fmt;

use ipnet::{Ipv4Net, Ipv6Net};
use vpcplan_core::catalogue;
use vpcplan_core::design::*;
use vpcplan_core::diagnostic::{Localized, Subject};
use vpcplan_core::link_kind::LinkKind;
use vpcplan_core::regions::region_by_code;

use crate::geometry::{GRID, Point};
use crate::items::{IdAllocator, NodeId, link_touches};
use crate::patch::{Changes, Patch, Record, RecordId};

/// The Region and account new VPCs and services get; the user changes them
/// in the inspector, and the UI may change these defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Defaults {
    pub region: String,
    pub account: AccountId,
}

impl Default for Defaults {
    fn default() -> Defaults {
        Defaults {
            region: "ap-northeast-1".to_owned(),
            account: AccountId::from("111111111111"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A VPC with the next free /16 CIDR, two subnets and a main route table,
    /// its top-left corner at `at` (snapped to the grid).
    AddVpc {
        at: Point,
    },
    /// An AWS service of the catalogue, by its suffix (`s3`, `sqs`, …).
    AddAwsService {
        service: String,
        at: Point,
    },
    /// A provider VPC and, to its right, an endpoint service behind a
    /// Network Load Balancer in it.
    AddEndpointService {
        at: Point,
    },
    MoveNodes {
        nodes: Vec<NodeId>,
        dx: f64,
        dy: f64,
    },
    /// Removes the nodes and links, with every link attached to a removed
    /// node, endpoint services whose provider VPC goes, intents about removed
    /// nodes, and the routes other VPCs had through removed links.
    Delete {
        nodes: Vec<NodeId>,
        links: Vec<LinkId>,
    },
    /// Copies the nodes (with fresh ids for them and their subnets and route
    /// tables) and the links among them, shifted by `dx`, `dy`.
    Duplicate {
        nodes: Vec<NodeId>,
        dx: f64,
        dy: f64,
    },
    /// A link of `kind` between two nodes, made from the VPC side.
    AddLink {
        from: NodeId,
        to: NodeId,
        kind: LinkKind,
    },
    RenameDesign {
        name: String,
    },
    RenameNode {
        node: NodeId,
        name: String,
    },
    /// Moves a VPC to another account (a 12-digit id), adding the account
    /// to the design if it is new.
    SetAccount {
        vpc: VpcId,
        account: String,
    },
    RenameAccount {
        account: AccountId,
        name: String,
    },
    SetRegion {
        node: NodeId,
        region: String,
    },
    /// The VPC's IPv4 CIDRs, primary first. A subnet that the new CIDRs
    /// leave out moves along with the CIDR it was in (same offset in the CIDR
    /// at the same position), so replacing a fresh VPC's proposed CIDR keeps
    /// its subnets; a subnet that still falls outside refuses the edit.
    SetIpv4Cidrs {
        vpc: VpcId,
        cidrs: Vec<String>,
    },
    SetIpv6Cidrs {
        vpc: VpcId,
        cidrs: Vec<String>,
    },
    /// A subnet with a fresh id; an empty `ipv6_cidr` means none.
    AddSubnet {
        vpc: VpcId,
        subnet: SubnetFields,
    },
    EditSubnet {
        vpc: VpcId,
        subnet: SubnetId,
        fields: SubnetFields,
    },
    /// Removes the subnet and every reference to it (route table and ACL
    /// associations, endpoint subnets, intents from it).
    RemoveSubnet {
        vpc: VpcId,
        subnet: SubnetId,
    },
    AddRouteTable {
        vpc: VpcId,
        name: String,
    },
    /// A subnet associated here leaves the table it was associated with;
    /// making a table main makes the others not main.
    EditRouteTable {
        vpc: VpcId,
        table: RouteTableId,
        name: String,
        main: bool,
        subnets: Vec<SubnetId>,
    },
    RemoveRouteTable {
        vpc: VpcId,
        table: RouteTableId,
    },
    SetPeeringOptions {
        link: LinkId,
        dns_resolution: bool,
        ipv6: bool,
    },
    SetInterfaceEndpointOptions {
        link: LinkId,
        options: InterfaceEndpointOptions,
    },
    SetGatewayEndpointOptions {
        link: LinkId,
        options: GatewayEndpointOptions,
    },
    SetEndpointServiceOptions {
        service: ServiceId,
        options: EndpointServiceOptions,
    },
}

/// An interface endpoint's settings as the inspector edits them.
#[derive(Debug, Clone, PartialEq)]
pub struct InterfaceEndpointOptions {
    pub subnets: Vec<SubnetId>,
    pub private_dns: bool,
    pub ip_address_type: IpAddressType,
    /// `None`: AWS's default for the IP address type.
    pub dns_record_ip_type: Option<DnsRecordIpType>,
    /// The service's Region for cross-Region PrivateLink; empty for the
    /// endpoint's own Region.
    pub service_region: String,
}

impl InterfaceEndpointOptions {
    pub fn of(endpoint: &InterfaceEndpoint) -> InterfaceEndpointOptions {
        InterfaceEndpointOptions {
            subnets: endpoint.subnets.clone(),
            private_dns: endpoint.private_dns,
            ip_address_type: endpoint.ip_address_type,
            dns_record_ip_type: endpoint.dns_record_ip_type,
            service_region: endpoint.service_region.clone().unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct GatewayEndpointOptions {
    pub route_tables: Vec<RouteTableId>,
    pub ip_address_type: IpAddressType,
}

impl GatewayEndpointOptions {
    pub fn of(endpoint: &GatewayEndpoint) -> GatewayEndpointOptions {
        GatewayEndpointOptions {
            route_tables: endpoint.route_tables.clone(),
            ip_address_type: endpoint.ip_address_type,
        }
    }
}

/// An endpoint service's settings as the inspector edits them; Regions and
/// principals as typed, checked when the command is planned.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointServiceOptions {
    pub acceptance_required: bool,
    pub allowed_principals: Vec<String>,
    /// Regions other than the service's own that consumers may connect from.
    pub supported_regions: Vec<String>,
    pub supported_ip_address_types: Vec<IpFamily>,
}

impl EndpointServiceOptions {
    pub fn of(service: &EndpointService) -> EndpointServiceOptions {
        EndpointServiceOptions {
            acceptance_required: service.acceptance_required,
            allowed_principals: service.allowed_principals.clone(),
            supported_regions: service.supported_regions.clone(),
            supported_ip_address_types: service.supported_ip_address_types.clone(),
        }
    }
}

/// A subnet as the inspector edits it: text fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SubnetFields {
    pub name: String,
    /// Empty for an IPv6-only subnet.
    pub ipv4_cidr: String,
    /// Empty for none.
    pub ipv6_cidr: String,
    pub availability_zone: String,
}

/// The inspector field an error is about, so the UI can flag it inline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The command as a whole (a missing node, an impossible link).
    Command,
    Name,
    Account,
    Region,
    /// The Region of the service an interface endpoint reaches.
    ServiceRegion,
    SupportedRegion(usize),
    SupportedIpAddressTypes,
    Ipv4Cidr(usize),
    Ipv6Cidr(usize),
    SubnetIpv4Cidr,
    SubnetIpv6Cidr,
    AvailabilityZone,
    Subnets,
    RouteTables,
    Principal(usize),
}

/// Why a command was refused: the thing and field involved, and a message
/// with the offending value in English and Japanese.
#[derive(Debug, Clone, PartialEq)]
pub struct EditError {
    pub subject: Option<Subject>,
    pub field: Field,
    pub message: Localized,
}

impl EditError {
    /// The same refusal, flagged at another field of the form.
    fn about(self, field: Field) -> EditError {
        EditError { field, ..self }
    }

    fn new(
        subject: Option<Subject>,
        field: Field,
        en: impl Into<String>,
        ja: impl Into<String>,
    ) -> EditError {
        EditError {
            subject,
            field,
            message: Localized::new(en, ja),
        }
    }
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for EditError {}

type Result<T> = std::result::Result<T, EditError>;

fn missing_node(node: &NodeId) -> EditError {
    EditError::new(
        Some(node_subject(node)),
        Field::Command,
        format!("There is no node {} in the design.", node.as_str()),
        format!("設計にノード{}がありません。", node.as_str()),
    )
}

fn missing_link(link: &LinkId) -> EditError {
    EditError::new(
        Some(Subject::Link(link.clone())),
        Field::Command,
        format!("There is no link {link} in the design."),
        format!("設計にリンク{link}がありません。"),
    )
}

fn node_subject(node: &NodeId) -> Subject {
    match node {
        NodeId::Vpc(id) => Subject::Vpc(id.clone()),
        NodeId::Service(id) => Subject::Service(id.clone()),
    }
}

fn vpc<'d>(design: &'d Design, id: &VpcId) -> Result<&'d Vpc> {
    design
        .vpc(id)
        .ok_or_else(|| missing_node(&NodeId::Vpc(id.clone())))
}

fn service<'d>(design: &'d Design, id: &ServiceId) -> Result<&'d Service> {
    design
        .service(id)
        .ok_or_else(|| missing_node(&NodeId::Service(id.clone())))
}

fn link<'d>(design: &'d Design, id: &LinkId) -> Result<&'d Link> {
    design.link(id).ok_or_else(|| missing_link(id))
}

/// Checks `command` against `design` and returns the patch it applies.
pub fn plan(design: &Design, defaults: &Defaults, command: &Command) -> Result<Patch> {
    check_finite(command)?;
    let mut changes = Changes::default();
    let mut ids = IdAllocator::for_design(design);
    match command {
        Command::AddVpc { at } => {
            add_vpc(design, defaults, &mut ids, &mut changes, at.snapped(), None)?;
        }
        Command::AddAwsService { service, at } => {
            let entry = catalogue::aws_service(service).ok_or_else(|| {
                EditError::new(
                    None,
                    Field::Command,
                    format!("{service:?} is not an AWS service vpcplan knows."),
                    format!("{service:?}はvpcplanが知っているAWSサービスではありません。"),
                )
            })?;
            changes.add(Record::Service(Service {
                id: ServiceId::new(ids.next("svc")),
                name: entry.display_name.to_owned(),
                region: defaults.region.clone(),
                kind: ServiceKind::Aws {
                    service: entry.suffix.to_owned(),
                },
                position: at.snapped().into(),
            }));
        }
        Command::AddEndpointService { at } => {
            let at = at.snapped();
            let provider = add_vpc(
                design,
                defaults,
                &mut ids,
                &mut changes,
                at,
                Some("provider"),
            )?;
            let id = ids.next("svc");
            let nlb = ids.next("nlb");
            changes.add(Record::Service(Service {
                name: format!("endpoint service {}", id.trim_start_matches("svc-")),
                id: ServiceId::new(id),
                region: defaults.region.clone(),
                kind: ServiceKind::EndpointService(EndpointService {
                    provider_vpc: provider,
                    network_load_balancers: vec![LoadBalancer {
                        name: nlb,
                        listeners: 1,
                    }],
                    gateway_load_balancers: Vec::new(),
                    acceptance_required: true,
                    allowed_principals: Vec::new(),
                    supported_regions: Vec::new(),
                    supported_ip_address_types: vec![IpFamily::Ipv4],
                    availability_zone_ids: Vec::new(),
                    port: 443,
                }),
                position: Point::new(at.x + 12.0 * GRID, at.y).into(),
            }));
        }
        Command::MoveNodes { nodes, dx, dy } => {
            let moved = |p: &mut Position| {
                p.x += dx;
                p.y += dy;
            };
            for node in nodes {
                edit_node(
                    design,
                    &mut changes,
                    node,
                    |vpc| moved(&mut vpc.position),
                    |service| moved(&mut service.position),
                )?;
            }
        }
        Command::Delete { nodes, links } => delete(design, nodes, links, &mut changes)?,
        Command::Duplicate { nodes, dx, dy } => {
            duplicate(design, nodes, *dx, *dy, &mut ids, &mut changes)?
        }
        Command::AddLink { from, to, kind } => {
            let spec = link_spec(design, from, to, *kind)?;
            changes.add(Record::Link(Link {
                id: LinkId::new(ids.next("link")),
                spec,
            }));
        }
        Command::RenameDesign { name } => changes.update(Record::Name(name.trim().to_owned())),
        Command::RenameNode { node, name } => {
            let name = check_name(node_subject(node), name)?;
            edit_node(
                design,
                &mut changes,
                node,
                |vpc| vpc.name = name.clone(),
                |service| service.name = name.clone(),
            )?;
        }
        Command::SetAccount { vpc: id, account } => {
            let mut vpc = vpc(design, id)?.clone();
            let account = check_account(Subject::Vpc(id.clone()), account)?;
            if !design.accounts.iter().any(|a| a.id == account) {
                changes.add(Record::Account(Account {
                    id: account.clone(),
                    name: String::new(),
                }));
            }
            vpc.account = account;
            changes.update(Record::Vpc(vpc));
        }
        Command::RenameAccount { account, name } => {
            let mut record = design
                .accounts
                .iter()
                .find(|a| &a.id == account)
                .cloned()
                .ok_or_else(|| {
                    EditError::new(
                        Some(Subject::Account(account.clone())),
                        Field::Account,
                        format!("There is no account {account} in the design."),
                        format!("設計にアカウント{account}がありません。"),
                    )
                })?;
            record.name = name.trim().to_owned();
            changes.update(Record::Account(record));
        }
        Command::SetRegion { node, region } => {
            let region = check_region(node_subject(node), region)?;
            // An endpoint service is in its provider VPC's Region: they move together.
            let moving = with_region_partners(design, node)?;
            for node in &moving {
                edit_node(
                    design,
                    &mut changes,
                    node,
                    |vpc| {
                        for subnet in &mut vpc.subnets {
                            if let Some(letter) = az_letter(&vpc.region, &subnet.availability_zone)
                            {
                                subnet.availability_zone = format!("{region}{letter}");
                                subnet.availability_zone_id = None;
                            }
                        }
                        vpc.region = region.clone();
                    },
                    |service| service.region = region.clone(),
                )?;
            }
            follow_service_regions(design, &mut changes, &moving, &region);
        }
        Command::SetIpv4Cidrs { vpc: id, cidrs } => {
            let mut vpc = vpc(design, id)?.clone();
            let cidrs = parse_vpc_ipv4(id, cidrs)?;
            carry_subnets(&vpc.ipv4_cidrs.clone(), &cidrs, &mut vpc.subnets);
            vpc.ipv4_cidrs = cidrs;
            check_subnets_inside(&vpc)?;
            changes.update(Record::Vpc(vpc));
        }
        Command::SetIpv6Cidrs { vpc: id, cidrs } => {
            let mut vpc = vpc(design, id)?.clone();
            vpc.ipv6_cidrs = parse_vpc_ipv6(id, cidrs)?;
            check_subnets_inside(&vpc)?;
            changes.update(Record::Vpc(vpc));
        }
        Command::AddSubnet { vpc: id, subnet } => {
            let mut vpc = vpc(design, id)?.clone();
            let new = Subnet {
                id: SubnetId::new(ids.next("subnet")),
                name: String::new(),
                ipv4_cidr: None,
                ipv6_cidr: None,
                availability_zone: String::new(),
                availability_zone_id: None,
            };
            let new = fill_subnet(&vpc, new, subnet)?;
            vpc.subnets.push(new);
            changes.update(Record::Vpc(vpc));
        }
        Command::EditSubnet {
            vpc: id,
            subnet,
            fields,
        } => {
            let mut vpc = vpc(design, id)?.clone();
            let index = subnet_index(&vpc, subnet)?;
            let old = vpc.subnets.remove(index);
            let edited = fill_subnet(&vpc, old, fields)?;
            vpc.subnets.insert(index, edited);
            changes.update(Record::Vpc(vpc));
        }
        Command::RemoveSubnet { vpc: id, subnet } => {
            let mut vpc = vpc(design, id)?.clone();
            let index = subnet_index(&vpc, subnet)?;
            vpc.subnets.remove(index);
            for table in &mut vpc.route_tables {
                table.subnets.retain(|s| s != subnet);
            }
            for acl in &mut vpc.network_acls {
                acl.subnets.retain(|s| s != subnet);
            }
            changes.update(Record::Vpc(vpc));
            for intent in &design.intents {
                if matches!(&intent.from, IntentSource::Subnet { subnet: s, .. } if s == subnet) {
                    changes.remove(RecordId::Intent(intent.id.clone()));
                }
            }
            for link in &design.links {
                let mut edited = link.clone();
                match &mut edited.spec {
                    LinkSpec::InterfaceEndpoint(e) if &e.vpc == id => {
                        e.subnets.retain(|s| s != subnet)
                    }
                    LinkSpec::GatewayEndpoint(e) if &e.vpc == id => {
                        e.subnets.retain(|s| s != subnet)
                    }
                    _ => continue,
                }
                changes.update(Record::Link(edited));
            }
        }
        Command::AddRouteTable { vpc: id, name } => {
            let mut vpc = vpc(design, id)?.clone();
            let main = vpc.route_tables.is_empty();
            vpc.route_tables.push(RouteTable {
                id: RouteTableId::new(ids.next("rtb")),
                name: name.trim().to_owned(),
                main,
                subnets: Vec::new(),
                routes: Vec::new(),
            });
            changes.update(Record::Vpc(vpc));
        }
        Command::EditRouteTable {
            vpc: id,
            table,
            name,
            main,
            subnets,
        } => {
            let mut vpc = vpc(design, id)?.clone();
            let index = route_table_index(&vpc, table)?;
            check_subnets_exist(&vpc, subnets, Subject::RouteTable(table.clone()))?;
            if !main && vpc.route_tables[index].main {
                return Err(EditError::new(
                    Some(Subject::RouteTable(table.clone())),
                    Field::Command,
                    format!(
                        "Route table {table} is the main table of {id}: make another table main instead."
                    ),
                    format!(
                        "ルートテーブル{table}は{id}のメインテーブルです。代わりに別のテーブルをメインにしてください。"
                    ),
                ));
            }
            for (i, other) in vpc.route_tables.iter_mut().enumerate() {
                if i != index {
                    other.subnets.retain(|s| !subnets.contains(s));
                    if *main {
                        other.main = false;
                    }
                }
            }
            let edited = &mut vpc.route_tables[index];
            edited.name = name.trim().to_owned();
            edited.main = *main;
            edited.subnets = dedup(subnets);
            changes.update(Record::Vpc(vpc));
        }
        Command::RemoveRouteTable { vpc: id, table } => {
            let mut vpc = vpc(design, id)?.clone();
            let index = route_table_index(&vpc, table)?;
            if vpc.route_tables[index].main {
                return Err(EditError::new(
                    Some(Subject::RouteTable(table.clone())),
                    Field::Command,
                    format!("Route table {table} is the main table of {id} and cannot be removed."),
                    format!("ルートテーブル{table}は{id}のメインテーブルなので削除できません。"),
                ));
            }
            vpc.route_tables.remove(index);
            changes.update(Record::Vpc(vpc));
            for link in &design.links {
                if let LinkSpec::GatewayEndpoint(e) = &link.spec
                    && &e.vpc == id
                    && e.route_tables.contains(table)
                {
                    let mut edited = link.clone();
                    if let LinkSpec::GatewayEndpoint(e) = &mut edited.spec {
                        e.route_tables.retain(|t| t != table);
                    }
                    changes.update(Record::Link(edited));
                }
                if let LinkSpec::Peering(p) = &link.spec
                    && p.excluded_route_tables.contains(table)
                {
                    let mut edited = link.clone();
                    if let LinkSpec::Peering(p) = &mut edited.spec {
                        p.excluded_route_tables.retain(|t| t != table);
                    }
                    changes.update(Record::Link(edited));
                }
            }
        }
        Command::SetPeeringOptions {
            link: id,
            dns_resolution,
            ipv6,
        } => {
            let mut edited = link(design, id)?.clone();
            let LinkSpec::Peering(p) = &mut edited.spec else {
                return Err(wrong_kind(id, LinkKind::Peering));
            };
            p.dns_resolution = *dns_resolution;
            p.ipv6 = *ipv6;
            changes.update(Record::Link(edited));
        }
        Command::SetInterfaceEndpointOptions { link: id, options } => {
            let mut edited = link(design, id)?.clone();
            let LinkSpec::InterfaceEndpoint(e) = &mut edited.spec else {
                return Err(wrong_kind(id, LinkKind::InterfaceEndpoint));
            };
            let subject = Subject::Link(id.clone());
            check_subnets_exist(vpc(design, &e.vpc)?, &options.subnets, subject.clone())?;
            let service_region = options.service_region.trim();
            e.service_region = if service_region.is_empty() {
                None
            } else {
                let region = check_region(subject, service_region)
                    .map_err(|error| error.about(Field::ServiceRegion))?;
                Some(region)
            };
            e.subnets = dedup(&options.subnets);
            e.private_dns = options.private_dns;
            e.ip_address_type = options.ip_address_type;
            e.dns_record_ip_type = options.dns_record_ip_type;
            changes.update(Record::Link(edited));
        }
        Command::SetGatewayEndpointOptions { link: id, options } => {
            let mut edited = link(design, id)?.clone();
            let LinkSpec::GatewayEndpoint(e) = &mut edited.spec else {
                return Err(wrong_kind(id, LinkKind::GatewayEndpoint));
            };
            let owner = vpc(design, &e.vpc)?;
            if let Some(unknown) = options
                .route_tables
                .iter()
                .find(|t| !owner.route_tables.iter().any(|rt| &rt.id == *t))
            {
                return Err(EditError::new(
                    Some(Subject::Link(id.clone())),
                    Field::RouteTables,
                    format!("Route table {unknown} is not in {}.", owner.id),
                    format!("ルートテーブル{unknown}は{}にありません。", owner.id),
                ));
            }
            e.route_tables = dedup(&options.route_tables);
            e.ip_address_type = options.ip_address_type;
            changes.update(Record::Link(edited));
        }
        Command::SetEndpointServiceOptions {
            service: id,
            options,
        } => {
            let mut edited = service(design, id)?.clone();
            let own_region = edited.region.clone();
            let ServiceKind::EndpointService(es) = &mut edited.kind else {
                return Err(EditError::new(
                    Some(Subject::Service(id.clone())),
                    Field::Command,
                    format!("{id} is an AWS service, not an endpoint service."),
                    format!("{id}はAWSサービスで、エンドポイントサービスではありません。"),
                ));
            };
            es.acceptance_required = options.acceptance_required;
            es.allowed_principals = check_principals(id, &options.allowed_principals)?;
            es.supported_regions =
                check_supported_regions(id, &own_region, &options.supported_regions)?;
            if options.supported_ip_address_types.is_empty() {
                return Err(EditError::new(
                    Some(Subject::Service(id.clone())),
                    Field::SupportedIpAddressTypes,
                    format!("{id} must support IPv4, IPv6 or both."),
                    format!("{id}はIPv4、IPv6、またはその両方に対応する必要があります。"),
                ));
            }
            es.supported_ip_address_types = [IpFamily::Ipv4, IpFamily::Ipv6]
                .into_iter()
                .filter(|family| options.supported_ip_address_types.contains(family))
                .collect();
            changes.update(Record::Service(edited));
        }
    }
    Ok(Patch::place(design, changes))
}

/// The node that changes Region and the nodes that go with it: an endpoint
/// service and its provider VPC, either way round.
fn with_region_partners(design: &Design, node: &NodeId) -> Result<Vec<NodeId>> {
    let mut moving = vec![node.clone()];
    match node {
        NodeId::Vpc(id) => {
            vpc(design, id)?;
            moving.extend(
                design
                    .services
                    .iter()
                    .filter(|s| matches!(&s.kind, ServiceKind::EndpointService(es) if es.provider_vpc == *id))
                    .map(|s| NodeId::Service(s.id.clone())),
            );
        }
        NodeId::Service(id) => {
            if let ServiceKind::EndpointService(es) = &service(design, id)?.kind
                && design.vpc(&es.provider_vpc).is_some()
            {
                moving.push(NodeId::Vpc(es.provider_vpc.clone()));
                moving.extend(
                    design
                        .services
                        .iter()
                        .filter(|s| s.id != *id)
                        .filter(|s| matches!(&s.kind, ServiceKind::EndpointService(other) if other.provider_vpc == es.provider_vpc))
                        .map(|s| NodeId::Service(s.id.clone())),
                );
            }
        }
    }
    Ok(moving)
}

/// Keeps the interface endpoints at the ends of nodes that changed Region
/// naming the service's Region exactly when it is not their own, as new
/// endpoints do.
fn follow_service_regions(design: &Design, changes: &mut Changes, moved: &[NodeId], region: &str) {
    let region_of = |node: NodeId, before: Option<&str>| -> Option<String> {
        if moved.contains(&node) {
            Some(region.to_owned())
        } else {
            before.map(str::to_owned)
        }
    };
    for link in &design.links {
        let LinkSpec::InterfaceEndpoint(e) = &link.spec else {
            continue;
        };
        let EndpointTarget::Service(target) = &e.target else {
            continue;
        };
        let (consumer, service) = (NodeId::Vpc(e.vpc.clone()), NodeId::Service(target.clone()));
        if !moved.contains(&consumer) && !moved.contains(&service) {
            continue;
        }
        let consumer_region = region_of(consumer, design.vpc(&e.vpc).map(|v| v.region.as_str()));
        let service_region = region_of(service, design.service(target).map(|s| s.region.as_str()));
        let (Some(consumer_region), Some(service_region)) = (consumer_region, service_region)
        else {
            continue;
        };
        let wanted = (consumer_region != service_region).then_some(service_region);
        if e.service_region != wanted {
            let mut edited = link.clone();
            if let LinkSpec::InterfaceEndpoint(e) = &mut edited.spec {
                e.service_region = wanted;
            }
            changes.update(Record::Link(edited));
        }
    }
}

/// Updates a node's record with the edit for its kind.
fn edit_node(
    design: &Design,
    changes: &mut Changes,
    node: &NodeId,
    edit_vpc: impl FnOnce(&mut Vpc),
    edit_service: impl FnOnce(&mut Service),
) -> Result<()> {
    match node {
        NodeId::Vpc(id) => {
            let mut edited = vpc(design, id)?.clone();
            edit_vpc(&mut edited);
            changes.update(Record::Vpc(edited));
        }
        NodeId::Service(id) => {
            let mut edited = service(design, id)?.clone();
            edit_service(&mut edited);
            changes.update(Record::Service(edited));
        }
    }
    Ok(())
}

/// Positions and offsets must be numbers (a NaN from a broken event would
/// put a node nowhere).
fn check_finite(command: &Command) -> Result<()> {
    let numbers: Vec<f64> = match command {
        Command::AddVpc { at }
        | Command::AddAwsService { at, .. }
        | Command::AddEndpointService { at } => vec![at.x, at.y],
        Command::MoveNodes { dx, dy, .. } | Command::Duplicate { dx, dy, .. } => vec![*dx, *dy],
        _ => Vec::new(),
    };
    if numbers.iter().all(|n| n.is_finite()) {
        Ok(())
    } else {
        Err(EditError::new(
            None,
            Field::Command,
            "A position or distance on the canvas is not a finite number.",
            "キャンバス上の位置または距離が有限の数値ではありません。",
        ))
    }
}

fn wrong_kind(id: &LinkId, expected: LinkKind) -> EditError {
    let name = expected.name();
    EditError::new(
        Some(Subject::Link(id.clone())),
        Field::Command,
        format!("Link {id} is not a {}.", name.en),
        format!("リンク{id}は{}ではありません。", name.ja),
    )
}

fn dedup<T: PartialEq + Clone>(items: &[T]) -> Vec<T> {
    let mut unique: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !unique.contains(item) {
            unique.push(item.clone());
        }
    }
    unique
}

/// The next /16 in 10.0.0.0/8, then 172.16.0.0/12, then 192.168.0.0/16, that
/// overlaps no IPv4 CIDR of the design (the first 10.x.0.0/16 for a design
/// without VPCs).
pub fn propose_ipv4_cidr(design: &Design) -> Option<Ipv4Net> {
    let taken: Vec<Ipv4Net> = design
        .vpcs
        .iter()
        .flat_map(|vpc| vpc.ipv4_cidrs.iter().copied())
        .collect();
    let pools: [Ipv4Net; 3] = [
        "10.0.0.0/8".parse().expect("valid"),
        "172.16.0.0/12".parse().expect("valid"),
        "192.168.0.0/16".parse().expect("valid"),
    ];
    pools
        .iter()
        .flat_map(|pool| pool.subnets(16).expect("/16 fits each pool"))
        .find(|candidate| {
            !taken
                .iter()
                .any(|t| t.contains(candidate) || candidate.contains(t))
        })
}

fn add_vpc(
    design: &Design,
    defaults: &Defaults,
    ids: &mut IdAllocator<'_>,
    changes: &mut Changes,
    at: Point,
    name_prefix: Option<&str>,
) -> Result<VpcId> {
    let cidr = propose_ipv4_cidr(design).ok_or_else(|| {
        EditError::new(
            None,
            Field::Ipv4Cidr(0),
            "Every /16 of 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16 is taken: free one before adding a VPC.",
            "10.0.0.0/8、172.16.0.0/12、192.168.0.0/16のすべての/16が使用中です。VPCを追加する前にどれかを空けてください。",
        )
    })?;
    let id = ids.next("vpc");
    let subnets: Vec<Subnet> = ["a", "c"]
        .iter()
        .zip(cidr.subnets(24).expect("/24 fits a /16"))
        .map(|(letter, block)| Subnet {
            id: SubnetId::new(ids.next("subnet")),
            name: format!("private-{letter}"),
            ipv4_cidr: Some(block),
            ipv6_cidr: None,
            availability_zone: format!("{}{letter}", defaults.region),
            availability_zone_id: None,
        })
        .collect();
    let route_table = RouteTable {
        id: RouteTableId::new(ids.next("rtb")),
        name: "main".to_owned(),
        main: true,
        subnets: Vec::new(),
        routes: Vec::new(),
    };
    if !design.accounts.iter().any(|a| a.id == defaults.account)
        && !changes
            .adds
            .iter()
            .any(|r| r.id() == RecordId::Account(defaults.account.clone()))
    {
        changes.add(Record::Account(Account {
            id: defaults.account.clone(),
            name: String::new(),
        }));
    }
    let name = match name_prefix {
        Some(prefix) => format!("{prefix}-{}", id.trim_start_matches("vpc-")),
        None => id.clone(),
    };
    let id = VpcId::new(id);
    changes.add(Record::Vpc(Vpc {
        id: id.clone(),
        name,
        account: defaults.account.clone(),
        region: defaults.region.clone(),
        ipv4_cidrs: vec![cidr],
        ipv6_cidrs: Vec::new(),
        dns_support: true,
        dns_hostnames: true,
        subnets,
        route_tables: vec![route_table],
        security_groups: Vec::new(),
        edge_gateways: Vec::new(),
        network_acls: Vec::new(),
        jumbo_frames: false,
        position: at.into(),
    }));
    Ok(id)
}

fn delete(
    design: &Design,
    nodes: &[NodeId],
    links: &[LinkId],
    changes: &mut Changes,
) -> Result<()> {
    let mut doomed: Vec<NodeId> = Vec::new();
    for node in nodes {
        if !node.exists_in(design) {
            return Err(missing_node(node));
        }
        doomed.push(node.clone());
    }
    for service in &design.services {
        if let ServiceKind::EndpointService(es) = &service.kind
            && doomed.contains(&NodeId::Vpc(es.provider_vpc.clone()))
        {
            doomed.push(NodeId::Service(service.id.clone()));
        }
    }
    for link in links {
        self::link(design, link)?;
        changes.remove(RecordId::Link(link.clone()));
    }
    for node in &doomed {
        changes.remove(match node {
            NodeId::Vpc(id) => RecordId::Vpc(id.clone()),
            NodeId::Service(id) => RecordId::Service(id.clone()),
        });
    }
    for link in &design.links {
        if doomed.iter().any(|node| link_touches(&link.spec, node)) {
            changes.remove(RecordId::Link(link.id.clone()));
        }
    }
    for intent in &design.intents {
        let source = match &intent.from {
            IntentSource::Vpc(vpc) | IntentSource::Subnet { vpc, .. } => NodeId::Vpc(vpc.clone()),
        };
        let target = match &intent.to {
            IntentTarget::Vpc(vpc) => NodeId::Vpc(vpc.clone()),
            IntentTarget::Service(service) => NodeId::Service(service.clone()),
        };
        if doomed.contains(&source) || doomed.contains(&target) {
            changes.remove(RecordId::Intent(intent.id.clone()));
        }
    }
    let removed_links: Vec<&LinkId> = changes
        .removes
        .iter()
        .filter_map(|id| match id {
            RecordId::Link(link) => Some(link),
            _ => None,
        })
        .collect();
    let mut updated_vpcs = Vec::new();
    for vpc in &design.vpcs {
        let through_removed = |route: &Route| match &route.target {
            RouteTarget::Peering(link) | RouteTarget::GatewayEndpoint(link) => {
                removed_links.contains(&link)
            }
            _ => false,
        };
        if vpc
            .route_tables
            .iter()
            .any(|table| table.routes.iter().any(through_removed))
        {
            let mut edited = vpc.clone();
            for table in &mut edited.route_tables {
                table.routes.retain(|route| !through_removed(route));
            }
            updated_vpcs.push(Record::Vpc(edited));
        }
    }
    for vpc in updated_vpcs {
        changes.update(vpc);
    }
    Ok(())
}

fn duplicate(
    design: &Design,
    nodes: &[NodeId],
    dx: f64,
    dy: f64,
    ids: &mut IdAllocator<'_>,
    changes: &mut Changes,
) -> Result<()> {
    use std::collections::HashMap;
    let shift = |p: Position| Position {
        x: p.x + dx,
        y: p.y + dy,
    };
    let mut vpcs: HashMap<VpcId, VpcId> = HashMap::new();
    let mut services: HashMap<ServiceId, ServiceId> = HashMap::new();
    let mut subnets: HashMap<SubnetId, SubnetId> = HashMap::new();
    let mut tables: HashMap<RouteTableId, RouteTableId> = HashMap::new();
    let mut groups: HashMap<SecurityGroupId, SecurityGroupId> = HashMap::new();
    let mut copies: Vec<Record> = Vec::new();
    for node in nodes {
        match node {
            NodeId::Vpc(id) => {
                if vpcs.contains_key(id) {
                    continue;
                }
                let mut copy = vpc(design, id)?.clone();
                copy.id = VpcId::new(ids.next("vpc"));
                vpcs.insert(id.clone(), copy.id.clone());
                copy.name = format!(
                    "{} copy",
                    crate::geometry::display_name(&copy.name, id.as_str())
                );
                copy.position = shift(copy.position);
                for subnet in &mut copy.subnets {
                    let fresh = SubnetId::new(ids.next("subnet"));
                    subnets.insert(std::mem::replace(&mut subnet.id, fresh.clone()), fresh);
                }
                for table in &mut copy.route_tables {
                    let fresh = RouteTableId::new(ids.next("rtb"));
                    tables.insert(std::mem::replace(&mut table.id, fresh.clone()), fresh);
                }
                for group in &mut copy.security_groups {
                    let fresh = SecurityGroupId::new(ids.next("sg"));
                    groups.insert(std::mem::replace(&mut group.id, fresh.clone()), fresh);
                }
                for acl in &mut copy.network_acls {
                    acl.id = NetworkAclId::new(ids.next("acl"));
                }
                copies.push(Record::Vpc(copy));
            }
            NodeId::Service(id) => {
                if services.contains_key(id) {
                    continue;
                }
                let mut copy = service(design, id)?.clone();
                copy.id = ServiceId::new(ids.next("svc"));
                services.insert(id.clone(), copy.id.clone());
                copy.name = format!(
                    "{} copy",
                    crate::geometry::display_name(&copy.name, id.as_str())
                );
                copy.position = shift(copy.position);
                copies.push(Record::Service(copy));
            }
        }
    }
    let remap = |list: &mut Vec<SubnetId>| {
        list.iter_mut().for_each(|s| {
            if let Some(n) = subnets.get(s) {
                *s = n.clone()
            }
        })
    };
    for record in &mut copies {
        match record {
            Record::Vpc(copy) => {
                for table in &mut copy.route_tables {
                    remap(&mut table.subnets);
                }
                for acl in &mut copy.network_acls {
                    remap(&mut acl.subnets);
                }
                for group in &mut copy.security_groups {
                    for rule in &mut group.ingress {
                        if let RuleSource::SecurityGroup { vpc, group } = &mut rule.source
                            && let (Some(v), Some(g)) = (vpcs.get(vpc), groups.get(group))
                        {
                            *vpc = v.clone();
                            *group = g.clone();
                        }
                    }
                }
            }
            Record::Service(copy) => {
                if let ServiceKind::EndpointService(es) = &mut copy.kind
                    && let Some(provider) = vpcs.get(&es.provider_vpc)
                {
                    es.provider_vpc = provider.clone();
                }
            }
            _ => {}
        }
    }
    let mut link_copies = Vec::new();
    for link in &design.links {
        let mut copy = link.clone();
        let copied = match &mut copy.spec {
            LinkSpec::Peering(p) => match (vpcs.get(&p.requester), vpcs.get(&p.accepter)) {
                (Some(a), Some(b)) => {
                    p.requester = a.clone();
                    p.accepter = b.clone();
                    p.excluded_route_tables.iter_mut().for_each(|t| {
                        if let Some(n) = tables.get(t) {
                            *t = n.clone()
                        }
                    });
                    true
                }
                _ => false,
            },
            LinkSpec::InterfaceEndpoint(e) => {
                let target = match &mut e.target {
                    EndpointTarget::Service(s) | EndpointTarget::GatewayLoadBalancer(s) => Some(s),
                    _ => None,
                };
                match (vpcs.get(&e.vpc), target) {
                    (Some(v), Some(s)) if services.contains_key(s) => {
                        e.vpc = v.clone();
                        *s = services[s].clone();
                        remap(&mut e.subnets);
                        e.security_groups.iter_mut().for_each(|g| {
                            if let Some(n) = groups.get(g) {
                                *g = n.clone()
                            }
                        });
                        true
                    }
                    _ => false,
                }
            }
            LinkSpec::GatewayEndpoint(e) => match (vpcs.get(&e.vpc), services.get(&e.service)) {
                (Some(v), Some(s)) => {
                    e.vpc = v.clone();
                    e.service = s.clone();
                    e.route_tables.iter_mut().for_each(|t| {
                        if let Some(n) = tables.get(t) {
                            *t = n.clone()
                        }
                    });
                    remap(&mut e.subnets);
                    true
                }
                _ => false,
            },
        };
        if copied {
            copy.id = LinkId::new(ids.next("link"));
            link_copies.push(Record::Link(copy));
        }
    }
    for record in copies.into_iter().chain(link_copies) {
        changes.add(record);
    }
    Ok(())
}

/// The spec of a new link of `kind` between `a` and `b`, oriented from the
/// VPC; refuses pairs the kind cannot join at all (the advisor judges the
/// rest).
pub fn link_spec(design: &Design, a: &NodeId, b: &NodeId, kind: LinkKind) -> Result<LinkSpec> {
    for node in [a, b] {
        if !node.exists_in(design) {
            return Err(missing_node(node));
        }
    }
    let (a, b) = match (a, b) {
        (NodeId::Service(_), NodeId::Vpc(_)) => (b, a),
        _ => (a, b),
    };
    let impossible = |en: String, ja: String| {
        Err(EditError::new(
            Some(node_subject(a)),
            Field::Command,
            en,
            ja,
        ))
    };
    let name = kind.name();
    match (kind, a, b) {
        (LinkKind::Peering, NodeId::Vpc(x), NodeId::Vpc(y)) if x != y => {
            Ok(LinkSpec::Peering(Peering {
                requester: x.clone(),
                accepter: y.clone(),
                dns_resolution: false,
                ipv6: false,
                excluded_route_tables: Vec::new(),
                state: PeeringState::Planned,
            }))
        }
        (LinkKind::InterfaceEndpoint, NodeId::Vpc(v), NodeId::Service(s)) => {
            let vpc = vpc(design, v)?;
            let service = service(design, s)?;
            let mut per_az: Vec<&Subnet> = Vec::new();
            for subnet in &vpc.subnets {
                if !per_az
                    .iter()
                    .any(|chosen| chosen.availability_zone == subnet.availability_zone)
                {
                    per_az.push(subnet);
                }
            }
            Ok(LinkSpec::InterfaceEndpoint(InterfaceEndpoint {
                vpc: v.clone(),
                target: EndpointTarget::Service(s.clone()),
                subnets: per_az.iter().map(|subnet| subnet.id.clone()).collect(),
                security_groups: Vec::new(),
                private_dns: matches!(service.kind, ServiceKind::Aws { .. }),
                ip_address_type: IpAddressType::Ipv4,
                dns_record_ip_type: None,
                service_region: (service.region != vpc.region).then(|| service.region.clone()),
                policy: None,
                service_name: None,
            }))
        }
        (LinkKind::GatewayEndpoint, NodeId::Vpc(v), NodeId::Service(s)) => {
            let vpc = vpc(design, v)?;
            if !matches!(service(design, s)?.kind, ServiceKind::Aws { .. }) {
                return impossible(
                    format!(
                        "A gateway endpoint connects to an AWS service, and {s} is an endpoint service."
                    ),
                    format!(
                        "ゲートウェイエンドポイントはAWSサービスに接続するもので、{s}はエンドポイントサービスです。"
                    ),
                );
            }
            Ok(LinkSpec::GatewayEndpoint(GatewayEndpoint {
                vpc: v.clone(),
                service: s.clone(),
                route_tables: vpc.route_tables.iter().map(|t| t.id.clone()).collect(),
                policy: None,
                ip_address_type: IpAddressType::Ipv4,
                subnets: Vec::new(),
                security_groups: Vec::new(),
                private_dns: false,
            }))
        }
        (LinkKind::Peering, _, _) => impossible(
            format!(
                "A {} joins two different VPCs, not {} and {}.",
                name.en,
                a.as_str(),
                b.as_str()
            ),
            format!(
                "{}は異なる2つのVPCをつなぐもので、{}と{}はつなげません。",
                name.ja,
                a.as_str(),
                b.as_str()
            ),
        ),
        _ => impossible(
            format!(
                "A {} joins a VPC to a service, not {} and {}.",
                name.en,
                a.as_str(),
                b.as_str()
            ),
            format!(
                "{}はVPCとサービスをつなぐもので、{}と{}はつなげません。",
                name.ja,
                a.as_str(),
                b.as_str()
            ),
        ),
    }
}

fn check_name(subject: Subject, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EditError::new(
            Some(subject),
            Field::Name,
            "The name is empty: give it a name.",
            "名前が空です。名前を入力してください。",
        ));
    }
    if name.chars().count() > 255 {
        return Err(EditError::new(
            Some(subject),
            Field::Name,
            format!(
                "The name has {} characters; AWS allows at most 255.",
                name.chars().count()
            ),
            format!(
                "名前が{}文字あります。AWSでは255文字までです。",
                name.chars().count()
            ),
        ));
    }
    Ok(name.to_owned())
}

fn check_account(subject: Subject, account: &str) -> Result<AccountId> {
    let account = account.trim();
    if account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) {
        Ok(AccountId::from(account))
    } else {
        Err(EditError::new(
            Some(subject),
            Field::Account,
            format!("{account:?} is not an AWS account id: it must be 12 digits."),
            format!("{account:?}はAWSアカウントIDではありません。12桁の数字で入力してください。"),
        ))
    }
}

fn check_region(subject: Subject, region: &str) -> Result<String> {
    let region = region.trim();
    match region_by_code(region) {
        Some(known) => Ok(known.code.to_owned()),
        None => Err(EditError::new(
            Some(subject),
            Field::Region,
            format!("{region:?} is not an AWS Region code (such as ap-northeast-1)."),
            format!("{region:?}はAWSリージョンのコードではありません (例: ap-northeast-1)。"),
        )),
    }
}

/// The letter of an AZ name in `region` (`a` of `ap-northeast-1a`).
fn az_letter<'a>(region: &str, az: &'a str) -> Option<&'a str> {
    let letter = az.strip_prefix(region)?;
    (!letter.is_empty() && letter.chars().all(|c| c.is_ascii_lowercase())).then_some(letter)
}

/// What differs between a VPC's IPv4 and IPv6 CIDRs.
struct Family {
    name: &'static str,
    prefixes: std::ops::RangeInclusive<u8>,
    size_rule: Localized,
    field: fn(usize) -> Field,
}

fn parse_vpc_ipv4(id: &VpcId, cidrs: &[String]) -> Result<Vec<Ipv4Net>> {
    if cidrs.iter().all(|c| c.trim().is_empty()) {
        return Err(EditError::new(
            Some(Subject::Vpc(id.clone())),
            Field::Ipv4Cidr(0),
            format!("VPC {id} needs an IPv4 CIDR (the primary one)."),
            format!("VPC {id}にはIPv4 CIDR (プライマリ) が必要です。"),
        ));
    }
    let family = Family {
        name: "IPv4",
        prefixes: 16..=28,
        size_rule: Localized::new(
            "a VPC CIDR must be between /16 and /28",
            "VPCのCIDRは/16から/28の範囲でなければなりません",
        ),
        field: Field::Ipv4Cidr,
    };
    parse_vpc_cidrs(id, cidrs, &family)
}

fn parse_vpc_ipv6(id: &VpcId, cidrs: &[String]) -> Result<Vec<Ipv6Net>> {
    let family = Family {
        name: "IPv6",
        prefixes: 44..=60,
        size_rule: Localized::new(
            "a VPC IPv6 CIDR is between /44 and /60 (/56 when Amazon provides it)",
            "VPCのIPv6 CIDRは/44から/60 (Amazon提供の場合は/56) です",
        ),
        field: Field::Ipv6Cidr,
    };
    parse_vpc_cidrs(id, cidrs, &family)
}

/// Parses a VPC's CIDRs of one family, skipping empty fields: each must be
/// a network address of an allowed size, overlapping none before it.
fn parse_vpc_cidrs<T: Cidr>(id: &VpcId, cidrs: &[String], family: &Family) -> Result<Vec<T>> {
    let subject = || Some(Subject::Vpc(id.clone()));
    let name = family.name;
    let mut parsed: Vec<T> = Vec::new();
    for (index, text) in cidrs.iter().enumerate() {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let field = (family.field)(index);
        let number = index + 1;
        let cidr: T = parse_cidr(text, subject(), field.clone(), name)?;
        let prefix = cidr.prefix_len();
        if !family.prefixes.contains(&prefix) {
            return Err(EditError::new(
                subject(),
                field,
                format!(
                    "{name} CIDR {number} of VPC {id}: {cidr} is a /{prefix}; {}.",
                    family.size_rule.en
                ),
                format!(
                    "VPC {id}の{name} CIDR {number}: {cidr}は/{prefix}です。{}。",
                    family.size_rule.ja
                ),
            ));
        }
        if let Some(other) = parsed.iter().find(|p| p.overlaps(&cidr)) {
            return Err(EditError::new(
                subject(),
                field,
                format!(
                    "{name} CIDR {number} of VPC {id}: {cidr} overlaps {other}, already a CIDR of this VPC."
                ),
                format!(
                    "VPC {id}の{name} CIDR {number}: {cidr}はこのVPCの{other}と重複しています。"
                ),
            ));
        }
        parsed.push(cidr);
    }
    Ok(parsed)
}

trait Cidr: std::str::FromStr + fmt::Display + Copy + PartialEq {
    fn trunc(&self) -> Self;
    fn prefix_len(&self) -> u8;
    fn overlaps(&self, other: &Self) -> bool;
}

macro_rules! cidr_family {
    ($net:ty) => {
        impl Cidr for $net {
            fn trunc(&self) -> Self {
                <$net>::trunc(self)
            }

            fn prefix_len(&self) -> u8 {
                <$net>::prefix_len(self)
            }

            fn overlaps(&self, other: &Self) -> bool {
                self.contains(other) || other.contains(self)
            }
        }
    };
}

cidr_family!(Ipv4Net);
cidr_family!(Ipv6Net);

/// Parses a CIDR and insists on a network address without host bits.
fn parse_cidr<T: Cidr>(
    text: &str,
    subject: Option<Subject>,
    field: Field,
    family: &str,
) -> Result<T> {
    let Ok(cidr) = text.parse::<T>() else {
        return Err(EditError::new(
            subject,
            field,
            format!(
                "{text:?} is not an {family} CIDR (such as {}).",
                example(family)
            ),
            format!(
                "{text:?}は{family} CIDRではありません (例: {})。",
                example(family)
            ),
        ));
    };
    if cidr.trunc() != cidr {
        let network = cidr.trunc();
        return Err(EditError::new(
            subject,
            field,
            format!("{cidr} has host bits set: the network is {network}."),
            format!("{cidr}にはホスト部のビットがあります。ネットワークは{network}です。"),
        ));
    }
    Ok(cidr)
}

fn example(family: &str) -> &'static str {
    if family == "IPv4" {
        "10.0.0.0/16"
    } else {
        "2600:1f18:abcd:1200::/56"
    }
}

fn subnet_index(vpc: &Vpc, subnet: &SubnetId) -> Result<usize> {
    vpc.subnets
        .iter()
        .position(|s| &s.id == subnet)
        .ok_or_else(|| {
            EditError::new(
                Some(Subject::Subnet(subnet.clone())),
                Field::Command,
                format!("There is no subnet {subnet} in VPC {}.", vpc.id),
                format!("VPC {}にサブネット{subnet}がありません。", vpc.id),
            )
        })
}

fn route_table_index(vpc: &Vpc, table: &RouteTableId) -> Result<usize> {
    vpc.route_tables
        .iter()
        .position(|t| &t.id == table)
        .ok_or_else(|| {
            EditError::new(
                Some(Subject::RouteTable(table.clone())),
                Field::Command,
                format!("There is no route table {table} in VPC {}.", vpc.id),
                format!("VPC {}にルートテーブル{table}がありません。", vpc.id),
            )
        })
}

fn check_subnets_exist(vpc: &Vpc, subnets: &[SubnetId], subject: Subject) -> Result<()> {
    match subnets
        .iter()
        .find(|s| !vpc.subnets.iter().any(|own| &own.id == *s))
    {
        Some(unknown) => Err(EditError::new(
            Some(subject),
            Field::Subnets,
            format!("Subnet {unknown} is not in VPC {}.", vpc.id),
            format!("サブネット{unknown}はVPC {}にありません。", vpc.id),
        )),
        None => Ok(()),
    }
}

/// Fills `subnet` from the inspector's fields, checked against its VPC
/// (whose `subnets` must not contain the subnet being edited).
fn fill_subnet(vpc: &Vpc, mut subnet: Subnet, fields: &SubnetFields) -> Result<Subnet> {
    let subject = || Some(Subject::Subnet(subnet.id.clone()));
    let ipv4 = match fields.ipv4_cidr.trim() {
        "" => None,
        text => {
            let cidr: Ipv4Net = parse_cidr(text, subject(), Field::SubnetIpv4Cidr, "IPv4")?;
            if !(16..=28).contains(&cidr.prefix_len()) {
                return Err(EditError::new(
                    subject(),
                    Field::SubnetIpv4Cidr,
                    format!(
                        "Subnet {cidr} is a /{}; a subnet must be between /16 and /28.",
                        cidr.prefix_len()
                    ),
                    format!(
                        "サブネット{cidr}は/{}です。サブネットは/16から/28の範囲でなければなりません。",
                        cidr.prefix_len()
                    ),
                ));
            }
            Some(cidr)
        }
    };
    let ipv6 = match fields.ipv6_cidr.trim() {
        "" => None,
        text => Some(parse_cidr::<Ipv6Net>(
            text,
            subject(),
            Field::SubnetIpv6Cidr,
            "IPv6",
        )?),
    };
    if ipv4.is_none() && ipv6.is_none() {
        return Err(EditError::new(
            subject(),
            Field::SubnetIpv4Cidr,
            "A subnet needs an IPv4 CIDR, an IPv6 CIDR or both.",
            "サブネットにはIPv4 CIDR、IPv6 CIDR、またはその両方が必要です。",
        ));
    }
    let az = fields.availability_zone.trim();
    if az_letter(&vpc.region, az).is_none() {
        return Err(EditError::new(
            subject(),
            Field::AvailabilityZone,
            format!(
                "{az:?} is not an Availability Zone of {}: use the Region followed by a letter, such as {}a.",
                vpc.region, vpc.region
            ),
            format!(
                "{az:?}は{}のアベイラビリティーゾーンではありません。{}aのようにリージョンの後に英字を付けてください。",
                vpc.region, vpc.region
            ),
        ));
    }
    subnet.ipv4_cidr = ipv4;
    subnet.ipv6_cidr = ipv6;
    if subnet.availability_zone != az {
        subnet.availability_zone = az.to_owned();
        subnet.availability_zone_id = None;
    }
    subnet.name = fields.name.trim().to_owned();
    let mut with_subnet = vpc.clone();
    with_subnet.subnets.push(subnet.clone());
    check_subnets_inside(&with_subnet)?;
    if let Some(cidr) = ipv4
        && let Some(other) = vpc.subnets.iter().find(|s| {
            s.ipv4_cidr
                .is_some_and(|o| o.contains(&cidr) || cidr.contains(&o))
        })
    {
        return Err(EditError::new(
            subject(),
            Field::SubnetIpv4Cidr,
            format!(
                "Subnet {cidr} overlaps subnet {} ({}) of VPC {}.",
                other.id,
                other.ipv4_cidr.expect("found by its CIDR"),
                vpc.id
            ),
            format!(
                "サブネット{cidr}はVPC {}のサブネット{} ({}) と重複しています。",
                vpc.id,
                other.id,
                other.ipv4_cidr.expect("found by its CIDR")
            ),
        ));
    }
    Ok(subnet)
}

/// Moves each subnet that none of `new` contains from `old[i]` to the same
/// offset in `new[i]`, when it fits there.
fn carry_subnets(old: &[Ipv4Net], new: &[Ipv4Net], subnets: &mut [Subnet]) {
    for subnet in subnets {
        let Some(cidr) = subnet.ipv4_cidr else {
            continue;
        };
        if new.iter().any(|n| n.contains(&cidr)) {
            continue;
        }
        let Some((from, to)) = old.iter().zip(new).find(|(from, _)| from.contains(&cidr)) else {
            continue;
        };
        let offset = u64::from(u32::from(cidr.network()) - u32::from(from.network()));
        let size = |net: &Ipv4Net| 1u64 << (32 - net.prefix_len());
        if offset + size(&cidr) <= size(to) {
            let address = u32::from(to.network()) + offset as u32;
            if let Ok(moved) = Ipv4Net::new(address.into(), cidr.prefix_len()) {
                subnet.ipv4_cidr = Some(moved);
            }
        }
    }
}

/// Every subnet's CIDRs must lie inside one of its VPC's CIDRs.
fn check_subnets_inside(vpc: &Vpc) -> Result<()> {
    for subnet in &vpc.subnets {
        if let Some(cidr) = subnet.ipv4_cidr
            && !vpc.ipv4_cidrs.iter().any(|v| v.contains(&cidr))
        {
            let ranges = list(&vpc.ipv4_cidrs);
            return Err(EditError::new(
                Some(Subject::Subnet(subnet.id.clone())),
                Field::SubnetIpv4Cidr,
                format!(
                    "Subnet {} ({cidr}) would lie outside VPC {} ({ranges}).",
                    subnet.id, vpc.id
                ),
                format!(
                    "サブネット{} ({cidr}) がVPC {} ({ranges}) の範囲外になります。",
                    subnet.id, vpc.id
                ),
            ));
        }
        if let Some(cidr) = subnet.ipv6_cidr
            && !vpc.ipv6_cidrs.iter().any(|v| v.contains(&cidr))
        {
            let ranges = if vpc.ipv6_cidrs.is_empty() {
                "no IPv6 CIDR".to_owned()
            } else {
                list(&vpc.ipv6_cidrs)
            };
            return Err(EditError::new(
                Some(Subject::Subnet(subnet.id.clone())),
                Field::SubnetIpv6Cidr,
                format!(
                    "Subnet {} ({cidr}) would lie outside VPC {} ({ranges}).",
                    subnet.id, vpc.id
                ),
                format!(
                    "サブネット{} ({cidr}) がVPC {} ({ranges}) の範囲外になります。",
                    subnet.id, vpc.id
                ),
            ));
        }
    }
    Ok(())
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The consumer Regions an endpoint service lists: Region codes, each once,
/// without the service's own Region (always supported).
fn check_supported_regions(
    id: &ServiceId,
    own_region: &str,
    regions: &[String],
) -> Result<Vec<String>> {
    let mut checked: Vec<String> = Vec::new();
    for (index, region) in regions.iter().enumerate() {
        if region.trim().is_empty() {
            continue;
        }
        let region = check_region(Subject::Service(id.clone()), region)
            .map_err(|error| error.about(Field::SupportedRegion(index)))?;
        if region != own_region && !checked.contains(&region) {
            checked.push(region);
        }
    }
    Ok(checked)
}

fn check_principals(id: &ServiceId, principals: &[String]) -> Result<Vec<String>> {
    let mut checked = Vec::new();
    for (index, principal) in principals.iter().enumerate() {
        let principal = principal.trim();
        if principal.is_empty() {
            continue;
        }
        let arn_ok = principal == "*"
            || principal
                .strip_prefix("arn:")
                .is_some_and(|rest| rest.split(':').count() >= 5);
        if !arn_ok {
            return Err(EditError::new(
                Some(Subject::Service(id.clone())),
                Field::Principal(index),
                format!(
                    "Principal {} of {id}: {principal:?} is not a principal ARN (such as arn:aws:iam::123456789012:root) or *.",
                    index + 1
                ),
                format!(
                    "{id}のプリンシパル{}: {principal:?}はプリンシパルのARN (例: arn:aws:iam::123456789012:root) でも*でもありません。",
                    index + 1
                ),
            ));
        }
        if !checked.iter().any(|p: &String| p == principal) {
            checked.push(principal.to_owned());
        }
    }
    Ok(checked)
}
