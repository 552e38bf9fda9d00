// The crate graph from Cargo.toml and Cargo.lock alone, for when cargo is missing or
// fails (docs/DESIGN.md §3): the workspace's members with all their targets, their dependencies
// (path, registry, vendor, git) with their lib targets, recursively, and the features
// Cargo would enable, approximately.
#pragma once

#include <string>

#include "base/crate_graph.h"
#include "project/host.h"

namespace ferret::project {

struct ManifestLoad {
  bool ok = false;    // false: the manifest at `manifest_path` could not be read as TOML
  std::string error;  // then "LINE:COL: description" (or why it could not be read)
  int error_line = 0, error_column = 0;
  std::string workspace_root;
};

// Appends the crates of the workspace holding `manifest_path` (absolute) to `graph`, adding
// one-line warnings for packages that could not be found or read. Never throws.
ManifestLoad add_manifest_crates(const Host& host, const std::string& manifest_path,
                                 base::CrateGraph& graph);

}  // namespace ferret::project
