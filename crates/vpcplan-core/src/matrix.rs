//! The comparison matrix of the three connectivity patterns.
//!
//! It follows the table in section 4 of the November 2020 article that
//! vpcplan grew from (same rows, same columns), and gives each cell twice: what
//! the article said in 2020 and what holds today, with the AWS source for the
//! present-day value. Several cells changed since 2020 (IPv6 over inter-Region
//! peering, cross-Region PrivateLink, S3 Express gateway endpoints), and the
//! matrix says which, so the UI can show trainers exactly what moved.

use crate::{LinkKind, Text};

/// A row of the matrix: one aspect on which the three patterns are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aspect {
    UseCases,
    Source,
    Destination,
    Controls,
    Traffic,
    Restrictions,
    OtherAccounts,
    OtherRegions,
}

impl Aspect {
    pub const ALL: [Aspect; 8] = [
        Aspect::UseCases,
        Aspect::Source,
        Aspect::Destination,
        Aspect::Controls,
        Aspect::Traffic,
        Aspect::Restrictions,
        Aspect::OtherAccounts,
        Aspect::OtherRegions,
    ];

    pub fn name(self) -> Text {
        match self {
            Aspect::UseCases => Text::new("Use cases", "利用シーン"),
            Aspect::Source => Text::new("Source", "接続元"),
            Aspect::Destination => Text::new("Destination", "接続先"),
            Aspect::Controls => Text::new("Traffic controls", "通信制御方法"),
            Aspect::Traffic => Text::new("Traffic", "トラフィック"),
            Aspect::Restrictions => Text::new("Restrictions", "制限"),
            Aspect::OtherAccounts => Text::new("Other accounts", "他アカウント"),
            Aspect::OtherRegions => Text::new("Other Regions", "他リージョン"),
        }
    }
}

/// How a cell's present-day value relates to what the 2020 article said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellStatus {
    /// The 2020 statement still holds as written.
    Unchanged,
    /// The 2020 statement still holds, but today's documentation is more
    /// precise or adds a limit that matters for a design.
    Clarified,
    /// The 2020 statement is no longer true.
    Changed,
}

impl CellStatus {
    pub fn name(self) -> Text {
        match self {
            CellStatus::Unchanged => Text::new("unchanged", "変更なし"),
            CellStatus::Clarified => Text::new("more precise today", "現在はより詳細"),
            CellStatus::Changed => Text::new("changed since 2020", "2020年から変更"),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            CellStatus::Unchanged => "unchanged",
            CellStatus::Clarified => "clarified",
            CellStatus::Changed => "changed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub aspect: Aspect,
    pub kind: LinkKind,
    /// What the 2020 article's table said.
    pub in_2020: Text,
    /// What holds today.
    pub today: Text,
    pub status: CellStatus,
    /// Addresses of the documents that back `today`.
    pub sources: &'static [&'static str],
}

/// The comparison matrix, row by row in the article's order.
pub fn comparison_matrix() -> &'static [Cell] {
    CELLS
}

/// The cell for one aspect of one pattern.
pub fn cell(aspect: Aspect, kind: LinkKind) -> &'static Cell {
    CELLS
        .iter()
        .find(|cell| cell.aspect == aspect && cell.kind == kind)
        .expect("the matrix has a cell for every aspect and link kind")
}

const PEERING_WHITEPAPER: &str = "https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/vpc-peering.html";
const PEERING_CONNECTIVITY_OPTIONS: &str =
    "https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/vpc-peering.html";
const PEERING_CREATE: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/create-vpc-peering-connection.html";
const PEERING_SECURITY_GROUPS: &str =
    "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html";
const PEERING_GUIDE_ARCHIVE: &str = "https://github.com/awsdocs/amazon-vpc-peering-guide";
const VPC_QUOTAS: &str = "https://docs.aws.amazon.com/general/latest/gr/vpc-service.html";
const PRIVATELINK_SERVICES: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html";
const PRIVATELINK_ENDPOINT_SERVICE: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/create-endpoint-service.html";
const PRIVATELINK_QUOTAS: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html";
const PRIVATELINK_OVER_PEERING: &str = "https://aws.amazon.com/about-aws/whats-new/2018/10/aws-privatelink-now-supports-access-over-inter-region-vpc-peering/";
const PRIVATELINK_IPV6: &str = "https://aws.amazon.com/blogs/networking-and-content-delivery/expedite-your-ipv6-adoption-with-privatelink-services-and-endpoints";
const PRIVATELINK_CROSS_REGION: &str = "https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cross-region-connectivity-for-aws-privatelink/";
const PRIVATELINK_CROSS_REGION_SERVICES: &str = "https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html";
const LATTICE_RESOURCE_ENDPOINTS: &str =
    "https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html";
