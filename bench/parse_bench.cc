// Google Benchmark of the syntax layer on the real standard library: lexing only, full
// parsing and skeleton parsing of every .rs file of core, alloc and std, all loaded into
// memory once (so no file IO is timed). Reports bytes/second and, for the parses, the
// tree size per source byte (tree_bytes_per_source_byte: sum of memory_bytes() over the
// files / source bytes).
//
// The library is $RUST_SRC_PATH (a folder holding core/, alloc/, std/), else the newest
// /usr/src/rustc-*/library. Without it the benchmark prints why and runs nothing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "syntax/lexer.h"
#include "syntax/parse.h"

namespace {

namespace fs = std::filesystem;
using ferret::syntax::Edition;

// std 1.63's crates are edition 2021.
constexpr Edition kEdition = Edition::E2021;

struct Corpus {
  fs::path library;
  std::vector<std::string> texts;
  int64_t bytes = 0;
};

Corpus& corpus() {
  static Corpus c;
  return c;
}

// "1.63.0" < "1.100.0": compare dot-separated numbers, not strings.
std::vector<int> version_of(const std::string& dir_name) {
  std::vector<int> v;
  std::string digits;
  for (char ch : dir_name + ".") {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (!digits.empty()) {
      v.push_back(std::atoi(digits.c_str()));
      digits.clear();
    }
  }
  return v;
}

std::optional<fs::path> find_library() {
  std::error_code ec;
  if (const char* env = std::getenv("RUST_SRC_PATH"); env && *env) {
    if (fs::is_directory(fs::path(env) / "core", ec)) return fs::path(env);
    std::fprintf(stderr, "parse_bench: RUST_SRC_PATH=%s has no core/ folder\n", env);
    return std::nullopt;
  }
  std::optional<fs::path> best;
  std::vector<int> best_version;
  for (const fs::directory_entry& e : fs::directory_iterator("/usr/src", ec)) {
    std::string name = e.path().filename().string();
    if (!name.starts_with("rustc-") || !fs::is_directory(e.path() / "library" / "core", ec)) {
      continue;
    }
    std::vector<int> v = version_of(name);
    if (!best || v > best_version) {
      best = e.path() / "library";
      best_version = v;
    }
  }
  return best;
}

bool load_corpus() {
  std::optional<fs::path> library = find_library();
  if (!library) {
    std::fprintf(stderr,
                 "parse_bench: standard library sources not found: set RUST_SRC_PATH to a "
                 "folder holding core/, alloc/ and std/ (or install rust-src / rustc-src "
                 "under /usr/src/rustc-*/library); no benchmark run.\n");
    return false;
  }
  Corpus& c = corpus();
  c.library = *library;
  std::vector<fs::path> files;
  for (const char* crate : {"core", "alloc", "std"}) {
    std::error_code ec;
    fs::path dir = *library / crate;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".rs") files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    c.bytes += static_cast<int64_t>(text.size());
    c.texts.push_back(std::move(text));
  }
  std::fprintf(stderr, "parse_bench: %zu files, %.2f MB from %s/{core,alloc,std}\n",
               c.texts.size(), static_cast<double>(c.bytes) / 1e6, c.library.c_str());
  return !c.texts.empty();
}

void BM_LexOnly(benchmark::State& state) {
  const Corpus& c = corpus();
  for (auto _ : state) {
    size_t tokens = 0;
    for (const std::string& text : c.texts) {
      ferret::syntax::LexResult r = ferret::syntax::lex(text, kEdition);
      tokens += r.tokens.size();
    }
    benchmark::DoNotOptimize(tokens);
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
}

void parse_all(benchmark::State& state, bool skeleton) {
  const Corpus& c = corpus();
  ferret::syntax::ParseOptions options{.edition = kEdition, .skeleton = skeleton};
  size_t tree_bytes = 0;
  size_t nodes = 0;
  for (auto _ : state) {
    tree_bytes = 0;
    nodes = 0;
    for (const std::string& text : c.texts) {
      ferret::syntax::SyntaxTree tree = ferret::syntax::parse(text, options);
      tree_bytes += tree.memory_bytes();
      nodes += tree.nodes().size();
    }
    benchmark::DoNotOptimize(tree_bytes);
  }
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["tree_bytes_per_source_byte"] =
      static_cast<double>(tree_bytes) / static_cast<double>(c.bytes);
  state.counters["nodes"] = static_cast<double>(nodes);
}

void BM_FullParse(benchmark::State& state) { parse_all(state, false); }
void BM_SkeletonParse(benchmark::State& state) { parse_all(state, true); }

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!load_corpus()) return 0;
  benchmark::RegisterBenchmark("lex_only/std", BM_LexOnly)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("full_parse/std", BM_FullParse)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("skeleton_parse/std", BM_SkeletonParse)
      ->Unit(benchmark::kMillisecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
