//! PL-012: a service name that does not fit the endpoint's Region or any known
//! pattern, and endpoints to AWS services that have no interface endpoint.

use super::{CatalogueCache, service_label};
use crate::Text;
use crate::design::{EndpointTarget, ServiceKind};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::regions::{Partition, region_by_code};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-012",
        name: "invalid-service-name",
        severities: &[Severity::Error, Severity::Warning],
        title: Text::new(
            "The endpoint's service name does not fit its Region or any known pattern",
            "エンドポイントのサービス名がリージョンや既知の形式に合っていません",
        ),
        why: Text::new(
            "Interface endpoint service names carry the service's Region: `com.amazonaws.<region>.<service>`, with a few exceptions (`aws.api.<region>.*`, `aws.sagemaker.<region>.*`, the global `com.amazonaws.iam`, `com.amazonaws.route53` and `com.amazonaws.s3-global.accesspoint`, `cn.com.amazonaws.<region>.*` in the China Regions, and `com.amazonaws.vpce.<region>.vpce-svc-<id>` for endpoint services). AWS looks the name up in the endpoint's Region, or in its ServiceRegion for a cross-Region endpoint, so a name for another Region or in another form is not found. Some AWS services, such as S3 Express One Zone, offer only gateway endpoints.",
            "インターフェイスエンドポイントのサービス名にはサービスのリージョンが入ります: `com.amazonaws.<region>.<service>`。例外は`aws.api.<region>.*`、`aws.sagemaker.<region>.*`、グローバルな`com.amazonaws.iam`・`com.amazonaws.route53`・`com.amazonaws.s3-global.accesspoint`、中国リージョンの`cn.com.amazonaws.<region>.*`、エンドポイントサービスの`com.amazonaws.vpce.<region>.vpce-svc-<id>`です。AWSはエンドポイントのリージョン(リージョン間接続ではServiceRegion)でサービス名を探すため、別リージョンの名前や別の形式の名前は見つかりません。また、S3 Express One Zoneのようにゲートウェイエンドポイントしかないサービスもあります。",
        ),
        fix: Text::new(
            "Use the name `aws ec2 describe-vpc-endpoint-services` lists in the endpoint's Region (or set ServiceRegion for a cross-Region endpoint). For a gateway-only service, create a gateway endpoint instead.",
            "エンドポイントのリージョンで`aws ec2 describe-vpc-endpoint-services`が返す名前を使ってください(リージョン間接続ではServiceRegionを設定してください)。ゲートウェイエンドポイントしかないサービスには、ゲートウェイエンドポイントを作成してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html",
            "https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-ec2/lib/vpc-endpoint.ts",
            "https://docs.amazonaws.cn/en_us/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html",
        ],
    },
    check,
};

/// Names without a Region segment.
const GLOBAL_NAMES: [&str; 3] = [
    "com.amazonaws.iam",
    "com.amazonaws.route53",
    "com.amazonaws.s3-global.accesspoint",
];

/// Prefixes followed by `<region>.<service>`.
const REGIONAL_PREFIXES: [&str; 3] = ["com.amazonaws.", "aws.api.", "aws.sagemaker."];

const CHINA_PREFIX: &str = "cn.com.amazonaws.";
const ENDPOINT_SERVICE_PREFIX: &str = "com.amazonaws.vpce.";

const EXPECTED: &str = "Expected `com.amazonaws.<region>.<svc>`. Exceptions: `aws.api.<region>.*`, `aws.sagemaker.<region>.*`, global `com.amazonaws.iam` / `com.amazonaws.route53` / `com.amazonaws.s3-global.accesspoint`, `cn.com.amazonaws.*` in China, and endpoint services `com.amazonaws.vpce.<region>.vpce-svc-*`.";
const EXPECTED_JA: &str = "想定される形式は`com.amazonaws.<region>.<svc>`です。例外は`aws.api.<region>.*`、`aws.sagemaker.<region>.*`、グローバルな`com.amazonaws.iam`・`com.amazonaws.route53`・`com.amazonaws.s3-global.accesspoint`、中国の`cn.com.amazonaws.*`、エンドポイントサービスの`com.amazonaws.vpce.<region>.vpce-svc-*`です。";

