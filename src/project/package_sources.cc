// Finding package sources on disk (see package_sources.h).
#include "project/package_sources.h"

#include "project/cargo_source_config.h"
#include "project/manifest.h"
#include "project/paths.h"
#include "project/versions.h"

namespace ferret::project {
namespace {

constexpr const char* kDebianRegistry = "/usr/share/cargo/registry";

// The `directory` and `local-registry` sources of the cargo config file in `cargo_dir`.
void config_directories(const base::FileSystem& fs, const std::string& cargo_dir,
                        const std::string& relative_to, std::vector<std::string>& out) {
  std::string config = cargo_config_file(fs, cargo_dir);
  if (config.empty()) return;
  for (const SourceSetting& s : read_source_settings(fs, config, relative_to)) {
    if (s.is_path()) out.push_back(s.value);
  }
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v) {
    if (x == s) return;
  }
  v.push_back(s);
}

}  // namespace

PackageSources::PackageSources(const Host& host, const std::string& workspace_root) : host_(host) {
  const base::FileSystem& fs = host.fs();
  if (auto home = host.getenv("CARGO_HOME"); home && !home->empty()) {
    cargo_home_ = normalize_path(*home);
  } else if (auto user_home = host.getenv("HOME"); user_home && !user_home->empty()) {
    cargo_home_ = join_path(*user_home, ".cargo");
  }
  std::vector<std::string> configured;
  for (std::string dir = workspace_root; !dir.empty(); dir = parent_path(dir)) {
    config_directories(fs, join_path(dir, ".cargo"), dir, configured);
    if (dir == "/") break;
  }
  if (!cargo_home_.empty()) {
    config_directories(fs, cargo_home_, parent_path(cargo_home_), configured);
    std::string registry = join_path(cargo_home_, "registry/src");
    for (const std::string& index : list(registry)) add_unique(places_, registry + "/" + index);
  }
  if (!workspace_root.empty()) add_unique(places_, join_path(workspace_root, "vendor"));
  for (const std::string& dir : configured) add_unique(places_, dir);
  add_unique(places_, kDebianRegistry);
}

std::vector<std::string> PackageSources::list(const std::string& dir) {
  auto it = listings_.find(dir);
  if (it != listings_.end()) return it->second;
  std::vector<std::string> entries = host_.fs().list_dir(dir);
  listings_.emplace(dir, entries);
  return entries;
}

std::string PackageSources::package_version(const std::string& dir) {
  base::FileText text = host_.fs().read_file(dir + "/Cargo.toml");
  if (!text) return "";
  ManifestParse parse = parse_manifest(*text);
  return parse.manifest ? parse.manifest->version : "";
}

std::string PackageSources::package_name(const std::string& dir) {
  base::FileText text = host_.fs().read_file(dir + "/Cargo.toml");
  if (!text) return "";
  ManifestParse parse = parse_manifest(*text);
  return parse.manifest ? parse.manifest->name : "";
}

std::string PackageSources::find_registry(const std::string& name, const std::string& version) {
  const base::FileSystem& fs = host_.fs();
  for (const std::string& place : places_) {
    std::string exact = place + "/" + name + "-" + version;
    if (fs.is_file(exact + "/Cargo.toml")) return exact;
    std::string bare = place + "/" + name;
    if (fs.is_file(bare + "/Cargo.toml") && package_version(bare) == version) return bare;
  }
  return "";
}

std::string PackageSources::find_any(const std::string& name, const std::string& req) {
  const base::FileSystem& fs = host_.fs();
  std::string best_dir, best_version;
  bool best_matches = false;
  auto consider = [&](const std::string& dir, const std::string& version) {
    bool matches = version_matches(version, req);
    if (best_dir.empty() || (matches && !best_matches) ||
        (matches == best_matches && compare_versions(version, best_version) > 0)) {
      best_dir = dir;
      best_version = version;
      best_matches = matches;
    }
  };
  std::string prefix = name + "-";
  for (const std::string& place : places_) {
    for (const std::string& entry : list(place)) {
      std::string dir = place + "/" + entry;
      if (entry == name) {
        if (fs.is_file(dir + "/Cargo.toml")) consider(dir, package_version(dir));
      } else if (entry.size() > prefix.size() && entry.compare(0, prefix.size(), prefix) == 0 &&
                 entry[prefix.size()] >= '0' && entry[prefix.size()] <= '9' &&
                 fs.is_file(dir + "/Cargo.toml")) {
        consider(dir, entry.substr(prefix.size()));
      }
    }
  }
  return best_dir;
}

std::string PackageSources::search_checkout(const std::string& dir, const std::string& name,
                                            int depth) {
  const base::FileSystem& fs = host_.fs();
  if (fs.is_file(dir + "/Cargo.toml") && package_name(dir) == name) return dir;
  if (depth == 0) return "";
  for (const std::string& entry : fs.list_dir(dir)) {
    if (entry.empty() || entry[0] == '.' || entry == "target") continue;
    std::string sub = dir + "/" + entry;
    if (!fs.is_dir(sub)) continue;
    std::string found = search_checkout(sub, name, depth - 1);
    if (!found.empty()) return found;
  }
  return "";
}

std::string PackageSources::find_git(const std::string& name, const std::string& source) {
  if (cargo_home_.empty()) return "";
  std::string url = source.substr(0, source.find('#'));
  url = url.substr(0, url.find('?'));
  while (!url.empty() && url.back() == '/') url.pop_back();
  if (url.size() > 4 && url.compare(url.size() - 4, 4, ".git") == 0) url.resize(url.size() - 4);
  std::string repo = file_name(url);
  size_t hash = source.find('#');
  std::string rev = hash == std::string::npos ? "" : source.substr(hash + 1);

  std::string checkouts = join_path(cargo_home_, "git/checkouts");
  // Checkouts of the same repository first (folders are named REPO-HASH), then the rest.
  std::vector<std::string> repos, others;
  for (const std::string& entry : list(checkouts)) {
    bool same = !repo.empty() && entry.compare(0, repo.size() + 1, repo + "-") == 0;
    (same ? repos : others).push_back(checkouts + "/" + entry);
  }
  repos.insert(repos.end(), others.begin(), others.end());
  for (int pass = 0; pass < 2; ++pass) {
    for (const std::string& r : repos) {
      for (const std::string& short_rev : list(r)) {
        // Revision folders are short hashes of the commit: the first pass takes only those.
        bool rev_matches = !rev.empty() && rev.compare(0, short_rev.size(), short_rev) == 0;
        if ((pass == 0) != rev_matches) continue;
        std::string found = search_checkout(r + "/" + short_rev, name, 3);
        if (!found.empty()) return found;
      }
    }
  }
  return "";
}

}  // namespace ferret::project
