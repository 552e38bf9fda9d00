//! Points and shapes in the plane.

/// A point in the plane.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// Makes a point from its coordinates.
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    /// The Euclidean distance to `other`.
    pub fn distance_to(&self, other: &Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// A shape with an area.
#[derive(Debug)]
pub enum Shape {
    Circle { center: Point, radius: f64 },
    Rect { min: Point, max: Point },
}

impl Shape {
    /// The area enclosed by the shape.
    pub fn area(&self) -> f64 {
        match self {
            Shape::Circle { radius, .. } => std::f64::consts::PI * radius * radius,
            Shape::Rect { min, max } => (max.x - min.x) * (max.y - min.y),
        }
    }
}
