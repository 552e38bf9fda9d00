// Adding the inactive optional dependencies of workspace packages (see optional_deps.h):
// the members' optional deps first (depth 1), then the added crates' own dependencies
// breadth-first, so a package is added at the smallest depth that reaches it.
#include "project/optional_deps.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "project/cargo_lock.h"
#include "project/features.h"
#include "project/manifest.h"
#include "project/package_sources.h"
#include "project/package_targets.h"
#include "project/paths.h"
#include "project/target_spec.h"
#include "project/versions.h"

namespace ferret::project {
namespace {

constexpr base::CrateId kUntried = base::kNoCrate - 1;

// The package a dependency entry is written in.
struct From {
  std::string name, version, dir;
};

// A crate this pass added, with what is needed to wire it (again, when asked for more
// features by another dependent).
struct Added {
  std::string dir;
  Manifest m;
  std::set<std::string> requested;
  int depth = 0;
  bool queued = false;
  std::vector<base::CrateId> resolved;  // per m.dependencies entry: crate, kNoCrate or kUntried
};

bool has_dep(const base::CrateData& c, const std::string& name) {
  for (const base::CrateDependency& d : c.deps) {
    if (d.name == name) return true;
  }
  return false;
}

// The features a dependency entry asks of its package (plus `extra`, from `key/feature`).
std::set<std::string> asked_of(const ManifestDependency& d, const FeatureSet* extra) {
  std::set<std::string> asked(d.features.begin(), d.features.end());
  if (d.default_features) asked.insert("default");
  if (extra != nullptr) {
    auto it = extra->dep_features.find(d.key);
    if (it != extra->dep_features.end()) asked.insert(it->second.begin(), it->second.end());
  }
  return asked;
}

class OptionalDeps {
 public:
  OptionalDeps(const Host& host, const std::string& workspace_root, base::CrateGraph& graph,
               OptionalDepsLimits limits)
      : host_(host),
        graph_(graph),
        root_dir_(workspace_root.empty() ? "" : normalize_path(workspace_root)),
        sources_(host, root_dir_),
        cfg_(base::CfgOptions::host_target()),
        limits_(limits) {
    if (root_dir_.empty()) return;
    const base::FileSystem& fs = host.fs();
    if (base::FileText text = fs.read_file(root_dir_ + "/Cargo.lock"))
      lock_ = parse_cargo_lock(*text);
    if (base::FileText text = fs.read_file(root_dir_ + "/Cargo.toml")) {
      ManifestParse parse = parse_manifest(*text);
      if (parse.manifest && parse.manifest->has_workspace) root_ = std::move(parse.manifest);
    }
  }

  void run() {
    std::vector<std::string> order;
    std::map<std::string, std::vector<base::CrateId>> members;  // package folder -> crates
    for (base::CrateId id = 0; id < graph_.size(); ++id) {
      const base::CrateData& c = graph_[id];
      if (c.origin != base::CrateOrigin::Workspace || c.package_root.empty()) continue;
      auto [it, fresh] = members.try_emplace(c.package_root);
      if (fresh) order.push_back(c.package_root);
      it->second.push_back(id);
    }
    for (const std::string& dir : order) add_for_member(dir, members[dir]);
    while (!queue_.empty()) {
      base::CrateId id = queue_.front();
      queue_.pop_front();
      wire(id);
    }
  }

 private:
  std::optional<Manifest> read_manifest(const std::string& dir) const {
    std::string path = dir + "/Cargo.toml";
    base::FileText text = host_.fs().read_file(path);
    if (!text) return std::nullopt;
    ManifestParse parse = parse_manifest(*text, path);
    if (!parse.manifest || !parse.manifest->has_package) return std::nullopt;
    if (root_ && path_within(root_dir_, dir)) {
      for (ManifestDependency& d : parse.manifest->dependencies)
        merge_workspace_dependency(d, *root_, root_dir_);
    }
    return std::move(parse.manifest);
  }

  bool applies(const ManifestDependency& d) const {
    return d.kind == DependencyKind::Normal && target_spec_matches(d.target, cfg_).value_or(true);
  }

