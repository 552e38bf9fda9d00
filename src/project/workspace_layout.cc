// Workspace root and member discovery (see workspace_layout.h).
#include "project/workspace_layout.h"

#include <algorithm>

#include "project/paths.h"

namespace ferret::project {
namespace {

bool glob_match(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

void expand(const base::FileSystem& fs, const std::string& dir,
            const std::vector<std::string>& parts, size_t i, std::vector<std::string>& out) {
  if (out.size() > 10000) return;
  if (i == parts.size()) {
    if (fs.is_file(dir + "/Cargo.toml") && std::find(out.begin(), out.end(), dir) == out.end()) {
      out.push_back(dir);
    }
    return;
  }
  const std::string& part = parts[i];
  if (part.find_first_of("*?") == std::string::npos) {
    expand(fs, join_path(dir, part), parts, i + 1, out);
    return;
  }
  for (const std::string& entry : fs.list_dir(dir)) {
    if (!entry.empty() && entry[0] == '.') continue;
    if (glob_match(part, entry) && fs.is_dir(dir + "/" + entry)) {
      expand(fs, dir + "/" + entry, parts, i + 1, out);
    }
  }
}

std::vector<std::string> split_components(const std::string& pattern) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= pattern.size()) {
    size_t j = pattern.find('/', i);
    if (j == std::string::npos) j = pattern.size();
    if (j > i) parts.push_back(pattern.substr(i, j - i));
    i = j + 1;
  }
  return parts;
}

WorkspaceLayout layout_of(const base::FileSystem& fs, const std::string& root_dir, Manifest root) {
  WorkspaceLayout layout;
  layout.root_dir = root_dir;
  layout.has_workspace = root.has_workspace;
  if (root.has_package) layout.member_dirs.push_back(root_dir);
  if (root.has_workspace) {
    for (const std::string& e : root.exclude) layout.excluded.push_back(join_path(root_dir, e));
    for (const std::string& dir : expand_members(fs, root_dir, root.members)) {
      if (std::find(layout.member_dirs.begin(), layout.member_dirs.end(), dir) ==
              layout.member_dirs.end() &&
          layout.is_member_dir(dir)) {
        layout.member_dirs.push_back(dir);
      }
    }
  }
  layout.root = std::move(root);
  return layout;
}

}  // namespace

bool WorkspaceLayout::is_member_dir(const std::string& dir) const {
  for (const std::string& e : excluded) {
    if (path_within(e, dir)) return false;
  }
  return true;
}

std::vector<std::string> expand_members(const base::FileSystem& fs, const std::string& root_dir,
                                        const std::vector<std::string>& patterns) {
  std::vector<std::string> out;
  for (const std::string& pattern : patterns) {
    if (!pattern.empty() && pattern[0] == '/') {
      expand(fs, "/", split_components(pattern), 0, out);
    } else {
      std::vector<std::string> parts = split_components(pattern);
      // `..` and `.` are plain path steps: fold them before globbing.
      std::string base = root_dir;
      size_t i = 0;
      while (i < parts.size() && (parts[i] == ".." || parts[i] == "."))
        base = join_path(base, parts[i++]);
      expand(fs, base, std::vector<std::string>(parts.begin() + static_cast<long>(i), parts.end()),
             0, out);
    }
  }
  return out;
}

WorkspaceLayout find_workspace(const base::FileSystem& fs, const std::string& package_dir,
                               const Manifest& package) {
  if (package.has_workspace) return layout_of(fs, package_dir, package);
  if (package.workspace_path) {
    std::string root_dir = join_path(package_dir, *package.workspace_path);
    if (base::FileText text = fs.read_file(root_dir + "/Cargo.toml")) {
      ManifestParse parse = parse_manifest(*text);
      if (parse.manifest && parse.manifest->has_workspace) {
        return layout_of(fs, root_dir, std::move(*parse.manifest));
      }
    }
  }
  for (std::string dir = parent_path(package_dir); !dir.empty(); dir = parent_path(dir)) {
    base::FileText text = fs.read_file(join_path(dir, "Cargo.toml"));
    if (text) {
      ManifestParse parse = parse_manifest(*text);
      if (parse.manifest && parse.manifest->has_workspace) {
        WorkspaceLayout layout = layout_of(fs, dir, std::move(*parse.manifest));
        bool listed = std::find(layout.member_dirs.begin(), layout.member_dirs.end(),
                                package_dir) != layout.member_dirs.end();
        if (listed) return layout;
        // Path dependencies below the root are members too (Cargo's rule); a package there
        // that nothing lists is taken in the same way rather than refused.
        if (layout.is_member_dir(package_dir)) {
          layout.member_dirs.push_back(package_dir);
          return layout;
        }
        break;  // Cargo stops at the first workspace root above a package
      }
    }
    if (dir == "/") break;
  }
  return layout_of(fs, package_dir, package);
}

}  // namespace ferret::project
