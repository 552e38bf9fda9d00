// The outline of a file: the items visible from outside function bodies (module level,
// inline modules, impls, traits, extern blocks), with kind, name, range and depth.
// Used to compare parses (skeleton vs full, cut vs whole file).
#pragma once

#include <string>
#include <vector>

#include "syntax/syntax_tree.h"

namespace ferret::syntax {

struct OutlineItem {
  SyntaxKind kind;
  std::string name;  // the item's NAME, or "" (impl, use, macro call…)
  TextRange range;
  int depth;

  bool operator==(const OutlineItem&) const = default;
};

std::vector<OutlineItem> item_outline(const SyntaxTree& tree);

}  // namespace ferret::syntax
