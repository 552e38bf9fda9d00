// Which unresolved imports of a crate being collected wait for which name in which
// module, so the def collector retries an import when a scope it looked into gains the
// name it lacked — directly, or through a module that globs it — instead of retrying
// every import each round. A chain of re-exports written in any order then settles in
// linear time.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sema/def.h"
#include "sema/name_table.h"

namespace ferret::sema {

class ImportWaits {
 public:
  // Import `directive` lacks `name` in module m (of the crate being collected).
  void wait(ModuleId m, NameId name, uint32_t directive);
  // `importer` globs `source` (both of this crate): a name `source` gains reaches the
  // imports waiting in `importer` too.
  void add_glob(ModuleId importer, ModuleId source);
  // m gained `name`: appends the imports waiting for it there (or in a module globbing
  // m, transitively) to `woken`.
  void defined(ModuleId m, NameId name, std::vector<uint32_t>& woken);
  // m gained a glob: appends every import waiting in m (or in a module globbing m).
  void glob_added(ModuleId m, std::vector<uint32_t>& woken);

 private:
  static uint64_t key(ModuleId m, NameId name) { return (uint64_t{m} << 32) | name; }
  // m and every module that globs it, transitively.
  std::vector<ModuleId> importers_closure(ModuleId m);

  std::unordered_map<uint64_t, std::vector<uint32_t>> by_key_;
  std::unordered_map<ModuleId, std::vector<uint32_t>> by_module_;
  std::unordered_set<NameId> waited_names_;  // names anyone ever waited for
  std::unordered_map<ModuleId, std::vector<ModuleId>> importers_;
};

}  // namespace ferret::sema
