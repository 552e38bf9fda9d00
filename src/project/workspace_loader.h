// Loading a project: from a file or folder to the full crate graph (docs/DESIGN.md §3, §4). The
// nearest Cargo.toml going up; `cargo metadata`, else the manifest/lock reader (with one
// warning saying why; used directly, silently, for packages inside the registry caches,
// git checkouts and Debian's registry, where cargo would resolve and write a lock file);
// then the workspace packages' optional dependencies that no enabled feature switches on
// (optional_deps.h); a lone-file crate when there is no manifest; always the std sources'
// crates, wired into every project crate's extern prelude.
#pragma once

#include <string>
#include <vector>

#include "base/crate_graph.h"
#include "project/host.h"

namespace ferret::project {

// Sysroot: a file of the standard library's own sources (no cargo: the sysroot crates).
enum class ProjectSource : uint8_t { CargoMetadata, Manifests, BrokenManifest, LoneFile, Sysroot };

struct ProjectLoad {
  base::CrateGraph graph;  // graph.warnings: one-line problems, each starting "ferret: "
  ProjectSource source = ProjectSource::LoneFile;
  std::string manifest_path;   // the nearest Cargo.toml, or ""
  std::string workspace_root;  // cargo's (or the manifest reader's) workspace root, or ""
};

// The warning printed when no std sources are found (the front end prints it once).
inline constexpr const char* kNoStdSourcesWarning =
    "ferret: cannot find the Rust standard library sources; set RUST_SRC_PATH, run "
    "`rustup component add rust-src`, or install Debian's rust-src package";

// `file_or_dir` must be absolute (the front end makes it so, symlinks resolved: cargo
// reports real paths). Never throws.
ProjectLoad load_project(const Host& host, const std::string& file_or_dir);

// The crates whose package root contains `file`, most likely first: the crate rooted at
// the file, then the deepest package, then crates whose root folder holds the file (the
// deepest first), then lib, bin, test, example, bench. Which module tree really reaches
// the file is name resolution's business.
std::vector<base::CrateId> crates_for_file(const base::CrateGraph& graph, const std::string& file);

// Whether the graph has a crate of the file alone (a file in no package): such a graph
// belongs to that file, not to its folder.
bool has_lone_crate_of(const base::CrateGraph& graph, const std::string& file);

}  // namespace ferret::project
