//- /main.rs crate:main
pub trait Shape: Named {
    const SIDES: u32;
    type Unit;
    fn area(&self) -> f64;
    fn describe(&self) -> String { String::new() }
}
pub trait Named { fn name(&self) -> String; }
fn main() { Shape::$0 }
