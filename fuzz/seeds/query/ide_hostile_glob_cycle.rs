//- /main.rs crate:main
mod a {
    pub use super::b::*;
    pub struct FromA;
}
mod b {
    pub use super::a::*;
    pub use self::*;
    pub struct FromB;
}
fn main() { a::From$0 }
