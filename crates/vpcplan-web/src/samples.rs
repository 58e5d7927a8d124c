//! The sample designs trainers open from the "Samples" menu: the fixture
//! designs of `tests/fixtures/designs`, embedded at compile time and read
//! with the design file reader like any file a user opens.

use vpcplan_core::Text;
use vpcplan_core::design::Design;
use vpcplan_core::file::{FileError, read_design};

pub struct Sample {
    /// The fixture's file stem, also used in test selectors.
    pub id: &'static str,
    pub title: Text,
    text: &'static str,
}

impl Sample {
    pub fn open(&self) -> Result<Design, FileError> {
        read_design(self.text)
    }
}

macro_rules! fixture {
    ($file:literal) => {
        include_str!(concat!("../../../tests/fixtures/designs/", $file))
    };
}

/// The samples, clean designs first, then the deliberate mistakes. The
/// 30-VPC mesh and the hostile-names fixture are test material, not teaching
/// material, and stay out of the download.
pub const SAMPLES: &[Sample] = &[
    Sample {
        id: "article-peering",
        title: Text::new(
            "The 2020 article's peering (172.31.0.0/16 ↔ 13.0.0.0/16)",
            "2020年の記事のピアリング (172.31.0.0/16 ↔ 13.0.0.0/16)",
        ),
        text: fixture!("article-peering.json"),
    },
    Sample {
        id: "cross-account-cross-region-peering",
        title: Text::new(
            "Peering across accounts and Regions, with IPv6",
            "アカウント・リージョンをまたぐピアリング (IPv6あり)",
        ),
        text: fixture!("cross-account-cross-region-peering.json"),
    },
    Sample {
        id: "interface-endpoint-aws-service",
        title: Text::new(
            "Interface endpoints for Session Manager",
            "Session Manager用のインターフェイスエンドポイント",
        ),
        text: fixture!("interface-endpoint-aws-service.json"),
    },
    Sample {
        id: "endpoint-service-nlb-cross-account",
        title: Text::new(
            "An endpoint service behind an NLB, consumed from another account",
            "NLBの背後のエンドポイントサービスを別アカウントから利用",
        ),
        text: fixture!("endpoint-service-nlb-cross-account.json"),
    },
    Sample {
        id: "s3-gateway-endpoint",
        title: Text::new("An S3 gateway endpoint", "S3のゲートウェイエンドポイント"),
        text: fixture!("s3-gateway-endpoint.json"),
    },
    Sample {
        id: "mistake-overlapping-cidrs",
        title: Text::new(
            "Mistake: peering VPCs whose CIDRs overlap",
            "誤り: CIDRが重複するVPC同士のピアリング",
        ),
        text: fixture!("mistake-overlapping-cidrs.json"),
    },
    Sample {
        id: "mistake-transitive-peering",
        title: Text::new(
            "Mistake: expecting peering to be transitive",
            "誤り: ピアリングの推移的な接続を期待",
        ),
        text: fixture!("mistake-transitive-peering.json"),
    },
];

pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|sample| sample.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpcplan_core::{Severity, validate};

    #[test]
    fn every_sample_opens_and_ids_are_unique() {
        for (index, sample) in SAMPLES.iter().enumerate() {
            let design = sample
                .open()
                .unwrap_or_else(|error| panic!("{}: {error}", sample.id));
            assert!(!design.vpcs.is_empty(), "{} has no VPC", sample.id);
            assert!(
                SAMPLES[..index]
                    .iter()
                    .all(|earlier| earlier.id != sample.id),
                "{} is listed twice",
                sample.id
            );
        }
    }

    #[test]
    fn mistakes_have_errors_and_clean_samples_none() {
        for sample in SAMPLES {
            let errors = validate(&sample.open().unwrap())
                .into_iter()
                .filter(|diagnostic| diagnostic.severity == Severity::Error)
                .count();
            assert_eq!(
                errors > 0,
                sample.id.starts_with("mistake-"),
                "{}: {errors} error(s)",
                sample.id
            );
        }
    }

    #[test]
    fn unknown_samples_are_none() {
        assert!(sample("article-peering").is_some());
        assert!(sample("no-such-sample").is_none());
    }
}
