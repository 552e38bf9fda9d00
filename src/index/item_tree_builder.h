// Builds a file's ItemTree from its syntax tree (a skeleton parse is enough: only
// items outside function bodies are collected).
#pragma once

#include "index/item_tree.h"
#include "syntax/syntax_tree.h"

namespace ferret::index {

// With `bodies`, blocks inside function bodies that declare items (fn, struct, use…)
// become Block items holding those items, so name resolution sees block scopes; the
// tree must then come from a full parse.
ItemTree build_item_tree(const syntax::SyntaxTree& tree, bool bodies = false);

// A type or path written in a body (`let x: Vec<u8>`, `Vec::<u8>::new`), as item tree
// data: a tree holding just that type (or path) and what it references; `index` is
// the TypeRef (or Path) in it. Lets bodies use the same type lowering as items.
ItemTree build_type_fragment(const syntax::SyntaxTree& tree, syntax::NodeId type_node, uint32_t& index);
ItemTree build_path_fragment(const syntax::SyntaxTree& tree, syntax::NodeId path_node, uint32_t& index);
// The `#[cfg]` / `#[cfg_attr(…, cfg(…))]` conditions on `node`'s attributes (a statement,
// an arm, a field in a body): `cfg` is the CfgExpr in the returned tree, or kNone.
ItemTree build_cfg_fragment(const syntax::SyntaxTree& tree, syntax::NodeId node, uint32_t& cfg);

}  // namespace ferret::index
