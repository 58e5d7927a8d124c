//! Planning `SetEndpointServiceOptions`: an endpoint service's acceptance,
//! principals, consumer Regions and IP address types.

use vpcplan_core::design::*;
use vpcplan_core::diagnostic::Subject;

use super::{EditError, EndpointServiceOptions, Field, Planner, Result, check_region, service};
use crate::patch::Record;

impl Planner<'_> {
    pub(super) fn set_endpoint_service_options(
        &mut self,
        id: &ServiceId,
        options: &EndpointServiceOptions,
    ) -> Result<()> {
        let mut edited = service(self.design, id)?.clone();
        let own_region = edited.region.clone();
        let ServiceKind::EndpointService(es) = &mut edited.kind else {
            return Err(EditError::new(
                Some(Subject::Service(id.clone())),
                Field::Command,
                format!("{id} is an AWS service, not an endpoint service."),
                format!("{id}はAWSサービスで、エンドポイントサービスではありません。"),
            ));
        };
        es.acceptance_required = options.acceptance_required;
        es.allowed_principals = check_principals(id, &options.allowed_principals)?;
        es.supported_regions =
            check_supported_regions(id, &own_region, &options.supported_regions)?;
        if options.supported_ip_address_types.is_empty() {
            return Err(EditError::new(
                Some(Subject::Service(id.clone())),
                Field::SupportedIpAddressTypes,
                format!("{id} must support IPv4, IPv6 or both."),
                format!("{id}はIPv4、IPv6、またはその両方に対応する必要があります。"),
            ));
        }
        es.supported_ip_address_types = [IpFamily::Ipv4, IpFamily::Ipv6]
            .into_iter()
            .filter(|family| options.supported_ip_address_types.contains(family))
            .collect();
        self.changes.update(Record::Service(edited));
        Ok(())
    }
}

/// The consumer Regions an endpoint service lists: Region codes, each once,
/// without the service's own Region (always supported).
fn check_supported_regions(
    id: &ServiceId,
    own_region: &str,
    regions: &[String],
) -> Result<Vec<String>> {
    let mut checked: Vec<String> = Vec::new();
    for (index, region) in regions.iter().enumerate() {
        if region.trim().is_empty() {
            continue;
        }
        let region = check_region(Subject::Service(id.clone()), region)
            .map_err(|error| error.about(Field::SupportedRegion(index)))?;
        if region != own_region && !checked.contains(&region) {
            checked.push(region);
        }
    }
    Ok(checked)
}

fn check_principals(id: &ServiceId, principals: &[String]) -> Result<Vec<String>> {
    let mut checked = Vec::new();
    for (index, principal) in principals.iter().enumerate() {
        let principal = principal.trim();
        if principal.is_empty() {
            continue;
        }
        let arn_ok = principal == "*"
            || principal
                .strip_prefix("arn:")
                .is_some_and(|rest| rest.split(':').count() >= 5);
        if !arn_ok {
            return Err(EditError::new(
                Some(Subject::Service(id.clone())),
                Field::Principal(index),
                format!(
                    "Principal {} of {id}: {principal:?} is not a principal ARN (such as arn:aws:iam::123456789012:root) or *.",
                    index + 1
                ),
                format!(
                    "{id}のプリンシパル{}: {principal:?}はプリンシパルのARN (例: arn:aws:iam::123456789012:root) でも*でもありません。",
                    index + 1
                ),
            ));
        }
        if !checked.iter().any(|p: &String| p == principal) {
            checked.push(principal.to_owned());
        }
    }
    Ok(checked)
}
