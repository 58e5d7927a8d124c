//! DES-007: Region codes that name no AWS Region.

use crate::Text;
use crate::design::ServiceKind;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::regions::region_by_code;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "DES-007",
        name: "unknown-region",
        severities: &[Severity::Error],
        title: Text::new(
            "A Region code is not a known AWS Region",
            "リージョンコードが既知のAWSリージョンではありません",
        ),
        why: Text::new(
            "VPCs, services, cross-Region endpoints and endpoint services' supported Regions name Regions by code, such as `ap-northeast-1`. An unknown code (a typo, or an Availability Zone name such as `ap-northeast-1a`) cannot be deployed and hides the Region and partition checks of the other rules.",
            "VPC、サービス、リージョン間のエンドポイント、エンドポイントサービスのサポートリージョンは、`ap-northeast-1`のようなコードでリージョンを指定します。未知のコード(入力ミスや、`ap-northeast-1a`のようなアベイラビリティーゾーン名)はデプロイできず、ほかのルールによるリージョンやパーティションの検査も働きません。",
        ),
        fix: Text::new(
            "Use the Region's code as AWS lists it (for example `us-east-1`, `eu-west-1`, `ap-northeast-1`).",
            "AWSが示すリージョンコード(たとえば`us-east-1`、`eu-west-1`、`ap-northeast-1`)を使ってください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html",
            "https://docs.aws.amazon.com/vpc/latest/userguide/how-it-works.html",
        ],
    },
    check,
};

/// Whether a code names a Region, remembering the last known code: most of
/// a design is in a few Regions.
struct Known {
    last: String,
}

impl Known {
    fn check(&mut self, code: &str) -> bool {
        if code == self.last {
            return true;
        }
        let known = region_by_code(code).is_some();
        if known {
            code.clone_into(&mut self.last);
        }
        known
    }
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let design = index.design;
    let mut known = Known {
        last: String::new(),
    };
    let mut report = |code: &str, subject: Subject, what_en: String, what_ja: String| {
        out.push(rule.diagnostic(
            Severity::Error,
            vec![subject],
            Localized::new(
                format!("{what_en} names Region `{code}`, which is not a known AWS Region code."),
                format!("{what_ja}が指定するリージョン`{code}`は、既知のAWSリージョンコードではありません。"),
            ),
        ));
    };
    for vpc in &design.vpcs {
        if !known.check(&vpc.region) {
            report(
                &vpc.region,
                Subject::Vpc(vpc.id.clone()),
                format!("VPC {}", vpc.label()),
                format!("VPC {}", vpc.label()),
            );
        }
    }
    for service in &design.services {
        let name = || service.label();
        if !known.check(&service.region) {
            report(
                &service.region,
                Subject::Service(service.id.clone()),
                format!("Service {}", name()),
                format!("サービス{}", name()),
            );
        }
        if let ServiceKind::EndpointService(endpoint_service) = &service.kind {
            for region in &endpoint_service.supported_regions {
                if !known.check(region) {
                    report(
                        region,
                        Subject::Service(service.id.clone()),
                        format!("The supported-Region list of endpoint service {}", name()),
                        format!("エンドポイントサービス{}のサポートリージョン", name()),
                    );
                }
            }
        }
    }
    for &(link, endpoint) in &index.interface_endpoints {
        if let Some(region) = &endpoint.service_region
            && !known.check(region)
        {
            report(
                region,
                Subject::Link(link.id.clone()),
                format!("The service Region of interface endpoint {}", link.id),
                format!(
                    "インターフェイスエンドポイント{}のサービスリージョン",
                    link.id
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::LinkSpec;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    #[test]
    fn flags_unknown_codes_wherever_they_appear() {
        let mut provider = endpoint_service("svc", "app", "ap-northeast-1");
        provider.name = "billing".to_owned();
        let settings = endpoint_service_mut(&mut provider);
        settings.network_load_balancers.clear();
        settings.supported_ip_address_types.clear();
        settings.supported_regions = vec!["us-east-1".to_owned(), "us-east-9".to_owned()];
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").in_region("ap-northeast-1a")],
            vec![aws_service("s3", "s3", "tokyo"), provider],
            vec![interface_endpoint("ie", "app", "svc", &[])],
        );
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut design.links[0].spec {
            endpoint.service_region = Some("mars-1".to_owned());
        }
        check(
            &RULE,
            &design,
            expect![[r#"
            error DES-007 vpc:app
              en: VPC app names Region `ap-northeast-1a`, which is not a known AWS Region code.
              ja: VPC appが指定するリージョン`ap-northeast-1a`は、既知のAWSリージョンコードではありません。
            error DES-007 service:s3
              en: Service s3 names Region `tokyo`, which is not a known AWS Region code.
              ja: サービスs3が指定するリージョン`tokyo`は、既知のAWSリージョンコードではありません。
            error DES-007 service:svc
              en: The supported-Region list of endpoint service billing names Region `us-east-9`, which is not a known AWS Region code.
              ja: エンドポイントサービスbillingのサポートリージョンが指定するリージョン`us-east-9`は、既知のAWSリージョンコードではありません。
            error DES-007 link:ie
              en: The service Region of interface endpoint ie names Region `mars-1`, which is not a known AWS Region code.
              ja: インターフェイスエンドポイントieのサービスリージョンが指定するリージョン`mars-1`は、既知のAWSリージョンコードではありません。
        "#]],
        );
    }

    #[test]
    fn known_codes_in_every_partition_are_clean() {
        let mut design = design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("cn", "10.1.0.0/16").in_region("cn-north-1"),
                vpc("gov", "10.2.0.0/16").in_region("us-gov-west-1"),
            ],
            vec![aws_service("s3", "s3", "us-west-2")],
            vec![interface_endpoint("ie", "app", "s3", &[])],
        );
        if let LinkSpec::InterfaceEndpoint(endpoint) = &mut design.links[0].spec {
            endpoint.service_region = Some("us-west-2".to_owned());
        }
        check(&RULE, &design, expect![[""]]);
    }
}
