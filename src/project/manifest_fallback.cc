// The manifest/lock reader's driver (see manifest_fallback.h): load packages from the
// workspace members outward, unify features to a fixpoint, then emit crates.
#include "project/manifest_fallback.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "project/cargo_lock.h"
#include "project/features.h"
#include "project/manifest.h"
#include "project/package_sources.h"
#include "project/package_targets.h"
#include "project/paths.h"
#include "project/target_spec.h"
#include "project/workspace_layout.h"

namespace ferret::project {
namespace {

constexpr int kUntried = -2;
constexpr int kUnresolved = -1;
constexpr size_t kMaxPackages = 5000;

struct Node {
  std::string dir;
  Manifest m;
  bool member = false;
  int edition = 2015;
  std::string version;
  std::set<std::string> requested;
  bool processed = false;
  bool queued = false;
  FeatureSet features;
  std::vector<int> dep_nodes;  // per m.dependencies entry: node, kUnresolved or kUntried
};

class Loader {
 public:
  Loader(const Host& host, WorkspaceLayout layout)
      : host_(host),
        layout_(std::move(layout)),
        sources_(host, layout_.root_dir),
        cfg_(base::CfgOptions::host_target()) {
    if (base::FileText text = host.fs().read_file(layout_.root_dir + "/Cargo.lock")) {
      std::string error;
      lock_ = parse_cargo_lock(*text, &error);
      if (!lock_) warn(layout_.root_dir + "/Cargo.lock:" + error + " (ignored)");
    }
  }

  void load_members() {
    for (const std::string& dir : layout_.member_dirs) {
      int n = node_for_dir(dir, true);
      if (n < 0) continue;
      // A member is analysed with all its features: they are additive, and the user
      // wants all the code they edit live (cargo's --all-features).
      std::set<std::string> all = {"default"};
      for (const auto& [name, implied] : nodes_[n].m.features) all.insert(name);
      for (const ManifestDependency& d : nodes_[n].m.dependencies) {
        if (d.optional) all.insert(d.key);  // an optional dependency's implicit feature
      }
      request(n, all);
    }
    while (!work_.empty()) {
      int n = work_.back();
      work_.pop_back();
      process(n);
    }
  }

  void emit(base::CrateGraph& graph) {
    std::vector<base::CrateId> lib_of(nodes_.size(), base::kNoCrate);
    std::vector<std::vector<base::CrateId>> crates_of(nodes_.size());
    for (size_t n = 0; n < nodes_.size(); ++n) add_crates(graph, n, lib_of, crates_of);
    for (size_t n = 0; n < nodes_.size(); ++n) add_deps(graph, n, lib_of, crates_of);
    if (!missing_.empty()) {
      std::string list;
      size_t shown = 0;
      for (const std::string& m : missing_) {
        if (shown++ == 6) {
          list += ", …";
          break;
        }
        list += (list.empty() ? "" : ", ") + m;
      }
      warn("cannot find the sources of " + std::to_string(missing_.size()) +
           (missing_.size() == 1 ? " dependency: " : " dependencies: ") + list);
    }
    for (std::string& w : warnings_) graph.warnings.push_back("ferret: " + std::move(w));
  }

 private:
  void warn(std::string message) { warnings_.push_back(std::move(message)); }

  int node_for_dir(const std::string& dir, bool member) {
    auto it = by_dir_.find(dir);
    if (it != by_dir_.end()) return it->second;
    if (nodes_.size() >= kMaxPackages) return kUnresolved;
    std::string path = dir + "/Cargo.toml";
    base::FileText text = host_.fs().read_file(path);
    if (!text) {
      warn("cannot read " + path);
      by_dir_[dir] = kUnresolved;
      return kUnresolved;
    }
    ManifestParse parse = parse_manifest(*text, path);
    if (!parse.manifest || !parse.manifest->has_package) {
      warn(path + (parse.manifest ? ": no [package]" : ":" + parse.error));
      by_dir_[dir] = kUnresolved;
      return kUnresolved;
    }
    Node node;
    node.dir = dir;
    node.m = std::move(*parse.manifest);
    node.member = member;
    bool in_workspace = layout_.has_workspace && path_within(layout_.root_dir, dir);
    node.edition = node.m.edition.value_or(2015);
    if (node.m.edition_from_workspace && in_workspace) {
      node.edition = layout_.root.workspace_edition.value_or(2015);
    }
    node.version = node.m.version_from_workspace && in_workspace ? layout_.root.workspace_version
                                                                 : node.m.version;
    if (in_workspace) {
      for (ManifestDependency& d : node.m.dependencies) {
        merge_workspace_dependency(d, layout_.root, layout_.root_dir);
      }
    }
    node.dep_nodes.assign(node.m.dependencies.size(), kUntried);
    int n = static_cast<int>(nodes_.size());
    nodes_.push_back(std::move(node));
    by_dir_[dir] = n;
    return n;
  }

