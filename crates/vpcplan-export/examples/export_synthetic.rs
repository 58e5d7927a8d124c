//! Exports a generated design (`vpcplan_core::synthetic`, the benchmark
//! shape) and prints each export's file count, size and time, for profiling:
//!
//! ```sh
//! cargo build --profile bench -p vpcplan-export --example export_synthetic
//! valgrind --tool=callgrind target/release/examples/export_synthetic 1000 yaml
//! ```
//!
//! Arguments: the number of VPCs (default 1000), then which exports to run
//! (`yaml`, `json`, `cli`, and `both` for the YAML templates and the CLI
//! scripts together through `cloudformation_and_cli_scripts`; default the
//! first three). With `EXPORT_DIR` set, the
//! files are also written under `$EXPORT_DIR/<export>/`, for comparing the
//! output of two builds with `diff -r`.

use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_export::{
    CloudFormationOptions, ExportOptions, ExportedFile, TemplateFormat, cli_scripts,
    cloudformation, cloudformation_and_cli_scripts,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let vpcs: usize = args.next().map_or(Ok(1000), |n| n.parse())?;
    let mut parts: Vec<String> = args.collect();
    if parts.is_empty() {
        parts = ["yaml", "json", "cli"].map(str::to_owned).to_vec();
    }
    let design = generate(&Shape::benchmark(vpcs));
    let options = ExportOptions::default();
    for part in &parts {
        let started = std::time::Instant::now();
        let files: Vec<ExportedFile> = match part.as_str() {
            "yaml" | "json" => cloudformation(
                &design,
                &CloudFormationOptions {
                    export: options.clone(),
                    format: if part == "yaml" {
                        TemplateFormat::Yaml
                    } else {
                        TemplateFormat::Json
                    },
                },
            )?,
            "cli" => cli_scripts(&design, &options)?,
            "both" => cloudformation_and_cli_scripts(
                &design,
                &CloudFormationOptions {
                    export: options.clone(),
                    format: TemplateFormat::Yaml,
                },
            )?,
            other => return Err(format!("unknown export {other}").into()),
        };
        let elapsed = started.elapsed();
        if let Ok(dir) = std::env::var("EXPORT_DIR") {
            for file in &files {
                let path = std::path::Path::new(&dir).join(part).join(&file.path);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(path, &file.contents)?;
            }
        }
        let bytes: usize = files.iter().map(|file| file.contents.len()).sum();
        println!(
            "{part}: {} files, {bytes} bytes, {elapsed:.1?}",
            files.len()
        );
    }
    Ok(())
}
