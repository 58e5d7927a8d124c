//! The AWS services a VPC endpoint can reach, as data: the service-name
//! suffix (after `com.amazonaws.<region>.`), which endpoint types exist for it,
//! whether it can be reached across Regions, and its global name if any.
//!
//! The common interface services, S3, DynamoDB and S3 Express, from the AWS
//! PrivateLink service list
//! (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html),
//! the gateway-endpoint page
//! (https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html) and the
//! cross-Region list
//! (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html).
//! The authoritative per-Region list is `aws ec2 describe-vpc-endpoint-services`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AwsService {
    /// The service-name suffix, such as `ecr.dkr`.
    pub suffix: &'static str,
    pub display_name: &'static str,
    pub gateway_endpoint: bool,
    pub interface_endpoint: bool,
    /// Reachable from an interface endpoint in another Region (`ServiceRegion`).
    pub cross_region: bool,
    /// A name without a Region segment, for global services.
    pub global_name: Option<&'static str>,
    /// The port clients connect to through an interface endpoint.
    pub port: u16,
}

impl AwsService {
    /// The full service name in a Region, such as `com.amazonaws.ap-northeast-1.s3`.
    pub fn service_name(&self, region: &str) -> String {
        match self.global_name {
            Some(global) => global.to_owned(),
            None => format!("com.amazonaws.{region}.{}", self.suffix),
        }
    }
}

const fn service(
    suffix: &'static str,
    display_name: &'static str,
    gateway_endpoint: bool,
    interface_endpoint: bool,
    cross_region: bool,
    global_name: Option<&'static str>,
) -> AwsService {
    AwsService {
        suffix,
        display_name,
        gateway_endpoint,
        interface_endpoint,
        cross_region,
        global_name,
        port: 443,
    }
}

pub const AWS_SERVICES: &[AwsService] = &[
    // SSM / Session Manager
    service("ssm", "AWS Systems Manager", false, true, false, None),
    service(
        "ssmmessages",
        "Systems Manager Session Manager messages",
        false,
        true,
        false,
        None,
    ),
    service(
        "ec2messages",
        "EC2 messages (Systems Manager)",
        false,
        true,
        false,
        None,
    ),
    // Compute and containers
    service("ec2", "Amazon EC2 API", false, true, false, None),
    service("ecr.api", "Amazon ECR API", false, true, true, None),
    service(
        "ecr.dkr",
        "Amazon ECR Docker registry",
        false,
        true,
        true,
        None,
    ),
    service("ecs", "Amazon ECS", false, true, true, None),
    service("ecs-agent", "Amazon ECS agent", false, true, false, None),
    service(
        "ecs-telemetry",
        "Amazon ECS telemetry",
        false,
        true,
        false,
        None,
    ),
    service("eks", "Amazon EKS", false, true, false, None),
    service(
        "eks-auth",
        "Amazon EKS Pod Identity",
        false,
        true,
        false,
        None,
    ),
    service("lambda", "AWS Lambda", false, true, true, None),
    service(
        "autoscaling",
        "Amazon EC2 Auto Scaling",
        false,
        true,
        false,
        None,
    ),
    service(
        "elasticloadbalancing",
        "Elastic Load Balancing",
        false,
        true,
        false,
        None,
    ),
    service("batch", "AWS Batch", false, true, false, None),
    // Identity and crypto
    service("sts", "AWS STS", false, true, false, None),
    service("kms", "AWS KMS", false, true, true, None),
    service(
        "secretsmanager",
        "AWS Secrets Manager",
        false,
        true,
        false,
        None,
    ),
    service("acm-pca", "AWS Private CA", false, true, false, None),
    service(
        "iam",
        "AWS IAM",
        false,
        true,
        true,
        Some("com.amazonaws.iam"),
    ),
    // Observability and management
    service("logs", "CloudWatch Logs", false, true, false, None),
    service("monitoring", "CloudWatch", false, true, false, None),
    service("events", "Amazon EventBridge", false, true, false, None),
    service("xray", "AWS X-Ray", false, true, false, None),
    service(
        "cloudformation",
        "AWS CloudFormation",
        false,
        true,
        false,
        None,
    ),
    service("cloudtrail", "AWS CloudTrail", false, true, false, None),
    service("config", "AWS Config", false, true, false, None),
    service(
        "application-autoscaling",
        "Application Auto Scaling",
        false,
        true,
        false,
        None,
    ),
    service(
        "servicecatalog",
        "AWS Service Catalog",
        false,
        true,
        false,
        None,
    ),
    // Messaging and integration
    service("sqs", "Amazon SQS", false, true, false, None),
    service("sns", "Amazon SNS", false, true, false, None),
    service("states", "AWS Step Functions", false, true, false, None),
    service(
        "kinesis-streams",
        "Kinesis Data Streams",
        false,
        true,
        false,
        None,
    ),
    service(
        "kinesis-firehose",
        "Amazon Data Firehose",
        false,
        true,
        true,
        None,
    ),
    // API and apps
    service(
        "execute-api",
        "Amazon API Gateway (execute-api)",
        false,
        true,
        false,
        None,
    ),
    service(
        "apigateway",
        "Amazon API Gateway (management)",
        false,
        true,
        false,
        None,
    ),
    // Data
    service("s3", "Amazon S3", true, true, true, None),
    service("dynamodb", "Amazon DynamoDB", true, true, false, None),
    service(
        "dynamodb-streams",
        "DynamoDB Streams",
        false,
        true,
        false,
        None,
    ),
    service("rds", "Amazon RDS API", false, true, false, None),
    service("rds-data", "RDS Data API", false, true, false, None),
    service("elasticfilesystem", "Amazon EFS", false, true, false, None),
    service(
        "elasticache",
        "Amazon ElastiCache",
        false,
        true,
        false,
        None,
    ),
    service("glue", "AWS Glue", false, true, false, None),
    service("athena", "Amazon Athena", false, true, false, None),
    service(
        "redshift-data",
        "Redshift Data API",
        false,
        true,
        false,
        None,
    ),
    // ML
    service("sagemaker.api", "SageMaker API", false, true, false, None),
    service(
        "sagemaker.runtime",
        "SageMaker Runtime",
        false,
        true,
        false,
        None,
    ),
    service("bedrock", "Amazon Bedrock", false, true, false, None),
    service(
        "bedrock-runtime",
        "Bedrock Runtime",
        false,
        true,
        false,
        None,
    ),
    service(
        "bedrock-agent-runtime",
        "Bedrock Agents Runtime",
        false,
        true,
        false,
        None,
    ),
    // Dev tools
    service("codebuild", "AWS CodeBuild", false, true, false, None),
    service("codecommit", "AWS CodeCommit API", false, true, false, None),
    service(
        "git-codecommit",
        "AWS CodeCommit Git",
        false,
        true,
        false,
        None,
    ),
    service("codepipeline", "AWS CodePipeline", false, true, false, None),
    service(
        "codeartifact.api",
        "AWS CodeArtifact API",
        false,
        true,
        false,
        None,
    ),
    service(
        "codeartifact.repositories",
        "AWS CodeArtifact repositories",
        false,
        true,
        false,
        None,
    ),
    // Gateway-only
    service(
        "s3express",
        "Amazon S3 Express One Zone",
        true,
        false,
        false,
        None,
    ),
    // Cross-Region enabled, outside the common list
    service("kms-fips", "AWS KMS (FIPS)", false, true, true, None),
    service(
        "kinesisanalytics",
        "Amazon Managed Service for Apache Flink",
        false,
        true,
        true,
        None,
    ),
    service(
        "route53",
        "Amazon Route 53",
        false,
        true,
        true,
        Some("com.amazonaws.route53"),
    ),
];

