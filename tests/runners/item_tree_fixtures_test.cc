// Item tree fixtures: every tests/fixtures/item_tree/**/NAME.rs gets its item tree
// dumped (after a round trip through serialization) and compared with NAME.expected.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "index/item_tree_builder.h"
#include "index/item_tree_dump.h"
#include "index/item_tree_io.h"
#include "support/fixture.h"
#include "syntax/parse.h"

namespace ferret::testing {
namespace {

class ItemTreeFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ItemTreeFixture, MatchesExpected) {
  std::string path = fixtures_root() + "/item_tree/" + GetParam();
  std::string text = read_file(path);
  syntax::ParseOptions opts;
  opts.skeleton = true;
  index::ItemTree tree = index::build_item_tree(syntax::parse(text, opts));
  std::optional<index::ItemTree> loaded = index::deserialize_item_tree(index::serialize_item_tree(tree));
  ASSERT_TRUE(loaded.has_value());
  std::string dump = index::dump_item_tree(*loaded);
  EXPECT_EQ(dump, index::dump_item_tree(tree)) << "serialization changed the tree";
  // Loaded in place (as from the cache): the columns point into the stored bytes, and
  // the first change to one copies it, leaving the stored bytes alone.
  auto stored = std::make_shared<const std::string>(index::serialize_item_tree(tree));
  std::optional<index::ItemTree> viewed = index::deserialize_item_tree(*stored, stored);
  ASSERT_TRUE(viewed.has_value());
  EXPECT_EQ(index::dump_item_tree(*viewed), dump) << "loading in place changed the tree";
  if (!viewed->items.empty()) {
    const char* first = reinterpret_cast<const char*>(viewed->items.data());
    EXPECT_TRUE(first >= stored->data() && first < stored->data() + stored->size()) << "items were copied";
    std::string before = *stored;
    viewed->items[0].flags ^= 1;
    EXPECT_EQ(*stored, before) << "a change wrote into the stored bytes";
    EXPECT_NE(reinterpret_cast<const char*>(viewed->items.data()), first);
  }
  check_expected(path.substr(0, path.size() - 3) + ".expected", dump);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ItemTreeFixture,
                         ::testing::ValuesIn(find_files(fixtures_root() + "/item_tree", ".rs")),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return test_name_of(param.param);
                         });

}  // namespace
}  // namespace ferret::testing
