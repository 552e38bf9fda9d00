//- /main.rs crate:main minicore
use std::fmt::{self, Display};
trait Describe {
    fn describe(&self) -> String;
}
impl<T: Display> Describe for T {
    fn describe(&self) -> String {
        self.to_string()
    }
}
struct Shown;
impl Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Ok(())
    }
}
fn main() {
    let a = 5.describe();
    let b = Shown.describe();
    let c = 1.5f32.to_string();
    let d = "s".to_string();
    let e = 'c'.to_string();
    let f = String::new().to_string();
    let g = Shown.to_string();
    let i = (&&Shown).to_string();
    let owned = "x".to_owned();
    let cloned = 5u8.to_owned();
}
