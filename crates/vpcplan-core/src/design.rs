//! The design: the accounts, VPCs, services and links a user plans, and the
//! reachability they intend.
//!
//! These are the internal types every rule, the reachability engine, the
//! advisor, the exporters and the editor work on. They are free to change:
//! the saved file has its own versioned types (`crate::file`) and converts.
//! Positions on the canvas live here for the editor; no rule reads them.

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

pub use crate::ids::{
    AccountId, IntentId, LinkId, NetworkAclId, RouteTableId, SecurityGroupId, ServiceId, SubnetId,
    VpcId,
};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Design {
    pub name: String,
    pub accounts: Vec<Account>,
    pub vpcs: Vec<Vpc>,
    pub services: Vec<Service>,
    pub links: Vec<Link>,
    pub intents: Vec<Intent>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
}

/// Where a node sits on the canvas, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Vpc {
    pub id: VpcId,
    pub name: String,
    pub account: AccountId,
    /// A Region code such as `ap-northeast-1` (see `crate::regions`).
    pub region: String,
    /// The primary IPv4 CIDR first, then secondary ones.
    pub ipv4_cidrs: Vec<Ipv4Net>,
    pub ipv6_cidrs: Vec<Ipv6Net>,
    pub dns_support: bool,
    pub dns_hostnames: bool,
    pub subnets: Vec<Subnet>,
    pub route_tables: Vec<RouteTable>,
    pub security_groups: Vec<SecurityGroup>,
    /// Gateways at the VPC's edge that routes may target.
    pub edge_gateways: Vec<EdgeGateway>,
    /// Network ACLs associated with subnets; subnets without one use the
    /// VPC's default ACL, which allows all traffic.
    pub network_acls: Vec<NetworkAcl>,
    /// Instances in the VPC send jumbo frames (MTU 9001), which inter-Region
    /// peerings and VPC endpoints do not carry (MTU-001).
    pub jumbo_frames: bool,
    pub position: Position,
}

/// How people see an item of the design: its name, or its id while it has
/// none (a name of only spaces counts as none). Rules, reachability, the
/// advisor, the editor's accessible names and the web panels all show items
/// through it, so an unnamed VPC reads the same everywhere.
pub fn display_label<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
}

impl Vpc {
    /// The VPC as people see it (`display_label`).
    pub fn label(&self) -> &str {
        display_label(&self.name, self.id.as_str())
    }

