//! PL-006: an endpoint policy longer than AWS accepts.
//!
//! The rules document also lists a warning for a policy on a service whose
//! `VpcEndpointPolicySupported` is false; the service catalogue does not
//! record that flag yet, so only the size is checked.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::rules::{Rule, RuleDoc};

/// The maximum size of a VPC endpoint policy, white space included.
const MAX_POLICY_CHARS: usize = 20_480;

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PL-006",
        name: "endpoint-policy-too-long",
        severities: &[Severity::Error],
        title: Text::new(
            "The endpoint policy is longer than 20,480 characters",
            "エンドポイントポリシーが20,480文字を超えています",
        ),
        why: Text::new(
            "A VPC endpoint policy can be at most 20,480 characters long, white space included; AWS rejects a longer policy document. The limit is fixed, not an adjustable quota.",
            "VPCエンドポイントポリシーの長さは空白を含めて最大20,480文字で、これより長いポリシードキュメントはAWSに拒否されます。この上限は固定で、引き上げられるクォータではありません。",
        ),
        fix: Text::new(
            "Shorten the policy: drop white space, merge statements with the same effect, use wildcards or condition keys (such as aws:PrincipalOrgID) instead of long lists, and move fine-grained control to IAM or resource policies.",
            "ポリシーを短くしてください。空白を削る、効果が同じステートメントをまとめる、長い列挙の代わりにワイルドカードや条件キー(aws:PrincipalOrgIDなど)を使う、細かな制御はIAMポリシーやリソースポリシーに移す、といった方法があります。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html",
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ServiceDetail.html",
        ],
    },
    check,
};

/// The length of a policy in characters, when it is over the limit.
fn excess_length(policy: &str) -> Option<usize> {
    // A string of at most the limit in bytes cannot have more characters.
    if policy.len() <= MAX_POLICY_CHARS {
        return None;
    }
    let chars = policy.chars().count();
    (chars > MAX_POLICY_CHARS).then_some(chars)
}

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    let interface = index.interface_endpoints.iter().map(|(link, endpoint)| {
        let kind = ("Interface endpoint", "インターフェイスエンドポイント");
        (&link.id, &endpoint.vpc, endpoint.policy.as_deref(), kind)
    });
    let gateway = index.gateway_endpoints.iter().map(|(link, endpoint)| {
        let kind = ("Gateway endpoint", "ゲートウェイエンドポイント");
        (&link.id, &endpoint.vpc, endpoint.policy.as_deref(), kind)
    });
    for (link, vpc, policy, (kind, kind_ja)) in interface.chain(gateway) {
        let Some(length) = policy.and_then(excess_length) else {
            continue;
        };
        out.push(rule.diagnostic(
            Severity::Error,
            vec![Subject::Link(link.clone()), Subject::Vpc(vpc.clone())],
            Localized::new(
                format!(
                    "{kind} {link} has a policy of {length} characters; the VPC endpoint policy exceeds 20,480 characters, the most AWS accepts (white space included)."
                ),
                format!(
                    "{kind_ja}{link}のポリシーは{length}文字です。VPCエンドポイントポリシーはAWSが受け付ける上限の20,480文字(空白を含む)を超えています。"
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::LinkSpec;
    use crate::rules::testing::{check, *};
    use expect_test::expect;

    fn policy_of(chars: usize, fill: char) -> String {
        let prefix = "{\"Statement\":[],\"Comment\":\"";
        let suffix = "\"}";
        let body = chars - prefix.chars().count() - suffix.chars().count();
        let mut policy = String::from(prefix);
        policy.extend(std::iter::repeat_n(fill, body));
        policy.push_str(suffix);
        policy
    }

    fn endpoints_with(policy: &str) -> crate::Design {
        let mut design = design(
            vec![vpc("app", "10.0.0.0/16").with_subnet("a", "10.0.1.0/24", 'a')],
            vec![
                aws_service("ssm", "ssm", "ap-northeast-1"),
                aws_service("s3", "s3", "ap-northeast-1"),
            ],
            vec![
                interface_endpoint("vpce-ssm", "app", "ssm", &["app-a"]),
                gateway_endpoint("vpce-s3", "app", "s3"),
            ],
        );
        interface_mut(&mut design, 0).policy = Some(policy.to_owned());
        if let LinkSpec::GatewayEndpoint(gateway) = &mut design.links[1].spec {
            gateway.policy = Some(policy.to_owned());
        }
        design
    }

    #[test]
    fn flags_interface_and_gateway_policies_over_the_limit_with_their_length() {
        check(
            &RULE,
            &endpoints_with(&policy_of(20_481, ' ')),
            expect![[r#"
                error PL-006 link:vpce-ssm vpc:app
                  en: Interface endpoint vpce-ssm has a policy of 20481 characters; the VPC endpoint policy exceeds 20,480 characters, the most AWS accepts (white space included).
                  ja: インターフェイスエンドポイントvpce-ssmのポリシーは20481文字です。VPCエンドポイントポリシーはAWSが受け付ける上限の20,480文字(空白を含む)を超えています。
                error PL-006 link:vpce-s3 vpc:app
                  en: Gateway endpoint vpce-s3 has a policy of 20481 characters; the VPC endpoint policy exceeds 20,480 characters, the most AWS accepts (white space included).
                  ja: ゲートウェイエンドポイントvpce-s3のポリシーは20481文字です。VPCエンドポイントポリシーはAWSが受け付ける上限の20,480文字(空白を含む)を超えています。
            "#]],
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 20,480 Japanese characters are 61,440 bytes but within the limit.
        check(
            &RULE,
            &endpoints_with(&policy_of(20_480, 'あ')),
            expect![[""]],
        );
        check(
            &RULE,
            &endpoints_with(&policy_of(20_481, 'あ')),
            expect![[r#"
                error PL-006 link:vpce-ssm vpc:app
                  en: Interface endpoint vpce-ssm has a policy of 20481 characters; the VPC endpoint policy exceeds 20,480 characters, the most AWS accepts (white space included).
                  ja: インターフェイスエンドポイントvpce-ssmのポリシーは20481文字です。VPCエンドポイントポリシーはAWSが受け付ける上限の20,480文字(空白を含む)を超えています。
                error PL-006 link:vpce-s3 vpc:app
                  en: Gateway endpoint vpce-s3 has a policy of 20481 characters; the VPC endpoint policy exceeds 20,480 characters, the most AWS accepts (white space included).
                  ja: ゲートウェイエンドポイントvpce-s3のポリシーは20481文字です。VPCエンドポイントポリシーはAWSが受け付ける上限の20,480文字(空白を含む)を超えています。
            "#]],
        );
    }

    #[test]
    fn policies_at_the_limit_and_no_policy_are_clean() {
        check(
            &RULE,
            &endpoints_with(&policy_of(20_480, 'x')),
            expect![[""]],
        );
        let mut none = endpoints_with("");
        interface_mut(&mut none, 0).policy = None;
        check(&RULE, &none, expect![[""]]);
    }
}
