// The parse command: walks the given paths, parses each file (edition from its crate's
// manifest), prints errors and a throughput summary (lexing + parsing time only).
#include "frontends/cli/parse_command.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "base/line_index.h"
#include "frontends/cli/source_files.h"
#include "project/manifest_edition.h"
#include "syntax/parse.h"
#include "syntax/tree_dump.h"

namespace ferret::cli {

namespace fs = std::filesystem;

namespace {

syntax::Edition edition_from_year(int year) {
  if (year >= 2024) return syntax::Edition::E2024;
  if (year >= 2021) return syntax::Edition::E2021;
  if (year >= 2018) return syntax::Edition::E2018;
  return syntax::Edition::E2015;
}

// The edition of the nearest enclosing Cargo package, cached per folder.
class EditionFinder {
 public:
  int edition_of(const std::string& file) {
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
    return edition_of_dir(dir, 0);
  }

 private:
  int edition_of_dir(const fs::path& dir, int depth) {
    auto it = cache_.find(dir.string());
    if (it != cache_.end()) return it->second;
    int result = 2021;
    fs::path manifest = dir / "Cargo.toml";
    std::error_code ec;
    std::string err;
    std::optional<int> found;
    if (fs::is_regular_file(manifest, ec)) {
      if (auto text = read_source_file(manifest.string(), err)) found = project::manifest_edition(*text);
    }
    if (found) {
      result = *found;
    } else if (dir.has_parent_path() && dir.parent_path() != dir && depth < 64) {
      result = edition_of_dir(dir.parent_path(), depth + 1);
    }
    cache_[dir.string()] = result;
    return result;
  }

  std::map<std::string, int> cache_;
};

}  // namespace

int run_parse_command(const ParseCommandOptions& options) {
  std::vector<std::string> missing;
  std::vector<std::string> files = collect_rust_files(options.paths, missing);
  for (const std::string& m : missing) std::fprintf(stderr, "%s\n", missing_path_error(m).c_str());
  bool failed = !missing.empty();
  EditionFinder editions;
  size_t n_files = 0;
  size_t n_bytes = 0;
  size_t n_errors = 0;
  int printed = 0;
  double seconds = 0;
  for (const std::string& path : files) {
    std::string err;
    std::optional<std::string> text = read_source_file(path, err);
    if (!text) {
      std::fprintf(stderr, "ferret: cannot read %s: %s\n", path.c_str(), err.c_str());
      failed = true;
      continue;
    }
    syntax::ParseOptions po;
    po.skeleton = options.skeleton;
    po.edition = edition_from_year(options.edition ? *options.edition : editions.edition_of(path));
    auto t0 = std::chrono::steady_clock::now();
    syntax::SyntaxTree tree = syntax::parse(*text, po);
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ++n_files;
    n_bytes += text->size();
    n_errors += tree.error_count();
    if (options.dump) {
      std::string dump = syntax::dump_tree(tree);
      std::fwrite(dump.data(), 1, dump.size(), stdout);
    }
    if (!tree.errors().empty() && printed < options.max_errors) {
      base::LineIndex lines(*text);
      for (const syntax::SyntaxError& e : tree.errors()) {
        if (printed >= options.max_errors) break;
        base::LineCol lc = lines.line_col(e.offset);
        std::printf("%s:%u:%u: %s\n", path.c_str(), lc.line, lc.col, e.message.c_str());
        ++printed;
      }
    }
  }
  double mbps = seconds > 0 ? static_cast<double>(n_bytes) / 1e6 / seconds : 0.0;
  std::printf("parsed %zu files, %zu bytes, %zu syntax errors, %.1f MB/s\n", n_files, n_bytes,
              n_errors, mbps);
  return failed ? 1 : 0;
}

}  // namespace ferret::cli
