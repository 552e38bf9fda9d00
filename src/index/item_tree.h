// The item tree of one file: everything name resolution and type inference need to
// know about a file without parsing it again — its items outside function bodies
// (module level, inline modules, impls, traits, extern blocks, enum variants, fields),
// their names, visibilities, cfg conditions, attributes that matter, signatures as
// plain data (types, paths, generics), imports, macro definitions and macro calls,
// one-line signatures and docs.
//
// It is plain data: fixed-size records in columns plus one string table, so it
// serializes by copying (item_tree_io.h) and a tree loaded from the on-disk cache is
// a view of the entry's bytes (column.h), neither parsed nor copied. Items are stored in preorder; an item's descendants follow it, up to
// `subtree_end`. Built by item_tree_builder.h from a SyntaxTree (skeleton is enough).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "index/column.h"

namespace ferret::index {

inline constexpr uint32_t kNone = UINT32_MAX;

// A string in the tree's string table.
struct Str {
  uint32_t offset = 0;
  uint32_t size = 0;
  bool empty() const { return size == 0; }
};

enum class ItemKind : uint8_t {
  Module,       // `mod m;` or `mod m { … }` (children: the inline items)
  Use,          // `use …;` (data: range of `imports`)
  ExternCrate,  // `extern crate name [as alias];`
  ExternBlock,  // `extern "C" { … }` (children: fns, statics, types)
  Fn,
  Struct,
  Union,
  Enum,     // children: Variant items
  Variant,  // children: Field items
  Field,    // name "0", "1"… for tuple fields
  Trait,    // children: associated items
  TraitAlias,
  Impl,  // children: associated items
  TypeAlias,
  Const,
  Static,
  MacroRules,
  MacroDef,   // `macro m(…) { … }` (macros 2.0)
  MacroCall,  // an item-position macro invocation (expanded by sema)
  Block,      // a block in a function body that declares items (children: those items);
              // only in trees built with bodies (the crates being edited)
};

enum class VisKind : uint8_t { Private, Public, Crate, Super, SelfModule, InPath };

// Item flags.
enum : uint16_t {
  kItemInlineModule = 1 << 0,  // `mod m { … }`
  kItemTuple = 1 << 1,         // tuple struct / variant
  kItemUnit = 1 << 2,          // unit struct / variant
  kItemMacroExport = 1 << 3,   // #[macro_export]
  kItemMacroUse = 1 << 4,      // #[macro_use] (on mod or extern crate)
  kItemDocHidden = 1 << 5,     // #[doc(hidden)]
  kItemDeprecated = 1 << 6,    // #[deprecated] / #[rustc_deprecated]
  kItemUnsafe = 1 << 7,
  kItemConst = 1 << 8,     // const fn, impl const
  kItemAsync = 1 << 9,     // async fn
  kItemNegative = 1 << 10, // impl !Trait
  kItemMutable = 1 << 11,  // static mut
  kItemAuto = 1 << 12,     // auto trait
  kItemHasBody = 1 << 13,  // fn with a body (default method, …)
  kItemExternFn = 1 << 14, // fn in an extern block, or `extern "ABI" fn`
  kItemLocalInnerMacros = 1 << 15,  // #[macro_export(local_inner_macros)]
};

struct Item {
  ItemKind kind = ItemKind::Fn;
  VisKind vis = VisKind::Private;
  uint16_t flags = 0;
  Str name;                // "" for impl, use, extern block, macro call
  uint32_t name_offset = 0;  // byte offset of the name (else of the item keyword)
  uint32_t name_line = 0;    // 1-based line of name_offset
  uint32_t name_col = 0;     // 0-based byte column of name_offset
  uint32_t start = 0;        // byte range of the item, attributes included
  uint32_t end = 0;
  uint32_t parent = kNone;       // enclosing item (module, impl, trait, enum…), or kNone
  uint32_t subtree_end = 0;      // index just past the item's descendants (preorder)
  uint32_t cfg = kNone;          // CfgExpr that must hold, or kNone
  uint32_t vis_path = kNone;     // Path of `pub(in path)`
  uint32_t attrs_begin = 0;      // range of `attrs`
  uint32_t attrs_end = 0;
  uint32_t data = kNone;         // kind-specific record (see each kind's table)
  Str signature;                 // one-line signature: from the item keyword to `{` / `;`
  Str docs;                      // doc comments and #[doc = "…"], joined by '\n'
};

// ---- attributes that matter to the engine ----
enum class AttrKind : uint8_t {
  Path,      // #[path = "x.rs"] (value)
  Lang,      // #[lang = "deref"] (value)
  Derive,    // #[derive(…)] (value: one derive path per attribute record)
  MacroUse,  // on `mod` / `extern crate` (value: names listed, or "")
  DocHidden,
  Deprecated,
  PreludeImport,  // #[prelude_import] (std and core import their own prelude so)
  NoStd,          // #![no_std] (file level; with a cfg_attr condition when conditional)
  NoCore,
  NoImplicitPrelude,
  BuiltinMacro,  // #[rustc_builtin_macro]: expanded by the compiler, not by its body
  Other,         // a cfg_attr'd attribute we keep only for its condition
  Unstable,      // #[unstable(feature = "…")] (value: the feature)
  Feature,       // #![feature(…)] (file level; value: one feature per record)
  Stable,        // #[stable(feature = "…")] (value: the feature)
};

struct Attr {
  AttrKind kind = AttrKind::Other;
  uint32_t cfg = kNone;  // cfg_attr condition, or kNone when unconditional
  Str value;
};

// ---- cfg predicates (evaluated by sema against a crate's CfgOptions) ----
enum class CfgKind : uint8_t { Atom, KeyValue, All, Any, Not, Invalid };

struct CfgExpr {
  CfgKind kind = CfgKind::Invalid;
  Str key;    // Atom / KeyValue
  Str value;  // KeyValue
  uint32_t children_begin = 0;  // All / Any / Not: range of `cfg_children`
  uint32_t children_end = 0;
};

// ---- paths ----
enum class PathKind : uint8_t {
  Plain,       // a::b
  Crate,       // crate::a
  SelfModule,  // self::a
  Super,       // super::a (super_count times)
  DollarCrate, // $crate::a
  Absolute,    // ::a (2015: crate root; 2018+: extern crate)
};

struct Path {
  PathKind kind = PathKind::Plain;
  uint8_t super_count = 0;
  uint32_t segments_begin = 0;  // range of `segments`
  uint32_t segments_end = 0;
  uint32_t qualified_self = kNone;   // TypeRef of `<T as Trait>::…` / `<T>::…`
  uint32_t qualified_trait = kNone;  // Path of the `as Trait` part
};

struct PathSegment {
  Str name;
  uint32_t args_begin = 0;  // range of `generic_args`
  uint32_t args_end = 0;
  uint32_t fn_sugar_ret = kNone;  // `Fn(A, B) -> C`: args are the inputs, this the output
  uint8_t fn_sugar = 0;           // 1 for parenthesized args
};

enum class GenericArgKind : uint8_t { Type, Lifetime, Const, AssocType, AssocBound };

struct GenericArg {
  GenericArgKind kind = GenericArgKind::Type;
  Str name;                  // AssocType / AssocBound name; Lifetime text; Const text
  uint32_t type = kNone;     // Type / AssocType
  uint32_t bounds_begin = 0; // AssocBound: range of `bounds`
  uint32_t bounds_end = 0;
};

// ---- types as written ----
enum class TypeKind : uint8_t {
  Path, Ref, Ptr, Slice, Array, Tuple, FnPtr, Never, Infer, ImplTrait, DynTrait, Macro, Error,
};

struct TypeRef {
  TypeKind kind = TypeKind::Error;
  uint8_t mut_ = 0;       // Ref / Ptr: mutable
  uint32_t a = kNone;     // Path: path; Ref/Ptr/Slice/Array: inner type; FnPtr: return type
  uint32_t list_begin = 0;  // Tuple / FnPtr params: range of `type_lists`;
  uint32_t list_end = 0;    // ImplTrait / DynTrait: range of `bounds`
  Str text;                 // Ref: lifetime; Array: length expression; Macro: source
};

enum class BoundKind : uint8_t { Trait, MaybeTrait, Lifetime, Use };

struct TypeBound {
  BoundKind kind = BoundKind::Trait;
  uint32_t path = kNone;  // Trait / MaybeTrait
  Str lifetime;           // Lifetime
  Str for_lifetimes;      // `for<'a>`: the lifetimes as written
  uint8_t is_const = 0;   // ~const / const
};

// ---- generics ----
enum class GenericParamKind : uint8_t { Lifetime, Type, Const };

struct GenericParam {
  GenericParamKind kind = GenericParamKind::Type;
  Str name;
  uint32_t bounds_begin = 0;  // range of `bounds`
  uint32_t bounds_end = 0;
  uint32_t type = kNone;      // Const: its type; Type: the default
  Str default_text;           // Const: default as written
};

struct WherePredicate {
  uint32_t type = kNone;  // the bounded type (kNone for a lifetime predicate)
  Str lifetime;           // `'a: 'b` predicates
  Str for_lifetimes;
  uint32_t bounds_begin = 0;
  uint32_t bounds_end = 0;
};

struct Generics {
  uint32_t params_begin = 0;  // range of `generic_params`
  uint32_t params_end = 0;
  uint32_t where_begin = 0;   // range of `where_predicates`
  uint32_t where_end = 0;
};

// ---- kind-specific records ----
enum class SelfKind : uint8_t { None, Value, Ref, RefMut, Typed };

struct Param {
  Str pattern;            // the pattern as written (`x`, `(a, b)`, `_`)
  uint32_t type = kNone;  // TypeRef
  Str type_text;          // the type as written, for snippets
};

struct FnData {
  uint32_t generics = kNone;
  uint32_t params_begin = 0;  // range of `params` (self excluded)
  uint32_t params_end = 0;
  uint32_t ret_type = kNone;  // TypeRef, kNone for `()`
  SelfKind self_kind = SelfKind::None;
  uint32_t self_type = kNone;  // TypeRef for `self: T`
  uint8_t variadic = 0;
  Str abi;
};

struct FieldData {
  uint32_t type = kNone;
};

struct AdtData {  // Struct, Union, Enum, Variant
  uint32_t generics = kNone;
  Str discriminant;  // Variant `= expr`
};

struct TraitData {
  uint32_t generics = kNone;
  uint32_t supertraits_begin = 0;  // range of `bounds`
  uint32_t supertraits_end = 0;
};

struct ImplData {
  uint32_t generics = kNone;
  uint32_t self_type = kNone;  // TypeRef
  uint32_t trait_path = kNone; // Path of `impl Trait for`, or kNone (inherent)
};

struct TypeAliasData {
  uint32_t generics = kNone;
  uint32_t bounds_begin = 0;  // `type X: Bound` (associated types)
  uint32_t bounds_end = 0;
  uint32_t type = kNone;      // the aliased type, kNone when absent
};

struct ConstData {  // Const, Static
  uint32_t type = kNone;
  uint32_t generics = kNone;
};

enum class ImportKind : uint8_t { Plain, Glob };

struct Import {
  ImportKind kind = ImportKind::Plain;
  uint8_t underscore = 0;   // `as _`
  uint8_t self_import = 0;  // `use a::b::{self}`: imports b
  uint32_t path = kNone;    // Path (for a glob: the module path; may have no segments)
  Str alias;                // `as alias`
  Str text;                 // the use tree as written (`Wrapper as Wpr`, `a::b`)
  uint32_t offset = 0;      // byte offset of the last segment / alias (for goto)
  uint32_t line = 0;        // 1-based line of offset
  uint32_t col = 0;
};

struct UseData {
  uint32_t imports_begin = 0;  // range of `imports`
  uint32_t imports_end = 0;
};

struct ExternCrateData {
  Str crate_name;  // `self` for `extern crate self as x`
  Str alias;       // "" when none; "_" for `as _`
};

struct MacroData {  // MacroRules, MacroDef, MacroCall
  uint32_t path = kNone;  // MacroCall: the macro's path
  Str params;             // MacroDef: `($x:expr)` when written in function style
  Str body;               // the token tree's source text, delimiters included
  uint32_t body_offset = 0;  // byte offset of `body` in the file
};

struct ModuleData {
  Str path_attr;  // #[path = "…"] value, "" when absent
};

// File-level facts (the file's inner attributes).
enum : uint32_t {
  kFileNoStd = 1,
  kFileNoCore = 2,
  kFileNoImplicitPrelude = 4,
};

struct ItemTree {
  uint32_t file_flags = 0;
  uint32_t file_cfg = kNone;  // a `#![cfg(…)]` on the file
  Column<Attr> file_attrs;    // conditional file-level attributes (cfg_attr(c, no_std)),
                              // #![feature]s, #![unstable], #![stable]
  Str file_docs;              // `//!` docs of the file
  uint32_t text_size = 0;

