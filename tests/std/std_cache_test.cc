// The cache's checks reject only damage, never what ferret wrote, so a warm cache
// rebuilds nothing: every item tree the builder makes from the real standard library
// (its files, in skeleton and in full mode, and the macro expansions its def maps
// produce) passes the tree check and reads back, and a second database over the cache
// the first one filled loads every def map and item tree it needs instead of building.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "index/cache_store.h"
#include "index/item_tree_builder.h"
#include "index/item_tree_check.h"
#include "index/item_tree_io.h"
#include "sema/database.h"
#include "support/fixture.h"
#include "support/multi_file_fixture.h"
#include "syntax/parse.h"

namespace ferret::testing {
namespace {

// The tree passes the check and survives a round trip through its bytes.
void expect_cacheable(const index::ItemTree& tree, const std::string& what) {
  EXPECT_TRUE(index::item_tree_is_well_formed(tree)) << what;
  auto bytes = std::make_shared<const std::string>(index::serialize_item_tree(tree));
  std::optional<index::ItemTree> back = index::deserialize_item_tree(*bytes, bytes);
  ASSERT_TRUE(back) << what;
  EXPECT_EQ(back->items.size(), tree.items.size()) << what;
}

TEST(StdCache, EveryFileTreeIsAccepted) {
  std::vector<std::string> files = std_library_files({"core", "alloc", "std"});
  if (files.empty()) GTEST_SKIP() << "no std sources (install Debian's rust-src)";
  for (const std::string& path : files) {
    std::string text = read_file(path);
    for (bool bodies : {false, true}) {
      syntax::ParseOptions opts;
      opts.skeleton = !bodies;
      syntax::SyntaxTree tree = syntax::parse(text, opts);
      expect_cacheable(index::build_item_tree(tree, bodies), path + (bodies ? " (full)" : ""));
      if (::testing::Test::HasFailure()) return;
    }
  }
}

TEST(StdCache, EveryExpansionTreeIsAccepted) {
  Fixture f = parse_fixture("//- /src/lib.rs crate:app std\npub fn f() {}\n");
  FixtureWorld w = build_world(f, "/fx");
  if (w.std_root.empty()) GTEST_SKIP() << "no std sources (install Debian's rust-src)";
  sema::Database db(w.fs, w.graph, std::make_shared<index::MemoryCacheStore>());
  for (sema::CrateId c = 0; c < db.graph().size(); ++c) db.def_map(c);
  size_t expansions = 0;
  for (sema::FileId file = 0; file < db.file_count(); ++file) {
    if (!db.is_macro_file(file)) continue;
    ++expansions;
    expect_cacheable(db.item_tree(file), db.file_path(file));
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_GT(expansions, 1000u);
}

TEST(StdCache, AWarmDatabaseBuildsNothing) {
  Fixture f = parse_fixture(
      "//- /src/lib.rs crate:app std\nmacro_rules! m { ($n:ident) => { pub struct $n; }; "
      "}\nm!(A);\n"
      "pub fn f() -> Option<u32> { Some(1u32.wrapping_add(2)) }\n");
  FixtureWorld w = build_world(f, "/fx");
  if (w.std_root.empty()) GTEST_SKIP() << "no std sources (install Debian's rust-src)";
  auto cache = std::make_shared<index::MemoryCacheStore>();
  {
    sema::Database cold(w.fs, w.graph, cache);
    for (sema::CrateId c = 0; c < cold.graph().size(); ++c) cold.def_map(c);
    for (sema::FileId file = 0; file < cold.file_count(); ++file) cold.item_tree(file);
  }
  sema::Database warm(w.fs, w.graph, cache);
  for (sema::CrateId c = 0; c < warm.graph().size(); ++c) warm.def_map(c);
  EXPECT_EQ(warm.stats().def_maps_built, 0u);
  EXPECT_EQ(warm.stats().def_maps_loaded, warm.graph().size());
  size_t expansions = 0;
  for (sema::FileId file = 0; file < warm.file_count(); ++file) {
    warm.item_tree(file);
    expansions += warm.is_macro_file(file);
  }
  EXPECT_GT(expansions, 1000u);
  EXPECT_EQ(warm.stats().item_trees_built, 0u) << "of " << warm.file_count() << " files";
}

}  // namespace
}  // namespace ferret::testing
