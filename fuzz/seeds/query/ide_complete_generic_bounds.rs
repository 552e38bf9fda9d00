//- /main.rs crate:main
pub trait Visitor { type Value; fn visit(&self) -> Self::Value; }
pub trait Extra: Visitor { const ID: u32; }
fn drive<V: Extra>(v: V) -> V::Val$0 { todo!() }
