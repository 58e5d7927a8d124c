//! PL-004: an endpoint IP address type or DNS record IP type that does not fit
//! its subnets, the service, or each other.

use ipnet::Ipv4Net;

use super::{
    dedup_subnets, provider_of, resolved_subnets, service_label, subnet_label, target_service,
};
use crate::Text;
use crate::design::{DnsRecordIpType, IpAddressType, IpFamily, Subnet};
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-004",
        name: "endpoint-ip-type-mismatch",
        severities: &[Severity::Error],
        title: Text::new(
            "The endpoint's IP address type does not fit its subnets or the service",
            "エンドポイントのIPアドレスタイプがサブネットまたはサービスに合っていません",
        ),
        why: Text::new(
            "An endpoint's network interfaces take addresses of the families its IP address type names: ipv4 needs subnets with IPv4 ranges, dualstack needs subnets with both IPv4 and IPv6 ranges, and ipv6 needs IPv6-only subnets. The endpoint service must accept those families too. The DNS record IP type must match the address type: ipv4 records need ipv4 or dualstack, ipv6 records need ipv6 or dualstack, and dualstack or service-defined records need dualstack.",
            "エンドポイントのネットワークインターフェイスには、IPアドレスタイプが示すファミリーのアドレスが割り当てられます。ipv4にはIPv4範囲を持つサブネット、dualstackにはIPv4とIPv6の両方を持つサブネット、ipv6にはIPv6専用サブネットが必要です。エンドポイントサービスもそのファミリーを受け付ける必要があります。DNSレコードのIPタイプもアドレスタイプに合わせる必要があり、ipv4レコードにはipv4かdualstack、ipv6レコードにはipv6かdualstack、dualstackとservice-definedのレコードにはdualstackが必要です。",
        ),
        fix: Text::new(
            "Pick the IP address type the subnets support (or give the subnets the missing IPv4 or IPv6 range), ask the provider to add the family to SupportedIpAddressTypes, and set a DNS record IP type that matches the address type.",
            "サブネットが対応するIPアドレスタイプを選ぶ(またはサブネットに不足しているIPv4/IPv6範囲を追加する)、プロバイダーにSupportedIpAddressTypesへのファミリー追加を依頼する、そしてアドレスタイプに合ったDNSレコードのIPタイプを設定してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.VpcEndpointIpAddressType.html",
            "https://aws.amazon.com/blogs/networking-and-content-delivery/expedite-your-ipv6-adoption-with-privatelink-services-and-endpoints",
            "https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-ec2/lib/vpc-endpoint.ts",
        ],
    },
    check,
};

fn address_type_slug(address_type: IpAddressType) -> &'static str {
    match address_type {
        IpAddressType::Ipv4 => "ipv4",
        IpAddressType::Dualstack => "dualstack",
        IpAddressType::Ipv6 => "ipv6",
    }
}

fn record_type_slug(record_type: DnsRecordIpType) -> &'static str {
    match record_type {
        DnsRecordIpType::Ipv4 => "ipv4",
        DnsRecordIpType::Dualstack => "dualstack",
        DnsRecordIpType::Ipv6 => "ipv6",
        DnsRecordIpType::ServiceDefined => "service-defined",
    }
}

fn family_name(family: IpFamily) -> &'static str {
    match family {
        IpFamily::Ipv4 => "IPv4",
        IpFamily::Ipv6 => "IPv6",
    }
}

/// The families an address type puts on the endpoint's interfaces.
fn families(address_type: IpAddressType) -> &'static [IpFamily] {
    match address_type {
        IpAddressType::Ipv4 => &[IpFamily::Ipv4],
        IpAddressType::Dualstack => &[IpFamily::Ipv4, IpFamily::Ipv6],
        IpAddressType::Ipv6 => &[IpFamily::Ipv6],
    }
}

fn record_fits(record_type: DnsRecordIpType, address_type: IpAddressType) -> bool {
    match record_type {
        DnsRecordIpType::Ipv4 => address_type != IpAddressType::Ipv6,
        DnsRecordIpType::Ipv6 => address_type != IpAddressType::Ipv4,
        DnsRecordIpType::Dualstack | DnsRecordIpType::ServiceDefined => {
            address_type == IpAddressType::Dualstack
        }
    }
}

