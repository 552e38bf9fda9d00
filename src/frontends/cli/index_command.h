// `ferret index [DIR]`: builds the on-disk index (item trees and def maps, macro
// expansions included) for the project at DIR, its dependencies and std, with a
// progress bar when stderr is a terminal; then one line per crate on stdout.
#pragma once

#include <string>

namespace ferret::cli {

struct IndexCommandOptions {
  std::string path = ".";
  bool verbose = false;  // also list each crate's resolution problems
};

// Prints, per crate (dependencies first):
//   crate NAME: M modules, I items, X macro expansions, P problems
// (with --verbose each problem indented below), then
//   indexed N crates in T ms (D def maps built, L loaded from the cache)
// Returns 0; 1 (with a message) when DIR does not exist.
int run_index_command(const IndexCommandOptions& options);

}  // namespace ferret::cli
