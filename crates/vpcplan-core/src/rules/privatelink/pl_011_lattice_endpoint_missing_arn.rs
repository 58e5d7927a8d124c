//! PL-011: a VPC Lattice resource or service-network endpoint without the ARN
//! it connects to.

use crate::Text;
use crate::design::EndpointTarget;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-011",
        name: "lattice-endpoint-missing-arn",
        severities: &[Severity::Error],
        title: Text::new(
            "A resource or service-network endpoint has no ARN to connect to",
            "リソースエンドポイントまたはサービスネットワークエンドポイントに接続先のARNがありません",
        ),
        why: Text::new(
            "Resource endpoints (VpcEndpointType=Resource) connect to a VPC Lattice resource configuration and need its ResourceConfigurationArn; service-network endpoints (VpcEndpointType=ServiceNetwork) connect to a VPC Lattice service network and need its ServiceNetworkArn. Without it AWS cannot create the endpoint.",
            "リソースエンドポイント(VpcEndpointType=Resource)はVPC Latticeのリソース設定に接続するためResourceConfigurationArnが、サービスネットワークエンドポイント(VpcEndpointType=ServiceNetwork)はVPC Latticeのサービスネットワークに接続するためServiceNetworkArnが必要です。これがないとAWSはエンドポイントを作成できません。",
        ),
        fix: Text::new(
            "Set the resource configuration ARN (shared through AWS RAM if it belongs to another account) on a resource endpoint, or the service network ARN on a service-network endpoint.",
            "リソースエンドポイントにはリソース設定のARN(別アカウントのものはAWS RAMで共有)を、サービスネットワークエンドポイントにはサービスネットワークのARNを設定してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
            "https://docs.amazonaws.cn/en_us/vpc/latest/privatelink/use-resource-endpoint.md",
            "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html",
        ],
    },
    check,
};

fn is_missing(arn: Option<&String>) -> bool {
    arn.is_none_or(|arn| arn.trim().is_empty())
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint) in &index.interface_endpoints {
        let message = match &endpoint.target {
            EndpointTarget::Resource { configuration_arn }
                if is_missing(configuration_arn.as_ref()) =>
            {
                Localized::new(
                    format!(
                        "Resource endpoint {} has no ResourceConfigurationArn. Resource endpoints need ResourceConfigurationArn (VPC Lattice resource configuration, shared through RAM if cross-account).",
                        link.id
                    ),
                    format!(
                        "リソースエンドポイント{}にResourceConfigurationArnがありません。リソースエンドポイントにはResourceConfigurationArn(VPC Latticeのリソース設定。別アカウントのものはRAMで共有)が必要です。",
                        link.id
                    ),
                )
            }
            EndpointTarget::ServiceNetwork { arn } if is_missing(arn.as_ref()) => Localized::new(
                format!(
                    "Service-network endpoint {} has no ServiceNetworkArn. Service-network endpoints need ServiceNetworkArn.",
                    link.id
                ),
                format!(
                    "サービスネットワークエンドポイント{}にServiceNetworkArnがありません。サービスネットワークエンドポイントにはServiceNetworkArnが必要です。",
                    link.id
                ),
            ),
            _ => continue,
        };
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(endpoint.vpc.clone()),
            ],
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn lattice_endpoints(resource: Option<&str>, network: Option<&str>) -> crate::Design {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![],
            vec![
                interface_endpoint("vpce-rds", "app", "unused", &["app-a"]),
                interface_endpoint("vpce-sn", "app", "unused", &["app-a"]),
            ],
        );
        interface_mut(&mut design, 0).target = EndpointTarget::Resource {
            configuration_arn: resource.map(str::to_owned),
        };
        interface_mut(&mut design, 1).target = EndpointTarget::ServiceNetwork {
            arn: network.map(str::to_owned),
        };
        design
    }

    #[test]
    fn flags_missing_or_blank_arns() {
        check(
            &RULE,
            &lattice_endpoints(None, Some("  ")),
            expect![[r#"
            error PL-011 link:vpce-rds vpc:app
              en: Resource endpoint vpce-rds has no ResourceConfigurationArn. Resource endpoints need ResourceConfigurationArn (VPC Lattice resource configuration, shared through RAM if cross-account).
              ja: リソースエンドポイントvpce-rdsにResourceConfigurationArnがありません。リソースエンドポイントにはResourceConfigurationArn(VPC Latticeのリソース設定。別アカウントのものはRAMで共有)が必要です。
            error PL-011 link:vpce-sn vpc:app
              en: Service-network endpoint vpce-sn has no ServiceNetworkArn. Service-network endpoints need ServiceNetworkArn.
              ja: サービスネットワークエンドポイントvpce-snにServiceNetworkArnがありません。サービスネットワークエンドポイントにはServiceNetworkArnが必要です。
        "#]],
        );
    }

    #[test]
    fn endpoints_with_arns_and_other_targets_are_clean() {
        let with_arns = lattice_endpoints(
            Some("arn:aws:vpc-lattice:ap-northeast-1:111111111111:resourceconfiguration/rcfg-0123"),
            Some("arn:aws:vpc-lattice:ap-northeast-1:111111111111:servicenetwork/sn-0123"),
        );
        check(&RULE, &with_arns, expect![[""]]);

        let plain = design(
            vec![vpc("app", "10.0.0.0/16")],
            vec![],
            vec![interface_endpoint("vpce", "app", "ssm", &[])],
        );
        check(&RULE, &plain, expect![[""]]);
    }
}
