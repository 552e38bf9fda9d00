// What name resolution reads from an item tree, hashed: items (kinds, names,
// visibility, cfg, nesting), imports, extern crates, macros and calls, module paths,
// and impl headers — not signatures, docs or positions. Typing in a function body or a
// signature keeps it, so a crate's def map stays valid across such edits.
#pragma once

#include <cstdint>

#include "index/item_tree.h"

namespace ferret::index {

uint64_t resolution_hash(const ItemTree& tree);

}  // namespace ferret::index
