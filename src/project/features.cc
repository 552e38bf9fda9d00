// Feature closure of one package (see features.h).
#include "project/features.h"

#include <vector>

namespace ferret::project {

FeatureSet expand_features(const Manifest& m, const std::set<std::string>& requested) {
  std::set<std::string> optional_keys, explicit_dep_keys;
  for (const ManifestDependency& d : m.dependencies) {
    if (d.optional) optional_keys.insert(d.key);
  }
  for (const auto& [name, entries] : m.features) {
    for (const std::string& e : entries) {
      if (e.compare(0, 4, "dep:") == 0) explicit_dep_keys.insert(e.substr(4));
    }
  }
  // An optional dependency never named as `dep:x` is also a feature `x`.
  auto implicit_feature = [&](const std::string& key) {
    return optional_keys.count(key) != 0 && explicit_dep_keys.count(key) == 0;
  };

  FeatureSet out;
  std::map<std::string, std::set<std::string>> weak;  // `x?/f`: only if x ends up enabled
  std::vector<std::string> work(requested.begin(), requested.end());
  while (!work.empty()) {
    std::string f = std::move(work.back());
    work.pop_back();
    auto it = m.features.find(f);
    bool implicit = it == m.features.end() && implicit_feature(f);
    if (it == m.features.end() && !implicit) continue;
    if (!out.features.insert(f).second) continue;
    if (implicit) {
      out.optional_deps.insert(f);
      continue;
    }
    for (const std::string& e : it->second) {
      if (e.compare(0, 4, "dep:") == 0) {
        out.optional_deps.insert(e.substr(4));
        continue;
      }
      size_t slash = e.find('/');
      if (slash == std::string::npos) {
        work.push_back(e);
        continue;
      }
      std::string key = e.substr(0, slash);
      std::string feature = e.substr(slash + 1);
      if (!key.empty() && key.back() == '?') {
        key.pop_back();
        weak[key].insert(feature);
        continue;
      }
      out.dep_features[key].insert(feature);
      if (optional_keys.count(key) != 0) {
        out.optional_deps.insert(key);
        if (implicit_feature(key)) work.push_back(key);
      } else if (m.features.count(key) != 0) {
        work.push_back(key);  // old-style `feature/...` naming one of our own features
      }
    }
  }
  for (const auto& [key, features] : weak) {
    bool enabled = optional_keys.count(key) == 0 || out.optional_deps.count(key) != 0;
    if (enabled) out.dep_features[key].insert(features.begin(), features.end());
  }
  return out;
}

}  // namespace ferret::project