  void add_dep(base::CrateId from, const std::string& name, base::CrateId to) {
    if (from == to || has_dep(graph_[from], name)) return;
    graph_[from].deps.push_back({name, to, true});
  }

  void add_for_member(const std::string& dir, const std::vector<base::CrateId>& crates) {
    std::optional<Manifest> m = read_manifest(dir);
    if (!m) return;
    From from{m->name, graph_[crates.front()].package_version, dir};
    for (const ManifestDependency& d : m->dependencies) {
      if (!d.optional || !applies(d)) continue;
      std::string key_name = crate_name_of(d.key);
      bool wanted = false;
      for (base::CrateId id : crates) wanted = wanted || !has_dep(graph_[id], key_name);
      if (!wanted) continue;  // enabled: cargo (or the manifest reader) wired it already
      base::CrateId to = crate_for(d, from, asked_of(d, nullptr), 1);
      if (to == base::kNoCrate) continue;
      std::string name = d.renamed ? key_name : graph_[to].name;
      for (base::CrateId id : crates) add_dep(id, name, to);
    }
  }

  // The lib crate of package `name` already in the graph: at `version` when given, else
  // the highest version satisfying `req`.
  base::CrateId existing(const std::string& name, const std::string& version,
                         const std::string& req) const {
    base::CrateId best = base::kNoCrate;
    for (base::CrateId id = 0; id < graph_.size(); ++id) {
      const base::CrateData& c = graph_[id];
      if (c.target != base::TargetKind::Lib || c.origin == base::CrateOrigin::Sysroot ||
          c.package_name != name) {
        continue;
      }
      if (!version.empty()) {
        if (c.package_version == version) return id;
        continue;
      }
      if (!version_matches(c.package_version, req)) continue;
      if (best == base::kNoCrate ||
          compare_versions(c.package_version, graph_[best].package_version) > 0) {
        best = id;
      }
    }
    return best;
  }

  base::CrateId lib_in(const std::string& dir) const {
    for (base::CrateId id = 0; id < graph_.size(); ++id) {
      const base::CrateData& c = graph_[id];
      if (c.target == base::TargetKind::Lib && c.origin != base::CrateOrigin::Sysroot &&
          c.package_root == dir) {
        return id;
      }
    }
    return base::kNoCrate;
  }

  // The crate for dependency entry `d` of `from`: one already in the graph, else a new one.
  base::CrateId crate_for(const ManifestDependency& d, const From& from,
                          const std::set<std::string>& asked, int depth) {
    std::string dir;
    if (d.path) {
      dir = join_path(d.path_base.empty() ? from.dir : d.path_base, *d.path);
      if (!host_.fs().is_file(dir + "/Cargo.toml")) return base::kNoCrate;
    } else {
      const LockPackage* locked =
          lock_ ? lock_->dependency_of(from.name, from.version, d.package, d.version_req) : nullptr;
      base::CrateId known = locked ? existing(d.package, locked->version, "")
                                   : existing(d.package, "", d.version_req);
      if (known != base::kNoCrate) return reuse(known, asked);
      if (locked != nullptr && locked->source.compare(0, 4, "git+") == 0) {
        dir = sources_.find_git(d.package, locked->source);
      } else if (locked != nullptr && !locked->source.empty()) {
        dir = sources_.find_registry(d.package, locked->version);
      }
      if (dir.empty() && !d.git.empty()) dir = sources_.find_git(d.package, "git+" + d.git);
      if (dir.empty()) dir = sources_.find_any(d.package, d.version_req);
      if (dir.empty()) return base::kNoCrate;
    }
    dir = normalize_path(dir);
    if (base::CrateId known = lib_in(dir); known != base::kNoCrate) return reuse(known, asked);
    if (depth > limits_.max_depth || added_.size() >= limits_.max_crates) return base::kNoCrate;
    return add_package(dir, asked, depth);
  }

