// A Cargo.toml read with toml++ into plain data: the package, its explicit targets,
// dependencies (every kind and platform), features and the `[workspace]` table. What
// the manifest leaves implicit (auto-discovered targets, inherited fields) is resolved
// by the callers, which can see the file system and the workspace root.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferret::project {

enum class DependencyKind { Normal, Dev, Build };

struct ManifestDependency {
  std::string key;       // the table key: the name code uses (a rename when `package` is set)
  std::string package;   // the package's real name
  bool renamed = false;  // `package = "..."` was given
  DependencyKind kind = DependencyKind::Normal;
  std::string target;  // platform key of `[target.X.dependencies]`, or ""
  std::string version_req;
  std::optional<std::string> path;  // as written, relative to `path_base`
  std::string path_base;            // folder `path` is relative to ("" = the manifest's)
  std::string git;
  bool optional = false;
  bool default_features = true;
  bool from_workspace = false;  // `dep.workspace = true` (merged by merge_workspace_dependency)
  std::vector<std::string> features;
};

struct ManifestTarget {
  std::string name;  // "" when not given
  std::optional<std::string> path;
  std::optional<int> edition;
  bool proc_macro = false;
};

struct Manifest {
  bool has_package = false;
  std::string name;
  std::string version;
  std::optional<int> edition;  // nullopt: not given (Cargo: 2015) or inherited
  bool edition_from_workspace = false;
  bool version_from_workspace = false;
  std::optional<std::string> workspace_path;  // `package.workspace`
  bool autobins = true, autoexamples = true, autotests = true, autobenches = true;

  std::optional<ManifestTarget> lib;
  std::vector<ManifestTarget> bins, examples, tests, benches;
  std::vector<ManifestDependency> dependencies;
  std::map<std::string, std::vector<std::string>> features;

  bool has_workspace = false;
  std::vector<std::string> members, exclude;
  std::optional<int> workspace_edition;
  std::string workspace_version;
  std::map<std::string, ManifestDependency> workspace_dependencies;
};

struct ManifestParse {
  std::optional<Manifest> manifest;
  std::string error;  // "LINE:COL: description" when the text is not TOML
  int error_line = 0, error_column = 0;
};

// Never throws. Text that is TOML but not a sensible manifest still gives a Manifest
// (unknown or mistyped keys are ignored).
ManifestParse parse_manifest(std::string_view text, std::string_view path = "Cargo.toml");

// `dep.workspace = true` completed from the workspace root's `[workspace.dependencies]`
// (features are added, `optional` is the member's); path deps become relative to the root.
void merge_workspace_dependency(ManifestDependency& dep, const Manifest& root,
                                const std::string& root_dir);

}  // namespace ferret::project
