// Collects the items of a tree that lie outside bodies, in source order.
#include "syntax/item_outline.h"

namespace ferret::syntax {

namespace {

bool holds_items(SyntaxKind k) {
  return k == SyntaxKind::SourceFile || k == SyntaxKind::ItemList ||
         k == SyntaxKind::AssocItemList || k == SyntaxKind::ExternItemList || is_item(k);
}

void collect(const SyntaxTree& tree, NodeId id, int depth, std::vector<OutlineItem>& out) {
  for (NodeId c = tree.first_child(id); c != kNoNode; c = tree.next_sibling(c)) {
    SyntaxKind k = tree.at(c).kind;
    if (is_item(k)) {
      SyntaxNode node = tree.node(c);
      SyntaxNode name = node.child(SyntaxKind::Name);
      out.push_back({k, name ? std::string(name.text()) : std::string(), node.range(), depth});
      collect(tree, c, depth + 1, out);
    } else if (holds_items(k)) {
      collect(tree, c, depth, out);
    }
  }
}

}  // namespace

std::vector<OutlineItem> item_outline(const SyntaxTree& tree) {
  std::vector<OutlineItem> out;
  if (!tree.nodes().empty()) collect(tree, 0, 0, out);
  return out;
}

}  // namespace ferret::syntax
