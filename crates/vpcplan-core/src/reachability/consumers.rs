//! Who may connect to an interface endpoint from across a peering: one
//! decision that reachability, validation's flows and both exporters read.
//!
//! An interface endpoint's security groups decide which clients may connect
//! to its network interfaces ("The security groups on an interface
//! endpoint's network interfaces control the traffic to the endpoint",
//! https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html
//! and PL-005). A client in a peered VPC therefore reaches the endpoint only
//! when those groups let its addresses in on the service port. The design
//! says who must reach what through its required flows (intents), so:
//!
//! - the endpoint's *consumers* are its own VPC and every VPC whose
//!   required flow to the endpoint's service goes through it over a peering
//!   (`endpoint_consumers`, from the path reachability finds for the flow);
//! - the exports open the service port to every consumer's CIDRs when an
//!   endpoint has consumers across a peering (see vpcplan-export's
//!   `shared::endpoints`);
//! - reachability admits a client across a peering when it is a consumer, or
//!   when the endpoint's security groups as designed already let it in
//!   (`Graph::peer_admitted`); otherwise it says so, with the fix.
//!
//! A default security group (an endpoint with none listed) admits only its
//! own members: "The default security group … allows inbound traffic from
//! network interfaces (and their associated instances) that are assigned to
//! the same security group"
//! (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html),
//! and no instance of another VPC can be one, so it admits no peer.

use crate::collections::{HashMap, HashSet};

use crate::LinkKind;
use crate::catalogue;
use crate::design::{
    Design, IntentTarget, InterfaceEndpoint, Link, LinkId, RuleSource, SecurityGroup,
    SecurityGroupRule, Service, ServiceId, ServiceKind, Vpc, VpcId,
};
use crate::diagnostic::Subject;

use super::{Graph, Node, Reachabilities, Reachability, Reason, Side};

/// The port clients connect to through an interface endpoint to `service`:
/// the catalogue's for an AWS service (443 when it is not in the catalogue),
/// the listener port for an endpoint service.
pub fn service_port(service: &Service) -> u16 {
    match &service.kind {
        ServiceKind::Aws { service: suffix } => {
            catalogue::aws_service(suffix).map_or(443, |known| known.port)
        }
        ServiceKind::EndpointService(settings) => settings.port,
    }
}

/// For each interface endpoint, the VPCs that reach it over a peering in a
/// required flow, in the order of the design's intents, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointConsumers {
    peered: HashMap<LinkId, Vec<VpcId>>,
}

impl EndpointConsumers {
    /// The VPCs across a peering whose required flows use endpoint `link`.
    pub fn peered(&self, link: &LinkId) -> &[VpcId] {
        self.peered.get(link).map(Vec::as_slice).unwrap_or_default()
    }
}

/// Every interface endpoint's consumers across a peering: the source VPC of
/// each intent whose path, as reachability finds it, crosses a peering and
/// then enters the endpoint.
pub fn endpoint_consumers(design: &Design) -> EndpointConsumers {
    Reachabilities::new(design).endpoint_consumers()
}

impl Reachabilities<'_> {
    /// [`endpoint_consumers`], from the lookups built once.
    pub fn endpoint_consumers(&self) -> EndpointConsumers {
        let mut consumers = EndpointConsumers::default();
        for intent in &self.graph.index.design.intents {
            if !matches!(intent.to, IntentTarget::Service(_)) {
                continue;
            }
            let from = Node::from(&intent.from);
            let Reachability::Reachable { path } = self.get(&from, &Node::from(&intent.to)) else {
                continue;
            };
            let Some(source) = from.vpc_id() else {
                continue;
            };
            for pair in path.windows(2) {
                if pair[0].kind == Some(LinkKind::Peering)
                    && pair[1].kind == Some(LinkKind::InterfaceEndpoint)
                    && let Some(link) = &pair[1].link
                {
                    let list = consumers.peered.entry(link.clone()).or_default();
                    if !list.contains(source) {
                        list.push(source.clone());
                    }
                }
            }
        }
        consumers
    }
}

/// Whether an ingress rule lets TCP in on `port`.
pub(crate) fn allows_tcp(rule: &SecurityGroupRule, port: u16) -> bool {
    let protocol = rule.protocol.trim();
    if protocol == "-1" || protocol.eq_ignore_ascii_case("all") {
        return true;
    }
    (protocol.eq_ignore_ascii_case("tcp") || protocol == "6")
        && rule.from_port <= port
        && port <= rule.to_port
}

