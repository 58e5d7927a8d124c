//! The planner's components, one per file. Each takes the language (and the
//! design, where it shows one) as props and reports what the user wants
//! through callbacks, so it works the same over the app's state today and
//! over the canvas editor's document later.

pub mod canvas;
mod changes_panel;
mod comparison_matrix;
mod design_bar;
mod design_overview;
pub(crate) mod disclosure;
mod export_dialog;
mod header;
mod highlight_picker;
mod image_menu;
mod inspector;
mod link_chooser;
mod notices;
mod palette;
mod reachability_view;
mod samples_menu;
mod validation_panel;

pub use canvas::{Canvas, CanvasProps};
pub use changes_panel::ChangesPanel;
pub use comparison_matrix::{ComparisonMatrix, ComparisonMatrixProps};
pub use design_bar::{DesignBar, DesignBarProps};
pub use design_overview::{DesignOverview, DesignOverviewProps};
pub use export_dialog::{ExportDialog, ExportDialogProps};
pub use header::{Header, HeaderProps};
pub use highlight_picker::{HighlightPicker, HighlightPickerProps};
pub use inspector::{Inspector, InspectorProps};
pub use link_chooser::{LinkChooser, LinkChooserProps};
pub use notices::{Notices, NoticesProps};
pub use palette::{Palette, PaletteProps};
pub use reachability_view::{ReachabilityView, ReachabilityViewProps};
pub use samples_menu::{SamplesMenu, SamplesMenuProps};
pub use validation_panel::{ValidationPanel, ValidationPanelProps};
