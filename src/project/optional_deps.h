// Optional dependencies the enabled features leave out. Cargo does not resolve them, but
// code under `#[cfg(feature = "serde")]` in a workspace crate still names them and name
// resolution reads cfg-disabled code of workspace crates as a fallback. So each
// workspace package's inactive optional dependencies ([dependencies] and the host's
// [target.X.dependencies], not dev or build ones) become Dependency crates, found
// through Cargo.lock and PackageSources (or their `path`), with their own normal
// dependencies, bounded in depth and count, and wired into the package's crates.
#pragma once

#include <cstddef>
#include <string>

#include "base/crate_graph.h"
#include "project/host.h"

namespace ferret::project {

struct OptionalDepsLimits {
  int max_depth = 8;        // an optional dependency is depth 1, its dependencies 2, …
  size_t max_crates = 200;  // crates added in all
};

// Adds the crates and edges to `graph` (a package already there, by folder or by name and
// version, is reused as it is). Run it before the sysroot wiring, which then gives the new
// crates core, std and alloc like every other dependency. Packages that cannot be found
// are skipped without a warning (they are not part of the build). Returns the number of
// crates added. Never throws.
size_t add_inactive_optional_deps(const Host& host, const std::string& workspace_root,
                                  base::CrateGraph& graph, OptionalDepsLimits limits = {});

}  // namespace ferret::project
