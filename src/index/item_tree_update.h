// Keeping a buffer's item tree across an edit inside one function body: the items do
// not change, only the positions of what follows the edit move. Saves rebuilding the
// item tree of a large file at every keystroke.
#pragma once

#include "index/item_tree.h"
#include "syntax/reparse.h"
#include "syntax/syntax_tree.h"

namespace ferret::index {

// Moves `tree` (built with bodies from the text before `edit`) to the text of
// `new_tree`, the reparse that `edit` describes, so it equals build_item_tree(new_tree,
// true). False, leaving `tree` as it was, when that takes a rebuild: the edit touched
// an item declared in the body (or made or removed one), or an item after the edit
// starts on the edit's last line (its column moved).
bool shift_item_tree(ItemTree& tree, const syntax::SyntaxTree& new_tree, const syntax::BodyEdit& edit);

}  // namespace ferret::index
