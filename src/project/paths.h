// Lexical path helpers for the project loader (no IO): joining, parents, `.`/`..`
// folding, containment. Paths are POSIX strings; the loader keeps them absolute.
#pragma once

#include <string>
#include <string_view>

namespace ferret::project {

// `rel` below `base` (or `rel` itself when absolute), normalized.
std::string join_path(std::string_view base, std::string_view rel);
// Folds `.`, `..` and repeated `/`; drops a trailing `/` (except for "/").
std::string normalize_path(std::string_view path);
// The folder holding `path` ("/" for "/x"; "" when there is no `/`).
std::string parent_path(std::string_view path);
// The last component ("lib.rs").
std::string file_name(std::string_view path);
// The last component without its extension ("lib" for "src/lib.rs").
std::string file_stem(std::string_view path);
// True when `path` is `dir` or below it (both normalized).
bool path_within(std::string_view dir, std::string_view path);
// Cargo's crate name for a target or package name: `-` -> `_`.
std::string crate_name_of(std::string_view name);

}  // namespace ferret::project
