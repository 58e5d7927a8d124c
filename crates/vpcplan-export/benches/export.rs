//! How long the exporters take on generated designs of 100 and 1,000 VPCs
//! (`vpcplan_core::synthetic`, the shape the validation benchmark uses: 5
//! peerings, an S3 gateway endpoint and an SSM interface endpoint per VPC,
//! over 4 Regions and 10 accounts). Budget (issue 4): CloudFormation and the
//! CLI scripts of 1,000 VPCs within 50 ms; results in docs/benchmarks.md.
//! Native builds of the exporters use every core, so the times depend on how
//! many are free: note the load (`uptime`) with the results.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use serde_json::Value;
use vpcplan_core::Design;
use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_export::{
    CloudFormationOptions, ExportOptions, ExportedFile, TemplateFormat, cli_scripts,
    cloudformation, cloudformation_and_cli_scripts,
};

type Exporter = fn(&Design) -> Vec<ExportedFile>;

fn yaml(design: &Design) -> Vec<ExportedFile> {
    cloudformation_as(design, TemplateFormat::Yaml)
}

fn json(design: &Design) -> Vec<ExportedFile> {
    cloudformation_as(design, TemplateFormat::Json)
}

fn cloudformation_as(design: &Design, format: TemplateFormat) -> Vec<ExportedFile> {
    let options = CloudFormationOptions {
        export: ExportOptions::default(),
        format,
    };
    cloudformation(design, &options).expect("the generated design has no errors")
}

fn cli(design: &Design) -> Vec<ExportedFile> {
    cli_scripts(design, &ExportOptions::default()).expect("the generated design has no errors")
}

/// What the budget covers: the CloudFormation templates and the CLI scripts,
/// one export after the other.
fn yaml_and_cli(design: &Design) -> Vec<ExportedFile> {
    let mut files = yaml(design);
    files.extend(cli(design));
    files
}

/// The same files in one call, as the export dialog asks for them: one
/// validation, the templates and the scripts written at the same time.
fn yaml_and_cli_together(design: &Design) -> Vec<ExportedFile> {
    cloudformation_and_cli_scripts(design, &CloudFormationOptions::default())
        .expect("the generated design has no errors")
}

fn export_generated_designs(c: &mut Criterion) {
    let designs: Vec<(usize, Design)> = [100, 1_000]
        .into_iter()
        .map(|vpcs| (vpcs, generate(&Shape::benchmark(vpcs))))
        .collect();
    let exporters: [(&str, Exporter); 5] = [
        ("export_cloudformation_yaml", yaml),
        ("export_cloudformation_json", json),
        ("export_cli", cli),
        ("export_cloudformation_yaml_and_cli", yaml_and_cli),
        (
            "export_cloudformation_yaml_and_cli_together",
            yaml_and_cli_together,
        ),
    ];
    for (name, export) in exporters {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        group.sampling_mode(SamplingMode::Flat);
        group.measurement_time(Duration::from_secs(10));
        for (vpcs, design) in &designs {
            let bytes: usize = export(design).iter().map(|file| file.contents.len()).sum();
            group.throughput(Throughput::Bytes(bytes as u64));
            group.bench_with_input(BenchmarkId::from_parameter(vpcs), design, |b, design| {
                b.iter(|| export(black_box(design)))
            });
        }
        group.finish();
    }
}

/// How fast the YAML and JSON crates write the 1,000-VPC templates on their
/// own: the templates of the JSON export, parsed back into values.
fn serialise_templates(c: &mut Criterion) {
    let templates: Vec<Value> = json(&generate(&Shape::benchmark(1_000)))
        .iter()
        .filter(|file| file.path.ends_with(".json"))
        .map(|file| serde_json::from_str(&file.contents).expect("the export parses"))
        .collect();
    let serialisers: [(&str, Serialiser); 2] = [
        ("serde_saphyr", saphyr_all),
        ("serde_json_pretty", serde_json_all),
    ];
    let mut group = c.benchmark_group("serialise_1000_vpc_templates");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(10));
    for (name, serialise) in serialisers {
        let bytes: usize = serialise(&templates).iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| b.iter(|| serialise(black_box(&templates))));
    }
    group.finish();
}

type Serialiser = fn(&[Value]) -> Vec<String>;

fn saphyr_all(templates: &[Value]) -> Vec<String> {
    templates
        .iter()
        .map(|template| serde_saphyr::to_string(template).expect("a JSON value serialises"))
        .collect()
}

fn serde_json_all(templates: &[Value]) -> Vec<String> {
    templates
        .iter()
        .map(|template| serde_json::to_string_pretty(template).expect("a JSON value serialises"))
        .collect()
}

criterion_group!(benches, export_generated_designs, serialise_templates);
criterion_main!(benches);
