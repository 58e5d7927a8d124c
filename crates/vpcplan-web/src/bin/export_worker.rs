//! The exporter's Web Worker, which trunk builds into a second module
//! (`vpcplan-export-worker.js` and `_bg.wasm`): it makes the export files
//! and the zip for the export dialog.

use gloo_worker::Registrable;
use vpcplan_web::export_worker::ExportJobs;

fn main() {
    ExportJobs::registrar().register();
}