const GATEWAY_ENDPOINTS: &str =
    "https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html";
const S3_EXPRESS_ENDPOINTS: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-tutorial-endpoints.html";
const VPC_GUIDE_ARCHIVE: &str = "https://github.com/awsdocs/amazon-vpc-user-guide";
const STARTUP_BASELINE: &str = "https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-startup-security-baseline/wkld-12.html";

const CELLS: &[Cell] = &[
    // Use cases
    Cell {
        aspect: Aspect::UseCases,
        kind: LinkKind::Peering,
        in_2020: Text::new(
            "Many resources in two different VPCs talk to each other.",
            "異なるVPCの間の複数のリソース同士でやりとりをしたい場合",
        ),
        today: Text::new(
            "Many resources in two VPCs talk to each other. For more than a few VPCs, AWS recommends a hub (Transit Gateway or Cloud WAN) over a mesh of peerings.",
            "2つのVPCの多数のリソース同士が通信する場合。VPCが多いときは、ピアリングのメッシュよりハブ型(Transit GatewayまたはCloud WAN)が推奨されます。",
        ),
        status: CellStatus::Clarified,
        sources: &[PEERING_WHITEPAPER],
    },
    Cell {
        aspect: Aspect::UseCases,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new(
            "Reach a specific AWS service; use content behind an NLB from another VPC.",
            "特定のAWSサービスに接続したい場合、NLBを利用したコンテンツを他のVPCから利用する場合",
        ),
        today: Text::new(
            "Reach one of several hundred AWS services, or a provider's endpoint service behind a Network Load Balancer (or a Gateway Load Balancer, through GWLB endpoints).",
            "数百のAWSサービス、またはNetwork Load Balancer(GWLBエンドポイント経由ならGateway Load Balancer)の背後にあるプロバイダーのエンドポイントサービスに接続する場合",
        ),
        status: CellStatus::Clarified,
        sources: &[PRIVATELINK_SERVICES, PRIVATELINK_ENDPOINT_SERVICE],
    },
    Cell {
        aspect: Aspect::UseCases,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new(
            "Many resources in a VPC use S3 or DynamoDB.",
            "VPC内の複数のリソースでS3もしくはDynamoDBを利用する場合",
        ),
        today: Text::new(
            "Resources in a VPC use S3, DynamoDB or S3 Express One Zone in the same Region, free of charge.",
            "VPC内のリソースが同一リージョンのS3、DynamoDB、S3 Express One Zoneを無料で利用する場合",
        ),
        status: CellStatus::Changed,
        sources: &[GATEWAY_ENDPOINTS, S3_EXPRESS_ENDPOINTS],
    },
    // Source
    Cell {
        aspect: Aspect::Source,
        kind: LinkKind::Peering,
        in_2020: Text::new("Resources in the VPC", "VPC内のコンテンツ"),
        today: Text::new(
            "Resources in the VPC whose route tables send the peer's CIDRs to the peering; route tables, security groups and NACLs can narrow it to some subnets or instances.",
            "ピアのCIDRをピアリング接続へルーティングしているルートテーブルを持つVPC内のリソース。ルートテーブル・セキュリティグループ・NACLで一部のサブネットやインスタンスに絞れます。",
        ),
        status: CellStatus::Clarified,
        sources: &[PEERING_CONNECTIVITY_OPTIONS],
    },
    Cell {
        aspect: Aspect::Source,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new("Specific subnets in the VPC", "VPC内の特定のSubnet"),
        today: Text::new(
            "Network interfaces in chosen subnets, at most one subnet per Availability Zone; clients in the VPC and also in peered VPCs (even across Regions), over VPN or Direct Connect.",
            "選択したサブネット(AZごとに最大1つ)のネットワークインターフェイス。VPC内に加え、ピアリング先のVPC(リージョン間も可)やVPN・Direct Connect経由のクライアントからも利用できます。",
        ),
        status: CellStatus::Clarified,
        sources: &[PRIVATELINK_SERVICES, PRIVATELINK_OVER_PEERING],
    },
    Cell {
        aspect: Aspect::Source,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new("Resources in the VPC", "VPC内のコンテンツ"),
        today: Text::new(
            "Only subnets whose route tables are associated with the endpoint; never from peered VPCs, Transit Gateway, VPN or Direct Connect.",
            "エンドポイントに関連付けたルートテーブルを使うサブネットのみ。ピアリング先のVPC、Transit Gateway、VPN、Direct Connectからは利用できません。",
        ),
        status: CellStatus::Clarified,
        sources: &[GATEWAY_ENDPOINTS, VPC_GUIDE_ARCHIVE],
    },
    // Destination
    Cell {
        aspect: Aspect::Destination,
        kind: LinkKind::Peering,
        in_2020: Text::new("Resources in the VPC", "VPC内のコンテンツ"),
        today: Text::new(
            "Resources in the peer VPC only: no transit through the peer's other peerings, internet gateway, NAT, VPN, Direct Connect or gateway endpoints.",
            "ピアVPC内のリソースのみ。ピアの他のピアリング、インターネットゲートウェイ、NAT、VPN、Direct Connect、ゲートウェイエンドポイントを経由した通信はできません。",
        ),
        status: CellStatus::Clarified,
        sources: &[PEERING_WHITEPAPER, PEERING_GUIDE_ARCHIVE],
    },
    Cell {
        aspect: Aspect::Destination,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new(
            "AWS services; endpoint services",
            "AWSプリンシパルサービス、エンドポイントサービス",
        ),
        today: Text::new(
            "AWS services and endpoint services (NLB or GWLB); since December 2024 also VPC Lattice resources and service networks through resource and service-network endpoints.",
            "AWSサービスとエンドポイントサービス(NLBまたはGWLB)。2024年12月からはリソースエンドポイント・サービスネットワークエンドポイント経由でVPC Latticeのリソースとサービスネットワークにも接続できます。",
        ),
        status: CellStatus::Changed,
        sources: &[PRIVATELINK_ENDPOINT_SERVICE, LATTICE_RESOURCE_ENDPOINTS],
    },
    Cell {
        aspect: Aspect::Destination,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new("S3 or DynamoDB", "S3もしくはDynamoDB"),
        today: Text::new(
            "S3, DynamoDB or S3 Express One Zone (s3express).",
            "S3、DynamoDB、S3 Express One Zone(s3express)",
        ),
        status: CellStatus::Changed,
        sources: &[GATEWAY_ENDPOINTS, S3_EXPRESS_ENDPOINTS],
    },
    // Controls
    Cell {
        aspect: Aspect::Controls,
        kind: LinkKind::Peering,
        in_2020: Text::new(
            "Route tables, network ACLs, security groups",
            "ルートテーブル、ネットワークACL、セキュリティグループ",
        ),
        today: Text::new(
            "Route tables, network ACLs, security groups. A rule can reference the peer's security group only in the same Region (account-id/sg-id across accounts); across Regions use CIDRs.",
            "ルートテーブル、ネットワークACL、セキュリティグループ。ピアのセキュリティグループを参照できるのは同一リージョンのみ(別アカウントはアカウントID/sg-IDの形式)。リージョン間ではCIDRを使います。",
        ),
        status: CellStatus::Clarified,
        sources: &[PEERING_SECURITY_GROUPS],
    },
    Cell {
        aspect: Aspect::Controls,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new(
            "Security groups, policies",
            "セキュリティグループ、ポリシー",
        ),
        today: Text::new(
            "Security groups (the VPC's default group when none is given) and endpoint policies, which not every service supports (at most 20,480 characters); endpoint services add allowed principals and acceptance.",
            "セキュリティグループ(未指定ならVPCのデフォルト)とエンドポイントポリシー(非対応のサービスあり、最大20,480文字)。エンドポイントサービスでは許可するプリンシパルと承認が加わります。",
        ),
        status: CellStatus::Clarified,
        sources: &[PRIVATELINK_QUOTAS, PRIVATELINK_ENDPOINT_SERVICE],
    },
    Cell {
        aspect: Aspect::Controls,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new(
            "Route tables, network ACLs, security groups, policies",
            "ルートテーブル、ネットワークACL、セキュリティグループ、ポリシー",
        ),
        today: Text::new(
            "Route tables and the endpoint policy. The endpoint itself takes no security group (clients' groups can reference its prefix list), and NACLs need the service's CIDRs because they cannot reference a prefix list.",
            "ルートテーブルとエンドポイントポリシー。エンドポイント自体にはセキュリティグループを付けられません(クライアント側でプレフィックスリストを参照可能)。NACLはプレフィックスリストを参照できないため、サービスのCIDRを指定します。",
        ),
        status: CellStatus::Changed,
        sources: &[GATEWAY_ENDPOINTS, VPC_GUIDE_ARCHIVE],
    },
    // Traffic
    Cell {
        aspect: Aspect::Traffic,
        kind: LinkKind::Peering,
        in_2020: Text::new(
            "IPv4/IPv6 (IPv6 only within one Region)",
            "IPv4/IPv6(IPv6は同一リージョンでのみ可)",
        ),
        today: Text::new(
            "IPv4 and IPv6, both within a Region and across Regions (inter-Region IPv6 since June 2021).",
            "IPv4とIPv6。リージョン内でもリージョン間でも利用可能(リージョン間IPv6は2021年6月から)。",
        ),
        status: CellStatus::Changed,
        sources: &[PEERING_GUIDE_ARCHIVE, PEERING_CONNECTIVITY_OPTIONS],
    },
    Cell {
        aspect: Aspect::Traffic,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new("IPv4", "IPv4"),
        today: Text::new(
            "IPv4, dual-stack or IPv6 (IpAddressType), when the subnets and the service support that family.",
            "IPv4、デュアルスタック、IPv6(IpAddressType)。サブネットとサービスがそのアドレスファミリーに対応している場合。",
        ),
        status: CellStatus::Changed,
        sources: &[PRIVATELINK_IPV6],
    },
    Cell {
        aspect: Aspect::Traffic,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new("IPv4", "IPv4"),
        today: Text::new("IPv4 or dual-stack.", "IPv4またはデュアルスタック"),
        status: CellStatus::Changed,
        sources: &[GATEWAY_ENDPOINTS],
    },
    // Restrictions
    Cell {
        aspect: Aspect::Restrictions,
        kind: LinkKind::Peering,
        in_2020: Text::new(
            "No peering between VPCs with overlapping CIDRs",
            "CIDRが重複するVPC間でピアリング不可",
        ),
        today: Text::new(
            "Any overlap of IPv4 CIDRs (primary or secondary) or IPv6 CIDRs blocks the peering; not transitive; one peering per VPC pair; 50 active peerings per VPC by default, 125 at most.",
            "IPv4(プライマリ・セカンダリ)またはIPv6のCIDRが1つでも重複するとピアリング不可。推移的ルーティング不可。VPCの組ごとに1接続。VPCあたりのアクティブなピアリングはデフォルト50、最大125。",
        ),
        status: CellStatus::Clarified,
        sources: &[PEERING_CREATE, VPC_QUOTAS],
    },
    Cell {
        aspect: Aspect::Restrictions,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new(
            "Works even when CIDRs overlap",
            "CIDRが重複していても接続可能",
        ),
        today: Text::new(
            "Works even when CIDRs overlap (the provider sees the load balancer's addresses). One subnet per AZ; 50 interface endpoints per VPC by default; packets up to 8,500 bytes.",
            "CIDRが重複していても接続可能(プロバイダー側からはロードバランサーのアドレスに見えます)。AZごとに1サブネット。VPCあたりのインターフェイスエンドポイントはデフォルト50。パケットは最大8,500バイト。",
        ),
        status: CellStatus::Clarified,
        sources: &[PRIVATELINK_ENDPOINT_SERVICE, PRIVATELINK_QUOTAS],
    },
    Cell {
        aspect: Aspect::Restrictions,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new("None", "なし"),
        today: Text::new(
            "Same Region only; not usable over peering, Transit Gateway, VPN or Direct Connect; one endpoint route per service in a route table; 20 gateway endpoints per Region by default.",
            "同一リージョンのみ。ピアリング、Transit Gateway、VPN、Direct Connect経由では利用不可。ルートテーブルごとにサービスあたり1つのエンドポイントルート。リージョンあたりのゲートウェイエンドポイントはデフォルト20。",
        ),
        status: CellStatus::Changed,
        sources: &[GATEWAY_ENDPOINTS, PRIVATELINK_QUOTAS],
    },
    // Other accounts
    Cell {
        aspect: Aspect::OtherAccounts,
        kind: LinkKind::Peering,
        in_2020: Text::new("Yes", "可"),
        today: Text::new(
            "Yes. The accepter's owner must accept; an unaccepted request expires after 7 days.",
            "可。承諾側の所有者による承認が必要で、承認されないリクエストは7日で期限切れになります。",
        ),
        status: CellStatus::Unchanged,
        sources: &[PEERING_CREATE],
    },
    Cell {
        aspect: Aspect::OtherAccounts,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new("Yes", "可"),
        today: Text::new(
            "Yes, for principals the provider allows; with acceptance required, each connection waits for the provider.",
            "可。プロバイダーが許可したプリンシパルのみ。承認が必要な設定では、接続ごとにプロバイダーの承認を待ちます。",
        ),
        status: CellStatus::Unchanged,
        sources: &[PRIVATELINK_ENDPOINT_SERVICE],
    },
    Cell {
        aspect: Aspect::OtherAccounts,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new("Yes", "可"),
        today: Text::new(
            "Yes: the endpoint lives in your VPC, and its policy with the bucket or table policies decides whose resources you reach.",
            "可。エンドポイントは自分のVPCにあり、エンドポイントポリシーとバケット・テーブルのポリシーで到達できるリソースが決まります。",
        ),
        status: CellStatus::Unchanged,
        sources: &[STARTUP_BASELINE],
    },
    // Other Regions
    Cell {
        aspect: Aspect::OtherRegions,
        kind: LinkKind::Peering,
        in_2020: Text::new("Yes", "可"),
        today: Text::new(
            "Yes. Request from the requester's Region, accept in the accepter's Region; inter-Region packets up to 8,500 bytes.",
            "可。リクエストは要求側のリージョンから、承認は承諾側のリージョンで行います。リージョン間のパケットは最大8,500バイト。",
        ),
        status: CellStatus::Unchanged,
        sources: &[PEERING_CREATE],
    },
    Cell {
        aspect: Aspect::OtherRegions,
        kind: LinkKind::InterfaceEndpoint,
        in_2020: Text::new("No", "不可"),
        today: Text::new(
            "Yes, within one partition: to endpoint services that list the consumer's Region (since November 2024) and to a listed subset of AWS services (since November 2025).",
            "可(同一パーティション内)。利用側のリージョンを許可したエンドポイントサービス(2024年11月から)と、対象のAWSサービス(2025年11月から)に接続できます。",
        ),
        status: CellStatus::Changed,
        sources: &[PRIVATELINK_CROSS_REGION, PRIVATELINK_CROSS_REGION_SERVICES],
    },
    Cell {
        aspect: Aspect::OtherRegions,
        kind: LinkKind::GatewayEndpoint,
        in_2020: Text::new("No", "不可"),
        today: Text::new(
            "No: gateway endpoints work only within the VPC's Region.",
            "不可。ゲートウェイエンドポイントはVPCと同じリージョンでのみ利用できます。",
        ),
        status: CellStatus::Unchanged,
        sources: &[GATEWAY_ENDPOINTS, STARTUP_BASELINE],
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn every_aspect_and_kind_has_exactly_one_cell_in_article_order() {
        let order: Vec<(Aspect, LinkKind)> = comparison_matrix()
            .iter()
            .map(|cell| (cell.aspect, cell.kind))
            .collect();
        let expected: Vec<(Aspect, LinkKind)> = Aspect::ALL
            .into_iter()
            .flat_map(|aspect| LinkKind::ALL.map(|kind| (aspect, kind)))
            .collect();
        assert_eq!(order, expected);
    }

    #[test]
    fn every_cell_has_text_in_both_languages_and_an_aws_or_archive_source() {
        for cell in comparison_matrix() {
            for lang in Lang::ALL {
                assert!(!cell.in_2020.get(lang).is_empty(), "{cell:?}");
                assert!(!cell.today.get(lang).is_empty(), "{cell:?}");
            }
            assert!(!cell.sources.is_empty(), "{cell:?} has no source");
            for source in cell.sources {
                assert!(source.starts_with("https://"), "{source}");
            }
        }
    }

    #[test]
    fn the_changes_the_rules_document_names_are_marked_changed() {
        for (aspect, kind) in [
            (Aspect::Traffic, LinkKind::Peering),
            (Aspect::Traffic, LinkKind::InterfaceEndpoint),
            (Aspect::OtherRegions, LinkKind::InterfaceEndpoint),
            (Aspect::Destination, LinkKind::GatewayEndpoint),
        ] {
            assert_eq!(
                cell(aspect, kind).status,
                CellStatus::Changed,
                "{aspect:?} {kind:?}"
            );
        }
        assert_eq!(
            cell(Aspect::OtherRegions, LinkKind::GatewayEndpoint).status,
            CellStatus::Unchanged
        );
    }

    #[test]
    fn the_2020_values_are_the_articles_own_words() {
        assert_eq!(
            cell(Aspect::Restrictions, LinkKind::Peering).in_2020.ja,
            "CIDRが重複するVPC間でピアリング不可"
        );
        assert_eq!(
            cell(Aspect::OtherRegions, LinkKind::InterfaceEndpoint)
                .in_2020
                .ja,
            "不可"
        );
    }
}