  void request(int n, const std::set<std::string>& features) {
    Node& node = nodes_[n];
    size_t before = node.requested.size();
    node.requested.insert(features.begin(), features.end());
    if ((node.requested.size() != before || !node.processed) && !node.queued) {
      node.queued = true;
      work_.push_back(n);
    }
  }

  bool active(const Node& node, const ManifestDependency& d) const {
    if (d.kind == DependencyKind::Build) return false;
    if (d.kind == DependencyKind::Dev && !node.member) return false;
    if (d.optional && node.features.optional_deps.count(d.key) == 0) return false;
    return target_spec_matches(d.target, cfg_).value_or(true);
  }

  void process(int n) {
    nodes_[n].queued = false;
    nodes_[n].processed = true;
    nodes_[n].features = expand_features(nodes_[n].m, nodes_[n].requested);
    for (size_t i = 0; i < nodes_[n].m.dependencies.size(); ++i) {
      if (!active(nodes_[n], nodes_[n].m.dependencies[i])) continue;
      if (nodes_[n].dep_nodes[i] == kUntried) {
        int target = resolve(n, i);  // may grow nodes_
        nodes_[n].dep_nodes[i] = target;
      }
      int target = nodes_[n].dep_nodes[i];
      if (target < 0) continue;
      const ManifestDependency& d = nodes_[n].m.dependencies[i];
      std::set<std::string> asked(d.features.begin(), d.features.end());
      auto extra = nodes_[n].features.dep_features.find(d.key);
      if (extra != nodes_[n].features.dep_features.end())
        asked.insert(extra->second.begin(), extra->second.end());
      if (d.default_features) asked.insert("default");
      request(target, asked);
    }
  }

  // A member's optional dependency is on only because members get all their features:
  // when its sources are missing the user is not told (the optional-dependency pass
  // adds what it finds, quietly, as for every optional dependency).
  static bool quiet_when_missing(const Node& node, const ManifestDependency& d) {
    return node.member && d.optional;
  }

  int resolve(int n, size_t i) {
    const Node& node = nodes_[n];
    const ManifestDependency d = node.m.dependencies[i];
    std::string dir;
    if (d.path) {
      dir = join_path(d.path_base.empty() ? node.dir : d.path_base, *d.path);
      if (!host_.fs().is_file(dir + "/Cargo.toml")) {
        if (!quiet_when_missing(node, d)) missing_.insert(d.package + " (path " + *d.path + ")");
        return kUnresolved;
      }
    } else {
      std::string wanted = d.version_req.empty() ? "*" : d.version_req;
      if (lock_) {
        if (const LockPackage* p =
                lock_->dependency_of(node.m.name, node.version, d.package, d.version_req)) {
          wanted = p->version;
          if (p->source.compare(0, 4, "git+") == 0) {
            dir = sources_.find_git(d.package, p->source);
          } else if (!p->source.empty()) {
            dir = sources_.find_registry(d.package, p->version);
          }
        }
      }
      if (dir.empty() && !d.git.empty()) dir = sources_.find_git(d.package, "git+" + d.git);
      if (dir.empty()) dir = sources_.find_any(d.package, d.version_req);
      if (dir.empty()) {
        if (!quiet_when_missing(node, d)) missing_.insert(d.package + " " + wanted);
        return kUnresolved;
      }
    }
    bool member = std::find(layout_.member_dirs.begin(), layout_.member_dirs.end(), dir) !=
                      layout_.member_dirs.end() ||
                  (layout_.has_workspace && path_within(layout_.root_dir, dir) &&
                   layout_.is_member_dir(dir) && d.path.has_value());
    return node_for_dir(dir, member);
  }

