//- /main.rs crate:main
pub mod shapes {
    pub mod round { pub struct Circle; pub struct Oval; }
    pub struct Square;
    pub struct Star;
}
use shapes::{Square, round::{Circle, O$0}};
fn main() {}
