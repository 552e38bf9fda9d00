// Text renderings of item tree parts: paths and types as Rust source, cfg predicates,
// and a whole-tree dump for fixture tests.
#pragma once

#include <string>

#include "index/item_tree.h"

namespace ferret::index {

std::string render_path(const ItemTree& t, uint32_t path);
std::string render_type(const ItemTree& t, uint32_t type);
std::string render_cfg(const ItemTree& t, uint32_t cfg);
std::string render_bounds(const ItemTree& t, uint32_t begin, uint32_t end);
std::string item_kind_name(ItemKind k);

// One line per item, indented by nesting, with its facts; then file-level facts.
std::string dump_item_tree(const ItemTree& t);

}  // namespace ferret::index