  Column<Item> items;
  Column<Attr> attrs;
  Column<CfgExpr> cfgs;
  Column<uint32_t> cfg_children;
  Column<Path> paths;
  Column<PathSegment> segments;
  Column<GenericArg> generic_args;
  Column<TypeRef> types;
  Column<uint32_t> type_lists;
  Column<TypeBound> bounds;
  Column<GenericParam> generic_params;
  Column<WherePredicate> where_predicates;
  Column<Generics> generics;
  Column<Param> params;
  Column<FnData> fns;
  Column<FieldData> fields;
  Column<AdtData> adts;
  Column<TraitData> traits;
  Column<ImplData> impls;
  Column<TypeAliasData> type_aliases;
  Column<ConstData> consts;
  Column<Import> imports;
  Column<UseData> uses;
  Column<ExternCrateData> extern_crates;
  Column<MacroData> macros;
  Column<ModuleData> modules;
  Column<char> strings;
  // What a loaded tree's columns point into (the cache entry), kept alive with it.
  std::shared_ptr<const void> backing;

  // Not serialized: set by sema on the trees of macro expansions, the crate `$crate`
  // names there (a base::CrateId); UINT32_MAX elsewhere.
  uint32_t dollar_crate = UINT32_MAX;

  std::string_view str(Str s) const { return std::string_view(strings.data(), strings.size()).substr(s.offset, s.size); }

  // Children of item `i` (or of the file root when i == kNone), in order.
  template <typename F>
  void for_each_child(uint32_t i, F&& f) const {
    uint32_t begin = i == kNone ? 0 : i + 1;
    uint32_t end = i == kNone ? static_cast<uint32_t>(items.size()) : items[i].subtree_end;
    for (uint32_t c = begin; c < end; c = items[c].subtree_end) f(c);
  }

  size_t memory_bytes() const;
};

}  // namespace ferret::index
