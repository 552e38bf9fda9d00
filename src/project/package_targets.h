// The targets of a package as Cargo sees them: the explicit `[lib]`, `[[bin]]`,
// `[[example]]`, `[[test]]`, `[[bench]]` tables plus Cargo's auto-discovery
// (src/lib.rs, src/main.rs, src/bin/*.rs, examples/*.rs, tests/*.rs, benches/*.rs and
// their `*/main.rs` forms). Custom build scripts are not targets here.
#pragma once

#include <string>
#include <vector>

#include "base/crate_graph.h"
#include "base/file_system.h"
#include "project/manifest.h"

namespace ferret::project {

struct PackageTarget {
  std::string name;       // crate name (`-` -> `_`)
  std::string root_file;  // absolute
  base::TargetKind kind = base::TargetKind::Lib;
  int edition = 2021;
  bool proc_macro = false;
};

// Targets whose root file exists, the lib first. `lib_only` (dependencies) skips the rest.
std::vector<PackageTarget> package_targets(const Manifest& manifest, const std::string& package_dir,
                                           int package_edition, bool lib_only,
                                           const base::FileSystem& fs);

}  // namespace ferret::project
