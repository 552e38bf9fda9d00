// The syntax tree of one file: tokens, nodes in preorder, and the syntax errors.
//
// Nodes live in one contiguous array in preorder (a node is followed by its
// descendants), each with its token range, its parent and the index just past its
// subtree. Children are walked by jumping over subtrees; nothing is heap-allocated
// per node. The tree does not own the text: it keeps a view, and the caller keeps the
// text alive as long as the tree.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "syntax/syntax_error.h"
#include "syntax/syntax_kind.h"
#include "syntax/text_range.h"
#include "syntax/token.h"

namespace ferret::syntax {

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

// Node flags.
enum : uint16_t {
  kNodeSkipped = 1,  // a body the skeleton parser skipped by brace matching (no children)
};

struct Node {
  SyntaxKind kind = SyntaxKind::Error;
  uint16_t flags = 0;
  uint32_t first_token = 0;  // token range [first_token, end_token)
  uint32_t end_token = 0;
  uint32_t subtree_end = 0;  // preorder index just past the last descendant
  uint32_t parent = kNoNode;
};

class SyntaxNode;

inline constexpr Node kMissingNode{};

class SyntaxTree {
 public:
  SyntaxTree() = default;
  SyntaxTree(std::string_view text, std::vector<Token> tokens, std::vector<Node> nodes,
             std::vector<SyntaxError> errors)
      : text_(text), tokens_(std::move(tokens)), nodes_(std::move(nodes)),
        errors_(std::move(errors)) {}

  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Node>& nodes() const { return nodes_; }
  // The first kMaxKeptSyntaxErrors errors in text order; error_count() counts them all.
  const std::vector<SyntaxError>& errors() const { return errors_; }
  size_t error_count() const { return std::max(error_count_, errors_.size()); }
  void set_error_count(size_t count) { error_count_ = count; }

  SyntaxNode root() const;
  SyntaxNode node(NodeId id) const;

  // kNoNode (or any id out of range) reads as an empty ERROR node without parent or
  // children, so a lookup through a missing child degrades instead of reading past
  // the array.
  const Node& at(NodeId id) const { return id < nodes_.size() ? nodes_[id] : kMissingNode; }
  TextRange range(NodeId id) const;
  std::string_view token_text(uint32_t token) const {
    const Token& t = tokens_[token];
    return text_.substr(t.start, t.len);
  }
  TokenKind token_kind(uint32_t token) const { return tokens_[token].kind; }

  NodeId first_child(NodeId id) const {
    return id + 1 < nodes_[id].subtree_end ? id + 1 : kNoNode;
  }
  NodeId next_sibling(NodeId id) const {
    const Node& n = nodes_[id];
    if (n.parent == kNoNode) return kNoNode;
    return n.subtree_end < nodes_[n.parent].subtree_end ? n.subtree_end : kNoNode;
  }

  // Index of the token whose range contains `offset`, or of the first token after it
  // (the Eof token at the end).
  uint32_t token_at_offset(uint32_t offset) const;
  // The innermost node whose byte range contains `offset` (the root when none does).
  NodeId innermost_node_at(uint32_t offset) const;

  // Whether every delimiter of the text has its partner, so the parse needed no
  // indentation heuristics (what an incremental reparse relies on).
  bool delimiters_balanced() const { return balanced_; }
  void set_delimiters_balanced(bool balanced) { balanced_ = balanced; }

  // Heap bytes held by tokens, nodes and errors (for memory measurements).
  size_t memory_bytes() const;

 private:
  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<Node> nodes_;
  std::vector<SyntaxError> errors_;
  size_t error_count_ = 0;
  bool balanced_ = false;
};

// A cheap handle to one node of a tree: the tree pointer and the node index.
class SyntaxNode {
 public:
  SyntaxNode() = default;
  SyntaxNode(const SyntaxTree* tree, NodeId id) : tree_(tree), id_(id) {}

  explicit operator bool() const { return tree_ != nullptr && id_ != kNoNode; }
  NodeId id() const { return id_; }
  const SyntaxTree& tree() const { return *tree_; }
  SyntaxKind kind() const { return tree_->at(id_).kind; }
  uint16_t flags() const { return tree_->at(id_).flags; }
  TextRange range() const { return tree_->range(id_); }
  std::string_view text() const;
  uint32_t first_token() const { return tree_->at(id_).first_token; }
  uint32_t end_token() const { return tree_->at(id_).end_token; }

  SyntaxNode parent() const { return {tree_, tree_->at(id_).parent}; }
  SyntaxNode first_child() const { return {tree_, tree_->first_child(id_)}; }
  SyntaxNode next_sibling() const { return {tree_, tree_->next_sibling(id_)}; }
  // The first child of kind k (none: an empty handle).
  SyntaxNode child(SyntaxKind k) const;
  // The index of the first own token (not inside a child) of kind k, or UINT32_MAX.
  uint32_t own_token(TokenKind k) const;

  // Iteration over direct children: for (SyntaxNode c : node.children()) …
  class ChildIterator {
   public:
    ChildIterator(const SyntaxTree* t, NodeId id) : tree_(t), id_(id) {}
    SyntaxNode operator*() const { return {tree_, id_}; }
    ChildIterator& operator++() {
      id_ = tree_->next_sibling(id_);
      return *this;
    }
    bool operator!=(const ChildIterator& o) const { return id_ != o.id_; }

   private:
    const SyntaxTree* tree_;
    NodeId id_;
  };
  struct Children {
    const SyntaxTree* tree;
    NodeId first;
    ChildIterator begin() const { return {tree, first}; }
    ChildIterator end() const { return {tree, kNoNode}; }
  };
  Children children() const { return {tree_, tree_->first_child(id_)}; }

  bool operator==(const SyntaxNode& o) const { return tree_ == o.tree_ && id_ == o.id_; }

 private:
  const SyntaxTree* tree_ = nullptr;
  NodeId id_ = kNoNode;
};

inline SyntaxNode SyntaxTree::root() const { return {this, nodes_.empty() ? kNoNode : 0}; }
inline SyntaxNode SyntaxTree::node(NodeId id) const { return {this, id}; }

}  // namespace ferret::syntax
