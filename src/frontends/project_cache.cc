// Crate graph (de)serialization with nlohmann-json and stamp validation.
#include "frontends/project_cache.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "index/content_hash.h"
#include "project/workspace_loader.h"
#include "sema/database.h"

namespace ferret::frontends {

namespace {

using nlohmann::json;

constexpr int kFormat = 5;

// Environment that changes what load_project finds.
std::string environment_key(const project::Host& host) {
  std::string key;
  for (const char* var : {"RUST_SRC_PATH", "CARGO", "CARGO_HOME", "HOME", "PATH", "RUSTUP_TOOLCHAIN"}) {
    key += var;
    key += '=';
    key += host.getenv(var).value_or("");
    key += '\n';
  }
  return key;
}

json stamp_of(const base::FileSystem& fs, const std::string& path) {
  std::optional<base::FileStamp> st = fs.stamp(path);
  if (!st) return json{{"path", path}, {"missing", true}};
  return json{{"path", path}, {"size", st->size}, {"mtime", st->mtime_ns}};
}

bool stamp_holds(const base::FileSystem& fs, const json& j) {
  std::optional<base::FileStamp> st = fs.stamp(j.at("path").get<std::string>());
  if (j.contains("missing")) return !st;
  return st && st->size == j.at("size").get<uint64_t>() && st->mtime_ns == j.at("mtime").get<int64_t>();
}

json crate_to_json(const base::CrateData& c) {
  json deps = json::array();
  for (const base::CrateDependency& d : c.deps) deps.push_back({d.name, d.crate, d.in_extern_prelude});
  json atoms = json::array();
  for (const std::string& a : c.cfg.atoms()) atoms.push_back(a);
  json pairs = json::array();
  for (const auto& [k, v] : c.cfg.pairs()) pairs.push_back({k, v});
  return json{{"name", c.name},
              {"package_name", c.package_name},
              {"package_version", c.package_version},
              {"root_file", c.root_file},
              {"extra_root_files", c.extra_root_files},
              {"package_root", c.package_root},
              {"edition", c.edition},
              {"target", static_cast<int>(c.target)},
              {"origin", static_cast<int>(c.origin)},
              {"proc_macro", c.proc_macro},
              {"atoms", atoms},
              {"pairs", pairs},
              {"features", c.enabled_features},
              {"deps", deps}};
}

// An enum stored as its number; a number outside 0..last throws (a damaged entry).
template <typename Enum>
Enum enum_from_json(const json& j, Enum last) {
  int v = j.get<int>();
  if (v < 0 || v > static_cast<int>(last)) throw std::out_of_range("enum out of range");
  return static_cast<Enum>(v);
}

base::CrateData crate_from_json(const json& j) {
  base::CrateData c;
  c.name = j.at("name").get<std::string>();
  c.package_name = j.at("package_name").get<std::string>();
  c.package_version = j.at("package_version").get<std::string>();
  c.root_file = j.at("root_file").get<std::string>();
  c.extra_root_files = j.at("extra_root_files").get<std::vector<std::string>>();
  c.package_root = j.at("package_root").get<std::string>();
  c.edition = j.at("edition").get<int>();
  c.target = enum_from_json(j.at("target"), base::TargetKind::Other);
  c.origin = enum_from_json(j.at("origin"), base::CrateOrigin::LoneFile);
  c.proc_macro = j.at("proc_macro").get<bool>();
  for (const json& a : j.at("atoms")) c.cfg.insert_atom(a.get<std::string>());
  for (const json& p : j.at("pairs")) c.cfg.insert_key_value(p.at(0).get<std::string>(), p.at(1).get<std::string>());
  c.enabled_features = j.at("features").get<std::vector<std::string>>();
  for (const json& d : j.at("deps")) {
    c.deps.push_back(base::CrateDependency{d.at(0).get<std::string>(), d.at(1).get<base::CrateId>(), d.at(2).get<bool>()});
  }
  return c;
}

// The files the graph depends on: every package's manifest, the workspace's lock file,
// cargo config files above the workspace, the std sources' roots, the manifests the
// nearest-manifest search passed (or found missing), and the rust-toolchain files that
// may pin the std sources' toolchain.
json inputs_of(const project::Host& host, const project::ProjectLoad& load, const std::string& abs_path) {
  const base::FileSystem& fs = host.fs();
  json out = json::array();
  std::vector<std::string> seen;
  auto add = [&](const std::string& p) {
    for (const std::string& s : seen) {
      if (s == p) return;
    }
    seen.push_back(p);
    out.push_back(stamp_of(fs, p));
  };
  for (std::string dir = sema::parent_dir(abs_path);; dir = sema::parent_dir(dir)) {
    add(sema::join_path(dir, "Cargo.toml"));
    if (fs.is_file(sema::join_path(dir, "Cargo.toml")) || dir == "/" || dir == ".") break;
  }
  for (std::string dir = sema::parent_dir(abs_path);; dir = sema::parent_dir(dir)) {
    add(sema::join_path(dir, "rust-toolchain"));
    add(sema::join_path(dir, "rust-toolchain.toml"));
    if (dir == "/" || dir == ".") break;
  }
  for (const base::CrateData& c : load.graph.crates) {
    if (!c.package_root.empty()) add(sema::join_path(c.package_root, "Cargo.toml"));
    if (c.origin == base::CrateOrigin::Sysroot) add(c.root_file);
  }
  if (!load.workspace_root.empty()) {
    add(sema::join_path(load.workspace_root, "Cargo.lock"));
    for (std::string dir = load.workspace_root;; dir = sema::parent_dir(dir)) {
      add(sema::join_path(dir, ".cargo/config.toml"));
      add(sema::join_path(dir, ".cargo/config"));
      if (dir == "/" || dir == ".") break;
    }
  }
  return out;
}

// The graph cached under `key`, if its inputs still hold and it has a crate for the file.
std::optional<project::ProjectLoad> cached_load(const project::Host& host, const index::CacheStore& cache,
                                                uint64_t key, const std::string& dir, const std::string& abs_path) {
  std::optional<std::string> bytes = cache.get("project", key);
  if (!bytes) return std::nullopt;
  try {
    json j = json::parse(*bytes);
    bool valid = j.at("format").get<int>() == kFormat && j.at("dir").get<std::string>() == dir;
    for (const json& in : j.at("inputs")) valid = valid && stamp_holds(host.fs(), in);
    if (!valid) return std::nullopt;
    project::ProjectLoad load;
    load.manifest_path = j.at("manifest_path").get<std::string>();
    load.workspace_root = j.at("workspace_root").get<std::string>();
    load.source = enum_from_json(j.at("source"), project::ProjectSource::Sysroot);
    load.graph.sysroot_library = j.at("sysroot").get<std::string>();
    load.graph.warnings = j.at("warnings").get<std::vector<std::string>>();
    for (const json& c : j.at("crates")) load.graph.crates.push_back(crate_from_json(c));
    for (const base::CrateData& c : load.graph.crates) {
      for (const base::CrateDependency& d : c.deps) {
        if (d.crate != base::kNoCrate && d.crate >= load.graph.size()) return std::nullopt;
      }
    }
    // A file of no crate here (a lone file beside this folder's other files) has its own
    // entry; a path that names no file (the folder of `complete PATH::PREFIX`) is fine.
    if (project::crates_for_file(load.graph, abs_path).empty() && host.fs().is_file(abs_path)) return std::nullopt;
    return load;
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged entry: loaded afresh
  }
}

}  // namespace

project::ProjectLoad load_project_cached(const project::Host& host, const index::CacheStore* cache,
                                         const std::string& abs_path) {
  if (cache == nullptr) return project::load_project(host, abs_path);
  // One entry per folder: the graph does not depend on which file of it is asked about —
  // unless the file is in no package (a lone file, or a script beside a manifest): then
  // the graph has a crate rooted at that file, and the entry is the file's alone.
  std::string dir = sema::parent_dir(abs_path);
  uint64_t dir_key = index::combine_hash(index::content_hash(dir + '\n' + environment_key(host)), kFormat);
  uint64_t file_key = index::combine_hash(index::content_hash(abs_path + '\n' + environment_key(host)), kFormat);
  if (std::optional<project::ProjectLoad> hit = cached_load(host, *cache, dir_key, dir, abs_path)) return *hit;
  if (std::optional<project::ProjectLoad> hit = cached_load(host, *cache, file_key, dir, abs_path)) return *hit;
  project::ProjectLoad load = project::load_project(host, abs_path);
  bool own_crate = project::has_lone_crate_of(load.graph, abs_path);
  try {
    json crates = json::array();
    for (const base::CrateData& c : load.graph.crates) crates.push_back(crate_to_json(c));
    json j{{"format", kFormat},
           {"dir", dir},
           {"manifest_path", load.manifest_path},
           {"workspace_root", load.workspace_root},
           {"source", static_cast<int>(load.source)},
           {"sysroot", load.graph.sysroot_library},
           {"warnings", load.graph.warnings},
           {"crates", crates},
           {"inputs", inputs_of(host, load, abs_path)}};
    cache->put("project", own_crate ? file_key : dir_key, j.dump());
  } catch (const std::exception&) {
    // not cached; the load itself is fine
  }
  return load;
}

}  // namespace ferret::frontends
