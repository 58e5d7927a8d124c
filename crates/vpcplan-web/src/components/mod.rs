//! The planner's components, one per file.

mod changes_panel;
mod comparison_matrix;
mod header;

pub use changes_panel::ChangesPanel;
pub use comparison_matrix::{ComparisonMatrix, ComparisonMatrixProps};
pub use header::Header;
