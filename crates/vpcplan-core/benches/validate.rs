//! How long validation takes as designs grow: 100, 1,000 and 5,000 VPCs with
//! 5 peerings and 2 endpoints per VPC. Budget (issue 3): 1,000 VPCs within
//! 5 ms, and doubling the design at most doubles the time.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use vpcplan_core::synthetic::{Shape, generate};
use vpcplan_core::validate;

fn validate_generated_designs(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for vpcs in [100, 1_000, 2_000, 5_000] {
        let design = generate(&Shape::benchmark(vpcs));
        group.throughput(Throughput::Elements(vpcs as u64));
        group.bench_with_input(BenchmarkId::from_parameter(vpcs), &design, |b, design| {
            b.iter(|| validate(black_box(design)))
        });
    }
    group.finish();
}

criterion_group!(benches, validate_generated_designs);
criterion_main!(benches);
