// The last guard of the nesting budget (syntax/nesting_limit.h) on trees: a node deeper
// than the budget is cut off with its subtree, and its parent at the limit becomes an
// ERROR leaf over the same tokens. The parser's recursion is bounded by its own count,
// but one level of grammar can make several nodes (`impl Fn() -> …` is six), and every
// recursion over trees counts nodes: after the cut, no tree the parser returns is
// deeper than the budget. Real code stays far below it (the deepest file of std and the
// Debian crate registry is 66 nodes deep).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "syntax/syntax_tree.h"

namespace ferret::syntax {

// The depth of the deepest node of a preorder node array (its roots are depth 1).
int max_node_depth(const std::vector<Node>& nodes);

// Cuts every node deeper than max_depth (see above). Returns the first token of the
// first node turned into an ERROR leaf, or nullopt when nothing was that deep.
std::optional<uint32_t> cut_deep_nodes(std::vector<Node>& nodes, int max_depth);

}  // namespace ferret::syntax
