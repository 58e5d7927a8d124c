//! PL-003: private DNS on an endpoint whose VPC has DNS support or DNS
//! hostnames turned off.

use crate::Text;
use crate::design::EndpointTarget;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-003",
        name: "private-dns-needs-vpc-dns",
        severities: &[Severity::Error],
        title: Text::new(
            "Private DNS is enabled but the VPC's DNS attributes are off",
            "プライベートDNSが有効ですが、VPCのDNS属性が無効です",
        ),
        why: Text::new(
            "Private DNS associates a private hosted zone with the VPC so the service's default name resolves to the endpoint. That only works when the VPC uses the Amazon DNS server (enableDnsSupport) and gives DNS hostnames (enableDnsHostnames); AWS refuses private DNS otherwise.",
            "プライベートDNSはプライベートホストゾーンをVPCに関連付け、サービスのデフォルトのDNS名がエンドポイントに解決されるようにします。これはVPCがAmazon DNSサーバーを使い(enableDnsSupport)、DNSホスト名を付与する(enableDnsHostnames)場合にだけ機能し、そうでなければAWSはプライベートDNSを有効にできません。",
        ),
        fix: Text::new(
            "Turn on both enableDnsSupport and enableDnsHostnames on the VPC (`aws ec2 modify-vpc-attribute`, one attribute per call), or turn private DNS off and use the endpoint-specific DNS names.",
            "VPCのenableDnsSupportとenableDnsHostnamesを両方とも有効にする(`aws ec2 modify-vpc-attribute`で1回に1属性ずつ)か、プライベートDNSを無効にしてエンドポイント固有のDNS名を使ってください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint, endpoint_vpc) in index.interface_endpoints_with_vpc() {
        // Gateway Load Balancer endpoints have no private DNS.
        if !endpoint.private_dns
            || matches!(endpoint.target, EndpointTarget::GatewayLoadBalancer(_))
        {
            continue;
        }
        let Some(vpc) = endpoint_vpc else {
            continue;
        };
        let missing: Vec<&str> = [
            (!vpc.dns_support).then_some("enableDnsSupport"),
            (!vpc.dns_hostnames).then_some("enableDnsHostnames"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if missing.is_empty() {
            continue;
        }
        let en = missing.join(" and ");
        let ja = missing.join("と");
        out.push(rule.diagnostic(
            Severity::Error,
            vec![Subject::Link(link.id.clone()), Subject::Vpc(vpc.id.clone())],
            Localized::new(
                format!(
                    "Endpoint {} has private DNS enabled, but VPC {} has {en} turned off. Private DNS for an interface endpoint requires enableDnsHostnames and enableDnsSupport on the VPC.",
                    link.id, vpc.label()
                ),
                format!(
                    "エンドポイント{}はプライベートDNSが有効ですが、VPC {}の{ja}が無効です。インターフェイスエンドポイントのプライベートDNSには、VPCのenableDnsHostnamesとenableDnsSupportの両方が必要です。",
                    link.id, vpc.label()
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn ssm_endpoint_in(app: crate::design::Vpc) -> crate::Design {
        design(
            vec![app.with_subnet("a", "10.0.1.0/24", 'a')],
            vec![aws_service("ssm", "ssm", "ap-northeast-1")],
            vec![interface_endpoint("vpce-ssm", "app", "ssm", &["app-a"])],
        )
    }

    #[test]
    fn flags_private_dns_in_a_vpc_without_dns_naming_the_missing_attributes() {
        check(
            &RULE,
            &ssm_endpoint_in(vpc("app", "10.0.0.0/16").without_dns()),
            expect![[r#"
                error PL-003 link:vpce-ssm vpc:app
                  en: Endpoint vpce-ssm has private DNS enabled, but VPC app has enableDnsSupport and enableDnsHostnames turned off. Private DNS for an interface endpoint requires enableDnsHostnames and enableDnsSupport on the VPC.
                  ja: エンドポイントvpce-ssmはプライベートDNSが有効ですが、VPC appのenableDnsSupportとenableDnsHostnamesが無効です。インターフェイスエンドポイントのプライベートDNSには、VPCのenableDnsHostnamesとenableDnsSupportの両方が必要です。
            "#]],
        );

        let mut hostnames_only = vpc("app", "10.0.0.0/16");
        hostnames_only.dns_hostnames = false;
        check(
            &RULE,
            &ssm_endpoint_in(hostnames_only),
            expect![[r#"
            error PL-003 link:vpce-ssm vpc:app
              en: Endpoint vpce-ssm has private DNS enabled, but VPC app has enableDnsHostnames turned off. Private DNS for an interface endpoint requires enableDnsHostnames and enableDnsSupport on the VPC.
              ja: エンドポイントvpce-ssmはプライベートDNSが有効ですが、VPC appのenableDnsHostnamesが無効です。インターフェイスエンドポイントのプライベートDNSには、VPCのenableDnsHostnamesとenableDnsSupportの両方が必要です。
        "#]],
        );
    }

    #[test]
    fn dns_on_private_dns_off_and_gwlb_endpoints_are_clean() {
        check(
            &RULE,
            &ssm_endpoint_in(vpc("app", "10.0.0.0/16")),
            expect![[""]],
        );

        let mut off = ssm_endpoint_in(vpc("app", "10.0.0.0/16").without_dns());
        interface_mut(&mut off, 0).private_dns = false;
        check(&RULE, &off, expect![[""]]);

        let mut gwlb = ssm_endpoint_in(vpc("app", "10.0.0.0/16").without_dns());
        interface_mut(&mut gwlb, 0).target = EndpointTarget::GatewayLoadBalancer("ssm".into());
        check(&RULE, &gwlb, expect![[""]]);
    }
}
