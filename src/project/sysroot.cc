// Finding and adding the standard library crates (see sysroot.h).
#include "project/sysroot.h"

#include <map>
#include <optional>
#include <vector>

#include "project/manifest.h"
#include "project/paths.h"
#include "project/target_spec.h"
#include "project/toolchain_file.h"

namespace ferret::project {
namespace {

bool is_library_dir(const base::FileSystem& fs, const std::string& dir) {
  return !dir.empty() && fs.is_file(join_path(dir, "core/src/lib.rs"));
}

// Found: named with links resolved, as the files the editor sends are.
std::string found(const base::FileSystem& fs, const std::string& dir) {
  return normalize_path(fs.canonical(dir));
}

std::optional<Manifest> read_manifest(const base::FileSystem& fs, const std::string& dir) {
  base::FileText text = fs.read_file(dir + "/Cargo.toml");
  if (!text) return std::nullopt;
  ManifestParse parse = parse_manifest(*text, dir + "/Cargo.toml");
  return std::move(parse.manifest);
}

base::CrateId add_crate(const base::FileSystem& fs, base::CrateGraph& graph,
                        const std::string& name, const std::string& dir) {
  std::string root = dir + "/src/lib.rs";
  if (!fs.is_file(root)) return base::kNoCrate;
  std::optional<Manifest> m = read_manifest(fs, dir);
  base::CrateData c;
  c.name = crate_name_of(name);
  c.package_name = m && !m->name.empty() ? m->name : name;
  c.package_version = m ? m->version : "";
  c.root_file = root;
  c.package_root = dir;
  // A manifest without `edition` means 2015 (registry crates like libc); no manifest: 2021.
  c.edition = m ? m->edition.value_or(2015) : 2021;
  c.target = base::TargetKind::Lib;
  c.origin = base::CrateOrigin::Sysroot;
  c.cfg = base::CfgOptions::host_target();
  return graph.add(std::move(c));
}

void depend(base::CrateGraph& graph, base::CrateId from, base::CrateId to,
            const std::string& name) {
  if (from == base::kNoCrate || to == base::kNoCrate) return;
  graph[from].deps.push_back({name, to, true});
}

struct PathDependency {
  std::string name;
  std::string dir;
};

// A sysroot crate's non-optional, host-applicable dependencies from crates.io (cfg-if,
// libc, hashbrown…), found in the local registries when `registry` is given.
std::vector<PathDependency> registry_dependencies(const base::FileSystem& fs,
                                                  const std::string& crate_dir,
                                                  PackageSources* registry) {
  std::vector<PathDependency> out;
  if (registry == nullptr) return out;
  std::optional<Manifest> m = read_manifest(fs, crate_dir);
  if (!m) return out;
  base::CfgOptions cfg = base::CfgOptions::host_target();
  for (const ManifestDependency& d : m->dependencies) {
    if (d.kind != DependencyKind::Normal || d.optional || d.path || !d.git.empty()) continue;
    if (!target_spec_matches(d.target, cfg).value_or(false)) continue;
    std::string package = d.package.empty() ? d.key : d.package;
    std::string dir = registry->find_any(package, d.version_req);
    if (dir.empty()) continue;
    out.push_back({crate_name_of(d.key), dir});
  }
  return out;
}

// std's own non-optional, host-applicable path dependencies other than core and alloc.
std::vector<PathDependency> std_path_dependencies(const base::FileSystem& fs,
                                                  const std::string& library_dir) {
  std::vector<PathDependency> out;
  std::string std_dir = library_dir + "/std";
  std::optional<Manifest> m = read_manifest(fs, std_dir);
  if (!m) {
    // No manifest to read: std_detect is the one whose items std re-exports.
    for (const char* rel : {"stdarch/crates/std_detect", "std_detect"}) {
      std::string dir = library_dir + "/" + rel;
      if (fs.is_file(dir + "/src/lib.rs")) out.push_back({"std_detect", dir});
    }
    return out;
  }
  base::CfgOptions cfg = base::CfgOptions::host_target();
  for (const ManifestDependency& d : m->dependencies) {
    if (d.kind != DependencyKind::Normal || d.optional || !d.path) continue;
    if (!target_spec_matches(d.target, cfg).value_or(false)) continue;
    std::string dir = join_path(std_dir, *d.path);
    std::string name = crate_name_of(d.key);
    if (name == "core" || name == "alloc" || !fs.is_file(dir + "/src/lib.rs")) continue;
    out.push_back({name, dir});
  }
  return out;
}

}  // namespace

std::string find_sysroot_library(const Host& host, LazyToolchain& toolchain,
                                 const std::string& project_dir) {
  const base::FileSystem& fs = host.fs();
  if (std::optional<std::string> env = host.getenv("RUST_SRC_PATH"); env && !env->empty()) {
    std::string first = env->substr(0, env->find(':'));
    if (!first.empty()) {
      std::string dir = normalize_path(first);
      if (is_library_dir(fs, dir)) return found(fs, dir);
      if (is_library_dir(fs, join_path(dir, "library")))
        return found(fs, join_path(dir, "library"));
    }
  }
  if (const std::string& sysroot = toolchain.get().sysroot; !sysroot.empty()) {
    std::string pinned = installed_channel_library(fs, sysroot, pinned_channel(fs, project_dir));
    if (!pinned.empty()) return found(fs, pinned);
    std::string dir = join_path(sysroot, "lib/rustlib/src/rust/library");
    if (is_library_dir(fs, dir)) return found(fs, dir);
  }
  for (const char* dir :
       {"/usr/lib/rustlib/src/rust/library", "/usr/local/lib/rustlib/src/rust/library"}) {
    if (is_library_dir(fs, dir)) return found(fs, dir);
  }
  return "";
}

SysrootCrates add_sysroot_crates(const base::FileSystem& fs, const std::string& library_dir,
                                 base::CrateGraph& graph, PackageSources* registry) {
  SysrootCrates s;
  graph.sysroot_library = library_dir;
  s.core = add_crate(fs, graph, "core", library_dir + "/core");
  s.alloc = add_crate(fs, graph, "alloc", library_dir + "/alloc");
  s.std = add_crate(fs, graph, "std", library_dir + "/std");
  s.proc_macro = add_crate(fs, graph, "proc_macro", library_dir + "/proc_macro");
  s.test = add_crate(fs, graph, "test", library_dir + "/test");

  depend(graph, s.alloc, s.core, "core");
  depend(graph, s.std, s.core, "core");
  depend(graph, s.std, s.alloc, "alloc");
  if (s.std != base::kNoCrate) {
    // std's path dependencies, then the crates.io dependencies of std and of those
    // (each package added once).
    std::map<std::string, base::CrateId> registry_crates;
    auto add_registry_deps = [&](base::CrateId to, const std::string& dir) {
      for (const PathDependency& d : registry_dependencies(fs, dir, registry)) {
        auto [it, added] = registry_crates.emplace(d.dir, base::kNoCrate);
        if (added) {
          it->second = add_crate(fs, graph, d.name, d.dir);
          depend(graph, it->second, s.core, "core");
          depend(graph, it->second, s.alloc, "alloc");
        }
        depend(graph, to, it->second, d.name);
      }
    };
    for (const PathDependency& d : std_path_dependencies(fs, library_dir)) {
      base::CrateId id = add_crate(fs, graph, d.name, d.dir);
      depend(graph, id, s.core, "core");
      depend(graph, id, s.alloc, "alloc");
      depend(graph, s.std, id, d.name);
      if (id != base::kNoCrate) add_registry_deps(id, d.dir);
    }
    add_registry_deps(s.std, library_dir + "/std");
  }
  depend(graph, s.proc_macro, s.core, "core");
  depend(graph, s.proc_macro, s.std, "std");
  depend(graph, s.test, s.core, "core");
  depend(graph, s.test, s.std, "std");
  return s;
}

}  // namespace ferret::project
