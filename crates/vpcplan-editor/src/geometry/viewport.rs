//! The viewport: the transform between screen pixels and canvas units, pan,
//! zoom and fit.

use super::{Point, Rect};

pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;

/// The transform between screen pixels (relative to the canvas element) and
/// canvas units: `screen = canvas * zoom + pan`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub pan: Point,
    pub zoom: f64,
    /// The size of the canvas element in screen pixels.
    pub width: f64,
    pub height: f64,
}

impl Default for Viewport {
    fn default() -> Viewport {
        Viewport {
            pan: Point::default(),
            zoom: 1.0,
            width: 1024.0,
            height: 768.0,
        }
    }
}

impl Viewport {
    pub fn to_canvas(&self, screen: Point) -> Point {
        Point::new(
            (screen.x - self.pan.x) / self.zoom,
            (screen.y - self.pan.y) / self.zoom,
        )
    }

    pub fn to_screen(&self, canvas: Point) -> Point {
        Point::new(
            canvas.x * self.zoom + self.pan.x,
            canvas.y * self.zoom + self.pan.y,
        )
    }

    pub fn pan_by(&mut self, dx: f64, dy: f64) {
        self.pan.x += dx;
        self.pan.y += dy;
    }

    /// Zooms by `factor`, keeping the canvas point under `screen` in place.
    pub fn zoom_at(&mut self, screen: Point, factor: f64) {
        let anchor = self.to_canvas(screen);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = Point::new(
            screen.x - anchor.x * self.zoom,
            screen.y - anchor.y * self.zoom,
        );
    }

    pub fn center(&self) -> Point {
        Point::new(self.width / 2.0, self.height / 2.0)
    }

    /// Shows all of `bounds` with a margin, centred, never zooming in past
    /// `max_zoom`.
    pub fn fit(&mut self, bounds: Rect, margin: f64, max_zoom: f64) {
        let bounds = bounds.inflate(margin);
        if bounds.width <= 0.0 || bounds.height <= 0.0 {
            return;
        }
        self.zoom = (self.width / bounds.width)
            .min(self.height / bounds.height)
            .clamp(MIN_ZOOM, max_zoom.max(MIN_ZOOM));
        let center = bounds.center();
        self.pan = Point::new(
            self.width / 2.0 - center.x * self.zoom,
            self.height / 2.0 - center.y * self.zoom,
        );
    }

    /// The canvas area visible on screen.
    pub fn visible(&self) -> Rect {
        Rect::spanning(
            self.to_canvas(Point::default()),
            self.to_canvas(Point::new(self.width, self.height)),
        )
    }
}