#[derive(Debug, PartialEq, Eq)]
enum NameFit<'a> {
    Fits,
    /// The name's Region segment is neither the VPC's Region nor the ServiceRegion.
    WrongRegion(&'a str),
    /// `cn.com.amazonaws.<region>.*` with a Region outside China.
    NotChina(&'a str),
    NoPattern,
}

/// A lowercase name segment: letters, digits and hyphens.
fn is_segment(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn is_china(region: &str) -> bool {
    region_by_code(region).map_or(region.starts_with("cn-"), |known| {
        known.partition == Partition::AwsCn
    })
}

/// How a service name fits the Regions the endpoint may name.
fn fit<'a>(name: &'a str, regions: &[&str]) -> NameFit<'a> {
    if GLOBAL_NAMES.contains(&name) {
        return NameFit::Fits;
    }
    let (region, china) = if let Some(rest) = name.strip_prefix(ENDPOINT_SERVICE_PREFIX) {
        let Some((region, id)) = rest.split_once('.') else {
            return NameFit::NoPattern;
        };
        let is_id = id.strip_prefix("vpce-svc-").is_some_and(|hex| {
            !hex.is_empty()
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        if !is_segment(region) || !is_id {
            return NameFit::NoPattern;
        }
        (region, false)
    } else {
        let (rest, china) = match name.strip_prefix(CHINA_PREFIX) {
            Some(rest) => (rest, true),
            None => match REGIONAL_PREFIXES
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
            {
                Some(rest) => (rest, false),
                None => return NameFit::NoPattern,
            },
        };
        let Some((region, service)) = rest.split_once('.') else {
            return NameFit::NoPattern;
        };
        if !is_segment(region) || !service.split('.').all(is_segment) {
            return NameFit::NoPattern;
        }
        (region, china)
    };
    if !regions.contains(&region) {
        NameFit::WrongRegion(region)
    } else if china && !is_china(region) {
        NameFit::NotChina(region)
    } else {
        NameFit::Fits
    }
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let mut catalogue_entries = CatalogueCache::default();
    for (link, endpoint, endpoint_vpc) in index.interface_endpoints_with_vpc() {
        if let Some(name) = endpoint.service_name.as_deref()
            && let Some(vpc) = endpoint_vpc
        {
            let vpc_region = vpc.region.as_str();
            let service_region = endpoint
                .service_region
                .as_deref()
                .filter(|&set| set != vpc_region);
            let both;
            let regions: &[&str] = match service_region {
                Some(set) => {
                    both = [vpc_region, set];
                    &both
                }
                None => std::slice::from_ref(&vpc_region),
            };
            let fits = fit(name, regions);
            let (allowed, allowed_ja) = match (&fits, service_region) {
                (NameFit::Fits, _) => (String::new(), String::new()),
                (_, Some(set)) => (
                    format!("{vpc_region} (or ServiceRegion {set})"),
                    format!("{vpc_region}(またはServiceRegionの{set})"),
                ),
                (_, None) => (vpc_region.to_owned(), vpc_region.to_owned()),
            };
            let message = match fits {
                NameFit::Fits => None,
                NameFit::WrongRegion(found) => Some(Localized::new(
                    format!(
                        "Service name {name} of endpoint {} does not match Region {allowed}: it names Region {found}. {EXPECTED}",
                        link.id
                    ),
                    format!(
                        "エンドポイント{}のサービス名{name}はリージョン{allowed_ja}と一致しません(名前のリージョンは{found}です)。{EXPECTED_JA}",
                        link.id
                    ),
                )),
                NameFit::NotChina(found) => Some(Localized::new(
                    format!(
                        "Service name {name} of endpoint {} uses the China form cn.com.amazonaws.<region>.*, but {found} is not a China Region. {EXPECTED}",
                        link.id
                    ),
                    format!(
                        "エンドポイント{}のサービス名{name}は中国リージョン用のcn.com.amazonaws.<region>.*形式ですが、{found}は中国リージョンではありません。{EXPECTED_JA}",
                        link.id
                    ),
                )),
                NameFit::NoPattern => Some(Localized::new(
                    format!(
                        "Service name {name:?} of endpoint {} matches no known pattern. {EXPECTED}",
                        link.id
                    ),
                    format!(
                        "エンドポイント{}のサービス名{name:?}はどの既知の形式にも合いません。{EXPECTED_JA}",
                        link.id
                    ),
                )),
            };
            if let Some(message) = message {
                out.push(rule.diagnostic(
                    Severity::Error,
                    vec![Subject::Link(link.id.clone()), Subject::Vpc(vpc.id.clone())],
                    message,
                ));
            }
        }

        let EndpointTarget::Service(service_id) = &endpoint.target else {
            continue;
        };
        let Some(service) = index.service(service_id) else {
            continue;
        };
        if !matches!(service.kind, ServiceKind::Aws { .. }) {
            continue;
        }
        let entry = catalogue_entries.get(service);
        if entry.is_some_and(|entry| entry.interface_endpoint) {
            continue;
        }
        let full_name = service_label(service);
        let subjects = vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(endpoint.vpc.clone()),
            Subject::Service(service.id.clone()),
        ];
        match entry {
            None => out.push(rule.diagnostic(
                Severity::Warning,
                subjects,
                Localized::new(
                    format!(
                        "Endpoint {} targets {full_name}, which is not in vpcplan's service catalogue. Check that the service offers an interface endpoint in {} (`aws ec2 describe-vpc-endpoint-services`).",
                        link.id, service.region
                    ),
                    format!(
                        "エンドポイント{}の接続先{full_name}はvpcplanのサービスカタログにありません。{}でこのサービスにインターフェイスエンドポイントがあるか確認してください(`aws ec2 describe-vpc-endpoint-services`)。",
                        link.id, service.region
                    ),
                ),
            )),
            Some(known) if !known.interface_endpoint => {
                let (hint, hint_ja) = if known.gateway_endpoint {
                    (
                        " It offers only a gateway endpoint; use a gateway endpoint instead.",
                        "このサービスにはゲートウェイエンドポイントしかないため、ゲートウェイエンドポイントを使ってください。",
                    )
                } else {
                    ("", "")
                };
                out.push(rule.diagnostic(
                    Severity::Error,
                    subjects,
                    Localized::new(
                        format!(
                            "Endpoint {} is an interface endpoint to {full_name} ({}), which has no interface endpoint.{hint}",
                            link.id, known.display_name
                        ),
                        format!(
                            "エンドポイント{}は{full_name}({})へのインターフェイスエンドポイントですが、このサービスにはインターフェイスエンドポイントがありません。{hint_ja}",
                            link.id, known.display_name
                        ),
                    ),
                ));
            }
            Some(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    const TOKYO: &[&str] = &["ap-northeast-1"];

    #[test]
    fn names_fit_the_regional_pattern_and_its_exceptions() {
        for name in [
            "com.amazonaws.ap-northeast-1.ssm",
            "com.amazonaws.ap-northeast-1.ecr.dkr",
            "com.amazonaws.ap-northeast-1.kms-fips",
            "aws.api.ap-northeast-1.qbusiness",
            "aws.sagemaker.ap-northeast-1.notebook",
            "com.amazonaws.iam",
            "com.amazonaws.route53",
            "com.amazonaws.s3-global.accesspoint",
            "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0",
        ] {
            assert_eq!(fit(name, TOKYO), NameFit::Fits, "{name}");
        }
        assert_eq!(
            fit("cn.com.amazonaws.cn-north-1.s3", &["cn-north-1"]),
            NameFit::Fits
        );
        assert_eq!(
            fit(
                "com.amazonaws.us-east-1.s3",
                &["ap-northeast-1", "us-east-1"]
            ),
            NameFit::Fits
        );
    }

    #[test]
    fn names_for_other_regions_or_in_no_pattern_do_not_fit() {
        assert_eq!(
            fit("com.amazonaws.us-east-1.ssm", TOKYO),
            NameFit::WrongRegion("us-east-1")
        );
        assert_eq!(
            fit("com.amazonaws.vpce.us-west-2.vpce-svc-0abc", TOKYO),
            NameFit::WrongRegion("us-west-2")
        );
        assert_eq!(
            fit("cn.com.amazonaws.ap-northeast-1.s3", TOKYO),
            NameFit::NotChina("ap-northeast-1")
        );
        for name in [
            "",
            "ssm",
            "com.amazonaws.ssm",
            "com.amazonaws.ap-northeast-1.",
            "com.amazonaws.ap-northeast-1..ssm",
            "com.amazonaws.AP-NORTHEAST-1.ssm",
            "org.example.ap-northeast-1.ssm",
            "com.amazonaws.vpce.ap-northeast-1.vpce-svc-",
            "com.amazonaws.vpce.ap-northeast-1.vpce-svc-xyz",
            "com.amazonaws.vpce.ap-northeast-1.my-service",
        ] {
            assert_eq!(fit(name, TOKYO), NameFit::NoPattern, "{name:?}");
        }
    }

    fn named(name: &str, service_region: Option<&str>) -> crate::Design {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![interface_endpoint("vpce-ssm", "app", "ssm", &["app-a"])],
        );
        let endpoint = interface_mut(&mut design, 0);
        endpoint.service_name = Some(name.to_owned());
        endpoint.service_region = service_region.map(str::to_owned);
        design
    }

    #[test]
    fn flags_a_name_for_another_region_unless_service_region_matches() {
        check(
            &RULE,
            &named("com.amazonaws.us-east-1.ssm", None),
            expect![[r#"
                error PL-012 link:vpce-ssm vpc:app
                  en: Service name com.amazonaws.us-east-1.ssm of endpoint vpce-ssm does not match Region ap-northeast-1: it names Region us-east-1. Expected `com.amazonaws.<region>.<svc>`. Exceptions: `aws.api.<region>.*`, `aws.sagemaker.<region>.*`, global `com.amazonaws.iam` / `com.amazonaws.route53` / `com.amazonaws.s3-global.accesspoint`, `cn.com.amazonaws.*` in China, and endpoint services `com.amazonaws.vpce.<region>.vpce-svc-*`.
                  ja: エンドポイントvpce-ssmのサービス名com.amazonaws.us-east-1.ssmはリージョンap-northeast-1と一致しません(名前のリージョンはus-east-1です)。想定される形式は`com.amazonaws.<region>.<svc>`です。例外は`aws.api.<region>.*`、`aws.sagemaker.<region>.*`、グローバルな`com.amazonaws.iam`・`com.amazonaws.route53`・`com.amazonaws.s3-global.accesspoint`、中国の`cn.com.amazonaws.*`、エンドポイントサービスの`com.amazonaws.vpce.<region>.vpce-svc-*`です。
            "#]],
        );

        assert!(
            run(
                &RULE,
                &named("com.amazonaws.us-east-1.ssm", Some("us-east-1"))
            )
            .is_empty()
        );
        check(
            &RULE,
            &named("com.amazonaws.eu-west-1.ssm", Some("us-east-1")),
            expect![[r#"
                error PL-012 link:vpce-ssm vpc:app
                  en: Service name com.amazonaws.eu-west-1.ssm of endpoint vpce-ssm does not match Region ap-northeast-1 (or ServiceRegion us-east-1): it names Region eu-west-1. Expected `com.amazonaws.<region>.<svc>`. Exceptions: `aws.api.<region>.*`, `aws.sagemaker.<region>.*`, global `com.amazonaws.iam` / `com.amazonaws.route53` / `com.amazonaws.s3-global.accesspoint`, `cn.com.amazonaws.*` in China, and endpoint services `com.amazonaws.vpce.<region>.vpce-svc-*`.
                  ja: エンドポイントvpce-ssmのサービス名com.amazonaws.eu-west-1.ssmはリージョンap-northeast-1(またはServiceRegionのus-east-1)と一致しません(名前のリージョンはeu-west-1です)。想定される形式は`com.amazonaws.<region>.<svc>`です。例外は`aws.api.<region>.*`、`aws.sagemaker.<region>.*`、グローバルな`com.amazonaws.iam`・`com.amazonaws.route53`・`com.amazonaws.s3-global.accesspoint`、中国の`cn.com.amazonaws.*`、エンドポイントサービスの`com.amazonaws.vpce.<region>.vpce-svc-*`です。
            "#]],
        );
    }

    #[test]
    fn flags_a_name_in_no_known_pattern() {
        check(
            &RULE,
            &named("ssm.ap-northeast-1.amazonaws.com", None),
            expect![[r#"
                error PL-012 link:vpce-ssm vpc:app
                  en: Service name "ssm.ap-northeast-1.amazonaws.com" of endpoint vpce-ssm matches no known pattern. Expected `com.amazonaws.<region>.<svc>`. Exceptions: `aws.api.<region>.*`, `aws.sagemaker.<region>.*`, global `com.amazonaws.iam` / `com.amazonaws.route53` / `com.amazonaws.s3-global.accesspoint`, `cn.com.amazonaws.*` in China, and endpoint services `com.amazonaws.vpce.<region>.vpce-svc-*`.
                  ja: エンドポイントvpce-ssmのサービス名"ssm.ap-northeast-1.amazonaws.com"はどの既知の形式にも合いません。想定される形式は`com.amazonaws.<region>.<svc>`です。例外は`aws.api.<region>.*`、`aws.sagemaker.<region>.*`、グローバルな`com.amazonaws.iam`・`com.amazonaws.route53`・`com.amazonaws.s3-global.accesspoint`、中国の`cn.com.amazonaws.*`、エンドポイントサービスの`com.amazonaws.vpce.<region>.vpce-svc-*`です。
            "#]],
        );
    }

    #[test]
    fn flags_gateway_only_services_and_warns_about_unknown_ones() {
        let mut design = named("com.amazonaws.ap-northeast-1.ssm", None);
        design.services = vec![aws_service("ssm", "s3express", "ap-northeast-1")];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-012 link:vpce-ssm vpc:app service:ssm
              en: Endpoint vpce-ssm is an interface endpoint to com.amazonaws.ap-northeast-1.s3express (Amazon S3 Express One Zone), which has no interface endpoint. It offers only a gateway endpoint; use a gateway endpoint instead.
              ja: エンドポイントvpce-ssmはcom.amazonaws.ap-northeast-1.s3express(Amazon S3 Express One Zone)へのインターフェイスエンドポイントですが、このサービスにはインターフェイスエンドポイントがありません。このサービスにはゲートウェイエンドポイントしかないため、ゲートウェイエンドポイントを使ってください。
        "#]],
        );

        design.services = vec![aws_service("ssm", "textract", "ap-northeast-1")];
        check(
            &RULE,
            &design,
            expect![[r#"
            warning PL-012 link:vpce-ssm vpc:app service:ssm
              en: Endpoint vpce-ssm targets com.amazonaws.ap-northeast-1.textract, which is not in vpcplan's service catalogue. Check that the service offers an interface endpoint in ap-northeast-1 (`aws ec2 describe-vpc-endpoint-services`).
              ja: エンドポイントvpce-ssmの接続先com.amazonaws.ap-northeast-1.textractはvpcplanのサービスカタログにありません。ap-northeast-1でこのサービスにインターフェイスエンドポイントがあるか確認してください(`aws ec2 describe-vpc-endpoint-services`)。
        "#]],
        );
    }

    #[test]
    fn matching_names_derived_names_and_endpoint_services_are_clean() {
        check(
            &RULE,
            &named("com.amazonaws.ap-northeast-1.ssm", None),
            expect![[""]],
        );
        check(
            &RULE,
            &named("com.amazonaws.iam", Some("us-east-1")),
            expect![[""]],
        );

        let mut derived = named("", None);
        interface_mut(&mut derived, 0).service_name = None;
        check(&RULE, &derived, expect![[""]]);

        let mut service = named(
            "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0a1b2c3d4e5f60718",
            None,
        );
        service.services = vec![endpoint_service("ssm", "app", "ap-northeast-1")];
        check(&RULE, &service, expect![[""]]);
    }
}
