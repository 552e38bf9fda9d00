// Completion and find-definition fixtures: every tests/fixtures/ide/**/NAME.rs is a
// multi-file fixture with a `$0` cursor; the completion list and the definition at the
// cursor are rendered and compared with NAME.expected. Each fixture runs twice, the
// second time from a fresh database reading the first one's cache, and both runs must
// agree (the def map and item tree caches round-trip).
#include <gtest/gtest.h>

#include "index/cache_store.h"
#include "sema/database.h"
#include "support/fixture.h"
#include "support/multi_file_fixture.h"

namespace ferret::testing {
namespace {

constexpr const char* kRoot = "/fx";

std::string run(const Fixture& f, FixtureWorld& w, std::shared_ptr<index::CacheStore> cache, size_t max_matches) {
  sema::Database db(w.fs, w.graph, cache);
  std::vector<sema::CrateId> candidates;
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) {
    if (db.graph()[c].origin == base::CrateOrigin::Workspace) candidates.push_back(c);
  }
  std::string path = std::string(kRoot) + f.cursor_file;
  return show_completion_and_definition(db, path, f.cursor_offset, candidates, w, max_matches);
}

class IdeFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(IdeFixture, MatchesExpected) {
  std::string file = fixtures_root() + "/ide/" + GetParam();
  Fixture f = parse_fixture(read_file(file));
  ASSERT_TRUE(f.has_cursor) << "no $0 in " << file;
  FixtureWorld w = build_world(f, kRoot);
  if (f.real_std && w.std_root.empty()) GTEST_SKIP() << "no std sources";
  // A `// max:N` line anywhere limits how many matches are shown (std's long lists).
  size_t max_matches = 40;
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

INSTANTIATE_TEST_SUITE_P(Fixtures, IdeFixture, ::testing::ValuesIn(find_files(fixtures_root() + "/ide", ".rs")),
                         [](const ::testing::TestParamInfo<std::string>& param) { return test_name_of(param.param); });

}  // namespace
}  // namespace ferret::testing
