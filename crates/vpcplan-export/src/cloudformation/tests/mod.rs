//! Tests of the CloudFormation templates: snapshots of the fixtures, every
//! template parsed back with its references resolved, stable logical ids and
//! the per-template quotas; each concern's own tests in the files below.

use std::collections::BTreeSet;

use serde_json::Value;
use vpcplan_core::Design;
use vpcplan_core::design::{AccountId, RouteTable, RouteTableId, SecurityGroupId, VpcId};
use vpcplan_core::file::read_design;

use super::*;

mod endpoints;
mod hostile;
mod peering;
mod resources;
mod stacks;

const FIXTURES: [&str; 13] = [
    "article-peering",
    "cross-account-cross-region-peering",
    "interface-endpoint-aws-service",
    "endpoint-service-nlb-cross-account",
    "endpoint-service-new-nlb",
    "s3-gateway-endpoint",
    "mistake-overlapping-cidrs",
    "mistake-transitive-peering",
    "mesh-30-vpcs",
    "main-route-table-with-routes",
    "mistake-endpoint-without-service-region",
    "peering-security-group-references",
    "security-group-protocol-all",
];

fn read(path: &str) -> Design {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|error| panic!("{path}: {error}"));
    read_design(&text).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn fixture(name: &str) -> Design {
    read(&format!("../../tests/fixtures/designs/{name}.json"))
}

fn hostile() -> Design {
    read("tests/data/hostile-names.json")
}

fn options(format: TemplateFormat) -> CloudFormationOptions {
    CloudFormationOptions {
        export: ExportOptions { allow_errors: true },
        format,
    }
}

fn export(design: &Design, format: TemplateFormat) -> Vec<ExportedFile> {
    cloudformation(design, &options(format)).expect("errors are allowed")
}

fn parse(file: &ExportedFile) -> Value {
    if file.path.ends_with(".json") {
        serde_json::from_str(&file.contents)
            .unwrap_or_else(|error| panic!("{}: {error}", file.path))
    } else {
        serde_saphyr::from_str(&file.contents)
            .unwrap_or_else(|error| panic!("{}: {error}", file.path))
    }
}

/// The templates of an export, parsed, by path.
fn templates(files: &[ExportedFile]) -> Vec<(String, Value)> {
    files
        .iter()
        .filter(|file| file.path.ends_with(".yaml") || file.path.ends_with(".json"))
        .map(|file| (file.path.clone(), parse(file)))
        .collect()
}

fn template<'a>(templates: &'a [(String, Value)], path: &str) -> &'a Value {
    &templates
        .iter()
        .find(|(candidate, _)| candidate == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .1
}

fn resources_of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, resource)| resource["Type"] == kind)
        .collect()
}

fn keys(template: &Value, section: &str) -> BTreeSet<String> {
    template[section]
        .as_object()
        .map(|map| map.keys().cloned().collect())
        .unwrap_or_default()
}

/// The plain text a value stands for: a string, or the `Fn::Join` of
/// strings the exporter writes for text containing `${`.
fn text(value: &Value) -> Option<String> {
    if let Some(text) = value.as_str() {
        return Some(text.to_owned());
    }
    let join = value.get("Fn::Join")?.as_array()?;
    if !join.first()?.as_str()?.is_empty() {
        return None;
    }
    join.get(1)?
        .as_array()?
        .iter()
        .map(|piece| piece.as_str().map(str::to_owned))
        .collect()
}

fn tag(resource: &Value, key: &str) -> Option<String> {
    resource["Properties"]["Tags"]
        .as_array()?
        .iter()
        .find(|tag| tag["Key"] == key)
        .and_then(|tag| text(&tag["Value"]))
}

