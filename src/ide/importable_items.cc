// Breadth-first walk of the module trees a position can name (see importable_items.h).
#include "ide/importable_items.h"

#include <algorithm>
#include <deque>
#include <set>
#include <vector>

#include "sema/scope_lookup.h"

namespace ferret::ide {

namespace {

uint64_t def_key(const sema::Def& d) {
  return (static_cast<uint64_t>(d.kind) << 56) ^ (static_cast<uint64_t>(d.krate) << 32) ^ d.index;
}

// The crates to walk, in the order their paths are preferred: std first (it re-exports
// core and alloc), the other dependencies by name, core and alloc, then the crate
// itself (`crate::…`).
std::vector<std::pair<std::string, sema::Def>> roots(Query& q) {
  const sema::DefMap& dm = q.db.def_map(q.krate);
  std::vector<std::pair<std::string, sema::Def>> deps;
  for (const auto& [name, krate] : dm.extern_prelude) {
    if (krate == q.krate || krate >= q.db.graph().size()) continue;
    deps.emplace_back(std::string(q.db.names().name(name)),
                      sema::Def{sema::DefKind::Module, krate, 0});
  }
  auto rank = [](const std::string& n) {
    return n == "std" ? 0 : (n == "core" || n == "alloc") ? 2 : 1;
  };
  std::sort(deps.begin(), deps.end(), [&](const auto& a, const auto& b) {
    return rank(a.first) != rank(b.first) ? rank(a.first) < rank(b.first) : a.first < b.first;
  });
  deps.emplace_back("crate", sema::Def{sema::DefKind::Module, q.krate, 0});
  return deps;
}

}  // namespace

void for_each_importable_item(
    Query& q,
    const std::function<bool(const sema::Def&, int, std::string_view, const std::string&)>& f) {
  sema::DatabaseMaps maps(q.db);
  std::set<uint64_t> visited_modules;
  std::set<std::pair<uint64_t, int>> reported;
  struct Step {
    sema::Def module;
    std::string path;
    size_t segments;
  };
  std::deque<Step> queue;
  for (auto& [name, root] : roots(q)) {
    if (visited_modules.insert(def_key(root)).second) queue.push_back({root, name, 1});
  }
  bool done = false;
  while (!done && !queue.empty() && visited_modules.size() <= kMaxImportWalkModules) {
    Step step = std::move(queue.front());
    queue.pop_front();
    if (step.module.krate >= q.db.graph().size()) continue;
    const sema::DefMap& dm = q.db.def_map(step.module.krate);
    if (step.module.index >= dm.modules.size()) continue;
    sema::for_each_scope_name(maps, step.module, q.krate, q.module,
                              [&](sema::NameId name_id, int ns, const sema::ScopeDef& sd) {
                                std::string_view name = q.db.names().name(name_id);
                                if (done || name.empty() || name == "_") return;
                                std::string path = step.path + "::" + std::string(name);
                                if (sd.def.kind == sema::DefKind::Module) {
                                  if (step.segments + 1 < kMaxImportPathSegments &&
                                      visited_modules.insert(def_key(sd.def)).second) {
                                    queue.push_back({sd.def, path, step.segments + 1});
                                  }
                                  return;
                                }
                                if (sd.def.kind != sema::DefKind::Item) return;
                                if (!reported.insert({def_key(sd.def), ns}).second) return;
                                done = f(sd.def, ns, name, path);
                              });
  }
}

}  // namespace ferret::ide
