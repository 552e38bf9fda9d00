// Type inference fixtures: every tests/fixtures/types/**/NAME.rs is a multi-file
// fixture (usually with the `minicore` option, see support/multi_file_fixture.h). The
// runner prints, for every binding written in the checked file — the file holding `$0`,
// else the first file — one line `LINE:COL NAME: TYPE`: the type ide::type_at_cursor
// gives at the binding's name, rendered as rustc writes it. Bindings are the IdentPats
// of the file (`let`, `for`, `if let`/`while let`/let-else, match arms, closure
// parameters, `x @ pat`; a unit variant or constant written as a pattern too), except
// the parameters of `fn` items, whose types are written out. LINE is 1-based, COL the
// 0-based byte column of the name. Then, when the fixture has a `$0`, the completion
// list (at most 30 matches, or N with a `// max:N` line) and the definition at the
// cursor, as the ide runner prints them. The output is compared with NAME.expected
// (UPDATE_EXPECT=1 rewrites it). Each fixture runs twice, the second time from a fresh
// database reading the first one's cache, and both runs must agree. Review a new or
// changed expected file against rustc with tests/tools/rustc_types.py.
#include <gtest/gtest.h>

#include "base/line_index.h"
#include "ide/query.h"
#include "ide/type_queries.h"
#include "index/cache_store.h"
#include "sema/database.h"
#include "support/fixture.h"
#include "support/multi_file_fixture.h"
#include "syntax/parse.h"

namespace ferret::testing {
namespace {

constexpr const char* kRoot = "/fx";

struct BindingSite {
  uint32_t offset;  // of the name
  std::string name;
};

// The IdentPats of `tree` outside the parameter lists of fn items.
std::vector<BindingSite> binding_sites(const syntax::SyntaxTree& tree) {
  using syntax::SyntaxKind;
  std::vector<BindingSite> out;
  for (syntax::NodeId id = 0; id < tree.nodes().size(); ++id) {
    syntax::SyntaxNode n = tree.node(id);
    if (n.kind() != SyntaxKind::IdentPat) continue;
    bool fn_param = false;
    for (syntax::SyntaxNode p = n.parent(); p; p = p.parent()) {
      if (p.kind() == SyntaxKind::ParamList) {
        fn_param = p.parent() && p.parent().kind() == SyntaxKind::Fn;
        break;
      }
      if (p.kind() == SyntaxKind::BlockExpr || p.kind() == SyntaxKind::ClosureExpr) break;
    }
    if (fn_param) continue;
    syntax::SyntaxNode name = n.child(SyntaxKind::Name);
    if (!name) continue;
    out.push_back(BindingSite{name.range().start, std::string(name.text())});
  }
  return out;
}

std::vector<sema::CrateId> workspace_crates(sema::Database& db) {
  std::vector<sema::CrateId> out;
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    if (db.graph()[c].origin == base::CrateOrigin::Workspace) out.push_back(c);
  }
  return out;
}

std::string run(const Fixture& f, FixtureWorld& w, std::shared_ptr<index::CacheStore> cache, size_t max_matches) {
  sema::Database db(w.fs, w.graph, cache);
  std::vector<sema::CrateId> candidates = workspace_crates(db);
  const std::string& checked = f.has_cursor ? f.cursor_file : f.files.front().first;
  std::string text;
  for (const auto& [p, t] : f.files) {
    if (p == checked) text = t;
  }
  std::string path = std::string(kRoot) + checked;
  std::string out = "types:\n";
  syntax::SyntaxTree tree = syntax::parse(text);
  base::LineIndex lines(text);
  for (const BindingSite& b : binding_sites(tree)) {
    std::unique_ptr<ide::Query> q = ide::prepare_query(db, path, b.offset, candidates);
    if (!q) return "no query (file unreadable)\n";
    base::LineCol lc = lines.line_col(b.offset);
    out += "  " + std::to_string(lc.line) + ":" + std::to_string(lc.col) + " " + b.name + ": " + ide::type_at_cursor(*q) +
           "\n";
  }
  if (!f.has_cursor) return out;
  return out + show_completion_and_definition(db, path, f.cursor_offset, candidates, w, max_matches);
}

class TypesFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(TypesFixture, MatchesExpected) {
  std::string file = fixtures_root() + "/types/" + GetParam();
  Fixture f = parse_fixture(read_file(file));
  ASSERT_FALSE(f.files.empty()) << "no files in " << file;
  FixtureWorld w = build_world(f, kRoot);
  if (f.real_std && w.std_root.empty()) GTEST_SKIP() << "no std sources";
  size_t max_matches = 30;
  for (const auto& [p, t] : f.files) {
    size_t at = t.find("// max:");
    if (at != std::string::npos) max_matches = std::stoul(t.substr(at + 7));
  }
  auto cache = std::make_shared<index::MemoryCacheStore>();
  std::string first = run(f, w, cache, max_matches);
  std::string second = run(f, w, cache, max_matches);
  EXPECT_EQ(first, second) << "a run from the cache answered differently";
  EXPECT_GT(cache->stats().hits, 0u) << "the second run did not use the cache";
  check_expected(file.substr(0, file.size() - 3) + ".expected", first);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TypesFixture, ::testing::ValuesIn(find_files(fixtures_root() + "/types", ".rs")),
                         [](const ::testing::TestParamInfo<std::string>& param) { return test_name_of(param.param); });

}  // namespace
}  // namespace ferret::testing
