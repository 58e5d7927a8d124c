//! The AWS source: the collector's bundle (`collect.bash`, which
//! `crate::collect_script` returns) and raw `aws ec2 describe-*` output.
//! `read` turns a file into collections of typed outputs (`shapes`), with
//! a located error for a file that is not one; `build` maps every
//! collection of every file into the design (`map`), each AWS resource
//! once however many files hold it.

mod map;
mod shapes;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::report::Said;
use crate::{ImportError, Input, json_error};

pub(crate) use map::build;

/// The `format` of the collector's bundle.
pub(crate) const BUNDLE_FORMAT: &str = "vpcplan-aws-bundle";
/// The newest bundle version this vpcplan reads.
const BUNDLE_VERSION: u64 = 1;

/// The top-level keys of the `describe-*` outputs vpcplan reads; a JSON
/// object with one of them is raw AWS output.
pub(crate) const RAW_KEYS: &[&str] = &[
    "Vpcs",
    "Subnets",
    "RouteTables",
    "VpcPeeringConnections",
    "VpcEndpoints",
    "ServiceConfigurations",
    "SecurityGroups",
    "AvailabilityZones",
    "PrefixLists",
    "LoadBalancers",
];

/// One file of AWS output.
pub(crate) struct AwsFile {
    pub name: String,
    pub collections: Vec<Collection>,
}

/// What one profile printed in one Region (a bundle entry), or what one
/// raw output holds.
#[derive(Default)]
pub(crate) struct Collection {
    pub caller: Option<shapes::CallerIdentity>,
    pub zones: Vec<shapes::AvailabilityZone>,
    pub vpcs: Vec<shapes::Vpc>,
    pub attributes: Vec<shapes::VpcAttribute>,
    pub subnets: Vec<shapes::Subnet>,
    pub route_tables: Vec<shapes::RouteTable>,
    pub peerings: Vec<shapes::PeeringConnection>,
    pub endpoints: Vec<shapes::VpcEndpoint>,
    pub services: Vec<shapes::ServiceConfiguration>,
    pub permissions: Vec<shapes::ServicePermissions>,
    pub groups: Vec<shapes::SecurityGroup>,
    pub prefix_lists: Vec<shapes::PrefixList>,
    pub load_balancers: Vec<shapes::LoadBalancer>,
}

/// Reads a bundle or a raw output.
pub(crate) fn read(input: &Input<'_>) -> Result<AwsFile, ImportError> {
    let value: Value =
        serde_json::from_str(input.text).map_err(|error| json_error(input.name, &error))?;
    let file = |collections| AwsFile {
        name: input.name.to_owned(),
        collections,
    };
    let Value::Object(fields) = &value else {
        return Err(ImportError::new(input.name, not_aws()).in_path("(top level)"));
    };
    if fields.get("format").and_then(Value::as_str) != Some(BUNDLE_FORMAT) {
        if !RAW_KEYS.iter().any(|key| fields.contains_key(*key)) {
            return Err(ImportError::new(input.name, not_aws()).in_path("(top level)"));
        }
        return Ok(file(vec![raw(input.name, &value, "")?]));
    }
    match fields.get("version").and_then(Value::as_u64) {
        Some(version) if (1..=BUNDLE_VERSION).contains(&version) => {}
        _ => {
            return Err(ImportError::new(
                input.name,
                Said::new(
                    format!("expected bundle version 1 to {BUNDLE_VERSION}; is the bundle from a newer vpcplan?"),
                    format!("バンドルのバージョンは 1 から {BUNDLE_VERSION} が必要です。新しい vpcplan のバンドルですか?"),
                ),
            )
            .in_path("version"));
        }
    }
    let Some(Value::Array(entries)) = fields.get("collections") else {
        return Err(ImportError::new(
            input.name,
            Said::new(
                "expected a list `collections` (is the bundle cut short?)",
                "リスト `collections` が必要です (バンドルが途中で切れていませんか?)",
            ),
        )
        .in_path("collections"));
    };
    let mut collections = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        collections.push(bundle_entry(
            input.name,
            entry,
            &format!("collections[{index}]"),
        )?);
    }
    Ok(file(collections))
}

fn not_aws() -> Said {
    Said::new(
        format!(
            "expected the collector's bundle (\"format\": \"{BUNDLE_FORMAT}\") or the JSON an \
             `aws ec2 describe-*` call prints (with one of {})",
            RAW_KEYS.join(", ")
        ),
        format!(
            "コレクターのバンドル (\"format\": \"{BUNDLE_FORMAT}\") か、`aws ec2 describe-*` が出力する \
             JSON ({} のいずれかを含むもの) が必要です",
            RAW_KEYS.join(", ")
        ),
    )
}

