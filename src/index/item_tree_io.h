// Serialization of item trees: the records are copied as bytes (they hold indices, no
// pointers), so loading a cached tree is a few memcpy calls.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "index/item_tree.h"

namespace ferret::index {

// Bump when ItemTree's layout or the builder's output changes.
inline constexpr uint32_t kItemTreeFormat = 7;

std::string serialize_item_tree(const ItemTree& tree);

// nullopt when the bytes are not a complete tree of this format.
std::optional<ItemTree> deserialize_item_tree(std::string_view bytes);

}  // namespace ferret::index
