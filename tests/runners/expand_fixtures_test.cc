// Macro expansion fixtures: every tests/fixtures/expand/**/NAME.rs is a multi-file
// fixture; for each workspace crate the runner prints every macro call expanded (where
// it is written, then the expansion's text), the crate's resolution problems and the
// names each module ends up with, and compares that with NAME.expected. Each fixture
// runs twice, the second time from the first run's cache, and both must agree (macro
// files round-trip through the def map cache).
#include <gtest/gtest.h>

#include <algorithm>

#include "index/cache_store.h"
#include "sema/database.h"
#include "sema/scope_lookup.h"
#include "support/fixture.h"
#include "support/multi_file_fixture.h"

namespace ferret::testing {
namespace {

constexpr const char* kRoot = "/fx";

std::string show_path(const std::string& path) {
  if (path.rfind(kRoot, 0) == 0) return path.substr(std::string(kRoot).size());
  return path;
}

std::string indent(std::string_view text) {
  std::string out = "    ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "    ";
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out + "\n";
}

std::string run(FixtureWorld& w, std::shared_ptr<index::CacheStore> cache) {
  sema::Database db(w.fs, w.graph, cache);
  std::string out;
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    if (db.graph()[c].origin != base::CrateOrigin::Workspace) continue;
    const sema::DefMap& dm = db.def_map(c);
    out += "crate " + db.graph()[c].name + "\n";
    struct Shown {
      std::string where;
      uint32_t order;
      std::string text;
    };
    std::vector<Shown> shown;
    for (const auto& [key, file] : dm.expansions) {
      sema::FileId call_file = static_cast<sema::FileId>(key >> 32);
      uint32_t call_item = static_cast<uint32_t>(key);
      const index::ItemTree& t = db.item_tree(call_file);
      sema::Database::SourcePosition p = db.source_position(call_file, t.items[call_item].name_offset);
      base::FileText text = db.file_text(file);
      std::string what = db.macro_file(file) ? "" : " (file " + show_path(db.file_path(file)) + ")";
      // Calls inside expansions are told apart by their depth in the chain.
      uint32_t depth = 0;
      for (sema::FileId f = call_file; db.macro_file(f) != nullptr && depth < 64; ++depth) {
        f = db.macro_file(f)->call.file;
      }
      shown.push_back({show_path(db.file_path(p.file)) + ":" + std::to_string(p.line) + ":" + std::to_string(p.col) +
                           (depth ? " (inside an expansion)" : "") + what,
                       p.offset, text ? *text : ""});
    }
    std::sort(shown.begin(), shown.end(), [](const Shown& a, const Shown& b) {
      return a.where != b.where ? a.where < b.where : a.text < b.text;
    });
    for (const Shown& s : shown) {
      out += "  expansion at " + s.where + ":\n";
      if (!s.text.empty()) out += indent(s.text);
    }
    for (const std::string& p : dm.problems) out += "  problem: " + p + "\n";
    sema::DatabaseMaps maps(db);
    for (sema::ModuleId m = 0; m < dm.modules.size(); ++m) {
      if (dm.modules[m].block) continue;
      std::vector<std::string> names;
      sema::for_each_scope_name(maps, sema::Def{sema::DefKind::Module, c, m}, c, m,
                                [&](sema::NameId n, int ns, const sema::ScopeDef&) {
                                  names.push_back(std::string(db.names().name(n)) + "/" + "tvm"[ns]);
                                });
      std::sort(names.begin(), names.end());
      sema::NameId mn = dm.modules[m].name;
      out += "  module " + (mn == UINT32_MAX ? std::string("crate") : std::string(db.names().name(mn))) + ":";
      for (const std::string& n : names) out += " " + n;
      out += "\n";
    }
  }
  return out;
}

class ExpandFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ExpandFixture, MatchesExpected) {
  std::string file = fixtures_root() + "/expand/" + GetParam();
  Fixture f = parse_fixture(read_file(file));
  FixtureWorld w = build_world(f, kRoot);
  if (f.real_std && w.std_root.empty()) GTEST_SKIP() << "no std sources";
  auto cache = std::make_shared<index::MemoryCacheStore>();
  std::string first = run(w, cache);
  std::string second = run(w, cache);
  EXPECT_EQ(first, second) << "a run from the cache answered differently";
  check_expected(file.substr(0, file.size() - 3) + ".expected", first);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ExpandFixture,
                         ::testing::ValuesIn(find_files(fixtures_root() + "/expand", ".rs")),
                         [](const ::testing::TestParamInfo<std::string>& param) { return test_name_of(param.param); });

}  // namespace
}  // namespace ferret::testing