/// One entry of a bundle: an object keyed by the calls.
fn bundle_entry(file: &str, entry: &Value, path: &str) -> Result<Collection, ImportError> {
    if !entry.is_object() {
        return Err(ImportError::new(
            file,
            Said::new(
                "expected an object of the calls' outputs",
                "各呼び出しの出力のオブジェクトが必要です",
            ),
        )
        .in_path(path));
    }
    let mut collection = Collection::default();
    let key = |name: &str| entry.get(name);
    let at = |name: &str| format!("{path}.{name}");
    if let Some(value) = key("get-caller-identity") {
        collection.caller = Some(typed(file, value, &at("get-caller-identity"))?);
    }
    // Each describe call's output has the same shape as the raw output.
    for call in [
        "describe-availability-zones",
        "describe-vpcs",
        "describe-subnets",
        "describe-route-tables",
        "describe-vpc-peering-connections",
        "describe-vpc-endpoints",
        "describe-vpc-endpoint-service-configurations",
        "describe-security-groups",
        "describe-prefix-lists",
        "describe-load-balancers",
    ] {
        if let Some(value) = key(call) {
            let part = raw(file, value, &at(call))?;
            merge(&mut collection, part);
        }
    }
    if let Some(value) = key("describe-vpc-attribute") {
        collection.attributes = typed(file, value, &at("describe-vpc-attribute"))?;
    }
    if let Some(value) = key("describe-vpc-endpoint-service-permissions") {
        collection.permissions = typed(
            file,
            value,
            &at("describe-vpc-endpoint-service-permissions"),
        )?;
    }
    Ok(collection)
}

/// A raw output: the lists it holds, by their top-level keys.
fn raw(file: &str, value: &Value, path: &str) -> Result<Collection, ImportError> {
    let mut collection = Collection::default();
    let at = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    let list = |key: &str| value.get(key).filter(|v| !v.is_null());
    if let Some(v) = list("AvailabilityZones") {
        collection.zones = typed(file, v, &at("AvailabilityZones"))?;
    }
    if let Some(v) = list("Vpcs") {
        collection.vpcs = typed(file, v, &at("Vpcs"))?;
    }
    if let Some(v) = list("Subnets") {
        collection.subnets = typed(file, v, &at("Subnets"))?;
    }
    if let Some(v) = list("RouteTables") {
        collection.route_tables = typed(file, v, &at("RouteTables"))?;
    }
    if let Some(v) = list("VpcPeeringConnections") {
        collection.peerings = typed(file, v, &at("VpcPeeringConnections"))?;
    }
    if let Some(v) = list("VpcEndpoints") {
        collection.endpoints = typed(file, v, &at("VpcEndpoints"))?;
    }
    if let Some(v) = list("ServiceConfigurations") {
        collection.services = typed(file, v, &at("ServiceConfigurations"))?;
    }
    if let Some(v) = list("SecurityGroups") {
        collection.groups = typed(file, v, &at("SecurityGroups"))?;
    }
    if let Some(v) = list("PrefixLists") {
        collection.prefix_lists = typed(file, v, &at("PrefixLists"))?;
    }
    if let Some(v) = list("LoadBalancers") {
        collection.load_balancers = typed(file, v, &at("LoadBalancers"))?;
    }
    Ok(collection)
}

fn merge(into: &mut Collection, part: Collection) {
    into.zones.extend(part.zones);
    into.vpcs.extend(part.vpcs);
    into.subnets.extend(part.subnets);
    into.route_tables.extend(part.route_tables);
    into.peerings.extend(part.peerings);
    into.endpoints.extend(part.endpoints);
    into.services.extend(part.services);
    into.groups.extend(part.groups);
    into.prefix_lists.extend(part.prefix_lists);
    into.load_balancers.extend(part.load_balancers);
}

/// A value read into its shape; a value of the wrong shape is an error
/// naming its path and what serde expected.
fn typed<T: DeserializeOwned>(file: &str, value: &Value, path: &str) -> Result<T, ImportError> {
    T::deserialize(value).map_err(|error| {
        ImportError::new(
            file,
            Said::new(
                format!("not the shape the AWS CLI prints: {error}"),
                format!("AWS CLI が出力する形ではありません: {error}"),
            ),
        )
        .in_path(path)
    })
}
