// Serialization of item trees: the records are stored as bytes (they hold indices, no
// pointers), so a loaded tree is a view of the stored bytes.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "index/item_tree.h"

namespace ferret::index {

// Bump when ItemTree's layout or the builder's output changes.
inline constexpr uint32_t kItemTreeFormat = 11;

std::string serialize_item_tree(const ItemTree& tree);

// nullopt when the bytes are not a complete tree of this format. With `backing` (what
// owns `bytes`), the tree's columns point into `bytes` and keep `backing` alive;
// without, they are copies.
std::optional<ItemTree> deserialize_item_tree(std::string_view bytes, std::shared_ptr<const void> backing = nullptr);

}  // namespace ferret::index