const PSEUDO_PARAMETERS: [&str; 7] = [
    "AWS::AccountId",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

/// Every Ref, GetAtt, Sub variable, Condition and DependsOn names something
/// of the same template.
fn assert_references_resolve(path: &str, template: &Value) {
    let resources = keys(template, "Resources");
    let parameters = keys(template, "Parameters");
    let conditions = keys(template, "Conditions");
    let refable = |name: &str| {
        resources.contains(name) || parameters.contains(name) || PSEUDO_PARAMETERS.contains(&name)
    };
    fn walk(value: &Value, visit: &mut dyn FnMut(&str, &Value)) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    visit(key, inner);
                    walk(inner, visit);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| walk(item, visit)),
            _ => {}
        }
    }
    let mut problems = Vec::new();
    walk(template, &mut |key, value| match key {
        "Ref" => {
            let name = value.as_str().unwrap_or_default();
            if !refable(name) {
                problems.push(format!("Ref {name}"));
            }
        }
        "Fn::GetAtt" => {
            let name = value[0].as_str().unwrap_or_default();
            if !resources.contains(name) {
                problems.push(format!("GetAtt {name}"));
            }
        }
        "Fn::Sub" => {
            let body = value.as_str().unwrap_or_default();
            for piece in body.split("${").skip(1) {
                let name = piece.split('}').next().unwrap_or_default();
                if !name.starts_with('!') && !refable(name) {
                    problems.push(format!("Sub {name}"));
                }
            }
        }
        "Condition" => {
            if let Some(name) = value.as_str()
                && !conditions.contains(name)
            {
                problems.push(format!("Condition {name}"));
            }
        }
        _ => {}
    });
    for (_, resource) in template["Resources"].as_object().into_iter().flatten() {
        let depends: Vec<&Value> = match &resource["DependsOn"] {
            Value::Array(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            single => vec![single],
        };
        for dependency in depends {
            let name = dependency.as_str().unwrap_or_default();
            if !resources.contains(name) {
                problems.push(format!("DependsOn {name}"));
            }
        }
    }
    assert!(problems.is_empty(), "{path}: unresolved {problems:?}");
}

fn assert_logical_ids(path: &str, template: &Value) {
    for section in ["Resources", "Parameters", "Conditions", "Outputs"] {
        for id in keys(template, section) {
            assert!(
                !id.is_empty() && id.len() <= 255 && id.chars().all(|c| c.is_ascii_alphanumeric()),
                "{path}: {section} id {id:?}"
            );
        }
    }
}

