//! What the export dialog offers: every file of a design's export in one
//! list (the CloudFormation templates with `DEPLOY.md`, then the AWS CLI
//! scripts), and the same files packed into one zip archive.

use std::io::Write;

use rawzip::{CompressionMethod, ZipArchiveWriter};
use vpcplan_core::Design;
use vpcplan_export::{
    CloudFormationOptions, ExportError, ExportOptions, ExportedFile, TemplateFormat,
    cloudformation_and_cli_scripts,
};

/// The zip's top-level folder and file name stem.
pub const ARCHIVE_STEM: &str = "vpcplan-export";

/// The templates in `format`, `DEPLOY.md` and the CLI scripts. With
/// `allow_errors` unset a design with errors gives `Err` with the errors.
pub fn export_files(
    design: &Design,
    format: TemplateFormat,
    allow_errors: bool,
) -> Result<Vec<ExportedFile>, ExportError> {
    cloudformation_and_cli_scripts(
        design,
        &CloudFormationOptions {
            export: ExportOptions { allow_errors },
            format,
        },
    )
}

/// The files as one zip archive (stored, uncompressed), each under
/// `vpcplan-export/`. Shell scripts keep their execute bit for `unzip`.
pub fn zip_archive(files: &[ExportedFile]) -> Result<Vec<u8>, rawzip::Error> {
    let mut output = Vec::new();
    let mut archive = ZipArchiveWriter::new(&mut output);
    for file in files {
        let mode = if file.path.ends_with(".sh") {
            0o755
        } else {
            0o644
        };
        let (mut entry, config) = archive
            .new_file(format!("{ARCHIVE_STEM}/{}", file.path))
            .compression_method(CompressionMethod::STORE)
            .unix_permissions(mode)
            .start()?;
        let mut writer = config.wrap(&mut entry);
        writer.write_all(file.contents.as_bytes())?;
        let (_, descriptor) = writer.finish()?;
        entry.finish(descriptor)?;
    }
    archive.finish()?;
    Ok(output)
}

/// The file name a browser saves an exported file under: its path with the
/// folders folded in (`cloudformation/DEPLOY.md` → `cloudformation-DEPLOY.md`),
/// since a download cannot create folders.
pub fn download_name(path: &str) -> String {
    path.replace('/', "-")
}

/// The MIME type of an exported file, for downloads.
pub fn media_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("yaml") => "application/yaml",
        Some("json") => "application/json",
        Some("md") => "text/markdown;charset=utf-8",
        Some("sh") => "text/x-shellscript",
        _ => "text/plain;charset=utf-8",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::sample;

    fn design(id: &str) -> Design {
        sample(id).unwrap().open().unwrap()
    }

    fn paths(files: &[ExportedFile]) -> Vec<&str> {
        files.iter().map(|file| file.path.as_str()).collect()
    }

    #[test]
    fn a_clean_design_exports_templates_deploy_notes_and_scripts() {
        let files = export_files(&design("article-peering"), TemplateFormat::Yaml, false).unwrap();
        let paths = paths(&files);
        assert!(
            paths
                .iter()
                .any(|path| path.starts_with("cloudformation/") && path.ends_with(".yaml"))
        );
        assert!(paths.contains(&"cloudformation/DEPLOY.md"));
        assert!(
            paths.ends_with(&["cli/deploy.sh", "cli/teardown.sh", "cli/verify.sh"]),
            "{paths:?}"
        );

        let json = export_files(&design("article-peering"), TemplateFormat::Json, false).unwrap();
        let template = json
            .iter()
            .find(|file| file.path.ends_with(".json"))
            .unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&template.contents).unwrap();
        assert!(parsed["Resources"].is_object(), "{}", template.contents);
    }

    #[test]
    fn a_design_with_errors_exports_only_when_allowed() {
        let broken = design("mistake-overlapping-cidrs");
        match export_files(&broken, TemplateFormat::Yaml, false) {
            Err(ExportError::DesignHasErrors(errors)) => {
                assert_eq!(
                    errors.iter().map(|error| error.rule).collect::<Vec<_>>(),
                    ["PEER-001"]
                );
            }
            Ok(files) => panic!("exported {:?} without the explicit choice", paths(&files)),
        }
        let files = export_files(&broken, TemplateFormat::Yaml, true).unwrap();
        assert!(files.iter().any(|file| file.contents.contains("PEER-001")));
    }

    #[test]
    fn the_zip_holds_every_file_unchanged() {
        let files =
            export_files(&design("s3-gateway-endpoint"), TemplateFormat::Yaml, false).unwrap();
        let bytes = zip_archive(&files).unwrap();
        let archive = rawzip::ZipArchive::from_slice(&bytes).unwrap();
        let mut entries = archive.entries();
        let mut found = Vec::new();
        while let Some(header) = entries.next_entry().unwrap() {
            let path = String::from_utf8(header.file_path().as_bytes().to_vec()).unwrap();
            let executable = header.mode().permissions() & 0o111 != 0;
            let entry = archive.get_entry(header.wayfinder()).unwrap();
            let contents = String::from_utf8(entry.data().to_vec()).unwrap();
            found.push((path, executable, contents));
        }
        let expected: Vec<(String, bool, String)> = files
            .iter()
            .map(|file| {
                let path = format!("vpcplan-export/{}", file.path);
                (path, file.path.ends_with(".sh"), file.contents.clone())
            })
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn download_names_fold_folders_and_types_follow_extensions() {
        assert_eq!(
            download_name("cloudformation/DEPLOY.md"),
            "cloudformation-DEPLOY.md"
        );
        assert_eq!(media_type("cli/deploy.sh"), "text/x-shellscript");
        assert_eq!(media_type("cloudformation/a.yaml"), "application/yaml");
        assert_eq!(media_type("README"), "text/plain;charset=utf-8");
    }
}
