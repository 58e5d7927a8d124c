//! `verify.sh`: checks the network AWS built against the design with VPC
//! Reachability Analyzer, one path and one analysis per intent of the design.
//! Both exports carry the same script (`cli/verify.sh` and
//! `cloudformation/verify.sh`): it finds what was deployed by the design's
//! `Name` tags and CIDRs, which both exporters set the same way, so it works
//! whichever export built the network.
//!
//! What each intent is expected to do is the core's reachability verdict
//! ([`vpcplan_core::Reachabilities`]), never worked out again here. A path
//! needs a resource at each end ("Source and destination resources",
//! <https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html>:
//! instances, internet gateways, network interfaces, transit gateways and
//! their attachments, VPC endpoint services, VPC endpoints, VPC peering
//! connections, VPN gateways). A design's subnet holds none of those, so the
//! script places a temporary network interface in the designed subnet at
//! each VPC end; a service end is the design's VPC endpoint for it. The same
//! page says both ends must be in one Region, and in one account unless the
//! analysis runs from an organization's management or delegated
//! administrator account with trusted access
//! (<https://docs.aws.amazon.com/vpc/latest/reachability/multi-account.html>);
//! intents the script cannot analyse are listed with the reason and not
//! counted.
//!
//! The interfaces get a temporary security group of their own that lets the
//! analysed traffic in from the source interface only, so what is checked is
//! what the core judges: routes, peerings and endpoints (with the endpoints'
//! designed security groups), not the groups of the user's workloads.

mod ends;
mod writer;

use vpcplan_core::Diagnostic;
use vpcplan_core::design::{Link, Subnet, Vpc};

use super::Plan;
use super::header::{self, Header};
use super::shell::quote;
use ends::checks;
use writer::Verify;
#[cfg(test)]
pub(crate) use writer::name_filter;

const FUNCTIONS: &str = include_str!("functions.bash");

/// The port analysed between two VPCs: the design names none, and the
/// temporary security groups let exactly this one in.
const VPC_PORT: u16 = 443;

/// AWS's pricing page, where the price of an analysis is.
pub(crate) const PRICING: &str = "https://aws.amazon.com/vpc/pricing/";

/// `verify.sh`, and how many analyses it runs (`DEPLOY.md` says it too).
pub(crate) struct VerifyScript {
    pub(crate) contents: String,
    pub(crate) analyses: usize,
}

pub(crate) fn script(plan: &Plan<'_>, errors: &[Diagnostic]) -> VerifyScript {
    let checks = checks(plan);
    let body = Verify::write(plan, &checks);
    let analyses = checks
        .iter()
        .filter(|check| matches!(check.ends, Ends::Analysed { .. }))
        .count();
    let header = header::render(
        plan,
        errors,
        &Header {
            title: "verify.sh: checks the deployed network with Reachability Analyzer",
            about: &[
                "Run it last, once the network is deployed (by deploy.sh or by the",
                "CloudFormation stacks: both build the same network, and this script finds it",
                "by the design's Name tags and CIDRs). For every intent of the design it asks",
                "VPC Reachability Analyzer whether AWS finds the path, and prints that beside",
                "what vpcplan expects (its reachability verdict for the intent).",
                "Each analysis is billed by AWS (see https://aws.amazon.com/vpc/pricing/): the",
                "script says how many it will run and asks first, unless run with --yes.",
                "A path needs a resource at each end: the script creates a temporary network",
                "interface, with a temporary security group, in the designed subnet at each",
                "VPC end. Interfaces, groups, paths and analyses are tagged",
                "vpcplan:verify=<run id> and deleted when the script ends, whatever happens.",
                "Leftovers (if a deletion fails): filter by the tag key vpcplan:verify.",
                "Exit status: 0 when every analysed intent agrees with the design, 1 otherwise.",
            ],
            notes: &[],
            environment: Vec::new(),
        },
    );
    let mut script = header;
    script.push('\n');
    script.push_str(&format!(
        "DESIGN_ANALYSES={analyses}\nPRICING={}\n",
        quote(PRICING)
    ));
    script.push_str(FUNCTIONS);
    for line in &body {
        script.push('\n');
        script.push_str(line);
    }
    script.push('\n');
    VerifyScript {
        contents: script,
        analyses,
    }
}

/// One intent, with what the core expects and where the analysis runs.
struct Check<'d> {
    intent: String,
    label: String,
    expected: bool,
    ends: Ends<'d>,
}

enum Ends<'d> {
    Analysed {
        source: (&'d Vpc, &'d Subnet),
        destination: Destination<'d>,
        port: u16,
    },
    Skipped(String),
}

enum Destination<'d> {
    Subnet(&'d Vpc, &'d Subnet),
    Endpoint {
        vpc: &'d Vpc,
        link: &'d Link,
        endpoint_type: &'static str,
        service_name: ServiceName<'d>,
    },
}

/// The service name an endpoint was created with.
enum ServiceName<'d> {
    /// Known from the design (AWS services, or named explicitly).
    Known(String),
    /// Assigned by AWS to the design's endpoint service: read from the
    /// provider's service configuration, found by its `Name` tag.
    Provided { provider: &'d Vpc, name: &'d str },
}

impl Destination<'_> {
    fn vpc(&self) -> &Vpc {
        match self {
            Destination::Subnet(vpc, _) | Destination::Endpoint { vpc, .. } => vpc,
        }
    }
}
