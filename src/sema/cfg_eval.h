// Evaluation of `#[cfg(...)]` predicates stored in an item tree against a crate's
// cfg options (docs/DESIGN.md §5).
#pragma once

#include "base/cfg_options.h"
#include "index/item_tree.h"

namespace ferret::sema {

// True when predicate `cfg` (an index into tree.cfgs, or kNone) holds; an invalid
// predicate holds (the item is kept rather than lost).
bool cfg_enabled(const index::ItemTree& tree, uint32_t cfg, const base::CfgOptions& options);

}  // namespace ferret::sema
