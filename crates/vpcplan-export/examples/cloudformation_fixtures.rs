//! Writes the CloudFormation export (YAML and JSON) of every design fixture,
//! of the hostile-names design and of any design files given after the
//! output directory, for checking with cfn-lint:
//!
//! ```sh
//! cargo run -p vpcplan-export --example cloudformation_fixtures -- /tmp/cfn [DESIGN.json…]
//! cfn-lint -- /tmp/cfn/*/cloudformation/*.yaml /tmp/cfn/*/cloudformation/*.json
//! ```

use std::path::{Path, PathBuf};

use vpcplan_export::{CloudFormationOptions, ExportOptions, TemplateFormat, cloudformation};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: cloudformation_fixtures OUT_DIR")?,
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut designs: Vec<PathBuf> = std::fs::read_dir(root.join("../../tests/fixtures/designs"))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .collect();
    designs.push(root.join("tests/data/hostile-names.json"));
    designs.extend(std::env::args().skip(2).map(PathBuf::from));
    designs.sort();
    for design_path in designs {
        let design = vpcplan_core::file::read_design(&std::fs::read_to_string(&design_path)?)?;
        let stem = design_path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("design");
        for format in [TemplateFormat::Yaml, TemplateFormat::Json] {
            let options = CloudFormationOptions {
                export: ExportOptions { allow_errors: true },
                format,
            };
            let dir = out.join(format!("{stem}-{}", format.extension()));
            for file in cloudformation(&design, &options)? {
                let path = dir.join(&file.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, file.contents)?;
            }
        }
    }
    Ok(())
}
