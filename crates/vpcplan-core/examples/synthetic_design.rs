//! Writes a generated benchmark design (`vpcplan_core::synthetic`) as a
//! design file, for the browser benchmarks (`cargo xtask bench`), which
//! restore it into the planner as an autosave.
//!
//! cargo run --release -p vpcplan-core --example synthetic_design -- 492 out.json
//!
//! 492 VPCs with the generator's 8 AWS services make a 500-node canvas.

use std::process::ExitCode;

use vpcplan_core::file::write_design;
use vpcplan_core::synthetic::{Shape, generate};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(vpcs), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: synthetic_design <number of VPCs> <output file>");
        return ExitCode::FAILURE;
    };
    let Ok(vpcs) = vpcs.parse::<usize>() else {
        eprintln!("synthetic_design: `{vpcs}` is not a number of VPCs");
        return ExitCode::FAILURE;
    };
    let design = generate(&Shape::benchmark(vpcs));
    if let Err(error) = std::fs::write(out, write_design(&design)) {
        eprintln!("synthetic_design: cannot write {out}: {error}");
        return ExitCode::FAILURE;
    }
    println!(
        "{out}: {} VPCs, {} services, {} links",
        design.vpcs.len(),
        design.services.len(),
        design.links.len()
    );
    ExitCode::SUCCESS
}
