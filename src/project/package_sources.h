// Where a dependency's sources are on disk when cargo is not there to say: the
// registry caches ($CARGO_HOME/registry/src/*/NAME-VERSION), vendor folders
// (vendor/NAME-VERSION, vendor/NAME), `directory` sources of .cargo/config.toml, Debian's
// /usr/share/cargo/registry, and git checkouts ($CARGO_HOME/git/checkouts/*/*/).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "project/host.h"

namespace ferret::project {

class PackageSources {
 public:
  // `workspace_root`: where vendor/ and .cargo/config.toml are looked for (and above).
  PackageSources(const Host& host, const std::string& workspace_root);

  // The package folder (holding Cargo.toml) of NAME at exactly VERSION, or "".
  std::string find_registry(const std::string& name, const std::string& version);
  // The highest version of NAME satisfying `req` (else the highest of all), or "".
  std::string find_any(const std::string& name, const std::string& req);
  // A package NAME inside a git checkout; `source` is "git+URL[?query]#REV" ("" REV: any).
  std::string find_git(const std::string& name, const std::string& source);

  const std::vector<std::string>& places() const { return places_; }

 private:
  std::vector<std::string> list(const std::string& dir);
  std::string package_version(const std::string& dir);
  std::string package_name(const std::string& dir);
  std::string search_checkout(const std::string& dir, const std::string& name, int depth);

  const Host& host_;
  std::string cargo_home_;
  std::vector<std::string> places_;  // folders holding NAME-VERSION / NAME package folders
  std::map<std::string, std::vector<std::string>> listings_;
};

}  // namespace ferret::project
