//! The AWS Regions vpcplan knows: code, partition, and whether the Region is
//! opt-in (disabled in an account until enabled).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Partition {
    Aws,
    AwsCn,
    AwsUsGov,
}

impl Partition {
    /// The partition segment of ARNs: `aws`, `aws-cn` or `aws-us-gov`.
    pub fn arn_segment(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    pub partition: Partition,
    pub opt_in: bool,
}

const fn region(
    code: &'static str,
    name: &'static str,
    partition: Partition,
    opt_in: bool,
) -> Region {
    Region {
        code,
        name,
        partition,
        opt_in,
    }
}

use Partition::{Aws, AwsCn, AwsUsGov};

pub const REGIONS: &[Region] = &[
    region("us-east-1", "US East (N. Virginia)", Aws, false),
    region("us-east-2", "US East (Ohio)", Aws, false),
    region("us-west-1", "US West (N. California)", Aws, false),
    region("us-west-2", "US West (Oregon)", Aws, false),
    region("af-south-1", "Africa (Cape Town)", Aws, true),
    region("ap-east-1", "Asia Pacific (Hong Kong)", Aws, true),
    region("ap-east-2", "Asia Pacific (Taipei)", Aws, true),
    region("ap-south-1", "Asia Pacific (Mumbai)", Aws, false),
    region("ap-south-2", "Asia Pacific (Hyderabad)", Aws, true),
    region("ap-southeast-1", "Asia Pacific (Singapore)", Aws, false),
    region("ap-southeast-2", "Asia Pacific (Sydney)", Aws, false),
    region("ap-southeast-3", "Asia Pacific (Jakarta)", Aws, true),
    region("ap-southeast-4", "Asia Pacific (Melbourne)", Aws, true),
    region("ap-southeast-5", "Asia Pacific (Malaysia)", Aws, true),
    region("ap-southeast-7", "Asia Pacific (Thailand)", Aws, true),
    region("ap-northeast-1", "Asia Pacific (Tokyo)", Aws, false),
    region("ap-northeast-2", "Asia Pacific (Seoul)", Aws, false),
    region("ap-northeast-3", "Asia Pacific (Osaka)", Aws, false),
    region("ca-central-1", "Canada (Central)", Aws, false),
    region("ca-west-1", "Canada West (Calgary)", Aws, true),
    region("eu-central-1", "Europe (Frankfurt)", Aws, false),
    region("eu-central-2", "Europe (Zurich)", Aws, true),
    region("eu-west-1", "Europe (Ireland)", Aws, false),
    region("eu-west-2", "Europe (London)", Aws, false),
    region("eu-west-3", "Europe (Paris)", Aws, false),
    region("eu-south-1", "Europe (Milan)", Aws, true),
    region("eu-south-2", "Europe (Spain)", Aws, true),
    region("eu-north-1", "Europe (Stockholm)", Aws, false),
    region("il-central-1", "Israel (Tel Aviv)", Aws, true),
    region("me-south-1", "Middle East (Bahrain)", Aws, true),
    region("me-central-1", "Middle East (UAE)", Aws, true),
    region("mx-central-1", "Mexico (Central)", Aws, true),
    region("sa-east-1", "South America (São Paulo)", Aws, false),
    region("cn-north-1", "China (Beijing)", AwsCn, false),
    region("cn-northwest-1", "China (Ningxia)", AwsCn, false),
    region("us-gov-east-1", "AWS GovCloud (US-East)", AwsUsGov, false),
    region("us-gov-west-1", "AWS GovCloud (US-West)", AwsUsGov, false),
];

pub fn region_by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_are_unique_and_partitions_match_their_prefix() {
        let mut codes: Vec<&str> = REGIONS.iter().map(|region| region.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), REGIONS.len());
        for region in REGIONS {
            let expected = if region.code.starts_with("cn-") {
                Partition::AwsCn
            } else if region.code.starts_with("us-gov-") {
                Partition::AwsUsGov
            } else {
                Partition::Aws
            };
            assert_eq!(region.partition, expected, "{}", region.code);
        }
    }

    #[test]
    fn lookups_find_opt_in_regions() {
        assert!(region_by_code("af-south-1").unwrap().opt_in);
        assert!(!region_by_code("ap-northeast-1").unwrap().opt_in);
        assert_eq!(region_by_code("mars-north-1"), None);
    }
}
