// Unit tests of base::dependency_order: dependencies before dependents, each crate once,
// cycles (which Cargo forbids but a broken graph may hold) cut, long chains walked
// without recursion.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/crate_graph.h"

namespace ferret::base {
namespace {

CrateGraph graph_of(size_t n, const std::vector<std::pair<CrateId, CrateId>>& edges) {
  CrateGraph g;
  for (size_t i = 0; i < n; ++i) {
    CrateData c;
    c.name = "c" + std::to_string(i);
    g.add(std::move(c));
  }
  for (auto [from, to] : edges) g[from].deps.push_back(CrateDependency{"c" + std::to_string(to), to, true});
  return g;
}

size_t position(const std::vector<CrateId>& order, CrateId c) {
  return static_cast<size_t>(std::find(order.begin(), order.end(), c) - order.begin());
}

TEST(DependencyOrder, DependenciesComeFirst) {
  // 0 -> 1 -> 3, 0 -> 2 -> 3, 4 alone
  CrateGraph g = graph_of(5, {{0, 1}, {0, 2}, {1, 3}, {2, 3}});
  std::vector<CrateId> all = dependency_order(g);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_LT(position(all, 3), position(all, 1));
  EXPECT_LT(position(all, 3), position(all, 2));
  EXPECT_LT(position(all, 1), position(all, 0));
  EXPECT_LT(position(all, 2), position(all, 0));
  std::vector<CrateId> from_one = dependency_order(g, 1);
  EXPECT_EQ(from_one, (std::vector<CrateId>{3, 1}));
  std::vector<CrateId> from_zero = dependency_order(g, 0);
  EXPECT_EQ(from_zero.size(), 4u);
  EXPECT_EQ(from_zero.back(), 0u);
}

TEST(DependencyOrder, CyclesAndBadIdsAreCut) {
  CrateGraph g = graph_of(3, {{0, 1}, {1, 2}, {2, 0}, {2, 7}});
  std::vector<CrateId> order = dependency_order(g, 0);
  EXPECT_EQ(order, (std::vector<CrateId>{2, 1, 0}));
  EXPECT_TRUE(dependency_order(g, 9).empty());
}

TEST(DependencyOrder, LongChainsNeedNoRecursion) {
  const size_t n = 200000;
  std::vector<std::pair<CrateId, CrateId>> edges;
  for (CrateId i = 0; i + 1 < n; ++i) edges.push_back({i, i + 1});
  CrateGraph g = graph_of(n, edges);
  std::vector<CrateId> order = dependency_order(g, 0);
  ASSERT_EQ(order.size(), n);
  EXPECT_EQ(order.front(), n - 1);
  EXPECT_EQ(order.back(), 0u);
}

}  // namespace
}  // namespace ferret::base
