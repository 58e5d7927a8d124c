//! Hostile names: the exports carry them verbatim and none of them runs.

use super::*;
const FILE: &str = "hostile-names.json";
const PWNED: &str = "/tmp/pwned";

/// No name may run: the file a `$(touch /tmp/pwned)` would create must
/// not exist before (a leftover would hide a new one) or after.
fn assert_not_pwned(when: &str) {
    assert!(
        !Path::new(PWNED).exists(),
        "{PWNED} exists {when}: a name ran as a command (remove the file after fixing the quoting)"
    );
}

#[test]
fn cloudformation_passes_cfn_lint() {
    check_cloudformation_lints_clean(FILE, false);
}

#[test]
fn cli_scripts_pass_shellcheck() {
    check_cli_scripts_pass_shellcheck(FILE, false);
}

/// The string CloudFormation makes of a value: a plain string, or an
/// `Fn::Join` of plain strings. The exporter writes `${` as a join of
/// `$` and `{…`, because cfn-lint's E1029 takes any `${…}` outside
/// `Fn::Sub` for a forgotten substitution; CloudFormation joins the parts
/// back into the name exactly.
fn literal_string(value: &yaml_serde::Value) -> Option<String> {
    if let Some(text) = value.as_str() {
        return Some(text.to_owned());
    }
    let join = value.get("Fn::Join")?.as_sequence()?;
    let [separator, parts] = join.as_slice() else {
        return None;
    };
    let parts: Option<Vec<String>> = parts
        .as_sequence()?
        .iter()
        .map(|part| part.as_str().map(str::to_owned))
        .collect();
    Some(parts?.join(separator.as_str()?))
}

#[test]
fn the_templates_carry_the_names_verbatim() {
    let design = fixture(FILE);
    let files = cloudformation_files(&design, TemplateFormat::Yaml, false);
    let mut tags = BTreeSet::new();
    for file in files.iter().filter(|file| file.path.ends_with(".yaml")) {
        let template = support::parse_template(&file.contents);
        let resources = template["Resources"].as_mapping().unwrap();
        for (_, resource) in resources {
            let Some(list) = resource
                .get("Properties")
                .and_then(|properties| properties.get("Tags"))
                .and_then(yaml_serde::Value::as_sequence)
            else {
                continue;
            };
            for tag in list {
                if tag.get("Key").and_then(yaml_serde::Value::as_str) == Some("Name")
                    && let Some(value) = tag.get("Value").and_then(literal_string)
                {
                    tags.insert(value);
                }
            }
        }
    }
    for vpc in &design.vpcs {
        let mut names = vec![vpc.name.clone()];
        names.extend(vpc.subnets.iter().map(|subnet| subnet.name.clone()));
        names.extend(vpc.route_tables.iter().map(|table| table.name.clone()));
        names.extend(vpc.security_groups.iter().map(|group| group.name.clone()));
        for name in names {
            assert!(
                tags.contains(&name),
                "no Name tag is exactly {name:?}: {tags:#?}"
            );
        }
    }
}

#[test]
fn cli_deploy_builds_exactly_the_named_resources_and_runs_no_name() {
    assert_not_pwned("before the CLI deploy");
    check_cli_deploy_and_teardown(FILE);
    assert_not_pwned("after the CLI deploy and teardown");
}

#[test]
fn cloudformation_stacks_deploy_with_the_names() {
    assert_not_pwned("before the stacks");
    check_cloudformation_deploys(FILE);
    assert_not_pwned("after the stacks");
}
