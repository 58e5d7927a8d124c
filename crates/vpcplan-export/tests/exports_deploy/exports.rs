//! The fixtures and their exports, written to a scratch directory, and the
//! accounts, Regions and templates they involve.

use super::*;

pub(crate) fn fixture(name: &str) -> Design {
    let path = support::repo_root()
        .join("tests/fixtures/designs")
        .join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|error| panic!("{name}: {error}"));
    read_design(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}

pub(crate) fn cloudformation_export(
    design: &Design,
    format: TemplateFormat,
    allow_errors: bool,
) -> CloudFormationExport {
    cloudformation_with_plan(
        design,
        &CloudFormationOptions {
            export: ExportOptions { allow_errors },
            format,
        },
    )
    .unwrap_or_else(|error| panic!("{}: {error}", design.name))
}

pub(crate) fn cloudformation_files(
    design: &Design,
    format: TemplateFormat,
    allow_errors: bool,
) -> Vec<ExportedFile> {
    cloudformation_export(design, format, allow_errors).files
}

pub(crate) fn cli_files(design: &Design, allow_errors: bool) -> Vec<ExportedFile> {
    cli_scripts(design, &ExportOptions { allow_errors })
        .unwrap_or_else(|error| panic!("{}: {error}", design.name))
}

/// Writes the files under a fresh directory; each path must be relative and
/// stay inside it.
pub(crate) fn write_export(files: &[ExportedFile]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::Builder::new()
        .prefix("vpcplan-export-")
        .tempdir()
        .unwrap();
    let mut paths = Vec::new();
    for file in files {
        let relative = Path::new(&file.path);
        assert!(
            relative.is_relative()
                && relative
                    .components()
                    .all(|part| matches!(part, std::path::Component::Normal(_))),
            "exported path {:?} leaves the export directory",
            file.path
        );
        let path = dir.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &file.contents).unwrap();
        paths.push(path);
    }
    (dir, paths)
}

/// The (account, Region) pairs that own VPCs.
pub(crate) fn places(design: &Design) -> BTreeSet<(String, String)> {
    design
        .vpcs
        .iter()
        .map(|vpc| (vpc.account.to_string(), vpc.region.clone()))
        .collect()
}

pub(crate) fn accounts(design: &Design) -> Vec<String> {
    let mut accounts: BTreeSet<String> = design
        .accounts
        .iter()
        .map(|account| account.id.to_string())
        .collect();
    accounts.extend(design.vpcs.iter().map(|vpc| vpc.account.to_string()));
    accounts.into_iter().collect()
}

pub(crate) fn start_mock(design: &Design) -> MotoServer {
    let accounts = accounts(design);
    let accounts: Vec<&str> = accounts.iter().map(String::as_str).collect();
    MotoServer::start(&accounts)
}

/// The Region each template is deployed in, as the deploy plan says.
pub(crate) fn template_regions(plan: &DeployPlan) -> BTreeMap<String, String> {
    plan.steps
        .iter()
        .map(|step| (step.template.clone(), step.region.clone()))
        .collect()
}

/// Whether a network template's file is named for its account and Region:
/// `<account>-<region>.<ext>`, or `<account>-<region>-part-<n>.<ext>` when
/// the account's VPCs in that Region need more than one stack.
pub(crate) fn names_place(file_name: &str, account: &str, region: &str, extension: &str) -> bool {
    let Some(stem) = file_name.strip_suffix(&format!(".{extension}")) else {
        return false;
    };
    let place = format!("{account}-{region}");
    stem == place
        || stem
            .strip_prefix(&format!("{place}-part-"))
            .is_some_and(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

pub(crate) fn templates(paths: &[PathBuf], extension: &str) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|path| {
            path.parent().and_then(Path::file_name) == Some("cloudformation".as_ref())
                && path.extension() == Some(extension.as_ref())
        })
        .cloned()
        .collect()
}
