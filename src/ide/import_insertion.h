// The edit that adds a `use` for a path at a position (completion of an item the file
// does not import yet). Placed as rustfmt would keep it: merged into a `use` of the
// same parent path (`use std::ops::Deref;` + `DerefMut` → `use std::ops::{Deref,
// DerefMut};`), else a new `use` line in sorted place among the module's `use` items,
// else before the module's first item. The module is the innermost inline module
// around the position, or the file. Nothing is edited when a `use` already names it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "syntax/syntax_tree.h"

namespace ferret::ide {

struct TextEdit {
  uint32_t start = 0;  // byte range replaced
  uint32_t end = 0;
  std::string text;
};

// Nullopt when nothing needs to change (or the path is not `a::b`-shaped).
std::optional<TextEdit> import_edit(const syntax::SyntaxTree& tree, uint32_t offset,
                                    std::string_view path);

}  // namespace ferret::ide
