//! Lookups over a design, built once per validation so that every rule runs
//! in time proportional to what it inspects, never comparing all pairs.

use crate::collections::HashMap;

use crate::design::{
    Design, GatewayEndpoint, InterfaceEndpoint, Link, LinkId, LinkSpec, Peering, RouteTable,
    RouteTableId, SecurityGroup, SecurityGroupId, Service, ServiceId, Subnet, SubnetId, Vpc, VpcId,
};
use crate::routes::{EffectiveRoute, effective_routes};

pub struct DesignIndex<'d> {
    pub design: &'d Design,
    pub vpcs: HashMap<&'d VpcId, &'d Vpc>,
    pub subnets: HashMap<&'d SubnetId, (&'d Vpc, &'d Subnet)>,
    pub route_tables: HashMap<&'d RouteTableId, (&'d Vpc, &'d RouteTable)>,
    pub security_groups: HashMap<&'d SecurityGroupId, (&'d Vpc, &'d SecurityGroup)>,
    pub services: HashMap<&'d ServiceId, &'d Service>,
    pub links: HashMap<&'d LinkId, &'d Link>,
    pub peerings: Vec<(&'d Link, &'d Peering)>,
    pub interface_endpoints: Vec<(&'d Link, &'d InterfaceEndpoint)>,
    pub gateway_endpoints: Vec<(&'d Link, &'d GatewayEndpoint)>,
    /// For each VPC, the positions in `peerings` of the peerings it is part of.
    pub peerings_by_vpc: HashMap<&'d VpcId, Vec<usize>>,
    pub routes: HashMap<&'d RouteTableId, Vec<EffectiveRoute>>,
}

impl<'d> DesignIndex<'d> {
    pub fn new(design: &'d Design) -> DesignIndex<'d> {
        let mut index = DesignIndex {
            design,
            vpcs: HashMap::with_capacity_and_hasher(design.vpcs.len(), Default::default()),
            subnets: HashMap::default(),
            route_tables: HashMap::default(),
            security_groups: HashMap::default(),
            services: design
                .services
                .iter()
                .map(|service| (&service.id, service))
                .collect(),
            links: design.links.iter().map(|link| (&link.id, link)).collect(),
            peerings: Vec::new(),
            interface_endpoints: Vec::new(),
            gateway_endpoints: Vec::new(),
            peerings_by_vpc: HashMap::default(),
            routes: effective_routes(design),
        };
        for vpc in &design.vpcs {
            index.vpcs.insert(&vpc.id, vpc);
            for subnet in &vpc.subnets {
                index.subnets.insert(&subnet.id, (vpc, subnet));
            }
            for table in &vpc.route_tables {
                index.route_tables.insert(&table.id, (vpc, table));
            }
            for group in &vpc.security_groups {
                index.security_groups.insert(&group.id, (vpc, group));
            }
        }
        for link in &design.links {
            match &link.spec {
                LinkSpec::Peering(peering) => {
                    let position = index.peerings.len();
                    index.peerings.push((link, peering));
                    index
                        .peerings_by_vpc
                        .entry(&peering.requester)
                        .or_default()
                        .push(position);
                    if peering.accepter != peering.requester {
                        index
                            .peerings_by_vpc
                            .entry(&peering.accepter)
                            .or_default()
                            .push(position);
                    }
                }
                LinkSpec::InterfaceEndpoint(endpoint) => {
                    index.interface_endpoints.push((link, endpoint))
                }
                LinkSpec::GatewayEndpoint(endpoint) => {
                    index.gateway_endpoints.push((link, endpoint))
                }
            }
        }
        index
    }

    pub fn vpc(&self, id: &VpcId) -> Option<&'d Vpc> {
        self.vpcs.get(id).copied()
    }

    pub fn service(&self, id: &ServiceId) -> Option<&'d Service> {
        self.services.get(id).copied()
    }

    /// The peerings a VPC is part of.
    pub fn peerings_of(&self, vpc: &VpcId) -> impl Iterator<Item = (&'d Link, &'d Peering)> + '_ {
        self.peerings_by_vpc
            .get(vpc)
            .into_iter()
            .flatten()
            .map(|&position| self.peerings[position])
    }

    /// The VPC on the other side of a peering from `vpc`.
    pub fn peer_of<'p>(&self, peering: &'p Peering, vpc: &VpcId) -> &'p VpcId {
        if &peering.requester == vpc {
            &peering.accepter
        } else {
            &peering.requester
        }
    }

    /// The route table that serves a subnet: its explicit association, else
    /// the VPC's main table.
    pub fn route_table_of_subnet(&self, vpc: &'d Vpc, subnet: &SubnetId) -> Option<&'d RouteTable> {
        vpc.route_tables
            .iter()
            .find(|table| table.subnets.contains(subnet))
            .or_else(|| vpc.route_tables.iter().find(|table| table.main))
    }

    /// The routes of a table, explicit and derived.
    pub fn routes_of(&self, table: &RouteTableId) -> &[EffectiveRoute] {
        self.routes
            .get(table)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}