impl<'d> Graph<'d> {
    /// The (source VPC, service) pairs of the design's required flows.
    pub(super) fn required_flows(design: &'d Design) -> HashSet<(&'d VpcId, &'d ServiceId)> {
        design
            .intents
            .iter()
            .filter_map(|intent| match &intent.to {
                IntentTarget::Service(service) => {
                    let from = match &intent.from {
                        crate::design::IntentSource::Vpc(vpc)
                        | crate::design::IntentSource::Subnet { vpc, .. } => vpc,
                    };
                    Some((from, service))
                }
                IntentTarget::Vpc(_) => None,
            })
            .collect()
    }

    /// Whether interface endpoint `link` in `host` lets `source`, across a
    /// peering, in on the service port: because a required flow makes the
    /// source a consumer (the exports then open the port to it), or because
    /// the endpoint's security groups as designed let its addresses in.
    /// `Err` says why not and what to do.
    pub(super) fn peer_admitted(
        &self,
        link: &Link,
        endpoint: &InterfaceEndpoint,
        host: &'d Vpc,
        source: &Side<'d>,
        service: &'d Service,
    ) -> Result<(), Reason> {
        // A Gateway Load Balancer endpoint takes no security groups.
        if self.required.contains(&(&source.vpc.id, &service.id))
            || !matches!(endpoint.target, crate::design::EndpointTarget::Service(_))
        {
            return Ok(());
        }
        let port = service_port(service);
        let groups: Vec<&SecurityGroup> = if endpoint.security_groups.is_empty() {
            // The VPC's default group, when the design models it; otherwise
            // AWS's default rules, which admit no other VPC.
            host.security_groups
                .iter()
                .filter(|group| group.name == "default")
                .collect()
        } else {
            endpoint
                .security_groups
                .iter()
                .filter_map(|id| host.security_groups.iter().find(|group| &group.id == id))
                .collect()
        };
        // Groups the design lists but does not hold cannot be judged.
        if !endpoint.security_groups.is_empty() && groups.is_empty() {
            return Ok(());
        }
        let ranges = source.ranges();
        let admits = |rule: &SecurityGroupRule| {
            allows_tcp(rule, port)
                && match &rule.source {
                    RuleSource::Cidr(cidr) => ranges.iter().any(|range| cidr.contains(range)),
                    // Members of a group of the source's VPC, or a prefix
                    // list: who is in them is not in the design.
                    RuleSource::SecurityGroup { vpc, .. } => vpc == &source.vpc.id,
                    RuleSource::PrefixList(_) => true,
                }
        };
        if groups.iter().any(|group| group.ingress.iter().any(&admits)) {
            return Ok(());
        }
        let (a, p, s) = (source.vpc.label(), host.label(), service.label());
        let mut subjects = source.subject_list();
        subjects.push(Subject::Link(link.id.clone()));
        subjects.push(Subject::Vpc(host.id.clone()));
        subjects.push(Subject::Service(service.id.clone()));
        subjects.extend(
            groups
                .iter()
                .map(|group| Subject::SecurityGroup(group.id.clone())),
        );
        let (groups_en, groups_ja) = if groups.is_empty() {
            (
                format!("the default security group of {p} (it admits only its own members)"),
                format!("{p}のデフォルトセキュリティグループ(自身のメンバーからの通信だけを許可)"),
            )
        } else {
            let names: Vec<&str> = groups
                .iter()
                .map(|group| crate::design::display_label(&group.name, group.id.as_str()))
                .collect();
            let names = names.join(", ");
            (
                format!("its security groups ({names})"),
                format!("エンドポイントのセキュリティグループ({names})"),
            )
        };
        Err(Reason::new(
            Some("PL-005"),
            subjects,
            format!(
                "Interface endpoint {} in {p} does not let {a} in on TCP {port}: neither {groups_en} nor a required flow from {a} to {s} admits {a}. Keep this flow as a required flow (the exports then open port {port} of the endpoint to {a}), or add an inbound rule for {a}'s CIDRs.",
                link.id
            ),
            format!(
                "{p}のインターフェイスエンドポイント{}は、{a}からのTCP {port}への接続を受け付けません。{groups_ja}も、{a}から{s}への必須フローも、{a}を許可していません。この通信を必須フローとして保存する(エクスポートがエンドポイントのポート{port}を{a}に開きます)か、{a}のCIDRからのインバウンドルールを追加してください。",
                link.id
            ),
        ))
    }
}
