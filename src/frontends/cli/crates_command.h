// `ferret crates [PATH]`: loads the project for PATH (default: the current folder) and
// prints its crate graph, a debugging aid for the project model.
#pragma once

#include <string>

#include "base/crate_graph.h"

namespace ferret::cli {

struct CratesCommandOptions {
  std::string path = ".";
};

// One block per crate on stdout:
//   crate NAME (ORIGIN, KIND) edition E root ROOT
//     dep NAME -> CRATE [VERSION] [(not in prelude)]
//     features a, b
// then the loader's warnings on stderr. Returns 0; 1 (with a message) when PATH does
// not exist.
int run_crates_command(const CratesCommandOptions& options);

// The stdout part of the above, for a graph already loaded.
std::string format_crate_graph(const base::CrateGraph& graph);

}  // namespace ferret::cli
