// `ferret index` (see index_command.h).
#include "frontends/cli/index_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "frontends/cli/source_files.h"
#include "frontends/session.h"

namespace ferret::cli {
namespace {

void draw_progress(size_t done, size_t total, const std::string& name) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : static_cast<int>(done * kWidth / total);
  std::string bar(static_cast<size_t>(filled), '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r\033[K[%s] %zu/%zu %s", bar.c_str(), done, total, name.c_str());
  std::fflush(stderr);
}

}  // namespace

int run_index_command(const IndexCommandOptions& options) {
  if (std::string missing = missing_path_error(options.path); !missing.empty()) {
    std::fprintf(stderr, "%s\n", missing.c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  frontends::Session session;
  std::string dir = frontends::absolute_path(options.path);
  std::error_code ec;
  // The workspace is found from a file in the folder (its Cargo.toml when there is one).
  std::string anchor = std::filesystem::is_directory(dir, ec) ? sema::join_path(dir, "Cargo.toml") : dir;
  frontends::Workspace& ws = session.workspace_for(anchor);
  session.report_warnings(ws);
  sema::Database& db = *ws.db;
  const base::CrateGraph& g = db.graph();
  std::vector<sema::CrateId> order = base::dependency_order(g);
  bool tty = isatty(STDERR_FILENO) != 0;
  std::string out;
  for (size_t i = 0; i < order.size(); ++i) {
    const base::CrateData& c = g[order[i]];
    if (tty) draw_progress(i, order.size(), c.name);
    const sema::DefMap& dm = db.def_map(order[i]);
    size_t problems = dm.problems.size();
    for (const sema::ModuleData& m : dm.modules) problems += m.problems.size();
    out += "crate " + c.name + ": " + std::to_string(dm.modules.size()) + " modules, " +
           std::to_string(dm.items.size()) + " items, " + std::to_string(dm.expansions.size()) +
           " macro expansions, " + std::to_string(problems) + " problems\n";
    if (options.verbose) {
      for (const std::string& p : dm.problems) out += "  " + p + "\n";
      for (const sema::ModuleData& m : dm.modules) {
        for (const std::string& p : m.problems) out += "  " + p + "\n";
      }
    }
  }
  if (tty) draw_progress(order.size(), order.size(), "writing the cache");
  session.flush_cache();
  if (tty) {
    draw_progress(order.size(), order.size(), "");
    std::fputs("\n", stderr);
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  char line[160];
  std::snprintf(line, sizeof line, "indexed %zu crates in %.0f ms (%zu def maps built, %zu loaded from the cache)\n",
                order.size(), ms, db.stats().def_maps_built, db.stats().def_maps_loaded);
  out += line;
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace ferret::cli
