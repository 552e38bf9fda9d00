// Just enough of semantic versioning to pick a package folder: ordering of
// `1.2.3[-pre]` versions and Cargo's default (caret) compatibility of a requirement.
#pragma once

#include <string_view>

namespace ferret::project {

// Orders versions by their numeric components (missing ones are 0); a pre-release sorts
// before its release. Text that is not a version sorts before every version.
int compare_versions(std::string_view a, std::string_view b);

// Whether `version` satisfies the first comparator of `req` the way Cargo reads it:
// `1.2`, `^1.2`, `~1.2`, `=1.2.3`, `>=1.0`, `*`. Unknown forms give true.
bool version_matches(std::string_view version, std::string_view req);

}  // namespace ferret::project
