// Walks of the crate graph.
#include "base/crate_graph.h"

namespace ferret::base {

namespace {

// Depth first, dependencies before dependents; an explicit stack, so a long chain of
// crates cannot exhaust the call stack.
void visit(const CrateGraph& g, CrateId root, std::vector<uint8_t>& state, std::vector<CrateId>& order) {
  if (root >= g.size() || state[root] != 0) return;
  std::vector<std::pair<CrateId, size_t>> stack{{root, 0}};
  state[root] = 1;
  while (!stack.empty()) {
    auto& [c, next] = stack.back();
    if (next < g[c].deps.size()) {
      CrateId d = g[c].deps[next++].crate;
      if (d < g.size() && state[d] == 0) {
        state[d] = 1;
        stack.push_back({d, 0});
      }
      continue;
    }
    state[c] = 2;
    order.push_back(c);
    stack.pop_back();
  }
}

}  // namespace

std::vector<CrateId> dependency_order(const CrateGraph& g) {
  std::vector<CrateId> order;
  std::vector<uint8_t> state(g.size(), 0);
  for (CrateId c = 0; c < g.size(); ++c) visit(g, c, state, order);
  return order;
}

std::vector<CrateId> dependency_order(const CrateGraph& g, CrateId root) {
  std::vector<CrateId> order;
  std::vector<uint8_t> state(g.size(), 0);
  visit(g, root, state, order);
  return order;
}

}  // namespace ferret::base
