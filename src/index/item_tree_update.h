// Keeping a buffer's item tree across an edit inside one function body: the items do
// not change, only the positions of what follows the body move. Saves rebuilding the
// item tree of a large file at every keystroke.
#pragma once

#include "index/item_tree.h"
#include "syntax/reparse.h"
#include "syntax/syntax_tree.h"

namespace ferret::index {

// Moves `tree` (built with bodies from the text before `edit`) to the text of
// `new_tree`, the reparse that `edit` describes, so it equals build_item_tree(new_tree,
// true). False, leaving `tree` as it was, when that takes a rebuild: the body declared
// items before or after the edit (block scopes are items), or the edit shares a line
// with the text after the body (whose columns moved).
bool shift_item_tree(ItemTree& tree, const syntax::SyntaxTree& new_tree, const syntax::BodyEdit& edit);

}  // namespace ferret::index
