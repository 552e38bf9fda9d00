// Reading Cargo.lock (see cargo_lock.h).
#include "project/cargo_lock.h"

#include <toml++/toml.h>

#include "project/versions.h"

namespace ferret::project {
namespace {

struct DependencyRef {
  std::string name, version, source;
};

DependencyRef split_reference(std::string_view s) {
  DependencyRef ref;
  size_t space = s.find(' ');
  ref.name = std::string(s.substr(0, space));
  if (space == std::string_view::npos) return ref;
  std::string_view rest = s.substr(space + 1);
  size_t space2 = rest.find(' ');
  ref.version = std::string(rest.substr(0, space2));
  if (space2 != std::string_view::npos) {
    std::string_view src = rest.substr(space2 + 1);
    if (src.size() >= 2 && src.front() == '(' && src.back() == ')')
      src = src.substr(1, src.size() - 2);
    ref.source = std::string(src);
  }
  return ref;
}

}  // namespace

const LockPackage* CargoLock::dependency_of(const std::string& from_name,
                                            const std::string& from_version,
                                            const std::string& name, const std::string& req) const {
  for (const LockPackage& from : packages) {
    if (from.name != from_name || (!from_version.empty() && from.version != from_version)) continue;
    for (const std::string& d : from.dependencies) {
      DependencyRef ref = split_reference(d);
      if (ref.name != name) continue;
      for (const LockPackage& p : packages) {
        if (p.name == name && (ref.version.empty() || p.version == ref.version) &&
            (ref.source.empty() || p.source == ref.source)) {
          return &p;
        }
      }
    }
    break;
  }
  const LockPackage* best = nullptr;
  bool best_matches = false;
  for (const LockPackage& p : packages) {
    if (p.name != name) continue;
    bool matches = version_matches(p.version, req);
    if (best == nullptr || (matches && !best_matches) ||
        (matches == best_matches && compare_versions(p.version, best->version) > 0)) {
      best = &p;
      best_matches = matches;
    }
  }
  return best;
}

std::optional<CargoLock> parse_cargo_lock(std::string_view text, std::string* error) {
  try {
    toml::table root = toml::parse(text, std::string_view("Cargo.lock"));
    CargoLock lock;
    const toml::array* packages = root["package"].as_array();
    if (packages == nullptr) return lock;
    for (const toml::node& el : *packages) {
      const toml::table* t = el.as_table();
      if (t == nullptr) continue;
      LockPackage p;
      p.name = (*t)["name"].value_or(std::string());
      p.version = (*t)["version"].value_or(std::string());
      p.source = (*t)["source"].value_or(std::string());
      if (const toml::array* deps = (*t)["dependencies"].as_array()) {
        for (const toml::node& d : *deps) {
          if (auto s = d.value<std::string>()) p.dependencies.push_back(*s);
        }
      }
      if (!p.name.empty()) lock.packages.push_back(std::move(p));
    }
    return lock;
  } catch (const toml::parse_error& e) {
    if (error != nullptr) {
      *error = std::to_string(e.source().begin.line) + ":" +
               std::to_string(e.source().begin.column) + ": " + std::string(e.description());
    }
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
  }
  return std::nullopt;
}

}  // namespace ferret::project
