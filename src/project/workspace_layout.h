// Which workspace a package belongs to and which packages are its members: the
// `[workspace]` root above a package (or named by `package.workspace`), `members`
// globs (`*` and `?` inside one path component) minus `exclude`.
#pragma once

#include <string>
#include <vector>

#include "base/file_system.h"
#include "project/manifest.h"

namespace ferret::project {

struct WorkspaceLayout {
  std::string root_dir;  // folder of the root manifest (the package itself if no workspace)
  Manifest root;         // the root manifest
  bool has_workspace = false;
  std::vector<std::string> member_dirs;  // absolute package folders, root package included
  std::vector<std::string> excluded;     // absolute folders under `exclude`
  bool is_member_dir(const std::string& dir) const;
};

// The layout for the package in `package_dir` whose manifest is `package`.
// Unreadable or broken manifests above it are skipped.
WorkspaceLayout find_workspace(const base::FileSystem& fs, const std::string& package_dir,
                               const Manifest& package);

// Folders matching the `members` patterns that hold a Cargo.toml, in pattern order.
std::vector<std::string> expand_members(const base::FileSystem& fs, const std::string& root_dir,
                                        const std::vector<std::string>& patterns);

}  // namespace ferret::project