    /// Every CIDR of the VPC: the IPv4 ones (primary first), then the IPv6
    /// ones. The one place rules, reachability and the advisor read them.
    pub fn cidrs(&self) -> impl Iterator<Item = IpNet> + Clone + '_ {
        self.ipv4_cidrs
            .iter()
            .copied()
            .map(IpNet::V4)
            .chain(self.ipv6_cidrs.iter().copied().map(IpNet::V6))
    }

    /// The route table that serves a subnet: the table explicitly associated
    /// with it, else the VPC's main table (AWS: a subnet without an explicit
    /// association uses the main route table). `None` when the VPC has
    /// neither.
    pub fn route_table_of(&self, subnet: &SubnetId) -> Option<&RouteTable> {
        self.route_tables
            .iter()
            .find(|table| table.subnets.contains(subnet))
            .or_else(|| self.route_tables.iter().find(|table| table.main))
    }

    /// The route tables in use: those that serve at least one of the VPC's
    /// subnets, in the order of the subnets, each once. While the VPC has no
    /// subnets yet every table counts, since nothing shows which will serve
    /// them. A table that serves no subnet routes no traffic, so a route or a
    /// gateway endpoint association only there carries nothing: the rules
    /// (PEER-007, GW-005), reachability and the advisor all ask this (through
    /// `DesignIndex::route_tables_in_use`, which keeps each VPC's answer).
    pub fn route_tables_in_use(&self) -> Vec<&RouteTable> {
        let mut tables = Vec::new();
        self.push_route_tables_in_use(&mut tables);
        tables
    }

    /// Appends the route tables in use (`route_tables_in_use`) to `tables`,
    /// so that the index can keep every VPC's in one list.
    pub(crate) fn push_route_tables_in_use<'a>(&'a self, tables: &mut Vec<&'a RouteTable>) {
        if self.subnets.is_empty() {
            tables.extend(self.route_tables.iter());
            return;
        }
        self.push_route_tables_serving(self.subnets.iter().map(|subnet| &subnet.id), tables);
    }

    /// The route tables that serve the given subnets, in their order, each
    /// once.
    pub fn route_tables_serving<'a>(
        &self,
        subnets: impl IntoIterator<Item = &'a SubnetId>,
    ) -> Vec<&RouteTable> {
        let mut tables: Vec<&RouteTable> = Vec::new();
        self.push_route_tables_serving(subnets, &mut tables);
        tables
    }

    /// Appends the route tables that serve the given subnets to `tables`,
    /// each once among those it appends.
    fn push_route_tables_serving<'a, 's>(
        &'a self,
        subnets: impl IntoIterator<Item = &'s SubnetId>,
        tables: &mut Vec<&'a RouteTable>,
    ) {
        let start = tables.len();
        for subnet in subnets {
            if let Some(table) = self.route_table_of(subnet)
                && !tables
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .any(|known| known.id == table.id)
            {
                tables.push(table);
            }
        }
    }

    /// Whether a route table of this VPC serves some subnet (see
    /// `route_tables_in_use`).
    pub fn route_table_in_use(&self, table: &RouteTableId) -> bool {
        self.route_tables_in_use()
            .iter()
            .any(|in_use| &in_use.id == table)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subnet {
    pub id: SubnetId,
    pub name: String,
    /// `None` for an IPv6-only subnet.
    pub ipv4_cidr: Option<Ipv4Net>,
    pub ipv6_cidr: Option<Ipv6Net>,
    /// The AZ name as the owning account sees it, such as `ap-northeast-1a`.
    pub availability_zone: String,
    /// The AZ id, the same in every account, such as `apne1-az4`.
    pub availability_zone_id: Option<String>,
}

impl Subnet {
    /// The subnet as people see it (`display_label`).
    pub fn label(&self) -> &str {
        display_label(&self.name, self.id.as_str())
    }

    /// Every CIDR of the subnet, IPv4 then IPv6.
    pub fn cidrs(&self) -> impl Iterator<Item = IpNet> + Clone + '_ {
        self.ipv4_cidr
            .map(IpNet::V4)
            .into_iter()
            .chain(self.ipv6_cidr.map(IpNet::V6))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteTable {
    pub id: RouteTableId,
    pub name: String,
    /// The main route table serves every subnet not explicitly associated
    /// with another table.
    pub main: bool,
    pub subnets: Vec<SubnetId>,
    /// Routes written by the user or an import. Routes that links imply are
    /// derived (`crate::routes`), not stored.
    pub routes: Vec<Route>,
}

impl RouteTable {
    /// The route table as people see it (`display_label`).
    pub fn label(&self) -> &str {
        display_label(&self.name, self.id.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub destination: RouteDestination,
    pub target: RouteTarget,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteDestination {
    Ipv4(Ipv4Net),
    Ipv6(Ipv6Net),
    /// A managed prefix list, such as the one of S3 in a Region.
    PrefixList(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RouteTarget {
    /// A peering link of the design.
    Peering(LinkId),
    /// A gateway endpoint link of the design (its routes are always derived).
    GatewayEndpoint(LinkId),
    Edge(EdgeGatewayKind),
    /// Anything else (a transit gateway, a network interface, …), by its id.
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeGateway {
    pub kind: EdgeGatewayKind,
    /// For VPN and Direct Connect: the on-premises ranges behind it.
    pub remote_cidrs: Vec<ipnet::IpNet>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EdgeGatewayKind {
    InternetGateway,
    NatGateway,
    VpnGateway,
    DirectConnect,
    TransitGateway,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAcl {
    pub id: NetworkAclId,
    pub name: String,
    pub subnets: Vec<SubnetId>,
    pub entries: Vec<NetworkAclEntry>,
}

/// A numbered NACL rule. NACLs match CIDRs only; they cannot reference a
/// prefix list (GW-006).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkAclEntry {
    pub rule_number: u16,
    pub egress: bool,
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub cidr: ipnet::IpNet,
    pub allow: bool,
}

impl NetworkAcl {
    /// Whether the ACL lets every IPv4 packet through in one direction: its
    /// lowest-numbered rule matching 0.0.0.0/0 for all protocols allows.
    pub fn allows_everything(&self, egress: bool) -> bool {
        self.entries
            .iter()
            .filter(|entry| entry.egress == egress)
            .filter(|entry| entry.cidr.prefix_len() == 0 && entry.cidr.addr().is_ipv4())
            .filter(|entry| entry.protocol == "-1" || entry.protocol.eq_ignore_ascii_case("all"))
            .min_by_key(|entry| entry.rule_number)
            .is_some_and(|entry| entry.allow)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroup {
    pub id: SecurityGroupId,
    pub name: String,
    pub ingress: Vec<SecurityGroupRule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroupRule {
    /// `tcp`, `udp`, `icmp` or `-1` for all.
    pub protocol: String,
    pub from_port: u16,
    pub to_port: u16,
    pub source: RuleSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RuleSource {
    Cidr(ipnet::IpNet),
    /// A group in this VPC or in another VPC of the design.
    SecurityGroup {
        vpc: VpcId,
        group: SecurityGroupId,
    },
    PrefixList(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub id: ServiceId,
    pub name: String,
    pub region: String,
    pub kind: ServiceKind,
    pub position: Position,
}

impl Service {
    /// The service as people see it (`display_label`).
    pub fn label(&self) -> &str {
        display_label(&self.name, self.id.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ServiceKind {
    /// An AWS service from the catalogue, by its service-name suffix (`s3`,
    /// `ecr.dkr`, …; see `crate::catalogue`).
    Aws { service: String },
    /// A provider's endpoint service in one of the design's VPCs.
    EndpointService(EndpointService),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EndpointService {
    pub provider_vpc: VpcId,
    pub network_load_balancers: Vec<LoadBalancer>,
    pub gateway_load_balancers: Vec<LoadBalancer>,
    pub acceptance_required: bool,
    /// Principal ARNs, such as `arn:aws:iam::123456789012:root`, or `*`.
    pub allowed_principals: Vec<String>,
    /// Regions other than its own from which consumers may connect.
    pub supported_regions: Vec<String>,
    pub supported_ip_address_types: Vec<IpFamily>,
    /// The AZ ids the service is offered in; empty means the subnets of the
    /// load balancers are not known yet and no AZ check applies.
    pub availability_zone_ids: Vec<String>,
    /// The port consumers connect to.
    pub port: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancer {
    /// The load balancer's name or ARN.
    pub name: String,
    pub listeners: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IpFamily {
    Ipv4,
    Ipv6,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub id: LinkId,
    pub spec: LinkSpec,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkSpec {
    Peering(Peering),
    InterfaceEndpoint(InterfaceEndpoint),
    GatewayEndpoint(GatewayEndpoint),
}

impl Link {
    pub fn kind(&self) -> crate::LinkKind {
        match self.spec {
            LinkSpec::Peering(_) => crate::LinkKind::Peering,
            LinkSpec::InterfaceEndpoint(_) => crate::LinkKind::InterfaceEndpoint,
            LinkSpec::GatewayEndpoint(_) => crate::LinkKind::GatewayEndpoint,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Peering {
    pub requester: VpcId,
    pub accepter: VpcId,
    /// Resolve the peer's public DNS hostnames to private addresses.
    pub dns_resolution: bool,
    /// Carry IPv6 over the peering (adds IPv6 routes on both sides).
    pub ipv6: bool,
    /// Route tables that should not get the derived routes to the peer.
    pub excluded_route_tables: Vec<RouteTableId>,
    pub state: PeeringState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeeringState {
    /// Not created yet.
    #[default]
    Planned,
    /// Requested, waiting for the accepter.
    PendingAcceptance,
    Active,
}

#[derive(Debug, Clone, PartialEq)]
pub struct InterfaceEndpoint {
    pub vpc: VpcId,
    pub target: EndpointTarget,
    pub subnets: Vec<SubnetId>,
    /// Empty means the VPC's default security group.
    pub security_groups: Vec<SecurityGroupId>,
    pub private_dns: bool,
    pub ip_address_type: IpAddressType,
    pub dns_record_ip_type: Option<DnsRecordIpType>,
    /// The service's Region when it differs from the VPC's (cross-Region PrivateLink).
    pub service_region: Option<String>,
    pub policy: Option<String>,
    /// An explicit service name, as imports find it; otherwise it is derived
    /// from the target service.
    pub service_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EndpointTarget {
    /// An AWS service or endpoint service node of the design.
    Service(ServiceId),
    /// A Gateway Load Balancer endpoint to an endpoint service node.
    GatewayLoadBalancer(ServiceId),
    /// A VPC Lattice resource endpoint.
    Resource { configuration_arn: Option<String> },
    /// A VPC Lattice service-network endpoint.
    ServiceNetwork { arn: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IpAddressType {
    #[default]
    Ipv4,
    Dualstack,
    Ipv6,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DnsRecordIpType {
    Ipv4,
    Dualstack,
    Ipv6,
    ServiceDefined,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GatewayEndpoint {
    pub vpc: VpcId,
    /// An AWS service node (`s3`, `dynamodb` or `s3express`).
    pub service: ServiceId,
    pub route_tables: Vec<RouteTableId>,
    pub policy: Option<String>,
    pub ip_address_type: IpAddressType,
    /// Settings that only interface endpoints take; kept so imports of a
    /// mistaken template can be flagged (GW-005).
    pub subnets: Vec<SubnetId>,
    pub security_groups: Vec<SecurityGroupId>,
    pub private_dns: bool,
}

/// "This must reach that": a flow the design is meant to allow.
#[derive(Debug, Clone, PartialEq)]
pub struct Intent {
    pub id: IntentId,
    pub from: IntentSource,
    pub to: IntentTarget,
}

#[derive(Debug, Clone, PartialEq)]
pub enum IntentSource {
    Vpc(VpcId),
    Subnet { vpc: VpcId, subnet: SubnetId },
}

#[derive(Debug, Clone, PartialEq)]
pub enum IntentTarget {
    Vpc(VpcId),
    Service(ServiceId),
}

impl Design {
    pub fn vpc(&self, id: &VpcId) -> Option<&Vpc> {
        self.vpcs.iter().find(|vpc| &vpc.id == id)
    }

    pub fn service(&self, id: &ServiceId) -> Option<&Service> {
        self.services.iter().find(|service| &service.id == id)
    }

    pub fn link(&self, id: &LinkId) -> Option<&Link> {
        self.links.iter().find(|link| &link.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::display_label;

    #[test]
    fn an_item_without_a_name_is_shown_by_its_id() {
        assert_eq!(display_label("", "vpc-1"), "vpc-1");
        assert_eq!(display_label("   ", "vpc-1"), "vpc-1");
        assert_eq!(display_label("app", "vpc-1"), "app");
    }
}
