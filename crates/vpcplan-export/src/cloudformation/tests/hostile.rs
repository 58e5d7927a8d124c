//! Hostile names: they come back exactly in tags, and never reach a command
//! or leave the output directory.

use super::*;

#[test]
fn hostile_names_come_back_exactly_in_tags() {
    let design = hostile();
    let mut expected: BTreeSet<String> = BTreeSet::new();
    for vpc in &design.vpcs {
        expected.insert(vpc.name.clone());
        expected.extend(vpc.subnets.iter().map(|subnet| subnet.name.clone()));
        expected.extend(vpc.route_tables.iter().map(|table| table.name.clone()));
        expected.extend(vpc.security_groups.iter().map(|group| group.name.clone()));
    }
    expected.extend(design.services.iter().map(|service| service.name.clone()));
    // The fixture holds every kind of trouble.
    let all_names: String = expected.iter().cloned().collect::<Vec<_>>().join("|");
    for trouble in ["\"", "'", "$(", "`", "\n", ": #", "{", "}", "日本語", "${"] {
        assert!(all_names.contains(trouble), "{trouble:?}");
    }
    assert!(expected.iter().any(|name| name.chars().count() == 255));
    for format in [TemplateFormat::Yaml, TemplateFormat::Json] {
        let mut found: BTreeSet<String> = BTreeSet::new();
        for (_, template) in templates(&export(&design, format)) {
            for (_, resource) in template["Resources"].as_object().unwrap() {
                if let Some(name) = tag(resource, "Name") {
                    found.insert(name);
                }
            }
        }
        let missing: Vec<&String> = expected.difference(&found).collect();
        assert!(missing.is_empty(), "{format:?}: {missing:?}");
    }
}

#[test]
fn hostile_names_never_reach_the_deploy_commands() {
    let files = export(&hostile(), TemplateFormat::Yaml);
    let deploy = &files
        .iter()
        .find(|file| file.path.ends_with("DEPLOY.md"))
        .unwrap()
        .contents;
    let mut in_code = false;
    for line in deploy.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            assert!(
                !line.contains("rm -rf")
                    && !line.contains("whoami")
                    && !line.contains("pwned")
                    && !line.contains("DROP")
                    && !line.contains("日本"),
                "{line}"
            );
        } else if line.contains("Hostile") {
            assert!(
                line.contains("second line"),
                "a name's newline broke the line: {line}"
            );
        }
    }
    assert!(!in_code, "code blocks are closed");
    assert!(
        deploy.contains("\\`whoami\\`"),
        "names are escaped in prose"
    );
}

#[test]
fn hostile_account_ids_and_regions_stay_inside_the_output_directory() {
    let mut design = fixture("cross-account-cross-region-peering");
    design.vpcs[0].account = AccountId::new("../../etc/passwd");
    design.vpcs[1].region = "us-west-2/../../x $(id)".to_owned();
    for file in export(&design, TemplateFormat::Yaml) {
        let name = file.path.strip_prefix("cloudformation/").unwrap();
        assert!(
            !name.contains('/') && !name.contains("..") && !name.contains(' '),
            "{}",
            file.path
        );
    }
}
