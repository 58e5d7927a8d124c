//! Planning the link commands: making a link of a kind between two nodes
//! (`link_spec`), and the options of peerings and endpoints.

use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;
use vpcplan_core::link_kind::LinkKind;

use super::subnets::check_subnets_exist;
use super::{
    EditError, Field, GatewayEndpointOptions, InterfaceEndpointOptions, Planner, Result,
    check_region, dedup, link, missing_node, node_subject, service, vpc,
};
use crate::items::NodeId;
use crate::patch::Record;

impl Planner<'_> {
    pub(super) fn add_link(&mut self, from: &NodeId, to: &NodeId, kind: LinkKind) -> Result<()> {
        let spec = link_spec(self.design, from, to, kind)?;
        self.changes.add(Record::Link(Link {
            id: LinkId::new(self.ids.next("link")),
            spec,
        }));
        Ok(())
    }

    pub(super) fn set_peering_options(
        &mut self,
        id: &LinkId,
        dns_resolution: bool,
        ipv6: bool,
    ) -> Result<()> {
        let mut edited = link(self.design, id)?.clone();
        let LinkSpec::Peering(p) = &mut edited.spec else {
            return Err(wrong_kind(id, LinkKind::Peering));
        };
        p.dns_resolution = dns_resolution;
        p.ipv6 = ipv6;
        self.changes.update(Record::Link(edited));
        Ok(())
    }

    pub(super) fn set_interface_endpoint_options(
        &mut self,
        id: &LinkId,
        options: &InterfaceEndpointOptions,
    ) -> Result<()> {
        let mut edited = link(self.design, id)?.clone();
        let LinkSpec::InterfaceEndpoint(e) = &mut edited.spec else {
            return Err(wrong_kind(id, LinkKind::InterfaceEndpoint));
        };
        let subject = Subject::Link(id.clone());
        let owner = vpc(self.design, &e.vpc)?;
        check_subnets_exist(owner, &options.subnets, subject.clone())?;
        if let Some(unknown) = options
            .security_groups
            .iter()
            .find(|group| !owner.security_groups.iter().any(|sg| &sg.id == *group))
        {
            return Err(EditError::new(
                Some(subject),
                Field::SecurityGroups,
                format!("Security group {unknown} is not in {}.", owner.id),
                format!("セキュリティグループ{unknown}は{}にありません。", owner.id),
            ));
        }
        let service_region = options.service_region.trim();
        e.service_region = if service_region.is_empty() {
            None
        } else {
            let region = check_region(subject, service_region)
                .map_err(|error| error.about(Field::ServiceRegion))?;
            Some(region)
        };
        e.subnets = dedup(&options.subnets);
        e.security_groups = dedup(&options.security_groups);
        e.private_dns = options.private_dns;
        e.ip_address_type = options.ip_address_type;
        e.dns_record_ip_type = options.dns_record_ip_type;
        self.changes.update(Record::Link(edited));
        Ok(())
    }

    pub(super) fn set_gateway_endpoint_options(
        &mut self,
        id: &LinkId,
        options: &GatewayEndpointOptions,
    ) -> Result<()> {
        let mut edited = link(self.design, id)?.clone();
        let LinkSpec::GatewayEndpoint(e) = &mut edited.spec else {
            return Err(wrong_kind(id, LinkKind::GatewayEndpoint));
        };
        let owner = vpc(self.design, &e.vpc)?;
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
        self.changes.update(Record::Link(edited));
        Ok(())
    }
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

fn wrong_kind(id: &LinkId, expected: LinkKind) -> EditError {
    let name = expected.name();
    EditError::new(
        Some(Subject::Link(id.clone())),
        Field::Command,
        format!("Link {id} is not a {}.", name.en),
        format!("リンク{id}は{}ではありません。", name.ja),
    )
}