/// Why a subnet cannot hold the endpoint's interfaces.
#[derive(Clone, Copy)]
enum Misfit {
    /// ipv4 on an IPv6-only subnet.
    Ipv6Only,
    /// dualstack on a subnet without IPv4.
    NoIpv4,
    /// dualstack or ipv6 on a subnet without IPv6.
    NoIpv6,
    /// ipv6 on a subnet with an IPv4 range.
    HasIpv4(Ipv4Net),
}

fn misfit(address_type: IpAddressType, subnet: &Subnet) -> Option<Misfit> {
    match (address_type, subnet.ipv4_cidr, subnet.ipv6_cidr) {
        (IpAddressType::Ipv4, None, _) => Some(Misfit::Ipv6Only),
        (IpAddressType::Dualstack, None, _) => Some(Misfit::NoIpv4),
        (IpAddressType::Dualstack, Some(_), None) => Some(Misfit::NoIpv6),
        (IpAddressType::Ipv6, Some(ipv4), _) => Some(Misfit::HasIpv4(ipv4)),
        (IpAddressType::Ipv6, None, None) => Some(Misfit::NoIpv6),
        _ => None,
    }
}

fn describe(misfit: Misfit, subnet: &Subnet, slug: &str) -> (String, String) {
    let name = subnet_label(subnet);
    match misfit {
        Misfit::Ipv6Only => (
            format!("subnet {name} is IPv6-only, but {slug} needs an IPv4 range"),
            format!("サブネット{name}はIPv6専用ですが、{slug}にはIPv4範囲が必要です"),
        ),
        Misfit::NoIpv4 => (
            format!("subnet {name} has no IPv4 range, but {slug} needs IPv4 and IPv6"),
            format!(
                "サブネット{name}にはIPv4範囲がありませんが、{slug}にはIPv4とIPv6の両方が必要です"
            ),
        ),
        Misfit::NoIpv6 if slug == "ipv6" => (
            format!("subnet {name} has no IPv6 range, but {slug} needs an IPv6-only subnet"),
            format!(
                "サブネット{name}にはIPv6範囲がありませんが、{slug}にはIPv6専用サブネットが必要です"
            ),
        ),
        Misfit::NoIpv6 => (
            format!("subnet {name} has no IPv6 range, but {slug} needs IPv4 and IPv6"),
            format!(
                "サブネット{name}にはIPv6範囲がありませんが、{slug}にはIPv4とIPv6の両方が必要です"
            ),
        ),
        Misfit::HasIpv4(ipv4) => (
            format!(
                "subnet {name} has the IPv4 range {ipv4}, but {slug} needs an IPv6-only subnet"
            ),
            format!(
                "サブネット{name}にはIPv4範囲{ipv4}がありますが、{slug}にはIPv6専用サブネットが必要です"
            ),
        ),
    }
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for (link, endpoint) in &index.interface_endpoints {
        let address_type = endpoint.ip_address_type;

        let mut misfits: Vec<(&Subnet, Misfit)> = resolved_subnets(index, &endpoint.subnets)
            .filter_map(|subnet| misfit(address_type, subnet).map(|found| (subnet, found)))
            .collect();
        dedup_subnets(&mut misfits);

        // An endpoint service that lists no types accepts IPv4, the AWS default.
        let unsupported = target_service(index, endpoint).and_then(|service| {
            let provider = provider_of(service)?;
            let supported: &[IpFamily] = if provider.supported_ip_address_types.is_empty() {
                &[IpFamily::Ipv4]
            } else {
                &provider.supported_ip_address_types
            };
            families(address_type)
                .iter()
                .any(|family| !supported.contains(family))
                .then_some((service, supported))
        });

        let record_misfit = endpoint
            .dns_record_ip_type
            .filter(|&record_type| !record_fits(record_type, address_type));

        if misfits.is_empty() && unsupported.is_none() && record_misfit.is_none() {
            continue;
        }

        let slug = address_type_slug(address_type);
        let mut problems: Vec<(String, String)> = Vec::new();
        let mut subjects = vec![
            Subject::Link(link.id.clone()),
            Subject::Vpc(endpoint.vpc.clone()),
        ];
        for &(subnet, found) in &misfits {
            problems.push(describe(found, subnet, slug));
            subjects.push(Subject::Subnet(subnet.id.clone()));
        }
        if let Some((service, supported)) = unsupported {
            let lacking: Vec<&str> = families(address_type)
                .iter()
                .filter(|family| !supported.contains(family))
                .map(|&family| family_name(family))
                .collect();
            let offered: Vec<&str> = supported
                .iter()
                .map(|&family| family_name(family))
                .collect();
            let offered = offered.join(", ");
            let lacking_en = lacking.join(" and ");
            let lacking_ja = lacking.join("と");
            let name = service_label(service);
            problems.push((
                format!(
                    "endpoint service {name} supports only {offered}, but {slug} needs {lacking_en}"
                ),
                format!(
                    "エンドポイントサービス{name}が対応しているのは{offered}だけですが、{slug}には{lacking_ja}が必要です"
                ),
            ));
            subjects.push(Subject::Service(service.id.clone()));
        }
        if let Some(record_type) = record_misfit {
            let record = record_type_slug(record_type);
            let (needed, needed_ja) = match record_type {
                DnsRecordIpType::Ipv4 => ("ipv4 or dualstack", "ipv4かdualstack"),
                DnsRecordIpType::Ipv6 => ("ipv6 or dualstack", "ipv6かdualstack"),
                DnsRecordIpType::Dualstack | DnsRecordIpType::ServiceDefined => {
                    ("dualstack", "dualstack")
                }
            };
            problems.push((
                format!("DNS record IP type {record} needs IP address type {needed}, not {slug}"),
                format!(
                    "DNSレコードのIPタイプ{record}にはIPアドレスタイプ{needed_ja}が必要で、{slug}では使えません"
                ),
            ));
        }

        let record = endpoint
            .dns_record_ip_type
            .map_or("not set", record_type_slug);
        let record_ja = endpoint
            .dns_record_ip_type
            .map_or("未設定", record_type_slug);
        let en: Vec<&str> = problems.iter().map(|(en, _)| en.as_str()).collect();
        let ja: Vec<&str> = problems.iter().map(|(_, ja)| ja.as_str()).collect();
        out.push(rule.diagnostic(
            Severity::Error,
            subjects,
            Localized::new(
                format!(
                    "Endpoint {} IP address type / DNS record type {slug}/{record} is incompatible with its subnets or with the service's supported IP types: {}.",
                    link.id,
                    en.join("; ")
                ),
                format!(
                    "エンドポイント{}のIPアドレスタイプ/DNSレコードタイプ{slug}/{record_ja}が、サブネットまたはサービスの対応IPタイプと合いません: {}。",
                    link.id,
                    ja.join("。")
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

    /// An endpoint to an endpoint service from subnets a (IPv4 + IPv6) and
    /// c (IPv6-only).
    fn mixed_subnets() -> crate::Design {
        let mut design = design(
            vec![
                vpc("provider", "10.0.0.0/16"),
                vpc("app", "10.1.0.0/16")
                    .with_ipv6("2001:db8::/56")
                    .with_subnet("a", "10.1.1.0/24", 'a')
                    .with_subnet("c", "10.1.2.0/24", 'c'),
            ],
            vec![endpoint_service("api", "provider", "ap-northeast-1")],
            vec![interface_endpoint("vpce-api", "app", "api", &["app-a"])],
        );
        set_subnet_cidrs(
            &mut design,
            "app-a",
            Some("10.1.1.0/24"),
            Some("2001:db8::/64"),
        );
        set_subnet_cidrs(&mut design, "app-c", None, Some("2001:db8:0:1::/64"));
        provider_mut(&mut design, 0).supported_ip_address_types =
            vec![IpFamily::Ipv4, IpFamily::Ipv6];
        design
    }

    fn with(
        address_type: IpAddressType,
        record: Option<DnsRecordIpType>,
        subnets: &[&str],
    ) -> crate::Design {
        let mut design = mixed_subnets();
        let endpoint = interface_mut(&mut design, 0);
        endpoint.ip_address_type = address_type;
        endpoint.dns_record_ip_type = record;
        endpoint.subnets = subnets.iter().map(|&id| id.into()).collect();
        design
    }

    #[test]
    fn flags_ipv6_on_a_subnet_with_ipv4_and_ipv4_on_an_ipv6_only_subnet() {
        check(
            &RULE,
            &with(IpAddressType::Ipv6, None, &["app-a", "app-c"]),
            expect![[r#"
                error PL-004 link:vpce-api vpc:app subnet:app-a
                  en: Endpoint vpce-api IP address type / DNS record type ipv6/not set is incompatible with its subnets or with the service's supported IP types: subnet a (app-a) has the IPv4 range 10.1.1.0/24, but ipv6 needs an IPv6-only subnet.
                  ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv6/未設定が、サブネットまたはサービスの対応IPタイプと合いません: サブネットa (app-a)にはIPv4範囲10.1.1.0/24がありますが、ipv6にはIPv6専用サブネットが必要です。
            "#]],
        );

        check(
            &RULE,
            &with(IpAddressType::Ipv4, None, &["app-c"]),
            expect![[r#"
                error PL-004 link:vpce-api vpc:app subnet:app-c
                  en: Endpoint vpce-api IP address type / DNS record type ipv4/not set is incompatible with its subnets or with the service's supported IP types: subnet c (app-c) is IPv6-only, but ipv4 needs an IPv4 range.
                  ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv4/未設定が、サブネットまたはサービスの対応IPタイプと合いません: サブネットc (app-c)はIPv6専用ですが、ipv4にはIPv4範囲が必要です。
            "#]],
        );
    }

    #[test]
    fn flags_dualstack_on_a_single_family_subnet() {
        check(
            &RULE,
            &with(IpAddressType::Dualstack, None, &["app-c"]),
            expect![[r#"
                error PL-004 link:vpce-api vpc:app subnet:app-c
                  en: Endpoint vpce-api IP address type / DNS record type dualstack/not set is incompatible with its subnets or with the service's supported IP types: subnet c (app-c) has no IPv4 range, but dualstack needs IPv4 and IPv6.
                  ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプdualstack/未設定が、サブネットまたはサービスの対応IPタイプと合いません: サブネットc (app-c)にはIPv4範囲がありませんが、dualstackにはIPv4とIPv6の両方が必要です。
            "#]],
        );

        let mut no_v6 = with(IpAddressType::Dualstack, None, &["app-a"]);
        set_subnet_cidrs(&mut no_v6, "app-a", Some("10.1.1.0/24"), None);
        check(
            &RULE,
            &no_v6,
            expect![[r#"
            error PL-004 link:vpce-api vpc:app subnet:app-a
              en: Endpoint vpce-api IP address type / DNS record type dualstack/not set is incompatible with its subnets or with the service's supported IP types: subnet a (app-a) has no IPv6 range, but dualstack needs IPv4 and IPv6.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプdualstack/未設定が、サブネットまたはサービスの対応IPタイプと合いません: サブネットa (app-a)にはIPv6範囲がありませんが、dualstackにはIPv4とIPv6の両方が必要です。
        "#]],
        );
    }

    #[test]
    fn flags_a_family_the_endpoint_service_does_not_support() {
        let mut design = with(IpAddressType::Ipv6, None, &["app-c"]);
        provider_mut(&mut design, 0).supported_ip_address_types = vec![IpFamily::Ipv4];
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-004 link:vpce-api vpc:app service:api
              en: Endpoint vpce-api IP address type / DNS record type ipv6/not set is incompatible with its subnets or with the service's supported IP types: endpoint service api supports only IPv4, but ipv6 needs IPv6.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv6/未設定が、サブネットまたはサービスの対応IPタイプと合いません: エンドポイントサービスapiが対応しているのはIPv4だけですが、ipv6にはIPv6が必要です。
        "#]],
        );

        // An empty list means the AWS default, IPv4 only.
        provider_mut(&mut design, 0)
            .supported_ip_address_types
            .clear();
        check(
            &RULE,
            &design,
            expect![[r#"
            error PL-004 link:vpce-api vpc:app service:api
              en: Endpoint vpce-api IP address type / DNS record type ipv6/not set is incompatible with its subnets or with the service's supported IP types: endpoint service api supports only IPv4, but ipv6 needs IPv6.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv6/未設定が、サブネットまたはサービスの対応IPタイプと合いません: エンドポイントサービスapiが対応しているのはIPv4だけですが、ipv6にはIPv6が必要です。
        "#]],
        );
    }

    #[test]
    fn flags_dns_record_types_that_do_not_fit_the_address_type() {
        let mut cases = String::new();
        for (address_type, record, subnet) in [
            (IpAddressType::Ipv4, DnsRecordIpType::Ipv6, "app-a"),
            (IpAddressType::Ipv4, DnsRecordIpType::Dualstack, "app-a"),
            (
                IpAddressType::Ipv4,
                DnsRecordIpType::ServiceDefined,
                "app-a",
            ),
            (IpAddressType::Ipv6, DnsRecordIpType::Ipv4, "app-c"),
            (IpAddressType::Ipv6, DnsRecordIpType::Dualstack, "app-c"),
        ] {
            let found = run(&RULE, &with(address_type, Some(record), &[subnet]));
            cases.push_str(&format!("{address_type:?}/{record:?}:\n{}", render(&found)));
        }
        expect![[r#"
            Ipv4/Ipv6:
            error PL-004 link:vpce-api vpc:app
              en: Endpoint vpce-api IP address type / DNS record type ipv4/ipv6 is incompatible with its subnets or with the service's supported IP types: DNS record IP type ipv6 needs IP address type ipv6 or dualstack, not ipv4.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv4/ipv6が、サブネットまたはサービスの対応IPタイプと合いません: DNSレコードのIPタイプipv6にはIPアドレスタイプipv6かdualstackが必要で、ipv4では使えません。
            Ipv4/Dualstack:
            error PL-004 link:vpce-api vpc:app
              en: Endpoint vpce-api IP address type / DNS record type ipv4/dualstack is incompatible with its subnets or with the service's supported IP types: DNS record IP type dualstack needs IP address type dualstack, not ipv4.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv4/dualstackが、サブネットまたはサービスの対応IPタイプと合いません: DNSレコードのIPタイプdualstackにはIPアドレスタイプdualstackが必要で、ipv4では使えません。
            Ipv4/ServiceDefined:
            error PL-004 link:vpce-api vpc:app
              en: Endpoint vpce-api IP address type / DNS record type ipv4/service-defined is incompatible with its subnets or with the service's supported IP types: DNS record IP type service-defined needs IP address type dualstack, not ipv4.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv4/service-definedが、サブネットまたはサービスの対応IPタイプと合いません: DNSレコードのIPタイプservice-definedにはIPアドレスタイプdualstackが必要で、ipv4では使えません。
            Ipv6/Ipv4:
            error PL-004 link:vpce-api vpc:app
              en: Endpoint vpce-api IP address type / DNS record type ipv6/ipv4 is incompatible with its subnets or with the service's supported IP types: DNS record IP type ipv4 needs IP address type ipv4 or dualstack, not ipv6.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv6/ipv4が、サブネットまたはサービスの対応IPタイプと合いません: DNSレコードのIPタイプipv4にはIPアドレスタイプipv4かdualstackが必要で、ipv6では使えません。
            Ipv6/Dualstack:
            error PL-004 link:vpce-api vpc:app
              en: Endpoint vpce-api IP address type / DNS record type ipv6/dualstack is incompatible with its subnets or with the service's supported IP types: DNS record IP type dualstack needs IP address type dualstack, not ipv6.
              ja: エンドポイントvpce-apiのIPアドレスタイプ/DNSレコードタイプipv6/dualstackが、サブネットまたはサービスの対応IPタイプと合いません: DNSレコードのIPタイプdualstackにはIPアドレスタイプdualstackが必要で、ipv6では使えません。
        "#]].assert_eq(&cases);
    }

    #[test]
    fn fitting_settings_are_clean() {
        for (address_type, record, subnets) in [
            (IpAddressType::Ipv4, None, &["app-a"][..]),
            (IpAddressType::Ipv4, Some(DnsRecordIpType::Ipv4), &["app-a"]),
            (
                IpAddressType::Dualstack,
                Some(DnsRecordIpType::Dualstack),
                &["app-a"],
            ),
            (
                IpAddressType::Dualstack,
                Some(DnsRecordIpType::ServiceDefined),
                &["app-a"],
            ),
            (
                IpAddressType::Dualstack,
                Some(DnsRecordIpType::Ipv4),
                &["app-a"],
            ),
            (
                IpAddressType::Dualstack,
                Some(DnsRecordIpType::Ipv6),
                &["app-a"],
            ),
            (IpAddressType::Ipv6, Some(DnsRecordIpType::Ipv6), &["app-c"]),
            (IpAddressType::Ipv6, None, &["app-c", "gone"]),
        ] {
            let design = with(address_type, record, subnets);
            check(&RULE, &design, expect![[""]]);
        }
    }
}
