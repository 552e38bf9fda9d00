// Cargo feature unification for one package: from the features asked of it, the
// closure through its `[features]` table (`"other"`, `"dep:x"`, `"x/feat"`,
// `"x?/feat"`, implicit features of optional dependencies).
#pragma once

#include <map>
#include <set>
#include <string>

#include "project/manifest.h"

namespace ferret::project {

struct FeatureSet {
  std::set<std::string> features;                             // enabled, `default` included
  std::set<std::string> optional_deps;                        // keys of optional deps switched on
  std::map<std::string, std::set<std::string>> dep_features;  // dep key -> features asked of it
};

// `requested` may name features that do not exist; they are ignored (as `default` is
// when the table has none). Bounded by the size of the table.
FeatureSet expand_features(const Manifest& manifest, const std::set<std::string>& requested);

}  // namespace ferret::project
