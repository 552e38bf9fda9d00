// Builds a crate's DefMap: walks the module tree from the crate root (following
// `mod` declarations through the file system, #[path], cfg), defines every item in
// its namespaces, then resolves imports (explicit and glob, within and across crates)
// to a fixed point, and sets up the preludes. Glob cycles and self-referential
// re-exports terminate: a scope entry is only ever added or upgraded.
#pragma once

#include "sema/def_map.h"

namespace ferret::sema {

class Database;

DefMap build_def_map(Database& db, CrateId krate);

}  // namespace ferret::sema