  // A crate asked for again: one this pass added gets the union of the features.
  base::CrateId reuse(base::CrateId id, const std::set<std::string>& asked) {
    auto it = added_.find(id);
    if (it == added_.end()) return id;  // cargo's (or the manifest reader's): left as it is
    Added& a = it->second;
    size_t before = a.requested.size();
    a.requested.insert(asked.begin(), asked.end());
    if (a.requested.size() != before) enqueue(id, a);
    return id;
  }

  void enqueue(base::CrateId id, Added& a) {
    if (a.queued) return;
    a.queued = true;
    queue_.push_back(id);
  }

  base::CrateId add_package(const std::string& dir, const std::set<std::string>& asked, int depth) {
    std::optional<Manifest> m = read_manifest(dir);
    if (!m) return base::kNoCrate;
    bool in_workspace = root_ && path_within(root_dir_, dir);
    int edition = m->edition.value_or(2015);
    if (m->edition_from_workspace && in_workspace)
      edition = root_->workspace_edition.value_or(2015);
    std::vector<PackageTarget> targets = package_targets(*m, dir, edition, true, host_.fs());
    if (targets.empty() || targets[0].kind != base::TargetKind::Lib) return base::kNoCrate;
    base::CrateData c;
    c.name = targets[0].name;
    c.package_name = m->name;
    c.package_version =
        m->version_from_workspace && in_workspace ? root_->workspace_version : m->version;
    c.root_file = targets[0].root_file;
    c.package_root = dir;
    c.edition = targets[0].edition;
    c.target = base::TargetKind::Lib;
    c.origin = base::CrateOrigin::Dependency;
    c.proc_macro = targets[0].proc_macro;
    c.cfg = cfg_;
    base::CrateId id = graph_.add(std::move(c));
    Added& a = added_[id];
    a.dir = dir;
    a.resolved.assign(m->dependencies.size(), kUntried);
    a.m = std::move(*m);
    a.requested = asked;
    a.depth = depth;
    enqueue(id, a);
    return id;
  }

  // Sets the crate's features and wires its normal dependencies (optional ones when its
  // features switch them on).
  void wire(base::CrateId id) {
    Added& a = added_.at(id);  // map nodes stay put while others are added
    a.queued = false;
    FeatureSet features = expand_features(a.m, a.requested);
    base::CrateData& c = graph_[id];
    c.cfg = cfg_;
    for (const std::string& f : features.features) c.cfg.insert_key_value("feature", f);
    c.enabled_features.assign(features.features.begin(), features.features.end());
    From from{a.m.name, c.package_version, a.dir};
    for (size_t i = 0; i < a.m.dependencies.size(); ++i) {
      const ManifestDependency& d = a.m.dependencies[i];
      if (!applies(d) || (d.optional && features.optional_deps.count(d.key) == 0)) continue;
      std::set<std::string> asked = asked_of(d, &features);
      if (a.resolved[i] == kUntried) {
        a.resolved[i] = crate_for(d, from, asked, a.depth + 1);
      } else if (a.resolved[i] != base::kNoCrate) {
        reuse(a.resolved[i], asked);
      }
      base::CrateId to = a.resolved[i];
      if (to == base::kNoCrate) continue;
      add_dep(id, d.renamed ? crate_name_of(d.key) : graph_[to].name, to);
    }
  }

  const Host& host_;
  base::CrateGraph& graph_;
  std::string root_dir_;
  PackageSources sources_;
  base::CfgOptions cfg_;
  OptionalDepsLimits limits_;
  std::optional<CargoLock> lock_;
  std::optional<Manifest> root_;  // the workspace root's manifest, when it has [workspace]
  std::map<base::CrateId, Added> added_;
  std::deque<base::CrateId> queue_;
};

}  // namespace

size_t add_inactive_optional_deps(const Host& host, const std::string& workspace_root,
                                  base::CrateGraph& graph, OptionalDepsLimits limits) {
  size_t before = graph.size();
  try {
    OptionalDeps pass(host, workspace_root, graph, limits);
    pass.run();
  } catch (const std::exception&) {
    // What was added stays: the graph is consistent after every step.
  }
  return graph.size() - before;
}

}  // namespace ferret::project
