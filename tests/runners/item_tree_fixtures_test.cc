// Item tree fixtures: every tests/fixtures/item_tree/**/NAME.rs gets its item tree
// dumped (after a round trip through serialization) and compared with NAME.expected.
#include <gtest/gtest.h>

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
  check_expected(path.substr(0, path.size() - 3) + ".expected", dump);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ItemTreeFixture,
                         ::testing::ValuesIn(find_files(fixtures_root() + "/item_tree", ".rs")),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           return test_name_of(param.param);
                         });

}  // namespace
}  // namespace ferret::testing
