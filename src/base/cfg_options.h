// The cfg options of a crate: atoms (`unix`, `test`) and key-value pairs
// (`target_os = "linux"`, `feature = "std"`) that `#[cfg(...)]` is evaluated against.
#pragma once

#include <set>
#include <string>
#include <utility>

namespace ferret::base {

class CfgOptions {
 public:
  void insert_atom(std::string atom) { atoms_.insert(std::move(atom)); }
  void insert_key_value(std::string key, std::string value) {
    pairs_.insert({std::move(key), std::move(value)});
  }
  bool has_atom(const std::string& atom) const { return atoms_.count(atom) != 0; }
  bool has_key_value(const std::string& key, const std::string& value) const {
    return pairs_.count({key, value}) != 0;
  }
  const std::set<std::string>& atoms() const { return atoms_; }
  const std::set<std::pair<std::string, std::string>>& pairs() const { return pairs_; }
  bool operator==(const CfgOptions&) const = default;

  // The host target as rustc on x86_64 Linux (GNU) reports it, with
  // debug_assertions on and test off (docs/DESIGN.md §5): unix, target_os = "linux", ….
  static CfgOptions host_target();

 private:
  std::set<std::string> atoms_;
  std::set<std::pair<std::string, std::string>> pairs_;
};

}  // namespace ferret::base
