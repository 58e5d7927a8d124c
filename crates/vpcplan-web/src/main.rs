//! The entry point trunk builds into the planner's WebAssembly module.

fn main() {
    vpcplan_web::start();
}
