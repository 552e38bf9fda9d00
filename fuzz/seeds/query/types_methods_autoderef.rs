//- /main.rs crate:main minicore
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
struct Inner {
    id: u32,
}
impl Inner {
    fn ident(&self) -> u32 {
        self.id
    }
}
struct Handle {
    inner: Inner,
}
impl Deref for Handle {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.inner
    }
}
fn main() {
    let s = String::from(" x ");
    let trimmed = s.trim();
    let v = vec![1u8, 2];
    let first = v.first();
    let rc = Rc::new(vec!['a']);
    let rc_len = rc.len();
    let rc_iter = rc.iter();
    let h = Handle { inner: Inner { id: 1 } };
    let via_deref = h.ident();
    let field_through = h.id;
    let b = Box::new(vec![String::new()]);
    let boxed_iter = b.iter();
    let rr = &&v;
    let through_refs = rr.len();
    let shared = Rc::new(RefCell::new(Vec::new()));
    shared.borrow_mut().push(1i32);
    let borrowed = shared.borrow();
    let blen = borrowed.len();
    let bytes = s.as_bytes();
    let upper = s.to_uppercase();
}