  void add_crates(base::CrateGraph& graph, size_t n, std::vector<base::CrateId>& lib_of,
                  std::vector<std::vector<base::CrateId>>& crates_of) {
    const Node& node = nodes_[n];
    if (!node.processed) return;
    base::CfgOptions cfg = cfg_;
    for (const std::string& f : node.features.features) cfg.insert_key_value("feature", f);
    for (const PackageTarget& t :
         package_targets(node.m, node.dir, node.edition, !node.member, host_.fs())) {
      base::CrateData c;
      c.name = t.name;
      c.package_name = node.m.name;
      c.package_version = node.version;
      c.root_file = t.root_file;
      c.package_root = node.dir;
      c.edition = t.edition;
      c.target = t.kind;
      c.origin = node.member ? base::CrateOrigin::Workspace : base::CrateOrigin::Dependency;
      c.proc_macro = t.proc_macro;
      c.cfg = cfg;
      // cfg(test) holds in the crates the user edits (their unit tests are live code).
      if (t.kind == base::TargetKind::Test || node.member) c.cfg.insert_atom("test");
      c.enabled_features.assign(node.features.features.begin(), node.features.features.end());
      base::CrateId id = graph.add(std::move(c));
      if (t.kind == base::TargetKind::Lib) lib_of[n] = id;
      crates_of[n].push_back(id);
    }
  }

  void add_deps(base::CrateGraph& graph, size_t n, const std::vector<base::CrateId>& lib_of,
                const std::vector<std::vector<base::CrateId>>& crates_of) {
    const Node& node = nodes_[n];
    for (base::CrateId id : crates_of[n]) {
      base::CrateData& c = graph[id];
      auto add = [&c](std::string name, base::CrateId to) {
        for (const base::CrateDependency& d : c.deps) {
          if (d.name == name) return;
        }
        c.deps.push_back({std::move(name), to, true});
      };
      bool dev = c.target == base::TargetKind::Test || c.target == base::TargetKind::Example ||
                 c.target == base::TargetKind::Bench;
      if (c.target != base::TargetKind::Lib && lib_of[n] != base::kNoCrate) {
        add(graph[lib_of[n]].name, lib_of[n]);
      }
      for (size_t i = 0; i < node.m.dependencies.size(); ++i) {
        const ManifestDependency& d = node.m.dependencies[i];
        int target = node.dep_nodes[i];
        if (target < 0 || lib_of[target] == base::kNoCrate || !active(node, d)) continue;
        if (d.kind == DependencyKind::Dev && !dev) continue;
        base::CrateId to = lib_of[target];
        add(d.renamed ? crate_name_of(d.key) : graph[to].name, to);
      }
    }
  }

  const Host& host_;
  WorkspaceLayout layout_;
  PackageSources sources_;
  base::CfgOptions cfg_;
  std::optional<CargoLock> lock_;
  std::vector<Node> nodes_;
  std::map<std::string, int> by_dir_;
  std::vector<int> work_;
  std::set<std::string> missing_;
  std::vector<std::string> warnings_;
};

}  // namespace

ManifestLoad add_manifest_crates(const Host& host, const std::string& manifest_path,
                                 base::CrateGraph& graph) {
  ManifestLoad result;
  try {
    base::FileText text = host.fs().read_file(manifest_path);
    if (!text) {
      result.error = "cannot read " + manifest_path;
      return result;
    }
    ManifestParse parse = parse_manifest(*text, manifest_path);
    if (!parse.manifest) {
      result.error = parse.error;
      result.error_line = parse.error_line;
      result.error_column = parse.error_column;
      return result;
    }
    std::string dir = parent_path(manifest_path);
    WorkspaceLayout layout = find_workspace(host.fs(), dir, *parse.manifest);
    result.workspace_root = layout.root_dir;
    Loader loader(host, std::move(layout));
    loader.load_members();
    loader.emit(graph);
    result.ok = true;
  } catch (const std::exception& e) {
    result.ok = false;
    result.error = std::string("0:0: ") + e.what();
  }
  return result;
}

}  // namespace ferret::project
