//! The viewport: size, zoom, pan and fitting the design into view.

use crate::geometry::{MAX_ZOOM, MIN_ZOOM, Viewport};

use super::{Editor, ZOOM_STEP};

/// Margin around the design when fitting it to the view, in canvas units.
const FIT_MARGIN: f64 = 40.0;

impl Editor {
    pub fn viewport(&self) -> &Viewport {
        &self.viewport
    }

    /// The canvas element's size in screen pixels (call on resize).
    pub fn set_viewport_size(&mut self, width: f64, height: f64) {
        self.viewport.width = width;
        self.viewport.height = height;
        if self.fit_on_resize {
            self.fit_to_design();
        }
    }

    /// The largest zoom fitting may use, within the zoom limits.
    pub fn set_fit_zoom_limit(&mut self, limit: f64) {
        if limit.is_finite() {
            self.fit_zoom_limit = limit.clamp(MIN_ZOOM, MAX_ZOOM);
        }
    }

    /// Fits the design now and again whenever the canvas changes size, until
    /// the user points at, scrolls or types on the canvas: for a layout change (such as entering
    /// presentation mode) that resizes the canvas after this call.
    pub fn fit_to_design_as_resized(&mut self) {
        self.fit_on_resize = true;
        self.fit_to_design();
    }

    pub fn zoom_in(&mut self) {
        self.viewport.zoom_at(self.viewport.center(), ZOOM_STEP);
    }

    pub fn zoom_out(&mut self) {
        self.viewport
            .zoom_at(self.viewport.center(), 1.0 / ZOOM_STEP);
    }

    /// Zooms and pans so the whole design shows (nothing happens for an
    /// empty design).
    pub fn fit_to_design(&mut self) {
        if let Some(bounds) = self.layout().bounds() {
            self.viewport.fit(bounds, FIT_MARGIN, self.fit_zoom_limit);
        }
    }
}
