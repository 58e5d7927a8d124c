//! PEER-016: an inter-Region peering whose accepter Region cannot be used.

use crate::Text;
use crate::diagnostic::{Diagnostic, Localized, Severity, Subject};
use crate::index::DesignIndex;
use crate::regions::region_by_code;
use crate::rules::peering::{Accepted, accepted_peerings};
use crate::rules::{Rule, RuleDoc};

pub(crate) const RULE: Rule = Rule {
    doc: RuleDoc {
        id: "PEER-016",
        name: "unusable-inter-region-accepter",
        severities: &[Severity::Error],
        title: Text::new(
            "An inter-Region peering has no usable accepter Region",
            "リージョン間ピアリングに有効な承認側リージョンがありません",
        ),
        why: Text::new(
            "An inter-Region peering is requested from the requester's Region with the accepter's Region (`PeerRegion` in CloudFormation, `--peer-region` on the command line); accepting it, adding the accepter's routes and setting the accepter's options all happen in the accepter's Region. Peering connects Regions of one partition only: `aws`, `aws-cn` and `aws-us-gov` cannot be peered with each other. vpcplan's exports always emit `PeerRegion` for inter-Region peerings and run the accepter-side steps in the accepter's account and Region, so the accepter's Region must be a known Region of the requester's partition.",
            "リージョン間ピアリングは、リクエスト側のリージョンから承認側のリージョン(CloudFormationでは`PeerRegion`、コマンドラインでは`--peer-region`)を指定してリクエストします。承認、承認側のルート追加、承認側のオプション設定は、すべて承認側のリージョンで行います。ピアリングで接続できるのは同じパーティション内のリージョンだけで、`aws`、`aws-cn`、`aws-us-gov`の間ではピアリングできません。vpcplanのエクスポートは、リージョン間ピアリングに必ず`PeerRegion`を出力し、承認側の手順を承認側のアカウントとリージョンで実行するため、承認側のリージョンはリクエスト側と同じパーティションの既知のリージョンである必要があります。",
        ),
        fix: Text::new(
            "Set the accepter VPC's Region to a real Region code of the requester's partition, or connect VPCs in different partitions another way (for example a VPN between them).",
            "承認側VPCのリージョンを、リクエスト側と同じパーティションの実在するリージョンコードにしてください。パーティションの異なるVPCは別の方法(例えばVPC間のVPN)で接続してください。",
        ),
        sources: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptVpcPeeringConnection.html",
            "https://docs.aws.amazon.com/cli/latest/reference/ec2/modify-vpc-peering-connection-options.html",
            "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html",
        ],
    },
    check,
};

fn check(rule: &Rule, index: &DesignIndex<'_>, out: &mut Vec<Diagnostic>) {
    for Accepted {
        link,
        requester,
        accepter,
        requester_node,
        accepter_node,
    } in accepted_peerings(index)
    {
        // Region numbers compare the Regions without reading the VPCs.
        if let (Some(from), Some(to)) = (
            index.node_facts(requester_node),
            index.node_facts(accepter_node),
        ) && from.region == to.region
        {
            continue;
        }
        let (en, ja) = match (
            region_by_code(&requester.region),
            region_by_code(&accepter.region),
        ) {
            (_, None) => (
                format!(
                    "the accepter Region {} is not a known Region, so PeerRegion cannot be set",
                    accepter.region
                ),
                format!(
                    "承認側のリージョン{}は既知のリージョンではないため、PeerRegionを設定できません",
                    accepter.region
                ),
            ),
            (Some(from), Some(to)) if from.partition != to.partition => (
                format!(
                    "{} ({}) and {} ({}) are in different partitions, and a peering cannot cross partitions",
                    from.code,
                    from.partition.arn_segment(),
                    to.code,
                    to.partition.arn_segment()
                ),
                format!(
                    "{}({})と{}({})はパーティションが異なり、ピアリングはパーティションをまたげません",
                    from.code,
                    from.partition.arn_segment(),
                    to.code,
                    to.partition.arn_segment()
                ),
            ),
            _ => continue,
        };
        out.push(rule.diagnostic(
            Severity::Error,
            vec![
                Subject::Link(link.id.clone()),
                Subject::Vpc(accepter.id.clone()),
                Subject::Vpc(requester.id.clone()),
            ],
            Localized::new(
                format!(
                    "Inter-Region peering {link} from {requester} ({from}) to {accepter} ({to}): {en}. Inter-Region peering: set `PeerRegion`. Accept, add accepter routes and set accepter options in the accepter VPC's Region.",
                    link = link.id,
                    requester = requester.label(),
                    accepter = accepter.label(),
                    from = requester.region,
                    to = accepter.region,
                ),
                format!(
                    "{requester}({from})から{accepter}({to})へのリージョン間ピアリング{link}: {ja}。リージョン間ピアリングでは`PeerRegion`を設定し、承認、承認側のルート追加、承認側のオプション設定は承認側VPCのリージョンで行ってください。",
                    link = link.id,
                    requester = requester.label(),
                    accepter = accepter.label(),
                    from = requester.region,
                    to = accepter.region,
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

    fn between(accepter_region: &str) -> crate::Design {
        design(
            vec![
                vpc("app", "10.0.0.0/16"),
                vpc("data", "10.1.0.0/16").in_region(accepter_region),
            ],
            vec![],
            vec![peering("pcx", "app", "data")],
        )
    }

    #[test]
    fn flags_an_unknown_accepter_region() {
        check(
            &RULE,
            &between("mars-north-1"),
            expect![[r#"
            error PEER-016 link:pcx vpc:data vpc:app
              en: Inter-Region peering pcx from app (ap-northeast-1) to data (mars-north-1): the accepter Region mars-north-1 is not a known Region, so PeerRegion cannot be set. Inter-Region peering: set `PeerRegion`. Accept, add accepter routes and set accepter options in the accepter VPC's Region.
              ja: app(ap-northeast-1)からdata(mars-north-1)へのリージョン間ピアリングpcx: 承認側のリージョンmars-north-1は既知のリージョンではないため、PeerRegionを設定できません。リージョン間ピアリングでは`PeerRegion`を設定し、承認、承認側のルート追加、承認側のオプション設定は承認側VPCのリージョンで行ってください。
        "#]],
        );
    }

    #[test]
    fn flags_a_peering_across_partitions() {
        check(
            &RULE,
            &between("cn-north-1"),
            expect![[r#"
            error PEER-016 link:pcx vpc:data vpc:app
              en: Inter-Region peering pcx from app (ap-northeast-1) to data (cn-north-1): ap-northeast-1 (aws) and cn-north-1 (aws-cn) are in different partitions, and a peering cannot cross partitions. Inter-Region peering: set `PeerRegion`. Accept, add accepter routes and set accepter options in the accepter VPC's Region.
              ja: app(ap-northeast-1)からdata(cn-north-1)へのリージョン間ピアリングpcx: ap-northeast-1(aws)とcn-north-1(aws-cn)はパーティションが異なり、ピアリングはパーティションをまたげません。リージョン間ピアリングでは`PeerRegion`を設定し、承認、承認側のルート追加、承認側のオプション設定は承認側VPCのリージョンで行ってください。
        "#]],
        );
    }

    #[test]
    fn known_regions_of_one_partition_and_intra_region_peerings_are_clean() {
        check(&RULE, &between("us-east-1"), expect![[""]]);
        check(&RULE, &between("ap-northeast-1"), expect![[""]]);
    }
}
