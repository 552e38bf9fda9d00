// Which of the files cargo reads by name are not regular files (see cargo_inputs.h).
#include "project/cargo_inputs.h"

#include "project/paths.h"

namespace ferret::project {

std::string first_irregular_cargo_input(const base::FileSystem& fs, const std::string& dir) {
  static const char* const kNames[] = {"Cargo.toml",     "Cargo.lock",
                                       ".cargo/config",  ".cargo/config.toml",
                                       "rust-toolchain", "rust-toolchain.toml"};
  std::string at = normalize_path(dir);
  for (int depth = 0; !at.empty() && depth < 256; ++depth) {
    for (const char* name : kNames) {
      std::string path = join_path(at, name);
      // A stamp is any file's (stat); is_file only a regular file's.
      if (fs.stamp(path) && !fs.is_file(path)) return path;
    }
    if (at == "/") break;
    at = parent_path(at);
  }
  return "";
}

}  // namespace ferret::project
