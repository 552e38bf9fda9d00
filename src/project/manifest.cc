// Reading Cargo.toml with toml++ (see manifest.h).
#include "project/manifest.h"

#include <toml++/toml.h>

#include <charconv>

namespace ferret::project {
namespace {

std::optional<int> edition_year(const toml::node* node) {
  if (node == nullptr) return std::nullopt;
  std::optional<std::string> s = node->value<std::string>();
  if (!s) return std::nullopt;
  int year = 0;
  auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), year);
  if (ec != std::errc() || p != s->data() + s->size()) return std::nullopt;
  return year;
}

bool inherits(const toml::node* node) {
  const toml::table* t = node != nullptr ? node->as_table() : nullptr;
  return t != nullptr && t->get("workspace") != nullptr && (*t)["workspace"].value_or(false);
}

std::string string_of(const toml::node* node) {
  if (node == nullptr) return "";
  return node->value<std::string>().value_or("");
}

std::vector<std::string> strings_of(const toml::node* node) {
  std::vector<std::string> out;
  const toml::array* arr = node != nullptr ? node->as_array() : nullptr;
  if (arr == nullptr) return out;
  for (const toml::node& el : *arr) {
    if (auto s = el.value<std::string>()) out.push_back(*s);
  }
  return out;
}

bool bool_key(const toml::table& t, const char* dashed, const char* underscored, bool fallback) {
  if (auto v = t[dashed].value<bool>()) return *v;
  if (auto v = t[underscored].value<bool>()) return *v;
  return fallback;
}

ManifestTarget read_target(const toml::table& t) {
  ManifestTarget target;
  target.name = string_of(t.get("name"));
  if (auto p = t["path"].value<std::string>()) target.path = *p;
  target.edition = edition_year(t.get("edition"));
  target.proc_macro = bool_key(t, "proc-macro", "proc_macro", false);
  return target;
}

std::vector<ManifestTarget> read_targets(const toml::table& root, const char* key) {
  std::vector<ManifestTarget> out;
  const toml::array* arr = root[key].as_array();
  if (arr == nullptr) return out;
  for (const toml::node& el : *arr) {
    if (const toml::table* t = el.as_table()) out.push_back(read_target(*t));
  }
  return out;
}

ManifestDependency read_dependency(const std::string& key, const toml::node& value) {
  ManifestDependency dep;
  dep.key = key;
  dep.package = key;
  if (auto s = value.value<std::string>()) {
    dep.version_req = *s;
    return dep;
  }
  const toml::table* t = value.as_table();
  if (t == nullptr) return dep;
  if (auto p = (*t)["package"].value<std::string>()) {
    dep.package = *p;
    dep.renamed = true;
  }
  dep.version_req = string_of(t->get("version"));
  if (auto p = (*t)["path"].value<std::string>()) dep.path = *p;
  dep.git = string_of(t->get("git"));
  dep.optional = (*t)["optional"].value_or(false);
  dep.default_features = bool_key(*t, "default-features", "default_features", true);
  dep.from_workspace = (*t)["workspace"].value_or(false);
  dep.features = strings_of(t->get("features"));
  return dep;
}

void read_dependency_tables(const toml::table& holder, const std::string& target,
                            std::vector<ManifestDependency>& out) {
  static constexpr struct {
    const char* key;
    DependencyKind kind;
  } kTables[] = {
      {"dependencies", DependencyKind::Normal},      {"dev-dependencies", DependencyKind::Dev},
      {"dev_dependencies", DependencyKind::Dev},     {"build-dependencies", DependencyKind::Build},
      {"build_dependencies", DependencyKind::Build},
  };
  for (const auto& table : kTables) {
    const toml::table* deps = holder[table.key].as_table();
    if (deps == nullptr) continue;
    for (const auto& [k, v] : *deps) {
      ManifestDependency dep = read_dependency(std::string(k.str()), v);
      dep.kind = table.kind;
      dep.target = target;
      out.push_back(std::move(dep));
    }
  }
}

void read_package(const toml::table& package, Manifest& m) {
  m.has_package = true;
  m.name = string_of(package.get("name"));
  const toml::node* version = package.get("version");
  m.version = string_of(version);
  m.version_from_workspace = inherits(version);
  const toml::node* edition = package.get("edition");
  m.edition = edition_year(edition);
  m.edition_from_workspace = inherits(edition);
  if (auto w = package["workspace"].value<std::string>()) m.workspace_path = *w;
  m.autobins = package["autobins"].value_or(true);
  m.autoexamples = package["autoexamples"].value_or(true);
  m.autotests = package["autotests"].value_or(true);
  m.autobenches = package["autobenches"].value_or(true);
}

void read_workspace(const toml::table& ws, Manifest& m) {
  m.has_workspace = true;
  m.members = strings_of(ws.get("members"));
  m.exclude = strings_of(ws.get("exclude"));
  if (const toml::table* package = ws["package"].as_table()) {
    m.workspace_edition = edition_year(package->get("edition"));
    m.workspace_version = string_of(package->get("version"));
  }
  if (const toml::table* deps = ws["dependencies"].as_table()) {
    for (const auto& [k, v] : *deps) {
      std::string key(k.str());
      m.workspace_dependencies.emplace(key, read_dependency(key, v));
    }
  }
}

Manifest read_manifest(const toml::table& root) {
  Manifest m;
  if (const toml::table* package = root["package"].as_table()) read_package(*package, m);
  if (const toml::table* lib = root["lib"].as_table()) m.lib = read_target(*lib);
  m.bins = read_targets(root, "bin");
  m.examples = read_targets(root, "example");
  m.tests = read_targets(root, "test");
  m.benches = read_targets(root, "bench");
  read_dependency_tables(root, "", m.dependencies);
  if (const toml::table* targets = root["target"].as_table()) {
    for (const auto& [k, v] : *targets) {
      if (const toml::table* t = v.as_table())
        read_dependency_tables(*t, std::string(k.str()), m.dependencies);
    }
  }
  if (const toml::table* features = root["features"].as_table()) {
    for (const auto& [k, v] : *features) m.features[std::string(k.str())] = strings_of(&v);
  }
  if (const toml::table* ws = root["workspace"].as_table()) read_workspace(*ws, m);
  return m;
}

}  // namespace

ManifestParse parse_manifest(std::string_view text, std::string_view path) {
  ManifestParse result;
  try {
    toml::table root = toml::parse(text, path);
    result.manifest = read_manifest(root);
  } catch (const toml::parse_error& e) {
    result.error_line = static_cast<int>(e.source().begin.line);
    result.error_column = static_cast<int>(e.source().begin.column);
    result.error = std::to_string(result.error_line) + ":" + std::to_string(result.error_column) +
                   ": " + std::string(e.description());
  } catch (const std::exception& e) {
    result.manifest.reset();
    result.error = std::string("0:0: ") + e.what();
  }
  return result;
}

void merge_workspace_dependency(ManifestDependency& dep, const Manifest& root,
                                const std::string& root_dir) {
  if (!dep.from_workspace) return;
  auto it = root.workspace_dependencies.find(dep.key);
  if (it == root.workspace_dependencies.end()) return;
  const ManifestDependency& base = it->second;
  dep.package = base.package;
  dep.renamed = base.renamed;
  dep.version_req = base.version_req;
  dep.git = base.git;
  if (base.path) {
    dep.path = base.path;
    dep.path_base = root_dir;
  }
  dep.default_features = base.default_features;
  std::vector<std::string> features = base.features;
  features.insert(features.end(), dep.features.begin(), dep.features.end());
  dep.features = std::move(features);
  dep.from_workspace = false;
}

}  // namespace ferret::project
