//! Commands: every edit of the document, and how each becomes a patch.
//!
//! `plan` checks a command against the document and returns the patch it
//! would apply, or an `EditError` saying what is wrong and where; nothing
//! is applied half-way because nothing is applied until the whole patch is
//! known. Input from the inspector arrives as text (CIDRs, account ids) and
//! is parsed here with `ipnet`.
//!
//! `plan` dispatches to a `Planner`, whose `impl` is spread over files by
//! the kind of thing a command edits: `nodes` (placing, moving, renaming,
//! Region), `delete`, `duplicate`, `accounts`, `cidrs`, `subnets`,
//! `route_tables`, `links` and `endpoint_service`.

mod accounts;
mod cidrs;
mod delete;
mod duplicate;
mod endpoint_service;
mod links;
mod nodes;
mod route_tables;
mod subnets;

use std::fmt;

use vpcplan_core::design::*;
use vpcplan_core::diagnostic::{Localized, Subject};
use vpcplan_core::link_kind::LinkKind;
use vpcplan_core::regions::region_by_code;

use crate::geometry::Point;
use crate::items::{IdAllocator, NodeId};
use crate::patch::{Changes, Patch, Record};

pub use links::link_spec;
pub use nodes::propose_ipv4_cidr;

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
    /// Turns DNS resolution (`enableDnsSupport`) and DNS hostnames
    /// (`enableDnsHostnames`) of a VPC on or off.
    SetVpcDns {
        vpc: VpcId,
        dns_support: bool,
        dns_hostnames: bool,
    },
    /// Replaces the whole design with another (a lesson's starting design
    /// for "reset step", its solution for "show solution") as one undo
    /// step, unlike `Editor::load`, which forgets the history.
    ReplaceDesign {
        design: Box<Design>,
    },
}

/// An interface endpoint's settings as the inspector edits them.
#[derive(Debug, Clone, PartialEq)]
pub struct InterfaceEndpointOptions {
    pub subnets: Vec<SubnetId>,
    /// Security groups of the endpoint's VPC; empty for the VPC's default
    /// group.
    pub security_groups: Vec<SecurityGroupId>,
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
            security_groups: endpoint.security_groups.clone(),
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
    SecurityGroups,
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

/// What planning one command needs: the design as it is, the defaults for
/// new things, fresh ids, and the changes collected so far.
struct Planner<'d> {
    design: &'d Design,
    defaults: &'d Defaults,
    ids: IdAllocator<'d>,
    changes: Changes,
}

/// Checks `command` against `design` and returns the patch it applies.
pub fn plan(design: &Design, defaults: &Defaults, command: &Command) -> Result<Patch> {
    check_finite(command)?;
    if let Command::ReplaceDesign { design: next } = command {
        return Ok(Patch::replacing(design, next));
    }
    let mut planner = Planner {
        design,
        defaults,
        ids: IdAllocator::for_design(design),
        changes: Changes::default(),
    };
    match command {
        Command::AddVpc { at } => planner.add_vpc(at.snapped(), None).map(drop)?,
        Command::AddAwsService { service, at } => planner.add_aws_service(service, at)?,
        Command::AddEndpointService { at } => planner.add_endpoint_service(at)?,
        Command::MoveNodes { nodes, dx, dy } => planner.move_nodes(nodes, *dx, *dy)?,
        Command::Delete { nodes, links } => planner.delete(nodes, links)?,
        Command::Duplicate { nodes, dx, dy } => planner.duplicate(nodes, *dx, *dy)?,
        Command::AddLink { from, to, kind } => planner.add_link(from, to, *kind)?,
        Command::RenameDesign { name } => {
            planner.changes.update(Record::Name(name.trim().to_owned()))
        }
        Command::RenameNode { node, name } => planner.rename_node(node, name)?,
        Command::SetAccount { vpc, account } => planner.set_account(vpc, account)?,
        Command::RenameAccount { account, name } => planner.rename_account(account, name)?,
        Command::SetRegion { node, region } => planner.set_region(node, region)?,
        Command::SetIpv4Cidrs { vpc, cidrs } => planner.set_ipv4_cidrs(vpc, cidrs)?,
        Command::SetIpv6Cidrs { vpc, cidrs } => planner.set_ipv6_cidrs(vpc, cidrs)?,
        Command::AddSubnet { vpc, subnet } => planner.add_subnet(vpc, subnet)?,
        Command::EditSubnet {
            vpc,
            subnet,
            fields,
        } => planner.edit_subnet(vpc, subnet, fields)?,
        Command::RemoveSubnet { vpc, subnet } => planner.remove_subnet(vpc, subnet)?,
        Command::AddRouteTable { vpc, name } => planner.add_route_table(vpc, name)?,
        Command::EditRouteTable {
            vpc,
            table,
            name,
            main,
            subnets,
        } => planner.edit_route_table(vpc, table, name, *main, subnets)?,
        Command::RemoveRouteTable { vpc, table } => planner.remove_route_table(vpc, table)?,
        Command::SetPeeringOptions {
            link,
            dns_resolution,
            ipv6,
        } => planner.set_peering_options(link, *dns_resolution, *ipv6)?,
        Command::SetInterfaceEndpointOptions { link, options } => {
            planner.set_interface_endpoint_options(link, options)?
        }
        Command::SetGatewayEndpointOptions { link, options } => {
            planner.set_gateway_endpoint_options(link, options)?
        }
        Command::SetEndpointServiceOptions { service, options } => {
            planner.set_endpoint_service_options(service, options)?
        }
        Command::SetVpcDns {
            vpc,
            dns_support,
            dns_hostnames,
        } => planner.set_vpc_dns(vpc, *dns_support, *dns_hostnames)?,
        // Planned above, as a whole-design patch.
        Command::ReplaceDesign { .. } => {}
    }
    Ok(Patch::place(design, planner.changes))
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

fn dedup<T: PartialEq + Clone>(items: &[T]) -> Vec<T> {
    let mut unique: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !unique.contains(item) {
            unique.push(item.clone());
        }
    }
    unique
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
