// Running cargo metadata and reading its JSON with nlohmann-json (see cargo_metadata.h).
#include "project/cargo_metadata.h"

#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <vector>

#include "project/cargo_source_config.h"
#include "project/paths.h"
#include "project/target_spec.h"

namespace ferret::project {
namespace {

using nlohmann::json;

std::string first_error_line(const std::string& err) {
  // Cargo prints warnings first; the `error:` line says what went wrong.
  size_t at = err.find("error:");
  std::string line = err.substr(at == std::string::npos ? 0 : at);
  line = line.substr(0, line.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  if (line.size() > 300) line = line.substr(0, 300) + "…";
  return line;
}

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int edition_of(const json& j) {
  std::string e = str(j, "edition");
  return e.empty() ? 2015 : std::atoi(e.c_str());
}

bool has_kind(const json& target, const char* kind) {
  auto it = target.find("kind");
  if (it == target.end() || !it->is_array()) return false;
  for (const json& k : *it) {
    if (k.is_string() && k.get<std::string>() == kind) return true;
  }
  return false;
}

std::optional<base::TargetKind> target_kind(const json& target) {
  if (has_kind(target, "custom-build")) return std::nullopt;
  if (has_kind(target, "bin")) return base::TargetKind::Bin;
  if (has_kind(target, "example")) return base::TargetKind::Example;
  if (has_kind(target, "test")) return base::TargetKind::Test;
  if (has_kind(target, "bench")) return base::TargetKind::Bench;
  for (const char* lib : {"lib", "rlib", "dylib", "cdylib", "staticlib", "proc-macro"}) {
    if (has_kind(target, lib)) return base::TargetKind::Lib;
  }
  return std::nullopt;
}

struct Edge {
  std::string name;
  std::string pkg;
  bool normal = false;  // some dep_kind is normal and applies to the host
  bool dev = false;
};

struct Package {
  const json* data = nullptr;
  bool member = false;
  std::vector<std::string> features;
  std::vector<Edge> edges;
  bool reachable = false;
  base::CrateId lib = base::kNoCrate;
  std::vector<base::CrateId> crates;
};

std::vector<Edge> edges_of(const json& node, const base::CfgOptions& cfg) {
  std::vector<Edge> out;
  auto deps = node.find("deps");
  if (deps == node.end() || !deps->is_array()) return out;
  for (const json& d : *deps) {
    Edge e;
    e.name = crate_name_of(str(d, "name"));
    e.pkg = str(d, "pkg");
    auto kinds = d.find("dep_kinds");
    if (kinds == d.end() || !kinds->is_array() || kinds->empty()) {
      e.normal = true;  // cargo before 1.41 gives no dep_kinds
    } else {
      for (const json& k : *kinds) {
        auto target = k.find("target");
        if (target != k.end() && target->is_string() &&
            !target_spec_matches(target->get<std::string>(), cfg).value_or(true)) {
          continue;
        }
        std::string kind = str(k, "kind");
        if (kind.empty()) e.normal = true;
        if (kind == "dev") e.dev = true;
      }
    }
    if (!e.name.empty() && !e.pkg.empty() && (e.normal || e.dev)) out.push_back(std::move(e));
  }
  return out;
}

// Marks what the workspace members reach through normal deps (and their own dev deps).
void mark_reachable(std::map<std::string, Package>& packages) {
  std::vector<std::string> work;
  for (auto& [id, p] : packages) {
    if (p.member) {
      p.reachable = true;
      work.push_back(id);
    }
  }
  while (!work.empty()) {
    std::string id = std::move(work.back());
    work.pop_back();
    const Package& p = packages[id];
    for (const Edge& e : p.edges) {
      if (!e.normal && !(e.dev && p.member)) continue;
      auto it = packages.find(e.pkg);
      if (it != packages.end() && !it->second.reachable) {
        it->second.reachable = true;
        work.push_back(e.pkg);
      }
    }
  }
}

void add_crates(Package& p, std::vector<base::CrateData>& out, base::CrateId first_id,
                const base::CfgOptions& host) {
  const json& pkg = *p.data;
  auto targets = pkg.find("targets");
  if (targets == pkg.end() || !targets->is_array()) return;
  std::string manifest = str(pkg, "manifest_path");
  base::CfgOptions cfg = host;
  for (const std::string& f : p.features) cfg.insert_key_value("feature", f);
  for (const json& t : *targets) {
    std::optional<base::TargetKind> kind = target_kind(t);
    if (!kind || (!p.member && *kind != base::TargetKind::Lib)) continue;
    if (*kind == base::TargetKind::Lib && p.lib != base::kNoCrate) continue;
    base::CrateData c;
    c.name = crate_name_of(str(t, "name"));
    c.package_name = str(pkg, "name");
    c.package_version = str(pkg, "version");
    c.root_file = normalize_path(str(t, "src_path"));
    c.package_root =
        manifest.empty() ? parent_path(c.root_file) : parent_path(normalize_path(manifest));
    c.edition = edition_of(t);
    c.target = *kind;
    c.origin = p.member ? base::CrateOrigin::Workspace : base::CrateOrigin::Dependency;
    c.proc_macro = has_kind(t, "proc-macro");
    c.cfg = cfg;
    // cfg(test) holds in the crates the user edits (their unit tests are live code).
    if (*kind == base::TargetKind::Test || p.member) c.cfg.insert_atom("test");
    c.enabled_features = p.features;
    base::CrateId id = first_id + static_cast<base::CrateId>(out.size());
    if (*kind == base::TargetKind::Lib) p.lib = id;
    p.crates.push_back(id);
    out.push_back(std::move(c));
  }
}

void add_deps(const Package& p, const std::map<std::string, Package>& packages,
              std::vector<base::CrateData>& out, base::CrateId first_id) {
  for (base::CrateId id : p.crates) {
    base::CrateData& c = out[id - first_id];
    auto add = [&c](const std::string& name, base::CrateId to) {
      for (const base::CrateDependency& d : c.deps) {
        if (d.name == name) return;
      }
      c.deps.push_back({name, to, true});
    };
    bool dev = c.target == base::TargetKind::Test || c.target == base::TargetKind::Example ||
               c.target == base::TargetKind::Bench;
    if (c.target != base::TargetKind::Lib && p.lib != base::kNoCrate)
      add(out[p.lib - first_id].name, p.lib);
    for (const Edge& e : p.edges) {
      if (!e.normal && !(e.dev && dev)) continue;
      auto it = packages.find(e.pkg);
      if (it == packages.end() || it->second.lib == base::kNoCrate) continue;
      add(e.name, it->second.lib);
    }
  }
}

}  // namespace

CargoMetadataRun run_cargo_metadata(const Host& host, const Toolchain& toolchain,
                                    const std::string& manifest_dir, int timeout_ms) {
  CargoMetadataRun run;
  const std::string& cargo = toolchain.cargo;
  std::vector<std::string> argv = {cargo, "metadata", "--format-version", "1", "--offline",
                                   // Members with all their features: they are additive,
                                   // and the user wants all the code they edit live.
                                   "--all-features", "--manifest-path",
                                   join_path(manifest_dir, "Cargo.toml")};
  for (std::string& entry : cargo_source_config(host.fs(), manifest_dir)) {
    argv.push_back("--config");
    argv.push_back(std::move(entry));
  }
  ProcessResult r = host.run(toolchain_command(toolchain, std::move(argv), timeout_ms));
  if (!r.started) {
    run.error = "could not run " + cargo;
  } else if (r.exit_code == -1) {
    run.error = cargo + " metadata took longer than " + std::to_string(timeout_ms / 1000) + " s";
  } else if (r.exit_code != 0) {
    std::string line = first_error_line(r.err);
    run.error =
        line.empty() ? cargo + " metadata exited with status " + std::to_string(r.exit_code) : line;
  } else {
    run.ok = true;
    run.json = std::move(r.out);
  }
  return run;
}

CargoMetadataGraph add_cargo_metadata_crates(std::string_view text, base::CrateGraph& graph) {
  CargoMetadataGraph result;
  try {
    json doc = json::parse(text.begin(), text.end());
    if (!doc.is_object() || !doc.contains("packages") || !doc["packages"].is_array()) {
      result.error = "cargo metadata printed no packages";
      return result;
    }
    result.workspace_root = normalize_path(str(doc, "workspace_root"));
    std::set<std::string> members;
    if (doc.contains("workspace_members") && doc["workspace_members"].is_array()) {
      for (const json& m : doc["workspace_members"]) {
        if (m.is_string()) members.insert(m.get<std::string>());
      }
    }
    std::map<std::string, Package> packages;
    std::vector<std::string> order;  // the JSON's package order, for a stable graph
    for (const json& pkg : doc["packages"]) {
      std::string id = str(pkg, "id");
      if (id.empty() || packages.count(id) != 0) continue;
      Package& p = packages[id];
      p.data = &pkg;
      p.member = members.count(id) != 0;
      order.push_back(id);
    }
    base::CfgOptions host = base::CfgOptions::host_target();
    const json* nodes = nullptr;
    if (doc.contains("resolve") && doc["resolve"].is_object() && doc["resolve"].contains("nodes")) {
      nodes = &doc["resolve"]["nodes"];
    }
    if (nodes != nullptr && nodes->is_array()) {
      for (const json& node : *nodes) {
        auto it = packages.find(str(node, "id"));
        if (it == packages.end()) continue;
        it->second.edges = edges_of(node, host);
        if (node.contains("features") && node["features"].is_array()) {
          for (const json& f : node["features"]) {
            if (f.is_string()) it->second.features.push_back(f.get<std::string>());
          }
        }
      }
    }
    mark_reachable(packages);
    // Members first (what the user edits), then dependencies, each in the JSON's order.
    std::vector<base::CrateData> crates;
    base::CrateId first_id = static_cast<base::CrateId>(graph.size());
    for (int pass = 0; pass < 2; ++pass) {
      for (const std::string& id : order) {
        Package& p = packages[id];
        if (p.reachable && p.member == (pass == 0)) add_crates(p, crates, first_id, host);
      }
    }
    for (const std::string& id : order) add_deps(packages[id], packages, crates, first_id);
    for (base::CrateData& c : crates) graph.add(std::move(c));
    result.ok = true;
  } catch (const std::exception& e) {
    result.ok = false;
    result.error = std::string("cannot read cargo metadata's output: ") + e.what();
  }
  return result;
}

}  // namespace ferret::project
