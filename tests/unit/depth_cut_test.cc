// syntax::cut_deep_nodes: nodes deeper than the limit go with their subtrees, the node
// at the limit becomes an ERROR leaf over the same tokens, and every index (parents,
// subtree ends) of what stays is renumbered.
#include <gtest/gtest.h>

#include "syntax/depth_cut.h"

namespace ferret::syntax {
namespace {

// A chain root -> a -> b -> c (each one token inside the previous), then a sibling d
// of a under the root.
std::vector<Node> chain_and_sibling() {
  auto node = [](SyntaxKind k, uint32_t first, uint32_t end, uint32_t subtree_end,
                 uint32_t parent) {
    Node n;
    n.kind = k;
    n.first_token = first;
    n.end_token = end;
    n.subtree_end = subtree_end;
    n.parent = parent;
    return n;
  };
  return {
      node(SyntaxKind::SourceFile, 0, 10, 5, kNoNode),  // 0, depth 1
      node(SyntaxKind::ParenExpr, 0, 7, 4, 0),          // 1, depth 2
      node(SyntaxKind::ParenExpr, 1, 6, 4, 1),          // 2, depth 3
      node(SyntaxKind::Literal, 2, 3, 4, 2),            // 3, depth 4
      node(SyntaxKind::Literal, 8, 9, 5, 0),            // 4, depth 2
  };
}

TEST(DepthCut, ShallowTreesAreLeftAlone) {
  std::vector<Node> nodes = chain_and_sibling();
  EXPECT_EQ(max_node_depth(nodes), 4);
  EXPECT_FALSE(cut_deep_nodes(nodes, 4));
  EXPECT_EQ(nodes.size(), 5u);
}

TEST(DepthCut, TheNodeAtTheLimitBecomesAnErrorLeaf) {
  std::vector<Node> nodes = chain_and_sibling();
  std::optional<uint32_t> cut = cut_deep_nodes(nodes, 2);
  ASSERT_TRUE(cut);
  EXPECT_EQ(*cut, 0u);  // node 1's first token
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(max_node_depth(nodes), 2);
  EXPECT_EQ(nodes[0].subtree_end, 3u);
  EXPECT_EQ(nodes[1].kind, SyntaxKind::Error);
  EXPECT_EQ(nodes[1].first_token, 0u);
  EXPECT_EQ(nodes[1].end_token, 7u);
  EXPECT_EQ(nodes[1].subtree_end, 2u);
  EXPECT_EQ(nodes[1].parent, 0u);
  EXPECT_EQ(nodes[2].kind, SyntaxKind::Literal);  // the sibling keeps its kind
  EXPECT_EQ(nodes[2].subtree_end, 3u);
  EXPECT_EQ(nodes[2].parent, 0u);
}

TEST(DepthCut, AMillionDeepChainIsCutInOnePass) {
  const uint32_t n = 1000000;
  std::vector<Node> nodes(n);
  for (uint32_t i = 0; i < n; ++i) {
    nodes[i].kind = SyntaxKind::ParenExpr;
    nodes[i].first_token = i;
    nodes[i].end_token = 2 * n - i;
    nodes[i].subtree_end = n;
    nodes[i].parent = i == 0 ? kNoNode : i - 1;
  }
  ASSERT_TRUE(cut_deep_nodes(nodes, 256));
  EXPECT_EQ(nodes.size(), 256u);
  EXPECT_EQ(nodes.back().kind, SyntaxKind::Error);
  EXPECT_EQ(nodes.back().subtree_end, 256u);
  EXPECT_EQ(nodes.front().subtree_end, 256u);
}

}  // namespace
}  // namespace ferret::syntax
