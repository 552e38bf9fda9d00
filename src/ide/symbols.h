// Symbols: a file's items as an outline (document symbols), and the items of the
// workspace's own crates matched fuzzily by name (workspace symbols).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "index/item_tree.h"
#include "sema/database.h"

namespace ferret::ide {

struct Symbol {
  std::string name;        // an impl's is its header: `impl Display for Point`
  index::ItemKind kind = index::ItemKind::Fn;
  bool member = false;     // an fn, const or type inside an impl or trait
  uint32_t start = 0;      // the item's byte range
  uint32_t end = 0;
  uint32_t name_offset = 0;
  std::vector<Symbol> children;
};

// The outline of a file's item tree: modules, types, traits, impls with their items,
// enum variants, named fields, fns (items declared inside fn bodies under the fn).
std::vector<Symbol> document_symbols(const index::ItemTree& tree);

struct WorkspaceSymbol {
  Symbol symbol;           // without children
  std::string path;        // its file
  std::string container;   // the enclosing item's name ("" at a file's top level)
  uint32_t score = 0;
};

// Items of the workspace's crates whose names match `query` fuzzily (its characters in
// order, case-insensitive), best first: exact, prefix, word starts, then shorter names.
std::vector<WorkspaceSymbol> workspace_symbols(sema::Database& db, std::string_view query, size_t limit);

// 0 when `query` is not a subsequence of `name`; higher is a better match.
uint32_t fuzzy_score(std::string_view query, std::string_view name);

}  // namespace ferret::ide
