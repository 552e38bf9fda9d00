// The crate graph from `cargo metadata --format-version 1 --offline` (docs/DESIGN.md §3): a lib
// (or proc-macro) crate for every package reachable from the workspace, plus the bin,
// example, test and bench targets of workspace members; dependency names as code uses
// them (renames), features from the resolve, platform-specific deps for the host only.
#pragma once

#include <string>
#include <string_view>

#include "base/crate_graph.h"
#include "project/host.h"
#include "project/toolchain.h"

namespace ferret::project {

struct CargoMetadataRun {
  bool ok = false;
  std::string json;   // stdout when ok
  std::string error;  // one line: why it failed ("could not run cargo", cargo's error, …)
};

// Runs the toolchain's cargo: `metadata --format-version 1 --offline --manifest-path
// MANIFEST_DIR/Cargo.toml`, plus a `--config` for each source replacement entry of the
// project's cargo config (cargo_source_config.h), from the neutral folder with the
// toolchain's environment (toolchain.h): no config key of the project reaches cargo
// otherwise, so nothing it names runs.
CargoMetadataRun run_cargo_metadata(const Host& host, const Toolchain& toolchain,
                                    const std::string& manifest_dir, int timeout_ms = 30000);

struct CargoMetadataGraph {
  bool ok = false;
  std::string error;  // when !ok: why the JSON was not usable; the graph is unchanged
  std::string workspace_root;
};

// Appends the crates the JSON describes to `graph`. Never throws.
CargoMetadataGraph add_cargo_metadata_crates(std::string_view json, base::CrateGraph& graph);

}  // namespace ferret::project
