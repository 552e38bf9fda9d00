// Interned identifiers: each distinct name gets a small integer id, so scopes are
// keyed by integers and names compare in O(1).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ferret::sema {

using NameId = uint32_t;

class NameTable {
 public:
  NameId intern(std::string_view s) {
    auto it = ids_.find(s);
    if (it != ids_.end()) return it->second;
    names_.emplace_back(s);
    NameId id = static_cast<NameId>(names_.size() - 1);
    ids_.emplace(std::string_view(names_.back()), id);
    return id;
  }
  // The id of `s` if it was ever interned, else UINT32_MAX.
  NameId find(std::string_view s) const {
    auto it = ids_.find(s);
    return it == ids_.end() ? UINT32_MAX : it->second;
  }
  // "" for an id never handed out (a damaged cache entry must not crash a query).
  std::string_view name(NameId id) const { return id < names_.size() ? std::string_view(names_[id]) : std::string_view(); }
  size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;  // stable addresses for the views in ids_
  std::unordered_map<std::string_view, NameId> ids_;
};

}  // namespace ferret::sema
