// SyntaxTree queries: byte ranges of nodes, token and innermost-node lookup by offset,
// child lookup helpers of SyntaxNode.
#include "syntax/syntax_tree.h"

#include <algorithm>

namespace ferret::syntax {

TextRange SyntaxTree::range(NodeId id) const {
  const Node& n = nodes_[id];
  if (n.parent == kNoNode) return {0, static_cast<uint32_t>(text_.size())};
  if (n.end_token <= n.first_token) {
    uint32_t at = tokens_[std::min<size_t>(n.first_token, tokens_.size() - 1)].start;
    return {at, at};
  }
  return {tokens_[n.first_token].start, tokens_[n.end_token - 1].end()};
}

uint32_t SyntaxTree::token_at_offset(uint32_t offset) const {
  auto it = std::upper_bound(tokens_.begin(), tokens_.end(), offset,
                             [](uint32_t off, const Token& t) { return off < t.end(); });
  if (it == tokens_.end()) return static_cast<uint32_t>(tokens_.size() - 1);
  return static_cast<uint32_t>(it - tokens_.begin());
}

NodeId SyntaxTree::innermost_node_at(uint32_t offset) const {
  if (nodes_.empty()) return kNoNode;
  NodeId cur = 0;
  for (;;) {
    NodeId next = kNoNode;
    for (NodeId c = first_child(cur); c != kNoNode; c = next_sibling(c)) {
      TextRange r = range(c);
      if (r.contains(offset)) {
        next = c;
        break;
      }
      if (r.start > offset) break;
    }
    if (next == kNoNode) return cur;
    cur = next;
  }
}

size_t SyntaxTree::memory_bytes() const {
  size_t bytes = tokens_.capacity() * sizeof(Token) + nodes_.capacity() * sizeof(Node) +
                 errors_.capacity() * sizeof(SyntaxError);
  for (const SyntaxError& e : errors_) bytes += e.message.capacity();
  return bytes;
}

std::string_view SyntaxNode::text() const {
  TextRange r = range();
  return tree_->text().substr(r.start, r.size());
}

SyntaxNode SyntaxNode::child(SyntaxKind k) const {
  for (SyntaxNode c : children()) {
    if (c.kind() == k) return c;
  }
  return {};
}

uint32_t SyntaxNode::own_token(TokenKind k) const {
  const Node& n = tree_->at(id_);
  uint32_t t = n.first_token;
  NodeId c = tree_->first_child(id_);
  while (t < n.end_token) {
    if (c != kNoNode && tree_->at(c).first_token <= t && tree_->at(c).end_token > t) {
      t = tree_->at(c).end_token;
      c = tree_->next_sibling(c);
      continue;
    }
    if (c != kNoNode && tree_->at(c).end_token <= t) {
      c = tree_->next_sibling(c);
      continue;
    }
    if (tree_->token_kind(t) == k) return t;
    ++t;
  }
  return UINT32_MAX;
}

}  // namespace ferret::syntax
