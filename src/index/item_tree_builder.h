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

}  // namespace ferret::index
