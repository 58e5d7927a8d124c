//! Points and rectangles in canvas units, and snapping to the grid.

use vpcplan_core::design::Position;

/// The grid step new and moved nodes snap to, in canvas units.
pub const GRID: f64 = 20.0;

/// A point in canvas units (or, for pointer events, in screen pixels
/// relative to the canvas element's top-left corner).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub const fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    pub fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point moved to the nearest grid intersection.
    pub fn snapped(self) -> Point {
        Point::new(snap(self.x), snap(self.y))
    }
}

impl From<Position> for Point {
    fn from(position: Position) -> Point {
        Point::new(position.x, position.y)
    }
}

impl From<Point> for Position {
    fn from(point: Point) -> Position {
        Position {
            x: point.x,
            y: point.y,
        }
    }
}

pub fn snap(value: f64) -> f64 {
    (value / GRID).round() * GRID
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The rectangle spanned by two corners in any order.
    pub fn spanning(a: Point, b: Point) -> Rect {
        Rect::new(
            a.x.min(b.x),
            a.y.min(b.y),
            (a.x - b.x).abs(),
            (a.y - b.y).abs(),
        )
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    pub fn contains(&self, point: Point) -> bool {
        point.x >= self.x
            && point.x <= self.right()
            && point.y >= self.y
            && point.y <= self.bottom()
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x <= other.right()
            && other.x <= self.right()
            && self.y <= other.bottom()
            && other.y <= self.bottom()
    }

    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    pub fn inflate(&self, margin: f64) -> Rect {
        Rect::new(
            self.x - margin,
            self.y - margin,
            self.width + 2.0 * margin,
            self.height + 2.0 * margin,
        )
    }

    /// Where the ray from the centre towards `target` leaves the rectangle.
    pub fn border_towards(&self, target: Point) -> Point {
        let center = self.center();
        let (dx, dy) = (target.x - center.x, target.y - center.y);
        if dx == 0.0 && dy == 0.0 {
            return center;
        }
        let scale_x = if dx == 0.0 {
            f64::INFINITY
        } else {
            (self.width / 2.0) / dx.abs()
        };
        let scale_y = if dy == 0.0 {
            f64::INFINITY
        } else {
            (self.height / 2.0) / dy.abs()
        };
        let scale = scale_x.min(scale_y).min(1.0);
        Point::new(center.x + dx * scale, center.y + dy * scale)
    }
}
