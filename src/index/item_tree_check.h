// What an item tree read from bytes (the cache) must be before any code indexes into
// it: every index and string inside its tables, every kind a known one, the ranges of
// a table no longer in total than the table, items nested in preorder, and no cycle
// among cfg expressions, types and paths (code walks them recursively). The builder's trees always
// are; a damaged entry that still passes its checksum (written by a faulty build, say) is rejected
// and rebuilt instead of read out of bounds or walked forever.
#pragma once

#include "index/item_tree.h"

namespace ferret::index {

bool item_tree_is_well_formed(const ItemTree& tree);

}  // namespace ferret::index
