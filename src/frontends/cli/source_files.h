// Reading source files and finding `*.rs` files below folders, for the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ferret::cli {

// Files larger than this are refused (the engine's offsets are 32-bit).
inline constexpr size_t kMaxSourceFileBytes = size_t{1} << 30;

// The whole file, or nullopt with `error` set to a one-line reason.
std::optional<std::string> read_source_file(const std::string& path, std::string& error);

// Every regular `*.rs` file at or below each path (a file path is taken as is), sorted
// within each folder walk; symlinked folders are not followed (no cycles). Paths that
// do not exist are reported into `missing`.
std::vector<std::string> collect_rust_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& missing);

}  // namespace ferret::cli
