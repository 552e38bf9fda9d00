// The crate graph: every crate of a project (workspace targets, their dependencies,
// the standard library), with root file, edition, cfg and dependency names. Produced
// by src/project from Cargo's view; consumed as plain data by the layers above.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/cfg_options.h"

namespace ferret::base {

using CrateId = uint32_t;
inline constexpr CrateId kNoCrate = UINT32_MAX;

enum class CrateOrigin : uint8_t {
  Workspace,   // a target of a workspace member (what the user edits)
  Dependency,  // a registry, git or path dependency
  Sysroot,     // core, alloc, std, proc_macro, test
  LoneFile,    // a .rs file with no manifest
};

enum class TargetKind : uint8_t { Lib, Bin, Example, Test, Bench, BuildScript, Other };

struct CrateDependency {
  std::string name;  // the name code uses (`extern crate` / paths): renamed, `-` -> `_`
  CrateId crate = kNoCrate;
  bool in_extern_prelude = true;  // false for sysroot crates a crate does not get implicitly
};

struct CrateData {
  std::string name;          // crate name as code sees it (`-` -> `_`)
  std::string package_name;  // Cargo package name
  std::string package_version;
  std::string root_file;     // absolute path of the crate root (lib.rs, main.rs, …)
  // Files whose items also belong to the root module (a loose file of the package that
  // no module tree reaches is read as part of its crate's root, as racer did).
  std::vector<std::string> extra_root_files;
  std::string package_root;  // folder of the package's Cargo.toml ("" for lone files)
  int edition = 2021;
  TargetKind target = TargetKind::Lib;
  CrateOrigin origin = CrateOrigin::Dependency;
  bool proc_macro = false;
  CfgOptions cfg;
  std::vector<std::string> enabled_features;
  std::vector<CrateDependency> deps;
};

struct CrateGraph {
  std::vector<CrateData> crates;
  std::string sysroot_library;  // the std sources' `library` folder, or ""
  std::vector<std::string> warnings;  // one-line problems met while loading (bad manifest…)

  CrateId add(CrateData data) {
    crates.push_back(std::move(data));
    return static_cast<CrateId>(crates.size() - 1);
  }
  const CrateData& operator[](CrateId id) const { return crates[id]; }
  CrateData& operator[](CrateId id) { return crates[id]; }
  size_t size() const { return crates.size(); }
};

// Crates with their dependencies before them (cycles, which Cargo forbids, are cut):
// every crate of the graph, or `root` and what it depends on, directly or not, root last.
std::vector<CrateId> dependency_order(const CrateGraph& g);
std::vector<CrateId> dependency_order(const CrateGraph& g, CrateId root);

}  // namespace ferret::base
