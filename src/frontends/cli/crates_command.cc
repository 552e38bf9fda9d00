// `ferret crates` (see crates_command.h).
#include "frontends/cli/crates_command.h"

#include <cstdio>
#include <filesystem>

#include "frontends/cli/source_files.h"
#include "frontends/real_host.h"
#include "project/workspace_loader.h"

namespace ferret::cli {
namespace {

const char* origin_name(base::CrateOrigin o) {
  switch (o) {
    case base::CrateOrigin::Workspace: return "workspace";
    case base::CrateOrigin::Dependency: return "dependency";
    case base::CrateOrigin::Sysroot: return "sysroot";
    case base::CrateOrigin::LoneFile: return "lone file";
  }
  return "?";
}

const char* kind_name(const base::CrateData& c) {
  switch (c.target) {
    case base::TargetKind::Lib: return c.proc_macro ? "proc-macro" : "lib";
    case base::TargetKind::Bin: return "bin";
    case base::TargetKind::Example: return "example";
    case base::TargetKind::Test: return "test";
    case base::TargetKind::Bench: return "bench";
    case base::TargetKind::BuildScript: return "build script";
    case base::TargetKind::Other: return "other";
  }
  return "?";
}

// Absolute, symlinks resolved where the path exists (cargo reports real paths).
std::string absolute_path(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  if (ec) p = std::filesystem::absolute(path, ec);
  if (ec) return path;
  return p.lexically_normal().string();
}

}  // namespace

std::string format_crate_graph(const base::CrateGraph& graph) {
  std::string out;
  for (const base::CrateData& c : graph.crates) {
    out += "crate " + c.name + " (" + origin_name(c.origin) + ", " + kind_name(c) + ") edition " +
           std::to_string(c.edition) + " root " + c.root_file + "\n";
    for (const base::CrateDependency& d : c.deps) {
      out += "  dep " + d.name + " -> ";
      if (d.crate < graph.size()) {
        const base::CrateData& to = graph[d.crate];
        out += to.name;
        if (!to.package_version.empty()) out += " " + to.package_version;
      } else {
        out += "?";
      }
      if (!d.in_extern_prelude) out += " (not in prelude)";
      out += "\n";
    }
    if (!c.enabled_features.empty()) {
      out += "  features ";
      for (size_t i = 0; i < c.enabled_features.size(); ++i) {
        out += (i ? ", " : "") + c.enabled_features[i];
      }
      out += "\n";
    }
  }
  return out;
}

int run_crates_command(const CratesCommandOptions& options) {
  if (std::string missing = missing_path_error(options.path); !missing.empty()) {
    std::fprintf(stderr, "%s\n", missing.c_str());
    return 1;
  }
  frontends::RealHost host;
  project::ProjectLoad load = project::load_project(host, absolute_path(options.path));
  std::string text = format_crate_graph(load.graph);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  for (const std::string& w : load.graph.warnings) std::fprintf(stderr, "%s\n", w.c_str());
  return 0;
}

}  // namespace ferret::cli
