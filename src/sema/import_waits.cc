// Imports waiting for names, woken when a scope gains one.
#include "sema/import_waits.h"

#include <unordered_set>

namespace ferret::sema {

void ImportWaits::wait(ModuleId m, NameId name, uint32_t directive) {
  by_key_[key(m, name)].push_back(directive);
  by_module_[m].push_back(directive);
  waited_names_.insert(name);
}

void ImportWaits::add_glob(ModuleId importer, ModuleId source) {
  importers_[source].push_back(importer);
}

std::vector<ModuleId> ImportWaits::importers_closure(ModuleId m) {
  std::vector<ModuleId> out{m};
  std::unordered_set<ModuleId> seen{m};
  for (size_t i = 0; i < out.size(); ++i) {
    auto it = importers_.find(out[i]);
    if (it == importers_.end()) continue;
    for (ModuleId up : it->second) {
      if (seen.insert(up).second) out.push_back(up);
    }
  }
  return out;
}

void ImportWaits::defined(ModuleId m, NameId name, std::vector<uint32_t>& woken) {
  if (!waited_names_.contains(name)) return;
  for (ModuleId w : importers_closure(m)) {
    auto it = by_key_.find(key(w, name));
    if (it == by_key_.end()) continue;
    woken.insert(woken.end(), it->second.begin(), it->second.end());
    by_key_.erase(it);
  }
}

void ImportWaits::glob_added(ModuleId m, std::vector<uint32_t>& woken) {
  for (ModuleId w : importers_closure(m)) {
    auto it = by_module_.find(w);
    if (it == by_module_.end()) continue;
    woken.insert(woken.end(), it->second.begin(), it->second.end());
    by_module_.erase(it);
  }
}

}  // namespace ferret::sema
