// Reading source files and finding `*.rs` files below folders, for the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ferret::cli {

// The whole file, or nullopt with `error` set to a one-line reason: missing,
// unreadable, not a regular file (never waited on), over base::kMaxSourceBytes.
std::optional<std::string> read_source_file(const std::string& path, std::string& error);

// "ferret: PATH: no such file or folder" when nothing is at `path` (a dangling link
// included), else "": the message of every command given a missing FILE or DIR.
std::string missing_path_error(const std::string& path);

// Every regular `*.rs` file at or below each path (a file path is taken as is), sorted
// within each folder walk; symlinked folders are not followed (no cycles). Paths that
// do not exist are reported into `missing`.
std::vector<std::string> collect_rust_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& missing);

}  // namespace ferret::cli
