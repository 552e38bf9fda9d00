// `ferret parse [--skeleton] [--edition E] [--dump] [--max-errors N] PATH…`
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ferret::cli {

struct ParseCommandOptions {
  std::vector<std::string> paths;
  bool skeleton = false;
  std::optional<int> edition;  // else from the nearest Cargo.toml, else 2021
  bool dump = false;           // print each file's syntax tree
  int max_errors = 20;         // error lines printed before the summary
};

// Prints the first errors as FILE:LINE:COL: message and one summary line
// `parsed N files, B bytes, E syntax errors, R MB/s`. Returns 0 (syntax errors are
// output, not failures); 1 when a PATH does not exist or a file cannot be read.
int run_parse_command(const ParseCommandOptions& options);

}  // namespace ferret::cli
