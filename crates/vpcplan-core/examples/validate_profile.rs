//! A fixed workload for instruction counts and cache simulation under
//! valgrind (deterministic, unlike timings on a shared machine): generates a
//! benchmark design (`vpcplan_core::synthetic`) once, then validates it a
//! given number of times (1 unless told).
//!
//! cargo build --profile bench -p vpcplan-core --example validate_profile
//! valgrind --tool=callgrind --toggle-collect=validate_profile::validate_once \
//!     target/release/examples/validate_profile 1000
//! valgrind --tool=cachegrind --cache-sim=yes --LL=2097152,16,64 \
//!     target/release/examples/validate_profile 1000 3
//!
//! Cachegrind counts the whole program, so one validation's share is the
//! difference between runs with 3 and 1 validations, halved (the later
//! calls see the caches as criterion's repeated calls do).

use std::hint::black_box;
use std::process::ExitCode;

use vpcplan_core::Diagnostic;
use vpcplan_core::synthetic::{Shape, generate};

/// Only calls `validate`, so callgrind can count it alone.
#[inline(never)]
fn validate_once(design: &vpcplan_core::Design) -> Vec<Diagnostic> {
    vpcplan_core::validate(black_box(design))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |position: usize, default: usize| {
        args.get(position)
            .map_or(Some(default), |arg| arg.parse::<usize>().ok())
    };
    let (Some(vpcs), Some(times)) = (number(0, 1_000), number(1, 1)) else {
        eprintln!("usage: validate_profile [number of VPCs] [number of validations]");
        return ExitCode::FAILURE;
    };
    let design = generate(&Shape::benchmark(vpcs));
    let mut count = 0;
    for _ in 0..times {
        count = validate_once(&design).len();
    }
    println!("{vpcs} VPCs: {count} diagnostics, validated {times} times");
    ExitCode::SUCCESS
}
