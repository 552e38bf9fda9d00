// Cargo's platform-specific dependency keys (`[target.'cfg(unix)'.dependencies]`,
// `[target.x86_64-pc-windows-gnu.dependencies]`, `dep_kinds[].target` in cargo
// metadata) evaluated for the host target, so Windows-only crates stay out of the graph.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/cfg_options.h"

namespace ferret::project {

// The target triple the cfg set describes (`x86_64-unknown-linux-gnu`).
std::string target_triple_of(const base::CfgOptions& cfg);

// Whether a dependency with this platform key applies: `cfg(...)` with `all`, `any`,
// `not`, atoms and `key = "value"`, or a target triple. Empty means every platform.
// nullopt when the text is malformed (callers keep the dependency then).
std::optional<bool> target_spec_matches(std::string_view spec, const base::CfgOptions& cfg);

}  // namespace ferret::project
