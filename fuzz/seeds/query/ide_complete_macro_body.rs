// Inside a macro_rules! transcriber the body reads as the code it becomes: `Self::`
// sees the impl written there and its trait, `S::` the bounds of the generic written
// there, `$crate::` the crate root.
pub trait Visitor { type Value; fn visit(&self) -> Self::Value; }
pub trait Serializer { type Ok; type Error; }
macro_rules! impl_visitor {
    ($name:ident, $ty:ty) => {
        pub struct $name;
        impl Visitor for $name {
            type Value = $ty;
            fn visit(&self) -> Self::Value {
                let s: Self::Va$0 = todo!();
                s
            }
        }
    };
}
impl_visitor!(U8Visitor, u8);
