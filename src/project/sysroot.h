// The standard library from source (docs/DESIGN.md §4, docs/PROTOCOL.md "Finding the standard
// library"): finding the std sources' `library` folder, and adding core, alloc, std,
// proc_macro, test and the path dependencies std has on disk (std_detect, …) as crates.
#pragma once

#include <string>

#include "base/crate_graph.h"
#include "project/host.h"
#include "project/package_sources.h"
#include "project/toolchain.h"

namespace ferret::project {

// `RUST_SRC_PATH` (first `:` entry; `library/` or its parent), else the sources of the
// toolchain that a rust-toolchain file at or above `project_dir` pins, when installed
// beside the trusted one (toolchain_file.h), else the trusted toolchain's
// `SYSROOT/lib/rustlib/src/rust/library` (toolchain.h; resolved only when needed), else
// `/usr/lib/rustlib/src/rust/library`, else `/usr/local/lib/rustlib/src/rust/library`.
// A candidate counts when it holds core/src/lib.rs. "" when none does.
std::string find_sysroot_library(const Host& host, LazyToolchain& toolchain,
                                 const std::string& project_dir);

struct SysrootCrates {
  base::CrateId core = base::kNoCrate;
  base::CrateId alloc = base::kNoCrate;
  base::CrateId std = base::kNoCrate;
  base::CrateId proc_macro = base::kNoCrate;
  base::CrateId test = base::kNoCrate;
};

// Adds the crates whose folders exist under `library_dir`, origin Sysroot, host cfg,
// edition from each Cargo.toml (default 2021); sets graph.sysroot_library. Wiring:
// alloc -> core; std -> core, alloc and std's non-optional path dependencies that exist
// (std_detect, unwind, panic_abort in 1.63) and, with `registry`, its crates.io
// dependencies found there (cfg-if, libc, hashbrown…), each of which gets core and
// alloc; proc_macro -> core, std; test -> core, std.
SysrootCrates add_sysroot_crates(const base::FileSystem& fs, const std::string& library_dir,
                                 base::CrateGraph& graph, PackageSources* registry = nullptr);

}  // namespace ferret::project