fn rendered(files: &[ExportedFile]) -> String {
    files
        .iter()
        .map(|file| format!("=== {} ===\n{}", file.path, file.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn yaml_snapshots_of_the_fixtures() {
    for name in FIXTURES.iter().filter(|name| **name != "mesh-30-vpcs") {
        let files = export(&fixture(name), TemplateFormat::Yaml);
        insta::assert_snapshot!(format!("yaml_{name}"), rendered(&files));
    }
    insta::assert_snapshot!(
        "yaml_hostile_names",
        rendered(&export(&hostile(), TemplateFormat::Yaml))
    );
}

#[test]
fn json_snapshot_of_the_cross_account_cross_region_peering() {
    let files = export(
        &fixture("cross-account-cross-region-peering"),
        TemplateFormat::Json,
    );
    insta::assert_snapshot!(rendered(&files));
}

#[test]
fn every_template_parses_back_and_every_reference_resolves() {
    let mut designs: Vec<(String, Design)> = FIXTURES
        .iter()
        .map(|name| (name.to_string(), fixture(name)))
        .collect();
    designs.push(("hostile-names".to_owned(), hostile()));
    for (name, design) in &designs {
        let yaml = templates(&export(design, TemplateFormat::Yaml));
        let json = templates(&export(design, TemplateFormat::Json));
        assert_eq!(yaml.len(), json.len(), "{name}");
        assert!(!yaml.is_empty(), "{name}");
        for ((yaml_path, yaml), (json_path, json)) in yaml.iter().zip(&json) {
            assert_eq!(
                yaml_path.trim_end_matches(".yaml"),
                json_path.trim_end_matches(".json")
            );
            assert_eq!(yaml, json, "{yaml_path}: YAML and JSON differ");
            assert_eq!(
                yaml["AWSTemplateFormatVersion"], "2010-09-09",
                "{yaml_path}"
            );
            assert!(yaml["Description"].is_string(), "{yaml_path}");
            assert!(!keys(yaml, "Resources").is_empty(), "{yaml_path}");
            assert!(yaml_path.starts_with("cloudformation/"), "{yaml_path}");
            assert_references_resolve(yaml_path, yaml);
            assert_logical_ids(yaml_path, yaml);
            let description = yaml["Description"].as_str().unwrap_or_default();
            assert!(description.len() <= 1024, "{yaml_path}");
        }
    }
}

#[test]
fn logical_ids_are_stable_across_exports_and_additions() {
    let design = fixture("cross-account-cross-region-peering");
    let first = export(&design, TemplateFormat::Yaml);
    assert_eq!(first, export(&design, TemplateFormat::Yaml));

    // A VPC added at the end of the design renames nothing that was there.
    let mut grown = design.clone();
    let mut extra = grown.vpcs[0].clone();
    extra.id = VpcId::new("vpc-extra");
    extra.name = "Tokyo extra".to_owned();
    extra.ipv4_cidrs = vec!["10.9.0.0/16".parse().unwrap()];
    extra.ipv6_cidrs.clear();
    extra.subnets.clear();
    extra.route_tables.clear();
    extra.security_groups.clear();
    grown.vpcs.push(extra);
    let before = templates(&first);
    let after = templates(&export(&grown, TemplateFormat::Yaml));
    for (path, template) in &before {
        let grown_template = template_or_none(&after, path).expect("same files");
        for section in ["Resources", "Parameters", "Outputs"] {
            let old = keys(template, section);
            let new = keys(grown_template, section);
            assert!(old.is_subset(&new), "{path} {section}: {old:?} vs {new:?}");
        }
    }
}

fn template_or_none<'a>(templates: &'a [(String, Value)], path: &str) -> Option<&'a Value> {
    templates
        .iter()
        .find(|(candidate, _)| candidate == path)
        .map(|(_, template)| template)
}

#[test]
fn the_mesh_is_split_into_stacks_within_cloudformation_quotas() {
    let design = fixture("mesh-30-vpcs");
    let export = cloudformation_with_plan(&design, &options(TemplateFormat::Yaml)).unwrap();
    let all = templates(&export.files);
    assert!(all.len() > 1);
    let mut peerings = 0;
    let mut routes = 0;
    let mut summary = String::new();
    for (path, template) in &all {
        let resources = keys(template, "Resources").len();
        let parameters = keys(template, "Parameters").len();
        let outputs = keys(template, "Outputs").len();
        assert!(
            resources <= 500 && parameters <= 200 && outputs <= 200,
            "{path}"
        );
        peerings += resources_of_type(template, "AWS::EC2::VPCPeeringConnection").len();
        routes += resources_of_type(template, "AWS::EC2::Route").len();
        summary.push_str(&format!(
            "{path}: {resources} resources, {parameters} parameters, {outputs} outputs\n"
        ));
    }
    assert_eq!(peerings, 435);
    assert_eq!(routes, 870);
    for step in &export.plan.steps {
        summary.push_str(&format!(
            "{:?} {} with {} parameter(s){}\n",
            step.action,
            step.template,
            step.parameters.len(),
            if step.after_peering {
                ", after peering"
            } else {
                ""
            }
        ));
    }
    insta::assert_snapshot!(summary);
}

/// The article's two VPCs, moved to other accounts and Regions.
fn peered(accepter_account: &str, accepter_region: &str) -> Design {
    let mut design = fixture("article-peering");
    let accepter = &mut design.vpcs[1];
    accepter.account = AccountId::new(accepter_account);
    accepter.region = accepter_region.to_owned();
    for subnet in &mut accepter.subnets {
        subnet.availability_zone = format!("{accepter_region}a");
        subnet.availability_zone_id = None;
    }
    design
}
