// Items that code at the query's position could name with a `use` it does not have yet
// (rust-analyzer's "flyimport"): the public items of the crates it may name (its extern
// prelude: dependencies and the sysroot crates) and the items of its own crate, each
// with the shortest path that reaches it. The module trees are walked breadth first,
// so a re-export nearer the crate root wins (`std::collections::HashMap`, not the path
// of its definition), and `core`/`alloc` items come as std's when std re-exports them.
// The walk has explicit limits (modules visited, path length).
#pragma once

#include <functional>
#include <string>

#include "ide/query.h"
#include "sema/def_map.h"

namespace ferret::ide {

inline constexpr size_t kMaxImportWalkModules = 20000;
inline constexpr size_t kMaxImportPathSegments = 4;

// Calls `f(def, namespace, name, path)` once per item (first, shortest path) until it
// returns true; `path` is written as a `use` would take it (`std::ops::Deref`,
// `crate::sub::Trait`).
void for_each_importable_item(
    Query& q,
    const std::function<bool(const sema::Def&, int, std::string_view, const std::string&)>& f);

}  // namespace ferret::ide
