// Project loading and the file -> crates guess (see workspace_loader.h).
#include "project/workspace_loader.h"

#include <algorithm>
#include <tuple>

#include "project/cargo_inputs.h"
#include "project/cargo_metadata.h"
#include "project/manifest.h"
#include "project/manifest_fallback.h"
#include "project/optional_deps.h"
#include "project/package_sources.h"
#include "project/paths.h"
#include "project/sysroot.h"
#include "project/toolchain.h"

namespace ferret::project {
namespace {

std::string nearest_manifest(const base::FileSystem& fs, std::string dir) {
  while (!dir.empty()) {
    std::string candidate = join_path(dir, "Cargo.toml");
    if (fs.is_file(candidate)) return candidate;
    if (dir == "/") break;
    dir = parent_path(dir);
  }
  return "";
}

base::CrateId add_lone_crate(base::CrateGraph& graph, const std::string& root,
                             const std::string& package_root, base::CrateOrigin origin) {
  base::CrateData c;
  std::string stem = file_stem(root);
  if ((stem == "lib" || stem == "main") && !package_root.empty()) stem = file_name(package_root);
  c.name = crate_name_of(stem.empty() ? "main" : stem);
  c.package_name = c.name;
  c.root_file = root;
  c.package_root = package_root;
  // A file compiled alone (`rustc file.rs`) is edition 2015; a package is 2021 here.
  c.edition = origin == base::CrateOrigin::LoneFile ? 2015 : 2021;
  c.target = stem == "main" || file_name(root) == "main.rs" ? base::TargetKind::Bin
                                                            : base::TargetKind::Lib;
  c.origin = origin;
  c.cfg = base::CfgOptions::host_target();
  return graph.add(std::move(c));
}

// Cargo.toml is not TOML: the package as one crate, so the file still gets answers.
void add_broken_manifest_crate(const Host& host, ProjectLoad& load, const std::string& input,
                               bool input_is_file, const ManifestLoad& why) {
  const base::FileSystem& fs = host.fs();
  std::string dir = parent_path(load.manifest_path);
  load.graph.warnings.push_back("ferret: " + load.manifest_path + ":" + why.error +
                                " (not valid TOML; the package is read as a single crate)");
  std::string root;
  for (const char* rel : {"src/lib.rs", "src/main.rs"}) {
    if (fs.is_file(join_path(dir, rel))) {
      root = join_path(dir, rel);
      break;
    }
  }
  if (root.empty() && input_is_file) root = input;
  if (!root.empty()) add_lone_crate(load.graph, root, dir, base::CrateOrigin::Workspace);
}

// Package caches: registry sources, git checkouts, Debian's registry. cargo metadata
// there would resolve (and write a Cargo.lock into) a folder that is not the user's.
bool in_package_cache(const Host& host, const std::string& dir) {
  std::string cargo_home = host.getenv("CARGO_HOME").value_or("");
  if (cargo_home.empty()) {
    std::string home = host.getenv("HOME").value_or("");
    if (!home.empty()) cargo_home = join_path(home, ".cargo");
  }
  if (!cargo_home.empty()) {
    cargo_home = normalize_path(cargo_home);
    if (path_within(cargo_home + "/registry", dir) || path_within(cargo_home + "/git", dir))
      return true;
  }
  return path_within("/usr/share/cargo/registry", dir);
}

void load_cargo_project(const Host& host, LazyToolchain& toolchain, ProjectLoad& load,
                        const std::string& input, bool input_is_file) {
  std::string dir = parent_path(load.manifest_path);
  // Text that is not TOML fails cargo too, with a vaguer message: read it ourselves first.
  base::FileText text = host.fs().read_file(load.manifest_path);
  ManifestParse parse =
      parse_manifest(text ? std::string_view(*text) : std::string_view(), load.manifest_path);
  if (!parse.manifest) {
    ManifestLoad why;
    why.error = parse.error;
    load.source = ProjectSource::BrokenManifest;
    add_broken_manifest_crate(host, load, input, input_is_file, why);
    return;
  }
  if (in_package_cache(host, dir)) {
    ManifestLoad m = add_manifest_crates(host, load.manifest_path, load.graph);
    load.source = ProjectSource::Manifests;
    load.workspace_root = m.workspace_root;
    return;
  }
  CargoMetadataRun run;
  std::string irregular = first_irregular_cargo_input(host.fs(), dir);
  if (irregular.empty()) {
    run = run_cargo_metadata(host, toolchain.get(), dir);
  } else {
    run.error = "not run: " + irregular + " is not a regular file";
  }
  std::string reason = run.error;
  if (run.ok) {
    CargoMetadataGraph g = add_cargo_metadata_crates(run.json, load.graph);
    if (g.ok) {
      load.source = ProjectSource::CargoMetadata;
      load.workspace_root = g.workspace_root;
      return;
    }
    reason = g.error;
  }
  load.graph.warnings.push_back("ferret: cargo metadata failed (" + reason +
                                "); reading Cargo.toml and Cargo.lock instead");
  ManifestLoad m = add_manifest_crates(host, load.manifest_path, load.graph);
  if (!m.ok) {
    load.source = ProjectSource::BrokenManifest;
    add_broken_manifest_crate(host, load, input, input_is_file, m);
    return;
  }
  load.source = ProjectSource::Manifests;
  load.workspace_root = m.workspace_root;
}

void wire_sysroot(base::CrateGraph& graph, const SysrootCrates& s) {
  for (base::CrateData& c : graph.crates) {
    if (c.origin == base::CrateOrigin::Sysroot) continue;
    auto add = [&c, &graph](const char* name, base::CrateId to, bool prelude) {
      if (to == base::kNoCrate) return;
      for (base::CrateDependency& d : c.deps) {
        if (d.name != name) continue;
        // A real dependency of that name wins, except the `rustc-std-workspace-*`
        // stand-ins (empty on crates.io; in std's own build they re-export the
        // sysroot crate, which a crate's `rustc-dep-of-std` feature expects).
        if (d.crate < graph.size() &&
            graph[d.crate].package_name.rfind("rustc-std-workspace-", 0) == 0)
          d.crate = to;
        return;
      }
      c.deps.push_back({name, to, prelude});
    };
    add("core", s.core, true);
    add("std", s.std, true);
    add("alloc", s.alloc, false);
    add("proc_macro", s.proc_macro, c.proc_macro);
    add("test", s.test, false);
  }
}

ProjectLoad load_impl(const Host& host, const std::string& file_or_dir) {
  ProjectLoad load;
  const base::FileSystem& fs = host.fs();
  std::string input = normalize_path(file_or_dir);
  bool input_is_file = !fs.is_dir(input);
  std::string start = input_is_file ? parent_path(input) : input;
  LazyToolchain toolchain(host);
  std::string library = find_sysroot_library(host, toolchain, start);
  if (!library.empty() && path_within(library, input)) {
    // The standard library's own sources: its crates are the sysroot's (its Cargo
    // workspace is rustc's, with tools that are not there to resolve).
    load.source = ProjectSource::Sysroot;
    PackageSources registry(host, start);
    add_sysroot_crates(fs, library, load.graph, &registry);
    return load;
  }
  load.manifest_path = nearest_manifest(fs, start);
  if (!load.manifest_path.empty()) {
    load_cargo_project(host, toolchain, load, input, input_is_file);
    // Before the sysroot wiring, so the added crates get core, std and alloc too.
    if (load.source == ProjectSource::CargoMetadata || load.source == ProjectSource::Manifests)
      add_inactive_optional_deps(host, load.workspace_root, load.graph);
  }
  if (input_is_file && crates_for_file(load.graph, input).empty()) {
    // No manifest, or a file outside every package (a script beside a virtual manifest).
    add_lone_crate(load.graph, input, "", base::CrateOrigin::LoneFile);
    if (load.manifest_path.empty()) load.source = ProjectSource::LoneFile;
  }
  if (library.empty()) {
    load.graph.warnings.push_back(kNoStdSourcesWarning);
    return load;
  }
  PackageSources registry(host, start);
  SysrootCrates s = add_sysroot_crates(fs, library, load.graph, &registry);
  wire_sysroot(load.graph, s);
  return load;
}

}  // namespace

ProjectLoad load_project(const Host& host, const std::string& file_or_dir) {
  try {
    return load_impl(host, file_or_dir);
  } catch (const std::exception& e) {
    ProjectLoad failed;
    failed.graph.warnings.push_back(std::string("ferret: cannot load the project: ") + e.what());
    return failed;
  }
}

bool has_lone_crate_of(const base::CrateGraph& graph, const std::string& file) {
  for (const base::CrateData& c : graph.crates) {
    if (c.origin == base::CrateOrigin::LoneFile && c.root_file == file) return true;
  }
  return false;
}

std::vector<base::CrateId> crates_for_file(const base::CrateGraph& graph, const std::string& file) {
  auto kind_rank = [](base::TargetKind k) {
    switch (k) {
      case base::TargetKind::Lib: return 0;
      case base::TargetKind::Bin: return 1;
      case base::TargetKind::Test: return 2;
      case base::TargetKind::Example: return 3;
      case base::TargetKind::Bench: return 4;
      default: return 5;
    }
  };
  // Sort key: rooted at the file, deeper package, deeper root folder holding the file, kind.
  using Key = std::tuple<int, size_t, size_t, int, base::CrateId>;
  std::vector<std::pair<Key, base::CrateId>> found;
  for (base::CrateId id = 0; id < graph.size(); ++id) {
    const base::CrateData& c = graph[id];
    bool rooted = c.root_file == file;
    if (!rooted && !path_within(c.package_root, file)) continue;
    std::string root_dir = parent_path(c.root_file);
    size_t holds = path_within(root_dir, file) ? root_dir.size() : 0;
    Key key{rooted ? 0 : 1, SIZE_MAX - c.package_root.size(), SIZE_MAX - holds, kind_rank(c.target),
            id};
    found.push_back({key, id});
  }
  std::sort(found.begin(), found.end());
  std::vector<base::CrateId> out;
  for (const auto& [key, id] : found) out.push_back(id);
  return out;
}

}  // namespace ferret::project
