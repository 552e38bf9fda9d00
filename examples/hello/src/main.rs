//! The example crate ferret's README completes on.

mod geometry;

use geometry::{Point, Shape};

fn main() {
    let origin = Point::new(0.0, 0.0);
    let shapes = vec![
        Shape::Circle { center: origin, radius: 1.0 },
        Shape::Rect { min: origin, max: Point::new(2.0, 3.0) },
    ];
    let total: f64 = shapes.iter().map(|s| s.area()).sum();
    let far = Point::new(3.0, 4.0);
    println!("total area {total:.2}, distance {}", origin.distance_to(&far));
}
