//! Which AWS Architecture Icon each drawn thing carries: decided here once,
//! for the canvas (and the image saved from it) and for the draw.io export,
//! so that the two pictures of a design agree.
//!
//! The icons themselves are the official AWS Architecture Icons
//! (<https://aws.amazon.com/architecture/icons/>): the web app bundles the
//! few it draws (`web/icons/aws/`), and draw.io has its own copies as the
//! `mxgraph.aws4` shapes.

use vpcplan_core::design::{Service, ServiceKind};

/// An icon of the AWS Architecture Icons set that vpcplan draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AwsIcon {
    /// Amazon Simple Storage Service (S3).
    SimpleStorageService,
    /// Amazon DynamoDB.
    DynamoDb,
    /// AWS Systems Manager, whose endpoints (`ssm`, `ssmmessages`,
    /// `ec2messages`) Session Manager needs.
    SystemsManager,
    /// Any other AWS service: the AWS Cloud mark.
    AwsService,
    /// AWS PrivateLink: an endpoint service.
    PrivateLink,
    /// Amazon VPC endpoints: an interface or gateway endpoint.
    VpcEndpoints,
    /// Elastic Load Balancing, Network Load Balancer.
    NetworkLoadBalancer,
    /// Elastic Load Balancing, Gateway Load Balancer.
    GatewayLoadBalancer,
}

impl AwsIcon {
    pub const ALL: [AwsIcon; 8] = [
        AwsIcon::SimpleStorageService,
        AwsIcon::DynamoDb,
        AwsIcon::SystemsManager,
        AwsIcon::AwsService,
        AwsIcon::PrivateLink,
        AwsIcon::VpcEndpoints,
        AwsIcon::NetworkLoadBalancer,
        AwsIcon::GatewayLoadBalancer,
    ];

    /// A stable name for file names, element ids and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            AwsIcon::SimpleStorageService => "s3",
            AwsIcon::DynamoDb => "dynamodb",
            AwsIcon::SystemsManager => "systems-manager",
            AwsIcon::AwsService => "aws-service",
            AwsIcon::PrivateLink => "privatelink",
            AwsIcon::VpcEndpoints => "vpc-endpoints",
            AwsIcon::NetworkLoadBalancer => "network-load-balancer",
            AwsIcon::GatewayLoadBalancer => "gateway-load-balancer",
        }
    }

    /// The icon's name in the AWS Architecture Icons set.
    pub fn title(self) -> &'static str {
        match self {
            AwsIcon::SimpleStorageService => "Amazon Simple Storage Service",
            AwsIcon::DynamoDb => "Amazon DynamoDB",
            AwsIcon::SystemsManager => "AWS Systems Manager",
            AwsIcon::AwsService => "AWS Cloud",
            AwsIcon::PrivateLink => "AWS PrivateLink",
            AwsIcon::VpcEndpoints => "Amazon VPC Endpoints",
            AwsIcon::NetworkLoadBalancer => "Elastic Load Balancing Network Load Balancer",
            AwsIcon::GatewayLoadBalancer => "Elastic Load Balancing Gateway Load Balancer",
        }
    }
}

/// The icon of a service node: its AWS service's, or PrivateLink's for an
/// endpoint service.
pub fn service_icon(service: &Service) -> AwsIcon {
    match &service.kind {
        ServiceKind::EndpointService(_) => AwsIcon::PrivateLink,
        ServiceKind::Aws { service } => match service.as_str() {
            "s3" => AwsIcon::SimpleStorageService,
            "dynamodb" => AwsIcon::DynamoDb,
            // Session Manager reaches these three through interface
            // endpoints: https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
            "ssm" | "ssmmessages" | "ec2messages" => AwsIcon::SystemsManager,
            _ => AwsIcon::AwsService,
        },
    }
}

/// The icon of the load balancer that fronts an endpoint service (its
/// first Network Load Balancer, else its first Gateway Load Balancer), drawn
/// where the service meets the VPC that hosts it; `None` for an AWS service
/// or an endpoint service that names no load balancer yet.
pub fn load_balancer_icon(service: &Service) -> Option<AwsIcon> {
    match &service.kind {
        ServiceKind::EndpointService(es) if !es.network_load_balancers.is_empty() => {
            Some(AwsIcon::NetworkLoadBalancer)
        }
        ServiceKind::EndpointService(es) if !es.gateway_load_balancers.is_empty() => {
            Some(AwsIcon::GatewayLoadBalancer)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplan_core::design::Position;

    fn aws(suffix: &str) -> Service {
        Service {
            id: "svc".into(),
            name: String::new(),
            region: "us-east-1".to_owned(),
            kind: ServiceKind::Aws {
                service: suffix.to_owned(),
            },
            position: Position::default(),
        }
    }

    #[test]
    fn aws_services_get_their_own_icon_or_the_aws_cloud_mark() {
        let icons: Vec<AwsIcon> = ["s3", "dynamodb", "ssm", "ssmmessages", "kms", "s3express"]
            .into_iter()
            .map(|suffix| service_icon(&aws(suffix)))
            .collect();
        assert_eq!(
            icons,
            [
                AwsIcon::SimpleStorageService,
                AwsIcon::DynamoDb,
                AwsIcon::SystemsManager,
                AwsIcon::SystemsManager,
                AwsIcon::AwsService,
                AwsIcon::AwsService,
            ]
        );
    }

    #[test]
    fn every_icon_has_a_slug_of_its_own() {
        let mut slugs: Vec<&str> = AwsIcon::ALL.iter().map(|icon| icon.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), AwsIcon::ALL.len());
    }
}
