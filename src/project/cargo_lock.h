// Cargo.lock read with toml++: the exact version and source of every package of the
// resolve, and which of them each package depends on (for the manifest fallback).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ferret::project {

struct LockPackage {
  std::string name;
  std::string version;
  std::string source;  // "registry+URL", "git+URL#REV", "" for path packages
  // As written: "name", "name version" or "name version (source)".
  std::vector<std::string> dependencies;
};

struct CargoLock {
  std::vector<LockPackage> packages;

  // The package `name` that `from` (name + version) depends on, by the lock's own
  // dependency list; else the single package of that name; else the highest version
  // of that name satisfying `req`. Null when the lock has no package of that name.
  const LockPackage* dependency_of(const std::string& from_name, const std::string& from_version,
                                   const std::string& name, const std::string& req) const;
};

// nullopt (with `error`) when the text is not TOML. Never throws.
std::optional<CargoLock> parse_cargo_lock(std::string_view text, std::string* error = nullptr);

}  // namespace ferret::project
