// See depth_cut.h.
#include "syntax/depth_cut.h"

#include <algorithm>

namespace ferret::syntax {
namespace {

std::vector<int> node_depths(const std::vector<Node>& nodes) {
  std::vector<int> depth(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    uint32_t p = nodes[i].parent;
    depth[i] = p < i ? depth[p] + 1 : 1;  // preorder: a parent comes first
  }
  return depth;
}

}  // namespace

int max_node_depth(const std::vector<Node>& nodes) {
  std::vector<int> depth = node_depths(nodes);
  return depth.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
}

std::optional<uint32_t> cut_deep_nodes(std::vector<Node>& nodes, int max_depth) {
  std::vector<int> depth = node_depths(nodes);
  if (depth.empty() || *std::max_element(depth.begin(), depth.end()) <= max_depth) {
    return std::nullopt;
  }
  // kept_before[i]: how many nodes before i stay, i.e. i's index after the cut.
  std::vector<uint32_t> kept_before(nodes.size() + 1);
  for (size_t i = 0; i < nodes.size(); ++i) {
    kept_before[i + 1] = kept_before[i] + (depth[i] <= max_depth ? 1 : 0);
  }
  std::optional<uint32_t> first_cut;
  std::vector<Node> out;
  out.reserve(kept_before.back());
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (depth[i] > max_depth) continue;
    Node n = nodes[i];
    if (depth[i] == max_depth && n.subtree_end > i + 1) {
      n.kind = SyntaxKind::Error;  // its children are gone: what it was is unknown
      if (!first_cut) first_cut = n.first_token;
    }
    n.subtree_end = kept_before[std::min<size_t>(n.subtree_end, nodes.size())];
    if (n.parent != kNoNode) n.parent = kept_before[n.parent];
    out.push_back(n);
  }
  nodes = std::move(out);
  return first_cut;
}

}  // namespace ferret::syntax
