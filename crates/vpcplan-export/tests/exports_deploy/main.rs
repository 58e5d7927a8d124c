//! The exports end to end, for every fixture design: the CloudFormation
//! templates pass cfn-lint and deploy on the AWS API mock in the order
//! DEPLOY.md gives; the CLI scripts pass shellcheck, deploy.sh builds exactly
//! the design on the mock (VPCs and CIDRs, subnets, route tables and their
//! routes on both sides of each peering, peerings active between the right
//! VPCs and owners, endpoints of the right type and service name, endpoint
//! services with their permissions), and teardown.sh leaves nothing behind.
//! Hostile names survive all of it, and none of them runs.
//!
//! The CloudFormation stacks are deployed from the export's deploy plan, the
//! data DEPLOY.md is written from (and the test checks DEPLOY.md gives the
//! same steps): creates, the updates that pass values only known later (the
//! accepter side of each peering), templates over 51,200 bytes through S3,
//! then the work DEPLOY.md lists after the stacks (accepting endpoint
//! connections, peering DNS).
//!
//! `verify.sh` (both exports carry it) runs on the mock after each export's
//! deploy as far as the mock supports Reachability Analyzer (`verify.rs`).
//!
//! What the mock cannot prove: moto 5.2 lacks some CloudFormation resources
//! and properties the templates use; `support/moto_server.py` adds each as
//! AWS documents it and says which. The mock does not enforce AWS quotas
//! beyond the inline template size, and the 30-VPC mesh's CLI script is not
//! run (see below).

#[path = "../support/mod.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use support::{
    FALLBACK_REGION, MotoServer, Network, SCRIPT_TIMEOUT, TOO_SLOW_FOR_THE_CLI_DEPLOY, cfn_lint,
    cli_environment, create_existing_load_balancers, deploy_plan_with_input, parameter_input,
    run_tasks_after_the_stacks, shellcheck, show,
};
use vpcplan_core::design::{EndpointTarget, LinkSpec, RouteDestination, RouteTarget, ServiceKind};
use vpcplan_core::file::read_design;
use vpcplan_core::routes::{effective_routes, gateway_prefix_list};
use vpcplan_core::{Design, Severity, validate};
use vpcplan_export::cloudformation::{DeployPlan, StepAction};
use vpcplan_export::{
    CloudFormationExport, CloudFormationOptions, ExportError, ExportOptions, ExportedFile,
    TemplateFormat, cli_scripts, cloudformation, cloudformation_with_plan,
};

mod checks;
mod exports;
mod hostile_names;
mod load_balancers;
mod network;
mod verify;

use checks::*;
use exports::*;
use load_balancers::*;
use network::*;

// ---------------------------------------------------------------------------
// One set of tests per fixture
// ---------------------------------------------------------------------------

macro_rules! clean_fixture {
    ($module:ident, $file:literal) => {
        mod $module {
            #[test]
            fn cloudformation_passes_cfn_lint() {
                super::check_cloudformation_lints_clean($file, false);
            }

            #[test]
            fn cli_scripts_pass_shellcheck() {
                super::check_cli_scripts_pass_shellcheck($file, false);
            }

            #[test]
            fn cloudformation_stacks_deploy_in_order() {
                super::check_cloudformation_deploys($file);
            }

            #[test]
            fn cli_deploy_builds_the_design_and_teardown_removes_it() {
                assert!(!super::TOO_SLOW_FOR_THE_CLI_DEPLOY.contains(&$file));
                super::check_cli_deploy_and_teardown($file);
            }
        }
    };
}

macro_rules! fixture_with_errors {
    ($module:ident, $file:literal) => {
        mod $module {
            #[test]
            fn exports_only_when_errors_are_allowed_and_lists_them() {
                super::check_errors_refused_unless_allowed($file);
            }

            #[test]
            fn cloudformation_with_allowed_errors_passes_cfn_lint() {
                super::check_cloudformation_lints_clean($file, true);
            }

            #[test]
            fn cli_scripts_with_allowed_errors_pass_shellcheck() {
                super::check_cli_scripts_pass_shellcheck($file, true);
            }
        }
    };
}

clean_fixture!(article_peering, "article-peering.json");
clean_fixture!(
    cross_account_cross_region_peering,
    "cross-account-cross-region-peering.json"
);
clean_fixture!(
    interface_endpoint_aws_service,
    "interface-endpoint-aws-service.json"
);
clean_fixture!(
    endpoint_service_nlb_cross_account,
    "endpoint-service-nlb-cross-account.json"
);
clean_fixture!(endpoint_service_new_nlb, "endpoint-service-new-nlb.json");
clean_fixture!(s3_gateway_endpoint, "s3-gateway-endpoint.json");
clean_fixture!(
    main_route_table_with_routes,
    "main-route-table-with-routes.json"
);
clean_fixture!(
    peering_security_group_references,
    "peering-security-group-references.json"
);
clean_fixture!(
    security_group_protocol_all,
    "security-group-protocol-all.json"
);
fixture_with_errors!(mistake_overlapping_cidrs, "mistake-overlapping-cidrs.json");
fixture_with_errors!(
    mistake_transitive_peering,
    "mistake-transitive-peering.json"
);
fixture_with_errors!(
    mistake_endpoint_without_service_region,
    "mistake-endpoint-without-service-region.json"
);

mod mesh_30_vpcs {
    const FILE: &str = "mesh-30-vpcs.json";

    #[test]
    fn cloudformation_passes_cfn_lint() {
        super::check_cloudformation_lints_clean(FILE, false);
    }

    #[test]
    fn cli_scripts_pass_shellcheck() {
        super::check_cli_scripts_pass_shellcheck(FILE, false);
    }

    #[test]
    fn cloudformation_stacks_deploy_in_order() {
        super::check_cloudformation_deploys(FILE);
    }

    #[test]
    fn its_cli_deploy_is_left_out_only_for_time() {
        assert!(super::TOO_SLOW_FOR_THE_CLI_DEPLOY.contains(&FILE));
        let design = super::fixture(FILE);
        assert!(
            design.links.len() > 400,
            "the mesh got small enough to deploy by CLI"
        );
    }
}

/// Every fixture in the directory has its tests here.
#[test]
fn every_fixture_is_covered() {
    let covered = [
        "article-peering.json",
        "cross-account-cross-region-peering.json",
        "interface-endpoint-aws-service.json",
        "endpoint-service-nlb-cross-account.json",
        "endpoint-service-new-nlb.json",
        "s3-gateway-endpoint.json",
        "mistake-overlapping-cidrs.json",
        "mistake-transitive-peering.json",
        "mesh-30-vpcs.json",
        "peering-security-group-references.json",
        "security-group-protocol-all.json",
        "hostile-names.json",
        "main-route-table-with-routes.json",
        "mistake-endpoint-without-service-region.json",
    ];
    let dir = support::repo_root().join("tests/fixtures/designs");
    let present: BTreeSet<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|file| file.ends_with(".json"))
        .collect();
    assert_eq!(
        present,
        covered.iter().map(|file| (*file).to_owned()).collect()
    );
}
