//! The planner's components, one per file. Each takes the language (and the
//! design, where it shows one) as props and reports what the user wants
//! through callbacks, so it works the same over the app's state today and
//! over the canvas editor's document later.

mod changes_panel;
mod comparison_matrix;
mod design_overview;
mod export_dialog;
mod header;
mod highlight_picker;
mod reachability_view;
mod samples_menu;
mod validation_panel;

pub use changes_panel::ChangesPanel;
pub use comparison_matrix::{ComparisonMatrix, ComparisonMatrixProps};
pub use design_overview::{DesignOverview, DesignOverviewProps};
pub use export_dialog::{ExportDialog, ExportDialogProps};
pub use header::{Header, HeaderProps};
pub use highlight_picker::{HighlightPicker, HighlightPickerProps};
pub use reachability_view::{ReachabilityView, ReachabilityViewProps};
pub use samples_menu::{SamplesMenu, SamplesMenuProps};
pub use validation_panel::{ValidationPanel, ValidationPanelProps};