/// The services with gateway endpoints.
pub const GATEWAY_SERVICES: [&str; 3] = ["s3", "dynamodb", "s3express"];

pub fn aws_service(suffix: &str) -> Option<&'static AwsService> {
    AWS_SERVICES.iter().find(|service| service.suffix == suffix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_has_the_common_services_and_unique_suffixes() {
        assert!(AWS_SERVICES.len() >= 60, "{}", AWS_SERVICES.len());
        let mut suffixes: Vec<&str> = AWS_SERVICES.iter().map(|service| service.suffix).collect();
        suffixes.sort();
        suffixes.dedup();
        assert_eq!(suffixes.len(), AWS_SERVICES.len());
    }

    #[test]
    fn exactly_s3_dynamodb_and_s3express_have_gateway_endpoints() {
        let mut gateway: Vec<&str> = AWS_SERVICES
            .iter()
            .filter(|service| service.gateway_endpoint)
            .map(|service| service.suffix)
            .collect();
        gateway.sort();
        assert_eq!(gateway, ["dynamodb", "s3", "s3express"]);
        assert!(!aws_service("dynamodb-streams").unwrap().gateway_endpoint);
        assert!(!aws_service("s3express").unwrap().interface_endpoint);
    }

    #[test]
    fn service_names_follow_the_regional_pattern_except_global_services() {
        assert_eq!(
            aws_service("ecr.dkr")
                .unwrap()
                .service_name("ap-northeast-1"),
            "com.amazonaws.ap-northeast-1.ecr.dkr"
        );
        assert_eq!(
            aws_service("iam").unwrap().service_name("us-east-1"),
            "com.amazonaws.iam"
        );
        assert!(aws_service("lambda").unwrap().cross_region);
        assert!(!aws_service("sqs").unwrap().cross_region);
    }
}
